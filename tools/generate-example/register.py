"""The unit register: 422 municipalities and Oslo's 15 city districts.

Attributes are synthetic. They are distributed so that Table 1 of the report
comes out exactly (all municipalities, IA respondents, RM respondents), and
population sums are tuned so that the population and immigrant shares living
in responding units match the report, counted over municipalities only and
over all units alike.
"""

import math
from fractions import Fraction

from rounding import round_half_away

# Table 1, as counts of municipalities per category (they round to the
# printed percentages; see the fact sheet's derived_count_hints).
SIZE_LABELS = ["Under 2 000", "2 000–4 999", "5 000–9 999", "10 000–19 999",
               "20 000–49 999", "Over 50 000"]
SIZE_RANGES = [(200, 1979), (2021, 4979), (5021, 9979), (10021, 19979),
               (20021, 49979), (50021, 104000)]
SIZE_BOUNDS = [(None, 1999), (2000, 4999), (5000, 9999), (10000, 19999),
               (20000, 49999), (50000, None)]
INNV_LABELS = ["Under 5 prosent", "5–9,9 prosent", "10–14,9 prosent", "Over 15 prosent"]
# interior ranges in tenths of a percent (kept away from the bin edges)
INNV_RANGES = [(20, 45), (55, 94), (105, 144), (156, 230)]
INNV_BOUNDS = [(None, 4.9), (5, 9.9), (10, 14.9), (15, None)]

TABLE1 = {
    "innbyggere": {"all": [96, 126, 88, 54, 42, 16], "ia": [52, 87, 55, 33, 38, 8],
                   "rm": [29, 54, 33, 28, 23, 7]},
    "sentralitet": {"all": [9, 25, 63, 106, 118, 101], "ia": [5, 14, 38, 76, 85, 55],
                    "rm": [4, 12, 28, 45, 52, 33]},
    "innvandrerandel": {"all": [9, 190, 175, 48], "ia": [6, 128, 112, 27],
                        "rm": [3, 75, 81, 15]},
    "bosettingsaar": {"all": [13, 13, 29, 38, 34, 67, 228], "ia": [0, 8, 19, 27, 17, 44, 158],
                      "rm": [1, 3, 9, 17, 4, 30, 110]},
}
SENTRALITET_VALUES = [1, 2, 3, 4, 5, 6]
BOSETTING_VALUES = [0, 1, 2, 3, 4, 5, 6]

# Respondent groups: both surveys, IA only, RM only, neither.
GROUP_SIZES = {"B": 150, "I": 123, "R": 24, "X": 125}

COUNTIES = [("01", 18), ("02", 22), ("03", 1), ("04", 22), ("05", 26), ("06", 21),
            ("07", 9), ("08", 18), ("09", 15), ("10", 15), ("11", 26), ("12", 33),
            ("14", 26), ("15", 35), ("18", 44), ("19", 24), ("20", 19), ("50", 48)]

DISTRICTS = [("030101", "Gamle Oslo"), ("030102", "Grünerløkka"), ("030103", "Sagene"),
             ("030104", "St. Hanshaugen"), ("030105", "Frogner"), ("030106", "Ullern"),
             ("030107", "Vestre Aker"), ("030108", "Nordre Aker"), ("030109", "Bjerke"),
             ("030110", "Grorud"), ("030111", "Stovner"), ("030112", "Alna"),
             ("030113", "Østensjø"), ("030114", "Nordstrand"), ("030115", "Søndre Nordstrand")]
DISTRICTS_IA = {"030101", "030102", "030105", "030107", "030108", "030113"}
DISTRICTS_RM = {"030101", "030105", "030108", "030103", "030104", "030106", "030109",
                "030114", "030115"}

OSLO_POP = 676_214
OSLO_OUTSIDE_DISTRICTS = 1_652          # residents not registered in any district
TOP_POPS = {"oslo": OSLO_POP, "rank2": 281_390, "rank3": 193_501, "rank4": 132_102}

# Targets for population coverage (percent), IA and RM.
COVERAGE = {("ia", "innbyggere"): 56, ("ia", "innvandrere"): 49,
            ("rm", "innbyggere"): 41, ("rm", "innvandrere"): 36}

