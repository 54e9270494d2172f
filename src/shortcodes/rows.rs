//! `rader`, `verdi`, `maksavvik` and `topp`: values across rows of a figure
//! or table.

use super::lookup::{
    figure_in, help_for, home_series, label_index, percent, resolve_labels, table, table_blocks,
    year_arg, Pick,
};
use super::{Args, Context, Output, Shortcode, ShortcodeError};
use crate::figures::Shape;
use crate::format::{integer, number};

/// `{{ rader(figur="viktig", svar="Viktig", over=50) }}` → rows above 50.
pub struct Rader;

impl Shortcode for Rader {
    fn name(&self) -> &'static str {
        "rader"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["figur", "svar", "over", "under", "utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let (fig, series) = figure_in(args, ctx, year_arg(args, "utgave", ctx)?)?;
        let r = &fig.result;
        // The series to read per row.
        let cols: Vec<usize> = match fig.shape {
            Shape::Battery | Shape::Breakdown => match args.str("svar")? {
                Some(s) => resolve_labels("answer", &s, &r.series, &fig.answer_groups)?,
                None if r.series.len() == 1 => vec![0],
                None if args.get("over").is_none() && args.get("under").is_none() => vec![0],
                None => {
                    return Err(ShortcodeError::MissingKey {
                        shortcode: "rader",
                        key: "svar",
                    })
                }
            },
            Shape::BatteryPanel | Shape::Panel | Shape::Plain | Shape::Histogram => {
                vec![series.unwrap_or_else(|| home_series(&fig))]
            }
            Shape::TimeSeries => {
                return Err(ShortcodeError::invalid(format!(
                    "figure `{}` is a register series",
                    fig.id
                )))
            }
        };
        let over = args.float("over")?;
        let under = args.float("under")?;
        let mut count = 0;
        for row in 0..r.rows.len() {
            let pick = Pick {
                groups: vec![cols.iter().map(|&c| (row, c)).collect()],
            };
            let Ok(v) = percent(&fig, &pick) else {
                continue;
            };
            if over.is_none_or(|o| v > o) && under.is_none_or(|u| v < u) {
                count += 1;
            }
        }
        Ok(Output::Text(integer(count)))
    }
}

/// `{{ verdi(tabell="representativitet", rad="Under 2 000", kolonne="Alle kommuner") }}`.
pub struct Verdi;

impl Shortcode for Verdi {
    fn name(&self) -> &'static str {
        "verdi"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["tabell", "rad", "kolonne", "blokk"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let t = table(args, ctx)?;
        let rad = args.required_str("rad")?;
        let kolonne = args.required_str("kolonne")?;
        let col = label_index("column", &kolonne, &t.columns)?;
        let blocks = table_blocks(t, args.str("blokk")?.as_deref())?;
        let found: Vec<_> = blocks
            .iter()
            .filter_map(|b| b.rows.iter().position(|r| r == &rad).map(|i| (b, i)))
            .collect();
        let (block, row) = match found.as_slice() {
            [one] => *one,
            [] => {
                let all: Vec<&str> = blocks
                    .iter()
                    .flat_map(|b| b.rows.iter().map(String::as_str))
                    .collect();
                return Err(ShortcodeError::invalid_with_help(
                    format!("table `{}` has no row `{rad}`", t.id),
                    help_for(&rad, all.iter().copied()),
                ));
            }
            _ => {
                return Err(ShortcodeError::invalid_with_help(
                    format!("row `{rad}` is in several blocks of table `{}`", t.id),
                    "add `blokk=\"<heading>\"`",
                ))
            }
        };
        let v = block
            .cell(row, col)
            .and_then(|c| c.shown)
            .ok_or_else(|| ShortcodeError::invalid("no answers in that column"))?;
        Ok(Output::Text(number(v, 0)))
    }
}

/// `{{ maksavvik(tabell="representativitet", kolonne="Besvart RM") }}`.
pub struct Maksavvik;

impl Shortcode for Maksavvik {
    fn name(&self) -> &'static str {
        "maksavvik"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["tabell", "kolonne", "blokk"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let t = table(args, ctx)?;
        let col = label_index("column", &args.required_str("kolonne")?, &t.columns)?;
        let mut max: Option<f64> = None;
        for block in table_blocks(t, args.str("blokk")?.as_deref())? {
            for row in 0..block.rows.len() {
                let a = block.cell(row, 0).and_then(|c| c.shown);
                let b = block.cell(row, col).and_then(|c| c.shown);
                if let (Some(a), Some(b)) = (a, b) {
                    let d = (b - a).abs();
                    max = Some(max.map_or(d, |m: f64| m.max(d)));
                }
            }
        }
        let max = max.ok_or_else(|| {
            ShortcodeError::invalid(format!("table `{}` has no values to compare", t.id))
        })?;
        Ok(Output::Text(number(max, 0)))
    }
}

/// `{{ topp(figur="bakteppe", serie="Bosettinger") }}` → the year of the peak.
pub struct Topp;

impl Shortcode for Topp {
    fn name(&self) -> &'static str {
        "topp"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["figur", "serie"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let fig = super::lookup::figure(args, ctx)?;
        let r = &fig.result;
        let s = match args.str("serie")? {
            Some(name) => label_index("series", &name, &r.series)?,
            None if r.series.len() == 1 => 0,
            None => {
                return Err(ShortcodeError::MissingKey {
                    shortcode: "topp",
                    key: "serie",
                })
            }
        };
        let mut best: Option<(usize, f64)> = None;
        for row in 0..r.rows.len() {
            if let Some(v) = r.cell(row, s).and_then(|c| c.value) {
                if best.is_none_or(|(_, b)| v > b) {
                    best = Some((row, v));
                }
            }
        }
        let (row, _) = best.ok_or_else(|| {
            ShortcodeError::invalid(format!("series `{}` has no values", r.series[s]))
        })?;
        Ok(Output::Text(r.rows[row].clone()))
    }
}
