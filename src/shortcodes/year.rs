//! `aar`: the year of an edition, so prose can say "i {{ aar(utgave=-1) }}"
//! and roll forward with the edition.

use super::lookup::year_arg;
use super::{Args, Context, Output, Shortcode, ShortcodeError};

/// `{{ aar(utgave=-1) }}` → `2017` on a 2018 page; without `utgave`, this
/// edition's year. The edition must have data (or be this one).
pub struct Aar;

impl Shortcode for Aar {
    fn name(&self) -> &'static str {
        "aar"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["utgave"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let year = year_arg(args, "utgave", ctx)?.unwrap_or(ctx.year());
        let computed = ctx.computed();
        if year != ctx.year() && computed.edition_data(year).is_none() {
            let years: Vec<String> = computed.edition_years().map(|y| y.to_string()).collect();
            return Err(ShortcodeError::invalid_with_help(
                format!("there is no edition {year}"),
                format!("editions with data: {}", years.join(", ")),
            ));
        }
        Ok(Output::Text(year.to_string()))
    }
}
