//! The front page's "what changed since last year" list as a template value:
//! figures whose value moved more than `change_threshold` percentage points
//! (`utgave.toml`, default 5) since the previous edition, linked to their
//! place (`<year>/<chapter>/index.html#figur-<id>`).

use serde_json::{json, Value};

use super::placements::{BlockKind, Placements};
use crate::figures::changes::{previous_year, since_last, DEFAULT_THRESHOLD};
use crate::figures::ComputedEdition;
use crate::format::number;

/// `{ since, threshold, items: [{ label, title, url, answer, from, to, points, up }] }`,
/// or `null` when there is no earlier edition to compare with.
pub fn changes_value(
    computed: &ComputedEdition,
    placements: &Placements,
    threshold: Option<f64>,
) -> Value {
    let Some(since) = previous_year(computed) else {
        return Value::Null;
    };
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    let placed: Vec<(&str, String, String)> = placements
        .in_order()
        .filter(|(_, p)| p.kind == BlockKind::Figure)
        .map(|(id, p)| {
            let url = format!(
                "{}/{}/index.html#{}",
                computed.year(),
                p.chapter,
                p.anchor(id)
            );
            (id, p.label.clone(), url)
        })
        .collect();
    let ids: Vec<&str> = placed.iter().map(|(id, _, _)| *id).collect();
    let items: Vec<Value> = since_last(computed, &ids, threshold)
        .into_iter()
        .filter_map(|c| {
            let (_, label, url) = placed.iter().find(|(id, _, _)| *id == c.id)?;
            let title = computed.figure(&c.id).map(|f| f.title.clone())?;
            Some(json!({
                "id": c.id,
                "label": label,
                "title": title,
                "url": url,
                "answer": c.answer,
                "from": number(c.from, 0),
                "to": number(c.to, 0),
                "points": number(c.points().abs(), 0),
                "up": c.points() > 0.0,
            }))
        })
        .collect();
    json!({
        "since": since,
        "threshold": number(threshold, if threshold.fract() == 0.0 { 0 } else { 1 }),
        "items": items,
    })
}
