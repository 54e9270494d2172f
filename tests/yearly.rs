//! Next year's edition end to end: `new-edition 2019 --from 2018` on a copy of
//! the example, the missing data reported, a synthetic 2019 dataset (2018's
//! files with 20 answers changed), panels and change shortcodes over the new
//! year, and the 2018 pages byte-identical before and after adding 2019.

mod support;

use std::path::Path;
use std::process::Output;

use support::{copy_dir, snapshot_tree};

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A copy of the repository's example (content, rapport.toml, theme).
    fn example() -> Site {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for sub in ["content", "theme"] {
            copy_dir(&repo.join(sub), &dir.path().join(sub));
        }
        std::fs::copy(repo.join("rapport.toml"), dir.path().join("rapport.toml")).unwrap();
        Site { dir }
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.dir.path().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let text = self.read(rel);
        std::fs::write(self.path(rel), f(text)).unwrap();
    }

    fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
            .arg("--root")
            .arg(self.dir.path())
            .args(args)
            .output()
            .unwrap()
    }

    /// Every built file under `public/<prefix>`.
    fn built(&self, prefix: &str) -> Vec<(String, Vec<u8>)> {
        snapshot_tree(&self.path("public"))
            .into_iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .collect()
    }
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// Flip the first `n` answers `Nei` (2) of `resultatmaal` to `Ja` (1).
fn flip_resultatmaal(csv: &str, n: usize) -> String {
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(';').collect();
    let col = header.iter().position(|h| *h == "resultatmaal").unwrap();
    let mut flipped = 0;
    for line in lines.iter_mut().skip(1) {
        let mut cells: Vec<String> = line.split(';').map(str::to_string).collect();
        if flipped < n && cells[col] == "2" {
            cells[col] = "1".into();
            flipped += 1;
            *line = cells.join(";");
        }
    }
    assert_eq!(flipped, n);
    lines.join("\n") + "\n"
}

fn count(csv: &str, code: &str) -> usize {
    let header: Vec<&str> = csv
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(';')
        .collect();
    let col = header.iter().position(|h| *h == "resultatmaal").unwrap();
    csv.lines()
        .skip(1)
        .filter(|l| l.split(';').nth(col) == Some(code))
        .count()
}

/// The data files of the example edition, which a new edition starts without.
const DATA_FILES: [&str; 4] = [
    "data/kommuner.csv",
    "data/ia.csv",
    "data/rm.csv",
    "data/register.json",
];

