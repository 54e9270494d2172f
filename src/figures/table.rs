//! The representativity table (Table 1): the distribution of unit
//! attributes among all units and among the respondents of each sub-survey.

use std::collections::BTreeMap;

use super::computed::{ComputedTable, TableBlock};
use super::spec::TableSpec;
use super::{FigureError, FigureSpecs};
use crate::data::error::did_you_mean;
use crate::data::EditionData;
use crate::error::Error;
use crate::results::ResultTable;
use crate::stats::cells::percent_cells;
use crate::stats::compare::bin_distribution;

/// Compute a `[[tabell]]` of kind `representativitet` on edition `year`.
pub fn compute_table(
    spec: &TableSpec,
    specs: &FigureSpecs,
    year: i32,
    editions: &BTreeMap<i32, EditionData>,
) -> Result<ComputedTable, Error> {
    let err = |msg: String, loc: &crate::error::Location| {
        specs.error(
            FigureError::Invalid(format!("table `{}`: {msg}", spec.id)),
            loc,
        )
    };
    let data = editions
        .get(&year)
        .ok_or_else(|| err(format!("edition {year} has no data"), &spec.location))?;
    let register = data.units().ok_or_else(|| {
        err(
            "needs a unit register (`[units]` in utgave.toml)".into(),
            &spec.location,
        )
    })?;
    // The units of each column, as register positions.
    let of_type: Vec<usize> = (0..register.len())
        .filter(|&i| {
            spec.unit_type
                .as_ref()
                .is_none_or(|t| register.unit_type(i) == t)
        })
        .collect();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for column in &spec.columns {
        match &column.dataset {
            None => members.push(of_type.clone()),
            Some(ds_id) => {
                let Some(ds) = data.dataset(&ds_id.value) else {
                    let e = err(
                        format!("unknown dataset `{}`", ds_id.value),
                        &ds_id.location,
                    );
                    return Err(
                        match did_you_mean(&ds_id.value, data.datasets().keys().map(String::as_str))
                        {
                            Some(h) => e.with_help(h),
                            None => e,
                        },
                    );
                };
                members.push(
                    of_type
                        .iter()
                        .copied()
                        .filter(|&i| ds.row_of(&register.keys()[i]).is_some())
                        .collect(),
                );
            }
        }
    }
    let mut blocks = Vec::new();
    for name in &spec.attributes.value {
        let attribute = data.codebook().attribute(name);
        let column = register.attribute(name);
        let (Some(attribute), Some(column)) = (attribute, column) else {
            let e = err(
                format!("unknown attribute `{name}`"),
                &spec.attributes.location,
            );
            return Err(
                match did_you_mean(name, data.codebook().attributes.keys().map(String::as_str)) {
                    Some(h) => e.with_help(h),
                    None => e,
                },
            );
        };
        if column.bins.is_empty() {
            return Err(err(
                format!("attribute `{name}` has no bins"),
                &spec.attributes.location,
            ));
        }
        let mut cells = vec![Vec::new(); column.bins.len()];
        let mut n = 0;
        for units in &members {
            let f = bin_distribution(units.iter().map(|&i| column.bin[i]), column.bins.len());
            n = n.max(f.n);
            for (row, cell) in percent_cells(&f.counts, f.n, true).into_iter().enumerate() {
                cells[row].push(cell);
            }
        }
        blocks.push(TableBlock {
            heading: attribute.label.clone(),
            attribute: name.clone(),
            result: ResultTable::percents(
                column.bins.clone(),
                spec.columns.iter().map(|c| c.label.clone()).collect(),
                cells,
                n,
                false,
            ),
        });
    }
    let n: Vec<u64> = members.iter().map(|m| m.len() as u64).collect();
    let caption_note = spec
        .columns
        .iter()
        .zip(&n)
        .map(|(c, n)| format!("{}: N = {}.", c.label, crate::format::integer(*n as i64)))
        .collect::<Vec<_>>()
        .join(" ");
    Ok(ComputedTable {
        id: spec.id.clone(),
        title: spec.title.clone().unwrap_or_else(|| spec.id.clone()),
        columns: spec.columns.iter().map(|c| c.label.clone()).collect(),
        blocks,
        n,
        caption_note,
        note: spec.note.clone(),
        source: spec.source.clone(),
        location: spec.location.clone(),
    })
}
