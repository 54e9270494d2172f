//! `other_numbers`: the survey-derived numbers of the prose, each driven
//! through the shortcode a chapter would use (or, where no shortcode gives
//! it, computed from the `ComputedEdition`). Every one of the fact sheet's
//! statements is either checked here or listed in [`NOT_FROM_DATA`] with the
//! reason, so a changed fact sheet cannot slip past unnoticed.

use serde_json::Value;

use super::checks::Checks;
use super::env::Env;
use super::words;

/// How a statement's number is computed.
pub enum Probe {
    /// A shortcode call of 2018, read as a number.
    Sc(&'static str, &'static [(&'static str, &'static str)]),
    /// Of a multiple-choice question's respondents (dataset, variable), the
    /// percent that chose any option but the one labelled "Nei…", counted
    /// in the microdata.
    AnyBut(&'static str, &'static str),
    /// Anything else: the numbers (one, or one per part of the statement).
    Fn(fn(&Env) -> Result<Vec<f64>, String>),
}

use Probe::{AnyBut, Sc};

/// Statement (exactly as in the fact sheet) → how to compute it.
pub const CHECKED: &[(&str, Probe)] = &[
    // Sammendrag
    ("2016 was a peak year for the number of settlements", Sc("topp", &[("figur", "bakteppe"), ("serie", "Bosettinger")])),
    ("Settlement volume in 2018 was the lowest in ten years", Probe::Fn(lowest_settlement_run)),
    ("About 4 of 5 municipalities experienced challenges from the large swings in settlement need", Sc("andel", &[("figur", "svingninger"), ("svar", "Ja")])),
    ("Share of municipalities with a result target for the introduction programme, 2018", Sc("andel", &[("figur", "resultatmaal"), ("svar", "Ja")])),
    ("Share with a result target in earlier years ranged between 55 and 60 percent", Probe::Fn(result_target_range)),
    ("Only 4 percent do not facilitate ordinary education within the programme", Sc("andel", &[("figur", "utdanning"), ("svar", "Nei")])),
    ("A little more than a quarter coordinate timetables between Norwegian training and primary/upper secondary", Sc("andel", &[("figur", "utdanning"), ("svar", "Samkjøring")])),
    ("Over half cooperate with other municipalities on the introduction programme", Sc("andel", &[("figur", "interkommunalt"), ("svar", "Ja, kjøper|Ja, tilbyr|Ja, både")])),
    ("About two of three have evaluated the introduction programme in the last two years", AnyBut("ia", "evaluering")),
    ("Nine of ten have special measures for cooperation with local business", AnyBut("ia", "naeringsliv")),
    ("Over half use NAV's network with local business", Sc("andel", &[("figur", "naeringsliv"), ("svar", "Ja, benytter NAV")])),
    ("65 percent have no plans/measures for the immigrant share among municipal staff to mirror the population", Sc("andel", &[("figur", "mangfold"), ("svar", "Nei")])),
    ("About half have interpreter guidelines that include the national interpreter register", Sc("andel", &[("figur", "tolk"), ("svar", "Ja, retningslinjer der")])),
    ("77 percent rate IMDi's help with knowledge and experience sharing on qualification work as good", Sc("andel", &[("figur", "nytte"), ("rad", "nytte_deling"), ("svar", "God")])),
    ("Only 21 percent rate IMDi's help with developing services for a diverse population as good", Sc("andel", &[("figur", "nytte"), ("rad", "nytte_mangfold"), ("svar", "God")])),
    ("On ten of eleven areas, over half say IMDi help will be important in the next two years", Probe::Fn(important_areas)),
    // 1 Innledning
    ("IA survey: municipalities that responded, of 422", Sc("enheter", &[("datasett", "ia"), ("enhetstype", "kommune")])),
    ("Number of municipalities in Norway (2018)", Sc("enheter", &[("enhetstype", "kommune")])),
    ("IA survey: Oslo districts that responded, of 15", Sc("enheter", &[("datasett", "ia"), ("enhetstype", "bydel")])),
    ("Number of Oslo city districts", Sc("enheter", &[("enhetstype", "bydel")])),
    ("IA response rate", Sc("svarprosent", &[("datasett", "ia")])),
    ("RM survey: municipalities that responded", Sc("enheter", &[("datasett", "rm"), ("enhetstype", "kommune")])),
    ("RM survey: Oslo districts that responded", Sc("enheter", &[("datasett", "rm"), ("enhetstype", "bydel")])),
    ("RM response rate", Sc("svarprosent", &[("datasett", "rm")])),
    ("Two of three IA respondents hold some kind of leadership position", Sc("andel", &[("figur", "stilling"), ("svar", "Leder")])),
    ("IA respondents with another type of position (adviser, consultant, coordinator)", Sc("andel", &[("figur", "stilling"), ("svar", "Annen stilling")])),
    ("About four of five RM respondents are rådmann, assistant rådmann, kommunalsjef or in the rådmann's staff", Sc("andel", &[("figur", "rm-stilling"), ("svar", "Rådmann")])),
    ("Share of Norway's population living in IA-responding municipalities", Sc("dekning", &[("datasett", "ia"), ("attributt", "innbyggere")])),
    ("Share of all immigrants in Norway living in IA-responding municipalities", Sc("dekning", &[("datasett", "ia"), ("attributt", "innvandrere")])),
    ("Share of Norway's population living in RM-responding municipalities", Sc("dekning", &[("datasett", "rm"), ("attributt", "innbyggere")])),
    ("Share of all immigrants living in RM-responding municipalities", Sc("dekning", &[("datasett", "rm"), ("attributt", "innvandrere")])),
    ("Three of the four most populous municipalities did not answer the surveys", Probe::Fn(most_populous_silent)),
    ("No category in Table 1 differs by 10 percentage points or more between participants and all municipalities", Probe::Fn(largest_gap_below_threshold)),
    ("Largest difference, RM survey vs all municipalities", Sc("maksavvik", &[("tabell", "representativitet"), ("kolonne", "Besvart RM")])),
    ("Largest difference, IA survey vs all municipalities", Sc("maksavvik", &[("tabell", "representativitet"), ("kolonne", "Besvart IA")])),
    ("All IA-responding municipalities settled refugees in at least one year from 2013 onwards", Probe::Fn(ia_all_settled)),
    ("Only one RM-responding municipality had not settled refugees since 2013", Probe::Fn(rm_not_settled)),
    ("Table 1 compares municipalities on four characteristics (size, centrality, immigrant share, settlement experience)", Probe::Fn(table_blocks)),
    ("Historic peak year for asylum arrivals", Sc("topp", &[("figur", "bakteppe"), ("serie", "Asylsøknader")])),
    ("Peak year for settlements", Sc("topp", &[("figur", "bakteppe"), ("serie", "Bosettinger")])),
    ("Provisional peak year for introduction programme participants", Sc("topp", &[("figur", "bakteppe"), ("serie", "Deltakere i introduksjonsprogrammet per januar")])),
    ("Figure 1 covers the last decade, 2009-2019", Probe::Fn(register_years)),
    ("Settlement need fell from 2016 to 2018 while intro participant numbers rose in the same period", Probe::Fn(fell_while_rose)),
    // 2 Bosetting
    ("After the historic peak in 2016, the 2018 settlement volume was the lowest in ten years", Probe::Fn(lowest_settlement_run)),
    ("Share of rådmenn reporting challenges from fluctuating settlement need (2018)", Sc("andel", &[("figur", "svingninger"), ("svar", "Ja")])),
    ("Same share in the previous survey (2017)", Sc("andel", &[("figur", "svingninger"), ("svar", "Ja"), ("utgave", "2017")])),
    ("Municipalities answering the question on both occasions (panel)", Sc("n", &[("figur", "svingninger-panel")])),
    ("Panel share with challenges, previous survey", Sc("andel", &[("figur", "svingninger-panel"), ("svar", "Ja"), ("utgave", "2017")])),
    ("Panel share with challenges, 2018", Sc("andel", &[("figur", "svingninger-panel"), ("svar", "Ja"), ("utgave", "2018")])),
    ("Share naming staffing (bemanning) as a challenge", Sc("andel", &[("figur", "utfordringer"), ("svar", "Bemanning")])),
    ("Share naming planning (planlegging)", Sc("andel", &[("figur", "utfordringer"), ("svar", "Planlegging")])),
    ("Share naming economy (økonomi)", Sc("andel", &[("figur", "utfordringer"), ("svar", "Økonomi")])),
    // 3 Introduksjonsprogrammet
    ("Share with a result target for direct transition (2018)", Sc("andel", &[("figur", "resultatmaal"), ("svar", "Ja")])),
    ("Share with a result target in the 2015 survey", Sc("andel", &[("figur", "resultatmaal"), ("svar", "Ja"), ("utgave", "2015")])),
    ("Share with a result target in the 2016 survey", Sc("andel", &[("figur", "resultatmaal"), ("svar", "Ja"), ("utgave", "2016")])),
    ("Share with a result target in the 2017 survey", Sc("andel", &[("figur", "resultatmaal"), ("svar", "Ja"), ("utgave", "2017")])),
    ("Municipalities that answered every year 2015-2018 (panel)", Sc("n", &[("figur", "resultatmaal-panel")])),
    ("Panel share with a result target, 2015", Sc("andel", &[("figur", "resultatmaal-panel"), ("svar", "Ja"), ("utgave", "2015")])),
    ("Panel share with a result target, 2018", Sc("andel", &[("figur", "resultatmaal-panel"), ("svar", "Ja"), ("utgave", "2018")])),
    ("Municipalities that stated a target value", Sc("n", &[("figur", "resultatmaal-definisjon")])),
    ("Of these, municipalities whose target is defined other than directly after the programme (åtte)", Sc("antall", &[("figur", "resultatmaal-definisjon"), ("svar", "Annen definisjon")])),
    ("Municipalities whose target is that all participants (100 %) go directly to work or education", Sc("antall", &[("figur", "resultatmaal-nivaa"), ("svar", "100\u{a0}%")])),
    ("Most frequent target value", Probe::Fn(most_frequent_target)),
    ("Do not facilitate primary/upper secondary education", Sc("andel", &[("figur", "utdanning"), ("svar", "Nei")])),
    ("Shared administration of Norwegian training and primary school provider", Sc("andel", &[("figur", "utdanning"), ("svar", "Felles administrasjon")])),
    ("Coordinate timetables", Sc("andel", &[("figur", "utdanning"), ("svar", "Samkjøring")])),
    ("Formal agreement between municipality, county and adult education centre", Sc("andel", &[("figur", "utdanning"), ("svar", "Forankret avtale")])),
    ("Flexible teaching (e.g. evening classes)", Sc("andel", &[("figur", "utdanning"), ("svar", "Fleksibel")])),
    ("Respondents who wrote free text under 'annet'", Sc("tekstsvar", &[("datasett", "ia"), ("variabel", "utdanning_annet_tekst")])),
    ("Close to six of ten municipalities cooperate with other municipalities", Sc("andel", &[("figur", "interkommunalt"), ("svar", "Ja, kjøper|Ja, tilbyr|Ja, både")])),
    ("Do not cooperate with other municipalities", Sc("andel", &[("figur", "interkommunalt"), ("svar", "Nei")])),
    ("Buy services from other municipalities (in total)", Sc("andel", &[("figur", "interkommunalt"), ("svar", "Ja, kjøper|Ja, både")])),
    ("Offer services to other municipalities (in total)", Sc("andel", &[("figur", "interkommunalt"), ("svar", "Ja, tilbyr|Ja, både")])),
    ("Both buyers and providers", Sc("andel", &[("figur", "interkommunalt"), ("svar", "Ja, både")])),
    ("Figure 8 groups answers into six categories of population size", Probe::Fn(size_groups)),
    ("Respondents who described services they offer", Sc("tekstsvar", &[("datasett", "ia"), ("variabel", "tilbyr_tekst")])),
    ("Respondents who described services they buy", Sc("tekstsvar", &[("datasett", "ia"), ("variabel", "kjoper_tekst")])),
    ("No evaluation", Sc("andel", &[("figur", "evaluering"), ("svar", "Nei")])),
    ("About two of three report some kind of evaluation", AnyBut("ia", "evaluering")),
    ("Gather experience from participants", Sc("andel", &[("figur", "evaluering"), ("svar", "Evaluering blant deltakere")])),
    ("Gather experience from employees: a little under a fifth", Sc("andel", &[("figur", "evaluering"), ("svar", "Evaluering blant medarbeidere")])),
    ("Evaluation in meetings with municipal management, refugee service, adult education or NAV", Sc("andel", &[("figur", "evaluering"), ("svar", "Evaluering i forbindelse")])),
    // 4 Næringsliv
    ("No special measures for cooperation with local business", Sc("andel", &[("figur", "naeringsliv"), ("svar", "Nei")])),
    ("Nine of ten have some measure", AnyBut("ia", "naeringsliv")),
    ("Use NAV's network in local business", Sc("andel", &[("figur", "naeringsliv"), ("svar", "Ja, benytter NAV")])),
    ("Agreements with local employers on practice places", Sc("andel", &[("figur", "naeringsliv"), ("svar", "Ja, egne samarbeidsavtaler")])),
    ("Other cooperation agreements (e.g. Norwegian training, mentor programmes)", Sc("andel", &[("figur", "naeringsliv"), ("svar", "Ja, andre samarbeidsavtaler")])),
    ("Dedicated staff resource for cooperation with local business", Sc("andel", &[("figur", "naeringsliv"), ("svar", "Ja, egen stillingsressurs")])),
    ("Entrepreneurship training adapted to immigrants", Sc("andel", &[("figur", "naeringsliv"), ("svar", "Ja, etablereropplæring")])),
    ("Other measures", Sc("andel", &[("figur", "naeringsliv"), ("svar", "Ja, andre tiltak")])),
    ("Municipalities that described other measures in free text", Sc("tekstsvar", &[("datasett", "ia"), ("variabel", "naeringsliv_annet_tekst")])),
    ("The question was also asked in the two previous surveys (2016, 2017)", Probe::Fn(naeringsliv_earlier_surveys)),
    ("Panel: municipalities answering all three years 2016-2018", Sc("n", &[("figur", "naeringsliv-panel")])),
    ("Panel: no measures, 2016", Sc("andel", &[("figur", "naeringsliv-panel"), ("svar", "Nei"), ("utgave", "2016")])),
    ("Panel: no measures, 2017", Sc("andel", &[("figur", "naeringsliv-panel"), ("svar", "Nei"), ("utgave", "2017")])),
    ("Panel: no measures, 2018", Sc("andel", &[("figur", "naeringsliv-panel"), ("svar", "Nei"), ("utgave", "2018")])),
    ("Panel: dedicated staff resource, 2018", Sc("andel", &[("figur", "naeringsliv-panel"), ("svar", "Ja, egen stillingsressurs"), ("utgave", "2018")])),
    ("Panel: dedicated staff resource, 2017", Sc("andel", &[("figur", "naeringsliv-panel"), ("svar", "Ja, egen stillingsressurs"), ("utgave", "2017")])),
    ("Panel: dedicated staff resource, 2016", Sc("andel", &[("figur", "naeringsliv-panel"), ("svar", "Ja, egen stillingsressurs"), ("utgave", "2016")])),
    // 5 Arbeidsgiver
    ("No plans or measures for staff to mirror the immigrant share", Sc("andel", &[("figur", "mangfold"), ("svar", "Nei")])),
    ("Only about a third report such plans or measures", AnyBut("rm", "mangfold")),
    ("Practice places, mentor or trainee schemes", Sc("andel", &[("figur", "mangfold"), ("svar", "Ja, praksisplasser")])),
    ("Practise the interview scheme (intervjuordningen)", Sc("andel", &[("figur", "mangfold"), ("svar", "Ja, intervjuordning")])),
    ("Other adopted plans or measures", Sc("andel", &[("figur", "mangfold"), ("svar", "Ja, andre")])),
    ("Municipalities that wrote something in the 'other plans' field", Sc("tekstsvar", &[("datasett", "rm"), ("variabel", "mangfold_annet_tekst")])),
    ("Footnote 13: respondents to the follow-up on plans to introduce the interview scheme", Sc("n", &[("figur", "intervjuordning-planer")])),
    ("Footnote 13: share of these with such plans", Sc("andel", &[("figur", "intervjuordning-planer"), ("svar", "Ja")])),
    ("Footnote 14: respondents who chose the 'andre' option", Sc("antall", &[("figur", "mangfold"), ("svar", "Ja, andre")])),
    ("Question also asked in the 2016 survey", Probe::Fn(mangfold_first_year)),
    ("Panel (answered 2016 and 2018): no plans or measures in 2016", Sc("andel", &[("figur", "mangfold-panel"), ("svar", "Nei"), ("utgave", "2016")])),
    ("Panel: no plans or measures in 2018", Sc("andel", &[("figur", "mangfold-panel"), ("svar", "Nei"), ("utgave", "2018")])),
    ("Panel: practise interview scheme in 2016", Sc("andel", &[("figur", "mangfold-panel"), ("svar", "Ja, intervjuordning"), ("utgave", "2016")])),
    ("Panel: practise interview scheme in 2018", Sc("andel", &[("figur", "mangfold-panel"), ("svar", "Ja, intervjuordning"), ("utgave", "2018")])),
    ("Panel size (answered in both 2016 and 2018)", Sc("n", &[("figur", "mangfold-panel")])),
    // 6 Tolk
    ("A third answer option: guidelines without the register", Probe::Fn(tolk_options)),
    ("Guidelines that include the national interpreter register", Sc("andel", &[("figur", "tolk"), ("svar", "Ja, retningslinjer der")])),
    ("Guidelines without the register", Sc("andel", &[("figur", "tolk"), ("svar", "Ja, retningslinjer uten")])),
    ("No interpreter guidelines", Sc("andel", &[("figur", "tolk"), ("svar", "Nei")])),
    ("Guidelines including the register, 2015 survey", Sc("andel", &[("figur", "tolk"), ("svar", "Ja, retningslinjer der"), ("utgave", "2015")])),
    ("Guidelines including the register, 2016 survey", Sc("andel", &[("figur", "tolk"), ("svar", "Ja, retningslinjer der"), ("utgave", "2016")])),
    ("Guidelines including the register, 2017 survey", Sc("andel", &[("figur", "tolk"), ("svar", "Ja, retningslinjer der"), ("utgave", "2017")])),
    ("Panel: municipalities answering all years 2015-2018", Sc("n", &[("figur", "tolk-panel")])),
    ("Panel: guidelines including the register, 2015 and 2016", Probe::Fn(tolk_panel_2015_2016)),
    ("Panel: guidelines including the register, 2017", Sc("andel", &[("figur", "tolk-panel"), ("svar", "Ja, retningslinjer der"), ("utgave", "2017")])),
    ("Panel: guidelines including the register, 2018", Sc("andel", &[("figur", "tolk-panel"), ("svar", "Ja, retningslinjer der"), ("utgave", "2018")])),
    // 7 IMDi
    ("Mean rating of IMDi's help, 2018", Sc("snitt", &[("figur", "nytte")])),
    ("Mean rating in the previous survey", Sc("snitt", &[("figur", "nytte"), ("utgave", "2017")])),
    ("Rate help with sharing knowledge/experience from other municipalities as good", Sc("andel", &[("figur", "nytte"), ("rad", "nytte_deling"), ("svar", "God")])),
    ("Rate help with training on negative social control, forced marriage and FGM as good (new area)", Sc("andel", &[("figur", "nytte"), ("rad", "nytte_nsk"), ("svar", "God")])),
    ("Areas where fewer than half rate the help as good (syv)", Sc("rader", &[("figur", "nytte"), ("svar", "God"), ("under", "50")])),
    ("At most this share rates the help as poor in any area", Probe::Fn(max_poor)),
    ("Rate help with developing services for a diverse population as good (lowest)", Probe::Fn(lowest_good)),
    ("Panel of municipalities answering on all three occasions 2016-2018", Sc("n", &[("figur", "nytte-panel")])),
    ("Rate help with sharing knowledge/experience as important for the next two years", Sc("andel", &[("figur", "viktighet"), ("rad", "viktig_deling"), ("svar", "Viktig")])),
    ("Rate help with facilitating knowledge spread and experience exchange between municipalities as important", Sc("andel", &[("figur", "viktighet"), ("rad", "viktig_erfaring"), ("svar", "Viktig")])),
    ("Rate help with training on negative social control, forced marriage and FGM as important", Sc("andel", &[("figur", "viktighet"), ("rad", "viktig_nsk"), ("svar", "Viktig")])),
    ("On ten of eleven areas more than half rate help as important", Probe::Fn(important_areas)),
    ("Rate advice on the use and ordering of interpreters as important (lowest)", Probe::Fn(lowest_important)),
    ("Panel for Figure 19 (all years 2016-2018)", Sc("n", &[("figur", "viktighet-panel")])),
    ("Integration leads who wrote in the open 'services needed' field", Sc("tekstsvar", &[("datasett", "ia"), ("variabel", "tjenester_tekst")])),
    ("Rådmenn who wrote in the open 'services needed' field", Sc("tekstsvar", &[("datasett", "rm"), ("variabel", "tjenester_tekst")])),
];

