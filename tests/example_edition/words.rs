//! Shares stated in words ("to av tre", "nær seks av ti", "litt under en
//! femtedel", "over halvparten") checked against a computed percent.
//!
//! Rule: the computed percent's nearest simple fraction (as
//! `rapport::format::share_in_words` picks it: halves, thirds, quarters,
//! fifths, tenths) must be the stated fraction; "nær" and "litt under" also
//! need the percent below it, "litt mer enn" above it; "over" only needs the
//! percent above the fraction.

/// How the words relate the share to the fraction.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relation {
    About,
    JustBelow,
    JustAbove,
    Over,
}

const NUMBERS: [&str; 11] = [
    "null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti",
];

fn number(word: &str) -> Option<f64> {
    word.parse::<f64>()
        .ok()
        .or_else(|| NUMBERS.iter().position(|w| *w == word).map(|i| i as f64))
}

/// A fraction written as words: `to av tre`, `4 av 5`, `halvparten`,
/// `en tredjedel`.
pub fn fraction(words: &str) -> Option<f64> {
    match words {
        "halvparten" => return Some(0.5),
        "en tredjedel" => return Some(1.0 / 3.0),
        "en fjerdedel" => return Some(0.25),
        "en femtedel" => return Some(0.2),
        _ => {}
    }
    let (num, den) = words.split_once(" av ")?;
    Some(number(num)? / number(den)?)
}

fn parse(text: &str) -> Option<(Relation, f64)> {
    let text = text.trim().to_lowercase();
    for (prefix, relation) in [
        ("nær ", Relation::JustBelow),
        ("litt under ", Relation::JustBelow),
        ("litt mer enn ", Relation::JustAbove),
        ("omtrent ", Relation::About),
        ("om lag ", Relation::About),
        ("over ", Relation::Over),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return Some((relation, fraction(rest)?));
        }
    }
    Some((Relation::About, fraction(&text)?))
}

/// Whether `percent` fits the verbal share `text`; `Err` explains why not.
pub fn check(text: &str, percent: f64) -> Result<(), String> {
    let (relation, f) = parse(text).ok_or_else(|| format!("cannot read «{text}» as a share"))?;
    let words = rapport::format::share_in_words(percent);
    let nearest = fraction(&words).ok_or_else(|| format!("cannot read «{words}»"))?;
    let same = (nearest - f).abs() < 1e-9;
    let target = f * 100.0;
    let ok = match relation {
        Relation::About => same,
        Relation::JustBelow => same && percent < target,
        Relation::JustAbove => same && percent > target,
        Relation::Over => percent > target,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "fact sheet «{text}», computed {percent} % (nearest fraction «{words}»)"
        ))
    }
}

#[test]
fn reads_the_fact_sheets_words() {
    assert!(check("to av tre", 64.0).is_ok());
    assert!(check("Omtrent 4 av 5", 79.0).is_ok());
    assert!(check("nær seks av ti", 58.0).is_ok());
    assert!(check("nær seks av ti", 61.0).is_err());
    assert!(check("litt under en femtedel", 18.0).is_ok());
    assert!(check("litt under en femtedel", 21.0).is_err());
    assert!(check("litt mer enn en fjerdedel", 27.0).is_ok());
    assert!(check("over halvparten", 56.0).is_ok());
    assert!(check("over halvparten", 50.0).is_err());
    assert!(check("om lag en tredjedel", 35.0).is_ok());
    assert!(check("ni av ti", 90.0).is_ok());
    assert!(check("ni av ti", 75.0).is_err());
}
