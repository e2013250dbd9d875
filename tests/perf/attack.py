#!/usr/bin/env python3
"""Attack suite for issue 11: no request can stall or crash the site.

Starts the release binary on a free loopback port (RUST_LOG=warn, log in target/attack-server.log), sends it the
most expensive requests each tool accepts and slow or silent clients, and checks, per row:

- every answer comes within the deadline (2 s by default, --deadline) plus 100 ms; the slow-client families are
  judged instead on whether the server closed every socket within the watch window and kept serving;
- cheap probes (GET /healthz and GET /http-status/403 alternately, a fresh connection each, 5 s client timeout,
  from a separate process) keep a p99 under 50 ms and never fail while the attack runs;
- the server's peak RSS stays under 256 MiB (VmHWM, reset per row through /proc/PID/clear_refs, and VmRSS
  sampled every 20 ms; the suite-wide peak is checked too). The largest isolated job (a `devtools __work` child
  running one regex search, bounded by its own address-space limit) is reported beside it as "job ≤ N MiB"
  (its VmHWM or VmRSS, sampled every 20 ms while it lives), not checked;
- the process never dies (and exits 0 on SIGTERM at the end);
- no 5xx but a 503 busy refusal with Retry-After (503s are counted).

A request family runs every case alone (row 1, the worst answer reported), then 2, 8 and 32 copies of its worst
case at once (2 and 8 with --short). A slow-client family runs all its cases at once, with 1 socket each and
then more per level. When the server stops answering (a request hits the client timeout, or /healthz stays
silent), the rest of the family is skipped and the server is restarted; when it dies, that is reported and it is
restarted. A memory guard protects the host: the server runs under `ulimit -v` (4 GiB) and is killed above 2 GiB
RSS (reported as a death). Every loop is bounded in count and time; every socket operation has a timeout.

Usage: python3 tests/perf/attack.py [--short] [--families a,b] [--binary PATH] [--port N] [--json PATH]
       [--deadline S] [--strict] [--list] (see --help)
Python 3.11 standard library only; `openssl` on PATH for the RSA keys of the jwt family (cached in
target/attack-keys/; sizes that take too long to generate are skipped and reported).
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import re
import resource
import selectors
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
HOST = "127.0.0.1"
MIB = 1024 * 1024

# Limits of the site as they stand (web/src/lib.rs, crates/*/src): used to size requests at the limits.
BODY_LIMIT = 4 * MIB  # web/src/lib.rs BODY_LIMIT
REGEX_MAX_TEXT = MIB  # crates/regex MAX_TEXT_LEN
REGEX_MAX_REPLACEMENT = 8 * 1024  # crates/regex MAX_REPLACEMENT_LEN
REGEX_MAX_REPLACED = 8 * MIB  # crates/regex MAX_REPLACED_LEN
JWT_MAX_KEY = 256 * 1024  # crates/jwt MAX_KEY_LEN
JWT_MAX_JWKS = 100  # crates/jwt MAX_JWKS_KEYS
CRON_MAX_COUNT = 100  # crates/cron web MAX_COUNT
COLOR_MAX_INPUT = 256  # crates/color MAX_INPUT

RSS_TARGET_KIB = 256 * 1024
PROBE_P99_TARGET = 0.050
# A p99 needs at least 100 probes: with fewer, the nearest-rank p99 is the slowest probe, so one scheduler hiccup
# on a 2-core machine (a probe at 73 ms while 8 JWT requests of 4 MiB run) decided the verdict. A row with fewer
# probes (a short row: one probe every ~11 ms) is judged on the p99 of its family's probes pooled, and on its own
# slowest probe against PROBE_STALL, which a server that really stops serving cheap requests still fails.
PROBE_P99_MIN_SAMPLES = 100
PROBE_STALL = 0.250
PROBE_TIMEOUT = 5.0
PROBE_PATHS = ("/healthz", "/http-status/403")


# ---------------------------------------------------------------------------------------------------------------
# HTTP on raw sockets: one request per connection, every operation under a timeout, the body read and discarded.


def error_kind(status: int | None, head: bytes) -> str | None:
    """The `error` field of a JSON error body (only its first bytes are kept)."""
    if status is None or status < 400:
        return None
    text = head.decode("utf-8", "replace")
    match = re.search(r'"error"\s*:\s*"([^"]{1,64})"', text)
    return match.group(1) if match else None


def http_request(port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None,
                 timeout: float = 30.0, keep: int = 4096) -> dict:
    """Sends one request on a fresh connection and reads the whole answer, discarding all but its first bytes.

    `timeout` bounds each socket operation and the whole exchange. The result records the status, the JSON error
    kind, the time to the status line (`ttfb`) and to the last byte (`elapsed`), the body size, Retry-After, and
    for failures `fail`: timeout, reset, closed (no answer), refused or incomplete.
    """
    result: dict = {"status": None, "kind": None, "fail": None, "ttfb": None, "elapsed": None, "bytes": 0,
                    "retry_after": None, "sent_all": True}
    start = time.monotonic()
    sock = None
    try:
        sock = socket.create_connection((HOST, port), timeout=min(timeout, 10.0))
        sock.settimeout(timeout)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close",
                 "User-Agent: devtools-attack", "Accept: */*"]
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        if body or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body)}")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            # The server may have answered early (413) and closed: read what it said.
            result["sent_all"] = False
        response = http.client.HTTPResponse(sock, method=method)
        response.begin()
        result["ttfb"] = time.monotonic() - start
        result["status"] = response.status
        result["retry_after"] = response.getheader("Retry-After")
        result["content_type"] = response.getheader("Content-Type")
        head = bytearray()
        buffer = bytearray(1 << 20)
        for _ in range(1 << 20):  # at most 1 TiB of 1 MiB reads: bounded by the deadline long before
            if time.monotonic() - start > timeout:
                result["fail"] = "timeout"
                break
            n = response.readinto(buffer)
            if not n:
                break
            result["bytes"] += n
            if len(head) < keep:
                head += buffer[:min(n, keep - len(head))]
        result["kind"] = error_kind(result["status"], bytes(head))
    except (socket.timeout, TimeoutError):
        result["fail"] = "timeout"
    except http.client.RemoteDisconnected:
        result["fail"] = "closed"
    except ConnectionRefusedError:
        result["fail"] = "refused"
    except ConnectionResetError:
        result["fail"] = "reset"
    except BrokenPipeError:
        result["fail"] = "reset"
    except http.client.IncompleteRead:
        result["fail"] = "incomplete"
    except (http.client.HTTPException, OSError) as error:
        result["fail"] = "error"
        result["error"] = f"{type(error).__name__}: {error}"[:200]
    finally:
        result["elapsed"] = time.monotonic() - start
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass
    return result


def outcome_label(result: dict) -> str:
    """`422 match_timeout`, `200`, `timeout`."""
    if result.get("fail") and result.get("status") is None:
        return result["fail"]
    label = str(result.get("status"))
    if result.get("kind"):
        label += " " + result["kind"]
    if result.get("fail"):
        label += f" ({result['fail']})"
    return label


def bad_5xx(result: dict) -> bool:
    status = result.get("status")
    if status is None or status < 500:
        return False
    return not (status == 503 and result.get("retry_after"))


# ---------------------------------------------------------------------------------------------------------------
# Probes: a separate process (so the attack's client threads cannot slow them down), cycling over the cheap pages.


def probe_worker(port: int, max_seconds: float) -> None:
    """Probes until stdin closes or `max_seconds` pass, then prints the samples as one JSON line."""
    samples = []
    selector = selectors.DefaultSelector()
    selector.register(sys.stdin, selectors.EVENT_READ)
    print("ready", flush=True)
    start = time.monotonic()
    i = 0
    while time.monotonic() - start < max_seconds and i < 200_000:
        path = PROBE_PATHS[i % len(PROBE_PATHS)]
        i += 1
        at = time.time()
        r = http_request(port, "GET", path, timeout=PROBE_TIMEOUT, keep=0)
        ok = r["status"] == 200 and not r["fail"]
        samples.append([round(at, 3), path, round(r["elapsed"], 5), ok, outcome_label(r)])
        if selector.select(timeout=0.01):
            break
    print(json.dumps(samples), flush=True)


class Probe:
    """Runs probe_worker in a child process for the duration of a `with` block."""

    def __init__(self, port: int, max_seconds: float):
        self.port = port
        self.max_seconds = max_seconds
        self.samples: list = []

    def __enter__(self):
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--probe-worker", str(self.port), str(self.max_seconds)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.proc.stdout.readline()  # "ready"
        return self

    def __exit__(self, *exc):
        time.sleep(0.15)  # a few probes after the attack's last answer
        try:
            out, _ = self.proc.communicate(input="stop\n", timeout=PROBE_TIMEOUT * 3)
            line = out.strip().splitlines()[-1] if out.strip() else "[]"
            self.samples = json.loads(line)
        except (subprocess.TimeoutExpired, json.JSONDecodeError, IndexError):
            self.proc.kill()
            self.proc.wait()
            self.samples = []
        return False


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def probe_stats(samples: list, restarts: list | None = None) -> dict:
    """p50/p99/max and failures of the probes, leaving out those sent while the suite itself was restarting the
    server (`restarts`: [start, end] wall-clock intervals)."""
    def restarting(sample) -> bool:
        at, _, elapsed, _, label = sample
        return any(start <= at <= end or (at < start <= at + elapsed + 0.05 and label != "timeout")
                   for start, end in restarts or [])

    excluded = [s for s in samples if restarting(s)]
    samples = [s for s in samples if not restarting(s)]
    latencies = [s[2] for s in samples]
    failures = [s for s in samples if not s[3]]
    return {
        "count": len(samples),
        "excluded_during_restarts": len(excluded),
        "failures": len(failures),
        "failure_kinds": dict(Counter(s[4] for s in failures)),
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "max": max(latencies) if latencies else None,
        "mean": statistics.fmean(latencies) if latencies else None,
    }


# ---------------------------------------------------------------------------------------------------------------
# The server: started and stopped by the suite, watched by a memory sampler.


def children(pid: int) -> list[int]:
    """The child processes of `pid` (any of its threads may have spawned them), from /proc/PID/task/*/children."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listed:
                found.extend(int(child) for child in listed.read().split())
    except (OSError, ValueError):
        pass
    return found


def read_status_kib(pid: int) -> dict:
    values = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, value = line.split(":", 1)
                    values[key] = int(value.split()[0])
    except (OSError, ValueError):
        pass
    return values


class Server:
    def __init__(self, binary: str, port: int, log_path: str, vmem_mib: int):
        self.binary = binary
        self.port = port
        self.log_path = log_path
        self.vmem_mib = vmem_mib
        self.proc: subprocess.Popen | None = None
        self.instances: list[dict] = []
        self.guard_kills: list[dict] = []  # filled by RssSampler

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def start(self) -> None:
        env = dict(os.environ, RUST_LOG="warn")
        log = open(self.log_path, "ab")
        log.write(f"\n=== attack suite: starting {self.binary} on {HOST}:{self.port} at {time.ctime()}\n".encode())
        log.flush()
        addr = f"{HOST}:{self.port}"
        if self.vmem_mib > 0:
            # An address-space cap, so a server that allocates without bound aborts instead of taking the machine.
            command = ["/bin/sh", "-c", 'ulimit -v "$1" && exec "$2" serve --addr "$3"', "sh",
                       str(self.vmem_mib * 1024), self.binary, addr]
        else:
            command = [self.binary, "serve", "--addr", addr]
        self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=env)
        log.close()
        instance = {"pid": self.proc.pid, "started": time.time(), "exit_code": None, "ended_by": None,
                    "log_offset": os.path.getsize(self.log_path)}
        self.instances.append(instance)
        for _ in range(400):  # up to 20 s
            if self.proc.poll() is not None:
                raise SystemExit(f"devtools exited at start with status {self.proc.returncode}; see {self.log_path}")
            if self.healthy(timeout=1.0):
                instance["ready_after"] = round(time.time() - instance["started"], 3)
                return
            time.sleep(0.05)
        raise SystemExit(f"devtools did not answer /healthz within 20 s; see {self.log_path}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def healthy(self, timeout: float = PROBE_TIMEOUT) -> bool:
        if not self.alive():
            return False
        r = http_request(self.port, "GET", "/healthz", timeout=timeout, keep=0)
        return r["status"] == 200 and not r["fail"]

    def wait_healthy(self, wait: float) -> str:
        """`ok` once /healthz answers, `dead` when the process is gone, `hung` after `wait` seconds."""
        deadline = time.monotonic() + wait
        while True:
            if not self.alive():
                return "dead"
            if self.healthy(timeout=min(PROBE_TIMEOUT, max(0.5, deadline - time.monotonic()))):
                return "ok"
            if time.monotonic() >= deadline:
                return "hung"
            time.sleep(0.25)

    def _ended(self, how: str) -> dict:
        instance = self.instances[-1]
        instance["exit_code"] = self.proc.returncode
        instance["ended_by"] = how
        instance["ended"] = time.time()
        instance["log_tail"] = self.log_tail(instance)
        return instance

    def log_tail(self, instance: dict, limit: int = 2000) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(instance.get("log_offset", 0))
                data = log.read()
            return data[-limit:].decode("utf-8", "replace")
        except OSError:
            return ""

    def reap_dead(self) -> dict | None:
        """Records a process that died by itself (or was killed by the memory guard)."""
        if self.proc is not None and self.proc.poll() is not None and self.instances[-1]["ended_by"] is None:
            return self._ended(self.guard_reason or "died")
        return None

    @property
    def guard_reason(self) -> str | None:
        for kill in self.guard_kills:
            if kill["pid"] == self.pid:
                return f"died: killed by the suite's memory guard at {kill['rss_kib'] // 1024} MiB RSS"
        return None

    def kill(self, reason: str) -> dict:
        """SIGKILL (a hung or dead server is not worth a graceful stop) and record why."""
        if self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            return self._ended(f"killed by the suite: {reason}")
        return self._ended(self.guard_reason or "died")

    def stop(self, grace: float = 40.0) -> dict:
        """SIGTERM, then wait for the exit (the server's own shutdown grace is 30 s)."""
        if self.proc.poll() is not None:
            return self._ended(self.guard_reason or "died")
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=grace)
            return self._ended("SIGTERM")
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            return self._ended(f"SIGTERM ignored for {grace:.0f} s, then SIGKILL")


class RssSampler(threading.Thread):
    """Samples VmRSS/VmHWM of the current server every 20 ms; kills it above `kill_kib` (a guard for the host)."""

    def __init__(self, server: Server, kill_kib: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.server = server
        self.kill_kib = kill_kib
        self.interval = interval
        self.halt = threading.Event()
        self.lock = threading.Lock()
        self.window_rss = 0
        self.suite_rss = 0
        # The largest isolated job (a `devtools __work` child: a regex search) seen in the row and in the suite.
        self.window_child = 0
        self.suite_child = 0
        self.guard_kills = server.guard_kills
        self.clear_refs_ok = None

    def run(self) -> None:
        while not self.halt.wait(self.interval):
            pid = self.server.pid
            if pid is None or not self.server.alive():
                continue
            values = read_status_kib(pid)
            rss = values.get("VmRSS", 0)
            child = max((max(v.get("VmHWM", 0), v.get("VmRSS", 0)) for v in map(read_status_kib, children(pid))),
                        default=0)
            with self.lock:
                self.window_rss = max(self.window_rss, rss)
                self.suite_rss = max(self.suite_rss, rss, values.get("VmHWM", 0))
                self.window_child = max(self.window_child, child)
                self.suite_child = max(self.suite_child, child)
            if self.kill_kib and rss > self.kill_kib:
                self.guard_kills.append({"pid": pid, "rss_kib": rss, "at": time.time()})
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def window_start(self) -> None:
        """Starts a row: resets the sampled peak and, when the kernel lets us, the process's VmHWM."""
        with self.lock:
            self.window_rss = 0
            self.window_child = 0
        pid = self.server.pid
        if pid is None:
            return
        try:
            with open(f"/proc/{pid}/clear_refs", "w") as clear:
                clear.write("5")
            self.clear_refs_ok = True
        except OSError:
            self.clear_refs_ok = False

    def window_end(self) -> dict:
        values = read_status_kib(self.server.pid) if self.server.alive() else {}
        with self.lock:
            sampled = self.window_rss
            self.suite_rss = max(self.suite_rss, values.get("VmHWM", 0))
        hwm = values.get("VmHWM")
        return {"sampled_peak_kib": sampled, "hwm_kib": hwm, "rss_kib": values.get("VmRSS"),
                "peak_kib": max(sampled, hwm or 0), "hwm_is_per_row": bool(self.clear_refs_ok),
                "child_peak_kib": self.window_child}


# ---------------------------------------------------------------------------------------------------------------
# Cases: one request (or one kind of slow client) each, built lazily so big bodies exist only while they run.


class Case:
    def __init__(self, name: str, describe: str, make, slow: str | None = None, **slow_options):
        self.name = name
        self.describe = describe
        self.make = make  # () -> (method, path, body, headers); None for slow clients
        self.slow = slow  # None, "idle", "loris" or "body"
        self.slow_options = slow_options
        self._built = None

    def request(self):
        if self._built is None:
            self._built = self.make()
        return self._built

    def release(self):
        self._built = None


def json_post(path: str, value) -> tuple:
    body = json.dumps(value, separators=(",", ":")).encode()
    return ("POST", path, body, {"Content-Type": "application/json"})


def form_post(path: str, fields: dict) -> tuple:
    body = urllib.parse.urlencode(fields).encode()
    return ("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})


def get(path: str, **query) -> tuple:
    return ("GET", path + ("?" + urllib.parse.urlencode(query) if query else ""), b"", {})


def regex_api(pattern: str, text: str, flavor: str, replace: str | None = None, flags: str = "",
              limit: int | None = None) -> tuple:
    value = {"pattern": pattern, "text": text, "flags": flags, "flavor": flavor}
    if replace is not None:
        value["replace"] = replace
    if limit is not None:
        value["limit"] = limit
    return json_post("/api/regex", value)


def fit_text(pattern: str, flavor: str, fill, replace: str | None = None, prefix: str = "") -> str:
    """The longest text `prefix + fill…` within the regex text limit (1 MiB) whose JSON body also fits the server's
    body limit (4 MiB): with escapes such as `\\u0000` a text's body is larger than the text."""
    empty = regex_api(pattern, "", flavor, replace)[2]
    room = min(REGEX_MAX_TEXT - 1, BODY_LIMIT - len(empty) - 1)
    unit_cost = len(json.dumps(fill)) - 2
    n = (room - len(json.dumps(prefix)) + 2) // unit_cost
    return prefix + fill * n


def control_chars(n: int) -> str:
    chars = "".join(chr(c) for c in range(0x20) if c != 0x0D)  # no CR: the form would turn CRLF into LF
    return (chars * (n // len(chars) + 1))[:n]


ALL_FLAVORS = ["fancy", "rust", "ecmascript", "pcre2"]
# The backtracking engines: fancy-regex's VM, regress (ecmascript) and PCRE2 (its interpreter or JIT).
BACKTRACKING_FLAVORS = ["fancy", "ecmascript", "pcre2"]


def flavors(short: bool, backtracking_only: bool) -> list[str]:
    """Every flavour in full mode (for syntax a flavour lacks it answers a quick invalid_pattern); with --short
    only the backtracking ones when `backtracking_only`, else fancy and rust (the short run's time budget)."""
    if not short:
        return ALL_FLAVORS
    return BACKTRACKING_FLAVORS if backtracking_only else ["fancy", "rust"]


def regex_backtrack(ctx) -> list[Case]:
    n = 30_000 if ctx.short else 100_000
    cases = []
    for flavor in ALL_FLAVORS:
        for pattern, fill in [(r"(a+)+b", "a"), (r"(a|aa)+$", "a"), (r"(x+x+)+y", "x")]:
            text = fill * n + ("!" if pattern.endswith("$") else "")
            cases.append(Case(f"{flavor} {pattern} on {fill}×{n}", f"POST /api/regex {flavor}, text {len(text)} B",
                              lambda p=pattern, t=text, f=flavor: regex_api(p, t, f)))
    # Forced onto the backtracking engines (fancy-regex's VM, regress, PCRE2): a look-around after the nested
    # quantifier.
    for flavor in BACKTRACKING_FLAVORS:
        for pattern in [r"(a|aa)+(?=b)", r"(a+)+(?!a)b"]:
            text = "a" * n
            cases.append(Case(f"{flavor} {pattern} on a×{n}", f"POST /api/regex {flavor}, text {n} B",
                              lambda p=pattern, t=text, f=flavor: regex_api(p, t, f)))
    return cases


def regex_lookaround(ctx) -> list[Case]:
    cases = []
    sizes = [100_000] if ctx.short else [100_000, None]  # None: as close to 1 MiB − 1 as the body limit allows
    for flavor in flavors(ctx.short, True):
        for size in sizes:
            make_text = (lambda s=size: "a" * s) if size else (lambda f=flavor: fit_text(r"(?=.*x)a", f, "a"))
            label = f"a×{size}" if size else "a×(1 MiB body)"
            cases.append(Case(f"{flavor} (?=.*x)a on {label}", f"POST /api/regex {flavor}",
                              lambda f=flavor, m=make_text: regex_api(r"(?=.*x)a", m(), f)))
        text = ("a" * 10_000 + "b") * 10
        cases.append(Case(f"{flavor} (?=.*x)a|b on (a×10000+b)×10", f"POST /api/regex {flavor}, text {len(text)} B",
                          lambda f=flavor, t=text: regex_api(r"(?=.*x)a|b", t, f)))
    return cases


def regex_backref(ctx) -> list[Case]:
    n = 30_000 if ctx.short else 100_000
    cases = []
    for flavor in flavors(ctx.short, True):
        for pattern, text in [(r"(\w+)\1+x", "a" * n), (r"^(a+)\1*$", "a" * n + "b"),
                              (r"(a+)+\1b", "a" * n)]:
            cases.append(Case(f"{flavor} {pattern} on a×{n}", f"POST /api/regex {flavor}, text {len(text)} B",
                              lambda p=pattern, t=text, f=flavor: regex_api(p, t, f)))
    return cases


def whole_match(flavor: str) -> str:
    """The replacement token for the whole match: `$&` in JavaScript (where `$0` is literal text), `$0` elsewhere."""
    return "$&" if flavor == "ecmascript" else "$0"


def dot_all(flavor: str) -> tuple[str, str]:
    """`.` matching every character, as (pattern, flags): ECMAScript has no inline `(?s)`, only the `s` flag."""
    return (".", "s") if flavor == "ecmascript" else ("(?s).", "")


def regex_replace(ctx) -> list[Case]:
    cases = []
    for flavor in flavors(ctx.short, False):
        token = whole_match(flavor) * 4096  # 8 KiB: exactly the replacement limit
        cases.append(Case(f"{flavor} .+ → {whole_match(flavor)}×4096 on a×(1 MiB body)",
                          f"POST /api/regex {flavor}, replacement {len(token)} B, text fills the 1 MiB body",
                          lambda f=flavor, r=token: regex_api(".+", fit_text(".+", f, "a", r), f, r)))
    controls = control_chars(14 * 1024)
    for size, label in [(3 * 1024, "3 KiB"), (REGEX_MAX_REPLACED // len(controls), "585 B (just under 8 MiB out)")]:
        replacement = control_chars(size)
        for flavor in flavors(ctx.short, False):
            pattern, flags = dot_all(flavor)
            cases.append(Case(f"{flavor} {pattern} (flags {flags or 'none'}) over 14 KiB of controls → {label}",
                              f"POST /api/regex {flavor}, text 14 KiB of C0 controls, replacement {size} B of controls",
                              lambda f=flavor, r=replacement, p=pattern, g=flags: regex_api(p, controls, f, r, g)))
        cases.append(Case(f"page POST /regex (?s). over 14 KiB of controls → {label}",
                          "POST /regex form (HTML page), rust",
                          lambda r=replacement: form_post("/regex", {"pattern": "(?s).", "text": controls, "flags": "",
                                                                     "flavor": "rust", "replace": r})))
    return cases


def regex_captures(ctx) -> list[Case]:
    cases = [
        Case("fancy b(?=(.*)) over b×1000 + (1 MiB body)",
             "POST /api/regex fancy: 1000 matches each capturing the rest of a ~1 MiB text",
             lambda: regex_api("b(?=(.*))", fit_text("b(?=(.*))", "fancy", "x", prefix="b" * 1000), "fancy")),
        Case("page POST /regex ()×1000 on a×999", "POST /regex form: 1000 groups × 1000 matches",
             lambda: form_post("/regex", {"pattern": "()" * 1000, "text": "a" * 999, "flags": "", "flavor": "rust",
                                          "replace": ""})),
        Case("page GET /regex ()×200 on a×999", "GET /regex?pattern=()×200&text=a×999",
             lambda: get("/regex", pattern="()" * 200, text="a" * 999)),
        Case("api ()×1000 on a×999", "POST /api/regex rust, 1000 groups × 1000 matches",
             lambda: regex_api("()" * 1000, "a" * 999, "rust")),
    ]
    if not ctx.short:
        cases.insert(1, Case("page POST /regex fancy b(?=(.*)) over b×1000 + x… (1 MiB text)",
                             "POST /regex form (HTML page), fancy",
                             lambda: form_post("/regex", {"pattern": "b(?=(.*))", "flavor": "fancy", "flags": "",
                                                          "replace": "",
                                                          "text": "b" * 1000 + "x" * (REGEX_MAX_TEXT - 1000)})))
        cases.append(Case("api ()×1000 on a×999 limit 100000", "POST /api/regex fancy, limit 100000",
                          lambda: regex_api("()" * 1000, "a" * 999, "fancy", limit=100_000)))
    return cases


def regex_repeat(ctx) -> list[Case]:
    n = 30_000 if ctx.short else 100_000
    cases = []
    patterns = [r"a{1000}{1000}", r"\w{5000}", r"(?:a{100}){100}", r"(?i)\w{1000}\W{1000}"]
    for flavor in ["fancy"] if ctx.short else ALL_FLAVORS:
        for pattern in patterns[:3] if ctx.short else patterns:
            cases.append(Case(f"{flavor} {pattern} on a×{n}", f"POST /api/regex {flavor}, text {n} B",
                              lambda p=pattern, f=flavor: regex_api(p, "a" * n, f)))
    return cases


# --- JWT ------------------------------------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def run_openssl(args: list[str], data: bytes | None = None, timeout: float = 60) -> bytes:
    return subprocess.run(["openssl", *args], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, check=True).stdout


def prepare_keys(sizes: dict[int, float], directory: str) -> dict:
    """RSA keys by size, cached in `directory`; each size generated in parallel within its time limit.

    Returns {bits: {"pem", "public", "n", "token"}} for the sizes available, and notes for the ones skipped."""
    notes = {}
    keys = {}
    if not shutil.which("openssl"):
        return {"keys": {}, "notes": {str(bits): "openssl not found: skipped" for bits in sizes}}
    os.makedirs(directory, exist_ok=True)
    running = {}
    for bits, limit in sizes.items():
        path = os.path.join(directory, f"rsa-{bits}.pem")
        if os.path.exists(path) and os.path.getsize(path) > 0:
            continue
        running[bits] = (subprocess.Popen(
            ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}", "-out", f"{path}.{os.getpid()}.tmp"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), time.monotonic(), limit)
        print(f"attack: generating an RSA-{bits} key (at most {limit:.0f} s)", file=sys.stderr, flush=True)
    for bits, (proc, started, limit) in running.items():
        path = os.path.join(directory, f"rsa-{bits}.pem")
        try:
            proc.wait(timeout=max(0.0, started + limit - time.monotonic()))
            if proc.returncode == 0:
                os.replace(f"{path}.{os.getpid()}.tmp", path)
                notes[str(bits)] = f"generated in {time.monotonic() - started:.0f} s"
            else:
                notes[str(bits)] = f"openssl genpkey failed ({proc.returncode}): skipped"
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            notes[str(bits)] = f"generation took longer than {limit:.0f} s: skipped"
        if os.path.exists(f"{path}.{os.getpid()}.tmp"):
            os.remove(f"{path}.{os.getpid()}.tmp")
    header = b64url(b'{"alg":"RS256","typ":"JWT"}')
    payload = b64url(b'{"sub":"attack","name":"issue 11","iat":1700000000,"exp":4102444800}')
    for bits in sizes:
        path = os.path.join(directory, f"rsa-{bits}.pem")
        if not os.path.exists(path):
            continue
        try:
            pem = open(path).read()
            public = run_openssl(["pkey", "-in", path, "-pubout"]).decode()
            modulus = run_openssl(["rsa", "-in", path, "-noout", "-modulus"]).decode().strip().split("=", 1)[1]
            signing_input = f"{header}.{payload}".encode()
            signature = run_openssl(["dgst", "-sha256", "-sign", path], data=signing_input, timeout=300)
            keys[bits] = {"pem": pem, "public": public, "n": bytes.fromhex(modulus),
                          "token": f"{header}.{payload}.{b64url(signature)}"}
            notes.setdefault(str(bits), "cached")
        except (subprocess.SubprocessError, OSError, IndexError, ValueError) as error:
            notes[str(bits)] = f"unusable key: {error}"
    return {"keys": keys, "notes": notes}


def jwk(n: bytes, e: bytes, kid: str | None = None) -> dict:
    key = {"kty": "RSA", "n": b64url(n), "e": b64url(e)}
    if kid:
        key["kid"] = kid
    return key


def jwks_up_to_limit(first: dict, last: dict) -> str:
    """A JWK Set of wrong keys ending with the right one, as many as the key-length and key-count limits allow,
    so a verifier without kid tries every one."""
    keys = [first]
    while len(keys) < JWT_MAX_JWKS - 1:
        candidate = json.dumps({"keys": keys + [first, last]})
        if len(candidate) > JWT_MAX_KEY:
            break
        keys.append(first)
    return json.dumps({"keys": keys + [last]})


def jwt_family(ctx) -> list[Case]:
    cases = []
    payload = {"sub": "attack", "name": "issue 11", "iat": 1700000000}
    sizes = [bits for bits in sorted(ctx.key_sizes)]
    for bits in sizes:
        key = ctx.keys.get(bits)
        if key is None and not ctx.listing:
            continue
        cases.append(Case(f"sign RS256 RSA-{bits}", f"POST /api/jwt/encode, PKCS#8 PEM private key {bits} bits",
                          lambda k=key: json_post("/api/jwt/encode", {"header": {"alg": "RS256", "typ": "JWT"},
                                                                      "payload": payload, "key": k["pem"]})))
        if not ctx.short or bits == max(sizes):
            cases.append(Case(f"sign PS512 RSA-{bits}", f"POST /api/jwt/encode PS512, {bits} bits",
                              lambda k=key: json_post("/api/jwt/encode", {"header": {"alg": "PS512"},
                                                                          "payload": payload, "key": k["pem"]})))
        cases.append(Case(f"verify RS256 RSA-{bits} PEM", f"POST /api/jwt/decode, public PEM {bits} bits",
                          lambda k=key: json_post("/api/jwt/decode", {"token": k["token"], "key": k["public"],
                                                                      "now": 1700000000})))

        def wrong(k):
            n = bytearray(k["n"])
            n[-1] ^= 0x02  # another odd modulus of the same size
            return bytes(n)

        cases.append(Case(f"verify RS256 JWKS of RSA-{bits}, right key last",
                          f"POST /api/jwt/decode, JWK Set up to {JWT_MAX_KEY // 1024} KiB / {JWT_MAX_JWKS} keys, no kid",
                          lambda k=key: json_post("/api/jwt/decode", {
                              "token": k["token"], "now": 1700000000,
                              "key": jwks_up_to_limit(jwk(wrong(k), b"\x01\x00\x01"), jwk(k["n"], b"\x01\x00\x01"))})))
        cases.append(Case(f"verify RS256 JWK RSA-{bits} with a {bits}-bit exponent",
                          "POST /api/jwt/decode, JWK whose e is as long as n (a private-key-sized exponentiation)",
                          lambda k=key: json_post("/api/jwt/decode", {
                              "token": k["token"], "now": 1700000000,
                              "key": json.dumps(jwk(k["n"], bytes([0xFF]) * (len(k["n"]) - 1) + b"\x01"))})))
        cases.append(Case(f"verify RS256 JWKS of RSA-{bits} with {bits}-bit exponents",
                          "POST /api/jwt/decode, JWK Set of keys with huge exponents, no kid",
                          lambda k=key: json_post("/api/jwt/decode", {
                              "token": k["token"], "now": 1700000000,
                              "key": jwks_up_to_limit(jwk(k["n"], bytes([0xFF]) * (len(k["n"]) - 1) + b"\x01"),
                                                      jwk(k["n"], bytes([0xFF]) * (len(k["n"]) - 1) + b"\x03"))})))
    return cases


# --- cron, colour -----------------------------------------------------------------------------------------------


def cron_family(ctx) -> list[Case]:
    # The brief's four, leap days (100 runs span 400 years), never-firing sets the never_fires() check walks to
    # the year 5000 (with seconds too), and the fifth Friday of February (once in 28 years).
    expressions = ["0 0 30 2 *", "0 0 31 */2 *", "* * * * *", "59 23 31 12 5", "0 0 29 2 *",
                   "0 0 31 2,4,6,9,11 *", "* * * 31 2,4,6,9,11 *", "0 0 30 2 5#5"]
    zones = ["UTC", "Australia/Lord_Howe"] if ctx.short else [
        "UTC", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "America/Santiago"]
    if ctx.short:
        expressions = expressions[:7]
    cases = []
    for expr in expressions:
        for zone in zones:
            cases.append(Case(f"api {expr!r} tz={zone} count={CRON_MAX_COUNT}", "GET /api/cron",
                              lambda e=expr, z=zone: get("/api/cron", expr=e, count=CRON_MAX_COUNT, tz=z)))
    far = "4999-06-01T00:00:00Z"
    for expr in ["0 0 29 2 *", "59 23 31 12 5"]:
        cases.append(Case(f"api {expr!r} from={far} count={CRON_MAX_COUNT}", "GET /api/cron, near the year-5000 end",
                          lambda e=expr: get("/api/cron", expr=e, count=CRON_MAX_COUNT, tz="Pacific/Chatham",
                                             **{"from": far})))
    for expr in ["0 0 29 2 *", "0 0 31 2,4,6,9,11 *"]:
        cases.append(Case(f"page /cron {expr!r} count={CRON_MAX_COUNT}", "GET /cron (HTML page)",
                          lambda e=expr: get("/cron", expr=e, count=CRON_MAX_COUNT, tz="Australia/Lord_Howe")))
        cases.append(Case(f"live /cron fragment {expr!r} count={CRON_MAX_COUNT}", "GET /cron?fragment=1 (live update)",
                          lambda e=expr: get("/cron", expr=e, count=CRON_MAX_COUNT, tz="Australia/Lord_Howe",
                                             fragment="1")))
    return cases