/// Statements the survey data cannot give, with the reason.
pub const NOT_FROM_DATA: &[(&str, &str)] = &[
    ("Two completed questionnaires collected per municipality/district (two-part survey)", "survey design"),
    ("Data collection started", "survey period (metadata in utgave.toml)"),
    ("Data collection ended", "survey period (metadata in utgave.toml)"),
    ("Swings are as much a challenge at the turn of 2018/2019 as one year earlier", "wording, no number"),
    ("Government target: at least 70 percent of former participants in work or education (upper secondary or higher) one year after the programme", "national target, not survey data"),
    ("Latest national measurement: share of 2016 programme leavers in work or education the year after", "national statistics, not survey data"),
    ("National measurement of direct transition to work/education, 2017", "national statistics, not survey data"),
    ("Preliminary: at least 52 percent went directly to work or education in 2018", "national statistics, not survey data"),
    ("NIR preliminary 2018: share of intro participants in primary education (grunnskoleopplæring)", "register statistics (NIR), not survey data"),
    ("NIR preliminary 2018: share of intro participants taking upper secondary subjects", "register statistics (NIR), not survey data"),
    ("About a third of these mention cooperation with neighbouring municipalities", "theme coding of free text, not in the data"),
    ("Three service categories (Norwegian training, primary education, social studies) are each named in a third or more of cases", "theme coding of free text, not in the data"),
    ("Evaluation of the programme during the last two years", "question wording"),
    ("In earlier surveys the agreements option was not split into two options", "codebook history (the merge in figurer.toml), not a computed number"),
    ("Interview scheme: invite at least one qualified applicant with immigrant background", "definition of the scheme"),
    ("In 2019 the government sent a proposal for a new interpreter act (tolkelov) out for consultation", "policy context"),
    ("Integration leads answered two sets of questions about IMDi (usefulness now, importance over the next two years)", "survey design"),
    ("Rating scale from 1 'svært dårlig' to 5 'svært god', midpoint 3 'verken/eller', plus 'ikke relevant'", "codebook scale, not a computed number"),
    ("Close to half of all answers concern qualification", "theme coding of free text, not in the data"),
    ("Some municipalities cease or are merged from 2020", "policy context"),
    ("2019 figures in Figure 1 are forecasts/preliminary (fn 4)", "a note on the register series"),
];

