"""Colour: devtools' colour tool against coloraide (CSS Color 4 parsing and conversions).

For each generated CSS colour string: does it parse (validity); and for those both accept, the hex and hex8 of the
colour (CSS Color 4 §5.1 and §7–8: legacy rgb(), hsl() and hwb() channels are clamped to their ranges, so the oracle
clamps them; §13.2: other colours outside sRGB are gamut-mapped in Oklch, coloraide's `oklch-chroma`), whether it
is inside sRGB, and its CIE Lab (D50) and Oklch values."""
from __future__ import annotations

import math
import random
import re

from coloraide import Color

from common import Api, Difference, Tally, cli, curl_get

NAMES = ["red", "rebeccapurple", "cornflowerblue", "white", "black", "transparent", "lightgoldenrodyellow",
         "darkslategray", "darkslategrey", "Navy", "TOMATO", "aqua", "fuchsia", "gold", "indigo", "teal"]
LEGACY = ("rgb(", "rgba(", "hsl(", "hsla(", "hwb(")
HUE_UNITS = ["", "", "deg", "turn", "rad", "grad"]


def num(rng: random.Random, lo: float, hi: float) -> str:
    """A number as CSS writes it: integer, decimal, `.5` form, sometimes an exact .5 step."""
    pick = rng.random()
    if pick < 0.35:
        return str(rng.randint(int(lo), int(hi)))
    if pick < 0.55:
        return str(rng.randint(int(lo) * 2, int(hi) * 2) / 2)  # exact halves: the rounding edge
    value = round(rng.uniform(lo, hi), rng.choice([1, 2, 3]))
    text = repr(value)
    if text.startswith("0.") and rng.random() < 0.3:
        text = text[1:]
    return text


def hue(rng):
    unit = rng.choice(HUE_UNITS)
    span = {"": 360, "deg": 360, "turn": 1, "rad": 6.3, "grad": 400}[unit]
    return num(rng, -span / 4, span * 1.25) + unit


def pct(rng, lo=0, hi=100):
    return num(rng, lo, hi) + "%"


def alpha(rng, modern=True):
    if rng.random() < 0.6:
        return None
    return rng.choice([num(rng, 0, 1), pct(rng), num(rng, -0.2, 1.3), "0", "1"])


def maybe_none(rng, text):
    return "none" if rng.random() < 0.05 else text


def out_of_range(rng) -> bool:
    return rng.random() < 0.12