#[test]
fn next_years_edition_from_new_edition_to_published_site() {
    let site = Site::example();
    let first = site.run(&["build"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let before_2018 = site.built("2018/");
    assert!(before_2018.len() > 5);

    // 1. Start 2019 from 2018.
    let made = site.run(&["new-edition", "2019", "--from", "2018"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let report = text(&made.stdout);
    for file in DATA_FILES {
        assert!(
            report.contains(&format!("content/2019/{file} — ")),
            "{file} in\n{report}"
        );
    }
    assert!(report.contains("last year's header: kommunenr;"));
    assert!(report.contains("content/2019/figurer.toml:120: panel = { editions = [-2, 0] }"));
    let meta = site.read("content/2019/utgave.toml");
    assert!(meta.contains("title = \"Kommuneundersøkelsen 2019\""));
    assert!(meta.contains("year = 2019"));
    assert!(meta.contains("period = { start = 2019-12-05, end = 2020-01-23 }"));
    assert!(!site.path("content/2019/data/ia.csv").exists());
    let chapter = site.read("content/2019/03-introduksjonsprogrammet.md");
    assert!(
        chapter.contains("svar=\"Ja\", utgave=-3)"),
        "2015 in 2018 is three back"
    );
    // Running it again refuses to overwrite.
    let again = site.run(&["new-edition", "2019", "--from", "2018"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));

    // 2. Without data, the build names every missing file at once.
    let missing = site.run(&["build"]);
    assert_eq!(missing.status.code(), Some(1));
    let err = text(&missing.stderr);
    for file in DATA_FILES {
        assert!(
            err.contains(&format!("data file `{file}` of edition 2019 is missing")),
            "{err}"
        );
    }
    assert!(err.contains("failed with 4 errors"), "{err}");

    // 3. Synthetic 2019 data: 2018's files, 20 units answering Ja instead of Nei.
    for file in ["kommuner.csv", "rm.csv", "register.json"] {
        std::fs::copy(
            site.path(&format!("content/2018/data/{file}")),
            site.path(&format!("content/2019/data/{file}")),
        )
        .unwrap();
    }
    let ia_2018 = site.read("content/2018/data/ia.csv");
    // 2018: 182 Ja and 86 Nei (N 268, 68 %); 2019: 202 Ja, 66 Nei (75 %).
    assert_eq!((count(&ia_2018, "1"), count(&ia_2018, "2")), (182, 86));
    std::fs::write(
        site.path("content/2019/data/ia.csv"),
        flip_resultatmaal(&ia_2018, 20),
    )
    .unwrap();

    // The analyst's review: the mangfold question was asked in 2016 and 2018
    // only, so its panel names 2016 instead of "two editions back".
    site.edit("content/2019/figurer.toml", |t| {
        t.replace("editions = [-2, 0]", "editions = [2016, 0]")
            + "\n[[figur]]\nid = \"resultatmaal-over-tid\"\ndataset = \"ia\"\nvariable = \"resultatmaal\"\nover_time = { editions = [-1, 0] }\npublish = false\n"
    });
    site.edit("content/2019/05-arbeidsgiver.md", |t| {
        t.replace("fra=-2", "fra=2016")
            .replace("utgave=-2", "utgave=2016")
    });
    site.edit("content/2019/03-introduksjonsprogrammet.md", |t| {
        t + "\nMARKØR {{ andel(figur=\"resultatmaal\", svar=\"Ja\") }}|{{ andel(figur=\"resultatmaal\", svar=\"Ja\", utgave=-1) }}|{{ endring(figur=\"resultatmaal\", svar=\"Ja\") }}|{{ retning(figur=\"resultatmaal\", svar=\"Ja\") }}|{{ aar(utgave=-1) }}|{{ aar() }}|{{ andel(figur=\"resultatmaal-over-tid\", svar=\"Ja\", utgave=-1) }}|{{ andel(figur=\"resultatmaal-over-tid\", svar=\"Nei\") }}|{{ n(figur=\"resultatmaal-over-tid\") }} SLUTT\n"
    });

    // 4. The two editions build side by side.
    let second = site.run(&["build"]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    let page = site.read("public/2019/introduksjonsprogrammet/index.html");
    assert!(
        page.contains("MARKØR 75|68|7|økte|2018|2019|68|25|268 SLUTT"),
        "{}",
        page.split("MARKØR").nth(1).unwrap_or("no marker")
    );
    // Panels roll forward: the last three (four) editions are now 2017–2019 (2016–2019).
    let imdi = site.read("public/2019/imdi/index.html");
    assert!(imdi.contains("Kommuner som har svart alle årene 2017–2019"));
    let tolk = site.read("public/2019/tolk/index.html");
    assert!(tolk.contains("Kommuner som har svart alle årene 2016–2019"));
    // What changed since 2018: resultatmaal moved 7 points (> 5).
    let front = site.read("public/2019/index.html");
    assert!(front.contains("Endringer siden 2018"));
    assert!(
        front.contains("«Ja» økte med 7 prosentpoeng, fra 68 til 75 prosent."),
        "{front}"
    );
    assert!(
        front.contains("href=\"../2019/introduksjonsprogrammet/index.html#figur-resultatmaal\"")
    );
    // The newest edition is the front page; the page of all editions lists both.
    assert!(site
        .read("public/index.html")
        .contains("<h1>Kommuneundersøkelsen 2019</h1>"));
    let all = site.read("public/utgaver/index.html");
    assert!(all.contains("2019/index.html") && all.contains("2018/index.html"));
    // The switcher on 2019 pages links to 2018's same chapter.
    assert!(page.contains("href=\"../../2018/introduksjonsprogrammet/index.html\""));

    // 5. 2018 is unchanged, byte for byte.
    let after_2018 = site.built("2018/");
    assert_eq!(
        before_2018.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        after_2018.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in before_2018.iter().zip(&after_2018) {
        assert!(a == b, "public/{path} changed when 2019 was added");
    }
}

/// Computed figures of the `yearly-crosswalk` fixture's 2020 edition.
fn crosswalk_fixture() -> rapport::figures::ComputedEdition {
    let content =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yearly-crosswalk/content");
    let project = rapport::content::Project::load(&content).unwrap();
    let mut data = std::collections::BTreeMap::new();
    for e in &project.editions {
        let loaded = rapport::data::load_edition(&e.dir, e.year, &e.meta.data_sources()).unwrap();
        data.insert(e.year, loaded);
    }
    let specs = rapport::figures::load_specs(&content.join("2020")).unwrap();
    rapport::figures::compute(2020, &specs, &data).unwrap()
}

fn shown(fig: &rapport::figures::ComputedFigure) -> Vec<Vec<Option<f64>>> {
    fig.result
        .cells
        .iter()
        .map(|row| row.iter().map(|c| c.shown).collect())
        .collect()
}

#[test]
fn panel_carries_merged_units_and_reports_the_rest() {
    let computed = crosswalk_fixture();
    let fig = computed.figure("svar-panel").unwrap();
    // 2019 → 2020: 0301 stays; 1702 + 1703 (both Ja) become 5004 with Ja;
    // 1711 (Nei) + 1717 (Ja) → 5005 disagree: left out; 1613 was split and
    // 1234 is in neither register nor crosswalk: unmappable. 2020 units with
    // an answer in both years: 0301 (Nei in 2020) and 5004 (Ja): N = 2.
    assert_eq!(fig.result.n, 2);
    assert_eq!(fig.editions, vec![2019, 2020]);
    assert_eq!(
        shown(fig),
        vec![vec![Some(100.0), Some(50.0)], vec![Some(0.0), Some(50.0)]]
    );
    let warnings: Vec<String> = computed.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("2 units of 2019 cannot be carried to one unit of 2020"));
    assert!(warnings[0].contains(": 1234, 1613 "), "{}", warnings[0]);
    assert!(
        warnings[1].contains("merged unit 5005 left out of 2019"),
        "{}",
        warnings[1]
    );
}

#[test]
fn over_time_keeps_every_respondent_of_each_year() {
    let computed = crosswalk_fixture();
    let fig = computed.figure("svar-over-tid").unwrap();
    // 2019: 5 Ja of 7 = 71,4 → 71, Nei 29; 2020: 4 Ja of 6 = 66,7 → 67, Nei 33.
    assert_eq!(
        shown(fig),
        vec![vec![Some(71.0), Some(67.0)], vec![Some(29.0), Some(33.0)]]
    );
    assert_eq!(fig.result.n, 6);
    assert_eq!(
        fig.caption_note,
        "Integreringsansvarlige, alle som svarte hvert år. N: 7 (2019), 6 (2020)."
    );
}