/// Checks every statement; returns (checked, skipped) statement counts.
pub fn check(c: &mut Checks, env: &Env) -> (usize, usize) {
    let entries = env.fact["other_numbers"].as_array().expect("other_numbers");
    let (mut checked, mut skipped) = (0, 0);
    for entry in entries {
        let statement = entry["statement"].as_str().unwrap_or_default();
        let what = format!("other_numbers «{statement}»");
        if let Some((_, probe)) = CHECKED.iter().find(|(s, _)| *s == statement) {
            checked += 1;
            compare(c, env, &what, entry, probe);
        } else if NOT_FROM_DATA.iter().any(|(s, _)| *s == statement) {
            skipped += 1;
        } else {
            c.fail(&what, "neither checked nor listed as not from the data");
        }
    }
    for (s, _) in CHECKED {
        if !entries.iter().any(|e| e["statement"] == *s) {
            c.fail(format!("other_numbers «{s}»"), "not in the fact sheet");
        }
    }
    (checked, skipped)
}

fn run(env: &Env, probe: &Probe) -> Result<Vec<f64>, String> {
    match probe {
        Probe::Sc(name, args) => env.shortcode_number(name, args).map(|x| vec![x]),
        Probe::AnyBut(dataset, variable) => any_but_nei(env, dataset, variable).map(|x| vec![x]),
        Probe::Fn(f) => f(env),
    }
}

