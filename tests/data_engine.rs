//! The data engine end to end on the fixture editions in
//! `tests/fixtures/data/` (written by `make_fixtures.py` there): loading,
//! computing every figure and table, and the value shortcodes. Every
//! expected number is computed by hand in the comments.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rapport::data::{
    load_edition, DataSources, DatasetSource, EditionData, SeriesSource, UnitsSource,
};
use rapport::figures::{compute, load_specs, ComputedEdition, ComputedFigure};
use rapport::results::ChartKind;
use rapport::shortcodes::{find, Args, Context, Output, Value};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data")
}

fn sources(ia: &str, with_rm: bool) -> DataSources {
    let mut s = DataSources {
        units: Some(UnitsSource {
            file: "data/kommuner.csv".into(),
        }),
        ..DataSources::default()
    };
    s.datasets.insert(
        "ia".into(),
        DatasetSource {
            name: "Integreringsansvarlige".into(),
            file: ia.into(),
        },
    );
    if with_rm {
        s.datasets.insert(
            "rm".into(),
            DatasetSource {
                name: "Rådmenn".into(),
                file: "data/rm.csv".into(),
            },
        );
        s.series.insert(
            "register".into(),
            SeriesSource {
                file: "data/register.json".into(),
            },
        );
    }
    s
}

fn editions_from(dir2018: &Path, ia: &str) -> Result<BTreeMap<i32, EditionData>, rapport::Errors> {
    let mut editions = BTreeMap::new();
    let s2017 = DataSources {
        datasets: [(
            "ia".to_string(),
            DatasetSource {
                name: "Integreringsansvarlige".into(),
                file: "data/ia.csv".into(),
            },
        )]
        .into(),
        ..DataSources::default()
    };
    editions.insert(2017, load_edition(&fixture().join("2017"), 2017, &s2017)?);
    editions.insert(2018, load_edition(dir2018, 2018, &sources(ia, true))?);
    Ok(editions)
}

fn computed_with(ia: &str) -> ComputedEdition {
    let dir = fixture().join("2018");
    let editions = editions_from(&dir, ia).unwrap_or_else(|e| panic!("{e}"));
    let specs = load_specs(&dir).unwrap_or_else(|e| panic!("{e}"));
    compute(2018, &specs, &editions).unwrap_or_else(|e| panic!("{e}"))
}

fn computed() -> ComputedEdition {
    computed_with("data/ia.csv")
}

fn shown(fig: &ComputedFigure) -> Vec<Vec<Option<f64>>> {
    fig.result
        .cells
        .iter()
        .map(|row| row.iter().map(|c| c.shown).collect())
        .collect()
}

fn v(x: f64) -> Option<f64> {
    Some(x)
}

/// Run a shortcode: `call(&ce, "andel", &[("figur", "resultatmaal"), ("svar", "Ja")])`.
/// Values that parse as integers are passed as numbers.
fn call(ce: &ComputedEdition, name: &str, pairs: &[(&str, &str)]) -> Result<String, String> {
    let sc = find(name).unwrap_or_else(|| panic!("no shortcode {name}"));
    let pairs = pairs
        .iter()
        .map(|(k, val)| {
            let value = match val.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Str(val.to_string()),
            };
            (k.to_string(), value)
        })
        .collect();
    let args = Args::new(sc.name(), pairs);
    args.check_keys(sc.keys()).map_err(|e| e.to_string())?;
    match sc.render(&args, &Context::new(ce, 2018)) {
        Ok(Output::Text(t)) => Ok(t),
        Ok(other) => panic!("unexpected output {other:?}"),
        Err(e) => Err(format!("{e} | {}", e.help().unwrap_or_default())),
    }
}

fn ok(ce: &ComputedEdition, name: &str, pairs: &[(&str, &str)]) -> String {
    call(ce, name, pairs).unwrap_or_else(|e| panic!("{name}{pairs:?}: {e}"))
}

#[test]
fn single_choice_distribution() {
    let ce = computed();
    let f = ce.figure("resultatmaal").unwrap();
    // 8 rows, one with the missing code 9: N = 7; Ja 5/7 = 71.4, Nei 2/7 = 28.6.
    assert_eq!(f.result.rows, vec!["Ja", "Nei"]);
    assert_eq!(shown(f), vec![vec![v(71.0)], vec![v(29.0)]]);
    assert_eq!(f.result.n, 7);
    assert_eq!(f.result.cells[0][0].count, Some(5));
    assert_eq!(f.result.cells[0][0].base, Some(7));
    assert_eq!(f.kind, ChartKind::Pie);
    assert_eq!(f.title, "Har kommunen et resultatmål?");
    assert_eq!(f.caption_note, "Integreringsansvarlige. N: 7.");
    assert_eq!(f.location.line, 1);
    assert_eq!(
        ok(&ce, "andel", &[("figur", "resultatmaal"), ("svar", "Ja")]),
        "71"
    );
    assert_eq!(
        ok(&ce, "andel", &[("figur", "resultatmaal"), ("svar", "ja")]),
        "71"
    );
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[("figur", "resultatmaal"), ("svar", "Ja"), ("som", "ord")]
        ),
        "sju av ti"
    );
    assert_eq!(
        ok(&ce, "antall", &[("figur", "resultatmaal"), ("svar", "Ja")]),
        "5"
    );
    assert_eq!(ok(&ce, "n", &[("figur", "resultatmaal")]), "7");
    // Only municipalities (the Oslo district 030101 answered Ja): 4 of 6.
    let k = ce.figure("resultatmaal-kommuner").unwrap();
    assert_eq!(
        (k.result.n, shown(k)),
        (6, vec![vec![v(67.0)], vec![v(33.0)]])
    );
    assert!(!k.publish);
}

