//! `{{ figur(id="resultatmaal") }}`: the numbered figure.

use super::{Args, Context, Output, Shortcode, ShortcodeError};

pub struct Figur;

impl Shortcode for Figur {
    fn name(&self) -> &'static str {
        "figur"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["id"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        super::placed_block(
            &args.required_str("id")?,
            ctx,
            crate::render::placements::BlockKind::Figure,
        )
    }
}
