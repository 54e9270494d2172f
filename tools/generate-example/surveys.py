"""Survey answers: the 2018 sub-surveys (IA, RM) and the 2015-2017 questionnaires.

Every count stated in the report is solved with `count_for` (the integer whose
share rounds to the printed percent); everything else is invented within the
fact sheet's constraints. Panels are built explicitly: the panel members get
valid answers in every listed edition, and every other unit that answered in
2018 skips the question (or did not take part) in at least one listed edition.
"""

from codebook import ITEMS, ITEMS_BEFORE_2018, NAERINGSLIV_2018, NAERINGSLIV_BEFORE
from fill import assign_multi, assign_single, assign_text, rating_codes
from rounding import count_for, largest_remainder
import texts

ITEM_KEYS = [k for k, _ in ITEMS]
BATTERY_N = 262          # IA units answering the two rating batteries in 2018
PANEL_N = {"res": 109, "naer": 166, "batt": 175, "sving": 140, "mang": 141, "tolk": 93}

# Nytte 2018, all respondents: (God %, Dårlig %, Ikke relevant %) per item.
NYTTE_2018 = {"deling": (77, 5, 2), "erfaring": (68, 6, 3), "nsk": (54, 8, 10),
              "introduksjon": (52, 9, 3), "norsk": (46, 10, 4), "tilskudd": (44, 13, 4),
              "bosetting": (40, 12, 5), "statistikk": (38, 11, 8), "tolk": (35, 14, 9),
              "arbeid": (33, 15, 5), "mangfold": (21, 17, 8)}
# Nytte panel (175), share God 2016/2017/2018.
NYTTE_PANEL = {"deling": (72, 74, 79), "erfaring": (66, 68, 69), "introduksjon": (50, 52, 53),
               "norsk": (45, 48, 47), "tilskudd": (46, 44, 45), "bosetting": (41, 44, 40),
               "statistikk": (36, 37, 39), "tolk": (37, 35, 36), "arbeid": (31, 33, 34),
               "mangfold": (24, 26, 22)}
# Viktighet 2018, all respondents: (Viktig %, Lite viktig %, Ikke relevant %).
VIKTIG_2018 = {"deling": (83, 4, 1), "erfaring": (83, 4, 1), "nsk": (81, 5, 3),
               "introduksjon": (79, 5, 3), "arbeid": (77, 6, 3), "norsk": (74, 6, 4),
               "bosetting": (71, 7, 4), "mangfold": (69, 7, 4), "tilskudd": (66, 8, 4),
               "statistikk": (61, 10, 5), "tolk": (21, 40, 12)}
VIKTIG_PANEL = {"deling": (86, 85, 84), "erfaring": (86, 86, 84), "introduksjon": (82, 81, 80),
                "arbeid": (80, 79, 78), "norsk": (77, 77, 75), "bosetting": (75, 74, 72),
                "mangfold": (72, 71, 70), "tilskudd": (69, 69, 67), "statistikk": (64, 63, 62),
                "tolk": (25, 24, 22)}
MEAN_TARGET = {2018: 3.6, 2017: 3.4}


def ids_of(units, pred):
    return [u["kommunenr"] for u in units if pred(u)]


def top_by(loyalty, ids, n):
    return sorted(ids, key=lambda k: (-loyalty[k], k))[:n]