#[test]
fn earlier_edition_by_utgave() {
    let ce = computed();
    // 2017: Ja 0301, 1833, 4601; Nei 1804, 5001; 1514 missing → 3/5 = 60.
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[
                ("figur", "resultatmaal"),
                ("svar", "Ja"),
                ("utgave", "2017")
            ]
        ),
        "60"
    );
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[("figur", "resultatmaal"), ("svar", "Ja"), ("utgave", "-1")]
        ),
        "60"
    );
    assert_eq!(
        ok(&ce, "n", &[("figur", "resultatmaal"), ("utgave", "2017")]),
        "5"
    );
    // 71 − 60 = 11 percentage points, up.
    assert_eq!(
        ok(
            &ce,
            "endring",
            &[
                ("figur", "resultatmaal"),
                ("svar", "Ja"),
                ("fra", "2017"),
                ("til", "2018")
            ]
        ),
        "11"
    );
    assert_eq!(
        ok(
            &ce,
            "retning",
            &[
                ("figur", "resultatmaal"),
                ("svar", "Nei"),
                ("fra", "2017"),
                ("opp", "steg"),
                ("ned", "sank")
            ]
        ),
        "sank"
    );
    // A battery on 2017 leaves out the item that did not exist (nytte_b).
    assert_eq!(
        ok(&ce, "snitt", &[("figur", "nytte"), ("utgave", "2017")]),
        "3,6"
    );
    // 2017 has no unit register: `unit_type` uses 2018's. All five are municipalities.
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[
                ("figur", "resultatmaal-kommuner"),
                ("svar", "Ja"),
                ("utgave", "2017")
            ]
        ),
        "60"
    );
    let err = call(
        &ce,
        "andel",
        &[
            ("figur", "resultatmaal"),
            ("svar", "Ja"),
            ("utgave", "2014"),
        ],
    )
    .unwrap_err();
    assert!(err.contains("edition 2014 has no data"), "{err}");
}

#[test]
fn histogram_with_filter() {
    let ce = computed();
    let f = ce.figure("resultatmaal-nivaa").unwrap();
    // Units with Ja and a target: 70, 72.5, 80, 70, 100.
    assert_eq!(f.result.rows.len(), 11);
    assert_eq!(f.result.rows[7], "70\u{a0}%");
    let counts: Vec<f64> = f.result.cells.iter().map(|r| r[0].shown.unwrap()).collect();
    assert_eq!(
        counts,
        vec![0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 1.0, 0.0, 1.0]
    );
    assert_eq!(f.result.n, 5);
    assert_eq!(f.kind, ChartKind::Columns);
    // Mean 392.5 / 5 = 78.5.
    assert_eq!(ok(&ce, "snitt", &[("figur", "resultatmaal-nivaa")]), "78,5");
    assert_eq!(
        ok(
            &ce,
            "antall",
            &[("figur", "resultatmaal-nivaa"), ("svar", "70 %")]
        ),
        "3"
    );
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[("figur", "resultatmaal-nivaa"), ("svar", "70 %")]
        ),
        "60"
    );
}

#[test]
fn multiple_choice_and_merge() {
    let ce = computed();
    let f = ce.figure("naer").unwrap();
    // 1119 chose nothing: not answered. N = 7; NAV 3, egne 3, andre 3, Nei 2.
    assert_eq!(f.result.n, 7);
    assert!(f.result.multi);
    assert_eq!(
        shown(f),
        vec![vec![v(43.0)], vec![v(43.0)], vec![v(43.0)], vec![v(29.0)]]
    );
    // Sorted descending; ties keep codebook order.
    assert_eq!(
        f.result.rows,
        vec!["Ja, NAV", "Ja, egne avtaler", "Ja, andre avtaler", "Nei"]
    );
    assert_eq!(f.caption_note, "Flervalg. Integreringsansvarlige. N: 7.");
    // Merged: egne or andre = 0301, 030101, 5001, 1514, 4601 = 5 of 7 (a unit counts once).
    let m = ce.figure("naer-merged").unwrap();
    assert_eq!(m.result.rows, vec!["Ja, NAV", "Ja, avtaler", "Nei"]);
    assert_eq!(shown(m), vec![vec![v(43.0)], vec![v(71.0)], vec![v(29.0)]]);
    assert_eq!(
        ok(
            &ce,
            "antall",
            &[("figur", "naer-merged"), ("svar", "Ja, avtaler")]
        ),
        "5"
    );
}

