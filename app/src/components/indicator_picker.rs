use crate::indicators::Indicator;
use crate::text::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

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
