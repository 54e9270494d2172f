//! Computing one figure spec on the data: the dispatcher and the shapes of
//! single-variable figures (plain, breakdown, panel). Histograms and register
//! series are in `numbers.rs`, batteries in `battery.rs`, the shared
//! assembly (kind, sorting, caption) in `assemble.rs`.

use std::collections::{BTreeMap, BTreeSet};

use super::assemble::{
    check_merge, dataset_names, finish, group_labels, has_scores, means_table, resolve_kind,
    title_of, Parts,
};
use super::carry::carry;
use super::computed::{ComputedFigure, Shape};
use super::kinds::What;
use super::source::Ctx;
use super::spec::FigureSpec;
use super::{FigureError, FigureSpecs};
use crate::data::error::did_you_mean;
use crate::data::{Dataset, EditionData, Variable, VariableType};
use crate::error::Error;
use crate::results::{ResultTable, Unit};
use crate::stats::answers::Answers;
use crate::stats::cells::{empty_cell, mean_cell, percent_cells};
use crate::stats::frequency::frequency;
use crate::stats::mean::mean_of;
use crate::stats::panel::{intersect, resolve_editions};
/// Compute `spec` on edition `year` (the home edition); `strict` on the
/// spec's own edition (see [`Ctx::strict`]).
pub fn compute_figure(
    spec: &FigureSpec,
    specs: &FigureSpecs,
    year: i32,
    editions: &BTreeMap<i32, EditionData>,
    strict: bool,
) -> Result<ComputedFigure, Error> {
    let ctx = Ctx {
        spec,
        specs,
        home: year,
        strict,
        fallback_units: editions
            .get(&year)
            .and_then(EditionData::units)
            .or_else(|| editions.values().rev().find_map(EditionData::units)),
    };
    if let Some(series) = &spec.series {
        return super::numbers::time_series(&ctx, series, editions);
    }
    if spec.items.is_some() {
        return super::battery::compute(&ctx, editions);
    }
    let Some(var_name) = &spec.variable else {
        return Err(ctx.invalid(
            "needs `variable`, `items` or `series`".into(),
            &spec.location,
        ));
    };
    if let Some(show) = &spec.show {
        return Err(ctx.invalid(
            "`show` is only for rating batteries (`items`)".into(),
            &show.location,
        ));
    }
    let data = ctx.edition(editions, year, &spec.location)?;
    let var = ctx.variable(data, var_name)?;
    match var.ty {
        VariableType::Number => super::numbers::histogram_figure(&ctx, data, var),
        VariableType::Text => Err(ctx
            .invalid(
                format!("`{}` is free text, which is never published", var.name),
                &var_name.location,
            )
            .with_help("count free-text answers in prose with `tekstsvar`")),
        _ if spec.breakdown.is_some() => breakdown(&ctx, data),
        _ if spec.panel.is_some() => panel(&ctx, editions),
        _ => plain(&ctx, data),
    }
}

/// A variable's answers and counted rows in one edition, merges and groups applied.
pub struct Prepared<'e> {
    pub data: &'e EditionData,
    pub ds: &'e Dataset,
    pub var: &'e Variable,
    pub answers: Answers,
    pub rows: Vec<usize>,
    /// True when every unit's answer is exactly one category (shown shares
    /// are rounded together to sum to 100).
    pub partition: bool,
    /// `merge` labels found in this edition.
    pub merged: Vec<String>,
}