def generate(rng: random.Random) -> str:
    kind = rng.choice(["hex", "hex", "name", "rgb", "rgb", "rgb_legacy", "hsl", "hsl", "hsl_legacy", "hwb", "hwb",
                       "lab", "lch", "oklab", "oklch", "oklch", "color", "garbage"])
    a = alpha(rng)
    slash = f" / {a}" if a is not None else ""
    if kind == "hex":
        digits = rng.choice([3, 4, 6, 8, 6, 6])
        text = "".join(rng.choice("0123456789abcdefABCDEF") for _ in range(digits))
        return ("#" if rng.random() < 0.9 else "") + text
    if kind == "name":
        return rng.choice(NAMES)
    if kind == "rgb":
        lo, hi = (-40, 300) if out_of_range(rng) else (0, 255)
        if rng.random() < 0.3:
            parts = [maybe_none(rng, pct(rng, lo * 100 // 255, hi * 100 // 255)) for _ in range(3)]
        else:
            parts = [maybe_none(rng, num(rng, lo, hi)) for _ in range(3)]
        return f"{rng.choice(['rgb', 'rgba', 'RGB'])}({' '.join(parts)}{slash})"
    if kind == "rgb_legacy":
        lo, hi = (-40, 300) if out_of_range(rng) else (0, 255)
        if rng.random() < 0.3:
            parts = [pct(rng, lo * 100 // 255, hi * 100 // 255) for _ in range(3)]
        else:
            parts = [num(rng, lo, hi) for _ in range(3)]
        if rng.random() < 0.05:  # mixed numbers and percentages: invalid with commas
            parts[1] = pct(rng)
        a = alpha(rng)
        if a is not None:
            parts.append(a)
        sep = rng.choice([",", ", ", " , "])
        return f"{rng.choice(['rgb', 'rgba'])}({sep.join(parts)})"
    if kind in ("hsl", "hwb"):
        lo, hi = (-20, 150) if out_of_range(rng) else (0, 100)
        parts = [maybe_none(rng, hue(rng)), maybe_none(rng, pct(rng, lo, hi)), maybe_none(rng, pct(rng, lo, hi))]
        if kind == "hsl" and rng.random() < 0.1:
            parts[1] = num(rng, 0, 100)  # CSS Color 4 modern syntax allows bare numbers in hsl()
        name = kind if kind == "hwb" or rng.random() < 0.8 else "hsla"
        return f"{name}({' '.join(parts)}{slash})"
    if kind == "hsl_legacy":
        lo, hi = (-20, 150) if out_of_range(rng) else (0, 100)
        parts = [hue(rng), pct(rng, lo, hi), pct(rng, lo, hi)]
        if rng.random() < 0.1:
            parts[rng.choice([1, 2])] = num(rng, 0, 100)  # bare numbers: invalid in the comma form
        a = alpha(rng)
        if a is not None:
            parts.append(a)
        return f"{rng.choice(['hsl', 'hsla'])}({', '.join(parts)})"
    if kind == "lab":
        return f"lab({pct(rng) if rng.random() < 0.3 else num(rng, 0, 100)} {num(rng, -125, 125)} {num(rng, -125, 125)}{slash})"
    if kind == "lch":
        return f"lch({num(rng, 0, 100)} {num(rng, 0, 150)} {hue(rng)}{slash})"
    if kind == "oklab":
        return f"oklab({num(rng, 0, 1)} {num(rng, -0.4, 0.4)} {num(rng, -0.4, 0.4)}{slash})"
    if kind == "oklch":
        light = pct(rng) if rng.random() < 0.3 else num(rng, 0, 1)
        return f"oklch({light} {num(rng, 0, 0.4)} {hue(rng)}{slash})"
    if kind == "color":
        space = rng.choice(["srgb", "srgb", "srgb-linear", "display-p3", "xyz-d65", "xyz-d50", "a98-rgb", "rec2020"])
        lo, hi = (-0.2, 1.2) if out_of_range(rng) else (0, 1)
        return f"color({space} {num(rng, lo, hi)} {num(rng, lo, hi)} {num(rng, lo, hi)}{slash})"
    # garbage: a valid colour damaged
    base = generate(rng) if rng.random() < 0.9 else "rgb(1 2 3)"
    i = rng.randrange(len(base) + 1)
    return rng.choice([base[:i] + base[i + 1:], base[:i] + rng.choice("(),/%# x-.") + base[i:], base + ")",
                       base.replace(" ", ",", 1)])


def half_up(x: float) -> int:
    return int(math.floor(x * 255 + 0.5))


def hexof(coords, a=None) -> str:
    chans = [max(0, min(255, half_up(c))) for c in coords]
    text = "#" + "".join(f"{c:02x}" for c in chans)
    if a is not None:
        text += f"{max(0, min(255, half_up(a))):02x}"
    return text


def is_legacy(text: str) -> bool:
    t = text.strip().lower()
    return t.startswith(LEGACY) or t.startswith("#") or t.isalpha()


# Spaces whose lightness CSS clamps at parsed-value time: (top of the range, whether coordinate 1 is chroma).
CLAMPED = {"lab": (100.0, False), "lch": (100.0, True), "oklab": (1.0, False), "oklch": (1.0, True)}


def oracle(text: str):
    """What CSS Color 4 says the colour is, by coloraide; None when coloraide refuses it. coloraide keeps the
    numbers as written, so the clamps CSS applies at parsed-value time are applied here, from the spec's text."""
    try:
        color = Color(text)
    except ValueError:
        return None
    legacy = is_legacy(text)
    space = color.space()
    coords = [0.0 if math.isnan(v) else v for v in color.coords()]
    if legacy:  # §5.1, §7, §8: legacy sRGB colours: clamps at parsed-value time, then the channels clamp
        if space == "hwb":  # §8: whiteness and blackness clamp at 0 only; a sum over 1 is normalised to a grey
            coords = [coords[0]] + [max(0.0, v) for v in coords[1:]]
        elif space == "hsl":  # §7: only a saturation below 0% is clamped; over 100% and any lightness are kept
            coords = [coords[0], max(0.0, coords[1]), coords[2]]
        # The conversion of hsl()/hwb() may leave sRGB (hsl(0 120% 80%) is [1.04, 0.56, 0.56]); a legacy colour
        # clamps each channel (§5.1), it is not gamut-mapped.
        rgb = Color(space, coords, color.alpha()).convert("srgb").coords()
        color = Color("srgb", [min(1.0, max(0.0, 0.0 if math.isnan(v) else v)) for v in rgb], color.alpha())
    elif space in CLAMPED:  # §8.1, §8.2, §9.1, §9.2: lightness clamped to its range, chroma to ≥ 0
        top, polar = CLAMPED[space]
        coords[0] = min(top, max(0.0, coords[0]))
        if polar:
            coords[1] = max(0.0, coords[1])
        color = Color(space, coords, color.alpha())
    a = min(1.0, max(0.0, color.alpha()))
    srgb = color.convert("srgb")
    in_gamut = srgb.in_gamut()
    if in_gamut:
        rgb = [0.0 if math.isnan(v) else v for v in srgb.coords()]
        ties = [abs((v * 255) % 1 - 0.5) < 1e-6 for v in rgb] + [abs((a * 255) % 1 - 0.5) < 1e-6]
    else:
        rgb = [0.0 if math.isnan(v) else v for v in color.clone().fit("srgb", method="oklch-chroma").convert("srgb").coords()]
        ties = [False] * 4
    lab = [0.0 if math.isnan(v) else v for v in color.convert("lab").coords()]
    oklch = color.convert("oklch").coords()
    return {"legacy": legacy, "in_gamut": in_gamut, "hex": hexof(rgb), "hex8": hexof(rgb, a), "rgb": rgb,
            "ties": ties, "lab": lab, "oklch": oklch, "alpha": a}


def close_hex(a: str, b: str, slack: int) -> bool:
    return all(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) <= slack for i in range(1, len(a), 2))


def tie_only(dev: str, want: str, ties) -> bool:
    """Whether every channel that differs is off by one where the exact value is a .5 tie."""
    for n, i in enumerate(range(1, len(want), 2)):
        d, w = int(dev[i:i + 2], 16), int(want[i:i + 2], 16)
        if d != w and not (abs(d - w) == 1 and ties[n]):
            return False
    return True


def run(api: Api, rng: random.Random, cases: int, tally: Tally):
    for _ in range(cases):
        text = generate(rng)
        tally.cases += 1
        status, body = api.get("/api/color", value=text)
        want = oracle(text)
        repro = cli("color", text)
        accepted = status == 200
        if accepted != (want is not None):
            tally.differ(Difference("color", "validity", text,
                                    "accepted" if accepted else f"refused: {body.get('message')}",
                                    "accepted" if want is not None else "refused", repro))
            continue
        tally.agree()
        if not accepted:
            continue
        compare(text, body, want, tally, repro)


def compare(text, body, want, tally: Tally, repro: str):
    def check(name, ok, dev, exp):
        if ok:
            tally.agree()
        else:
            tally.differ(Difference("color", name, text, dev, exp, repro))

    check("in sRGB gamut", body["in_gamut"] == want["in_gamut"], body["in_gamut"], want["in_gamut"])
    if want["in_gamut"]:
        exact = body["hex"] == want["hex"] and body["hex8"] == want["hex8"]
        # A tie computed from non-legacy maths (lab(), color()) is float noise either way: both roundings agree.
        noise = not want["legacy"] and tie_only(body["hex8"], want["hex8"], want["ties"])
        check("hex8", exact or noise, body["hex8"], want["hex8"])
    else:
        # CSS Color 4 §13.2 leaves the binary search's last step open (ε = 0.0001): one unit either way agrees.
        check("hex8 (gamut-mapped)", close_hex(body["hex8"], want["hex8"], 1), body["hex8"], want["hex8"])
    lab_ok = all(abs(d - w) <= 0.002 for d, w in zip(body["lab"], want["lab"]))
    check("lab", lab_ok, body["lab"], [round(v, 4) for v in want["lab"]])
    l, c, h = want["oklch"]
    dl, dc, dh = body["oklch"]
    ok = abs(dl - l) <= 1e-5 and abs(dc - c) <= 1e-5  # 6 decimals written; dark colours amplify float noise
    if ok and c > 1e-3 and not math.isnan(h):
        ok = dh is not None and abs((dh - h + 180) % 360 - 180) <= 0.001
    check("oklch", ok, body["oklch"], [round(l, 6), round(c, 6), None if math.isnan(h) else round(h, 4)])


# Classifiers: one per divergence id in divergences.toml whose tool is "color".
def _bare_hex(d: Difference) -> bool:
    t = d.input.strip()
    return d.check == "validity" and d.devtools == "accepted" and len(t) in (3, 4, 6, 8) and all(
        ch in "0123456789abcdefABCDEF" for ch in t)




def _whitespace(d: Difference) -> bool:
    """Whitespace around the value: CSS Syntax 3 §5.3 (a declaration's value is trimmed), CSS.supports agrees."""
    return (d.check == "validity" and d.devtools == "accepted" and d.input != d.input.strip()
            and oracle(d.input.strip()) is not None)


def _float_half(d: Difference) -> bool:
    """An exact .5 channel (or alpha × 255) that floating-point arithmetic lands a hair below: coloraide rounds the
    float as computed, devtools rounds the exact value half up, as Chromium paints it."""
    want = oracle(d.input)
    return (want is not None and want["legacy"] and d.check == "hex8" and
            tie_only(d.devtools, d.oracle, want["ties"]) and d.devtools > d.oracle)




def _unclosed(d: Difference) -> bool:
    """CSS Syntax 3 §5.4.9: end of input closes an open function (a parse error, but the value stands)."""
    t = d.input.strip()
    return (d.check == "validity" and d.devtools == "accepted" and t.count("(") == t.count(")") + 1
            and oracle(t + ")") is not None)


def _two_channels_before_slash(d: Difference) -> bool:
    """coloraide reads `rgb(1 2 /3)` as a colour; CSS Color 4's grammar needs three channels before `/`."""
    return (d.check == "validity" and d.oracle == "accepted" and "expected 3 values, found 2" in str(d.devtools)
            and "/" in d.input)


def _unit_then_digits(d: Difference) -> bool:
    """CSS Syntax 3 §4.3.3: `42deg35%` is one dimension token with the unit `deg35`, not `42deg` and `35%`."""
    return (d.check == "validity" and d.oracle == "accepted" and str(d.devtools).startswith("refused")
            and re.search(r"(\d(deg|rad|grad|turn)|\bnone)[0-9.]", d.input.lower()) is not None)


def _juxtaposed_tokens(d: Difference) -> bool:
    """CSS Syntax 3 §4: `srgb.1` (`xyz-d65.06`) is an ident then the number `.1`; no whitespace is needed."""
    spaced = re.sub(r"(\b[a-z][a-z0-9-]*)(\.\d)", r"\1 \2", d.input.lower())
    return (d.check == "validity" and d.devtools == "accepted" and spaced != d.input.lower()
            and oracle(spaced) is not None)


CLASSIFIERS = {
    "color-coloraide-juxtaposed-tokens": _juxtaposed_tokens,
    "color-unclosed-function": _unclosed,
    "color-coloraide-two-channels": _two_channels_before_slash,
    "color-coloraide-unit-digits": _unit_then_digits,
    "color-bare-hex": _bare_hex,
    "color-surrounding-whitespace": _whitespace,
    "color-coloraide-float-half": _float_half,
}
