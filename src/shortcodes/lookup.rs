//! Shared lookups of the value shortcodes: a figure (in an edition), answer /
//! item / bin labels, and the percent of a selection of cells.

use std::sync::Arc;

use super::{Args, Context, ShortcodeError};
use crate::figures::{ComputedFigure, ComputedTable, Shape};
use crate::format::{round_half_away, NBSP};
use crate::results::ResultTable;

/// "did you mean `x`?" or the list of known names.
pub fn help_for<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let known: Vec<&str> = known.into_iter().collect();
    match crate::suggest::closest(word, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => {
            let all: Vec<String> = known.iter().take(30).map(|k| format!("`{k}`")).collect();
            if all.is_empty() {
                "there are none".to_string()
            } else {
                format!("known: {}", all.join(", "))
            }
        }
    }
}

/// An edition year from `utgave`/`fra`/`til`: −99…99 are relative to the
/// page's edition.
pub fn year_arg(args: &Args, key: &str, ctx: &Context) -> Result<Option<i32>, ShortcodeError> {
    Ok(args.int(key)?.map(|v| {
        if v.abs() < 100 {
            ctx.year() + v as i32
        } else {
            v as i32
        }
    }))
}

/// A figure of this edition by the `figur` key.
pub fn figure<'a>(args: &Args, ctx: &Context<'a>) -> Result<&'a ComputedFigure, ShortcodeError> {
    let id = args.required_str("figur")?;
    let computed = ctx.computed();
    computed.figure(&id).ok_or_else(|| {
        ShortcodeError::invalid_with_help(
            format!("unknown figure `{id}`"),
            help_for(&id, computed.figure_ids()),
        )
    })
}

/// A table by the `tabell` key.
pub fn table<'a>(args: &Args, ctx: &Context<'a>) -> Result<&'a ComputedTable, ShortcodeError> {
    let id = args.required_str("tabell")?;
    let computed = ctx.computed();
    computed.table(&id).ok_or_else(|| {
        ShortcodeError::invalid_with_help(
            format!("unknown table `{id}`"),
            help_for(&id, computed.table_ids()),
        )
    })
}

/// A figure in edition `year` (or this one): for panels the same figure and
/// the series of that year; otherwise the figure recomputed on that edition.
pub fn figure_in(
    args: &Args,
    ctx: &Context,
    year: Option<i32>,
) -> Result<(Arc<ComputedFigure>, Option<usize>), ShortcodeError> {
    let fig = figure(args, ctx)?;
    let year = year.unwrap_or(fig.year);
    let series = if fig.editions.is_empty() {
        None
    } else {
        let Some(i) = fig.editions.iter().position(|y| *y == year) else {
            let years: Vec<String> = fig.editions.iter().map(i32::to_string).collect();
            return Err(ShortcodeError::invalid_with_help(
                format!("figure `{}` has no edition {year}", fig.id),
                format!("its editions are {}", years.join(", ")),
            ));
        };
        Some(i)
    };
    let shared = ctx
        .computed()
        .figure_in(&fig.id, year)
        .map_err(|e| ShortcodeError::Invalid {
            message: format!("figure `{}` in {year}: {}", fig.id, e.kind()),
            help: e.help().map(str::to_string),
        })?;
    Ok((shared, series))
}

fn normalise(s: &str) -> String {
    s.replace(NBSP, " ").trim().to_lowercase()
}

/// Resolve a label (`Ja`, a group `God`, a unique prefix, or several joined
/// with `|`) to indices of `labels`.
pub fn resolve_labels(
    what: &str,
    text: &str,
    labels: &[String],
    groups: &[(String, Vec<String>)],
) -> Result<Vec<usize>, ShortcodeError> {
    let mut out = Vec::new();
    for part in text.split('|') {
        for i in resolve_one(what, part, labels, groups)? {
            if !out.contains(&i) {
                out.push(i);
            }
        }
    }
    Ok(out)
}