def build(rng, register):
    """Return {dataset key: {kommunenr: {column: value}}} for every data file."""
    loyalty = {u["kommunenr"]: rng.random() for u in register}
    by_nr = {u["kommunenr"]: u for u in register}
    ia_ids = ids_of(register, lambda u: u["ia"])
    rm_ids = ids_of(register, lambda u: u["rm"])
    assert len(ia_ids) == 279 and len(rm_ids) == 183
    ia = {k: {} for k in ia_ids}
    rm = {k: {} for k in rm_ids}

    # --- which 2018 units answer each panel question, and the panels -------
    valid18 = {
        "res": rng.sample(ia_ids, 268), "naer": rng.sample(ia_ids, 273),
        "batt": rng.sample(ia_ids, BATTERY_N), "sving": rng.sample(rm_ids, 173),
        "mang": rng.sample(rm_ids, 171), "tolk": rng.sample(rm_ids, 166),
    }
    panel = {k: set(top_by(loyalty, v, PANEL_N[k])) for k, v in valid18.items()}

    # --- earlier respondents --------------------------------------------------
    years_of = {"res": (2015, 2016, 2017), "naer": (2016, 2017), "batt": (2016, 2017),
                "sving": (2017,), "mang": (2016,), "tolk": (2015, 2016, 2017)}
    target_size = {2015: 252, 2016: 290, 2017: 302}
    nonresp18 = ids_of(register, lambda u: not u["ia"] and not u["rm"])
    present = {}
    for y in (2015, 2016, 2017):
        need = set()
        for key, years in years_of.items():
            if y in years:
                need |= panel[key]
        rest = [k for k in sorted(loyalty, key=lambda k: (-loyalty[k], k)) if k not in need]
        extra_pool = [k for k in rest if k in set(nonresp18)]
        extra_pool += [k for k in rest if k not in set(nonresp18)]
        # mostly 2018 non-respondents, then a random share of the others
        head = extra_pool[:len(nonresp18)]
        tail = extra_pool[len(nonresp18):]
        rng.shuffle(head)
        rng.shuffle(tail)
        missing = target_size[y] - len(need)
        take = head[:int(missing * 0.6)]
        take += tail[:missing - len(take)]
        present[y] = need | set(take)
        assert len(present[y]) == target_size[y]
    # earlier valid sets per panel question
    valid_before = {}
    for key, years in years_of.items():
        v18 = set(valid18[key])
        blocked = {}
        for k in sorted(v18 - panel[key]):
            if all(k in present[y] for y in years):
                blocked[k] = rng.choice(list(years))
        for y in years:
            vs = set()
            for k in sorted(present[y]):
                if k in panel[key]:
                    vs.add(k)
                elif blocked.get(k) == y:
                    continue
                elif rng.random() < 0.04:
                    continue                     # item non-response
                else:
                    vs.add(k)
            valid_before[(key, y)] = vs
    earlier = {y: {k: {} for k in sorted(present[y])} for y in (2015, 2016, 2017)}

    build_ia(rng, ia, ia_ids, valid18, panel, by_nr)
    build_rm(rng, rm, rm_ids, valid18, panel)
    build_earlier(rng, earlier, valid_before, panel)
    return {"ia": ia, "rm": rm, 2015: earlier[2015], 2016: earlier[2016], 2017: earlier[2017]}


def split_panel(total, panel_count, n_panel, n_all, what):
    rest = total - panel_count
    if not 0 <= rest <= n_all - n_panel:
        raise ValueError(f"{what}: {total} of {n_all} with {panel_count} of {n_panel} in panel")
    return rest


