//! Rating batteries: several rating variables (items) shown as rows, with the
//! codebook groups (or codes, or one `show` group) as series; and battery
//! panels (one group's share per item and edition).

use std::collections::{BTreeMap, BTreeSet};

use super::assemble::{finish, resolve_kind, Parts};
use super::carry::carry;
use super::compute::panel_editions;
use super::computed::{ComputedFigure, Shape};
use super::kinds::What;
use super::source::Ctx;
use crate::data::error::did_you_mean;
use crate::data::{EditionData, Keys, Variable};
use crate::error::Error;
use crate::results::{Cell, ResultTable};
use crate::stats::answers::Answers;
use crate::stats::cells::{empty_cell, mean_cell, percent_cell, percent_cells};
use crate::stats::mean::{mean_of, MeanAcc};
use crate::stats::panel::intersect;

/// One edition's items: answers per spec item (`None` = not in that codebook).
struct EditionItems<'e> {
    year: i32,
    keys: &'e Keys,
    rows: Vec<usize>,
    items: Vec<Option<Answers>>,
}

impl EditionItems<'_> {
    /// Rows that answered at least one item.
    fn answering(&self) -> Vec<usize> {
        self.rows
            .iter()
            .copied()
            .filter(|&r| self.items.iter().flatten().any(|a| a.chosen[r].is_some()))
            .collect()
    }
}

/// Compute a battery figure.
pub fn compute(ctx: &Ctx, editions: &BTreeMap<i32, EditionData>) -> Result<ComputedFigure, Error> {
    let spec = ctx.spec;
    let Some(items) = &spec.items else {
        return Err(ctx.invalid("needs `items`".into(), &spec.location));
    };
    for (key, present) in [
        ("breakdown", spec.breakdown.is_some()),
        ("histogram", spec.histogram.is_some()),
        ("merge", spec.merge.is_some()),
    ] {
        if present {
            return Err(ctx.invalid(
                format!("a battery (`items`) cannot have `{key}`"),
                &items.location,
            ));
        }
    }
    if items.value.is_empty() {
        return Err(ctx.invalid("`items` is empty".into(), &items.location));
    }
    let home = ctx.edition(editions, ctx.home, &spec.location)?;
    // On another edition's data, items its codebook lacks are left out.
    let item_names: Vec<String> = if ctx.strict {
        items.value.clone()
    } else {
        items
            .value
            .iter()
            .filter(|n| home.codebook().variable(n).is_some())
            .cloned()
            .collect()
    };
    if item_names.is_empty() {
        return Err(ctx.invalid(
            format!("none of the items is in the codebook of {}", ctx.home),
            &items.location,
        ));
    }
    let mut home_vars: Vec<&Variable> = Vec::new();
    for name in &item_names {
        let var = ctx.variable_named(home, name, &items.location)?;
        if !var.ty.has_codes() {
            return Err(ctx.invalid(
                format!(
                    "battery item `{name}` is a {} variable; items are rating or single-choice",
                    var.ty.name()
                ),
                &items.location,
            ));
        }
        home_vars.push(var);
    }
    let first = home_vars[0];
    let panel = spec.panel.is_some();
    let show = match &spec.show {
        Some(s) => Some(s.value.clone()),
        None if panel => match first.groups.first() {
            Some(g) => Some(g.label.clone()),
            None => {
                return Err(ctx
                    .invalid(
                        "a battery panel shows one answer per item and edition".into(),
                        &spec.location,
                    )
                    .with_help("add `show = \"<group or answer label>\"`"))
            }
        },
        None => None,
    };
    let defs = series_defs(ctx, first, show.as_deref())?;
    let codes: Vec<&str> = first.codes.iter().map(|c| c.label.as_str()).collect();
    let partition = show.is_none()
        && codes.iter().all(|c| {
            defs.iter()
                .filter(|(_, m)| m.iter().any(|x| x == c))
                .count()
                == 1
        });
    let years: Vec<(i32, &EditionData)> = if panel {
        panel_editions(ctx, editions)?
    } else {
        vec![(ctx.home, home)]
    };
    let mut per_edition = Vec::new();
    for (year, data) in &years {
        let ds = ctx.dataset(data)?;
        let rows = ctx.rows(data, ds)?;
        let mut answers = Vec::new();
        for name in &item_names {
            answers.push(match data.codebook().variable(name) {
                Some(var) => Some(ctx.answers(ds, var, &items.location)?),
                None => None,
            });
        }
        per_edition.push(EditionItems {
            year: *year,
            keys: ds.keys(),
            rows,
            items: answers,
        });
    }
    let home_ds = ctx.dataset(home)?;
    let row_labels: Vec<String> = home_vars
        .iter()
        .map(|v| {
            if v.question.is_empty() {
                v.name.clone()
            } else {
                v.question.clone()
            }
        })
        .collect();
    // Groups name codes; they only apply when the series are the codes.
    let codes_are_series = show.is_none() && !spec.groups;
    let answer_groups = first
        .groups
        .iter()
        .filter(|_| codes_are_series)
        .map(|g| {
            (
                g.label.clone(),
                g.codes
                    .iter()
                    .filter_map(|c| first.label_of(*c))
                    .map(str::to_string)
                    .collect(),
            )
        })
        .collect();
    // Panels carry earlier units onto this edition's (crosswalk); `over_time`
    // keeps every respondent of each edition.
    let mut warnings = Vec::new();
    let mut carried: Vec<Vec<(String, usize)>> = Vec::new();
    for e in &per_edition {
        let valid = e.answering();
        if spec.same_units {
            let (m, w) = carry(ctx, editions, e.year, e.keys, &valid, |a, b| {
                e.items.iter().flatten().all(|x| x.chosen[a] == x.chosen[b])
            });
            warnings.extend(w);
            carried.push(m.units);
        } else {
            carried.push(valid.iter().map(|&r| (e.keys[r].to_string(), r)).collect());
        }
    }
    let home_index = years
        .iter()
        .position(|(y, _)| *y == ctx.home)
        .unwrap_or(years.len() - 1);
    let (result, means, mean_total, kind, shape) = if panel {
        let units = Carried {
            units: &carried,
            same: spec.same_units,
            home: home_index,
        };
        let (r, m, t) = battery_panel(&per_edition, &units, &defs[0].1, row_labels);
        (
            r,
            m,
            t,
            resolve_kind(ctx, What::BatteryPanel)?,
            Shape::BatteryPanel,
        )
    } else {
        let (r, m, t) = battery_plain(&per_edition[0], &defs, partition, row_labels);
        (
            r,
            m,
            t,
            resolve_kind(
                ctx,
                What::Battery {
                    one: show.is_some(),
                },
            )?,
            Shape::Battery,
        )
    };
    let mut figure = finish(
        ctx,
        Parts {
            kind,
            shape,
            dataset: Some((home_ds.id.clone(), home_ds.name.clone())),
            title: spec.id.clone(),
            row_names: item_names.clone(),
            answer_groups,
            editions: if panel {
                years.iter().map(|(y, _)| *y).collect()
            } else {
                Vec::new()
            },
            means: Some(means),
            sort_series: if panel {
                years
                    .iter()
                    .position(|(y, _)| *y == ctx.home)
                    .unwrap_or(years.len() - 1)
            } else {
                0
            },
            result,
        },
    );
    figure.mean_total = mean_total;
    figure.warnings = warnings;
    if panel && !spec.same_units {
        let ns: Vec<u64> = carried.iter().map(|c| c.len() as u64).collect();
        let years: Vec<i32> = years.iter().map(|(y, _)| *y).collect();
        figure.caption_note = super::caption::over_time_note(&home_ds.name, false, &years, &ns);
    }
    Ok(figure)
}

