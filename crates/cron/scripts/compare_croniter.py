#!/usr/bin/env python3
"""Compares devtools-cron's run times with croniter's over random crontab expressions.

A development aid, not a test: `pip install croniter`, then
    CARGO_TARGET_DIR=/work/main/target-cron cargo build -p devtools-cron --example next_runs
    python3 crates/cron/scripts/compare_croniter.py /work/main/target-cron/debug/examples/next_runs [N] [ZONE]

croniter decides OR/AND for day-of-month/day-of-week by its `day_or` flag rather than by whether a field starts
with `*`, so the script passes the Vixie rule explicitly. Around daylight-saving changes croniter does not follow
cronie, so compare in zones without DST (UTC, Asia/Kolkata) for exact agreement.
"""
import random, subprocess, sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
from croniter import croniter

RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
DAYS = "SUN MON TUE WED THU FRI SAT".split()


def atom(i, v):
    if i == 3 and random.random() < 0.3:
        return MONTHS[v - 1]
    if i == 4 and v < 7 and random.random() < 0.3:
        return DAYS[v].lower() if random.random() < 0.5 else DAYS[v]
    return str(v)


def part(i):
    lo, hi = RANGES[i]
    r = random.random()
    if r < 0.25:
        return "*"
    if r < 0.4:
        return "*/%d" % random.randint(2, min(hi - lo, 15))
    if r < 0.6:
        return atom(i, random.randint(lo, hi))
    if r < 0.75:
        a = random.randint(lo, hi - 1)
        b = random.randint(a + 1, hi)
        step = "/%d" % random.randint(2, 5) if random.random() < 0.4 else ""
        return "%s-%s%s" % (atom(i, a), atom(i, b), step)
    values = sorted(set(random.randint(lo, hi) for _ in range(random.randint(2, 4))))
    return ",".join(atom(i, v) for v in values)


def main():
    binary = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    zone = sys.argv[3] if len(sys.argv) > 3 else "UTC"
    random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    tz = ZoneInfo(zone)
    cases = []
    for _ in range(n):
        fields = [part(i) for i in range(5)]
        if random.random() < 0.1:
            fields[2] = "*"
        after = datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")) + timedelta(minutes=random.randint(0, 3 * 365 * 1440))
        cases.append((" ".join(fields), after))
    lines = "".join("%s\t%s\t%s\t6\n" % (e, zone, a.isoformat()) for e, a in cases)
    ours = subprocess.run([binary], input=lines, capture_output=True, text=True, check=True).stdout.splitlines()
    mismatches = 0
    for (expression, after), got in zip(cases, ours):
        dom, dow = expression.split()[2], expression.split()[4]
        day_or = not (dom.startswith("*") or dow.startswith("*"))
        try:
            it = croniter(expression, after.astimezone(tz), day_or=day_or)
            want = " ".join(it.get_next(datetime).isoformat() for _ in range(6))
        except Exception as error:  # croniter refuses the expression
            want = "ERR %s" % error
        if got != want:
            mismatches += 1
            print("MISMATCH %r after %s\n  ours     %s\n  croniter %s" % (expression, after.isoformat(), got, want))
    print("%d cases, %d mismatches" % (len(cases), mismatches))


if __name__ == "__main__":
    main()