fn compare(c: &mut Checks, env: &Env, what: &str, entry: &Value, probe: &Probe) {
    let computed = match run(env, probe) {
        Ok(v) => v,
        Err(e) => return c.fail(what, e),
    };
    let value = &entry["value"];
    match value {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            for v in &computed {
                c.number(what, x, Some(*v));
            }
        }
        Value::Array(items) => {
            let xs: Vec<f64> = items.iter().filter_map(Value::as_f64).collect();
            c.holds(
                what,
                xs == computed,
                format!("fact sheet {xs:?}, computed {computed:?}"),
            );
        }
        Value::String(s) => {
            // "10 av 11", "3 av 4": counts, compared as [10, 11].
            let counts: Option<Vec<f64>> = s
                .split_once(" av ")
                .and_then(|(a, b)| Some(vec![a.parse().ok()?, b.parse().ok()?]));
            match counts {
                Some(xs) if computed.len() == 2 => c.holds(
                    what,
                    xs == computed,
                    format!("fact sheet «{s}», computed {computed:?}"),
                ),
                _ => {
                    let p = computed.first().copied().unwrap_or(f64::NAN);
                    let check = words::check(s, p);
                    c.holds(what, check.is_ok(), check.err().unwrap_or_default());
                }
            }
        }
        other => c.fail(what, format!("unexpected value {other}")),
    }
    if let Some(exact) = entry["exact_value"].as_f64() {
        c.number(
            format!("{what} (exact value)"),
            exact,
            computed.first().copied(),
        );
    }
}

