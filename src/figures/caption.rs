//! The house-style caption note, as IMDi prints it:
//! `Flervalg. Integreringsansvarlige. N: 273.`; panels name the panel instead
//! of the respondent group: `Kommuner som har svart alle årene 2016–2018. N: 175.`

use crate::format::integer;

/// The text inside a caption's parentheses.
pub fn caption_note(dataset: Option<&str>, multi: bool, panel_years: &[i32], n: u64) -> String {
    let mut parts = Vec::new();
    if multi {
        parts.push("Flervalg.".to_string());
    }
    if let Some(name) = dataset.filter(|d| !d.is_empty() && panel_years.is_empty()) {
        parts.push(format!("{name}."));
    }
    if !panel_years.is_empty() {
        parts.push(format!(
            "Kommuner som har svart {}.",
            crate::stats::panel::years_text(panel_years)
        ));
    }
    parts.push(format!("N: {}.", integer(n as i64)));
    parts.join(" ")
}

/// The caption note of an `over_time` figure (every respondent each year):
/// `Integreringsansvarlige, alle som svarte hvert år. N: 250 (2016), 268 (2018).`
pub fn over_time_note(dataset: &str, multi: bool, years: &[i32], ns: &[u64]) -> String {
    let mut parts = Vec::new();
    if multi {
        parts.push("Flervalg.".to_string());
    }
    if dataset.is_empty() {
        parts.push("Alle som svarte hvert år.".to_string());
    } else {
        parts.push(format!("{dataset}, alle som svarte hvert år."));
    }
    let per_year: Vec<String> = years
        .iter()
        .zip(ns)
        .map(|(y, n)| format!("{} ({y})", integer(*n as i64)))
        .collect();
    parts.push(format!("N: {}.", per_year.join(", ")));
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_time_names_n_per_year() {
        assert_eq!(
            over_time_note("Integreringsansvarlige", true, &[2017, 2018], &[250, 12680]),
            "Flervalg. Integreringsansvarlige, alle som svarte hvert år. N: 250 (2017), 12\u{a0}680 (2018)."
        );
    }

    #[test]
    fn house_style() {
        assert_eq!(
            caption_note(Some("Integreringsansvarlige"), false, &[], 268),
            "Integreringsansvarlige. N: 268."
        );
        assert_eq!(
            caption_note(Some("Integreringsansvarlige"), true, &[], 273),
            "Flervalg. Integreringsansvarlige. N: 273."
        );
        assert_eq!(
            caption_note(
                Some("Integreringsansvarlige"),
                false,
                &[2016, 2017, 2018],
                175
            ),
            "Kommuner som har svart alle årene 2016–2018. N: 175."
        );
        assert_eq!(caption_note(None, false, &[], 12345), "N: 12\u{a0}345.");
    }
}
