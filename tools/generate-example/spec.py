"""The TOML files of each edition: utgave.toml, kodebok.toml, figurer.toml."""

import codebook as cb
from register import INNV_LABELS, SIZE_BOUNDS, SIZE_LABELS
from writers import Raw, toml_table_body, toml_value

HEADER = "# Written by tools/generate-example/generate.py — do not edit by hand.\n"

SYNTHETIC = ("Tallene i denne utgaven er syntetiske. De er laget for å gjenskape de publiserte "
             "tallene i IMDis rapport Kommuneundersøkelsen 2018, men er ikke IMDis "
             "mikrodata. Svar fra enkeltkommuner, kommunenavn og kommuneegenskaper er "
             "oppdiktet.")
SYNTHETIC_EARLIER = ("Tallene i denne utgaven er syntetiske og finnes bare som grunnlag for "
                     "sammenligninger over tid i eksempelutgaven for 2018. De er ikke IMDis "
                     "mikrodata.")
PERIODS = {2015: ("2015-11-09", "2016-01-08"), 2016: ("2016-11-14", "2017-01-13"),
           2017: ("2017-11-20", "2018-01-12"), 2018: ("2018-12-05", "2019-01-23")}


def utgave(year):
    start, end = PERIODS[year]
    lines = [HEADER.rstrip("\n"),
             f"title = {toml_value(f'Kommuneundersøkelsen {year}')}",
             f"year = {year}",
             f"period = {{ start = {start}, end = {end} }}"]
    if year == 2018:
        lines.append("summary = " + toml_value(
            "IMDis årlige undersøkelse blant kommunene om bosetting, introduksjonsprogrammet, "
            "samarbeid med næringslivet, mangfold blant ansatte, bruk av tolk og nytten av "
            "IMDis bistand. For første gang svarte både rådmannen og den som er ansvarlig for "
            "integreringsarbeidet."))
        lines.append("synthetic = " + toml_value(SYNTHETIC))
        lines += ["", "[units]", 'file = "data/kommuner.csv"', "",
                  "[datasets.ia]", 'name = "Integreringsansvarlige"', 'file = "data/ia.csv"', "",
                  "[datasets.rm]", 'name = "Rådmenn"', 'file = "data/rm.csv"', "",
                  "[series.register]", 'file = "data/register.json"']
    else:
        lines.append("summary = " + toml_value(
            f"Datagrunnlag fra kommuneundersøkelsen {year}, da rådmannen besvarte ett felles "
            "skjema. Utgaven har ingen kapitler og brukes til sammenligninger over tid."))
        lines.append("synthetic = " + toml_value(SYNTHETIC_EARLIER))
        f = f"data/kommuneundersokelsen-{year}.csv"
        lines += ["", "[units]", 'file = "data/kommuner.csv"', "",
                  "[datasets.ia]", 'name = "Rådmenn"', f'file = "{f}"', "",
                  "[datasets.rm]", 'name = "Rådmenn"', f'file = "{f}"']
    return "\n".join(lines) + "\n"


def variable_block(name, v):
    lines = [f"[variables.{name}]", f"question = {toml_value(v['question'])}",
             f"type = {toml_value(v['type'])}"]
    body = {}
    if v["type"] in ("single", "rating"):
        codes = []
        for code, label in v["codes"]:
            d = {"code": code, "label": label}
            if v["type"] == "rating" and code == 6:
                d["valid"] = False
            codes.append(d)
        body["codes"] = codes
    if v["type"] == "rating":
        body["groups"] = [{"label": g, "codes": c} for g, c in v["groups"]]
    if v["type"] == "multi":
        body["options"] = [{"column": c, "label": label} for c, label in v["options"]]
    return "\n".join(lines + toml_table_body(body))


