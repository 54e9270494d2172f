//! The fact sheet's `edition` facts (sub-surveys, representativeness) and
//! the claims the prose makes about the charts without numbers
//! (`qualitative_constraints`) that are checkable on the computed figures.

use rapport::figures::ComputedFigure;

use super::checks::Checks;
use super::env::Env;

/// A fact sheet key and the shortcode call (name, arguments) that gives it.
type Probe<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>);

/// `edition.sub_surveys.{IA,RM}` and `edition.representativeness`.
pub fn edition(c: &mut Checks, env: &Env) {
    let ed = &env.fact["edition"];
    for (group, dataset) in [("IA", "ia"), ("RM", "rm")] {
        let facts = &ed["sub_surveys"][group];
        let probes: [Probe; 8] = [
            (
                "municipalities_responded",
                "enheter",
                vec![("datasett", dataset), ("enhetstype", "kommune")],
            ),
            (
                "municipalities_total",
                "enheter",
                vec![("enhetstype", "kommune")],
            ),
            (
                "oslo_districts_responded",
                "enheter",
                vec![("datasett", dataset), ("enhetstype", "bydel")],
            ),
            (
                "oslo_districts_total",
                "enheter",
                vec![("enhetstype", "bydel")],
            ),
            (
                "units_responded_total_derived",
                "enheter",
                vec![("datasett", dataset)],
            ),
            (
                "response_rate_percent",
                "svarprosent",
                vec![("datasett", dataset)],
            ),
            (
                "population_share_percent",
                "dekning",
                vec![("datasett", dataset), ("attributt", "innbyggere")],
            ),
            (
                "immigrant_population_share_percent",
                "dekning",
                vec![("datasett", dataset), ("attributt", "innvandrere")],
            ),
        ];
        for (key, name, args) in probes {
            let what = format!("edition.sub_surveys.{group}.{key}");
            let Some(expected) = facts[key].as_f64() else {
                c.fail(&what, "not in the fact sheet");
                continue;
            };
            match env.shortcode_number(name, &args) {
                Ok(x) => c.number(&what, expected, Some(x)),
                Err(e) => c.fail(&what, e),
            }
        }
        c.holds(
            format!("edition.sub_surveys.{group}.name"),
            facts["name"].as_str()
                == env
                    .computed
                    .edition_data(2018)
                    .and_then(|d| d.dataset(dataset))
                    .map(|d| d.name.as_str()),
            format!("fact sheet {}", facts["name"]),
        );
    }
    let rep = &ed["representativeness"];
    for (key, column) in [
        ("max_difference_RM_pp", "Besvart RM"),
        ("max_difference_IA_pp", "Besvart IA"),
    ] {
        let what = format!("edition.representativeness.{key}");
        let computed = env.shortcode_number(
            "maksavvik",
            &[("tabell", "representativitet"), ("kolonne", column)],
        );
        match (rep[key].as_f64(), computed) {
            (Some(x), Ok(v)) => c.number(&what, x, Some(v)),
            (None, _) => c.fail(&what, "not in the fact sheet"),
            (_, Err(e)) => c.fail(&what, e),
        }
    }
}

fn shown(f: &ComputedFigure, row: &str, series: &str) -> Option<f64> {
    let r = f
        .result
        .row_index(row)
        .or_else(|| f.row_names.iter().position(|n| n == row))?;
    let s = f.result.series_index(series)?;
    f.result.cells[r][s].shown
}

fn number(env: &Env, name: &str, args: &[(&str, &str)]) -> f64 {
    env.shortcode_number(name, args).unwrap_or(f64::NAN)
}