def nested_color_mix(limit: int) -> str:
    inner = "red"
    while True:
        candidate = f"color-mix(in oklch, {inner}, blue)"
        if len(candidate) > limit:
            return inner
        inner = candidate


def color_family(ctx) -> list[Case]:
    at_limit = {
        "long decimal": "rgb(0." + "0" * (COLOR_MAX_INPUT - len("rgb(0.1 0 0)")) + "1 0 0)",
        "nested color-mix": nested_color_mix(COLOR_MAX_INPUT),
        "open parentheses": "rgb(" + "(" * (COLOR_MAX_INPUT - 4),
        "calc nest": ("rgb(" + "calc(" * 40 + "1" + ")" * 40 + " 0 0)")[:COLOR_MAX_INPUT],
        "exponent": "rgb(1e" + "9" * (COLOR_MAX_INPUT - 12) + " 0 0)",
        "limit + 1": "#" + "f" * COLOR_MAX_INPUT,
        "60 KiB": " " * (60 * 1024) + "red",
        "10000 × é (60 KB encoded)": "é" * 10_000,  # each é is %C3%A9 in the URL; 64 KiB heads get a 431
    }
    cases = []
    chosen = ["long decimal", "nested color-mix", "open parentheses", "limit + 1", "60 KiB"] if ctx.short else at_limit
    for label in chosen:
        value = at_limit[label]
        cases.append(Case(f"api value: {label} ({len(value)} chars)", "GET /api/color",
                          lambda v=value: get("/api/color", value=v)))
    for label in ["long decimal", "nested color-mix"]:
        value = at_limit[label]
        cases.append(Case(f"contrast fg+bg: {label}", "GET /api/color/contrast",
                          lambda v=value: get("/api/color/contrast", fg=v, bg=v)))
        cases.append(Case(f"palettes: {label}", "GET /api/color/palettes",
                          lambda v=value: get("/api/color/palettes", value=v)))
        cases.append(Case(f"page /color: {label}", "GET /color (HTML page)", lambda v=value: get("/color", value=v)))
        if not ctx.short:
            cases.append(Case(f"swatch.svg: {label}", "GET /color/swatch.svg",
                              lambda v=value: get("/color/swatch.svg", value=v)))
            cases.append(Case(f"sample.svg: {label}", "GET /color/sample.svg",
                              lambda v=value: get("/color/sample.svg", fg=v, bg=v)))
    return cases


