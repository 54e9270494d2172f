//! Assembling a computed figure: the chart kind, merge checks, means
//! tables, row sorting and the caption note.

use super::caption::caption_note;
use super::computed::{ComputedFigure, Shape};
use super::kinds::What;
use super::source::Ctx;
use super::spec::Sort;
use super::FigureError;
use crate::data::error::did_you_mean;
use crate::data::{Dataset, Variable, VariableType};
use crate::error::Error;
use crate::results::{Cell, ChartKind, ResultTable, Unit};
use crate::stats::answers::Answers;

/// Every `merge` label must exist in at least one edition.
pub fn check_merge(ctx: &Ctx, found: &[String], labels: &[String]) -> Result<(), Error> {
    let Some(m) = &ctx.spec.merge else {
        return Ok(());
    };
    for merge in &m.value {
        for from in &merge.from {
            if !found.contains(from) {
                let e = ctx.invalid(
                    format!("merge label `{from}` is not an answer of the variable"),
                    &m.location,
                );
                return Err(
                    match did_you_mean(from, labels.iter().map(String::as_str)) {
                        Some(h) => e.with_help(h),
                        None => e.with_help(format!("the answers are: {}", labels.join("; "))),
                    },
                );
            }
        }
    }
    Ok(())
}

/// The chart kind: the spec's if it fits, else the default.
pub fn resolve_kind(ctx: &Ctx, what: What) -> Result<ChartKind, Error> {
    match &ctx.spec.kind {
        None => Ok(what.default_kind()),
        Some(k) if what.allowed().contains(&k.value) => Ok(k.value),
        Some(k) => Err(ctx
            .err(
                FigureError::KindMismatch {
                    figure: ctx.spec.id.clone(),
                    kind: k.value.name(),
                    what: what.describe().to_string(),
                },
                &k.location,
            )
            .with_help(format!(
                "use one of: {}",
                what.allowed()
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
    }
}

/// The answers' groups as labels.
pub fn group_labels(answers: &Answers) -> Vec<(String, Vec<String>)> {
    answers
        .groups
        .iter()
        .map(|(g, members)| {
            (
                g.clone(),
                members.iter().map(|&i| answers.labels[i].clone()).collect(),
            )
        })
        .collect()
}

/// A one-row means table (`Snitt`) per series.
pub fn means_table(row: &str, series: Vec<String>, cells: Vec<Cell>) -> ResultTable {
    ResultTable {
        rows: vec![row.to_string()],
        series,
        n: cells.iter().filter_map(|c| c.base).max().unwrap_or(0),
        cells: vec![cells],
        unit: Unit::Mean,
        decimals: 1,
        multi: false,
    }
}

/// True for variables with scores for a mean (rating, number).
pub fn has_scores(var: &Variable) -> bool {
    matches!(var.ty, VariableType::Rating | VariableType::Number)
}

/// Shared parts of every computed figure.
pub struct Parts {
    pub kind: ChartKind,
    pub result: ResultTable,
    pub shape: Shape,
    pub dataset: Option<(String, String)>,
    pub title: String,
    pub row_names: Vec<String>,
    pub answer_groups: Vec<(String, Vec<String>)>,
    pub editions: Vec<i32>,
    pub means: Option<ResultTable>,
    pub sort_series: usize,
}

/// Assemble the figure: caption, sorting, the spec's texts.
pub fn finish(ctx: &Ctx, mut p: Parts) -> ComputedFigure {
    let sortable = matches!(
        p.shape,
        Shape::Plain | Shape::Panel | Shape::Battery | Shape::BatteryPanel
    );
    if ctx.spec.sort != Sort::Codebook && sortable {
        sort_rows(&mut p, ctx.spec.sort);
    }
    let mean_total = p
        .means
        .as_ref()
        .map(|m| m.cells.first().cloned().unwrap_or_default())
        .unwrap_or_default();
    let caption = caption_note(
        p.dataset.as_ref().map(|(_, name)| name.as_str()),
        p.result.multi,
        &p.editions,
        p.result.n,
    );
    ComputedFigure {
        id: ctx.spec.id.clone(),
        title: ctx.spec.title.clone().unwrap_or(p.title),
        kind: p.kind,
        caption_note: caption,
        note: ctx.spec.note.clone(),
        source: ctx.spec.source.clone(),
        publish: ctx.spec.publish,
        location: ctx.spec.location.clone(),
        shape: p.shape,
        year: ctx.home,
        dataset: p.dataset.map(|(id, _)| id),
        row_names: p.row_names,
        answer_groups: p.answer_groups,
        editions: p.editions,
        mean_total,
        means: p.means,
        result: p.result,
        warnings: Vec::new(),
    }
}

/// Sort rows by the value in series `p.sort_series` (rows without a value last).
fn sort_rows(p: &mut Parts, sort: Sort) {
    let key = |r: usize| p.result.cells[r].get(p.sort_series).and_then(|c| c.value);
    let mut order: Vec<usize> = (0..p.result.rows.len()).collect();
    order.sort_by(|&a, &b| match (key(a), key(b)) {
        (Some(x), Some(y)) => {
            let o = x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal);
            if sort == Sort::Desc {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    fn permute<T: Clone>(order: &[usize], v: &[T]) -> Vec<T> {
        order.iter().map(|&i| v[i].clone()).collect()
    }
    p.result.rows = permute(&order, &p.result.rows);
    p.result.cells = permute(&order, &p.result.cells);
    if p.row_names.len() == order.len() {
        p.row_names = permute(&order, &p.row_names);
    }
    if let Some(m) = &mut p.means {
        if m.rows.len() == order.len() && m.rows.len() > 1 {
            m.rows = permute(&order, &m.rows);
            m.cells = permute(&order, &m.cells);
        }
    }
}

/// The dataset's id and display name.
pub fn dataset_names(ds: &Dataset) -> Option<(String, String)> {
    Some((ds.id.clone(), ds.name.clone()))
}

/// The default title: the question, else the variable name.
pub fn title_of(var: &Variable) -> String {
    if var.question.is_empty() {
        var.name.clone()
    } else {
        var.question.clone()
    }
}
