//! `endring` and `retning`: change of a share between two editions.

use super::lookup::{figure_in, percent, pick, year_arg};
use super::{Args, Context, Output, Shortcode, ShortcodeError};
use crate::format::number;

/// The shown percents in `fra` (default: the previous edition with data)
/// and `til` (default: this edition).
fn values(args: &Args, ctx: &Context) -> Result<(f64, f64), ShortcodeError> {
    let previous = || {
        ctx.computed()
            .edition_years()
            .filter(|y| *y < ctx.year())
            .max()
            .unwrap_or(ctx.year() - 1)
    };
    let fra = year_arg(args, "fra", ctx)?.unwrap_or_else(previous);
    let til = year_arg(args, "til", ctx)?.unwrap_or(ctx.year());
    let at = |year: i32| -> Result<f64, ShortcodeError> {
        let (fig, series) = figure_in(args, ctx, Some(year))?;
        percent(&fig, &pick(&fig, args, series, true)?)
    };
    Ok((at(fra)?, at(til)?))
}

/// `{{ endring(figur="x", svar="Ja", fra=2016, til=2018) }}` → `8`
/// (percentage points, absolute, from the shown values).
pub struct Endring;

impl Shortcode for Endring {
    fn name(&self) -> &'static str {
        "endring"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["figur", "svar", "rad", "gruppe", "fra", "til"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let (a, b) = values(args, ctx)?;
        Ok(Output::Text(number((b - a).abs(), 0)))
    }
}

/// `{{ retning(figur="x", svar="Ja", fra=2016, til=2018, opp="økte", ned="falt", lik="var uendret") }}`.
pub struct Retning;

impl Shortcode for Retning {
    fn name(&self) -> &'static str {
        "retning"
    }

    fn keys(&self) -> &'static [&'static str] {
        &[
            "figur", "svar", "rad", "gruppe", "fra", "til", "opp", "ned", "lik",
        ]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let (a, b) = values(args, ctx)?;
        let word = if b > a {
            args.str("opp")?.unwrap_or_else(|| "økte".into())
        } else if b < a {
            args.str("ned")?.unwrap_or_else(|| "falt".into())
        } else {
            args.str("lik")?.unwrap_or_else(|| "var uendret".into())
        };
        Ok(Output::Text(word))
    }
}