#[test]
fn breakdown_by_attribute_bins() {
    let ce = computed();
    let f = ce.figure("resultatmaal-storrelse").unwrap();
    assert_eq!(
        f.result.rows,
        vec!["Under 2 000", "2 000–19 999", "20 000 og over"]
    );
    assert_eq!(f.result.series, vec!["Ja", "Nei"]);
    // Under 2 000: 1815 Nei. 2 000–19 999: 1514 Ja (1119 missing). 20 000+: 4 Ja, 1 Nei.
    assert_eq!(
        shown(f),
        vec![
            vec![v(0.0), v(100.0)],
            vec![v(100.0), v(0.0)],
            vec![v(80.0), v(20.0)]
        ]
    );
    assert_eq!(f.result.n, 7);
    assert_eq!(f.kind, ChartKind::Stacked);
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[
                ("figur", "resultatmaal-storrelse"),
                ("svar", "Ja"),
                ("gruppe", "20 000 og over")
            ]
        ),
        "80"
    );
    assert_eq!(
        ok(
            &ce,
            "n",
            &[("figur", "resultatmaal-storrelse"), ("gruppe", "20 000")]
        ),
        "5"
    );
    // Without `gruppe`: pooled over the bins, 5 / 7.
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[("figur", "resultatmaal-storrelse"), ("svar", "Ja")]
        ),
        "71"
    );
}

#[test]
fn panels_across_editions() {
    let ce = computed();
    let f = ce.figure("resultatmaal-panel").unwrap();
    // Valid in 2017 and 2018: 0301, 1804, 5001, 4601. 2017: Ja 0301, 4601; 2018: Ja 0301, 5001, 4601.
    assert_eq!(f.result.series, vec!["2017", "2018"]);
    assert_eq!(f.result.n, 4);
    assert_eq!(
        shown(f),
        vec![vec![v(50.0), v(75.0)], vec![v(50.0), v(25.0)]]
    );
    assert_eq!(
        f.caption_note,
        "Kommuner som har svart både i 2017 og 2018. N: 4."
    );
    assert_eq!(f.kind, ChartKind::Grouped);
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[
                ("figur", "resultatmaal-panel"),
                ("svar", "Ja"),
                ("utgave", "2017")
            ]
        ),
        "50"
    );
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[("figur", "resultatmaal-panel"), ("svar", "Ja")]
        ),
        "75"
    );
    assert_eq!(
        ok(
            &ce,
            "endring",
            &[
                ("figur", "resultatmaal-panel"),
                ("svar", "Ja"),
                ("fra", "-1"),
                ("til", "0")
            ]
        ),
        "25"
    );
    assert_eq!(
        ok(
            &ce,
            "retning",
            &[
                ("figur", "resultatmaal-panel"),
                ("svar", "Ja"),
                ("fra", "2017")
            ]
        ),
        "økte"
    );
    // Multiple choice panel with options merged differently per edition.
    let n = ce.figure("naer-panel").unwrap();
    assert_eq!(
        n.result.rows,
        vec!["Ja, NAV", "Ja, samarbeidsavtaler", "Nei"]
    );
    assert_eq!(n.result.n, 4);
    assert_eq!(
        shown(n),
        vec![
            vec![v(50.0), v(75.0)],
            vec![v(25.0), v(75.0)],
            vec![v(25.0), v(25.0)]
        ]
    );
    assert_eq!(
        n.caption_note,
        "Flervalg. Kommuner som har svart både i 2017 og 2018. N: 4."
    );
}