# --- slow and silent clients ------------------------------------------------------------------------------------


def slow_idle(ctx) -> list[Case]:
    return [Case("connect, send nothing", "sockets that connect and stay silent", None, slow="idle")]


def slow_loris(ctx) -> list[Case]:
    return [Case("one header byte a second", "a request head sent one byte per second, never finished", None,
                 slow="loris")]


def slow_body(ctx) -> list[Case]:
    return [
        Case("declares 4 MiB, sends 1 KiB/s", "POST /api/regex, Content-Length 4 MiB (over the limit)", None,
             slow="body", declared=4 * MIB),
        Case("declares 1 MiB − 1 KiB, sends 1 KiB/s", "POST /api/regex, Content-Length under the limit", None,
             slow="body", declared=MIB - 1024),
    ]


def run_slow(port: int, cases: list[Case], sockets: int, window: float) -> list[dict]:
    """Opens `sockets` slow clients of each case at once and watches, for at most `window` seconds, which the
    server closes (or answers) and when. One result per case."""
    start = time.monotonic()
    selector = selectors.DefaultSelector()
    state = []
    connect_failures = {case.name: Counter() for case in cases}
    loris = b"GET /http-status/403 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(
        b"X-Slow-%d: a\r\n" % i for i in range(10_000))
    for _ in range(sockets):
        for case in cases:
            try:
                sock = socket.create_connection((HOST, port), timeout=5)
            except OSError as error:
                connect_failures[case.name][type(error).__name__] += 1
                continue
            sock.setblocking(False)
            entry = {"case": case, "sock": sock, "closed_at": None, "answer": None, "answered_at": None, "sent": 0,
                     "how": None, "retry_after": False}
            if case.slow == "body":
                head = (f"POST /api/regex HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
                        f"Content-Length: {case.slow_options['declared']}\r\n\r\n").encode()
                try:
                    sock.send(head + b'{"pattern":"a","text":"')
                except OSError:
                    pass
            state.append(entry)
            selector.register(sock, selectors.EVENT_READ, entry)
    next_drip = time.monotonic() + 1.0
    open_count = len(state)
    for _ in range(100_000):  # bounded; the window ends it much sooner
        now = time.monotonic()
        if open_count == 0 or now - start > window:
            break
        events = selector.select(timeout=max(0.0, min(next_drip, start + window) - now))
        for key, _ in events:
            entry = key.data
            try:
                data = entry["sock"].recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
                entry["how"] = "reset"
            if data:
                if entry["answer"] is None:
                    line = data.split(b"\r\n", 1)[0].decode("latin-1", "replace")
                    parts = line.split(" ")
                    entry["answer"] = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else line[:40]
                    entry["answered_at"] = time.monotonic() - start
                    entry["retry_after"] = b"\r\nretry-after:" in data.lower()
                continue
            entry["closed_at"] = time.monotonic() - start
            entry["how"] = entry["how"] or "closed"
            selector.unregister(entry["sock"])
            entry["sock"].close()
            open_count -= 1
        if time.monotonic() >= next_drip:
            next_drip += 1.0
            for entry in state:
                slow = entry["case"].slow
                if entry["closed_at"] is not None or entry["answer"] is not None or slow == "idle":
                    continue
                chunk = loris[entry["sent"]:entry["sent"] + 1] if slow == "loris" else b"a" * 1024
                try:
                    entry["sent"] += entry["sock"].send(chunk)
                except OSError:
                    pass  # full buffer, or the server closed: the read side sees it
    for entry in state:
        if entry["closed_at"] is None:
            try:
                selector.unregister(entry["sock"])
            except (KeyError, ValueError):
                pass
            entry["sock"].close()
    selector.close()
    elapsed = time.monotonic() - start
    results = []
    for case in cases:
        mine = [e for e in state if e["case"] is case]
        close_times = [e["closed_at"] for e in mine if e["closed_at"] is not None]
        answers = Counter(str(e["answer"]) if e["answer"] is not None else "no answer" for e in mine)
        bad = [e for e in mine if isinstance(e["answer"], int) and e["answer"] >= 500
               and not (e["answer"] == 503 and e["retry_after"])]
        results.append({
            "case": case.name, "sockets": sockets, "connected": len(mine),
            "connect_failures": dict(connect_failures[case.name]),
            "closed": len(close_times), "still_open": len(mine) - len(close_times), "window": window,
            "close_max": max(close_times) if close_times else None,
            "close_median": statistics.median(close_times) if close_times else None,
            "answered_max": max((e["answered_at"] for e in mine if e["answered_at"] is not None), default=None),
            "answers": dict(answers), "bad_5xx": len(bad),
            "bytes_sent_max": max((e["sent"] for e in mine), default=0), "elapsed": elapsed,
        })
    return results