PREFIXES = ["Fjell", "Vik", "Nord", "Sør", "Aust", "Vest", "Hol", "Lund", "Berg", "Dal",
            "Sand", "Strand", "Mo", "Ås", "Eid", "Skog", "Lier", "Haug", "Tveit", "Bø",
            "Ros", "Heim", "Gran", "Ly", "Øy", "Sel", "Hov", "Rød", "Kvam", "Fos", "Nes",
            "Brå", "Stor", "Lille", "Ør", "Sol", "Myr", "Elv", "Sjø", "Tind", "Hald",
            "Grøn", "Kjel", "Lang", "Rust", "Ask", "Eik", "Bjørk", "Hval", "Ulv"]
SUFFIXES = ["vik", "dal", "berg", "nes", "øy", "land", "stad", "heim", "fjord", "sund",
            "bygd", "mo", "ås", "våg", "eid", "strand", "haug", "rud", "set", "li",
            "fjell", "bu", "tun", "vær", "voll", "sjø", "myr", "hamn"]


def invent_names(rng, count):
    """Distinct Norwegian-sounding place names (invented)."""
    seen, names = set(), []
    while len(names) < count:
        p, s = rng.choice(PREFIXES), rng.choice(SUFFIXES)
        if p.lower().endswith(s) or p.lower() == s:
            continue
        name = p + s
        if name in seen:
            continue
        seen.add(name)
        names.append(name)
    return names


def split_counts(attr, pinned):
    """Per category, how many of each group (B, I, R, X) have it.

    B_c is free within bounds; I = IA - B, R = RM - B, X = ALL - IA - RM + B.
    `pinned[g][c]` are minimum counts needed by pinned units.
    """
    t = TABLE1[attr]
    n = len(t["all"])
    lo, hi = [], []
    for c in range(n):
        a, i, r = t["all"][c], t["ia"][c], t["rm"][c]
        lo.append(max(0, pinned["B"][c], pinned["X"][c] - (a - i - r)))
        hi.append(min(i - pinned["I"][c], r - pinned["R"][c]))
        if lo[c] > hi[c]:
            raise ValueError(f"{attr}: category {c} cannot be split")
    want = [Fraction(t["ia"][c] * t["rm"][c], t["all"][c]) * 422 * GROUP_SIZES["B"]
            / (273 * 174) for c in range(n)]
    b = [min(hi[c], max(lo[c], int(round_half_away(want[c])))) for c in range(n)]
    while sum(b) != GROUP_SIZES["B"]:
        step = 1 if sum(b) < GROUP_SIZES["B"] else -1
        cands = [c for c in range(n) if lo[c] <= b[c] + step <= hi[c]]
        if not cands:
            raise ValueError(f"{attr}: cannot reach B size")
        c = max(cands, key=lambda c: (step * (want[c] - b[c]), -c))
        b[c] += step
    out = {"B": b, "I": [], "R": [], "X": []}
    for c in range(n):
        a, i, r = t["all"][c], t["ia"][c], t["rm"][c]
        out["I"].append(i - b[c])
        out["R"].append(r - b[c])
        out["X"].append(a - i - r + b[c])
    for g in "IRX":
        assert sum(out[g]) == GROUP_SIZES[g], (attr, g, sum(out[g]))
    return out


def tenths_share(innv, innb):
    """Immigrant share in tenths of a percent, as the register writes it."""
    return int(round_half_away(Fraction(1000 * innv, innb)))


