//! `{{ tabell(id="representativitet") }}`: the numbered table.

use super::{Args, Context, Output, Shortcode, ShortcodeError};

pub struct Tabell;

impl Shortcode for Tabell {
    fn name(&self) -> &'static str {
        "tabell"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["id"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        super::placed_block(
            &args.required_str("id")?,
            ctx,
            crate::render::placements::BlockKind::Table,
        )
    }
}