# ---------------------------------------------------------------------------------------------------------------
# Families, and the runner.

FAMILIES = {
    "regex-backtrack": regex_backtrack,
    "regex-lookaround": regex_lookaround,
    "regex-backref": regex_backref,
    "regex-replace": regex_replace,
    "regex-captures": regex_captures,
    "regex-repeat": regex_repeat,
    "jwt": jwt_family,
    "cron": cron_family,
    "colour": color_family,
    "slow-idle": slow_idle,
    "slowloris": slow_loris,
    "slow-body": slow_body,
}
SHORT_FAMILIES = ["regex-lookaround", "regex-replace", "regex-captures", "regex-repeat", "jwt", "cron", "colour",
                  "slow-idle", "slowloris", "slow-body"]
# Slow clients are cheap to hold: each "copy" is this many sockets.
SLOW_MULTIPLIER = {"slow-idle": 64, "slowloris": 16, "slow-body": 4}


class Context:
    def __init__(self, args, keys: dict, key_sizes: list[int], listing: bool = False):
        self.short = args.short
        self.keys = keys
        self.key_sizes = key_sizes
        self.listing = listing


def select_families(spec: str | None, short: bool) -> list[str]:
    if not spec:
        return list(SHORT_FAMILIES if short else FAMILIES)
    chosen = []
    for name in (part.strip() for part in spec.split(",") if part.strip()):
        matches = [f for f in FAMILIES if f == name or f.startswith(name + "-") or (name == "color" and f == "colour")
                   or (name == "slow" and f.startswith("slow"))]
        if not matches:
            raise SystemExit(f"unknown family {name!r}; families: {', '.join(FAMILIES)}")
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