# --------------------------------------------------------------------------- IA
def build_ia(rng, rows, ids, valid18, panel, by_nr):
    # respondent position (multi): Leder two of three, Annen stilling 36 %
    stilling_ids = rng.sample(ids, 277)
    n = len(stilling_ids)
    leder, annen = count_for(67, n), count_for(36, n)
    both = leder + annen - n
    rng.shuffle(stilling_ids)
    for i, k in enumerate(stilling_ids):
        rows[k]["stilling_leder"] = 1 if i < leder else 0
        rows[k]["stilling_annen"] = 1 if i >= leder - both else 0

    # resultatmaal: 68 % of 268; panel of 109 has 85 Ja (78 %)
    v = valid18["res"]
    p = sorted(panel["res"])
    np_ = sorted(set(v) - panel["res"])
    ja = count_for(68, len(v))
    ja_p = count_for(78, len(p))
    ja_np = split_panel(ja, ja_p, len(p), len(v), "resultatmaal")
    assign_single(rng, rows, p, "resultatmaal", [(1, ja_p), (2, len(p) - ja_p)])
    assign_single(rng, rows, np_, "resultatmaal", [(1, ja_np), (2, len(np_) - ja_np)])
    ja_ids = sorted(k for k in v if rows[k]["resultatmaal"] == 1)
    # 176 of the Ja units state how the target is defined; 8 define it otherwise
    definert = rng.sample(ja_ids, 176)
    assign_single(rng, rows, definert, "resultatmaal_definisjon", [(1, 168), (2, 8)])
    direct = sorted(k for k in definert if rows[k]["resultatmaal_definisjon"] == 1)
    hist = [(40, 3), (50, 20), (60, 31), (70, 44), (80, 34), (90, 11), (100, 25)]
    assign_single(rng, rows, direct, "resultatmaal_prosent", hist)

    # utdanning (multi, N 273)
    u_ids = rng.sample(ids, 273)
    n = len(u_ids)
    counts = {"utdanning_felles": count_for(44, n), "utdanning_timeplan": count_for(27, n),
              "utdanning_avtale": count_for(23, n), "utdanning_fleksibel": count_for(7, n),
              "utdanning_annet": count_for(22, n), "utdanning_nei": count_for(4, n)}
    cols = ["utdanning_felles", "utdanning_timeplan", "utdanning_avtale", "utdanning_fleksibel",
            "utdanning_annet", "utdanning_nei"]
    assign_multi(rng, rows, u_ids, cols, counts, nei="utdanning_nei")
    writers = rng.sample([k for k in u_ids if rows[k]["utdanning_annet"] == 1], 54)
    for i, k in enumerate(writers):
        rows[k]["utdanning_annet_tekst"] = rng.choice(
            texts.UTDANNING_NABO if i < 18 else texts.UTDANNING)

    build_interkommunalt(rng, rows, ids, by_nr)

    # evaluering (coded free text, multi, N 254)
    e_ids = rng.sample(ids, 254)
    n = len(e_ids)
    counts = {"evaluering_nei": count_for(36, n), "evaluering_deltakere": count_for(30, n),
              "evaluering_moter": count_for(9, n), "evaluering_medarbeidere": count_for(18, n),
              "evaluering_annet": count_for(24, n)}
    cols = ["evaluering_deltakere", "evaluering_medarbeidere", "evaluering_moter",
            "evaluering_annet", "evaluering_nei"]
    assign_multi(rng, rows, e_ids, cols, counts, nei="evaluering_nei")
    assign_text(rng, rows, e_ids, "evaluering_tekst", len(e_ids), texts.EVALUERING)

    build_naeringsliv_2018(rng, rows, valid18, panel)
    build_batteries_2018(rng, rows, valid18, panel)
    assign_text(rng, rows, ids, "tjenester_tekst", 207, texts.TJENESTER)


def build_interkommunalt(rng, rows, ids, by_nr):
    """Fig. 7/8: 80 buy, 45 offer, 33 both, 113 no (N 271); small buy, large offer."""
    districts = [k for k in ids if by_nr[k]["enhetstype"] == "bydel"]
    kommuner = [k for k in ids if by_nr[k]["enhetstype"] == "kommune"]
    skip = set(districts[:2]) | set(rng.sample(kommuner, 6))
    for k in districts[2:]:
        rows[k]["interkommunalt"] = 4
    import math
    for attempt in range(50):
        pool = [k for k in kommuner if k not in skip]
        size = {k: math.log(by_nr[k]["innbyggere"]) + 0.9 * rng.gauss() for k in pool}
        offer = sorted(pool, key=lambda k: (-size[k], k))[:45]
        left = [k for k in pool if k not in set(offer)]
        buy = sorted(left, key=lambda k: (size[k] + 0.6 * rng.gauss(), k))[:80]
        left = [k for k in left if k not in set(buy)]
        both = rng.sample(left, 33)
        n_no = 113 - (len(districts) - 2)
        codes = {k: 2 for k in offer}
        codes.update({k: 1 for k in buy})
        codes.update({k: 3 for k in both})
        rest = [k for k in left if k not in set(both)]
        assert len(rest) == n_no, (len(rest), n_no)
        codes.update({k: 4 for k in rest})
        if breakdown_ok(codes, by_nr):
            break
    else:
        raise RuntimeError("interkommunalt: size pattern not reached")
    for k, c in codes.items():
        rows[k]["interkommunalt"] = c
    answered = [k for k in ids if "interkommunalt" in rows[k]]
    assert len(answered) == 271
    assign_text(rng, rows, [k for k in answered if rows[k]["interkommunalt"] in (2, 3)],
                "tilbyr_tekst", 68, texts.TILBYR)
    assign_text(rng, rows, [k for k in answered if rows[k]["interkommunalt"] in (1, 3)],
                "kjoper_tekst", 103, texts.KJOPER)


