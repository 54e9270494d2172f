//! `{{ ref(id="resultatmaal") }}`: "Figur 4" as a link to the figure.

use super::{Args, Context, Output, Shortcode, ShortcodeError};

pub struct Ref;

impl Shortcode for Ref {
    fn name(&self) -> &'static str {
        "ref"
    }

    fn keys(&self) -> &'static [&'static str] {
        &["id"]
    }

    fn render(&self, args: &Args, ctx: &Context) -> Result<Output, ShortcodeError> {
        let id = args.required_str("id")?;
        let placements = ctx
            .placements()
            .ok_or_else(|| ShortcodeError::invalid("`ref` is only available in chapters"))?;
        let placement = placements.get(&id).ok_or_else(|| {
            let help = crate::suggest::closest(&id, placements.ids())
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| {
                    "only figures and tables placed with `figur` or `tabell` can be referenced"
                        .into()
                });
            ShortcodeError::invalid_with_help(
                format!("no figure or table `{id}` is placed in this edition"),
                help,
            )
        })?;
        let anchor = placement.anchor(&id);
        let href = match ctx.chapter() {
            Some(current) if current != placement.chapter => {
                format!("../{}/index.html#{anchor}", placement.chapter)
            }
            _ => format!("#{anchor}"),
        };
        Ok(Output::Html(format!(
            "<a href=\"{href}\" class=\"xref\">{}</a>",
            crate::render::escape::html(&placement.label)
        )))
    }
}
