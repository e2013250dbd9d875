#!/usr/bin/env python3
"""Writes CONFORMANCE.md from the figures of differential runs (their --json files), the colour-vs-Chromium
browser test's summaries and divergences.toml.

    python3 tests/differential/render.py target/differential-short.json [target/differential-long.json] \
        [--chromium target/chromium-short.log ...] > CONFORMANCE.md

A `--chromium` file is the output of `cargo test -p devtools-e2e --test color_chromium_browser -- --ignored
--nocapture` (with `DEVTOOLS_DIFF_CASES`/`DEVTOOLS_DIFF_SEED` for a long run): its summary line and its per-entry
counts are read from it. Without any, the figures of CHROMIUM_RUNS below are used (the last runs measured, said so).
"""
import json
import pathlib
import re
import sys
import tomllib

HERE = pathlib.Path(__file__).parent
DIVERGENCES = tomllib.loads((HERE / "divergences.toml").read_text())
entries = DIVERGENCES["divergence"]
chromium_entries = DIVERGENCES.get("color_chromium", [])

args = sys.argv[1:]
chromium_logs = [args[i + 1] for i, a in enumerate(args) if a == "--chromium" and i + 1 < len(args)]
json_paths = [a for i, a in enumerate(args) if a != "--chromium" and (i == 0 or args[i - 1] != "--chromium")]
runs = [json.loads(pathlib.Path(p).read_text()) for p in json_paths]

SUMMARY = re.compile(r"color vs Chromium \((?P<browser>.*?)\): seed (?P<seed>\d+), (?P<inputs>\d+) inputs "
                     r"\((?P<accepted>\d+) accepted by devtools\), (?P<comparisons>\d+) comparisons: "
                     r"(?P<agree>\d+) agree, (?P<listed>\d+) listed divergences, (?P<unlisted>\d+) unlisted "
                     r"\((?P<time>[\d.]+) s\)")
COUNT = re.compile(r"^\s*(\d+) × (chromium-[a-z0-9-]+) \[")
PIXELS = re.compile(r"(\d+) compared, (\d+) exact, (\d+) within 1")


def read_chromium(path: str) -> dict:
    """The figures of one run of the colour-vs-Chromium browser test, from its --nocapture output."""
    text = pathlib.Path(path).read_text()
    found = SUMMARY.search(text)
    if not found:
        sys.exit(f"{path}: no 'color vs Chromium' summary line (run the test with --nocapture)")
    run = {k: (v if k in ("browser", "time") else int(v)) for k, v in found.groupdict().items()}
    run["counts"] = {m.group(2): int(m.group(1)) for m in map(COUNT.match, text.splitlines()) if m}
    pixels = PIXELS.search(text)
    run["pixels"] = [int(g) for g in pixels.groups()] if pixels else None
    return run


# The last runs measured (commit 6ddca30, Chromium 156.0.8078.114 on Debian 12, debug build), used when no
# --chromium log is given; re-measure and pass the logs to replace them.
CHROMIUM_RUNS = [
    {"browser": "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)", "seed": 1, "inputs": 3000,
     "accepted": 2462, "comparisons": 7886, "agree": 7181, "listed": 705, "unlisted": 0, "time": "4.2",
     "counts": {"chromium-bare-hex": 19, "chromium-context-keywords": 113, "chromium-css-wide-keywords": 16,
                "chromium-color5-functions": 151, "chromium-clips-outside-srgb": 403,
                "chromium-rec2020-camera-curve": 0, "chromium-single-precision-near-half": 0,
                "chromium-accepts-number-paren-after-alpha": 0, "chromium-hsl-saturation-over-100": 3},
     "pixels": [432, 421, 11]},
    {"browser": "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)", "seed": 42, "inputs": 100000,
     "accepted": 81936, "comparisons": 262052, "agree": 237173, "listed": 24879, "unlisted": 0, "time": "51.7",
     "counts": {"chromium-bare-hex": 910, "chromium-context-keywords": 3757, "chromium-css-wide-keywords": 434,
                "chromium-color5-functions": 4987, "chromium-clips-outside-srgb": 14382,
                "chromium-rec2020-camera-curve": 57, "chromium-single-precision-near-half": 1,
                "chromium-accepts-number-paren-after-alpha": 1, "chromium-hsl-saturation-over-100": 350},
     "pixels": [13571, 13211, 303]},
]
chromium_runs = [read_chromium(p) for p in chromium_logs] or CHROMIUM_RUNS
TOOLS = ["color", "cron", "jwt", "http-status"]
TITLES = {"color": "Colour", "cron": "Cron", "jwt": "JWT", "http-status": "HTTP status"}