def breakdown_ok(codes, by_nr):
    from register import size_category
    shares = {}
    for k, c in codes.items():
        b = size_category(by_nr[k]["innbyggere"])
        shares.setdefault(b, []).append(c)
    buy = {b: sum(c == 1 for c in v) / len(v) for b, v in shares.items()}
    offer = {b: sum(c == 2 for c in v) / len(v) for b, v in shares.items()}
    return max(buy, key=buy.get) == 0 and max(offer, key=offer.get) == 5


def build_naeringsliv_2018(rng, rows, valid18, panel):
    cols = [c for c, _ in NAERINGSLIV_2018]
    v = valid18["naer"]
    n = len(v)
    total = {"naeringsliv_nav": count_for(56, n), "naeringsliv_praksis": count_for(45, n),
             "naeringsliv_avtaler": count_for(10, n), "naeringsliv_stilling": count_for(26, n),
             "naeringsliv_etablerer": count_for(8, n), "naeringsliv_andre": count_for(30, n),
             "naeringsliv_nei": count_for(10, n)}
    p = sorted(panel["naer"])
    np_ = len(p)
    pan = {"naeringsliv_nav": 95, "naeringsliv_praksis": 76, "naeringsliv_avtaler": 17,
           "naeringsliv_stilling": count_for(30, np_, prefer=50),
           "naeringsliv_etablerer": 13, "naeringsliv_andre": 50,
           "naeringsliv_nei": count_for(9, np_)}
    merged = 83
    rest = {c: split_panel(total[c], pan[c], np_, n, c) for c in cols}
    assign_multi(rng, rows, p, cols, pan, nei="naeringsliv_nei",
                 union=("naeringsliv_praksis", "naeringsliv_avtaler", merged))
    assign_multi(rng, rows, sorted(set(v) - panel["naer"]), cols, rest, nei="naeringsliv_nei")
    assign_text(rng, rows, [k for k in v if rows[k]["naeringsliv_andre"] == 1],
                "naeringsliv_annet_tekst", 76, texts.NAERINGSLIV)


def group_counts(n, top, bottom, nr):
    """Group counts (top, mid, bottom, not relevant) of n from percents."""
    t = count_for(top, n)
    b = count_for(bottom, n) if bottom is not None else 0
    r = count_for(nr, n) if nr else 0
    return [t, n - t - b - r, b, r]


def battery_segments(year, table_all, table_panel, n_all, n_panel, year_index, bottom_shift):
    """Per item, group counts for the panel segment and the rest (2018)."""
    out = {}
    for item in ITEM_KEYS:
        top, bottom, nr = table_all[item]
        g_all = group_counts(n_all, top, bottom, nr)
        if item in table_panel:
            t_p = count_for(table_panel[item][year_index], n_panel)
        else:
            t_p = int(round(g_all[0] * n_panel / n_all))
        b_p = int(round(n_panel * max(0, bottom - bottom_shift) / 100))
        g_p = [t_p, n_panel - t_p - b_p, b_p, 0]
        g_r = [a - b for a, b in zip(g_all, g_p)]
        if min(g_r) < 0 or min(g_p) < 0:
            raise ValueError(f"{year} {item}: segments {g_p} / {g_r} impossible")
        out[item] = (g_p, g_r)
    return out


def pooled_mean(code_counts_list):
    s = n = 0
    for counts in code_counts_list:
        for code, c in counts:
            if code <= 5:
                s += code * c
                n += c
    return s / n