class Suite:
    def __init__(self, args, server: Server, sampler: RssSampler, ctx: Context):
        self.args = args
        self.server = server
        self.sampler = sampler
        self.ctx = ctx
        self.events: list[dict] = []
        self.restarts: list[list[float]] = []  # wall-clock intervals in which the suite restarted the server
        self.started = time.monotonic()

    def over_budget(self) -> bool:
        return self.args.budget > 0 and time.monotonic() - self.started > self.args.budget

    def restart(self, family: str, reason: str, hygiene: bool = False) -> None:
        began = time.time()
        ended = self.server.kill(reason) if self.server.alive() else (self.server.reap_dead() or
                                                                      self.server.instances[-1])
        self.events.append({"family": family, "event": reason, "pid": ended.get("pid"), "hygiene": hygiene,
                            "exit_code": ended.get("exit_code"), "log_tail": ended.get("log_tail", "")[-800:]})
        print(f"attack: [{family}] {reason}: restarting the server", file=sys.stderr, flush=True)
        self.server.start()
        self.restarts.append([began, time.time()])

    def ensure_up(self, family: str) -> None:
        """A live server for the next family; one still holding more than the RSS target after the previous
        family (which that family's rows already report) is restarted so this family's rows measure its own."""
        if not self.server.alive():
            self.restart(family, "server found dead")
            return
        rss = read_status_kib(self.server.pid).get("VmRSS", 0)
        if rss >= RSS_TARGET_KIB:
            self.restart(family, f"server still held {rss // 1024} MiB RSS from the previous family", hygiene=True)

    def after_batch(self, family: str, results: list[dict]) -> str:
        """`ok`, or the reason the rest of the family is skipped (after which the server has been restarted)."""
        timed_out = sum(1 for r in results if r.get("fail") == "timeout")
        health = self.server.wait_healthy(self.args.recover)
        if health == "dead":
            died = self.server.reap_dead() or {}
            self.events.append({"family": family, "event": died.get("ended_by", "died"), "pid": died.get("pid"),
                                "exit_code": died.get("exit_code"), "log_tail": died.get("log_tail", "")[-800:]})
            print(f"attack: [{family}] the server DIED (exit {died.get('exit_code')}, {died.get('ended_by')}): "
                  "restarting",
                  file=sys.stderr, flush=True)
            began = time.time()
            self.server.start()
            self.restarts.append([began, time.time()])
            return "server died"
        if health == "hung":
            self.restart(family, f"server did not answer /healthz for {self.args.recover:.0f} s")
            return "server stopped answering"
        if timed_out:
            # Answers /healthz, but requests that never answer leave work running: start afresh.
            self.restart(family, f"{timed_out} request(s) got no answer within {self.args.timeout:.0f} s")
            return "requests got no answer"
        return "ok"

    def run_requests(self, case: Case, copies: int) -> list[dict]:
        method, path, body, headers = case.request()
        barrier = threading.Barrier(copies)
        results: list = [None] * copies

        def worker(i: int) -> None:
            try:
                barrier.wait(timeout=10)
            except threading.BrokenBarrierError:
                pass
            results[i] = http_request(self.server.port, method, path, body, headers, timeout=self.args.timeout)

        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(copies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=self.args.timeout + 60)
        return [r if r is not None else {"fail": "client thread stuck", "elapsed": self.args.timeout}
                for r in results]

    def run_family(self, name: str) -> dict:
        cases = FAMILIES[name](self.ctx)
        slow = bool(cases) and cases[0].slow is not None
        levels = [2, 8] if self.args.short else [2, 8, 32]
        family = {"name": name, "slow": slow, "rows": [], "solo": []}
        self.ensure_up(name)
        if not cases:
            family["rows"].append({"concurrency": 1, "skipped": "no cases (keys missing?)"})
            return family
        if slow:
            return self.run_slow_family(name, cases, levels, family)
        print(f"attack: [{name}] {len(cases)} case(s) alone", file=sys.stderr, flush=True)
        # Row 1: every case alone, one after the other.
        row = {"concurrency": 1, "copies": 1, "results": [], "stop": None}
        self.sampler.window_start()
        worst_index, worst_score = 0, -1.0
        with Probe(self.server.port, 3600) as probe:
            for index, case in enumerate(cases):
                if self.over_budget():
                    row["stop"] = "time budget spent"
                    break
                result = self.run_requests(case, 1)[0]
                case.release()
                score = result["elapsed"] + (1e6 if result.get("fail") == "timeout" else 0)
                stop = self.after_batch(name, [result])
                result = dict(result, case=case.name)
                if stop != "ok":
                    result["server_after"] = stop
                    score += 1e7
                family["solo"].append(result)
                row["results"].append(result)
                if score > worst_score:  # ties: the first
                    worst_index, worst_score = index, score
                print(f"attack: [{name}]   {case.name}: {self.describe_result(result)}", file=sys.stderr,
                      flush=True)
        row["probes_raw"] = probe.samples
        row["rss"] = self.sampler.window_end()
        worst = cases[worst_index]
        row["worst_case"] = worst.name
        family["rows"].append(row)
        worst_solo = family["solo"][worst_index] if family["solo"] else {}
        skip = None
        if worst_solo.get("server_after"):
            skip = f"worst case alone: {worst_solo['server_after']}"
        elif worst_solo.get("fail") == "timeout":
            skip = "worst case got no answer alone"
        for copies in levels:
            row = {"concurrency": copies, "copies": copies, "worst_case": worst.name}
            if skip or self.over_budget():
                row["skipped"] = skip or "time budget spent"
                family["rows"].append(row)
                continue
            print(f"attack: [{name}] {copies} × {worst.name}", file=sys.stderr, flush=True)
            self.sampler.window_start()
            with Probe(self.server.port, 3600) as probe:
                results = self.run_requests(worst, copies)
            row["rss"] = self.sampler.window_end()
            row["probes_raw"] = probe.samples
            row["results"] = results
            stop = self.after_batch(name, results)
            if stop != "ok":
                row["server_after"] = stop
                skip = stop
            family["rows"].append(row)
        worst.release()
        return self.end_family(name, family)

    def run_slow_family(self, name: str, cases: list[Case], levels: list[int], family: dict) -> dict:
        """Slow clients cost the client nothing, so every case runs at every level, all at once: one socket per
        case (full mode only), then `level × SLOW_MULTIPLIER` sockets per case."""
        counts = ([1] if not self.args.short else []) + [level * SLOW_MULTIPLIER[name] for level in levels]
        skip = None
        for sockets in counts:
            row = {"concurrency": sockets, "copies": sockets}
            if skip or self.over_budget():
                row["skipped"] = skip or "time budget spent"
                family["rows"].append(row)
                continue
            print(f"attack: [{name}] {sockets} socket(s) per case: {', '.join(c.name for c in cases)}",
                  file=sys.stderr, flush=True)
            self.sampler.window_start()
            with Probe(self.server.port, 3600) as probe:
                results = run_slow(self.server.port, cases, sockets, self.args.slow_window)
            row["rss"] = self.sampler.window_end()
            row["probes_raw"] = probe.samples
            row["results"] = results
            for result in results:
                print(f"attack: [{name}]   {result['case']}: {self.describe_slow(result)}", file=sys.stderr,
                      flush=True)
            if sockets == counts[0]:
                family["solo"] = results
            stop = self.after_batch(name, [])
            if stop != "ok":
                row["server_after"] = stop
                skip = stop
            family["rows"].append(row)
        return self.end_family(name, family)

    def end_family(self, name: str, family: dict) -> dict:
        family["alive_after"] = self.server.alive() and self.server.healthy()
        if not family["alive_after"]:
            self.restart(name, "server not answering at the end of the family")
        return family

    @staticmethod
    def describe_slow(result: dict) -> str:
        return (f"{result['closed']}/{result['connected']} closed by the server, last at "
                f"{fmt_s(result['close_max'])}, answers {result['answers']}")

    @staticmethod
    def describe_result(result: dict) -> str:
        return f"{outcome_label(result)} in {fmt_s(result['elapsed'])}, {result['bytes']} B"


