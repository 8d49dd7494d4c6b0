use super::LevelSwatch;
use crate::format;
use crate::indicators::Indicator;
use crate::model::Area;
use crate::text::t;
use leptos::prelude::*;

/// The map's data as a table: the same areas, the same indicator values.
/// Screen-reader users and phone users get everything without the map.
#[component]
pub fn AreaTable(areas: Signal<Vec<Area>>, indicator: Signal<Indicator>) -> impl IntoView {
    let t = t();
    view! {
        <div class="table-wrap">
            <table class="area-table">
                <caption>{t.table_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_area}</th>
                        <th scope="col" class="num">{t.col_population}</th>
                        <th scope="col">{move || t.indicator(indicator.get())}</th>
                    </tr>
                </thead>
                <tbody>
                    {areas
                        .get_untracked()
                        .into_iter()
                        .map(|area| {
                            // The rows are the fixed 22; their values follow
                            // the live areas.
                            let level = {
                                let code = area.code.clone();
                                move || {
                                    areas.with(|all| {
                                        all.iter()
                                            .find(|a| a.code == code)
                                            .map(|a| indicator.get().level(a))
                                            .unwrap_or(crate::indicators::Level::L0)
                                    })
                                }
                            };
                            let level2 = level.clone();
                            view! {
                                <tr data-row=area.code.clone()>
                                    <th scope="row">
                                        <a href=format!("/areas/{}", area.code)>{area.short_name()}</a>
                                    </th>
                                    <td class="num">{format::number(area.population)}</td>
                                    <td>
                                        <span class="value">
                                            {move || view! { <LevelSwatch level=level()/> }}
                                            {move || t.indicator_level(indicator.get(), level2())}
                                        </span>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
