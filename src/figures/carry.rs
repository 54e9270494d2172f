//! Units of an earlier edition carried onto the home edition's units for
//! panels, through the home edition's crosswalk (`data/kommuneendringer.csv`);
//! see [`crate::data::crosswalk`] for the rules. Units that cannot be carried
//! and merged units whose predecessors disagree become warnings.

use std::collections::BTreeMap;

use super::source::Ctx;
use crate::data::crosswalk::{map_rows, Mapped};
use crate::data::{EditionData, Keys};

/// Carry `rows` (rows with a valid answer) of edition `year`, whose unit
/// numbers are `keys`, onto the home edition; `same` compares two rows'
/// answers. Returns the mapping and the warnings to report.
pub fn carry(
    ctx: &Ctx,
    editions: &BTreeMap<i32, EditionData>,
    year: i32,
    keys: &Keys,
    rows: &[usize],
    same: impl Fn(usize, usize) -> bool,
) -> (Mapped, Vec<String>) {
    let home = editions.get(&ctx.home);
    let crosswalk = home.and_then(EditionData::crosswalk);
    let register = home.and_then(EditionData::units);
    let in_register = |k: &str| register.is_some_and(|r| r.index_of(k).is_some());
    let known: Option<&dyn Fn(&str) -> bool> = match register {
        Some(_) if year != ctx.home => Some(&in_register),
        _ => None,
    };
    let mapped = map_rows(crosswalk, known, keys, rows, (year, ctx.home), same);
    let mut warnings = Vec::new();
    if !mapped.unmapped.is_empty() {
        warnings.push(format!(
            "{} unit{} of {year} cannot be carried to one unit of {} and {} left out of the panel: {} (split, or a number in neither the {} register nor the crosswalk {})",
            mapped.unmapped.len(),
            if mapped.unmapped.len() == 1 { "" } else { "s" },
            ctx.home,
            if mapped.unmapped.len() == 1 { "is" } else { "are" },
            list(&mapped.unmapped),
            ctx.home,
            crate::data::crosswalk::DEFAULT_FILE,
        ));
    }
    if !mapped.conflicts.is_empty() {
        warnings.push(format!(
            "merged unit{} {} left out of {year}: {} predecessors answered differently",
            if mapped.conflicts.len() == 1 { "" } else { "s" },
            list(&mapped.conflicts),
            if mapped.conflicts.len() == 1 {
                "its"
            } else {
                "their"
            },
        ));
    }
    (mapped, warnings)
}

fn list(keys: &[String]) -> String {
    let shown: Vec<&str> = keys.iter().take(20).map(String::as_str).collect();
    let more = keys.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
