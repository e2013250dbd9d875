"""HTTP status: devtools' registry codes against Python's http.HTTPStatus.

No copy of the IANA HTTP Status Code Registry is in the repository (crates/http-status/data is devtools' own
hand-written data, so not independent) and the registry itself cannot be fetched here; Python's http.HTTPStatus,
maintained from the same registry by CPython, is the independent list. Every code 100–599 is a case: both must agree
on whether it is a registered code, and on its name (devtools' name or one of its former names, ignoring case and
punctuation)."""
from __future__ import annotations

import random
import re
from http import HTTPStatus

from common import Api, Difference, Tally, cli, curl_get


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def run(api: Api, rng: random.Random, cases: int, tally: Tally):
    status, listing = api.get("/api/http-status")
    official = {entry["code"]: entry for entry in listing if entry.get("official")}
    python = {int(s): s.phrase for s in HTTPStatus}
    python.update(REGISTRY_NEWER)
    for code in range(100, 100 + min(cases, 500)):
        tally.cases += 1
        repro = cli("status", str(code))
        known_dev, known_py = code in official, code in python
        if known_dev != known_py:
            tally.differ(Difference("http-status", "registered", str(code),
                                    official[code]["name"] if known_dev else "not a registry code",
                                    python.get(code, "not in http.HTTPStatus"), repro))
            continue
        tally.agree()
        if not known_dev:
            continue
        _, detail = api.get(f"/api/http-status/{code}")
        names = [detail["name"], *detail.get("aliases", []), detail.get("registry_name") or ""]
        if norm(python[code]) in {norm(n) for n in names if n}:
            tally.agree()
        else:
            tally.differ(Difference("http-status", "name", str(code), names, python[code], repro))


def _python_lacks(d: Difference) -> bool:
    return d.check == "registered" and d.oracle == "not in http.HTTPStatus" and d.input in PYTHON_LACKS


# Registry entries newer than Python 3.11's list, added by hand with their source: 104 is a temporary registration
# (draft-ietf-httpbis-resumable-upload), in the registry since 2024-11 (issue 14 class 6).
REGISTRY_NEWER = {104: "Upload Resumption Supported"}
# Registry codes that Python 3.11's http.HTTPStatus does not list (checked against RFC 9110 §15).
PYTHON_LACKS = {"306"}

CLASSIFIERS = {
    "status-python-lacks-306": _python_lacks,
}
