#!/usr/bin/env python3
"""Deterministic generator of synthetic rapport projects for benchmarks.

    python3 bench/scale/generate.py --size large --out /tmp/rapport-large

Sizes (see BENCHMARKS.md):

  large     10 editions x 12 chapters x 25 figures; 500 units x 300 variables
  huge      10 editions x 100 chapters x 5 figures (1,000 chapter pages, 5,000
            figures; 500 units x 300 variables) plus a register edition whose
            dataset has 1,000,000 rows x 20 columns
  register  only the register edition (1,000,000 x 20), for the data-engine run
  tiny      2 editions x 2 chapters x 4 figures (tests of this script)

Every size accepts overrides (--editions, --chapters, --figures, --units,
--variables, --register-rows). The output is a complete project in rapport's
documented content format (README.md): rapport.toml, content/<year>/
utgave.toml, kodebok.toml, figurer.toml, data/*.csv and NN-slug.md chapters
with shortcodes. theme/ and templates/ are copied from the repository.

Same arguments, same bytes: all randomness comes from random.Random(seed).
Python standard library only.
"""

import argparse
import os
import random
import shutil
import sys

SIZES = {
    "tiny": dict(editions=2, chapters=2, figures=4, units=60, variables=40, register_rows=0),
    "large": dict(editions=10, chapters=12, figures=25, units=500, variables=300, register_rows=0),
    "huge": dict(editions=10, chapters=100, figures=5, units=500, variables=300,
                 register_rows=1_000_000),
    "register": dict(editions=0, chapters=0, figures=0, units=0, variables=0,
                     register_rows=1_000_000),
}

FIRST_YEAR = 2010
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# ---------------------------------------------------------------- prose

SUBJECTS = [
    "kommunene", "de integreringsansvarlige", "rådmennene", "de minste kommunene",
    "de største kommunene", "kommunene i sentrale strøk", "kommunene med høy bosetting",
    "mange av de spurte", "en stor del av respondentene", "flertallet av kommunene",
    "deltakerne i introduksjonsprogrammet", "voksenopplæringen", "NAV-kontorene",
    "arbeidsgiverne", "de frivillige organisasjonene", "fylkeskommunene",
]
VERBS = [
    "oppgir at", "mener at", "rapporterer at", "forteller at", "understreker at",
    "peker på at", "har erfart at", "svarer at", "legger vekt på at", "viser til at",
]
CLAUSES = [
    "samarbeidet med næringslivet har blitt bedre de siste årene",
    "tilbudet om norskopplæring er godt tilpasset deltakernes behov",
    "det er krevende å planlegge når bosettingsbehovet svinger",
    "tolketjenestene brukes oftere enn før",
    "kvalifiseringen bør starte så tidlig som mulig etter bosetting",
    "kommunen mangler kapasitet til å følge opp alle deltakerne",
    "arbeidspraksis i ordinære virksomheter gir gode resultater",
    "det er behov for mer kunnskap om hva som virker",
    "samarbeidet på tvers av sektorer er avgjørende for å lykkes",
    "boligmarkedet gjør det vanskelig å bosette flere flyktninger",
    "resultatmålene for introduksjonsprogrammet blir fulgt opp jevnlig",
    "veiledningen fra IMDi har vært nyttig i planleggingen",
    "ordinær utdanning bør være en større del av programmet",
    "helseutfordringer hos deltakerne påvirker progresjonen",
    "kommunen har utarbeidet en egen plan for integreringsarbeidet",
    "små fagmiljøer gjør arbeidet sårbart ved sykdom og turnover",
]
CONNECTORS = [
    "Samtidig", "Likevel", "I tillegg", "Derimot", "Videre", "På den annen side",
    "Til sammenligning", "Som i fjor", "Ifølge undersøkelsen", "Blant annet",
]
TAILS = [
    "og dette gjelder særlig for kommuner med få innbyggere.",
    "noe som samsvarer med funn fra tidligere undersøkelser.",
    "selv om forskjellene mellom kommunene er store.",
    "men bildet er mer sammensatt enn tallene alene viser.",
    "og dette har betydning for hvordan tiltakene innrettes.",
    "slik det også ble påpekt i fritekstsvarene.",
    "uten at vi kan si noe sikkert om årsakene.",
    "og utviklingen har vært stabil over flere år.",
]
HEADINGS = [
    "Bosetting og planlegging", "Introduksjonsprogrammet", "Samarbeid med næringslivet",
    "Kommunen som arbeidsgiver", "Bruk av tolk", "Norskopplæring", "Kvalifisering",
    "Boligsituasjonen", "Tverrsektorielt samarbeid", "Oppfølging av deltakerne",
    "Erfaringer fra kommunene", "Resultater og måloppnåelse",
]


