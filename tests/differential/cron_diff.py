"""Cron: devtools' next runs against croniter, for generated 5-field expressions, in UTC and in Europe/Berlin.

UTC: croniter's next runs after a random instant. Berlin: croniter lists the matching wall-clock times (naive), and
cronie's daylight-saving rule, written here from cronie's cron.c behaviour that crates/cron/src/runs.rs documents, maps
them onto instants: a time in the repeated hour runs on the first pass only for a fixed-time job (minute and hour not
starting with `*`) and on both passes otherwise; a time in the skipped hour runs once, at the end of the gap, for a
fixed-time job and not at all otherwise. A small Vixie-cron matcher (crontab(5)) explains where croniter differs."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from croniter import croniter

from common import Api, Difference, Tally, cli

COUNT = 5
ZONE = "Europe/Berlin"
# Instants just before Berlin's 2026 and 2027 clock changes, to land searches on them often.
CHANGES = [datetime(2026, 3, 29, 1, tzinfo=timezone.utc), datetime(2026, 10, 25, 1, tzinfo=timezone.utc),
           datetime(2027, 3, 28, 1, tzinfo=timezone.utc), datetime(2027, 10, 31, 1, tzinfo=timezone.utc)]
FIELDS = [("minute", 0, 59), ("hour", 0, 23), ("dom", 1, 31), ("month", 1, 12), ("dow", 0, 7)]
MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
DAYS = "SUN MON TUE WED THU FRI SAT".split()


def item(rng, name, lo, hi):
    pick = rng.random()
    if name == "dom":
        hi = 28 if rng.random() < 0.8 else 31  # rarely a never-firing 31 February
    if name == "hour" and rng.random() < 0.3:
        return str(rng.choice([1, 2, 3]))  # the hours the clock changes touch
    if pick < 0.2:
        return "*"
    if pick < 0.32:
        return f"*/{rng.randint(1, max(2, (hi - lo) // 2))}"
    if pick < 0.55:
        return str(rng.randint(lo, hi))
    if pick < 0.75:
        a = rng.randint(lo, hi)
        b = rng.randint(a, hi) if rng.random() < 0.1 else rng.randint(min(a + 1, hi), hi)
        return f"{a}-{b}"
    if pick < 0.85:
        a = rng.randint(lo, hi)
        b = rng.randint(a, hi) if rng.random() < 0.1 else rng.randint(min(a + 1, hi), hi)
        return f"{a}-{b}/{rng.randint(1, max(1, b - a + 1))}"
    if pick < 0.92:
        return f"{rng.randint(lo, hi)}/{rng.randint(1, max(2, (hi - lo) // 2))}"
    if name == "month":
        return rng.choice(MONTHS)
    if name == "dow":
        a = rng.randint(0, 6)
        return rng.choice([DAYS[a], f"{DAYS[a]}-{DAYS[rng.randint(a, 6)]}"])
    return str(rng.randint(lo, hi))


def generate(rng: random.Random) -> str:
    fields = []
    for name, lo, hi in FIELDS:
        n = 1 if rng.random() < 0.75 else rng.randint(2, 3)
        parts = [item(rng, name, lo, hi) for _ in range(n)]
        if n > 1:
            parts = [p for p in parts if not p.startswith("*")] or ["*"]
        fields.append(",".join(parts))
    return " ".join(fields)


def croniter_wall(expr: str, start: datetime, until: datetime, limit: int) -> list[datetime]:
    """Matching wall-clock times (naive) after `start` up to `until`, by croniter."""
    out = []
    try:
        it = croniter(expr, start, max_years_between_matches=10)
        while len(out) < limit:
            t = it.get_next(datetime)
            if t > until:
                break
            out.append(t)
    except Exception:  # CroniterBadDateError and the like: no (more) matching date
        pass
    return out


def utc_runs(expr: str, after: datetime) -> list[datetime]:
    wall = croniter_wall(expr, after.replace(tzinfo=None), datetime(9999, 1, 1), COUNT)
    return [t.replace(tzinfo=timezone.utc) for t in wall]


def fixed_time(expr: str) -> bool:
    minute, hour = expr.split()[:2]
    return not (minute.startswith("*") or hour.startswith("*"))


def zone_runs(expr: str, after: datetime, zone: ZoneInfo, source=None) -> list[datetime]:
    """Runs strictly after `after` in `zone` under cronie's DST rule."""
    fixed = fixed_time(expr)
    local_after = after.astimezone(zone).replace(tzinfo=None)
    start = local_after - timedelta(hours=3)  # a wall time up to 3 h back can still map after `after`
    instants: set[datetime] = set()
    horizon = None
    cursor = start
    while True:
        batch = (source or croniter_wall)(expr, cursor, datetime(9999, 1, 1), 64)
        if not batch:
            break
        for wall in batch:
            if horizon is not None and wall > horizon:
                break
            for instant in map_wall(wall, zone, fixed):
                if instant > after:
                    instants.add(instant)
            if horizon is None and len(instants) >= COUNT:
                # Later wall times map at most a few hours earlier than their naive reading.
                horizon = sorted(instants)[COUNT - 1].astimezone(zone).replace(tzinfo=None) + timedelta(hours=3)
        else:
            cursor = batch[-1]
            continue
        break
    return sorted(instants)[:COUNT]