def tune_high(segments_by_item, target, s_low):
    """Pick the share answering 5 within the top group so the pooled mean hits target."""
    best = None
    for i in range(5, 96):
        s = i / 100
        codes = [rating_codes(g, s, s_low) for pair in segments_by_item.values() for g in pair]
        m = pooled_mean(codes)
        if best is None or abs(m - target) < abs(best[1] - target):
            best = (s, m)
    return best[0]


def build_batteries_2018(rng, rows, valid18, panel):
    v = valid18["batt"]
    p = sorted(panel["batt"])
    r = sorted(set(v) - panel["batt"])
    for prefix, t_all, t_pan, target in (("nytte", NYTTE_2018, NYTTE_PANEL, MEAN_TARGET[2018]),
                                         ("viktig", VIKTIG_2018, VIKTIG_PANEL, None)):
        segs = battery_segments(2018, t_all, t_pan, len(v), len(p), 2, 0)
        s_high = tune_high(segs, target, 0.35) if target else 0.42
        for item, (g_p, g_r) in segs.items():
            assign_single(rng, rows, p, f"{prefix}_{item}", rating_codes(g_p, s_high, 0.35))
            assign_single(rng, rows, r, f"{prefix}_{item}", rating_codes(g_r, s_high, 0.35))


# --------------------------------------------------------------------------- RM
def build_rm(rng, rows, ids, valid18, panel):
    s_ids = rng.sample(ids, 181)
    top = count_for(80, len(s_ids))
    assign_single(rng, rows, s_ids, "rm_stilling", [(1, top), (2, len(s_ids) - top)])

    # svingninger: Ja 79 % of 173; panel of 140: 78 % (2017: 75 %)
    v = valid18["sving"]
    p = sorted(panel["sving"])
    np_ = sorted(set(v) - panel["sving"])
    ja, ja_p = count_for(79, len(v)), count_for(78, len(p))
    ja_np = split_panel(ja, ja_p, len(p), len(v), "svingninger")
    assign_single(rng, rows, p, "svingninger", [(1, ja_p), (2, len(p) - ja_p)])
    assign_single(rng, rows, np_, "svingninger", [(1, ja_np), (2, len(np_) - ja_np)])
    ja_ids = sorted(k for k in v if rows[k]["svingninger"] == 1)
    u_ids = rng.sample(ja_ids, 136)
    n = len(u_ids)
    counts = {"utfordringer_bemanning": count_for(84, n),
              "utfordringer_planlegging": count_for(79, n),
              "utfordringer_okonomi": count_for(73, n), "utfordringer_bolig": count_for(51, n),
              "utfordringer_kompetanse": count_for(38, n), "utfordringer_annet": count_for(10, n)}
    assign_multi(rng, rows, u_ids, list(counts), counts)

    # mangfold: N 171 (Nei 65, praksis 22, intervju 12, andre 13 = 22 units)
    v = valid18["mang"]
    n = len(v)
    cols = ["mangfold_praksis", "mangfold_intervju", "mangfold_andre", "mangfold_nei"]
    total = {"mangfold_nei": count_for(65, n), "mangfold_praksis": count_for(22, n),
             "mangfold_intervju": count_for(12, n, prefer=20), "mangfold_andre": 22}
    p = sorted(panel["mang"])
    pan = {"mangfold_nei": count_for(66, len(p)), "mangfold_praksis": count_for(21, len(p)),
           "mangfold_intervju": count_for(11, len(p), prefer=15),
           "mangfold_andre": count_for(13, len(p))}
    rest = {c: split_panel(total[c], pan[c], len(p), n, c) for c in cols}
    assign_multi(rng, rows, p, cols, pan, nei="mangfold_nei")
    assign_multi(rng, rows, sorted(set(v) - panel["mang"]), cols, rest, nei="mangfold_nei")
    andre = [k for k in v if rows[k]["mangfold_andre"] == 1]
    praksis = [k for k in v if rows[k]["mangfold_praksis"] == 1 and k not in set(andre)]
    writers = andre + rng.sample(praksis, 33 - len(andre))
    for k in writers:
        rows[k]["mangfold_annet_tekst"] = rng.choice(texts.MANGFOLD)
    # follow-up: plans to introduce the interview scheme (N 153, Ja 12 %)
    without = [k for k in ids if rows[k].get("mangfold_intervju") != 1]
    f_ids = rng.sample(without, 153)
    ja = count_for(12, 153)
    assign_single(rng, rows, f_ids, "intervjuordning_planer", [(1, ja), (2, 153 - ja)])

    # tolk: 79/43/44 of 166; panel of 93 in 2018: 41 with register
    v = valid18["tolk"]
    p = sorted(panel["tolk"])
    n = len(v)
    total = [count_for(48, n, prefer=79), count_for(26, n, prefer=43), count_for(27, n, prefer=44)]
    assert sum(total) == n
    pan = [count_for(44, len(p)), 23, len(p) - count_for(44, len(p)) - 23]
    rest = [split_panel(t, q, len(p), n, "tolk") for t, q in zip(total, pan)]
    assign_single(rng, rows, p, "tolk", list(zip((1, 2, 3), pan)))
    assign_single(rng, rows, sorted(set(v) - panel["tolk"]), "tolk", list(zip((1, 2, 3), rest)))
    assign_text(rng, rows, ids, "tjenester_tekst", 97, texts.TJENESTER)