def sentence(rng):
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}, {rng.choice(TAILS)}"
    if rng.random() < 0.4:
        s = f"{rng.choice(CONNECTORS)} er det slik at {s}"
    return s[0].upper() + s[1:]


def paragraph(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


# ---------------------------------------------------------------- codebook

SINGLE_SCALES = [
    ["Ja", "Nei"],
    ["Ja", "Nei", "Vet ikke"],
    ["I stor grad", "I noen grad", "I liten grad", "Ikke i det hele tatt"],
    ["Økt", "Uendret", "Redusert"],
    ["Daglig", "Ukentlig", "Månedlig", "Sjeldnere", "Aldri"],
]
RATING = ["Svært dårlig", "Dårlig", "Verken/eller", "God", "Svært god"]
OPTIONS = ["NAV", "Voksenopplæringen", "Næringslivet", "Frivillige", "Helsetjenesten"]


def make_variables(count, rng):
    """A repeating block of 10 variable kinds: 4 single, 3 rating (a
    battery), 1 multi, 1 number, 1 single."""
    pattern = ["single", "single", "rating", "rating", "rating", "multi", "number",
               "single", "single", "single"]
    out = []
    for i in range(count):
        ty = pattern[i % len(pattern)]
        name = f"v{i:03d}"
        q = f"{rng.choice(SUBJECTS).capitalize()} og {rng.choice(CLAUSES)}: hvordan vurderer kommunen dette (spørsmål {i + 1})?"
        v = dict(name=name, type=ty, question=q)
        if ty == "single":
            v["labels"] = SINGLE_SCALES[i % len(SINGLE_SCALES)]
        elif ty == "rating":
            v["labels"] = RATING
        elif ty == "multi":
            v["options"] = [f"{name}_{k}" for k in range(len(OPTIONS))]
        out.append(v)
    return out


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def codebook_toml(variables):
    lines = ["# Written by bench/scale/generate.py.", ""]
    for v in variables:
        lines.append(f"[variables.{v['name']}]")
        lines.append(f"question = {toml_str(v['question'])}")
        lines.append(f'type = "{v["type"]}"')
        if v["type"] == "single":
            codes = ", ".join(f"{{ code = {k + 1}, label = {toml_str(l)} }}"
                              for k, l in enumerate(v["labels"]))
            lines.append(f"codes = [{codes}]")
            lines.append("missing = [9]")
        elif v["type"] == "rating":
            codes = ", ".join(f"{{ code = {k + 1}, label = {toml_str(l)} }}"
                              for k, l in enumerate(RATING))
            lines.append(f'codes = [{codes}, {{ code = 6, label = "Ikke relevant", valid = false }}]')
            lines.append('groups = [{ label = "God", codes = [4, 5] }, { label = "Verken/eller", codes = [3] }, '
                         '{ label = "Dårlig", codes = [1, 2] }, { label = "Ikke relevant", codes = [6] }]')
            lines.append("missing = [9]")
        elif v["type"] == "multi":
            opts = ", ".join(f"{{ column = \"{c}\", label = {toml_str(l)} }}"
                             for c, l in zip(v["options"], OPTIONS))
            lines.append(f"options = [{opts}]")
        lines.append("")
    lines += [
        "[attributes.innbyggere]",
        'label = "Kommunestørrelse"',
        'type = "number"',
        "bins = [",
        '  { label = "Under 5 000", max = 4999 },',
        '  { label = "5 000–19 999", min = 5000, max = 19999 },',
        '  { label = "20 000 og over", min = 20000 },',
        "]",
        "",
        "[attributes.sentralitet]",
        'label = "Sentralitetsklasse"',
        'type = "category"',
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- data

def units_csv(units, rng):
    rows = ["kommunenr;navn;enhetstype;innbyggere;sentralitet"]
    for u in range(units):
        size = int(rng.lognormvariate(8.8, 1.1))
        rows.append(f"{unit_key(u)};Kommune {u + 1};kommune;{size};{rng.randint(1, 6)}")
    return "\n".join(rows) + "\n"


def unit_key(u):
    return f"{u + 101:04d}"


def microdata_csv(variables, units, rng):
    header = ["kommunenr"]
    for v in variables:
        header += v["options"] if v["type"] == "multi" else [v["name"]]
    rows = [";".join(header)]
    for u in range(units):
        if rng.random() < 0.15:  # non-respondent this year
            continue
        cells = [unit_key(u)]
        for v in variables:
            ty = v["type"]
            if ty == "multi":
                if rng.random() < 0.05:
                    cells += [""] * len(v["options"])
                else:
                    flags = [1 if rng.random() < 0.4 else 0 for _ in v["options"]]
                    if not any(flags):
                        flags[rng.randrange(len(flags))] = 1
                    cells += [str(f) for f in flags]
                continue
            r = rng.random()
            if r < 0.04:
                cells.append("")
            elif r < 0.06 and ty != "number":
                cells.append("9")
            elif ty == "single":
                k = len(v["labels"])
                cells.append(str(min(k, int(rng.triangular(1, k + 1, 1)))))
            elif ty == "rating":
                cells.append(str(rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, 6])))
            else:
                cells.append(str(rng.randint(0, 100)))
        rows.append(";".join(cells))
    return "\n".join(rows) + "\n"