/// Each edition's units carried onto the home edition.
struct Carried<'a> {
    units: &'a [Vec<(String, usize)>],
    /// A panel (same units every edition) rather than `over_time`.
    same: bool,
    home: usize,
}

/// The series: one `show` answer, the codebook groups, or every code.
fn series_defs(
    ctx: &Ctx,
    first: &Variable,
    show: Option<&str>,
) -> Result<Vec<(String, Vec<String>)>, Error> {
    let group = |g: &crate::data::Group| {
        (
            g.label.clone(),
            g.codes
                .iter()
                .filter_map(|c| first.label_of(*c))
                .map(str::to_string)
                .collect::<Vec<_>>(),
        )
    };
    if let Some(s) = show {
        if let Some(g) = first.groups.iter().find(|g| g.label == s) {
            return Ok(vec![group(g)]);
        }
        if first.codes.iter().any(|c| c.label == s) {
            return Ok(vec![(s.to_string(), vec![s.to_string()])]);
        }
        let names: Vec<&str> = first
            .groups
            .iter()
            .map(|g| g.label.as_str())
            .chain(first.codes.iter().map(|c| c.label.as_str()))
            .collect();
        let location = ctx
            .spec
            .show
            .as_ref()
            .map_or(&ctx.spec.location, |s| &s.location);
        let e = ctx.invalid(
            format!(
                "`show = \"{s}\"` is neither a group nor an answer of `{}`",
                first.name
            ),
            location,
        );
        return Err(match did_you_mean(s, names.iter().copied()) {
            Some(h) => e.with_help(h),
            None => e.with_help(format!("choose one of: {}", names.join(", "))),
        });
    }
    if ctx.spec.groups {
        if first.groups.is_empty() {
            return Err(ctx.invalid(
                format!(
                    "`groups = true` but `{}` has no groups in the codebook",
                    first.name
                ),
                &ctx.spec.location,
            ));
        }
        return Ok(first.groups.iter().map(group).collect());
    }
    Ok(first
        .codes
        .iter()
        .map(|c| (c.label.clone(), vec![c.label.clone()]))
        .collect())
}