#[test]
fn rating_battery_and_battery_panel() {
    let ce = computed();
    let f = ce.figure("nytte").unwrap();
    assert_eq!(f.result.rows, vec!["Deling av kunnskap", "Råd om tolk"]);
    assert_eq!(
        f.result.series,
        vec!["God", "Verken/eller", "Dårlig", "Ikke relevant"]
    );
    // nytte_a 5,4,3,4,2,6,5: 4/7 God, 1/7 each → 57+14+14+14 = 99 (kept).
    // nytte_b 4,6,2,5,6,3,5: 3/7 God, 1, 1, 2/7 Ikke relevant → 43+14+14+29 = 100.
    assert_eq!(
        shown(f),
        vec![
            vec![v(57.0), v(14.0), v(14.0), v(14.0)],
            vec![v(43.0), v(14.0), v(14.0), v(29.0)]
        ]
    );
    assert_eq!(f.result.n, 7);
    assert_eq!(f.kind, ChartKind::Stacked);
    assert_eq!(f.title, "Nytte av bistanden");
    // Means without "Ikke relevant": a = 23/6 = 3.83, b = 19/5 = 3.8, pooled 42/11 = 3.82.
    assert_eq!(ok(&ce, "snitt", &[("figur", "nytte")]), "3,8");
    assert_eq!(
        ok(&ce, "snitt", &[("figur", "nytte"), ("rad", "nytte_a")]),
        "3,8"
    );
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[("figur", "nytte"), ("rad", "Råd om tolk"), ("svar", "God")]
        ),
        "43"
    );
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[
                ("figur", "nytte"),
                ("rad", "nytte_a"),
                ("svar", "God|Verken/eller")
            ]
        ),
        "71"
    );
    assert_eq!(
        ok(
            &ce,
            "rader",
            &[("figur", "nytte"), ("svar", "God"), ("over", "50")]
        ),
        "1"
    );
    assert_eq!(ok(&ce, "rader", &[("figur", "nytte")]), "2");

    let p = ce.figure("nytte-panel").unwrap();
    // Answered an item in both years: 0301, 1804, 5001, 4601.
    // 2017 nytte_a 4,5,3,2 → God 2/4; 2018 nytte_a 5,3,4,5 → 3/4; nytte_b only in 2018: 4,2,5,5 → 3/4.
    assert_eq!(p.result.n, 4);
    assert_eq!(shown(p), vec![vec![v(50.0), v(75.0)], vec![None, v(75.0)]]);
    // Mean of nytte_a in 2018: 17/4 = 4.25 → 4.3 (half away from zero).
    assert_eq!(
        ok(
            &ce,
            "snitt",
            &[("figur", "nytte-panel"), ("rad", "nytte_a")]
        ),
        "4,3"
    );
    assert_eq!(
        ok(
            &ce,
            "snitt",
            &[
                ("figur", "nytte-panel"),
                ("rad", "nytte_a"),
                ("utgave", "2017")
            ]
        ),
        "3,5"
    );
    assert_eq!(
        ok(
            &ce,
            "andel",
            &[
                ("figur", "nytte-panel"),
                ("rad", "nytte_a"),
                ("utgave", "2017")
            ]
        ),
        "50"
    );
    let err = call(
        &ce,
        "andel",
        &[
            ("figur", "nytte-panel"),
            ("rad", "nytte_b"),
            ("utgave", "2017"),
        ],
    )
    .unwrap_err();
    assert!(err.contains("no answers"), "{err}");
}

#[test]
fn windows_1252_semicolon_dataset() {
    let ce = computed();
    let f = ce.figure("tolk").unwrap();
    assert_eq!(
        f.result.rows,
        vec!["Ja, fast avtale", "Nei, ingen avtale", "Vet ikke"]
    );
    assert_eq!(shown(f), vec![vec![v(60.0)], vec![v(20.0)], vec![v(20.0)]]);
    assert_eq!(f.caption_note, "Rådmenn. N: 5.");
    assert_eq!(
        ok(
            &ce,
            "tekstsvar",
            &[("datasett", "rm"), ("variabel", "mangfold_annet_tekst")]
        ),
        "3"
    );
}

#[test]
fn register_series() {
    let ce = computed();
    let f = ce.figure("bakteppe").unwrap();
    assert_eq!(f.kind, ChartKind::Line);
    assert_eq!(f.result.rows, vec!["2015", "2016", "2017"]);
    assert_eq!(f.result.series, vec!["Asylsøknader", "Bosettinger"]);
    assert_eq!(shown(f)[1], vec![v(3460.0), v(15283.0)]);
    assert_eq!(f.source.as_deref(), Some("SSB"));
    assert_eq!(
        ok(
            &ce,
            "topp",
            &[("figur", "bakteppe"), ("serie", "Bosettinger")]
        ),
        "2016"
    );
    assert_eq!(
        ok(&ce, "topp", &[("figur", "bakteppe"), ("serie", "asyl")]),
        "2015"
    );
}

#[test]
fn representativity_table() {
    let ce = computed();
    let t = ce.table("representativitet").unwrap();
    assert_eq!(t.columns, vec!["Alle kommuner", "Besvart IA", "Besvart RM"]);
    // Municipalities only: 8 in the register, 7 answered IA (030101 is a district), 5 RM.
    assert_eq!(t.n, vec![8, 7, 5]);
    let size = &t.blocks[0];
    assert_eq!(size.heading, "Kommunestørrelse");
    let cells: Vec<Vec<Option<f64>>> = size
        .result
        .cells
        .iter()
        .map(|r| r.iter().map(|c| c.shown).collect())
        .collect();
    // All: 1, 2, 5 of 8 = 12.5, 25, 62.5 → 13, 25, 63 (sum 101, kept).
    // IA: 1, 2, 4 of 7 → 14, 29, 57. RM: 0, 1, 4 of 5 → 0, 20, 80.
    assert_eq!(
        cells,
        vec![
            vec![v(13.0), v(14.0), v(0.0)],
            vec![v(25.0), v(29.0), v(20.0)],
            vec![v(63.0), v(57.0), v(80.0)]
        ]
    );
    // Centrality 1..6 among all: 1, 2, 1, 2, 1, 1 of 8 = 12.5 ×4, 25 ×2 → plain
    // rounding gives 102, so the largest remainders (ties: earlier) → 13, 25, 13, 25, 12, 12.
    let sentral = &t.blocks[1];
    assert_eq!(sentral.result.rows, vec!["1", "2", "3", "4", "5", "6"]);
    let all: Vec<f64> = sentral
        .result
        .cells
        .iter()
        .map(|r| r[0].shown.unwrap())
        .collect();
    assert_eq!(all, vec![13.0, 25.0, 13.0, 25.0, 12.0, 12.0]);
    assert_eq!(
        ok(
            &ce,
            "verdi",
            &[
                ("tabell", "representativitet"),
                ("rad", "Under 2 000"),
                ("kolonne", "Alle kommuner")
            ]
        ),
        "13"
    );
    assert_eq!(
        ok(
            &ce,
            "verdi",
            &[
                ("tabell", "representativitet"),
                ("rad", "4"),
                ("kolonne", "Besvart RM")
            ]
        ),
        "40"
    );
    // |80 − 63| = 17 is the largest gap of the RM column.
    assert_eq!(
        ok(
            &ce,
            "maksavvik",
            &[("tabell", "representativitet"), ("kolonne", "Besvart RM")]
        ),
        "17"
    );
    assert_eq!(
        ok(
            &ce,
            "maksavvik",
            &[
                ("tabell", "representativitet"),
                ("kolonne", "Besvart RM"),
                ("blokk", "Sentralitetsklasse")
            ]
        ),
        "15"
    );
}

