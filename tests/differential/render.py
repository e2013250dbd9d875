#!/usr/bin/env python3
"""Writes CONFORMANCE.md from the figures of differential runs (their --json files) and divergences.toml.

    python3 tests/differential/render.py target/differential-short.json [target/differential-long.json] > CONFORMANCE.md
"""
import json
import pathlib
import sys
import tomllib

HERE = pathlib.Path(__file__).parent
entries = tomllib.loads((HERE / "divergences.toml").read_text())["divergence"]
runs = [json.loads(pathlib.Path(p).read_text()) for p in sys.argv[1:]]
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
        "- **Colour**: coloraide parses and converts; the suite adds the clamps CSS Color 4 applies at parsed-value",
        "  time (legacy rgb()/hsl()/hwb() channels and percentages, Lab/Oklab lightness, negative chroma) and rounds",
        "  hex half up from the exact value. Compared: validity, the sRGB gamut flag, hex8 (exact in gamut; within one",
        "  unit per channel after CSS Color 4 §13.2 gamut mapping, coloraide's `oklch-chroma`), Lab (±0.002) and",
        "  Oklch (±1e-5, hue ±0.001° when chroma > 0.001). Not yet: Chromium's own parser (issue 14 asks for it too).",
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
        "  100–599: registered or not, and the name (devtools' name, former names or registry placeholder).", ""]
print("\n".join(out))