out = ["# Conformance: devtools against independent implementations", "",
       "Written by `tests/differential/render.py` from the differential suite's own runs (issue 14); every figure",
       "below was measured by the commands shown. The suite generates inputs per tool from a seed, asks devtools'",
       "JSON API and an independent implementation, and compares. Every difference is either explained by an entry",
       "of `tests/differential/divergences.toml` (intended: devtools follows the cited text and the oracle does not;",
       "or a known bug, to be fixed) or fails the run, printed with the input, both answers and a one-line repro.",
       "CI runs the short run (`just differential`, `bash tests/differential/run.sh`); `just differential-long` is",
       "the long one. A comparison is one checked property of one case (a case's hex, its Lab, its validity...).", ""]
for run in runs:
    kind = "long" if run["long"] else "short"
    out += [f"## The {kind} run, seed {run['seed']}", "",
            f"Reproduce: `bash tests/differential/run.sh --seed {run['seed']}{' --long' if run['long'] else ''}`", "",
            "| tool | oracle | cases | comparisons | agree | intended divergences | known bugs | unlisted |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for tool in TOOLS:
        t = run["tools"].get(tool)
        if not t or "cases" not in t:
            continue
        status = {e["id"]: e["status"] for e in entries if e["tool"] == tool}
        intended = sum(n for k, n in t["divergences"].items() if not status.get(k, "").startswith("bug"))
        bugs = sum(n for k, n in t["divergences"].items() if status.get(k, "").startswith("bug"))
        pct = 100 * t["agreements"] / t["comparisons"] if t["comparisons"] else 100
        out.append(f"| {TITLES[tool]} | {t['oracle']} | {t['cases']} | {t['comparisons']} | {t['agreements']} "
                   f"({pct:.1f} %) | {intended} | {bugs} | {t['unlisted']} |")
    out.append("")

for kind, title in (("intended", "Intended divergences"), ("bug", "Known bugs (listed so the suite passes; fixing one removes its entry)")):
    out += [f"## {title}", ""]
    for tool in TOOLS:
        chosen = [e for e in entries if e["tool"] == tool and e["status"].startswith("bug") == (kind == "bug")]
        if not chosen:
            continue
        out += [f"### {TITLES[tool]}", ""]
        for e in chosen:
            seen = " / ".join(str(r["tools"].get(tool, {}).get("divergences", {}).get(e["id"], "–")) for r in runs)
            reason = " ".join(e["reason"].split())
            out += [f"- **`{e['id']}`** ({e['status']}; seen {seen} times in the runs above). {reason}",
                    f"  Standard: {e['standard']}."]
        out.append("")

out += ["## Oracles and what they cover", "",
        "- **Colour**: coloraide parses and converts; the suite adds the clamps CSS Color 4 applies (rgb() channels;",
        "  a negative hsl() saturation and hwb() whiteness/blackness at parsed-value time, then each sRGB channel of",
        "  the legacy colour, so `hsl(0 120% 80%)` is #ff8f8f; Lab/Oklab lightness, negative chroma) and rounds",
        "  hex half up from the exact value. Compared: validity, the sRGB gamut flag, hex8 (exact in gamut; within one",
        "  unit per channel after CSS Color 4 §13.2 gamut mapping, coloraide's `oklch-chroma`), Lab (±0.002) and",
        "  Oklch (±1e-5, hue ±0.001° when chroma > 0.001). Chromium's own parser is the second oracle: see below.",
        "- **Cron**: croniter lists the matching wall-clock times; in Europe/Berlin cronie's daylight-saving rule maps",
        "  them onto instants (written in the suite from the rule crates/cron/src/runs.rs documents); half the searches",
        "  start within 30 hours before a clock change. A crontab(5) matcher in the suite decides, for each difference",
        "  with croniter, whether devtools follows crontab(5) where croniter does not. 5-field expressions only (no",
        "  Quartz extensions, seconds or years).",
        "- **JWT**: PyJWT signs with keys generated per run (HS256/384/512, RS*, PS* with one RSA-2048 key, ES256/384/512,",
        "  EdDSA with Ed25519); devtools must verify and decode the same header and claims, refuse the token with one",
        "  character changed when PyJWT does, and sign tokens that PyJWT verifies; plus JWS text payloads and `=` padding.",
        "- **HTTP status**: no snapshot of the IANA registry is in the repository (crates/http-status/data is devtools'",
        "  own data), and the registry cannot be downloaded here, so Python's `http.HTTPStatus` (CPython keeps it from",
        "  the registry) is the independent list, with 104 added by hand because Python 3.11 predates it. Every code",
        "  100–599: registered or not, and the name (devtools' name, former names or registry placeholder).",
        "- **Regex, in the fuzzer**: the `regex` fuzz target (`fuzz/fuzz_targets/regex.rs`, in CI's fuzz step) checks",
        "  the `rust` flavour against the `regex` crate itself on every input: match count, each listed match's byte",
        "  and character offsets, every group's span, the group names and the substituted text. The flavour walks",
        "  matches, counts characters and expands `$1` with its own code (deadlines, budgets), so this is what it can",
        "  get wrong. The `ecmascript` and `pcre2` flavours have their differential suites against node and PHP",
        "  (`crates/regex/tests/ecmascript_node.rs`, `pcre2_php.rs`, in CI): generated cases, plus cases taken from",
        "  ECMA-262's examples, test262, WebKit's and V8's tests, and PCRE2's `testdata/testinput1`.", ""]

def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "100 %"


out += ["## Colour against Chromium's own CSS parser", "",
        "`tests/tests/color_chromium_browser.rs`, a browser test (`#[ignore]`d; CI's browser step",
        "`cargo test -p devtools-e2e -- --ignored --skip screenshots` runs it). Inputs are generated from a seed:",
        "legacy `rgb()`/`rgba()`/`hsl()`/`hsla()`/`hwb()` with commas and with spaces, numbers, percentages, exponents,",
        "angle units (deg, rad, grad, turn), `none`, out-of-range channels and alpha; hex of 3, 4, 6 and 8 digits with",
        "and without `#`; named colours in any case; `lab()`, `lch()`, `oklab()`, `oklch()` and `color()` in every",
        "predefined space; `currentcolor`, system colours, CSS-wide keywords and CSS Color 5 functions; damaged variants",
        "of all of these. One page load of the site in headless Chromium answers the whole batch in one JavaScript",
        "evaluation: `CSS.supports('color', x)`, the computed `color` of an element styled with it, and the pixel a 1×1",
        "sRGB canvas paints with that computed colour made opaque (Chromium's computed value of `lab()`, `oklch()`,",
        "`color()`... stays in its own space, so the canvas is Chromium's own conversion to sRGB). devtools answers",
        "through the running server's `GET /api/color`. Compared, per input: validity (`CSS.supports` against",
        "accept/refuse); for inputs both accept, the alpha (devtools' hex8 alpha byte against Chromium's computed alpha",
        "× 255, within the rounding of its three-decimal serialisation); for legacy colours (computed as",
        "`rgb()`/`rgba()`), `#rrggbb` exactly against Chromium's integer channels; for the other spaces, `#rrggbb`",
        "against the canvas pixel within one unit per channel. The intended divergences are the `[[color_chromium]]`",
        "entries of `tests/differential/divergences.toml`; any other difference fails the test, printed as a table",
        "with a `devtools color` repro per row.", "",
        "Reproduce: `cargo build -p devtools-web && cargo test -p devtools-e2e --test color_chromium_browser --",
        "--ignored --nocapture` (short run: seed 1, 3000 inputs); longer runs: `DEVTOOLS_DIFF_CASES=100000",
        "DEVTOOLS_DIFF_SEED=42` before the same command. " + (
            "Figures from the logs given to render.py." if chromium_logs else
            "Figures of the last runs measured (at commit 6ddca30; render.py keeps them until it is given the logs of "
            "new runs with `--chromium`)."),
        f"Browser: {chromium_runs[0]['browser']}. Times are the test's own, once the binary is built (a debug build).", "",
        "| seed | inputs | accepted by devtools | comparisons | agree | listed intended divergences | unlisted | time |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
for r in chromium_runs:
    out.append(f"| {r['seed']} | {r['inputs']} | {r['accepted']} | {r['comparisons']} | {r['agree']} "
               f"({pct(r['agree'], r['comparisons'])}) | {r['listed']} | {r['unlisted']} | {r['time']} s |")
out.append("")
seeds = " / ".join(f"seed {r['seed']}" for r in chromium_runs)
out += [f"Listed divergences (times seen: {seeds}):", ""]
for e in chromium_entries:
    seen = " / ".join(str(r["counts"].get(e["id"], "–")) for r in chromium_runs)
    reason = " ".join(e["reason"].split())
    out += [f"- **`{e['id']}`** ({e['status']}; seen {seen}). {reason}", f"  Standard: {e['standard']}."]
out.append("")
for r in chromium_runs:
    if r.get("pixels"):
        compared, exact, close = r["pixels"]
        out.append(f"Canvas pixels of colours inside sRGB in other spaces, seed {r['seed']}: {compared} compared, "
                   f"{exact} exact, {close} one unit off.")
out.append("")
print("\n".join(out).rstrip("\n"))