// ---- numbers no single shortcode gives ----

/// Percent of a multiple-choice question's respondents (at least one option
/// ticked) who ticked an option other than "Nei…", rounded half away from 0.
fn any_but_nei(env: &Env, dataset: &str, variable: &str) -> Result<f64, String> {
    use rapport::data::Column;
    let data = env.computed.edition_data(2018).ok_or("no 2018 data")?;
    let ds = data
        .dataset(dataset)
        .ok_or_else(|| format!("no dataset {dataset}"))?;
    let var = data
        .codebook()
        .variables
        .get(variable)
        .ok_or_else(|| format!("no variable {variable}"))?;
    let mut columns = Vec::new();
    for option in &var.options {
        match ds.column(&option.column) {
            Some(Column::Flags(flags)) => columns.push((option.label.starts_with("Nei"), flags)),
            _ => return Err(format!("{variable}: no option column {}", option.column)),
        }
    }
    let (mut answered, mut some) = (0u64, 0u64);
    for row in 0..ds.len() {
        let ticked = |nei: bool| {
            columns
                .iter()
                .any(|(n, f)| *n == nei && f[row] == Some(true))
        };
        if ticked(true) || ticked(false) {
            answered += 1;
        }
        if ticked(false) {
            some += 1;
        }
    }
    if answered == 0 {
        return Err(format!("nobody answered {variable}"));
    }
    Ok(rapport::format::round_half_away(
        some as f64 * 100.0 / answered as f64,
        0,
    ))
}

