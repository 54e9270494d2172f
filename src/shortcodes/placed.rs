//! `{{ figur(id="resultatmaal") }}` and `{{ tabell(id="representativitet") }}`:
//! the numbered figure or table, rendered once per edition and placed here.

use super::{Args, Context, Output, Shortcode, ShortcodeError};
use crate::render::placements::BlockKind;

/// A shortcode that places a figure or a table.
pub struct Placed(pub BlockKind);

/// `figur`.
pub static FIGUR: Placed = Placed(BlockKind::Figure);
/// `tabell`.
pub static TABELL: Placed = Placed(BlockKind::Table);

impl Shortcode for Placed {
    fn name(&self) -> &'static str {
        match self.0 {
            BlockKind::Figure => "figur",
            BlockKind::Table => "tabell",
        }
    }

    fn keys(&self) -> &'static [&'static str] {
        &["id"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let id = args.required_str("id")?;
        let word = match self.0 {
            BlockKind::Figure => "figure",
            BlockKind::Table => "table",
        };
        let placement = ctx
            .placements()
            .and_then(|p| p.get(&id))
            .filter(|p| p.kind == self.0)
            .ok_or_else(|| ShortcodeError::invalid(format!("no {word} `{id}`")))?;
        Ok(Output::Block(placement.html.clone()))
    }
}
