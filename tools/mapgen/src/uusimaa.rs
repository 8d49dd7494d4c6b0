//! Uusimaa split into its five welfare areas: a diagram of its 26
//! municipalities inside the region's own outline and coast, the
//! municipalities then merged into their areas.

use crate::power_diagram::Group;
use crate::projection::forward;
use crate::raster::Grid;
use crate::{area_index, facts, places, region_index, region_split};

/// Locked core radius around a municipality's sites (see
/// power_diagram::Group::core_km), km: small, as districts lie close
/// together in the dense capital region.
const MUNICIPALITY_CORE_KM: f64 = 2.0;
/// Place-name overrides apply within this distance of their municipality, km.
const OVERRIDE_RADIUS_KM: f64 = 20.0;
/// Uusimaa's five areas; an area label of the split is an index into this.
const AREAS: [&str; 5] = ["HEL", "VK", "LU", "KU", "IU"];

/// Fills Uusimaa's pixels of `alab` (area labels) with its five areas. A
/// land-locked side piece of an area goes to its Uusimaa neighbour, so each
/// area is one piece plus islands.
pub fn split(grid: &Grid, rlab: &[u8], places: &[places::Place], alab: &mut [u8]) {
    let us = region_index(facts::UUSIMAA_REGION);
    let (groups, area_of) = municipality_groups(places);
    let merge: Vec<u8> = area_of
        .iter()
        .map(|&a| AREAS.iter().position(|&c| area_index(c) == a).unwrap() as u8)
        .collect();
    let ulab = region_split::split(grid, rlab, us, groups, &merge);
    for (i, &u) in ulab.iter().enumerate() {
        if (u as usize) < AREAS.len() {
            alab[i] = area_index(AREAS[u as usize]) as u8;
        }
    }
}

/// Uusimaa municipality of a GeoNames place in Uusimaa: explicit override,
/// else the municipality minimising the power distance d² − area/π.
pub fn municipality(name: &str, p: [f64; 2]) -> usize {
    for (muni, names) in facts::PLACE_OVERRIDES {
        let k = facts::UUSIMAA.iter().position(|m| m.name == muni).unwrap();
        let q = forward(facts::UUSIMAA[k].lon, facts::UUSIMAA[k].lat);
        // Names repeat across Finland (there is a Jokiniemi near Loviisa too):
        // overrides only apply within the capital region.
        let near = (q[0] - p[0]).hypot(q[1] - p[1]) < OVERRIDE_RADIUS_KM;
        if near && names.contains(&name) {
            return k;
        }
    }
    // A place named after a municipality is its centre (Kerava would
    // otherwise go to its big neighbour Tuusula).
    let sv = facts::MUNICIPALITY_SV
        .iter()
        .find(|a| a.1 == name)
        .map(|a| a.0);
    if let Some(k) = facts::UUSIMAA
        .iter()
        .position(|m| m.name == name || Some(m.name) == sv)
    {
        return k;
    }
    let pd = |m: &facts::Municipality| {
        let q = forward(m.lon, m.lat);
        (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)
            - (m.land_km2 + m.water_km2) / std::f64::consts::PI
    };
    (0..facts::UUSIMAA.len())
        .min_by(|&a, &b| pd(&facts::UUSIMAA[a]).total_cmp(&pd(&facts::UUSIMAA[b])))
        .unwrap()
}

/// Power-diagram groups of Uusimaa's 26 municipalities (targets: land +
/// inland water) and the welfare area each belongs to.
fn municipality_groups(places: &[places::Place]) -> (Vec<Group>, Vec<usize>) {
    let mut groups = Vec::new();
    let mut area_of = Vec::new();
    for m in &facts::UUSIMAA {
        groups.push(Group {
            sites: vec![forward(m.lon, m.lat)],
            target: m.land_km2 + m.water_km2,
            core_km: MUNICIPALITY_CORE_KM,
        });
        area_of.push(area_index(m.area));
    }
    for (muni, _, lat, lon) in facts::DISTRICTS {
        let k = facts::UUSIMAA.iter().position(|m| m.name == muni).unwrap();
        groups[k].sites.push(forward(lon, lat));
    }
    for p in places.iter().filter(|p| p.admin1 == facts::UUSIMAA_ADMIN1) {
        let q = forward(p.lon, p.lat);
        groups[municipality(&p.name, q)].sites.push(q);
    }
    (groups, area_of)
}