def attribute_blocks():
    size_bins = []
    for label, (lo, hi) in zip(SIZE_LABELS, SIZE_BOUNDS):
        d = {"label": label}
        if lo is not None:
            d["min"] = lo
        if hi is not None:
            d["max"] = hi
        size_bins.append(d)
    innv_bins = [{"label": INNV_LABELS[0], "max": 4.9},
                 {"label": INNV_LABELS[1], "min": 5, "max": 9.9},
                 {"label": INNV_LABELS[2], "min": 10, "max": 14.9},
                 {"label": INNV_LABELS[3], "min": 15}]
    blocks = [
        ("innbyggere", {"label": "Kommunestørrelse", "type": "number", "bins": size_bins}),
        ("innvandrere", {"label": "Innvandrere", "type": "number"}),
        ("innvandrerandel", {"label": "Innvandrerandel", "type": "number", "bins": innv_bins}),
        ("sentralitet", {"label": "Sentralitetsklasse", "type": "category"}),
        ("bosettingsaar", {"label": "År med bosetting siden 2013", "type": "category"}),
    ]
    return ["\n".join([f"[attributes.{name}]"] + toml_table_body(d)) for name, d in blocks]


def kodebok(variables, note):
    parts = [(HEADER + note).rstrip("\n")]
    parts += [variable_block(n, v) for n, v in variables]
    parts += attribute_blocks()
    return "\n\n".join(parts) + "\n"


def figur(d):
    return "\n".join(["[[figur]]"] + toml_table_body(d))


ITEMS_ALL = [f"{{p}}_{k}" for k, _ in cb.ITEMS]


def items(prefix, keys):
    return [f"{prefix}_{k}" for k in keys]


