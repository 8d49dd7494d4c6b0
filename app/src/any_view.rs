//! Type-erased views without the async hydration path.
//!
//! Leptos 0.8's `AnyView` keeps two hydration functions for every erased
//! type: the synchronous one (what `hydrate_body` uses) and an async one
//! that only lazy routes call. Both are function pointers, so the compiler
//! keeps both, and the async one pulls in an async copy of the hydration
//! code of the whole view below it: measured at 1.4 MB of the 7.7 MB of
//! release wasm code (leptos-rs/leptos#4852; gated out only on the 0.9
//! branch). This app has no lazy routes, so every view it erases goes
//! through [`Erase::erase`], which wraps it in [`SyncHydrate`]: a view
//! that renders and hydrates exactly like the one inside, and whose async
//! hydration is the trait's default, the synchronous one. The async copy is
//! then never instantiated. `clippy.toml` forbids `into_any` in the app so
//! no erased view brings it back.

use leptos::prelude::*;
use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::{add_attr::AddAnyAttr, Position, PositionState, Render, RenderHtml};

/// A view that hydrates like `V` but has no async hydration of its own.
pub struct SyncHydrate<V>(pub V);

/// `erase()`: the app's one way to erase a view's type (see the module).
pub trait Erase {
    fn erase(self) -> AnyView;
}

impl<V> Erase for V
where
    V: RenderHtml + Send + 'static,
{
    #[allow(clippy::disallowed_methods)] // the one place `into_any` is meant
    fn erase(self) -> AnyView {
        SyncHydrate(self).into_any()
    }
}

impl<V: Render> Render for SyncHydrate<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<V: AddAnyAttr> AddAnyAttr for SyncHydrate<V> {
    type Output<SomeNewAttr: Attribute> = SyncHydrate<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        SyncHydrate(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for SyncHydrate<V> {
    type AsyncOutput = SyncHydrate<V::AsyncOutput>;
    type Owned = SyncHydrate<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        SyncHydrate(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        );
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    // `hydrate_async` is left to the trait's default: `hydrate` in a future.

    fn into_owned(self) -> Self::Owned {
        SyncHydrate(self.0.into_owned())
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use leptos::tachys::html::attribute::custom::custom_attribute;

    #[test]
    fn renders_what_the_view_inside_renders() {
        let page = || {
            view! {
                <p class="lead">"Alueet: " {22}</p>
                <ul><li>"HYTE"</li><li>{Some("kiertue")}</li></ul>
            }
        };
        let plain = page().to_html();
        assert!(plain.contains(r#"<p class="lead">"#), "{plain}");
        assert_eq!(page().erase().to_html(), plain);
    }

    #[test]
    fn passes_spread_attributes_to_the_view_inside() {
        let html = SyncHydrate(view! { <p>"x"</p> })
            .add_any_attr(custom_attribute("id", "kortti"))
            .to_html();
        assert!(html.starts_with(r#"<p id="kortti">"#), "{html}");
    }
}
