//! The 18 Natural Earth regions projected to equal-area km and rasterised
//! on one grid: a region label per pixel, the starting point of every later
//! step.

use crate::facts;
use crate::projection::forward;
use crate::raster::{self, Grid, OUTSIDE};
use crate::{area_index, regions, RES_KM};

/// The grid and each pixel's region (index into [`facts::REGIONS`], or
/// OUTSIDE in the sea). The regions tile the country, so a pixel centre lies
/// in one region; the few pixels two regions both claim keep the first.
pub fn rasterize(regions: &[String]) -> Result<(Grid, Vec<u8>), String> {
    if regions.len() != facts::REGIONS.len() {
        return Err(format!("expected {} regions", facts::REGIONS.len()));
    }
    let projected: Vec<Vec<Vec<[f64; 2]>>> = regions
        .iter()
        .zip(facts::REGIONS)
        .map(|(text, (code, ..))| {
            let polys = regions::parse(text).map_err(|e| format!("{code}: {e}"))?;
            Ok(polys
                .iter()
                .flatten()
                .map(|r| r.iter().map(|p| forward(p[0], p[1])).collect())
                .collect())
        })
        .collect::<Result<_, String>>()?;
    let all: Vec<Vec<[f64; 2]>> = projected.iter().flatten().cloned().collect();
    let grid = Grid::covering(&all, RES_KM);
    let (w, h) = (grid.w, grid.h);
    let mut rlab = vec![OUTSIDE; w * h];
    let mut doubly = 0;
    for (ri, rings) in projected.iter().enumerate() {
        for (i, inside) in raster::rasterize(&grid, rings).into_iter().enumerate() {
            if inside {
                if rlab[i] == OUTSIDE {
                    rlab[i] = ri as u8;
                } else {
                    doubly += 1;
                }
            }
        }
    }
    let pixel_km2 = RES_KM * RES_KM;
    eprintln!(
        "grid {w}×{h}, land {:.0} km², {doubly} pixels in two regions",
        rlab.iter().filter(|&&l| l != OUTSIDE).count() as f64 * pixel_km2
    );
    Ok((grid, rlab))
}

/// Area label per pixel (index into [`facts::AREAS`]) where a region is one
/// area as it stands. Uusimaa is left OUTSIDE, since [`crate::uusimaa`]
/// fills it in; the regions that lost a municipality in 2021 keep their area
/// here and [`crate::moves`] overwrites the moved pixels.
pub fn areas_of_regions(rlab: &[u8]) -> Vec<u8> {
    rlab.iter()
        .map(|&r| {
            if r == OUTSIDE {
                OUTSIDE
            } else {
                let area = facts::REGIONS[r as usize].1;
                if area == facts::UUSIMAA_REGION {
                    OUTSIDE
                } else {
                    area_index(area) as u8
                }
            }
        })
        .collect()
}
