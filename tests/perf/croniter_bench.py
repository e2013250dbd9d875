#!/usr/bin/env python3
"""The same workload as devtools-cron's first criterion case, in Python's croniter (a Vixie-semantics peer):
the next 100 runs of `*/15 9-17 * * MON-FRI` in America/New_York from 2026-01-01T00:00Z.
Prints the median time per iteration in nanoseconds."""
import datetime
import statistics
import time
from zoneinfo import ZoneInfo

from croniter import croniter

EXPR = "*/15 9-17 * * MON-FRI"
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc).astimezone(ZoneInfo("America/New_York"))


def once():
    it = croniter(EXPR, START)
    return [it.get_next(datetime.datetime) for _ in range(100)]


def main():
    once()
    samples = []
    for _ in range(15):
        n = 20
        t0 = time.perf_counter_ns()
        for _ in range(n):
            once()
        samples.append((time.perf_counter_ns() - t0) / n)
    print(int(statistics.median(samples)))


if __name__ == "__main__":
    main()