#[test]
fn units_response_rates_and_coverage() {
    let ce = computed();
    assert_eq!(ok(&ce, "enheter", &[]), "10");
    assert_eq!(ok(&ce, "enheter", &[("enhetstype", "kommune")]), "8");
    assert_eq!(ok(&ce, "enheter", &[("datasett", "ia")]), "8");
    assert_eq!(
        ok(
            &ce,
            "enheter",
            &[("datasett", "ia"), ("enhetstype", "kommune")]
        ),
        "7"
    );
    assert_eq!(ok(&ce, "svarprosent", &[("datasett", "ia")]), "80");
    // 5 of 8 = 62.5 → 63.
    assert_eq!(
        ok(
            &ce,
            "svarprosent",
            &[("datasett", "rm"), ("enhetstype", "kommune")]
        ),
        "63"
    );
    // Immigrants in RM municipalities: 207 410 of 238 983 = 86.8 %.
    assert_eq!(
        ok(
            &ce,
            "dekning",
            &[
                ("datasett", "rm"),
                ("attributt", "innvandrere"),
                ("enhetstype", "kommune")
            ]
        ),
        "87"
    );
    assert_eq!(
        ok(
            &ce,
            "tekstsvar",
            &[("datasett", "ia"), ("variabel", "annet_tekst")]
        ),
        "3"
    );
}

#[test]
fn shortcode_errors_suggest() {
    let ce = computed();
    let e = call(&ce, "andel", &[("figur", "resultatmal"), ("svar", "Ja")]).unwrap_err();
    assert!(
        e.contains("unknown figure `resultatmal`") && e.contains("did you mean `resultatmaal`?"),
        "{e}"
    );
    let e = call(&ce, "andel", &[("figur", "resultatmaal"), ("svar", "Nie")]).unwrap_err();
    assert!(e.contains("did you mean `Nei`?"), "{e}");
    let e = call(&ce, "snitt", &[("figur", "nytte"), ("rad", "nytte_c")]).unwrap_err();
    assert!(
        e.contains("did you mean `nytte_a`?") || e.contains("did you mean `nytte_b`?"),
        "{e}"
    );
    let e = call(
        &ce,
        "tekstsvar",
        &[("datasett", "ia"), ("variabel", "anet_tekst")],
    )
    .unwrap_err();
    assert!(e.contains("did you mean `annet_tekst`?"), "{e}");
    let e = call(
        &ce,
        "verdi",
        &[
            ("tabell", "representativitet"),
            ("rad", "Under 2000"),
            ("kolonne", "Alle kommuner"),
        ],
    )
    .unwrap_err();
    assert!(e.contains("did you mean `Under 2 000`?"), "{e}");
    let e = call(&ce, "andel", &[("figur", "resultatmaal"), ("svr", "Ja")]).unwrap_err();
    assert!(e.contains("no key `svr`"), "{e}");
}

#[test]
fn csv_windows_1252_and_xlsx_give_identical_results() {
    let utf8 = computed_with("data/ia.csv");
    for other in ["data/ia-1252.csv", "data/ia.xlsx"] {
        let ce = computed_with(other);
        for (a, b) in utf8.figures().zip(ce.figures()) {
            assert_eq!(a.result, b.result, "{other}: figure {}", a.id);
            assert_eq!(a.caption_note, b.caption_note);
            assert_eq!(a.means, b.means);
        }
        for (a, b) in utf8.tables().zip(ce.tables()) {
            assert_eq!(
                a.blocks.iter().map(|b| &b.result).collect::<Vec<_>>(),
                b.blocks.iter().map(|b| &b.result).collect::<Vec<_>>()
            );
        }
        assert_eq!(
            ok(
                &utf8,
                "tekstsvar",
                &[("datasett", "ia"), ("variabel", "annet_tekst")]
            ),
            ok(
                &ce,
                "tekstsvar",
                &[("datasett", "ia"), ("variabel", "annet_tekst")]
            )
        );
    }
}