/// Units among `rows` choosing any of `members`, and the item's base.
fn count_members(a: &Answers, rows: &[usize], members: &[String]) -> (u64, u64) {
    let idx: Vec<usize> = members
        .iter()
        .filter_map(|m| a.labels.iter().position(|l| l == m))
        .collect();
    let mut count = 0;
    let mut base = 0;
    for &r in rows {
        if let Some(picked) = &a.chosen[r] {
            base += 1;
            if picked.iter().any(|p| idx.contains(p)) {
                count += 1;
            }
        }
    }
    (count, base)
}

type Computed = (ResultTable, ResultTable, Vec<Cell>);

fn battery_plain(
    e: &EditionItems,
    defs: &[(String, Vec<String>)],
    partition: bool,
    labels: Vec<String>,
) -> Computed {
    let answering = e.answering();
    let mut cells = Vec::new();
    let mut mean_cells = Vec::new();
    let mut pooled = MeanAcc::default();
    for item in &e.items {
        match item {
            Some(a) => {
                let mut counts = Vec::new();
                let mut base = 0;
                for (_, members) in defs {
                    let (c, b) = count_members(a, &e.rows, members);
                    counts.push(c);
                    base = b;
                }
                cells.push(percent_cells(&counts, base, partition));
                let acc = mean_of(&a.scores, &e.rows);
                pooled.merge(acc);
                mean_cells.push(vec![mean_cell(acc.sum, acc.n)]);
            }
            None => {
                cells.push(defs.iter().map(|_| empty_cell(0, 0)).collect());
                mean_cells.push(vec![empty_cell(0, 0)]);
            }
        }
    }
    let series = vec![e.year.to_string()];
    let n = answering.len() as u64;
    (
        ResultTable::percents(
            labels.clone(),
            defs.iter().map(|(l, _)| l.clone()).collect(),
            cells,
            n,
            false,
        ),
        ResultTable::means(labels, series, mean_cells, n),
        vec![mean_cell(pooled.sum, pooled.n)],
    )
}

fn battery_panel(
    editions: &[EditionItems],
    carried: &Carried,
    members: &[String],
    labels: Vec<String>,
) -> Computed {
    let sets: Vec<BTreeSet<String>> = carried
        .units
        .iter()
        .map(|c| c.iter().map(|(k, _)| k.clone()).collect())
        .collect();
    let panel = intersect(&sets);
    let mut cells = vec![Vec::new(); labels.len()];
    let mut mean_cells = vec![Vec::new(); labels.len()];
    let mut totals = Vec::new();
    for (e, c) in editions.iter().zip(carried.units) {
        let rows: Vec<usize> = c
            .iter()
            .filter(|(k, _)| !carried.same || panel.contains(k))
            .map(|(_, r)| *r)
            .collect();
        let mut pooled = MeanAcc::default();
        for (i, item) in e.items.iter().enumerate() {
            match item {
                Some(a) => {
                    let (c, b) = count_members(a, &rows, members);
                    cells[i].push(percent_cell(c, b));
                    let acc = mean_of(&a.scores, &rows);
                    pooled.merge(acc);
                    mean_cells[i].push(mean_cell(acc.sum, acc.n));
                }
                None => {
                    cells[i].push(empty_cell(0, 0));
                    mean_cells[i].push(empty_cell(0, 0));
                }
            }
        }
        totals.push(mean_cell(pooled.sum, pooled.n));
    }
    let series: Vec<String> = editions.iter().map(|e| e.year.to_string()).collect();
    let n = if carried.same {
        panel.len() as u64
    } else {
        carried
            .units
            .get(carried.home)
            .map_or(0, |c| c.len() as u64)
    };
    (
        ResultTable::percents(labels.clone(), series.clone(), cells, n, false),
        ResultTable::means(labels, series, mean_cells, n),
        totals,
    )
}