/// Prepare the figure's variable on one edition.
pub fn prepare<'e>(ctx: &Ctx, data: &'e EditionData) -> Result<Prepared<'e>, Error> {
    let spec = ctx.spec;
    let name = spec
        .variable
        .as_ref()
        .ok_or_else(|| ctx.invalid("needs `variable`".into(), &spec.location))?;
    let ds = ctx.dataset(data)?;
    let var = ctx.variable(data, name)?;
    let mut answers = ctx.answers(ds, var, &name.location)?;
    let mut merged = Vec::new();
    if let Some(m) = &spec.merge {
        let merges: Vec<(String, Vec<String>)> = m
            .value
            .iter()
            .map(|m| (m.label.clone(), m.from.clone()))
            .collect();
        merged = answers.merge(&merges);
    }
    let mut partition = !answers.multi;
    if spec.groups {
        if answers.groups.is_empty() {
            return Err(ctx
                .invalid(
                    format!(
                        "`groups = true` but `{}` has no groups in the codebook",
                        var.name
                    ),
                    &spec.location,
                )
                .with_help(format!(
                    "add `groups = [...]` to the variable at {}",
                    var.location
                )));
        }
        let categories = answers.labels.len();
        partition = partition
            && (0..categories).all(|c| {
                answers
                    .groups
                    .iter()
                    .filter(|(_, m)| m.contains(&c))
                    .count()
                    == 1
            });
        answers = answers.into_groups();
    }
    let rows = ctx.rows(data, ds)?;
    Ok(Prepared {
        data,
        ds,
        var,
        answers,
        rows,
        partition,
        merged,
    })
}
fn plain(ctx: &Ctx, data: &EditionData) -> Result<ComputedFigure, Error> {
    let p = prepare(ctx, data)?;
    check_merge(ctx, &p.merged, &p.answers.labels)?;
    let what = if p.answers.multi {
        What::Multi
    } else {
        What::Single
    };
    let kind = resolve_kind(ctx, what)?;
    let f = frequency(&p.answers.chosen, &p.rows, p.answers.labels.len());
    let cells = percent_cells(&f.counts, f.n, p.partition);
    let series = vec![data.year().to_string()];
    let means = has_scores(p.var).then(|| {
        let acc = mean_of(&p.answers.scores, &p.rows);
        means_table("Snitt", series.clone(), vec![mean_cell(acc.sum, acc.n)])
    });
    let result = ResultTable::percents(
        p.answers.labels.clone(),
        series,
        cells.into_iter().map(|c| vec![c]).collect(),
        f.n,
        p.answers.multi,
    );
    Ok(finish(
        ctx,
        Parts {
            kind,
            shape: Shape::Plain,
            dataset: dataset_names(p.ds),
            title: title_of(p.var),
            row_names: result.rows.clone(),
            answer_groups: group_labels(&p.answers),
            editions: Vec::new(),
            means,
            sort_series: 0,
            result,
        },
    ))
}

fn breakdown(ctx: &Ctx, data: &EditionData) -> Result<ComputedFigure, Error> {
    let Some(by) = &ctx.spec.breakdown else {
        return Err(ctx.invalid("needs `breakdown`".into(), &ctx.spec.location));
    };
    let p = prepare(ctx, data)?;
    check_merge(ctx, &p.merged, &p.answers.labels)?;
    let kind = resolve_kind(
        ctx,
        What::Breakdown {
            multi: p.answers.multi,
        },
    )?;
    if data.codebook().attribute(&by.value).is_none() {
        let e = ctx.err(
            FigureError::Unknown {
                figure: ctx.spec.id.clone(),
                what: "attribute",
                name: by.value.clone(),
                context: String::new(),
            },
            &by.location,
        );
        return Err(
            match did_you_mean(
                &by.value,
                data.codebook().attributes.keys().map(String::as_str),
            ) {
                Some(h) => e.with_help(h),
                None => {
                    e.with_help("attributes are declared in kodebok.toml under [attributes.<name>]")
                }
            },
        );
    }
    let Some(register) = ctx.units(data) else {
        return Err(ctx.invalid(
            format!(
                "a breakdown needs a unit register in edition {}",
                data.year()
            ),
            &by.location,
        ));
    };
    let Some(column) = register.attribute(&by.value).filter(|c| !c.bins.is_empty()) else {
        return Err(ctx.invalid(
            format!("attribute `{}` has no bins", by.value),
            &by.location,
        ));
    };
    let bin_of = |r: usize| {
        register
            .index_of(&p.ds.keys()[r])
            .and_then(|i| column.bin[i])
    };
    let groups = crate::stats::breakdown::split_by_bin(&p.rows, column.bins.len(), bin_of);
    let mut cells = Vec::new();
    let mut mean_cells = Vec::new();
    let mut n = 0;
    for rows in &groups {
        let f = frequency(&p.answers.chosen, rows, p.answers.labels.len());
        n += f.n;
        cells.push(percent_cells(&f.counts, f.n, p.partition));
        let acc = mean_of(&p.answers.scores, rows);
        mean_cells.push(vec![mean_cell(acc.sum, acc.n)]);
    }
    let series = vec![data.year().to_string()];
    let means = has_scores(p.var)
        .then(|| ResultTable::means(column.bins.clone(), series.clone(), mean_cells, n));
    let result = ResultTable::percents(
        column.bins.clone(),
        p.answers.labels.clone(),
        cells,
        n,
        p.answers.multi,
    );
    let mut parts = Parts {
        kind,
        shape: Shape::Breakdown,
        dataset: dataset_names(p.ds),
        title: title_of(p.var),
        row_names: result.rows.clone(),
        answer_groups: group_labels(&p.answers),
        editions: Vec::new(),
        means,
        sort_series: 0,
        result,
    };
    if let Some(m) = &mut parts.means {
        // The pooled mean over all bins.
        let acc = mean_of(&p.answers.scores, &groups.concat());
        m.cells.insert(0, vec![mean_cell(acc.sum, acc.n)]);
        m.rows.insert(0, "Alle".into());
    }
    let mut figure = finish(ctx, parts);
    if let Some(m) = &mut figure.means {
        figure.mean_total = m.cells.remove(0);
        m.rows.remove(0);
    }
    Ok(figure)
}

