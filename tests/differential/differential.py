#!/usr/bin/env python3
"""Differential tests: generated inputs per tool, devtools' JSON API against independent implementations.

Run through tests/differential/run.sh (it makes the venv, builds and starts devtools). Every difference must be
explained by an entry of tests/differential/divergences.toml (matched by that entry's classifier in the tool's
module); any other difference fails the run, printed with the input, both answers and a one-line repro."""
from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import pathlib
import random
import sys
import time
import tomllib

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from common import Api, Tally  # noqa: E402

HERE = pathlib.Path(__file__).parent
TOOLS = {
    # tool: (module, oracle description, packages whose versions name the oracle)
    "color": ("color_diff", "coloraide", ["coloraide"]),
    "cron": ("cron_diff", "croniter (+ cronie's DST rule, Vixie day rule)", ["croniter"]),
    "jwt": ("jwt_diff", "PyJWT + cryptography", ["PyJWT", "cryptography"]),
    "http-status": ("status_diff", "Python http.HTTPStatus", []),
}
SHORT = {"color": 3000, "cron": 1500, "jwt": 600, "http-status": 500}
LONG = {"color": 40000, "cron": 20000, "jwt": 6000, "http-status": 500}


def oracle_name(tool: str) -> str:
    _, name, packages = TOOLS[tool]
    if not packages:
        return f"{name} (Python {sys.version.split()[0]})"
    versions = ", ".join(f"{p} {md.version(p)}" for p in packages)
    return versions if name == packages[0] else f"{name}: {versions}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True, help="devtools server, e.g. http://127.0.0.1:3000")
    parser.add_argument("--seed", type=int, default=None, help="random seed (printed; default: time-based)")
    parser.add_argument("--cases", type=int, default=None, help="cases per tool (default: short run sizes)")
    parser.add_argument("--long", action="store_true", help="the long run: tens of thousands of cases per tool")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    parser.add_argument("--json", type=pathlib.Path, help="write the figures and every difference here")
    parser.add_argument("--show", type=int, default=20, help="unlisted differences to print per tool")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int(time.time()) % 1_000_000
    sizes = LONG if args.long else SHORT
    print(f"differential: seed {seed} ({'long' if args.long else 'short'} run)", flush=True)

    divergences = tomllib.loads((HERE / "divergences.toml").read_text())["divergence"]
    by_tool: dict[str, list[dict]] = {}
    for entry in divergences:
        by_tool.setdefault(entry["tool"], []).append(entry)

    failed = False
    report = {"seed": seed, "long": args.long, "command": " ".join(sys.argv), "tools": {}}
    for tool in args.tools.split(","):
        module = importlib_module(TOOLS[tool][0])
        entries = by_tool.get(tool, [])
        missing = [e["id"] for e in entries if e["id"] not in module.CLASSIFIERS]
        extra = [k for k in module.CLASSIFIERS if k not in {e["id"] for e in entries}]
        if missing or extra:
            print(f"{tool}: divergences.toml and {TOOLS[tool][0]}.CLASSIFIERS disagree: "
                  f"no classifier for {missing}, not listed: {extra}")
            failed = True
            report["tools"][tool] = {"unlisted": 1, "error": "divergences.toml and classifiers disagree"}
            continue
        tally = Tally(tool, oracle_name(tool))
        rng = random.Random(f"{seed}:{tool}")
        started = time.monotonic()
        module.run(Api(args.base), rng, args.cases or sizes[tool], tally)
        seconds = time.monotonic() - started
        counts = {e["id"]: 0 for e in entries}
        unlisted = []
        for d in tally.differences:
            for e in entries:  # first matching entry wins: list the narrow ones first
                if module.CLASSIFIERS[e["id"]](d):
                    d.divergence = e["id"]
                    counts[e["id"]] += 1
                    break
            else:
                unlisted.append(d)
        intended = sum(n for k, n in counts.items() if not status_of(entries, k).startswith("bug"))
        bugs = sum(n for k, n in counts.items() if status_of(entries, k).startswith("bug"))
        print(f"{tool}: {tally.cases} cases, {tally.comparisons} comparisons against {tally.oracle}: "
              f"{tally.agreements} agree, {intended} listed intended divergences, {bugs} listed known bugs, "
              f"{len(unlisted)} unlisted ({seconds:.1f} s)", flush=True)
        for k, n in counts.items():
            if n:
                print(f"    {n:6} × {k} [{status_of(entries, k)}]")
        for e in entries:
            if e.get("status", "").startswith("bug") and not counts[e["id"]] and e.get("expect_seen", True):
                print(f"    note: {e['id']} was not seen this run; if it is fixed, remove it from divergences.toml")
        for d in unlisted[: args.show]:
            print(f"  UNLISTED {tool} {d.check}: input {d.input!r}\n    devtools: {d.devtools}\n"
                  f"    oracle:   {d.oracle}\n    repro:    {d.repro}")
        if len(unlisted) > args.show:
            print(f"  ... and {len(unlisted) - args.show} more unlisted differences")
        failed |= bool(unlisted)
        report["tools"][tool] = {
            "oracle": tally.oracle, "cases": tally.cases, "comparisons": tally.comparisons,
            "agreements": tally.agreements, "divergences": counts, "unlisted": len(unlisted),
            "seconds": round(seconds, 1),
            "differences": [vars(d) for d in tally.differences[:2000]],
        }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, default=str))
    bad = sum(1 for t in report["tools"].values() if t["unlisted"])
    print(f"differential: {len(report['tools']) - bad} passed, {bad} failed")
    return 1 if failed else 0


def status_of(entries, key):
    return next(e["status"] for e in entries if e["id"] == key)


def importlib_module(name):
    import importlib
    return importlib.import_module(name)


if __name__ == "__main__":
    sys.exit(main())
