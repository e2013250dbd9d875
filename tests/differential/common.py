"""Shared plumbing of the differential suite: the devtools JSON API client, difference records and the
divergence list (divergences.toml), which every tool module matches its differences against."""
from __future__ import annotations

import json
import shlex
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field


class Api:
    """The running devtools server's JSON API (`devtools serve`); one keep-alive-free client is enough here."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")

    def get(self, path: str, **query) -> tuple[int, dict]:
        url = f"{self.base}{path}"
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        return self._send(urllib.request.Request(url))

    def post(self, path: str, body: dict) -> tuple[int, dict]:
        data = json.dumps(body).encode()
        req = urllib.request.Request(f"{self.base}{path}", data=data, headers={"content-type": "application/json"})
        return self._send(req)

    @staticmethod
    def _send(req) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(req, timeout=30) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")


@dataclass
class Difference:
    """One input on which devtools and the oracle disagree."""

    tool: str
    check: str  # what was compared, e.g. "hex", "validity", "next runs (UTC)"
    input: str
    devtools: object
    oracle: object
    repro: str  # a one-line command that shows devtools' side
    divergence: str | None = None  # the id of the listed divergence that explains it, if any


@dataclass
class Tally:
    tool: str
    oracle: str
    cases: int = 0
    comparisons: int = 0
    agreements: int = 0
    differences: list[Difference] = field(default_factory=list)

    def agree(self, n: int = 1):
        self.comparisons += n
        self.agreements += n

    def differ(self, difference: Difference):
        self.comparisons += 1
        self.differences.append(difference)


def curl_get(path: str, **query) -> str:
    args = " ".join(f"--data-urlencode {shlex.quote(f'{k}={v}')}" for k, v in query.items() if v is not None)
    return f"curl -sG http://127.0.0.1:3000{path} {args}".rstrip()


def curl_post(path: str, body: dict) -> str:
    return (f"curl -s http://127.0.0.1:3000{path} -H 'content-type: application/json' "
            f"-d {shlex.quote(json.dumps(body, separators=(',', ':')))}")


def cli(*args: str) -> str:
    return "devtools " + " ".join(shlex.quote(a) for a in args) + " --json"