def map_wall(wall: datetime, zone: ZoneInfo, fixed: bool) -> list[datetime]:
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    exists = first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) == wall
    if exists:
        if first.utcoffset() == second.utcoffset() or fixed:
            return [first.astimezone(timezone.utc)]
        return [first.astimezone(timezone.utc), second.astimezone(timezone.utc)]
    if not fixed:
        return []
    # In the gap: the first instant whose wall clock is past `wall` (the end of the gap).
    lo = second.astimezone(timezone.utc)
    hi = first.astimezone(timezone.utc)
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(zone).replace(tzinfo=None) > wall:
            hi = mid
        else:
            lo = mid
    return [hi.replace(microsecond=0)]


# A Vixie-cron matcher (crontab(5)), for explaining differences with croniter only.
def expand(field: str, lo: int, hi: int, names=None, dow=False) -> set[int]:
    values = set()
    for part in field.split(","):
        base, _, step = part.partition("/")
        step = int(step) if step else 1
        if base == "*":
            a, b = lo, hi
        elif "-" in base:
            a, b = (word(x, names) for x in base.split("-"))
        else:
            a = word(base, names)
            b = hi if step > 1 or _ else a  # `N/step` runs to the field's maximum (BSD cron: 7 for day-of-week)
        values.update(range(a, b + 1, step))
    return {0 if dow and v == 7 else v for v in values}


def word(text, names):
    if names and text.upper() in names:
        return names.index(text.upper()) + (1 if names is MONTHS else 0)
    return int(text)


def vixie_wall(expr: str, after: datetime, until: datetime, limit: int) -> list[datetime]:
    """Matching wall-clock times (naive) strictly after `after`, by crontab(5)'s rules."""
    m, h, dom, mon, dow = expr.split()
    mins, hours = sorted(expand(m, 0, 59)), sorted(expand(h, 0, 23))
    doms, mons, dows = expand(dom, 1, 31), expand(mon, 1, 12, MONTHS), expand(dow, 0, 7, DAYS, dow=True)
    both = dom.startswith("*") or dow.startswith("*")
    out = []
    day = after.replace(hour=0, minute=0, second=0, microsecond=0)
    for _ in range(366 * 12):
        if day.month in mons:
            dm, dw = day.day in doms, (day.weekday() + 1) % 7 in dows
            if (dm and dw) if both else (dm or dw):
                for hh in hours:
                    for mm in mins:
                        t = day.replace(hour=hh, minute=mm)
                        if t > after:
                            out.append(t)
                            if len(out) == limit:
                                return out
        day += timedelta(days=1)
    return out


def random_instant(rng: random.Random) -> datetime:
    if rng.random() < 0.5:
        base = rng.choice(CHANGES) - timedelta(minutes=rng.randint(0, 60 * 30))
    else:
        base = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=rng.randint(0, 2 * 365 * 86400))
    return base.replace(second=rng.choice([0, 0, 30]))


def run(api: Api, rng: random.Random, cases: int, tally: Tally):
    zone = ZoneInfo(ZONE)
    for _ in range(cases):
        expr = generate(rng)
        after = random_instant(rng)
        tz = "UTC" if rng.random() < 0.4 else ZONE
        tally.cases += 1
        frm = after.strftime("%Y-%m-%dT%H:%M:%SZ")
        status, body = api.get("/api/cron", expr=expr, tz=tz, count=str(COUNT), **{"from": frm})
        repro = cli("cron", expr, "--tz", tz, "--count", str(COUNT), "--from", frm)
        if status != 200:
            tally.differ(Difference("cron", "validity", expr, f"refused: {body.get('message')}", "accepted", repro))
            continue
        dev = [datetime.fromisoformat(t).astimezone(timezone.utc) for t in body["next"]]
        here = timezone.utc if tz == "UTC" else zone
        want = zone_runs(expr, after, here)
        show = lambda runs: [t.astimezone(zone if tz != "UTC" else timezone.utc).isoformat() for t in runs]  # noqa: E731
        if dev == want:
            tally.agree()
        else:
            d = Difference("cron", f"next runs ({tz}, from {frm})", expr, show(dev), show(want), repro)
            d.vixie = show(zone_runs(expr, after, here, vixie_wall))
            tally.differ(d)


def _vixie(d: Difference) -> bool:
    """devtools gives what crontab(5)'s rules give (the suite's own matcher, under the same DST rule)."""
    return d.devtools == getattr(d, "vixie", None)


def _croniter_day_rule(d: Difference) -> bool:
    """croniter ORs day-of-month and day-of-week when one is `*/N`; Vixie cron ANDs them (crontab(5))."""
    dom, dow = d.input.split()[2], d.input.split()[4]
    star_step = (dom.startswith("*") and dom != "*") or (dow.startswith("*") and dow != "*")
    return star_step and _vixie(d)


def _dow_step_to_sunday(d: Difference) -> bool:
    """`N/step` in day-of-week: BSD cron's N-7/step reaches 7 (Sunday); croniter stops at 6."""
    dow = d.input.split()[4]
    return any("/" in p and not p.startswith("*") and "-" not in p for p in dow.split(",")) and _vixie(d)


def _single_value_range(d: Difference) -> bool:
    """croniter reads a one-value range `a-a` (or `a-a/1`) as the whole field; crontab(5) reads it as `a`."""
    return any(p.split("/")[0].split("-")[0] == p.split("/")[0].split("-")[-1] and "-" in p
               for f in d.input.split() for p in f.split(",")) and _vixie(d)


CLASSIFIERS = {
    "cron-croniter-single-value-range": _single_value_range,
    "cron-croniter-star-step-or": _croniter_day_rule,
    "cron-dow-step-to-sunday": _dow_step_to_sunday,
}