# ---------------------------------------------------------------------- earlier
RES_PANEL = {2015: 56, 2016: 58, 2017: 64}
RES_ALL = {2015: 57, 2016: 55, 2017: 60}
TOLK_PANEL = {2015: (24, 27), 2016: (24, 29), 2017: (32, 27)}   # (register, uten) percent
TOLK_ALL = {2015: 26, 2016: 25, 2017: 32}
NAER_PANEL = {2016: {"naeringsliv_nav": 80, "naeringsliv_samarbeidsavtaler": 68,
                     "naeringsliv_stilling": (18, 30), "naeringsliv_andre": 40,
                     "naeringsliv_nei": (17, 28)},
              2017: {"naeringsliv_nav": 96, "naeringsliv_samarbeidsavtaler": 84,
                     "naeringsliv_stilling": (27, 45), "naeringsliv_andre": 52,
                     "naeringsliv_nei": (7, 12)}}
NAER_REST = {2016: {"naeringsliv_nav": 45, "naeringsliv_samarbeidsavtaler": 40,
                    "naeringsliv_stilling": 15, "naeringsliv_andre": 22, "naeringsliv_nei": 20},
             2017: {"naeringsliv_nav": 55, "naeringsliv_samarbeidsavtaler": 47,
                    "naeringsliv_stilling": 22, "naeringsliv_andre": 27, "naeringsliv_nei": 9}}


def build_earlier(rng, rows, valid, panel):
    for y in (2015, 2016, 2017):
        r = rows[y]
        # resultatmaal
        v = sorted(valid[("res", y)])
        p = sorted(panel["res"])
        np_ = [k for k in v if k not in panel["res"]]
        ja_p = count_for(RES_PANEL[y], len(p), prefer={2015: 61}.get(y))
        ja = count_for(RES_ALL[y], len(v))
        ja_np = split_panel(ja, ja_p, len(p), len(v), f"resultatmaal {y}")
        assign_single(rng, r, p, "resultatmaal", [(1, ja_p), (2, len(p) - ja_p)])
        assign_single(rng, r, np_, "resultatmaal", [(1, ja_np), (2, len(np_) - ja_np)])
        # tolk
        v = sorted(valid[("tolk", y)])
        p = sorted(panel["tolk"])
        np_ = [k for k in v if k not in panel["tolk"]]
        reg_p = count_for(TOLK_PANEL[y][0], len(p))
        uten_p = count_for(TOLK_PANEL[y][1], len(p))
        reg = count_for(TOLK_ALL[y], len(v))
        reg_np = split_panel(reg, reg_p, len(p), len(v), f"tolk {y}")
        uten_np, nei_np = largest_remainder([30, 70 - 0], len(np_) - reg_np)
        assign_single(rng, r, p, "tolk", [(1, reg_p), (2, uten_p), (3, len(p) - reg_p - uten_p)])
        assign_single(rng, r, np_, "tolk", [(1, reg_np), (2, uten_np), (3, nei_np)])
        if y == 2017:
            v = sorted(valid[("sving", y)])
            p = sorted(panel["sving"])
            np_ = [k for k in v if k not in panel["sving"]]
            ja_p = count_for(75, len(p))
            ja = count_for(77, len(v))
            ja_np = split_panel(ja, ja_p, len(p), len(v), "svingninger 2017")
            assign_single(rng, r, p, "svingninger", [(1, ja_p), (2, len(p) - ja_p)])
            assign_single(rng, r, np_, "svingninger", [(1, ja_np), (2, len(np_) - ja_np)])
        if y in (2016, 2017):
            earlier_naeringsliv(rng, r, y, sorted(valid[("naer", y)]), panel["naer"])
            earlier_batteries(rng, r, y, sorted(valid[("batt", y)]), panel["batt"])
        if y == 2016:
            earlier_mangfold(rng, r, sorted(valid[("mang", y)]), panel["mang"])


