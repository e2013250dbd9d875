#!/usr/bin/env python3
"""Quick structural check of the status files (the Rust tests are the real gate)."""
import re, sys, tomllib, pathlib, collections

here = pathlib.Path(__file__).parent
entries = []
for f in sorted(here.glob("*.toml")):
    with open(f, "rb") as fh:
        try:
            data = tomllib.load(fh)
        except Exception as e:
            sys.exit(f"{f.name}: {e}")
    for e in data.get("status", []):
        e["_file"] = f.name
        entries.append(e)
codes = collections.Counter(e["code"] for e in entries)
errors = [f"duplicate code {c}" for c, n in codes.items() if n > 1]
required = ["code", "name", "aliases", "summary", "explanation", "causes", "headers", "example", "related",
            "official", "source", "status"]
sentences = collections.defaultdict(set)
for e in entries:
    c = e["code"]
    for k in required:
        if k not in e:
            errors.append(f"{c}: missing {k}")
    if not (e.get("fix_client") or e.get("fix_server")):
        errors.append(f"{c}: no fixes")
    if e.get("status") not in ("current", "deprecated", "unused", "obsolete"):
        errors.append(f"{c}: bad status")
    if e.get("registration", "temporary") != "temporary":
        errors.append(f"{c}: registration is \"temporary\" or absent (permanent)")
    if "registration" in e and not e.get("official"):
        errors.append(f"{c}: a vendor code has no registration")
    if e.get("official") and "spec" not in e:
        errors.append(f"{c}: official code without spec")
    if not e.get("official") and not e.get("source"):
        errors.append(f"{c}: unofficial code without source")
    for r in e.get("related", []):
        if r == c:
            errors.append(f"{c}: related to itself")
    ex = e.get("example", "").strip().splitlines()
    if e.get("example_kind", "response") == "response":
        if not ex or not re.match(rf"HTTP/1\.1 {c} ", ex[0]):
            errors.append(f"{c}: example status line {ex[:1]}")
    elif e.get("example_kind") == "multistatus":
        if not ex or ex[0] != "HTTP/1.1 207 Multi-Status" or f"<D:status>HTTP/1.1 {c} " not in e["example"]:
            errors.append(f"{c}: a multistatus example is a 207 with the code in a DAV:status")
    elif str(c) not in e.get("example", ""):
        errors.append(f"{c}: log example without the code")
    text = " ".join([e.get("summary", ""), e.get("explanation", "")] + e.get("causes", []) +
                    e.get("fix_client", []) + e.get("fix_server", []))
    for s in re.split(r"(?<=[.!?])\s+", text):
        s = s.strip()
        if len(s) > 40:
            sentences[s].add(c)
for s, cs in sentences.items():
    if len(cs) > 1:
        errors.append(f"sentence shared by {sorted(cs)}: {s[:80]}")
known = set(codes)
missing_related = sorted({(e["code"], r) for e in entries for r in e.get("related", []) if r not in known})
print(f"{len(entries)} entries in {len(set(e['_file'] for e in entries))} files")
if missing_related:
    print("related codes not (yet) present:", missing_related)
for err in errors:
    print("ERROR", err)
sys.exit(1 if errors else 0)
