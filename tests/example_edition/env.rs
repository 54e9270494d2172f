//! The example edition computed and built once for every test, the fact
//! sheet, and the few hand-made mappings from the fact sheet's numbering and
//! labels to the example's ids and labels.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rapport::content::Project;
use rapport::figures::{compute, load_specs, ComputedEdition, ComputedFigure};
use rapport::shortcodes::{find, Args, Context, Output, Value as Arg};
use rapport::{build, BuildOptions};
use serde_json::Value;

/// Published figure number → figure id (`/work/wt/briefs/ids.md`).
pub const FIGURE_IDS: [&str; 19] = [
    "bakteppe",
    "svingninger",
    "utfordringer",
    "resultatmaal",
    "resultatmaal-nivaa",
    "utdanning",
    "interkommunalt",
    "interkommunalt-storrelse",
    "evaluering",
    "naeringsliv",
    "naeringsliv-panel",
    "mangfold",
    "mangfold-panel",
    "tolk",
    "tolk-panel",
    "nytte",
    "nytte-panel",
    "viktighet",
    "viktighet-panel",
];

/// Table 1's id.
pub const TABLE_ID: &str = "representativitet";

/// Figure number → the unpublished panel figure behind its `prose_panel`.
pub const PROSE_PANELS: [(u64, &str); 2] = [(2, "svingninger-panel"), (4, "resultatmaal-panel")];

/// Fact sheet labels that the example writes differently (dash, decimal
/// comma, the merged option of Figure 11).
const LABELS: [(&str, &str); 8] = [
    ("2 000-4 999", "2 000–4 999"),
    ("5 000-9 999", "5 000–9 999"),
    ("10 000-19 999", "10 000–19 999"),
    ("20 000-49 999", "20 000–49 999"),
    ("5-9.9 prosent", "5–9,9 prosent"),
    ("10-14.9 prosent", "10–14,9 prosent"),
    (
        "Ja, egne samarbeidsavtaler mellom kommunen og lokale arbeidsgivere (both 2018 options merged)",
        "Ja, samarbeidsavtaler med lokale arbeidsgivere",
    ),
    // Figure 17's title: the panel's description is in the caption note.
    (
        "Sett fra ditt ståsted, hvordan vurderer du nytten av IMDis bistand på følgende områder? Andel som vurderer bistanden som god eller svært god av alle kommuner som har besvart undersøkelsen alle årene 2016-2018",
        "Sett fra ditt ståsted, hvordan vurderer du nytten av IMDis bistand på følgende områder? Andel som vurderer bistanden som god eller svært god.",
    ),
];

/// The example's label for a fact sheet label.
pub fn our_label(fact: &str) -> &str {
    LABELS
        .iter()
        .find(|(f, _)| *f == fact)
        .map(|(_, ours)| *ours)
        .unwrap_or(fact)
}

/// The example's figure title for a fact sheet title: a hyphen between
/// digits (`2009-2019`) is an en dash in the example (`2009–2019`).
pub fn our_title(fact: &str) -> String {
    let fact = our_label(fact);
    let chars: Vec<char> = fact.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &ch)| {
            let digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            if ch == '-' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                '–'
            } else {
                ch
            }
        })
        .collect()
}

/// The figure id of a published figure number (1-based).
pub fn figure_id(number: u64) -> &'static str {
    FIGURE_IDS[(number - 1) as usize]
}

/// Everything the tests read.
pub struct Env {
    pub fact: Value,
    pub computed: ComputedEdition,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load() -> Env {
    let root = root();
    let text = std::fs::read_to_string(root.join("tests/fixtures/kommuneundersokelsen-2018.json"))
        .expect("read the fact sheet fixture");
    let fact: Value = serde_json::from_str(&text).expect("parse the fact sheet fixture");
    let project = Project::load(&root.join("content")).unwrap_or_else(|e| panic!("{e}"));
    let mut data = BTreeMap::new();
    for e in &project.editions {
        let d = rapport::data::load_edition(&e.dir, e.year, &e.meta.data_sources())
            .unwrap_or_else(|e| panic!("{e}"));
        data.insert(e.year, d);
    }
    let edition = project
        .editions
        .iter()
        .find(|e| e.year == 2018)
        .expect("content/2018 exists");
    let specs = load_specs(&edition.dir).unwrap_or_else(|e| panic!("{e}"));
    let computed = compute(2018, &specs, &data).unwrap_or_else(|e| panic!("{e}"));
    Env { fact, computed }
}

/// The fact sheet and the computed 2018 edition, loaded once.
pub fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(load)
}

/// The whole site built in memory once (charts cached under the target dir).
pub fn site() -> &'static BTreeMap<String, Vec<u8>> {
    static SITE: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    SITE.get_or_init(|| {
        let mut options = BuildOptions::new(&root());
        options.chart_cache =
            Some(Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-edition-charts"));
        build(&options).unwrap_or_else(|e| panic!("{e}")).files
    })
}

/// A built file as text.
pub fn page(path: &str) -> String {
    let bytes = site()
        .get(path)
        .unwrap_or_else(|| panic!("the built site has no {path}"));
    String::from_utf8_lossy(bytes).into_owned()
}

impl Env {
    /// A figure of 2018 (panics with the id when missing: every check needs it).
    pub fn figure(&self, id: &str) -> &ComputedFigure {
        self.computed
            .figure(id)
            .unwrap_or_else(|| panic!("figure `{id}` is not computed"))
    }

    /// A figure recomputed on edition `year`.
    pub fn figure_in(&self, id: &str, year: i32) -> Result<Arc<ComputedFigure>, String> {
        self.computed
            .figure_in(id, year)
            .map_err(|e| format!("figure `{id}` on {year}: {e}"))
    }

    /// Runs a shortcode the way a chapter of 2018 does and returns its text.
    /// Values that parse as integers are passed as numbers.
    pub fn shortcode(&self, name: &str, pairs: &[(&str, &str)]) -> Result<String, String> {
        let call = format!("{name}{pairs:?}");
        let sc = find(name).ok_or_else(|| format!("no shortcode `{name}`"))?;
        let pairs = pairs
            .iter()
            .map(|(k, v)| {
                let value = match v.parse::<i64>() {
                    Ok(i) => Arg::Int(i),
                    Err(_) => Arg::Str(v.to_string()),
                };
                (k.to_string(), value)
            })
            .collect();
        let args = Args::new(sc.name(), pairs);
        args.check_keys(sc.keys())
            .map_err(|e| format!("{call}: {e}"))?;
        match sc.render(&args, &Context::new(&self.computed, 2018)) {
            Ok(Output::Text(t)) => Ok(t),
            Ok(other) => Err(format!("{call}: not text: {other:?}")),
            Err(e) => Err(format!("{call}: {e}")),
        }
    }

    /// A shortcode's text read as a number (`3,6` → 3.6).
    pub fn shortcode_number(&self, name: &str, pairs: &[(&str, &str)]) -> Result<f64, String> {
        let text = self.shortcode(name, pairs)?;
        rapport::format::parse_number(&text)
            .ok_or_else(|| format!("{name}{pairs:?} gave `{text}`, not a number"))
    }
}