fn series_values(env: &Env, series: &str) -> Result<Vec<(i32, f64)>, String> {
    let f = env.figure("bakteppe");
    let s = f
        .result
        .series_index(series)
        .ok_or_else(|| format!("bakteppe has no series {series}"))?;
    Ok(f.result
        .rows
        .iter()
        .zip(&f.result.cells)
        .filter_map(|(year, row)| Some((year.parse().ok()?, row[s].value?)))
        .collect())
}

/// How many years, counting back from 2018, 2018's settlements are the lowest of.
fn lowest_settlement_run(env: &Env) -> Result<Vec<f64>, String> {
    let values = series_values(env, "Bosettinger")?;
    let v2018 = values
        .iter()
        .find(|(y, _)| *y == 2018)
        .map(|(_, v)| *v)
        .ok_or("no 2018 settlements")?;
    let mut run = 0;
    for (_, v) in values.iter().rev().filter(|(y, _)| *y <= 2018) {
        if *v < v2018 {
            break;
        }
        run += 1;
    }
    Ok(vec![run as f64])
}

/// [lowest, highest] share with a result target in 2015–2017 (all respondents).
fn result_target_range(env: &Env) -> Result<Vec<f64>, String> {
    let mut shares = Vec::new();
    for y in 2015..=2017 {
        let f = env.figure_in("resultatmaal", y)?;
        let r = f.result.row_index("Ja").ok_or("no Ja")?;
        shares.push(f.result.cells[r][0].shown.ok_or("no value")?);
    }
    let lo = shares.iter().copied().fold(f64::MAX, f64::min);
    let hi = shares.iter().copied().fold(f64::MIN, f64::max);
    Ok(vec![lo, hi])
}

