//! The installable web app's service worker: `/sw.js` is `sw.js` with this
//! build's id and asset list in front, made once at start from the site
//! directory cargo-leptos wrote. The id is a hash of the assets' contents,
//! so every process serving the same build serves the same script (several
//! processes behind one address must not make browsers flip between
//! versions), and a new build gets a new cache.

use axum::http::header;
use axum::response::IntoResponse;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("sw.js");

/// Pages worth having offline before they are first opened: the map, the
/// tour and the roadmap. Everything else is kept once visited.
const PAGES: [&str; 3] = ["/", "/tour", "/roadmap"];

/// Asset kinds the app shell is made of. ECharts (`vendor/`) is left to
/// the survey pages that use it: half a megabyte is not for every phone.
const EXTENSIONS: [&str; 6] = ["js", "wasm", "css", "png", "svg", "webmanifest"];

fn assets(site_root: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let mut dirs = vec![site_root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(rel) = path.strip_prefix(site_root) else {
                continue;
            };
            let url = format!("/{}", rel.to_string_lossy().replace('\\', "/"));
            if path.is_dir() {
                if url != "/vendor" {
                    dirs.push(path);
                }
            } else if url != "/sw.js"
                && path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e))
            {
                found.push((url, path));
            }
        }
    }
    found.sort();
    found
}

/// The script for the site at `site_root`.
pub fn script(site_root: &Path) -> String {
    let assets = assets(site_root);
    let mut hash = Sha256::new();
    for (url, path) in &assets {
        hash.update(url.as_bytes());
        hash.update(std::fs::read(path).unwrap_or_default());
    }
    // The worker's own code is part of the build too.
    hash.update(TEMPLATE.as_bytes());
    let build: String = hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let list: Vec<&str> = PAGES
        .iter()
        .copied()
        .chain(assets.iter().map(|(url, _)| url.as_str()))
        .collect();
    format!(
        "const BUILD = '{build}';\nconst PRECACHE = {};\n{TEMPLATE}",
        serde_json::to_string(&list).expect("a list of strings serialises")
    )
}

/// `GET /sw.js`. Never cached by HTTP, so a new build is noticed on the
/// next visit.
pub fn response(script: &str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        script.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_and_the_build_id_follow_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::create_dir_all(root.join("vendor")).unwrap();
        std::fs::write(root.join("pkg/app.wasm"), b"wasm-1").unwrap();
        std::fs::write(root.join("pkg/app.js"), b"js").unwrap();
        std::fs::write(root.join("vendor/echarts.min.js"), b"big").unwrap();
        std::fs::write(root.join("sw.js"), b"old").unwrap();
        std::fs::write(root.join("notes.txt"), b"x").unwrap();
        let first = script(root);
        assert!(
            first.contains(
                r#"const PRECACHE = ["/","/tour","/roadmap","/pkg/app.js","/pkg/app.wasm"];"#
            ),
            "{first}"
        );
        // The same files give the same script (several processes agree);
        // a changed asset gives a new build id.
        assert_eq!(script(root), first);
        std::fs::write(root.join("pkg/app.wasm"), b"wasm-2").unwrap();
        let second = script(root);
        assert_ne!(second.lines().next(), first.lines().next());
        assert!(second.contains("self.addEventListener('install'"));
    }
}
