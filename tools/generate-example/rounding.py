"""Exact rounding half away from zero, and solving for integer counts."""

from fractions import Fraction


def round_half_away(value, decimals=0):
    """Round a Fraction (or int) half away from zero; returns a Fraction."""
    value = Fraction(value)
    factor = Fraction(10) ** decimals
    scaled = value * factor
    sign = -1 if scaled < 0 else 1
    whole = (abs(scaled) + Fraction(1, 2)).__floor__()
    return Fraction(sign * whole) / factor


def pct(count, base):
    """Percent of base, rounded to an integer (half away from zero)."""
    return int(round_half_away(Fraction(100 * count, base)))


def is_tie(count, base, decimals=0):
    """True when 100*count/base lies exactly on a rounding boundary."""
    scaled = Fraction(100 * count, base) * Fraction(10) ** decimals
    return (scaled * 2).denominator == 1 and (scaled * 2) % 2 == 1


def count_for(percent, base, prefer=None):
    """The integer count whose share of `base` rounds to `percent`.

    Picks the count nearest `prefer` (default: percent*base/100) among all
    counts that round correctly and do not sit on a rounding tie.
    """
    target = percent * base / 100 if prefer is None else prefer
    options = [c for c in range(base + 1) if pct(c, base) == percent and not is_tie(c, base)]
    if not options:
        raise ValueError(f"no count of {base} rounds to {percent} %")
    return min(options, key=lambda c: (abs(c - target), c))


def largest_remainder(shares, total):
    """Split `total` into integers proportional to `shares` (largest remainder)."""
    s = sum(shares)
    raw = [Fraction(x) * total / s for x in shares] if s else [Fraction(0)] * len(shares)
    base = [int(r) for r in raw]
    rest = total - sum(base)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:rest]:
        base[i] += 1
    return base