/// [areas with more than half Viktig, all areas].
fn important_areas(env: &Env) -> Result<Vec<f64>, String> {
    let over = env.shortcode_number(
        "rader",
        &[("figur", "viktighet"), ("svar", "Viktig"), ("over", "50")],
    )?;
    let all = env.shortcode_number("rader", &[("figur", "viktighet")])?;
    Ok(vec![over, all])
}

/// [of the four most populous municipalities, how many answered neither survey, 4].
fn most_populous_silent(env: &Env) -> Result<Vec<f64>, String> {
    let data = env.computed.edition_data(2018).ok_or("no 2018 data")?;
    let units = data.units().ok_or("no unit register")?;
    let people = units.attribute("innbyggere").ok_or("no innbyggere")?;
    let mut kommuner: Vec<(f64, &String)> = (0..units.len())
        .filter(|&i| units.unit_type(i) == "kommune")
        .filter_map(|i| Some((people.value[i]?, &units.keys()[i])))
        .collect();
    kommuner.sort_by(|a, b| b.0.total_cmp(&a.0));
    let answered = |key: &String| {
        ["ia", "rm"]
            .iter()
            .any(|d| data.dataset(d).is_some_and(|ds| ds.row_of(key).is_some()))
    };
    let silent = kommuner
        .iter()
        .take(4)
        .filter(|(_, k)| !answered(k))
        .count();
    Ok(vec![silent as f64, 4.0])
}

/// The threshold "no category differs by 10 points or more" holds: gives 10
/// when both largest gaps are below it.
fn largest_gap_below_threshold(env: &Env) -> Result<Vec<f64>, String> {
    let mut worst: f64 = 0.0;
    for col in ["Besvart IA", "Besvart RM"] {
        let gap = env.shortcode_number(
            "maksavvik",
            &[("tabell", "representativitet"), ("kolonne", col)],
        )?;
        worst = worst.max(gap);
    }
    if worst < 10.0 {
        Ok(vec![10.0])
    } else {
        Err(format!(
            "the largest difference is {worst} points, not below 10"
        ))
    }
}

fn settlement_count(env: &Env, column: &str) -> Result<u64, String> {
    let t = env.computed.table("representativitet").ok_or("no table")?;
    let block = t
        .blocks
        .iter()
        .find(|b| b.attribute == "bosettingsaar")
        .ok_or("no bosettingsaar block")?;
    let r = block.result.row_index("0").ok_or("no row 0")?;
    let s = block.result.series_index(column).ok_or("no column")?;
    block.result.cells[r][s]
        .count
        .ok_or_else(|| "no count".into())
}

/// Gives 2013 (the statement's value) when no IA municipality has 0 years
/// of settlement since 2013.
fn ia_all_settled(env: &Env) -> Result<Vec<f64>, String> {
    match settlement_count(env, "Besvart IA")? {
        0 => Ok(vec![2013.0]),
        n => Err(format!(
            "{n} IA municipalities have 0 years of settlement since 2013"
        )),
    }
}

fn rm_not_settled(env: &Env) -> Result<Vec<f64>, String> {
    Ok(vec![settlement_count(env, "Besvart RM")? as f64])
}

fn table_blocks(env: &Env) -> Result<Vec<f64>, String> {
    let t = env.computed.table("representativitet").ok_or("no table")?;
    Ok(vec![t.blocks.len() as f64])
}

