"""Independent check of the written example edition against the fact sheet.

Reads only the files on disk (TOML specs, CSV data, JSON-stat, the fact sheet in
tests/fixtures) and recomputes every number with a plain implementation of the
README's rules:
- percent of valid answers (empty cells are missing), rounded half away from zero;
- multiple choice: base = units with at least one 1;
- rating: shares over all non-missing answers (Ikke relevant shown as a group),
  mean over codes marked valid;
- panel: units with a valid answer in every listed edition.
"""

import csv
import io
import json
import os
import tomllib
from fractions import Fraction

from rounding import is_tie, pct, round_half_away

FIG_IDS = {2: "svingninger", 3: "utfordringer", 4: "resultatmaal", 6: "utdanning",
           7: "interkommunalt", 9: "evaluering", 10: "naeringsliv", 11: "naeringsliv-panel",
           12: "mangfold", 13: "mangfold-panel", 14: "tolk", 15: "tolk-panel", 16: "nytte",
           17: "nytte-panel", 18: "viktighet", 19: "viktighet-panel"}


def read_csv(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first = text.splitlines()[0]
    delim = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    header = rows[0]
    return {r[0]: dict(zip(header, r)) for r in rows[1:] if r}


class Edition:
    def __init__(self, root, year):
        d = os.path.join(root, "content", str(year))
        self.year = year
        self.utgave = tomllib.load(open(os.path.join(d, "utgave.toml"), "rb"))
        self.kodebok = tomllib.load(open(os.path.join(d, "kodebok.toml"), "rb"))
        self.units = read_csv(os.path.join(d, self.utgave["units"]["file"]))
        self.datasets = {k: read_csv(os.path.join(d, v["file"]))
                         for k, v in self.utgave.get("datasets", {}).items()}
        self.variables = self.kodebok["variables"]
        f = os.path.join(d, "figurer.toml")
        self.figurer = tomllib.load(open(f, "rb")) if os.path.exists(f) else {}
        self.dir = d


class Checker:
    def __init__(self, root):
        self.root = root
        self.ed = {y: Edition(root, y) for y in (2015, 2016, 2017, 2018)}
        self.specs = {f["id"]: f for f in self.ed[2018].figurer["figur"]}
        self.problems = []
        self.checked = 0

    # ------------------------------------------------------------ primitives
    def expect(self, what, got, want):
        self.checked += 1
        if got != want:
            self.problems.append(f"{what}: got {got}, expected {want}")

    def require(self, what, ok):
        self.checked += 1
        if not ok:
            self.problems.append(what)

    def answer(self, year, dataset, var, kid):
        """Decoded answer of one unit: int code / set of option labels / None."""
        ed = self.ed[year]
        row = ed.datasets[dataset].get(kid)
        v = ed.variables.get(var)
        if row is None or v is None:
            return None
        if v["type"] == "multi":
            ticked = {o["label"] for o in v["options"] if row.get(o["column"], "") == "1"}
            return ticked or None
        cell = row.get(var, "")
        if cell == "":
            return None
        if v["type"] in ("single", "rating"):
            code = int(cell)
            return None if code in v.get("missing", []) else code
        if v["type"] == "number":
            return float(cell.replace(",", "."))
        return cell

    def label(self, year, var, code):
        for c in self.ed[year].variables[var]["codes"]:
            if c["code"] == code:
                return c["label"]
        raise KeyError((var, code))

    def passes_filter(self, spec, year, kid):
        flt = spec.get("filter")
        if not flt:
            return True
        return self.answer(year, spec["dataset"], flt["variable"], kid) in flt["codes"]

    def valid_units(self, spec, year):
        ds = self.ed[year].datasets.get(spec["dataset"], {})
        out = set()
        for kid in ds:
            if not self.passes_filter(spec, year, kid):
                continue
            if "items" in spec:
                items = [i for i in spec["items"] if i in self.ed[year].variables]
                if items and all(self.answer(year, spec["dataset"], i, kid) in (1, 2, 3, 4, 5)
                                 for i in items):
                    out.add(kid)
            elif self.answer(year, spec["dataset"], spec["variable"], kid) is not None:
                out.add(kid)
        return out

    def panel_years(self, spec):
        return [2018 + e if e <= 0 else e for e in spec["panel"]["editions"]]

    def panel_units(self, spec):
        sets = [self.valid_units(spec, y) for y in self.panel_years(spec)]
        return set.intersection(*sets)

    def distribution(self, spec, year, units=None):
        """{label: (count, base)} for a single or multiple-choice figure."""
        var = spec["variable"]
        v = self.ed[year].variables[var]
        units = self.valid_units(spec, year) if units is None else units
        n = len(units)
        merge = {}
        for m in spec.get("merge", []):
            for src in m["from"]:
                merge[src] = m["label"]
        counts = {}
        for kid in units:
            a = self.answer(year, spec["dataset"], var, kid)
            labels = a if isinstance(a, set) else {self.label(year, var, a)}
            for lab in {merge.get(x, x) for x in labels}:
                counts[lab] = counts.get(lab, 0) + 1
        if v["type"] == "multi":
            labels = [merge.get(o["label"], o["label"]) for o in v["options"]]
        else:
            labels = [c["label"] for c in v["codes"]]
        return {lab: (counts.get(lab, 0), n) for lab in labels}

    def share(self, what, count, base, want):
        self.expect(what, pct(count, base), want)
        self.require(f"{what}: {count}/{base} is a rounding tie", not is_tie(count, base))

    def item_groups(self, year, var, units=None):
        v = self.ed[year].variables[var]
        ds = "ia"
        answers = [self.answer(year, ds, var, k) for k in (units or self.ed[year].datasets[ds])]
        answers = [a for a in answers if a is not None]
        out = {}
        for g in v["groups"]:
            out[g["label"]] = (sum(a in g["codes"] for a in answers), len(answers))
        valid_codes = [c["code"] for c in v["codes"] if c.get("valid", True)]
        vals = [a for a in answers if a in valid_codes]
        return out, vals

    # ------------------------------------------------------------------ checks
    def run(self):
        facts = json.load(open(os.path.join(self.root, "tests", "fixtures",
                                            "kommuneundersokelsen-2018.json"), encoding="utf-8"))
        self.check_figures(facts)
        self.check_batteries(facts)
        self.check_table(facts)
        self.check_edition(facts)
        self.check_other()
        return self.problems, self.checked

    def check_figures(self, facts):
        for fig in facts["figures"]:
            fid = FIG_IDS.get(fig["number"])
            if not fid or fig["number"] in (16, 17, 18, 19):
                continue
            spec = self.specs[fid]
            if "panel" in spec:
                units = self.panel_units(spec)
                self.expect(f"{fid} panel N", len(units), fig["N"])
                years = dict(fig.get("earlier_years", {}))
                years["2018"] = fig["values"]
                for y, vals in years.items():
                    dist = self.distribution(spec, int(y), units)
                    for lab, want in vals.items():
                        self.share(f"{fid} {y} {lab}", *dist[lab], want)
                    if self.ed[int(y)].variables[spec["variable"]]["type"] == "single":
                        total = sum(pct(c, n) for c, n in dist.values())
                        self.require(f"{fid} {y}: shares sum to {total}", abs(total - 100) <= 1)
                continue
            dist = self.distribution(spec, 2018)
            n = next(iter(dist.values()))[1]
            self.expect(f"{fid} N", n, fig["N"])
            for lab, want in fig["values"].items():
                self.share(f"{fid} {lab}", *dist[lab], want)
            if self.ed[2018].variables[spec["variable"]]["type"] == "single":
                total = sum(pct(c, n) for c, n in dist.values())
                self.require(f"{fid}: shares sum to {total}", abs(total - 100) <= 1)
            for y, vals in fig.get("earlier_years", {}).items():
                if fid == "nytte":
                    continue
                d = self.distribution(spec, int(y))
                for lab, want in vals.items():
                    self.share(f"{fid} utgave={y} {lab}", *d[lab], want)
            pp = fig.get("prose_panel")
            if pp:
                pspec = self.specs[fid + "-panel"]
                self.expect(f"{fid}-panel years", self.panel_years(pspec), pp["years"])
                units = self.panel_units(pspec)
                self.expect(f"{fid}-panel N", len(units), pp["N"])
                for y, vals in pp["values_by_year"].items():
                    d = self.distribution(pspec, int(y), units)
                    for lab, want in vals.items():
                        self.share(f"{fid}-panel {y} {lab}", *d[lab], want)
        self.check_qualitative_figures()

    def check_qualitative_figures(self):
        s = self.specs
        d = {lab: pct(c, n) for lab, (c, n) in self.distribution(s["utfordringer"], 2018).items()}
        self.require(f"utfordringer order {d}", d["Annet"] <= d["Kompetanse"] <= d["Bolig"] < 73
                     and max(d.values()) <= 90)
        # Fig. 5 histogram
        spec = s["resultatmaal-nivaa"]
        units = self.valid_units(spec, 2018)
        self.expect("resultatmaal-nivaa N", len(units), 168)
        h = spec["histogram"]
        bins = {}
        for kid in units:
            val = self.answer(2018, "ia", spec["variable"], kid)
            b = int((val - h["min"]) // h["step"]) * h["step"] + h["min"]
            bins[b] = bins.get(b, 0) + 1
        self.expect("resultatmaal-nivaa 100 %", bins.get(100), 25)
        self.require(f"resultatmaal-nivaa mode 70 {bins}",
                     all(bins[70] > c for b, c in bins.items() if b != 70))
        dd = self.distribution(s["resultatmaal-definisjon"], 2018)
        self.expect("resultatmaal-definisjon N", next(iter(dd.values()))[1], 176)
        self.expect("resultatmaal-definisjon Annen definisjon", dd["Annen definisjon"][0], 8)
        # Fig. 6 Annet, Fig. 7 aggregates, Fig. 9 approximations
        d = self.distribution(s["utdanning"], 2018)
        self.require("utdanning Annet >= 54 units", d["Annet"][0] >= 54)
        self.require("utdanning Felles administrasjon largest",
                     max(d, key=lambda k: d[k][0]).startswith("Felles"))
        d = self.distribution(s["interkommunalt"], 2018)
        n = d["Nei"][1]
        buy = d["Ja, kjøper tjenester fra andre kommuner"][0] + d[
            "Ja, både kjøper og tilbyr tjenester"][0]
        offer = d["Ja, tilbyr tjenester til andre kommuner"][0] + d[
            "Ja, både kjøper og tilbyr tjenester"][0]
        self.share("interkommunalt kjøper i alt", buy, n, 42)
        self.share("interkommunalt tilbyr i alt", offer, n, 29)
        self.require("interkommunalt nær seks av ti", 55 <= pct(n - d["Nei"][0], n) < 60)
        d = {k: pct(c, n) for k, (c, n) in self.distribution(s["evaluering"], 2018).items()}
        self.require(f"evaluering medarbeidere litt under en femtedel {d}",
                     15 <= d["Evaluering blant medarbeidere"] <= 19)
        self.require("evaluering Annet between medarbeidere and deltakere",
                     d["Evaluering blant medarbeidere"] < d["Annet"] < 30)
        self.expect("evaluering: some evaluation (to av tre)", 100 - d["Nei"], 64)
        self.check_breakdown()
        # Fig. 11: stillingsressurs the only option rising in both steps
        spec = s["naeringsliv-panel"]
        units = self.panel_units(spec)
        series = {y: {k: pct(c, n) for k, (c, n) in self.distribution(spec, y, units).items()}
                  for y in (2016, 2017, 2018)}
        for lab in series[2016]:
            rises = series[2016][lab] < series[2017][lab] < series[2018][lab]
            want = lab.startswith("Ja, egen stillingsressurs")
            self.require(f"naeringsliv-panel {lab}: rises in both steps = {rises}", rises == want)
        self.require("naeringsliv-panel: merged label present",
                     "Ja, samarbeidsavtaler med lokale arbeidsgivere" in series[2018])
        # Fig. 13 ordering
        spec = s["mangfold-panel"]
        units = self.panel_units(spec)
        for y in (2016, 2018):
            d = {k: pct(c, n) for k, (c, n) in self.distribution(spec, y, units).items()}
            self.require(f"mangfold-panel {y} order {d}",
                         d["Ja, intervjuordning"] <= d[
                             "Ja, andre vedtatte planer eller igangsatte tiltak"] <= d[
                             "Ja, praksisplasser, mentor- eller traineeordninger"] < d["Nei"] <= 70)
        d = self.distribution(s["mangfold"], 2018)
        self.expect("mangfold andre: units", d["Ja, andre vedtatte planer eller igangsatte tiltak"][0],
                    22)
        self.require("mangfold: about a third with plans",
                     30 <= 100 - pct(*d["Nei"]) <= 37)
        d = self.distribution(s["intervjuordning-planer"], 2018)
        self.expect("intervjuordning-planer N", d["Ja"][1], 153)
        self.share("intervjuordning-planer Ja", *d["Ja"], 12)
        d = self.distribution(s["stilling"], 2018)
        self.share("stilling Leder (to av tre)", *d["Leder"], 67)
        self.share("stilling Annen stilling", *d["Annen stilling"], 36)
        d = self.distribution(s["rm-stilling"], 2018)
        self.share("rm-stilling (fire av fem)", *d["Rådmann eller rådmannens stab"], 80)
        d = self.distribution(s["naeringsliv"], 2018)
        self.expect("naeringsliv: ni av ti", 100 - pct(*d["Nei, ingen særskilte tiltak"]), 90)

    def check_breakdown(self):
        from register import size_category
        spec = self.specs["interkommunalt-storrelse"]
        for scope in ("kommune", "all"):
            per = {}
            for kid in self.valid_units(spec, 2018):
                u = self.ed[2018].units[kid]
                if scope == "kommune" and u["enhetstype"] != "kommune":
                    continue
                b = size_category(int(u["innbyggere"]))
                per.setdefault(b, []).append(self.answer(2018, "ia", "interkommunalt", kid))
            buy = {b: sum(c == 1 for c in v) / len(v) for b, v in per.items()}
            offer = {b: sum(c == 2 for c in v) / len(v) for b, v in per.items()}
            self.require(f"breakdown ({scope}): smallest buy most {buy}",
                         max(buy, key=buy.get) == 0)
            self.require(f"breakdown ({scope}): largest offer most {offer}",
                         max(offer, key=offer.get) == 5)

    def check_batteries(self, facts):
        figs = {f["number"]: f for f in facts["figures"]}
        for num, fid, top, bottom in ((16, "nytte", "God", "Dårlig"),
                                      (18, "viktighet", "Viktig", "Lite viktig")):
            spec = self.specs[fid]
            labels = {self.ed[2018].variables[i]["question"]: i for i in spec["items"]}
            shares, bottoms, pooled, means = {}, {}, [], []
            for item in spec["items"]:
                g, vals = self.item_groups(2018, item)
                shares[item] = pct(*g[top])
                bottoms[item] = pct(*g[bottom])
                pooled += vals
                means.append(Fraction(sum(vals), len(vals)))
                total = sum(pct(*x) for x in g.values())
                self.require(f"{fid} {item}: groups sum to {total}", abs(total - 100) <= 1)
            for lab, vals in figs[num]["values"].items():
                for grp, want in vals.items():
                    c, n = self.item_groups(2018, labels[lab])[0][grp]
                    self.share(f"{fid} {lab} {grp}", c, n, want)
            if num == 16:
                self.require(f"nytte: exactly 4 items >= 50 % God {shares}",
                             sum(v > 50 for v in shares.values()) == 4
                             and sum(v >= 50 for v in shares.values()) == 4)
                self.expect("nytte: max Dårlig", max(bottoms.values()), 17)
                self.expect("nytte: lowest God", min(shares, key=shares.get), "nytte_mangfold")
                self.expect("nytte: highest God", max(shares, key=shares.get), "nytte_deling")
                self.mean_check("nytte 2018", pooled, means, "3.6")
                pooled17, means17 = [], []
                for item in spec["items"]:
                    if item in self.ed[2017].variables:
                        _, vals = self.item_groups(2017, item)
                        pooled17 += vals
                        means17.append(Fraction(sum(vals), len(vals)))
                self.mean_check("nytte utgave=2017", pooled17, means17, "3.4")
            else:
                self.require(f"viktighet: 10 of 11 above 50 {shares}",
                             sum(v > 50 for v in shares.values()) == 10)
                self.expect("viktighet: lowest", min(shares, key=shares.get), "viktig_tolk")
                best = sorted(shares.values())[-2:]
                self.require("viktighet: the two 83 % are highest", best == [83, 83])
            # panel
            pspec = self.specs[fid + "-panel"]
            units = self.panel_units(pspec)
            self.expect(f"{fid}-panel N", len(units), 175)
            anyn = set.intersection(*[
                {k for k in self.ed[y].datasets["ia"] if any(
                    self.answer(y, "ia", i, k) is not None for i in pspec["items"]
                    if i in self.ed[y].variables)} for y in (2016, 2017, 2018)])
            self.expect(f"{fid}-panel N (any item answered)", len(anyn), 175)
            ser = {}
            for item in pspec["items"]:
                ser[item] = {y: pct(*self.item_groups(y, item, units)[0][pspec["show"]])
                             for y in (2016, 2017, 2018)}
            if num == 16:
                s = ser["nytte_deling"]
                self.require(f"nytte-panel deling highest in 2018 {s}",
                             s[2018] > s[2017] and s[2018] > s[2016])
                for it in ("nytte_mangfold", "nytte_bosetting"):
                    self.require(f"nytte-panel {it} lower in 2018 than 2017 {ser[it]}",
                                 ser[it][2018] < ser[it][2017])
                for it, s in ser.items():
                    self.require(f"nytte-panel {it}: small changes {s}",
                                 max(s.values()) - min(s.values()) <= 7)
            else:
                for it, s in ser.items():
                    self.require(f"viktighet-panel {it}: 2018 marginally lowest {s}",
                                 s[2018] < s[2016] and s[2018] < s[2017]
                                 and max(s.values()) - s[2018] <= 4)

    def mean_check(self, what, pooled, means, want):
        m = Fraction(sum(pooled), len(pooled))
        got = round_half_away(m, 1)
        self.expect(f"{what} mean (pooled)", f"{float(got):.1f}", want)
        self.require(f"{what} mean is a tie", (m * 20).denominator != 1)
        mm = round_half_away(sum(means) / len(means), 1)
        self.expect(f"{what} mean (mean of item means)", f"{float(mm):.1f}", want)

    def check_table(self, facts):
        table = facts["tables"][0]
        ed = self.ed[2018]
        spec = ed.figurer["tabell"][0]
        kommuner = {k: u for k, u in ed.units.items() if u["enhetstype"] == spec["unit_type"]}
        cols = {}
        for c in spec["columns"]:
            ids = set(kommuner) if "dataset" not in c else set(kommuner) & set(
                ed.datasets[c["dataset"]])
            cols[c["label"]] = ids
        for label, ids in cols.items():
            self.expect(f"Tabell 1 N {label}", len(ids), table["N_totals"][label])
        shares = {}
        for block, attr in zip(table["blocks"], spec["attributes"]):
            a = ed.kodebok["attributes"][attr]
            rows = [r for r in block["rows"] if r["category"] != "Alle"]
            for label, ids in cols.items():
                vals = [ed.units[k][attr] for k in ids]
                if a["type"] == "category":
                    cats = sorted({u[attr] for u in kommuner.values()}, key=int)
                    counts = [sum(v == c for v in vals) for c in cats]
                else:
                    counts = []
                    for b in a["bins"]:
                        lo, hi = b.get("min"), b.get("max")
                        nums = [float(v.replace(",", ".")) for v in vals]
                        counts.append(sum((lo is None or x >= lo) and (hi is None or x <= hi)
                                          for x in nums))
                self.expect(f"Tabell 1 {attr} {label}: every unit binned", sum(counts), len(ids))
                self.expect(f"Tabell 1 {attr}: row count", len(counts), len(rows))
                for r, c in zip(rows, counts):
                    self.share(f"Tabell 1 {attr} {r['category']} {label}", c, len(ids), r[label])
                shares[(attr, label)] = [Fraction(100 * c, len(ids)) for c in counts]
        # largest gaps (maksavvik), from unrounded and from rounded shares alike
        for label, want in (("Besvart IA", 4), ("Besvart RM", 9)):
            raw = max(abs(a - b) for attr in spec["attributes"] for a, b in zip(
                shares[(attr, label)], shares[(attr, "Alle kommuner")]))
            shown = max(abs(round_half_away(a) - round_half_away(b)) for attr in spec["attributes"]
                        for a, b in zip(shares[(attr, label)], shares[(attr, "Alle kommuner")]))
            self.expect(f"Tabell 1 max gap {label} (unrounded)", int(round_half_away(raw)), want)
            self.expect(f"Tabell 1 max gap {label} (shown)", int(shown), want)
        rm0 = [k for k in cols["Besvart RM"] if ed.units[k]["bosettingsaar"] == "0"]
        ia0 = [k for k in cols["Besvart IA"] if ed.units[k]["bosettingsaar"] == "0"]
        self.expect("RM respondents with 0 years of settlement", len(rm0), 1)
        self.expect("IA respondents with 0 years of settlement", len(ia0), 0)

    def check_edition(self, facts):
        ed = self.ed[2018]
        sub = facts["edition"]["sub_surveys"]
        for ds, key in (("ia", "IA"), ("rm", "RM")):
            f = sub[key]
            rows = ed.datasets[ds]
            types = [ed.units[k]["enhetstype"] for k in rows]
            self.expect(f"{ds}: kommuner", types.count("kommune"), f["municipalities_responded"])
            self.expect(f"{ds}: bydeler", types.count("bydel"), f["oslo_districts_responded"])
            self.share(f"{ds}: svarprosent", len(rows), len(ed.units), f["response_rate_percent"])
            for attr, want in (("innbyggere", f["population_share_percent"]),
                               ("innvandrere", f["immigrant_population_share_percent"])):
                for scope in ("kommune", "all"):
                    pool = [k for k, u in ed.units.items()
                            if scope == "all" or u["enhetstype"] == "kommune"]
                    tot = sum(int(ed.units[k][attr]) for k in pool)
                    got = sum(int(ed.units[k][attr]) for k in pool if k in rows)
                    self.share(f"{ds}: dekning {attr} ({scope})", got, tot, want)
        kommuner = sorted((k for k, u in ed.units.items() if u["enhetstype"] == "kommune"),
                          key=lambda k: -int(ed.units[k]["innbyggere"]))
        top4 = kommuner[:4]
        silent = [k for k in top4 if k not in ed.datasets["ia"] and k not in ed.datasets["rm"]]
        self.expect("three of the four most populous answered neither survey", len(silent), 3)
        self.expect("Oslo kommune answered neither", "0301" in silent, True)
        self.expect("register: kommuner", sum(u["enhetstype"] == "kommune"
                                              for u in ed.units.values()), 422)
        self.expect("register: bydeler", sorted(k for k, u in ed.units.items()
                                                if u["enhetstype"] == "bydel"),
                    [f"0301{i:02d}" for i in range(1, 16)])
        # free-text writers
        for ds, var, want in (("ia", "utdanning_annet_tekst", 54), ("ia", "tilbyr_tekst", 68),
                              ("ia", "kjoper_tekst", 103), ("ia", "naeringsliv_annet_tekst", 76),
                              ("rm", "mangfold_annet_tekst", 33), ("ia", "tjenester_tekst", 207),
                              ("rm", "tjenester_tekst", 97), ("ia", "evaluering_tekst", 254)):
            got = sum(1 for r in ed.datasets[ds].values() if r.get(var, "").strip())
            self.expect(f"tekstsvar {ds}.{var}", got, want)
        # multiple choice sanity: answered units have a 1, the others are empty
        for year, e in self.ed.items():
            for ds, rows in e.datasets.items():
                for name, v in e.variables.items():
                    if v["type"] != "multi":
                        continue
                    cols = [o["column"] for o in v["options"]]
                    if cols[0] not in next(iter(rows.values())):
                        continue
                    for k, r in rows.items():
                        cells = [r[c] for c in cols]
                        ok = all(c == "" for c in cells) or (
                            all(c in ("0", "1") for c in cells) and "1" in cells)
                        self.require(f"{year} {ds} {name} {k}: bad multi cells {cells}", ok)
                        self.checked -= 1
                    self.checked += 1

    def check_other(self):
        path = os.path.join(self.ed[2018].dir, "data", "register.json")
        doc = json.load(open(path, encoding="utf-8"))
        years = sorted(doc["dimension"]["aar"]["category"]["index"],
                       key=doc["dimension"]["aar"]["category"]["index"].get)
        labels = doc["dimension"]["serie"]["category"]["label"]
        idx = doc["dimension"]["serie"]["category"]["index"]
        self.expect("register series labels", sorted(labels.values()), sorted(
            ["Asylsøknader", "Bosettinger", "Deltakere i introduksjonsprogrammet per januar"]))
        self.expect("register years", years, [str(y) for y in range(2009, 2020)])
        ser = {}
        for key, i in idx.items():
            vals = doc["value"][i * len(years):(i + 1) * len(years)]
            ser[labels[key]] = dict(zip(years, vals))

        def peak(s):
            return max(s, key=s.get)
        self.expect("Asylsøknader peak", peak(ser["Asylsøknader"]), "2015")
        self.expect("Bosettinger peak", peak(ser["Bosettinger"]), "2016")
        b = ser["Bosettinger"]
        self.require("Bosettinger 2018 lowest of 2009-2018",
                     all(b["2018"] < b[y] for y in years if y not in ("2018", "2019")))
        d = ser["Deltakere i introduksjonsprogrammet per januar"]
        self.expect("Deltakere peak", peak(d), "2018")
        self.require("Deltakere rise 2016-2018", d["2016"] < d["2017"] < d["2018"])
        self.require("figure 1 and table 1 have a source",
                     bool(self.specs["bakteppe"].get("source"))
                     and bool(self.ed[2018].figurer["tabell"][0].get("source")))


def run(root):
    return Checker(root).run()