def build(rng):
    """Build the register: a list of unit dicts (municipalities, then districts)."""
    units = []
    names = invent_names(rng, 421)
    ni = 0
    for cc, k in COUNTIES:
        if cc == "03":
            units.append({"kommunenr": "0301", "navn": "Oslo", "enhetstype": "kommune"})
            continue
        top = min(99, int(k * 1.6) + 4)
        nums = sorted(rng.sample(range(1, top + 1), k))
        for n in nums:
            units.append({"kommunenr": f"{cc}{n:02d}", "navn": names[ni],
                          "enhetstype": "kommune"})
            ni += 1
    assert len(units) == 422
    by_nr = {u["kommunenr"]: u for u in units}

    # Pinned units: the four most populous municipalities.
    oslo = by_nr["0301"]
    rank2 = rng.choice([u for u in units if u["kommunenr"].startswith("12")])
    rank3 = rng.choice([u for u in units if u["kommunenr"].startswith("50")])
    rank4 = rng.choice([u for u in units if u["kommunenr"].startswith("11")])
    pins = [(oslo, "X", "oslo", {"innbyggere": 5, "sentralitet": 0, "innvandrerandel": 3,
                                 "bosettingsaar": 6}),
            (rank2, "X", "rank2", {"innbyggere": 5, "sentralitet": 1, "bosettingsaar": 6}),
            (rank3, "B", "rank3", {"innbyggere": 5, "sentralitet": 1, "bosettingsaar": 6}),
            (rank4, "X", "rank4", {"innbyggere": 5, "sentralitet": 1, "bosettingsaar": 6})]
    pinned_ids = set()
    for u, g, key, cats in pins:
        u["group"], u["pin"], u["pincats"] = g, key, cats
        pinned_ids.add(u["kommunenr"])

    free = [u for u in units if u["kommunenr"] not in pinned_ids]
    rng.shuffle(free)
    pos = 0
    for g in "BIRX":
        need = GROUP_SIZES[g] - sum(1 for u, gg, _, _ in pins if gg == g)
        for u in free[pos:pos + need]:
            u["group"], u["pin"], u["pincats"] = g, None, {}
        pos += need
    assert pos == len(free)
    for u in units:
        u["z"] = rng.gauss()

    # Attribute categories per group, coupled to a latent size score.
    for attr in ["innbyggere", "sentralitet", "innvandrerandel", "bosettingsaar"]:
        ncat = len(TABLE1[attr]["all"])
        pinned = {g: [0] * ncat for g in "BIRX"}
        for u in units:
            if attr in u["pincats"]:
                pinned[u["group"]][u["pincats"][attr]] += 1
        split = split_counts(attr, pinned)
        # order categories from "small/peripheral" to "large/central"
        order = list(range(ncat))
        if attr == "sentralitet":
            order = list(reversed(order))
        noise = {"innbyggere": 0.35, "sentralitet": 0.8, "innvandrerandel": 1.3,
                 "bosettingsaar": 1.0}[attr]
        for g in "BIRX":
            members = [u for u in units if u["group"] == g]
            pool = []
            for c in order:
                pool.extend([c] * split[g][c])
            for u in members:
                if attr in u["pincats"]:
                    pool.remove(u["pincats"][attr])
            rest = [u for u in members if attr not in u["pincats"]]
            keyed = sorted(rest, key=lambda u: (u["z"] + noise * rng.gauss(), u["kommunenr"]))
            for u, c in zip(keyed, pool):
                u["cat_" + attr] = c
            for u in members:
                if attr in u["pincats"]:
                    u["cat_" + attr] = u["pincats"][attr]

    for u in units:
        u["sentralitet"] = SENTRALITET_VALUES[u["cat_sentralitet"]]
        u["bosettingsaar"] = BOSETTING_VALUES[u["cat_bosettingsaar"]]
        u["ia"] = u["group"] in "BI"
        u["rm"] = u["group"] in "BR"
        if u["pin"]:
            u["innbyggere"] = TOP_POPS[u["pin"]]
        else:
            lo, hi = SIZE_RANGES[u["cat_innbyggere"]]
            u["innbyggere"] = int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
        lo, hi = INNV_RANGES[u["cat_innvandrerandel"]]
        u["andel_target"] = rng.randint(lo, hi)
    oslo["andel_target"] = 251

    districts = []
    weights = [rng.uniform(0.8, 1.25) for _ in DISTRICTS]
    inside = OSLO_POP - OSLO_OUTSIDE_DISTRICTS
    pops = [int(inside * w / sum(weights)) for w in weights]
    pops[0] += inside - sum(pops)
    for (nr, name), p in zip(DISTRICTS, pops):
        high = nr in ("030110", "030111", "030112", "030115")
        districts.append({"kommunenr": nr, "navn": name, "enhetstype": "bydel",
                          "innbyggere": p, "sentralitet": 1, "bosettingsaar": 6,
                          "andel_target": rng.randint(330, 420) if high else rng.randint(160, 290),
                          "ia": nr in DISTRICTS_IA, "rm": nr in DISTRICTS_RM, "pin": None,
                          "group": None})
    tune_coverage(rng, units, districts)
    for u in units + districts:
        u["innvandrere"] = immigrants(u)
        u["andel_tenths"] = tenths_share(u["innvandrere"], u["innbyggere"])
        cat = innv_category(u["andel_tenths"])
        if u["enhetstype"] == "kommune":
            assert cat == u["cat_innvandrerandel"], u
        assert size_category(u["innbyggere"]) == (
            u.get("cat_innbyggere", size_category(u["innbyggere"])))
    return units + districts


def immigrants(u):
    return int(round_half_away(Fraction(u["innbyggere"] * u["andel_target"], 1000)))


def size_category(pop):
    for i, (lo, hi) in enumerate(SIZE_BOUNDS):
        if (lo is None or pop >= lo) and (hi is None or pop <= hi):
            return i
    raise ValueError(pop)