fn register_years(env: &Env) -> Result<Vec<f64>, String> {
    let years = series_values(env, "Bosettinger")?;
    let first = years.first().ok_or("no years")?.0;
    let last = years.last().ok_or("no years")?.0;
    Ok(vec![first as f64, last as f64])
}

/// [2016, 2018] when settlements fell and participants rose between them.
fn fell_while_rose(env: &Env) -> Result<Vec<f64>, String> {
    let at = |series: &str, year: i32| -> Result<f64, String> {
        series_values(env, series)?
            .into_iter()
            .find(|(y, _)| *y == year)
            .map(|(_, v)| v)
            .ok_or_else(|| format!("no {series} {year}"))
    };
    let fell = at("Bosettinger", 2018)? < at("Bosettinger", 2016)?;
    let participants = "Deltakere i introduksjonsprogrammet per januar";
    let rose = at(participants, 2018)? > at(participants, 2016)?;
    if fell && rose {
        Ok(vec![2016.0, 2018.0])
    } else {
        Err(format!(
            "settlements fell: {fell}, participants rose: {rose}"
        ))
    }
}

/// The target percent of the histogram's largest bin.
fn most_frequent_target(env: &Env) -> Result<Vec<f64>, String> {
    let f = env.figure("resultatmaal-nivaa");
    let (label, _) = f
        .result
        .rows
        .iter()
        .zip(&f.result.cells)
        .max_by_key(|(_, row)| row[0].count.unwrap_or(0))
        .ok_or("no bins")?;
    rapport::format::parse_number(label.trim_end_matches('%').trim())
        .map(|x| vec![x])
        .ok_or_else(|| format!("bin «{label}»"))
}

fn size_groups(env: &Env) -> Result<Vec<f64>, String> {
    Ok(vec![
        env.figure("interkommunalt-storrelse").result.rows.len() as f64,
    ])
}

fn naeringsliv_earlier_surveys(env: &Env) -> Result<Vec<f64>, String> {
    let f = env.figure("naeringsliv-panel");
    Ok(vec![f.editions.iter().filter(|&&y| y < 2018).count() as f64])
}

fn mangfold_first_year(env: &Env) -> Result<Vec<f64>, String> {
    let f = env.figure("mangfold-panel");
    f.editions
        .first()
        .map(|&y| vec![y as f64])
        .ok_or_else(|| "no editions".into())
}

fn tolk_options(env: &Env) -> Result<Vec<f64>, String> {
    Ok(vec![env.figure("tolk").result.rows.len() as f64])
}

fn tolk_panel_2015_2016(env: &Env) -> Result<Vec<f64>, String> {
    let mut out = Vec::new();
    for year in ["2015", "2016"] {
        out.push(env.shortcode_number(
            "andel",
            &[
                ("figur", "tolk-panel"),
                ("svar", "Ja, retningslinjer der"),
                ("utgave", year),
            ],
        )?);
    }
    Ok(out)
}

/// The largest "Dårlig" share over the areas of Figure 16.
fn max_poor(env: &Env) -> Result<Vec<f64>, String> {
    extreme(env, "nytte", "Dårlig", f64::max)
}

fn extreme(
    env: &Env,
    id: &str,
    group: &str,
    pick: fn(f64, f64) -> f64,
) -> Result<Vec<f64>, String> {
    let f = env.figure(id);
    let s = f
        .result
        .series_index(group)
        .ok_or_else(|| format!("{id} has no {group}"))?;
    f.result
        .cells
        .iter()
        .filter_map(|row| row[s].shown)
        .reduce(pick)
        .map(|x| vec![x])
        .ok_or_else(|| "no values".into())
}

/// The lowest "God" share, and that it is the diverse-population area's.
fn lowest_good(env: &Env) -> Result<Vec<f64>, String> {
    lowest_is(env, "nytte", "God", "nytte_mangfold")
}

fn lowest_important(env: &Env) -> Result<Vec<f64>, String> {
    lowest_is(env, "viktighet", "Viktig", "viktig_tolk")
}

fn lowest_is(env: &Env, id: &str, group: &str, item: &str) -> Result<Vec<f64>, String> {
    let lowest = extreme(env, id, group, f64::min)?;
    let own = env.shortcode_number("andel", &[("figur", id), ("rad", item), ("svar", group)])?;
    if Some(&own) != lowest.first() {
        return Err(format!("{item} has {own}, the lowest is {lowest:?}"));
    }
    let f = env.figure(id);
    let s = f.result.series_index(group).ok_or("no group")?;
    let ties = f
        .result
        .cells
        .iter()
        .filter(|row| row[s].shown == Some(own))
        .count();
    if ties > 1 {
        return Err(format!("{ties} areas share the lowest {group} share {own}"));
    }
    Ok(lowest)
}