# ---------------------------------------------------------------------------------------------------------------
# Verdicts and the report.


def fmt_s(seconds) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_mib(kib) -> str:
    return "-" if not kib else f"{kib / 1024:.0f} MiB"


def judge_row(row: dict, slow: bool, args, restarts: list, family_probes: dict | None = None) -> None:
    """Adds `checks` (name → bool) and `verdict` to a row. `family_probes`: the probe statistics of the row's whole
    family, which judge the p99 of a row with fewer than PROBE_P99_MIN_SAMPLES probes."""
    if row.get("skipped"):
        row["verdict"] = "SKIP"
        return
    checks = {}
    failures = []
    results = row.get("results", [])
    probes = probe_stats(row.get("probes_raw", []), restarts)
    row["probes"] = probes
    if slow:
        checks["closed by server"] = all(r["still_open"] == 0 and not r["connect_failures"] for r in results)
        checks["no 5xx"] = all(r["bad_5xx"] == 0 for r in results)
        row["worst_time"] = max(((r["close_max"] or 0) if r["still_open"] == 0 else r["window"]) for r in results)
        statuses = Counter()
        for r in results:
            statuses.update(r["answers"])
            if r["still_open"]:
                statuses[f"open after {r['window']:.0f} s"] += r["still_open"]
            for kind, count in r["connect_failures"].items():
                statuses[f"connect {kind}"] += count
        row["statuses"] = dict(statuses)
        row["count_503"] = statuses.get("503", 0)
    else:
        limit = args.deadline + 0.1
        row["worst_time"] = max((r["elapsed"] for r in results), default=None)
        checks["deadline"] = all(r["elapsed"] <= limit and not r.get("fail") for r in results)
        checks["no 5xx"] = not any(bad_5xx(r) for r in results)
        row["statuses"] = dict(Counter(outcome_label(r) for r in results))
        row["count_503"] = sum(1 for r in results if r.get("status") == 503)
    if probes["count"] >= PROBE_P99_MIN_SAMPLES or not family_probes:
        checks["probes p99"] = probes["p99"] is not None and probes["p99"] < PROBE_P99_TARGET
    else:
        row["probes_p99_of"] = "family"
        checks["probes p99"] = family_probes["p99"] is not None and family_probes["p99"] < PROBE_P99_TARGET
        checks["probes max"] = probes["max"] is not None and probes["max"] < PROBE_STALL
    checks["probes ok"] = probes["failures"] == 0
    fatal = ("server died", "server stopped answering")
    checks["alive"] = not any(outcome in fatal for outcome in
                              [row.get("server_after")] + [r.get("server_after") for r in results])
    checks["rss"] = (row.get("rss") or {}).get("peak_kib", 0) < RSS_TARGET_KIB
    row["checks"] = checks
    failures = [name for name, ok in checks.items() if not ok]
    row["verdict"] = "PASS" if not failures else "FAIL (" + ", ".join(failures) + ")"