# ---------------------------------------------------------------- figures

def figure_specs(variables, index, edition_no):
    """Figure `index` of an edition: a (spec dict, prose dict) pair. Cycles
    through the kinds of the example report."""
    singles = [v for v in variables if v["type"] == "single"]
    ratings = [v for v in variables if v["type"] == "rating"]
    multis = [v for v in variables if v["type"] == "multi"]
    numbers = [v for v in variables if v["type"] == "number"]
    kind = index % 8
    fid = f"f{index:04d}"
    pick = lambda xs: xs[(index // 8) % len(xs)]
    if kind == 0:
        v = pick(singles)
        return dict(id=fid, variable=v["name"], kind="bar", sort="desc"), ("andel", v["labels"][0])
    if kind == 1:
        v = pick(singles)
        return dict(id=fid, variable=v["name"], kind="pie"), ("andel", v["labels"][0])
    if kind == 2:
        start = ((index // 8) * 3) % len(ratings)
        items = [ratings[(start + k) % len(ratings)]["name"] for k in range(3)]
        return dict(id=fid, items=items, groups=True, title="Vurdering av tiltakene"), ("snitt", None)
    if kind == 3:
        v = pick(multis)
        return dict(id=fid, variable=v["name"], kind="bar"), ("andel", OPTIONS[0])
    if kind == 4:
        v = pick(numbers)
        return dict(id=fid, variable=v["name"], kind="columns",
                    histogram="{ min = 0, max = 100, step = 10 }"), ("snitt", None)
    if kind == 5:
        v = pick(singles)
        return dict(id=fid, variable=v["name"], kind="stacked",
                    breakdown='{ attribute = "innbyggere" }'), ("andel", v["labels"][0])
    if kind == 6 and edition_no > 0:
        v = pick(singles)
        return dict(id=fid, variable=v["name"], panel="{ editions = [-1, 0] }"), ("andel", v["labels"][0])
    v = pick(ratings)
    return dict(id=fid, variable=v["name"], kind="bar", groups=True), ("andel", "God")


def figures_toml(specs):
    lines = ["# Written by bench/scale/generate.py.", ""]
    for spec in specs:
        lines.append("[[figur]]")
        lines.append(f'id = "{spec["id"]}"')
        lines.append('dataset = "ia"')
        for key in ["variable", "kind", "sort", "title"]:
            if key in spec:
                lines.append(f"{key} = {toml_str(spec[key])}")
        if "items" in spec:
            lines.append("items = [" + ", ".join(toml_str(i) for i in spec["items"]) + "]")
        if spec.get("groups"):
            lines.append("groups = true")
        for key in ["histogram", "breakdown", "panel"]:
            if key in spec:
                lines.append(f"{key} = {spec[key]}")
        lines.append("")
    return "\n".join(lines)


def chapter_md(rng, number, title, figures):
    """About 6 kB of prose (the example's chapters are 2–10 kB) with every
    figure placed, referenced and quoted."""
    out = ["+++", f"title = {toml_str(title)}",
           f"summary = {toml_str(sentence(rng))}", "+++", ""]
    out.append(paragraph(rng, 5))
    out.append("")
    per_heading = max(1, len(figures) // 3 or 1)
    for k, (fid, (value, label)) in enumerate(figures):
        if k % per_heading == 0:
            out.append(f"## {rng.choice(HEADINGS)} ({number}.{k // per_heading + 1})")
            out.append("")
        if value == "andel":
            quote = (f'{{{{ andel(figur="{fid}", svar="{label}") }}}} prosent svarer «{label}» '
                     f'(N = {{{{ n(figur="{fid}") }}}})')
        else:
            quote = (f'gjennomsnittet er {{{{ snitt(figur="{fid}") }}}} '
                     f'(N = {{{{ n(figur="{fid}") }}}})')
        out.append(f"{paragraph(rng, 2)} Som {{{{ ref(id=\"{fid}\") }}}} viser, {quote}. "
                   f"{paragraph(rng, 2)}")
        out.append("")
        out.append(f'{{{{ figur(id="{fid}") }}}}')
        out.append("")
    # Pad short chapters to a realistic length.
    while sum(len(l) for l in out) < 6000:
        out.append(paragraph(rng, 5))
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- register

REGISTER_VARS = [
    ("kjonn", "single", ["Mann", "Kvinne"]),
    ("aldersgruppe", "single", ["0–15", "16–24", "25–39", "40–54", "55–66", "67+"]),
    ("alder", "number", None),
    ("landbakgrunn", "single", ["Afrika", "Asia", "Europa", "Latin-Amerika", "Oseania", "Nord-Amerika"]),
    ("botid", "number", None),
    ("innvandringsgrunn", "single", ["Arbeid", "Familie", "Flukt", "Utdanning", "Annet"]),
    ("utdanning", "single", ["Grunnskole", "Videregående", "Universitet, kort", "Universitet, lang", "Uoppgitt"]),
    ("sysselsatt", "single", ["Ja", "Nei"]),
    ("inntekt", "number", None),
    ("introprogram", "single", ["Deltar", "Avsluttet", "Aldri deltatt"]),
    ("norskproeve", "single", ["A1", "A2", "B1", "B2", "Ikke tatt"]),
    ("fylke", "single", [f"Fylke {k}" for k in range(1, 12)]),
    ("sentralitet", "single", ["1", "2", "3", "4", "5", "6"]),
    ("husholdning", "single", ["Enslig", "Par uten barn", "Par med barn", "Enslig forsørger", "Annet"]),
    ("boform", "single", ["Eier", "Leier", "Kommunal bolig", "Annet"]),
    ("statsborger", "single", ["Norsk", "Utenlandsk"]),
    ("trygd", "single", ["Ingen", "Sosialhjelp", "Uføretrygd", "Dagpenger"]),
    ("barn", "number", None),
    ("arbeidstid", "single", ["Heltid", "Deltid", "Ikke i arbeid"]),
]


def register_edition(root, year, rows, rng):
    d = os.path.join(root, "content", str(year))
    os.makedirs(os.path.join(d, "data"), exist_ok=True)
    write(os.path.join(d, "utgave.toml"), "\n".join([
        "# Written by bench/scale/generate.py.",
        f'title = "Registeret {year}"',
        f"year = {year}",
        f"period = {{ start = {year}-01-01, end = {year}-12-31 }}",
        'summary = "Syntetiske registerdata: én rad per person."',
        "",
        "[datasets.person]",
        'name = "Befolkningsregisteret"',
        'file = "data/personer.csv"',
        "",
    ]))
    book = ["# Written by bench/scale/generate.py.", ""]
    for name, ty, labels in REGISTER_VARS:
        book.append(f"[variables.{name}]")
        book.append(f'question = "{name.capitalize()}"')
        book.append(f'type = "{ty}"')
        if labels:
            codes = ", ".join(f"{{ code = {k + 1}, label = {toml_str(l)} }}" for k, l in enumerate(labels))
            book.append(f"codes = [{codes}]")
        book.append("")
    write(os.path.join(d, "kodebok.toml"), "\n".join(book))
    write(os.path.join(d, "figurer.toml"), "\n".join([
        "# Written by bench/scale/generate.py.",
        "[[figur]]", 'id = "alder"', 'dataset = "person"', 'variable = "alder"', 'kind = "columns"',
        'title = "Personer etter alder"', "histogram = { min = 0, max = 100, step = 10 }", "",
        "[[figur]]", 'id = "landbakgrunn"', 'dataset = "person"', 'variable = "landbakgrunn"',
        'kind = "bar"', 'sort = "desc"', "",
        "[[figur]]", 'id = "sysselsatt-flukt"', 'dataset = "person"', 'variable = "sysselsatt"',
        'kind = "pie"', 'filter = { variable = "innvandringsgrunn", codes = [3] }', "",
        "",
    ]))
    write(os.path.join(d, "01-register.md"), "\n".join([
        "+++", 'title = "Registerdata"', "+++", "",
        paragraph(rng, 4), "",
        'Registeret har {{ n(figur="alder") }} personer med oppgitt alder; gjennomsnittsalderen er '
        '{{ snitt(figur="alder") }} år ({{ ref(id="alder") }}).', "",
        '{{ figur(id="alder") }}', "",
        'Av dem som kom som flyktninger, er {{ andel(figur="sysselsatt-flukt", svar="Ja") }} prosent sysselsatt.', "",
        '{{ figur(id="landbakgrunn") }}', "",
        '{{ figur(id="sysselsatt-flukt") }}', "",
    ]))
    path = os.path.join(d, "data", "personer.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(";".join(["kommunenr"] + [v[0] for v in REGISTER_VARS]) + "\n")
        r = rng.random
        ri = rng.randrange
        buf = []
        for p in range(rows):
            cells = [f"P{p:07d}"]
            for name, ty, labels in REGISTER_VARS:
                if r() < 0.02:
                    cells.append("")
                elif ty == "number":
                    cells.append(str(ri(0, 100) if name != "inntekt" else ri(0, 2_000_000)))
                else:
                    cells.append(str(ri(len(labels)) + 1))
            buf.append(";".join(cells))
            if len(buf) == 10000:
                f.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            f.write("\n".join(buf) + "\n")


# ---------------------------------------------------------------- project

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(out, editions, chapters, figures, units, variables, register_rows, seed):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    rng = random.Random(seed)
    for folder in ["theme", "templates"]:
        shutil.copytree(os.path.join(REPO, folder), os.path.join(out, folder))
    write(os.path.join(out, "rapport.toml"), "\n".join([
        "# Written by bench/scale/generate.py.",
        'title = "Syntetisk rapport"',
        'publisher = "rapport-benchmark (syntetiske data)"',
        'base_url = "https://example.no/syntetisk/"',
        'language = "nb"', "",
    ]))
    vars_ = make_variables(variables, rng) if variables else []
    for e in range(editions):
        year = FIRST_YEAR + e
        d = os.path.join(out, "content", str(year))
        write(os.path.join(d, "utgave.toml"), "\n".join([
            "# Written by bench/scale/generate.py.",
            f'title = "Syntetisk undersøkelse {year}"',
            f"year = {year}",
            f"period = {{ start = {year}-11-01, end = {year}-12-15 }}",
            f"summary = {toml_str(paragraph(rng, 2))}",
            "", "[units]", 'file = "data/kommuner.csv"', "",
            "[datasets.ia]", 'name = "Integreringsansvarlige"', 'file = "data/ia.csv"', "",
        ]))
        write(os.path.join(d, "kodebok.toml"), codebook_toml(vars_))
        write(os.path.join(d, "data", "kommuner.csv"), units_csv(units, random.Random(seed)))
        write(os.path.join(d, "data", "ia.csv"), microdata_csv(vars_, units, rng))
        specs, prose = [], []
        for i in range(chapters * figures):
            spec, value = figure_specs(vars_, i, e)
            specs.append(spec)
            prose.append((spec["id"], value))
        write(os.path.join(d, "figurer.toml"), figures_toml(specs))
        for c in range(chapters):
            title = f"{HEADINGS[c % len(HEADINGS)]} {c + 1}"
            slug = f"kapittel-{c + 1}"
            text = chapter_md(rng, c + 1, title, prose[c * figures:(c + 1) * figures])
            write(os.path.join(d, f"{c + 1:02d}-{slug}.md"), text)
    if register_rows:
        register_edition(out, FIRST_YEAR + max(editions, 0) + 50, register_rows, rng)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=sorted(SIZES), required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2018)
    for key in ["editions", "chapters", "figures", "units", "variables", "register_rows"]:
        ap.add_argument("--" + key.replace("_", "-"), type=int)
    args = ap.parse_args(argv)
    params = dict(SIZES[args.size])
    for key in params:
        if getattr(args, key) is not None:
            params[key] = getattr(args, key)
    if params["editions"] and params["variables"] < 10:
        sys.exit("--variables must be at least 10 (one block of every variable type)")
    generate(args.out, seed=args.seed, **params)
    print(f"generated {args.size} into {args.out}: {params}")


if __name__ == "__main__":
    main()
