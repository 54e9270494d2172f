//! `andel`, `antall`, `n` and `snitt`: numbers of one figure.

use super::lookup::{count, figure_in, mean, percent, pick, year_arg};
use super::{Args, Context, Output, Shortcode, ShortcodeError};
use crate::format::{integer, number, share_in_words};

/// `{{ andel(figur="resultatmaal", svar="Ja") }}` → `68`.
pub struct Andel;

impl Shortcode for Andel {
    fn name(&self) -> &'static str {
        "andel"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["figur", "svar", "rad", "gruppe", "utgave", "som"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let (fig, series) = figure_in(args, ctx, year_arg(args, "utgave", ctx)?)?;
        let value = percent(&fig, &pick(&fig, args, series, true)?)?;
        Ok(Output::Text(match args.str("som")?.as_deref() {
            None | Some("tall") => number(value, 0),
            Some("ord") => share_in_words(value),
            Some(other) => {
                return Err(ShortcodeError::invalid_with_help(
                    format!("unknown `som=\"{other}\"`"),
                    "`som` is \"ord\" (words: to av tre) or \"tall\" (the number)",
                ))
            }
        }))
    }
}

/// `{{ antall(figur="resultatmaal", svar="Ja") }}` → `182`.
pub struct Antall;

impl Shortcode for Antall {
    fn name(&self) -> &'static str {
        "antall"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["figur", "svar", "rad", "gruppe", "utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let (fig, series) = figure_in(args, ctx, year_arg(args, "utgave", ctx)?)?;
        let n = count(&fig, &pick(&fig, args, series, true)?)?;
        Ok(Output::Text(integer(n as i64)))
    }
}

/// `{{ n(figur="resultatmaal") }}` → `268`; with `gruppe` a bin's N, with
/// `rad` an item's N.
pub struct N;

impl Shortcode for N {
    fn name(&self) -> &'static str {
        "n"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["figur", "rad", "gruppe", "utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let (fig, series) = figure_in(args, ctx, year_arg(args, "utgave", ctx)?)?;
        if args.get("rad").is_none() && args.get("gruppe").is_none() {
            return Ok(Output::Text(integer(fig.result.n as i64)));
        }
        let p = pick(&fig, args, series, false)?;
        let base = p
            .groups
            .iter()
            .filter_map(|g| g.first())
            .filter_map(|&(r, s)| fig.result.cell(r, s))
            .filter_map(|c| c.base)
            .sum::<u64>();
        Ok(Output::Text(integer(base as i64)))
    }
}

/// `{{ snitt(figur="nytte") }}` → `3,6`.
pub struct Snitt;

impl Shortcode for Snitt {
    fn name(&self) -> &'static str {
        "snitt"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["figur", "rad", "gruppe", "utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let (fig, series) = figure_in(args, ctx, year_arg(args, "utgave", ctx)?)?;
        Ok(Output::Text(number(mean(&fig, args, series)?, 1)))
    }
}