def figurer():
    all_items = [k for k, _ in cb.ITEMS]
    f = [
        {"id": "bakteppe", "series": "register", "kind": "line",
         "title": "Asylsøknader, bosettinger og deltakere i introduksjonsprogrammet per januar, "
                  "2009–2019",
         "source": "UDI, IMDi og SSB",
         "note": "Tallene for 2019 er foreløpige: asylsøknadene er UDIs prognose, bosettingene "
                 "bygger på anmodningene til kommunene, og deltakerne er foreløpige tall fra "
                 "Nasjonalt introduksjonsregister (NIR)."},
        {"id": "svingninger", "dataset": "rm", "variable": "svingninger", "kind": "pie"},
        {"id": "svingninger-panel", "dataset": "rm", "variable": "svingninger",
         "panel": {"editions": [-1, 0]}, "publish": False},
        {"id": "utfordringer", "dataset": "rm", "variable": "utfordringer", "kind": "bar",
         "sort": "desc", "filter": {"variable": "svingninger", "codes": [1]},
         "note": "Bare kommuner som svarte ja på spørsmålet om utfordringer som følge av "
                 "svingningene i bosettingsbehov."},
        {"id": "resultatmaal", "dataset": "ia", "variable": "resultatmaal", "kind": "pie"},
        {"id": "resultatmaal-panel", "dataset": "ia", "variable": "resultatmaal",
         "panel": {"editions": [-3, -2, -1, 0]}, "publish": False},
        {"id": "resultatmaal-definisjon", "dataset": "ia", "variable": "resultatmaal_definisjon",
         "filter": {"variable": "resultatmaal", "codes": [1]}, "publish": False},
        {"id": "resultatmaal-nivaa", "dataset": "ia", "variable": "resultatmaal_prosent",
         "kind": "columns", "filter": {"variable": "resultatmaal_definisjon", "codes": [1]},
         "histogram": {"min": 0, "max": 100, "step": 10, "suffix": "%"}},
        {"id": "utdanning", "dataset": "ia", "variable": "utdanning", "kind": "bar"},
        {"id": "interkommunalt", "dataset": "ia", "variable": "interkommunalt", "kind": "pie"},
        {"id": "interkommunalt-storrelse", "dataset": "ia", "variable": "interkommunalt",
         "kind": "stacked", "breakdown": {"attribute": "innbyggere"},
         "title": "Samarbeid med andre kommuner om gjennomføringen av "
                  "introduksjonsprogrammet, etter kommunestørrelse."},
        {"id": "evaluering", "dataset": "ia", "variable": "evaluering", "kind": "bar",
         "sort": "desc",
         "note": "Svarene er kategorisert fra fritekst. En kommune kan falle i flere "
                 "kategorier."},
        {"id": "naeringsliv", "dataset": "ia", "variable": "naeringsliv", "kind": "bar"},
        {"id": "naeringsliv-panel", "dataset": "ia", "variable": "naeringsliv",
         "kind": "grouped", "panel": {"editions": [-2, -1, 0]},
         "merge": [{"label": cb.MERGED_AVTALER,
                    "from": [cb.NAERINGSLIV_2018[1][1], cb.NAERINGSLIV_2018[2][1]]}],
         "note": "Spørsmålet hadde ett svaralternativ for samarbeidsavtaler før 2018. "
                 "Etablereropplæring var nytt i 2018 og er ikke med."},
        {"id": "mangfold", "dataset": "rm", "variable": "mangfold", "kind": "bar",
         "sort": "desc"},
        {"id": "mangfold-panel", "dataset": "rm", "variable": "mangfold", "kind": "grouped",
         "panel": {"editions": [-2, 0]}},
        {"id": "intervjuordning-planer", "dataset": "rm", "variable": "intervjuordning_planer",
         "publish": False},
        {"id": "tolk", "dataset": "rm", "variable": "tolk", "kind": "pie"},
        {"id": "tolk-panel", "dataset": "rm", "variable": "tolk", "kind": "grouped",
         "panel": {"editions": [-3, -2, -1, 0]},
         "title": "Har kommunen retningslinjer for bruk av tolk der Nasjonalt tolkeregister "
                  "inngår?"},
        {"id": "nytte", "dataset": "ia", "items": items("nytte", all_items), "groups": True,
         "kind": "stacked", "title": cb.Q_NYTTE},
        {"id": "nytte-panel", "dataset": "ia", "items": items("nytte", cb.ITEMS_BEFORE_2018),
         "kind": "grouped", "panel": {"editions": [-2, -1, 0]}, "show": "God",
         "title": cb.Q_NYTTE + " Andel som vurderer bistanden som god eller svært god."},
        {"id": "viktighet", "dataset": "ia", "items": items("viktig", all_items),
         "groups": True, "kind": "stacked", "title": cb.Q_VIKTIG},
        {"id": "viktighet-panel", "dataset": "ia",
         "items": items("viktig", cb.ITEMS_BEFORE_2018), "kind": "grouped",
         "panel": {"editions": [-2, -1, 0]}, "show": "Viktig",
         "title": cb.Q_VIKTIG + " Andel som vurderer bistanden som viktig eller svært viktig."},
        {"id": "stilling", "dataset": "ia", "variable": "stilling", "publish": False},
        {"id": "rm-stilling", "dataset": "rm", "variable": "rm_stilling", "publish": False},
    ]
    tabell = {
        "id": "representativitet", "kind": "representativitet",
        "title": "Sammenligning av alle kommuner, kommuner som har besvart undersøkelsen til "
                 "integreringsansvarlige og kommuner som har besvart undersøkelsen til rådmenn.",
        "attributes": ["innbyggere", "sentralitet", "innvandrerandel", "bosettingsaar"],
        "unit_type": "kommune",
        "columns": [{"label": "Alle kommuner"}, {"label": "Besvart IA", "dataset": "ia"},
                    {"label": "Besvart RM", "dataset": "rm"}],
        "source": "IMDi (2018b; 2019a) og SSB (2017; 2019)",
    }
    note = ("# Figure and table specs. Figures with publish = false are computed for the "
            "prose only\n# (shortcodes), not drawn or numbered.\n\n")
    body = "\n\n".join(figur(d) for d in f)
    tab = "\n".join(["[[tabell]]"] + toml_table_body(tabell))
    return HEADER + note + body + "\n\n" + tab + "\n"
