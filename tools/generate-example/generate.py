#!/usr/bin/env python3
"""Generate the synthetic example data of `rapport` (Kommuneundersøkelsen 2015-2018).

    python3 tools/generate-example/generate.py            # write + verify
    python3 tools/generate-example/generate.py --check    # verify the files on disk only

Python 3 standard library only; deterministic (fixed seed, own PRNG), so a rerun
rewrites every output file byte-identically. After writing, `verify.py` re-reads
the files and recomputes every number of the fact sheet
(tests/fixtures/kommuneundersokelsen-2018.json) with the README's rules; the
script exits non-zero and lists every mismatch.
"""

import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import codebook as cb  # noqa: E402
import register  # noqa: E402
import spec  # noqa: E402
import surveys  # noqa: E402
import verify  # noqa: E402
from rng import Rng  # noqa: E402
from writers import write_bytes, write_csv, write_jsonstat  # noqa: E402

SEED = 20181205
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CONTENT = os.path.join(ROOT, "content")

SERIES = [("asylsoknader", "Asylsøknader"), ("bosettinger", "Bosettinger"),
          ("deltakere", "Deltakere i introduksjonsprogrammet per januar")]
YEARS = list(range(2009, 2020))
SERIES_VALUES = {
    "asylsoknader": [17200, 10100, 9050, 9790, 11950, 11500, 31150, 3460, 3550, 2650, 2500],
    "bosettinger": [5700, 5450, 5600, 5350, 5900, 7000, 11300, 15250, 11200, 5150, 4400],
    "deltakere": [11300, 12200, 12900, 13100, 12900, 13300, 14000, 16600, 24300, 29500, 27200],
}

REGISTER_HEADER = ["kommunenr", "navn", "enhetstype", "innbyggere", "innvandrere",
                   "innvandrerandel", "sentralitet", "bosettingsaar"]


def register_rows(units):
    rows = []
    for u in sorted(units, key=lambda u: u["kommunenr"]):
        t = u["andel_tenths"]
        rows.append([u["kommunenr"], u["navn"], u["enhetstype"], u["innbyggere"],
                     u["innvandrere"], f"{t // 10},{t % 10}", u["sentralitet"],
                     u["bosettingsaar"]])
    return rows


def survey_rows(data, columns):
    return [[k] + [data[k].get(c) for c in columns] for k in sorted(data)]


def dedupe(variables):
    seen, out = set(), []
    for name, v in variables:
        if name not in seen:
            seen.add(name)
            out.append((name, v))
    return out


def write_all():
    rng = Rng(SEED)
    units = register.build(rng)
    data = surveys.build(rng, units)
    reg_rows = register_rows(units)

    d18 = os.path.join(CONTENT, "2018")
    write_bytes(os.path.join(d18, "utgave.toml"), spec.utgave(2018).encode("utf-8"))
    write_bytes(os.path.join(d18, "figurer.toml"), spec.figurer().encode("utf-8"))
    write_bytes(os.path.join(d18, "kodebok.toml"), spec.kodebok(
        dedupe(cb.IA_2018 + cb.RM_2018),
        "# Codebook of the 2018 edition: variables of both sub-surveys (ia, rm) and the unit\n"
        "# attributes of data/kommuner.csv.\n").encode("utf-8"))
    write_csv(os.path.join(d18, "data", "kommuner.csv"), REGISTER_HEADER, reg_rows)
    ia_cols = cb.columns(cb.IA_2018)
    write_csv(os.path.join(d18, "data", "ia.csv"), ["kommunenr"] + ia_cols,
              survey_rows(data["ia"], ia_cols))
    rm_cols = cb.columns(cb.RM_2018)
    # As Norwegian spreadsheet tools export it: Windows-1252, semicolons, CRLF.
    write_csv(os.path.join(d18, "data", "rm.csv"), ["kommunenr"] + rm_cols,
              survey_rows(data["rm"], rm_cols), encoding="cp1252", newline="\r\n")
    write_jsonstat(os.path.join(d18, "data", "register.json"),
                   "Asylsøknader, bosettinger og deltakere i introduksjonsprogrammet",
                   "Syntetiske tall etter mønster av UDI, IMDi og SSB",
                   ["Syntetiske tall. 2019 er prognose eller foreløpige tall."],
                   SERIES, YEARS, SERIES_VALUES)

    for y in (2015, 2016, 2017):
        dy = os.path.join(CONTENT, str(y))
        write_bytes(os.path.join(dy, "utgave.toml"), spec.utgave(y).encode("utf-8"))
        write_bytes(os.path.join(dy, "kodebok.toml"), spec.kodebok(
            cb.earlier(y),
            f"# Codebook of the data-only edition {y}: the rådmann answered one questionnaire,\n"
            "# so the datasets ia and rm are the same file.\n").encode("utf-8"))
        write_csv(os.path.join(dy, "data", "kommuner.csv"), REGISTER_HEADER, reg_rows)
        cols = cb.columns(cb.earlier(y))
        write_csv(os.path.join(dy, "data", f"kommuneundersokelsen-{y}.csv"),
                  ["kommunenr"] + cols, survey_rows(data[y], cols), delimiter=",")


def main(argv):
    if "--check" not in argv:
        write_all()
    problems, checked = verify.run(ROOT)
    for p in problems:
        print("MISMATCH:", p, file=sys.stderr)
    print(f"verified {checked} facts, {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
