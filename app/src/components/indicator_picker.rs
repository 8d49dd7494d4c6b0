use crate::indicators::Indicator;
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The indicator the address asks for (`?indicator=`), so a coloured map
/// can be shared and embedded; the contact person by default.
pub fn indicator_in_url() -> Signal<Indicator> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || {
        query
            .read()
            .get("indicator")
            .and_then(|k| Indicator::from_key(&k))
            .unwrap_or(Indicator::ContactNamed)
    })
}

/// Chooses what the map is coloured by. A plain GET form, so it works
/// before the app has loaded; afterwards a change applies at once.
#[component]
pub fn IndicatorPicker(indicator: Signal<Indicator>) -> impl IntoView {
    let navigate = use_navigate();
    let on_change = move |ev: leptos::ev::Event| {
        let key = event_target_value(&ev);
        navigate(
            &format!("/?indicator={key}"),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    view! {
        <form class="indicator-picker" method="get" action="/">
            <label for="indicator">{t().indicator_label}</label>
            <div class="picker-row">
                <select id="indicator" name="indicator" on:change=on_change
                    prop:value=move || indicator.get().key()>
                    {Indicator::ALL
                        .into_iter()
                        .map(|i| {
                            view! {
                                <option value=i.key() selected=move || indicator.get() == i>
                                    {t().indicator(i)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="secondary">{t().indicator_show}</button>
            </div>
        </form>
    }
}