def earlier_naeringsliv(rng, rows, year, v, panel):
    cols = [c for c, _ in NAERINGSLIV_BEFORE]
    p = sorted(panel)
    np_ = [k for k in v if k not in panel]
    pan = {}
    for c, val in NAER_PANEL[year].items():
        pan[c] = count_for(val[0], len(p), prefer=val[1]) if isinstance(val, tuple) else val
    n_rest = len(np_)
    rest = {c: int(round(n_rest * share / 100)) for c, share in NAER_REST[year].items()}
    assign_multi(rng, rows, p, cols, pan, nei="naeringsliv_nei")
    assign_multi(rng, rows, np_, cols, rest, nei="naeringsliv_nei")


def earlier_mangfold(rng, rows, v, panel):
    cols = ["mangfold_praksis", "mangfold_intervju", "mangfold_andre", "mangfold_nei"]
    p = sorted(panel)
    np_ = [k for k in v if k not in panel]
    pan = {"mangfold_nei": count_for(59, len(p)), "mangfold_intervju": count_for(15, len(p)),
           "mangfold_praksis": count_for(25, len(p)), "mangfold_andre": count_for(17, len(p))}
    shares = {"mangfold_nei": 60, "mangfold_intervju": 13, "mangfold_praksis": 24,
              "mangfold_andre": 16}
    rest = {c: int(round(len(np_) * s / 100)) for c, s in shares.items()}
    assign_multi(rng, rows, p, cols, pan, nei="mangfold_nei")
    assign_multi(rng, rows, np_, cols, rest, nei="mangfold_nei")


def earlier_batteries(rng, rows, year, v, panel):
    p = sorted(panel)
    r = [k for k in v if k not in panel]
    idx = {2016: 0, 2017: 1}[year]
    for prefix, t_all, t_pan, target in (
            ("nytte", NYTTE_2018, NYTTE_PANEL, MEAN_TARGET.get(year)),
            ("viktig", VIKTIG_2018, VIKTIG_PANEL, None)):
        segs = {}
        for item in ITEMS_BEFORE_2018:
            top, bottom, nr = t_all[item]
            t_p = count_for(t_pan[item][idx], len(p))
            b_p = int(round(len(p) * (bottom + 1) / 100))
            g_p = [t_p, len(p) - t_p - b_p, b_p, 0]
            # the rest: a little less positive than the panel, with some "not relevant"
            shares = [max(1, t_pan[item][idx] - 6), 0, bottom + 2, nr + 2]
            shares[1] = 100 - sum(shares)
            g_r = largest_remainder(shares, len(r))
            segs[item] = (g_p, g_r)
        s_high = tune_high(segs, target, 0.35) if target else 0.40
        for item, (g_p, g_r) in segs.items():
            assign_single(rng, rows, p, f"{prefix}_{item}", rating_codes(g_p, s_high, 0.35))
            assign_single(rng, rows, r, f"{prefix}_{item}", rating_codes(g_r, s_high, 0.35))