/// The panel years and each edition's data, or a "no data" error.
pub fn panel_editions<'e>(
    ctx: &Ctx,
    editions: &'e BTreeMap<i32, EditionData>,
) -> Result<Vec<(i32, &'e EditionData)>, Error> {
    let Some(panel) = &ctx.spec.panel else {
        return Ok(Vec::new());
    };
    resolve_editions(ctx.home, &panel.value)
        .into_iter()
        .map(|y| ctx.edition(editions, y, &panel.location).map(|d| (y, d)))
        .collect()
}

fn panel(ctx: &Ctx, editions: &BTreeMap<i32, EditionData>) -> Result<ComputedFigure, Error> {
    let years = panel_editions(ctx, editions)?;
    let mut prepared = Vec::new();
    for (_, data) in &years {
        prepared.push(prepare(ctx, data)?);
    }
    let found: Vec<String> = prepared.iter().flat_map(|p| p.merged.clone()).collect();
    let home = prepared
        .iter()
        .position(|p| p.data.year() == ctx.home)
        .unwrap_or(prepared.len() - 1);
    check_merge(ctx, &found, &prepared[home].answers.labels)?;
    let multi = prepared[home].answers.multi;
    let kind = resolve_kind(ctx, What::Panel)?;
    // A panel carries earlier editions' units onto this edition's (crosswalk)
    // and keeps those in every edition; `over_time` keeps every respondent.
    let same_units = ctx.spec.same_units;
    let mut warnings = Vec::new();
    let mut carried: Vec<Vec<(String, usize)>> = Vec::new();
    for p in &prepared {
        let valid: Vec<usize> = p
            .rows
            .iter()
            .copied()
            .filter(|&r| p.answers.chosen[r].is_some())
            .collect();
        if same_units {
            let (m, w) = carry(ctx, editions, p.data.year(), p.ds.keys(), &valid, |a, b| {
                p.answers.chosen[a] == p.answers.chosen[b]
            });
            warnings.extend(w);
            carried.push(m.units);
        } else {
            carried.push(
                valid
                    .iter()
                    .map(|&r| (p.ds.keys()[r].to_string(), r))
                    .collect(),
            );
        }
    }
    let sets: Vec<BTreeSet<String>> = carried
        .iter()
        .map(|c| c.iter().map(|(k, _)| k.clone()).collect())
        .collect();
    let members = intersect(&sets);
    // Rows: the home edition's answers that exist (after `merge`) in every
    // listed edition; an option asked only in some years cannot be compared.
    let labels: Vec<String> = prepared[home]
        .answers
        .labels
        .iter()
        .filter(|l| prepared.iter().all(|p| p.answers.labels.contains(l)))
        .cloned()
        .collect();
    let mut cells = vec![Vec::new(); labels.len()];
    let mut means = Vec::new();
    let mut ns = Vec::new();
    for (p, c) in prepared.iter().zip(&carried) {
        let rows: Vec<usize> = c
            .iter()
            .filter(|(k, _)| !same_units || members.contains(k))
            .map(|(_, r)| *r)
            .collect();
        let f = frequency(&p.answers.chosen, &rows, p.answers.labels.len());
        ns.push(f.n);
        let column = percent_cells(&f.counts, f.n, p.partition);
        for (i, label) in labels.iter().enumerate() {
            let cell = match p.answers.labels.iter().position(|l| l == label) {
                Some(j) => column[j].clone(),
                None => empty_cell(0, f.n),
            };
            cells[i].push(cell);
        }
        let acc = mean_of(&p.answers.scores, &rows);
        means.push(mean_cell(acc.sum, acc.n));
    }
    let series: Vec<String> = years.iter().map(|(y, _)| y.to_string()).collect();
    let home_p = &prepared[home];
    let result = ResultTable {
        rows: labels,
        series: series.clone(),
        cells,
        unit: Unit::Percent,
        decimals: 0,
        n: if same_units {
            members.len() as u64
        } else {
            ns[home]
        },
        multi,
    };
    let years_only: Vec<i32> = years.iter().map(|(y, _)| *y).collect();
    let dataset_name = home_p.ds.name.clone();
    let mut figure = finish(
        ctx,
        Parts {
            kind,
            shape: Shape::Panel,
            dataset: dataset_names(home_p.ds),
            title: title_of(home_p.var),
            row_names: result.rows.clone(),
            answer_groups: group_labels(&home_p.answers),
            editions: years.iter().map(|(y, _)| *y).collect(),
            means: has_scores(home_p.var).then(|| means_table("Snitt", series, means)),
            sort_series: home,
            result,
        },
    );
    figure.warnings = warnings;
    if !same_units {
        figure.caption_note =
            super::caption::over_time_note(&dataset_name, multi, &years_only, &ns);
    }
    Ok(figure)
}
