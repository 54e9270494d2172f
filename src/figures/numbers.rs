//! Figures of numbers: histograms of a number variable and register time
//! series.

use std::collections::BTreeMap;

use super::assemble::{dataset_names, finish, means_table, resolve_kind, title_of, Parts};
use super::computed::{ComputedFigure, Shape};
use super::kinds::What;
use super::source::Ctx;
use super::spec::Located;
use super::FigureError;
use crate::data::error::did_you_mean;
use crate::data::{Column, EditionData, Variable};
use crate::error::Error;
use crate::results::{ResultTable, Unit};
use crate::stats::cells::{count_cells, mean_cell, value_cell};
use crate::stats::frequency::frequency;
use crate::stats::histogram;
use crate::stats::mean::mean_of;

/// A histogram of a number variable: counts of units per bin.
pub fn histogram_figure(
    ctx: &Ctx,
    data: &EditionData,
    var: &Variable,
) -> Result<ComputedFigure, Error> {
    let spec = ctx.spec;
    let Some(h) = &spec.histogram else {
        return Err(ctx
            .invalid(
                format!(
                    "`{}` is a number variable; its figure needs `histogram`",
                    var.name
                ),
                &spec.location,
            )
            .with_help("add `histogram = { min = 0, max = 100, step = 10 }`"));
    };
    for (key, present) in [
        ("panel", spec.panel.is_some()),
        ("breakdown", spec.breakdown.is_some()),
        ("merge", spec.merge.is_some()),
    ] {
        if present {
            return Err(ctx.invalid(format!("a histogram cannot have `{key}`"), &h.location));
        }
    }
    let kind = resolve_kind(ctx, What::Histogram)?;
    let ds = ctx.dataset(data)?;
    let name = Located {
        value: var.name.clone(),
        location: h.location.clone(),
    };
    let Column::Numbers(values) = ctx.column(ds, &name.value, &name.location)? else {
        return Err(ctx.invalid(
            format!("column `{}` is not a number column", var.name),
            &h.location,
        ));
    };
    let rows = ctx.rows(data, ds)?;
    let hs = &h.value;
    let edges =
        histogram::edges(hs.min, hs.max, hs.step).map_err(|m| ctx.invalid(m, &h.location))?;
    let decimals = if edges.iter().all(|e| e.fract() == 0.0) {
        0
    } else {
        1
    };
    let labels: Vec<String> = edges
        .iter()
        .map(|e| {
            let n = crate::format::number(*e, decimals);
            match hs
                .suffix
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(s) => format!("{n}{}{s}", crate::format::NBSP),
                None => n,
            }
        })
        .collect();
    let chosen: Vec<Option<crate::stats::answers::Picked>> = values
        .iter()
        .map(|v| {
            v.and_then(|x| histogram::bin_of(x, hs.min, hs.max, hs.step, edges.len()))
                .map(crate::stats::answers::one)
        })
        .collect();
    let scores: Vec<Option<f64>> = values
        .iter()
        .zip(&chosen)
        .map(|(v, c)| if c.is_some() { v } else { None })
        .collect();
    let f = frequency(&chosen, &rows, labels.len());
    let acc = mean_of(&scores, &rows);
    let series = vec![data.year().to_string()];
    let result = ResultTable {
        rows: labels,
        series: series.clone(),
        cells: count_cells(&f.counts, f.n)
            .into_iter()
            .map(|c| vec![c])
            .collect(),
        unit: Unit::Count,
        decimals: 0,
        n: f.n,
        multi: false,
    };
    Ok(finish(
        ctx,
        Parts {
            kind,
            shape: Shape::Histogram,
            dataset: dataset_names(ds),
            title: title_of(var),
            row_names: result.rows.clone(),
            answer_groups: Vec::new(),
            editions: Vec::new(),
            means: Some(means_table(
                "Snitt",
                series,
                vec![mean_cell(acc.sum, acc.n)],
            )),
            sort_series: 0,
            result,
        },
    ))
}

/// A register time series: rows are time points, series the register series.
pub fn time_series(
    ctx: &Ctx,
    id: &Located<String>,
    editions: &BTreeMap<i32, EditionData>,
) -> Result<ComputedFigure, Error> {
    let kind = resolve_kind(ctx, What::TimeSeries)?;
    let data = ctx.edition(editions, ctx.home, &ctx.spec.location)?;
    let Some(series) = data.series(&id.value) else {
        let e = ctx.err(
            FigureError::Unknown {
                figure: ctx.spec.id.clone(),
                what: "series",
                name: id.value.clone(),
                context: String::new(),
            },
            &id.location,
        );
        return Err(
            match did_you_mean(&id.value, data.all_series().keys().map(String::as_str)) {
                Some(h) => e.with_help(h),
                None => {
                    e.with_help("register series are declared in utgave.toml under [series.<id>]")
                }
            },
        );
    };
    let integral = series
        .values
        .iter()
        .flatten()
        .flatten()
        .all(|v| v.fract() == 0.0);
    let decimals = if integral { 0 } else { 1 };
    let result = ResultTable {
        rows: series.times.clone(),
        series: series.labels.clone(),
        cells: series
            .values
            .iter()
            .map(|row| row.iter().map(|v| value_cell(*v, decimals)).collect())
            .collect(),
        unit: Unit::Count,
        decimals,
        n: series.times.len() as u64,
        multi: false,
    };
    let mut figure = finish(
        ctx,
        Parts {
            kind,
            shape: Shape::TimeSeries,
            dataset: None,
            title: series.label.clone().unwrap_or_else(|| id.value.clone()),
            row_names: result.rows.clone(),
            answer_groups: Vec::new(),
            editions: Vec::new(),
            means: None,
            sort_series: 0,
            result,
        },
    );
    figure.caption_note = String::new();
    if figure.source.is_none() {
        figure.source = series.source.clone();
    }
    Ok(figure)
}