def innv_category(tenths):
    for i, (lo, hi) in enumerate(INNV_BOUNDS):
        if (lo is None or tenths >= lo * 10) and (hi is None or tenths <= hi * 10):
            return i
    raise ValueError(tenths)


def coverage_error(units, districts):
    """Distance of the eight coverage shares from their targets: the largest
    absolute gap in percentage points dominates, so all eight get inside the
    rounding window."""
    err = 0.0
    worst = 0.0
    for scope in ("kommune", "all"):
        pool = units if scope == "kommune" else units + districts
        for (ds, attr), target in COVERAGE.items():
            if attr == "innbyggere":
                tot = sum(u["innbyggere"] for u in pool)
                got = sum(u["innbyggere"] for u in pool if u[ds])
            else:
                tot = sum(u["_innv"] for u in pool)
                got = sum(u["_innv"] for u in pool if u[ds])
            gap = abs(100.0 * got / tot - target)
            err += gap ** 2
            worst = max(worst, gap)
    return 10 * worst + err


def tune_coverage(rng, units, districts):
    """Hill-climb populations and immigrant shares within their bins."""
    oslo = next(u for u in units if u["kommunenr"] == "0301")

    def refresh(u):
        u["_innv"] = immigrants(u)

    for u in units + districts:
        refresh(u)

    def refresh_oslo():
        oslo["_innv"] = sum(d["_innv"] for d in districts) + 410

    refresh_oslo()
    best = coverage_error(units, districts)
    movable = [u for u in units if not u["pin"]]
    for step in range(60000):
        if best < 2.0 and max_gap(units, districts) < 0.3:
            break
        r = rng.random()
        if r < 0.2:
            a, b = rng.sample(districts, 2)
            delta = rng.randint(-3000, 3000)
            old = (a["innbyggere"], b["innbyggere"])
            a["innbyggere"] += delta
            b["innbyggere"] -= delta
            if not (22000 <= a["innbyggere"] <= 68000 and 22000 <= b["innbyggere"] <= 68000):
                a["innbyggere"], b["innbyggere"] = old
                continue
            refresh(a), refresh(b), refresh_oslo()
            err = coverage_error(units, districts)
            if err < best:
                best = err
            else:
                a["innbyggere"], b["innbyggere"] = old
                refresh(a), refresh(b), refresh_oslo()
            continue
        if r < 0.3:
            d = rng.choice(districts)
            old = d["andel_target"]
            d["andel_target"] = min(450, max(156, old + rng.randint(-20, 20)))
            refresh(d), refresh_oslo()
            err = coverage_error(units, districts)
            if err < best:
                best = err
            else:
                d["andel_target"] = old
                refresh(d), refresh_oslo()
            continue
        u = rng.choice(movable)
        old = (u["innbyggere"], u["andel_target"])
        if r < 0.65:
            lo, hi = SIZE_RANGES[u["cat_innbyggere"]]
            u["innbyggere"] = int(math.exp(rng.uniform(math.log(lo), math.log(hi))))
        else:
            lo, hi = INNV_RANGES[u["cat_innvandrerandel"]]
            u["andel_target"] = rng.randint(lo, hi)
        refresh(u)
        err = coverage_error(units, districts)
        if err < best:
            best = err
        else:
            u["innbyggere"], u["andel_target"] = old
            refresh(u)
    oslo["andel_target"] = None
    oslo_innv = oslo["_innv"]
    # Oslo's immigrant count is the districts' sum plus those outside districts;
    # express it as a share so immigrants(oslo) reproduces it exactly.
    oslo["andel_target"] = Fraction(1000 * oslo_innv, oslo["innbyggere"])

    if max_gap(units, districts) >= 0.4:
        raise RuntimeError(f"coverage tuning did not converge ({best:.4f})")


def coverage(units, districts):
    """(scope, dataset, attribute, target, covered percent, total) for each coverage target."""
    for scope in ("kommune", "all"):
        pool = units if scope == "kommune" else units + districts
        for (ds, attr), target in COVERAGE.items():
            key = "innbyggere" if attr == "innbyggere" else "_innv"
            tot = sum(u[key] for u in pool)
            got = sum(u[key] for u in pool if u[ds])
            yield scope, ds, attr, target, 100.0 * got / tot, tot


def report_coverage(units, districts):
    for scope, ds, attr, target, pct, tot in coverage(units, districts):
        print(scope, ds, attr, target, round(pct, 3), tot)


def max_gap(units, districts):
    return max(abs(pct - target) for _, _, _, target, pct, _ in coverage(units, districts))