/// A copy of the 2018 fixture with some files replaced.
fn edition_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixture().join("2018");
    std::fs::create_dir_all(tmp.path().join("data")).unwrap();
    for name in [
        "kodebok.toml",
        "figurer.toml",
        "data/kommuner.csv",
        "data/ia.csv",
        "data/rm.csv",
        "data/register.json",
    ] {
        std::fs::copy(src.join(name), tmp.path().join(name)).unwrap();
    }
    for (name, bytes) in files {
        std::fs::write(tmp.path().join(name), bytes).unwrap();
    }
    tmp
}

fn load_error(files: &[(&str, &[u8])]) -> String {
    let tmp = edition_with(files);
    match load_edition(tmp.path(), 2018, &sources("data/ia.csv", true)) {
        Ok(_) => panic!("expected an error"),
        Err(e) => {
            e.0.iter()
                .map(|e| format!("{e} | {}", e.help().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

fn compute_error(figures: &str) -> String {
    let tmp = edition_with(&[("figurer.toml", figures.as_bytes())]);
    let editions = editions_from(tmp.path(), "data/ia.csv").unwrap_or_else(|e| panic!("{e}"));
    let specs = match load_specs(tmp.path()) {
        Ok(s) => s,
        Err(e) => {
            return e
                .0
                .iter()
                .map(|e| format!("{e} | {}", e.help().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    match compute(2018, &specs, &editions) {
        Ok(_) => panic!("expected an error"),
        Err(e) => {
            e.0.iter()
                .map(|e| format!("{e} | {}", e.help().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// The N of figure `id` computed from `figures` (a `figurer.toml`) over the
/// fixture edition.
fn n_of(figures: &str, id: &str) -> u64 {
    let tmp = edition_with(&[("figurer.toml", figures.as_bytes())]);
    let editions = editions_from(tmp.path(), "data/ia.csv").unwrap_or_else(|e| panic!("{e}"));
    let specs = load_specs(tmp.path()).unwrap_or_else(|e| panic!("{e:?}"));
    let computed = compute(2018, &specs, &editions).unwrap_or_else(|e| panic!("{e:?}"));
    computed.figure(id).expect("figure computed").result.n
}

/// A `figurer.toml` with figure `f` (`nytte_a`) and `filter = <filter>`.
fn figure(filter: &str) -> String {
    format!("[[figur]]\nid = \"f\"\ndataset = \"ia\"\nvariable = \"nytte_a\"\nfilter = {filter}\n")
}

#[test]
fn filters_on_options_and_number_ranges_combine() {
    // Ticked NAV: 0301 (70), 5001 (80), 4601 (100); of those, 71 or more: 5001, 4601.
    let both = figure(
        r#"[{ variable = "naer", options = ["naer_nav"] }, { variable = "resultatmaal_prosent", min = 71 }]"#,
    );
    assert_eq!(n_of(&both, "f"), 2);
    // 72.5 or less: 0301 (70), 030101 (72.5), 1514 (70); units without a number are out.
    let at_most = figure(r#"{ variable = "resultatmaal_prosent", max = 72.5 }"#);
    assert_eq!(n_of(&at_most, "f"), 3);
    // Either option ticked: 0301, 030101, 5001, 1514, 4601.
    let any = figure(r#"{ variable = "naer", options = ["naer_egne", "naer_andre"] }"#);
    assert_eq!(n_of(&any, "f"), 5);
    // One table in an array is the same as the table.
    let codes = figure(r#"[{ variable = "resultatmaal", codes = [2] }]"#);
    assert_eq!(n_of(&codes, "f"), 2);
}

#[test]
fn filter_errors_say_which_form_fits() {
    // (filter, what the error must say)
    let cases: [(&str, &[&str]); 5] = [
        (
            r#"{ variable = "naer", options = ["naer_x"] }"#,
            &[
                "figurer.toml:5:",
                "`naer_x` is not an option of `naer`",
                "naer_andre (Ja, andre avtaler)",
            ],
        ),
        (
            r#"{ variable = "resultatmaal_prosent", codes = [1] }"#,
            &[
                "figurer.toml:5:",
                "this filter does not fit `resultatmaal_prosent`, a number variable",
                "filter it with `min` and/or `max`",
            ],
        ),
        (
            r#"{ variable = "resultatmaal", codes = [1], min = 2 }"#,
            &[
                "figurer.toml:5:",
                "figure `f`: filter: it needs exactly one of",
                "`min`/`max` for a number",
            ],
        ),
        (
            r#"[{ variable = "resultatmaal", codes = [1] }, { variable = "resultatmaal_prosent", min = 90, max = 10 }]"#,
            &[
                "figurer.toml:5:",
                "filter 2 of 2: its `min` (90) is above its `max` (10)",
            ],
        ),
        (
            r#"{ variable = "resultatmaal", kodes = [1] }"#,
            &[
                "figurer.toml:5:39: unknown field `kodes`",
                "did you mean `codes`?",
            ],
        ),
    ];
    expect_errors(&cases, figure);
}

const IA_HEAD: &str = "kommunenr,resultatmaal,resultatmaal_prosent,naer_nav,naer_egne,naer_andre,naer_nei,nytte_a,nytte_b,annet_tekst\n";

#[test]
fn data_errors_name_file_line_and_column() {
    let bad_code = format!("{IA_HEAD}0301,1,70,1,0,0,0,5,4,\n1804,3,,0,0,0,1,3,2,\n");
    let e = load_error(&[("data/ia.csv", bad_code.as_bytes())]);
    assert!(
        e.contains("ia.csv:3:2")
            && e.contains("`3` in column `resultatmaal` is not a code of `resultatmaal`"),
        "{e}"
    );
    assert!(e.contains("1 = Ja, 2 = Nei"), "{e}");

    let not_number = format!("{IA_HEAD}0301,1,sytti,1,0,0,0,5,4,\n");
    let e = load_error(&[("data/ia.csv", not_number.as_bytes())]);
    assert!(
        e.contains("ia.csv:2:3")
            && e.contains("`sytti` in column `resultatmaal_prosent` is not a number"),
        "{e}"
    );

    let duplicate =
        format!("{IA_HEAD}0301,1,70,1,0,0,0,5,4,\n1804,1,70,1,0,0,0,5,4,\n301,1,70,1,0,0,0,5,4,\n");
    let e = load_error(&[("data/ia.csv", duplicate.as_bytes())]);
    assert!(
        e.contains("ia.csv:4:1") && e.contains("kommunenr `0301` appears twice (first on line 2)"),
        "{e}"
    );

    let e = load_error(&[(
        "data/ia.csv",
        b"kommunenr,resultatmaal\n0301,1\n1804,\x81\n",
    )]);
    assert!(
        e.contains("neither UTF-8 nor Windows-1252")
            && e.contains("0x81")
            && e.contains("ia.csv:3"),
        "{e}"
    );
    let e = load_error(&[("data/ia.csv", b"\xFF\xFEk\x00o\x00")]);
    assert!(e.contains("UTF-16"), "{e}");

    let unknown_unit = format!("{IA_HEAD}9999,1,70,1,0,0,0,5,4,\n");
    let e = load_error(&[("data/ia.csv", unknown_unit.as_bytes())]);
    assert!(
        e.contains("`9999`") && e.contains("not in the unit register"),
        "{e}"
    );
}

#[test]
fn spreadsheet_errors_name_row_and_column_letter() {
    let e = match load_edition(
        &fixture().join("2018"),
        2018,
        &sources("data/ia-bad.xlsx", false),
    ) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    };
    assert!(
        e.contains("ia-bad.xlsx:3:2") && e.contains("`3` in column `resultatmaal` (B)"),
        "{e}"
    );
}

#[test]
fn codebook_errors_are_located() {
    let book = "[variables.x]\ntype = \"single\"\ncodes = [{ code = 1, labl = \"Ja\" }]\n";
    let e = load_error(&[("kodebok.toml", book.as_bytes())]);
    assert!(e.contains("kodebok.toml:3:"), "{e}");
    assert!(e.contains("did you mean `label`?"), "{e}");
}

/// For each case, the `figurer.toml` made from its text fails with an error
/// that says every one of its parts.
fn expect_errors(cases: &[(&str, &[&str])], figures: impl Fn(&str) -> String) {
    for (text, expected) in cases {
        let e = compute_error(&figures(text));
        for part in *expected {
            assert!(e.contains(part), "{text}: missing {part:?} in\n{e}");
        }
    }
}

#[test]
fn spec_errors_are_located_with_suggestions() {
    // (the lines of figure `a` after its id, what the error must say)
    let cases: [(&str, &[&str]); 9] = [
        (
            "dataset = \"ia\"\nvariable = \"resultatmal\"\n",
            &[
                "figurer.toml:4:",
                "unknown variable `resultatmal`",
                "did you mean `resultatmaal`?",
            ],
        ),
        (
            "dataset = \"ia\"\nvariable = \"naer\"\nkind = \"pie\"\n",
            &[
                "figurer.toml:5:",
                "figure `a`: kind `pie` does not fit a multiple-choice",
            ],
        ),
        (
            "dataset = \"ia\"\nvariable = \"resultatmaal\"\nfiltre = {}\n",
            &["figurer.toml:5:", "did you mean `filter`?"],
        ),
        (
            "dataset = \"ia\"\nvariable = \"resultatmaal\"\npanel = { editions = [-3, 0] }\n",
            &["edition 2015 has no data", "figurer.toml:5:"],
        ),
        (
            "dataset = \"ia\"\nvariable = \"resultatmaal\"\nfilter = { variable = \"naer\", codes = [1] }\n",
            &[
                "this filter does not fit `naer`, a multi variable",
                "filter it with `options = [...]` (options: naer_nav (Ja, NAV)",
            ],
        ),
        ("dataset = \"ia\"\nvariable = \"annet_tekst\"\n", &["free text"]),
        (
            "dataset = \"ai\"\nvariable = \"resultatmaal\"\n",
            &["unknown dataset `ai`", "did you mean `ia`?"],
        ),
        (
            "dataset = \"rm\"\nvariable = \"resultatmaal\"\n",
            &["column `resultatmaal` is missing", "rm.csv"],
        ),
        (
            "dataset = \"ia\"\nvariable = \"naer\"\nmerge = [{ label = \"x\", from = [\"Ja, NAVV\"] }]\n",
            &["merge label `Ja, NAVV`", "did you mean `Ja, NAV`?"],
        ),
    ];
    expect_errors(&cases, |lines| format!("[[figur]]\nid = \"a\"\n{lines}"));
}

#[test]
fn no_answers_is_a_clear_state() {
    // Units answering Nei have no target: the histogram is empty, not NaN.
    let figures = "[[figur]]\nid = \"tom\"\ndataset = \"ia\"\nvariable = \"resultatmaal_prosent\"\nfilter = { variable = \"resultatmaal\", codes = [2] }\nhistogram = { min = 0, max = 100, step = 50 }\n\n[[figur]]\nid = \"tom2\"\ndataset = \"ia\"\nvariable = \"resultatmaal\"\nfilter = { variable = \"resultatmaal\", codes = [9] }\n";
    let tmp = edition_with(&[("figurer.toml", figures.as_bytes())]);
    let editions = editions_from(tmp.path(), "data/ia.csv").unwrap_or_else(|e| panic!("{e}"));
    let specs = load_specs(tmp.path()).unwrap();
    let e = compute(2018, &specs, &editions);
    // Filtering on code 9 (a missing code, not an answer code) is an error.
    let msg = e.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        msg.contains("filter code 9 is not a code of `resultatmaal`"),
        "{msg}"
    );
    let only_first = figures.split("\n\n").next().unwrap();
    let tmp = edition_with(&[("figurer.toml", only_first.as_bytes())]);
    let specs = load_specs(tmp.path()).unwrap();
    let ce = compute(2018, &specs, &editions).unwrap_or_else(|e| panic!("{e}"));
    let f = ce.figure("tom").unwrap();
    assert_eq!(f.result.n, 0);
    assert!(f.result.is_empty());
    assert!(f
        .result
        .cells
        .iter()
        .flatten()
        .all(|c| c.value.is_some_and(|v| v == 0.0)));
    let e = call(&ce, "snitt", &[("figur", "tom")]).unwrap_err();
    assert!(e.contains("no answers"), "{e}");
    let e = call(&ce, "andel", &[("figur", "tom"), ("svar", "50 ")]).unwrap_err();
    assert!(e.contains("no answers"), "{e}");
}

/// A tiny deterministic generator for the robustness test.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn no_panics_on_mangled_inputs() {
    let mut rng = XorShift(0x2018_1205);
    let dir = fixture().join("2018");
    let originals: Vec<(&str, Vec<u8>)> = [
        "data/ia.csv",
        "data/kommuner.csv",
        "data/rm.csv",
        "data/register.json",
        "kodebok.toml",
        "figurer.toml",
        "data/ia.xlsx",
    ]
    .iter()
    .map(|n| (*n, std::fs::read(dir.join(n)).unwrap()))
    .collect();
    let tmp = tempfile::tempdir().unwrap();
    for round in 0..150 {
        let (name, original) = &originals[round % originals.len()];
        let mut bytes = original.clone();
        // Flip, insert or delete a few bytes (structure-aware enough to reach deep code).
        for _ in 0..(1 + rng.next() % 4) {
            if bytes.is_empty() {
                break;
            }
            let at = (rng.next() as usize) % bytes.len();
            match rng.next() % 3 {
                0 => {
                    bytes[at] = b"0123456789,;\"\n\r\x81\xFFabc =[]{}-."[(rng.next() % 28) as usize]
                }
                1 => bytes.insert(at, (rng.next() % 256) as u8),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        let ext = Path::new(name).extension().unwrap().to_str().unwrap();
        let path = tmp.path().join(format!("f{round}.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        match ext {
            "csv" | "xlsx" => {
                let _ = rapport::data::table::read(&path);
            }
            "json" => {
                let _ = rapport::data::jsonstat::parse("r", &path, &text);
            }
            _ if name.starts_with("kodebok") => {
                let _ = rapport::data::codebook::parse(&path, &text);
            }
            _ => {
                if let Ok(specs) = rapport::figures::spec::parse(&path, &text) {
                    let editions = editions_from(&dir, "data/ia.csv").unwrap();
                    if let Ok(ce) = compute(2018, &specs, &editions) {
                        for f in ce.figures() {
                            let _ = call(&ce, "andel", &[("figur", f.id.as_str()), ("svar", "Ja")]);
                            let _ = call(
                                &ce,
                                "snitt",
                                &[("figur", f.id.as_str()), ("utgave", "2017")],
                            );
                        }
                    }
                }
            }
        }
    }
}
