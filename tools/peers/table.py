#!/usr/bin/env python3
"""The markdown table of scripts/bench-compare.sh (stdlib only).

    python3 tools/peers/table.py DIR LOAD...

DIR holds, per load (e.g. 100x10), ours-<load>.json (tools/loadgen --json,
as copied by scripts/bench-sync.sh --out) and y-websocket-<load>.json,
hocuspocus-<load>.json (tools/peers/load.mjs). A missing or empty file is a
'(failed)' row. Ratios are ours ÷ peer: below 1 means ours is lower (better).
"""
import json
import os
import sys

SERVERS = [
    ("ours", "ours (SurrealKV)"),
    ("y-websocket", "y-websocket 0.1.1 (no store)"),
    ("hocuspocus", "Hocuspocus 4.7 + SQLite"),
]


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def num(x, digits=1):
    if x is None:
        return "-"
    return f"{x:.{digits}f}"


def lat(d, key):
    l = d.get(key) if d else None
    if not l or not l.get("count"):
        return None
    return l


def lost(d):
    if "lost" in d and d["lost"] is not None:
        return d["lost"]
    return (d.get("delivery") or {}).get("lost_changes")


def delivered(d):
    """Share of the (change, other client) deliveries that arrived before the
    drain ended: the fan-out percentiles cover only these."""
    f = d.get("fanout") or {}
    n, sent = d.get("clients"), d.get("sent")
    if not n or not sent or n < 2 or f.get("count") is None:
        return "-"
    return f"{100 * f['count'] / (sent * (n - 1)):.1f} %"


def peak_mib(d):
    s = d.get("server")
    if not s or not s.get("rss_peak_kib"):
        return None
    return s["rss_peak_kib"] / 1024


def anon_peak_mib(d):
    s = d.get("server")
    if not s or not s.get("anon_peak_kib"):
        return None
    return s["anon_peak_kib"] / 1024


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.3g}"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, loads = sys.argv[1], sys.argv[2:]
    print("| load (clients × /s) | server | sent | fan-out p50 / p95 / p99 ms "
          "| ack p50 / p95 / p99 ms | lost | delivered | RSS peak MiB | own (RssAnon) peak MiB "
          "| fan-out p99 ours ÷ this | RSS peak ours ÷ this | own peak ours ÷ this |")
    print("|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for l in loads:
        results = {k: load(os.path.join(out, f"{k}-{l}.json")) for k, _ in SERVERS}
        ours = results["ours"]
        ours_p99 = (lat(ours, "fanout") or {}).get("p99_ms")
        ours_rss = peak_mib(ours) if ours else None
        ours_anon = anon_peak_mib(ours) if ours else None
        label = l.replace("x", " × ")
        for key, name in SERVERS:
            d = results[key]
            if not d:
                print(f"| {label} | {name} | (failed or not run) ||||||||||")
                continue
            f = lat(d, "fanout")
            a = lat(d, "ack")
            fan = " / ".join(num(f[k], 2) for k in ("p50_ms", "p95_ms", "p99_ms")) if f else "-"
            ack = " / ".join(num(a[k], 2) for k in ("p50_ms", "p95_ms", "p99_ms")) if a else "-"
            rss = peak_mib(d)
            anon = anon_peak_mib(d)
            if key == "ours":
                r_fan = r_rss = r_anon = "1"
            else:
                r_fan = ratio(ours_p99, f["p99_ms"] if f else None)
                r_rss = ratio(ours_rss, rss)
                r_anon = ratio(ours_anon, anon)
            print(f"| {label} | {name} | {d.get('sent', '-')} | {fan} | {ack} "
                  f"| {num(lost(d), 0)} | {delivered(d)} | {num(rss)} | {num(anon)} "
                  f"| {r_fan} | {r_rss} | {r_anon} |")
    print()
    print("ack: ours = send → the server's `ack` (stored); Hocuspocus = send → "
          "SyncStatus (update applied in memory, before its SQLite store: "
          "'received'); y-websocket answers nothing (-). lost: changes some other "
          "client had not received when the 10 s drain ended; delivered: the "
          "share of (change, other client) deliveries that had, which the "
          "fan-out percentiles cover.")


if __name__ == "__main__":
    main()