def markdown(report: dict, args) -> str:
    lines = [
        f"Attack suite ({'short' if args.short else 'full'}), deadline {args.deadline:g} s + 100 ms, "
        f"probes p99 < {PROBE_P99_TARGET * 1000:.0f} ms, peak RSS < {RSS_TARGET_KIB // 1024} MiB",
        "",
        f"A row with fewer than {PROBE_P99_MIN_SAMPLES} probes (marked †) is judged on its family's p99, all its "
        f"rows' probes pooled, and on its own slowest probe, under {PROBE_STALL * 1000:.0f} ms.",
        "",
        "| family | concurrency | worst answer time | statuses/error kinds | probe p50/p99/max | peak RSS | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for family in report["families"]:
        for row in family["rows"]:
            conc = str(row["concurrency"])
            if family["slow"]:
                conc += " socket per case" if row["concurrency"] == 1 else " sockets per case"
            elif row["concurrency"] == 1:
                conc = "1 (each case alone)"
            if row.get("skipped"):
                lines.append(f"| {family['name']} | {conc} | - | skipped: {row['skipped']} | - | - | SKIP |")
                continue
            statuses = ", ".join(f"{k} ×{v}" for k, v in sorted(row["statuses"].items(), key=lambda kv: -kv[1]))
            p = row["probes"]
            probe = f"{fmt_s(p['p50'])} / {fmt_s(p['p99'])} / {fmt_s(p['max'])}"
            if row.get("probes_p99_of") == "family":
                probe += f" † ({p['count']} probes)"
            if p["failures"]:
                probe += f" ({p['failures']}/{p['count']} failed)"
            worst = fmt_s(row["worst_time"])
            if family["slow"]:
                worst = ("closed all by " if row["checks"]["closed by server"] else "not all closed; ") + worst
            rss = fmt_mib(row["rss"].get("peak_kib"))
            if row["rss"].get("child_peak_kib"):
                rss += f" (job ≤ {fmt_mib(row['rss']['child_peak_kib'])})"
            lines.append(f"| {family['name']} | {conc} | {worst} | {statuses} | {probe} | {rss} | {row['verdict']} |")
    suite = report["suite"]
    guard = f" ({suite['memory_guard_kills']} by the memory guard)" if suite["memory_guard_kills"] else ""
    lines.append(f"| **suite checks** | | | server instances {suite['instances']}, deaths {suite['deaths']}{guard}, "
                 f"503s {suite['count_503']} | | {fmt_mib(suite['peak_rss_kib'])}"
                 + (f" (job ≤ {fmt_mib(suite['child_peak_rss_kib'])})" if suite["child_peak_rss_kib"] else "")
                 + f" | {suite['verdict']} |")
    lines.append("")
    lines.append("Each case alone (the worst, marked *, is the one sent 2, 8 and 32 times); slow clients per case "
                 "at every level:")
    lines.append("")
    lines.append("| family | case | answer | time | body |")
    lines.append("|---|---|---|---|---|")
    for family in report["families"]:
        worst = family["rows"][0].get("worst_case") if family["rows"] else None
        if family["slow"]:
            for row in family["rows"]:
                for result in row.get("results", []):
                    answer = ", ".join(f"{k} ×{v}" for k, v in result["answers"].items())
                    time_text = (f"all closed by {fmt_s(result['close_max'])}" if result["still_open"] == 0
                                 else f"{result['still_open']} still open after {result['window']:.0f} s")
                    sockets = f"{result['sockets']} socket{'s' if result['sockets'] != 1 else ''}"
                    lines.append(f"| {family['name']} | {result['case']} ({sockets}) | {answer} | "
                                 f"{time_text} | - |")
            continue
        for result in family["solo"]:
            mark = " *" if result["case"] == worst else ""
            name = result["case"].replace("|", "\\|")
            extra = f" → {result['server_after']}" if result.get("server_after") else ""
            lines.append(f"| {family['name']} | {name}{mark} | {outcome_label(result)}{extra} | "
                         f"{fmt_s(result['elapsed'])} | {result['bytes']} B |")
    if report.get("key_notes"):
        lines.append("")
        lines.append("RSA keys: " + "; ".join(f"{bits} bits: {note}" for bits, note in report["key_notes"].items()))
    for event in report["events"]:
        lines.append(f"- server event in {event['family']}: {event['event']} (pid {event.get('pid')}, "
                     f"exit {event.get('exit_code')})")
    final = report["final_stop"]
    lines.append(f"- final stop: {final.get('ended_by')}, exit code {final.get('exit_code')}")
    lines.append(f"- total time {report['seconds']:.0f} s")
    return "\n".join(lines)


def list_cases(args) -> None:
    sizes = key_sizes(args)
    ctx = Context(args, {}, sorted(sizes), listing=True)
    for name in select_families(args.families, args.short):
        cases = FAMILIES[name](ctx)
        levels = [2, 8] if args.short else [2, 8, 32]
        if name in SLOW_MULTIPLIER:
            counts = ([1] if not args.short else []) + [level * SLOW_MULTIPLIER[name] for level in levels]
            print(f"{name}: every case at once with {', '.join(map(str, counts))} sockets each, watched for "
                  f"{args.slow_window:g} s")
        else:
            print(f"{name}: each case alone, then {', '.join(map(str, levels))} copies of the worst")
        for case in cases:
            print(f"  - {case.name}: {case.describe}")


def key_sizes(args) -> dict[int, float]:
    if args.short:
        return {4096: 60.0, 8192: 120.0}
    return {4096: 120.0, 8192: 300.0, 16384: args.keygen_limit}


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--probe-worker":
        probe_worker(int(sys.argv[2]), float(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", action="store_true", help="CI mode: fewer families, concurrency 2 and 8")
    parser.add_argument("--families", help="comma-separated families or prefixes (regex, slow, jwt, ...)")
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "devtools"))
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--json", help="write the raw results here")
    parser.add_argument("--deadline", type=float, default=2.0, help="seconds an answer may take (plus 100 ms)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any row fails")
    parser.add_argument("--timeout", type=float, help="client timeout per request (default 30 s, 6 s with --short)")
    parser.add_argument("--recover", type=float, help="how long a server may take to answer /healthz after a batch "
                                                      "before it counts as hung (default 60 s, 20 s with --short)")
    parser.add_argument("--slow-window", type=float, help="how long slow clients are watched (default 30 s, 15 s "
                                                          "with --short)")
    parser.add_argument("--budget", type=float, help="seconds after which remaining rows are skipped (default: "
                                                     "none, 175 with --short)")
    parser.add_argument("--keys-dir", default=os.path.join(ROOT, "target", "attack-keys"))
    parser.add_argument("--keygen-limit", type=float, default=600.0, help="seconds allowed to generate RSA-16384")
    parser.add_argument("--server-vmem-mib", type=int, default=4096,
                        help="address-space cap of the server (ulimit -v), so a runaway cannot take the machine; 0: none")
    parser.add_argument("--rss-kill-mib", type=int, default=2048, help="kill the server above this RSS (host guard)")
    parser.add_argument("--list", action="store_true", help="list the families and cases, run nothing")
    args = parser.parse_args()
    args.timeout = args.timeout or (6.0 if args.short else 30.0)
    args.recover = args.recover or (20.0 if args.short else 60.0)
    args.slow_window = args.slow_window or (15.0 if args.short else 30.0)
    args.budget = args.budget if args.budget is not None else (175.0 if args.short else 0.0)
    if args.list:
        list_cases(args)
        return 0
    names = select_families(args.families, args.short)
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"no executable at {args.binary}: cargo build --release -p devtools-web")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 8192 if hard == resource.RLIM_INFINITY else min(hard, 8192)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))

    began = time.monotonic()
    sizes = key_sizes(args)
    prepared = prepare_keys(sizes, args.keys_dir) if "jwt" in names else {"keys": {}, "notes": {}}
    ctx = Context(args, prepared["keys"], sorted(sizes))

    port = args.port
    if not port:
        with socket.socket() as probe_socket:
            probe_socket.bind((HOST, 0))
            port = probe_socket.getsockname()[1]
    log_path = os.path.join(ROOT, "target", "attack-server.log")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    server = Server(args.binary, port, log_path, args.server_vmem_mib)
    server.start()
    sampler = RssSampler(server, args.rss_kill_mib * 1024)
    sampler.start()
    suite = Suite(args, server, sampler, ctx)
    report = {"mode": "short" if args.short else "full", "binary": args.binary, "port": port,
              "deadline": args.deadline, "client_timeout": args.timeout, "started": time.time(),
              "key_notes": prepared["notes"], "families": [], "events": suite.events}
    interrupted = None
    try:
        for name in names:
            family = suite.run_family(name)
            pooled = [sample for row in family["rows"] for sample in row.get("probes_raw", [])]
            family_probes = probe_stats(pooled, suite.restarts)
            for row in family["rows"]:
                judge_row(row, family["slow"], args, suite.restarts, family_probes)
            if not family.get("alive_after", True):
                family["rows"][-1]["verdict"] = "FAIL (not alive after the family)"
            report["families"].append(family)
    except KeyboardInterrupt:
        interrupted = "interrupted"
    finally:
        sampler.halt.set()
        final = server.stop() if server.alive() else (server.reap_dead() or server.instances[-1])
        sampler.join(timeout=2)
    final_ok = final.get("ended_by") == "SIGTERM" and final.get("exit_code") == 0
    report["final_stop"] = {k: final.get(k) for k in ("pid", "ended_by", "exit_code")}
    report["final_stop"]["log_tail"] = final.get("log_tail", "")[-2000:]
    deaths = sum(1 for i in server.instances if str(i.get("ended_by")).startswith("died"))
    rows = [row for family in report["families"] for row in family["rows"]]
    failed_rows = [row for row in rows if row["verdict"].startswith("FAIL")]
    peak = sampler.suite_rss
    suite_checks = {"peak rss": peak < RSS_TARGET_KIB, "never died": deaths == 0, "exit 0 on SIGTERM": final_ok,
                    "complete": interrupted is None}
    report["suite"] = {
        "peak_rss_kib": peak, "child_peak_rss_kib": sampler.suite_child,
        "instances": len(server.instances), "deaths": deaths,
        "memory_guard_kills": len(server.guard_kills), "memory_guard": server.guard_kills,
        "count_503": sum(row.get("count_503", 0) for row in rows),
        "rows": len(rows), "failed_rows": len(failed_rows), "checks": suite_checks,
        "verdict": "PASS" if all(suite_checks.values()) else
        "FAIL (" + ", ".join(k for k, ok in suite_checks.items() if not ok) + ")",
    }
    report["server_instances"] = server.instances
    report["seconds"] = time.monotonic() - began
    print(markdown(report, args))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(report, out, indent=1, default=str)
    failed = bool(failed_rows) or not all(suite_checks.values())
    print(f"\nattack: {len(rows) - len(failed_rows)} rows passed or skipped, {len(failed_rows)} failed; suite "
          f"{report['suite']['verdict']}")
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