fn resolve_one(
    what: &str,
    part: &str,
    labels: &[String],
    groups: &[(String, Vec<String>)],
) -> Result<Vec<usize>, ShortcodeError> {
    let wanted = normalise(part);
    let members_of = |members: &[String]| -> Vec<usize> {
        members
            .iter()
            .filter_map(|m| labels.iter().position(|l| l == m))
            .collect()
    };
    // A codebook group wins over an answer of the same name (`God` = 4 and 5,
    // not only the code labelled `God`).
    if let Some((_, members)) = groups.iter().find(|(g, _)| normalise(g) == wanted) {
        let idx = members_of(members);
        if !idx.is_empty() {
            return Ok(idx);
        }
    }
    let exact = part.replace(NBSP, " ");
    if let Some(i) = labels
        .iter()
        .position(|l| l.replace(NBSP, " ").trim() == exact.trim())
    {
        return Ok(vec![i]);
    }
    if let Some(i) = labels.iter().position(|l| normalise(l) == wanted) {
        return Ok(vec![i]);
    }
    let mut hits: Vec<(String, Vec<usize>)> = labels
        .iter()
        .enumerate()
        .filter(|(_, l)| !wanted.is_empty() && normalise(l).starts_with(&wanted))
        .map(|(i, l)| (l.clone(), vec![i]))
        .collect();
    hits.extend(
        groups
            .iter()
            .filter(|(g, _)| !wanted.is_empty() && normalise(g).starts_with(&wanted))
            .map(|(g, m)| (g.clone(), members_of(m)))
            .filter(|(_, m)| !m.is_empty()),
    );
    match hits.len() {
        1 => Ok(hits.remove(0).1),
        0 => {
            let known: Vec<&str> = labels
                .iter()
                .map(String::as_str)
                .chain(groups.iter().map(|(g, _)| g.as_str()))
                .collect();
            Err(ShortcodeError::invalid_with_help(
                format!("no {what} `{part}`"),
                help_for(part, known.iter().copied()),
            ))
        }
        _ => Err(ShortcodeError::invalid_with_help(
            format!("{what} `{part}` is ambiguous"),
            format!(
                "it could be: {}",
                hits.iter()
                    .map(|(l, _)| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Which cells of a figure a call means: `answers` on one axis, pooled over
/// `pooled` on the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    /// (row, series) pairs grouped by the base they share.
    pub groups: Vec<Vec<(usize, usize)>>,
}

/// The default series of a figure: its own edition for panels, else the first.
pub fn home_series(fig: &ComputedFigure) -> usize {
    fig.editions
        .iter()
        .position(|y| *y == fig.year)
        .unwrap_or_else(|| fig.editions.len().saturating_sub(1))
}

/// Select cells by `svar`, `rad`, `gruppe` (and a panel series).
pub fn pick(
    fig: &ComputedFigure,
    args: &Args,
    series: Option<usize>,
    need_answer: bool,
) -> Result<Pick, ShortcodeError> {
    let r = &fig.result;
    let svar = args.str("svar")?;
    let rad = args.str("rad")?;
    let gruppe = args.str("gruppe")?;
    let not_here = |key: &str| {
        ShortcodeError::invalid(format!(
            "`{key}` does not apply to figure `{}` ({})",
            fig.id,
            shape_words(fig.shape)
        ))
    };
    let answers = |labels: &[String]| -> Result<Option<Vec<usize>>, ShortcodeError> {
        match &svar {
            Some(s) => Ok(Some(resolve_labels(
                "answer",
                s,
                labels,
                &fig.answer_groups,
            )?)),
            None if need_answer => Err(ShortcodeError::MissingKey {
                shortcode: args.shortcode(),
                key: "svar",
            }),
            None => Ok(None),
        }
    };
    let all = |n: usize| (0..n).collect::<Vec<_>>();
    match fig.shape {
        Shape::Plain | Shape::Histogram | Shape::Panel => {
            if rad.is_some() {
                return Err(not_here("rad"));
            }
            if gruppe.is_some() {
                return Err(not_here("gruppe"));
            }
            let s = series.unwrap_or_else(|| home_series(fig));
            let rows = answers(&r.rows)?.unwrap_or_else(|| all(r.rows.len()));
            Ok(Pick {
                groups: vec![rows.into_iter().map(|row| (row, s)).collect()],
            })
        }
        Shape::Breakdown => {
            if rad.is_some() {
                return Err(not_here("rad"));
            }
            let cols = answers(&r.series)?.unwrap_or_else(|| all(r.series.len()));
            let bins = match &gruppe {
                Some(g) => resolve_labels("group", g, &r.rows, &[])?,
                None => all(r.rows.len()),
            };
            Ok(Pick {
                groups: bins
                    .into_iter()
                    .map(|b| cols.iter().map(|&c| (b, c)).collect())
                    .collect(),
            })
        }
        Shape::Battery => {
            if gruppe.is_some() {
                return Err(not_here("gruppe"));
            }
            let cols = answers(&r.series)?.unwrap_or_else(|| all(r.series.len()));
            let items = item_rows(fig, rad.as_deref())?;
            Ok(Pick {
                groups: items
                    .into_iter()
                    .map(|i| cols.iter().map(|&c| (i, c)).collect())
                    .collect(),
            })
        }
        Shape::BatteryPanel => {
            if gruppe.is_some() {
                return Err(not_here("gruppe"));
            }
            let s = series.unwrap_or_else(|| home_series(fig));
            let items = item_rows(fig, rad.as_deref())?;
            Ok(Pick {
                groups: items.into_iter().map(|i| vec![(i, s)]).collect(),
            })
        }
        Shape::TimeSeries => Err(ShortcodeError::invalid_with_help(
            format!("figure `{}` is a register series", fig.id),
            "use `topp(figur=…, serie=…)` for its peak",
        )),
    }
}

/// Battery rows by `rad` (variable name or label); all rows without it.
pub fn item_rows(fig: &ComputedFigure, rad: Option<&str>) -> Result<Vec<usize>, ShortcodeError> {
    let Some(rad) = rad else {
        return Ok((0..fig.result.rows.len()).collect());
    };
    if let Some(i) = fig.row_names.iter().position(|n| n == rad) {
        return Ok(vec![i]);
    }
    resolve_labels("row", rad, &fig.result.rows, &[]).map_err(|e| match e {
        ShortcodeError::Invalid { message, .. } => {
            let known: Vec<&str> = fig.row_names.iter().map(String::as_str).collect();
            ShortcodeError::invalid_with_help(message, help_for(rad, known.iter().copied()))
        }
        other => other,
    })
}

fn shape_words(shape: Shape) -> &'static str {
    match shape {
        Shape::Plain => "one distribution",
        Shape::Breakdown => "a breakdown: use `gruppe` for a bin",
        Shape::Panel => "a panel: use `utgave` for a year",
        Shape::Battery => "a battery: use `rad` for an item",
        Shape::BatteryPanel => "a battery panel: use `rad` and `utgave`",
        Shape::Histogram => "a histogram",
        Shape::TimeSeries => "a register series",
    }
}

/// The percent of a pick: one cell's shown value, or the pooled counts
/// over the pooled bases, rounded half away from zero.
pub fn percent(fig: &ComputedFigure, pick: &Pick) -> Result<f64, ShortcodeError> {
    let r = &fig.result;
    let cells: Vec<_> = pick
        .groups
        .iter()
        .flatten()
        .filter_map(|&(row, s)| r.cell(row, s))
        .collect();
    let percent_cells = r.unit == crate::results::Unit::Percent;
    if let ([cell], [_], true) = (cells.as_slice(), pick.groups.as_slice(), percent_cells) {
        return match (cell.shown, cell.base) {
            (Some(v), Some(b)) if b > 0 => Ok(v),
            (Some(v), None) => Ok(v),
            _ => Err(no_answers(fig)),
        };
    }
    let mut count = 0u64;
    let mut base = 0u64;
    for group in &pick.groups {
        let mut group_base = 0;
        for &(row, s) in group {
            if let Some(c) = r.cell(row, s) {
                count += c.count.unwrap_or(0);
                group_base = group_base.max(c.base.unwrap_or(0));
            }
        }
        base += group_base;
    }
    if base == 0 {
        return Err(no_answers(fig));
    }
    Ok(round_half_away(count as f64 * 100.0 / base as f64, 0))
}

/// The units behind a pick.
pub fn count(fig: &ComputedFigure, pick: &Pick) -> Result<u64, ShortcodeError> {
    let r = &fig.result;
    let total: u64 = pick
        .groups
        .iter()
        .flatten()
        .filter_map(|&(row, s)| r.cell(row, s))
        .filter_map(|c| c.count)
        .sum();
    if fig.result.n == 0 {
        return Err(no_answers(fig));
    }
    Ok(total)
}

/// The "no answers" error.
pub fn no_answers(fig: &ComputedFigure) -> ShortcodeError {
    ShortcodeError::invalid_with_help(
        format!("no answers: figure `{}` has N = 0 here", fig.id),
        "check the figure's filter, panel editions and data",
    )
}

/// A means cell of a figure: `rad`/`gruppe` pick a row, the series is the
/// panel year or the first.
pub fn mean(
    fig: &ComputedFigure,
    args: &Args,
    series: Option<usize>,
) -> Result<f64, ShortcodeError> {
    let Some(means) = &fig.means else {
        return Err(ShortcodeError::invalid_with_help(
            format!("figure `{}` has no mean", fig.id),
            "means exist for rating scales and numbers",
        ));
    };
    let s = if fig.editions.is_empty() {
        0
    } else {
        series.unwrap_or_else(|| home_series(fig))
    };
    let row_key = match (args.str("rad")?, args.str("gruppe")?) {
        (Some(r), _) | (None, Some(r)) => Some(r),
        _ => None,
    };
    let cell = match row_key {
        None => fig.mean_total.get(s),
        Some(key) => {
            let row = if means.rows.len() == fig.row_names.len() {
                item_rows(fig, Some(&key))?.first().copied()
            } else {
                resolve_labels("row", &key, &means.rows, &[])?
                    .first()
                    .copied()
            };
            row.and_then(|r| means.cell(r, s))
        }
    };
    cell.and_then(|c| c.shown).ok_or_else(|| no_answers(fig))
}

/// Resolve a column or row label of a result table.
pub fn label_index(what: &str, text: &str, labels: &[String]) -> Result<usize, ShortcodeError> {
    let idx = resolve_labels(what, text, labels, &[])?;
    match idx.as_slice() {
        [one] => Ok(*one),
        _ => Err(ShortcodeError::invalid(format!(
            "`{text}` names several {what}s; name one"
        ))),
    }
}

/// The blocks of a table a `blokk` key selects (all without it).
pub fn table_blocks<'t>(
    table: &'t ComputedTable,
    blokk: Option<&str>,
) -> Result<Vec<&'t ResultTable>, ShortcodeError> {
    match blokk {
        None => Ok(table.blocks.iter().map(|b| &b.result).collect()),
        Some(b) => {
            let found = table
                .blocks
                .iter()
                .find(|x| normalise(&x.heading) == normalise(b) || x.attribute == b)
                .ok_or_else(|| {
                    let known: Vec<&str> =
                        table.blocks.iter().map(|x| x.heading.as_str()).collect();
                    ShortcodeError::invalid_with_help(
                        format!("table `{}` has no block `{b}`", table.id),
                        help_for(b, known.iter().copied()),
                    )
                })?;
            Ok(vec![&found.result])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<String> {
        ["Ja, NAV", "Ja, egne avtaler", "Nei", "70\u{a0}%"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn resolves_labels_groups_prefixes() {
        let groups = vec![(
            "Ja".to_string(),
            vec!["Ja, NAV".to_string(), "Ja, egne avtaler".to_string()],
        )];
        assert_eq!(
            resolve_labels("answer", "Nei", &labels(), &groups).unwrap(),
            vec![2]
        );
        assert_eq!(
            resolve_labels("answer", "nei", &labels(), &groups).unwrap(),
            vec![2]
        );
        assert_eq!(
            resolve_labels("answer", "Ja", &labels(), &groups).unwrap(),
            vec![0, 1]
        );
        assert_eq!(
            resolve_labels("answer", "Ja, e", &labels(), &groups).unwrap(),
            vec![1]
        );
        assert_eq!(
            resolve_labels("answer", "Nei|Ja, NAV", &labels(), &groups).unwrap(),
            vec![2, 0]
        );
        assert_eq!(
            resolve_labels("answer", "70 %", &labels(), &groups).unwrap(),
            vec![3]
        );
        let e = resolve_labels("answer", "Ne", &labels(), &[]).unwrap();
        assert_eq!(e, vec![2]);
        let err = resolve_labels("answer", "Nie", &labels(), &[]).unwrap_err();
        assert_eq!(err.help().as_deref(), Some("did you mean `Nei`?"));
        let amb = resolve_labels("answer", "Ja", &labels(), &[]).unwrap_err();
        assert!(amb.to_string().contains("ambiguous"));
    }
}