/// Claims of the prose about the charts, by figure.
pub fn prose(c: &mut Checks, env: &Env) {
    // Figure 19: "for every area the 2018 share is marginally lower than in
    // both 2016 and 2017".
    let f = env.figure("viktighet-panel");
    for item in &f.row_names {
        let (a, b, now) = (
            shown(f, item, "2016"),
            shown(f, item, "2017"),
            shown(f, item, "2018"),
        );
        c.holds(
            format!("Figur 19, «{item}» lower in 2018 than in 2016 and 2017"),
            matches!((a, b, now), (Some(a), Some(b), Some(n)) if n < a && n < b),
            format!("2016 {a:?}, 2017 {b:?}, 2018 {now:?}"),
        );
    }
    // Figure 17: sharing highest in 2018; diverse population and settlement
    // plans lower in 2018 than in 2017.
    let f = env.figure("nytte-panel");
    let (a, b, now) = (
        shown(f, "nytte_deling", "2016"),
        shown(f, "nytte_deling", "2017"),
        shown(f, "nytte_deling", "2018"),
    );
    c.holds(
        "Figur 17, «nytte_deling» higher in 2018 than in 2016 and 2017",
        matches!((a, b, now), (Some(a), Some(b), Some(n)) if n > a && n > b),
        format!("2016 {a:?}, 2017 {b:?}, 2018 {now:?}"),
    );
    for item in ["nytte_mangfold", "nytte_bosetting"] {
        let (b, now) = (shown(f, item, "2017"), shown(f, item, "2018"));
        c.holds(
            format!("Figur 17, «{item}» lower in 2018 than in 2017"),
            matches!((b, now), (Some(b), Some(n)) if n < b),
            format!("2017 {b:?}, 2018 {now:?}"),
        );
    }
    // Figure 11: the staff resource is the only option that rose in both steps.
    let f = env.figure("naeringsliv-panel");
    let rising: Vec<&String> = f
        .result
        .rows
        .iter()
        .filter(|row| {
            let v: Vec<Option<f64>> = ["2016", "2017", "2018"]
                .iter()
                .map(|y| shown(f, row, y))
                .collect();
            matches!(v[..], [Some(a), Some(b), Some(n)] if a < b && b < n)
        })
        .collect();
    c.holds(
        "Figur 11, only «Ja, egen stillingsressurs …» rises in both steps",
        rising.len() == 1 && rising[0].starts_with("Ja, egen stillingsressurs"),
        format!("rising in both steps: {rising:?}"),
    );
    // Figure 8: the smallest municipalities buy most, the largest offer most.
    let f = env.figure("interkommunalt-storrelse");
    for (claim, svar, bin) in [
        ("buy", "Ja, kjøper|Ja, både", "Under 2 000"),
        ("offer", "Ja, tilbyr|Ja, både", "Over 50 000"),
    ] {
        let shares: Vec<(String, f64)> = f
            .result
            .rows
            .iter()
            .map(|g| {
                let args = [
                    ("figur", "interkommunalt-storrelse"),
                    ("gruppe", g.as_str()),
                    ("svar", svar),
                ];
                (g.clone(), number(env, "andel", &args))
            })
            .collect();
        let top = shares.iter().map(|(_, v)| *v).fold(f64::MIN, f64::max);
        let tops: Vec<&String> = shares
            .iter()
            .filter(|(_, v)| *v == top)
            .map(|(g, _)| g)
            .collect();
        c.holds(
            format!("Figur 8, «{bin}» {claim}s most"),
            tops == [bin],
            format!("shares by size {shares:?}"),
        );
    }
    // Free-text writers ticked the option they wrote under (Figures 6, 10),
    // every stated target belongs to a Ja (Figure 4 ≥ 176), and Figure 3's
    // base are the Ja of Figure 2.
    for (what, part, whole) in [
        (
            "Figur 6, «Annet» writers ≤ «Annet»",
            (
                "tekstsvar",
                vec![("datasett", "ia"), ("variabel", "utdanning_annet_tekst")],
            ),
            ("antall", vec![("figur", "utdanning"), ("svar", "Annet")]),
        ),
        (
            "Figur 10, «andre tiltak» writers ≤ «Ja, andre tiltak»",
            (
                "tekstsvar",
                vec![("datasett", "ia"), ("variabel", "naeringsliv_annet_tekst")],
            ),
            (
                "antall",
                vec![("figur", "naeringsliv"), ("svar", "Ja, andre tiltak")],
            ),
        ),
        (
            "Figur 4, stated targets ≤ Ja",
            ("n", vec![("figur", "resultatmaal-definisjon")]),
            ("antall", vec![("figur", "resultatmaal"), ("svar", "Ja")]),
        ),
        (
            "Figur 3, N ≤ Ja of Figur 2",
            ("n", vec![("figur", "utfordringer")]),
            ("antall", vec![("figur", "svingninger"), ("svar", "Ja")]),
        ),
    ] {
        let (p, w) = (number(env, part.0, &part.1), number(env, whole.0, &whole.1));
        c.holds(what, p <= w, format!("{p} > {w}"));
    }
}
