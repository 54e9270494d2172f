//! From a spec to data: the edition, the dataset, a variable's answers, and
//! the rows (units) a figure counts.

use std::collections::BTreeMap;

use super::spec::{FigureSpec, FilterRule, FilterSpec, Located};
use super::{FigureError, FigureSpecs};
use crate::data::error::did_you_mean;
use crate::data::{Column, DataError, Dataset, EditionData, UnitRegister, Variable, VariableType};
use crate::error::{Error, Location};
use crate::stats::answers::Answers;

/// The error context of one figure on one edition.
pub struct Ctx<'a> {
    pub spec: &'a FigureSpec,
    pub specs: &'a FigureSpecs,
    /// The edition whose figure this is.
    pub home: i32,
    /// True on the spec's own edition; false when recomputed on another
    /// edition's data (`utgave=`), where battery items absent from that
    /// edition's codebook are left out.
    pub strict: bool,
    /// The register used for editions that have none (unit types and
    /// attributes rarely change): this edition's, else the newest one.
    pub fallback_units: Option<&'a UnitRegister>,
}

impl<'a> Ctx<'a> {
    /// An error at `location` in the spec file.
    pub fn err(&self, kind: FigureError, location: &Location) -> Error {
        self.specs.error(kind, location)
    }

    /// A plain error at `location`.
    pub fn invalid(&self, msg: String, location: &Location) -> Error {
        self.err(
            FigureError::Invalid(format!("figure `{}`: {msg}", self.spec.id)),
            location,
        )
    }

    /// ` in the codebook of 2016` when `year` is not the home edition.
    fn context(&self, year: i32) -> String {
        if year == self.home {
            String::new()
        } else {
            format!(" in edition {year}")
        }
    }

    /// The data of an edition.
    pub fn edition<'e>(
        &self,
        editions: &'e BTreeMap<i32, EditionData>,
        year: i32,
        location: &Location,
    ) -> Result<&'e EditionData, Error> {
        editions.get(&year).ok_or_else(|| {
            let have: Vec<String> = editions.keys().map(i32::to_string).collect();
            self.err(
                FigureError::NoData {
                    figure: self.spec.id.clone(),
                    year,
                    detail: String::new(),
                },
                location,
            )
            .with_help(format!(
                "add data in content/{year}/ (editions with data: {})",
                if have.is_empty() {
                    "none".into()
                } else {
                    have.join(", ")
                }
            ))
        })
    }

    /// The figure's dataset in an edition.
    pub fn dataset<'e>(&self, data: &'e EditionData) -> Result<&'e Dataset, Error> {
        let Some(ds) = &self.spec.dataset else {
            return Err(self.invalid("needs `dataset`".into(), &self.spec.location));
        };
        data.dataset(&ds.value).ok_or_else(|| {
            let e = self.err(
                FigureError::Unknown {
                    figure: self.spec.id.clone(),
                    what: "dataset",
                    name: ds.value.clone(),
                    context: self.context(data.year()),
                },
                &ds.location,
            );
            match did_you_mean(&ds.value, data.datasets().keys().map(String::as_str)) {
                Some(h) => e.with_help(h),
                None => e.with_help("datasets are declared in utgave.toml under [datasets.<id>]"),
            }
        })
    }

    /// A variable of an edition's codebook.
    pub fn variable<'e>(
        &self,
        data: &'e EditionData,
        name: &Located<String>,
    ) -> Result<&'e Variable, Error> {
        self.variable_named(data, &name.value, &name.location)
    }

    /// A variable by name, located at `location`.
    pub fn variable_named<'e>(
        &self,
        data: &'e EditionData,
        name: &str,
        location: &Location,
    ) -> Result<&'e Variable, Error> {
        data.codebook().variable(name).ok_or_else(|| {
            let e = self.err(
                FigureError::Unknown {
                    figure: self.spec.id.clone(),
                    what: "variable",
                    name: name.to_string(),
                    context: self.context(data.year()),
                },
                location,
            );
            match did_you_mean(name, data.codebook().variable_names()) {
                Some(h) => e.with_help(h),
                None => e,
            }
        })
    }

    /// A column of the dataset, or a "column missing" error naming the file.
    pub fn column<'e>(
        &self,
        ds: &'e Dataset,
        name: &str,
        location: &Location,
    ) -> Result<&'e Column, Error> {
        ds.column(name).ok_or_else(|| {
            let e = Error::new(DataError::MissingColumn {
                column: name.to_string(),
                file: ds.path.display().to_string(),
            })
            .at(location.clone());
            let e = match &self.specs.source {
                Some(s) => e.with_source(s.clone()),
                None => e,
            };
            match did_you_mean(name, ds.headers().iter().map(String::as_str)) {
                Some(h) => e.with_help(h),
                None => e.with_help(format!(
                    "figure `{}` needs this column in {}",
                    self.spec.id,
                    ds.path.display()
                )),
            }
        })
    }

    /// The answers of a single, multiple-choice or rating variable.
    pub fn answers(
        &self,
        ds: &Dataset,
        var: &Variable,
        location: &Location,
    ) -> Result<Answers, Error> {
        match var.ty {
            VariableType::Single | VariableType::Rating => {
                match self.column(ds, &var.name, location)? {
                    Column::Codes(values) => Ok(Answers::from_codes(values, var)),
                    _ => Err(self.invalid(
                        format!("column `{}` is not a code column", var.name),
                        location,
                    )),
                }
            }
            VariableType::Multi => {
                let mut columns = Vec::new();
                for o in &var.options {
                    match self.column(ds, &o.column, location)? {
                        Column::Flags(f) => columns.push(f.as_slice()),
                        _ => {
                            return Err(self.invalid(
                                format!("column `{}` is not an option column", o.column),
                                location,
                            ))
                        }
                    }
                }
                let labels = var.options.iter().map(|o| o.label.clone()).collect();
                Ok(Answers::from_flags(&columns, labels, ds.len()))
            }
            VariableType::Number | VariableType::Text => Err(self.invalid(
                format!(
                    "`{}` is a {} variable; it has no answer categories",
                    var.name,
                    var.ty.name()
                ),
                location,
            )),
        }
    }

    /// The unit register of an edition, or the fallback.
    pub fn units<'e>(&self, data: &'e EditionData) -> Option<&'e UnitRegister>
    where
        'a: 'e,
    {
        data.units().or(self.fallback_units)
    }

    /// The rows a figure counts in one edition: all units of the dataset,
    /// narrowed by `unit_type` and `filter`.
    pub fn rows(&self, data: &EditionData, ds: &Dataset) -> Result<Vec<usize>, Error> {
        let mut rows: Vec<usize> = (0..ds.len()).collect();
        if let Some(unit_type) = &self.spec.unit_type {
            let Some(register) = self.units(data) else {
                return Err(self.invalid(
                    format!(
                        "`unit_type` needs a unit register in edition {}",
                        data.year()
                    ),
                    &unit_type.location,
                ));
            };
            rows.retain(|&r| {
                register
                    .index_of(&ds.keys()[r])
                    .is_some_and(|i| register.unit_type(i) == unit_type.value)
            });
        }
        for filter in &self.spec.filter {
            rows = self.apply_filter(data, ds, filter, rows)?;
        }
        Ok(rows)
    }

    /// The rows among `rows` that meet one condition of `filter`.
    fn apply_filter(
        &self,
        data: &EditionData,
        ds: &Dataset,
        filter: &Located<FilterSpec>,
        rows: Vec<usize>,
    ) -> Result<Vec<usize>, Error> {
        use crate::stats::filter;
        let location = &filter.location;
        let var = self.variable_named(data, &filter.value.variable, location)?;
        match (&var.ty, &filter.value.rule) {
            (VariableType::Single | VariableType::Rating, FilterRule::Codes(codes)) => {
                for code in codes {
                    if var.code(*code).is_none() {
                        return Err(self
                            .invalid(
                                format!("filter code {code} is not a code of `{}`", var.name),
                                location,
                            )
                            .with_help(codes_list(var)));
                    }
                }
                let Column::Codes(values) = self.column(ds, &var.name, location)? else {
                    return Err(self.invalid(
                        format!("column `{}` is not a code column", var.name),
                        location,
                    ));
                };
                Ok(filter::rows_with_codes(values, &rows, codes))
            }
            (VariableType::Multi, FilterRule::Options(options)) => {
                let mut columns = Vec::new();
                for name in options {
                    if !var.options.iter().any(|o| &o.column == name) {
                        return Err(self
                            .invalid(
                                format!("`{name}` is not an option of `{}`", var.name),
                                location,
                            )
                            .with_help(options_list(var)));
                    }
                    match self.column(ds, name, location)? {
                        Column::Flags(flags) => columns.push(flags.as_slice()),
                        _ => {
                            return Err(self.invalid(
                                format!("column `{name}` is not an option column"),
                                location,
                            ))
                        }
                    }
                }
                Ok(filter::rows_with_any_flag(&columns, &rows))
            }
            (VariableType::Number, FilterRule::Range { min, max }) => {
                let Column::Numbers(values) = self.column(ds, &var.name, location)? else {
                    return Err(self.invalid(
                        format!("column `{}` is not a number column", var.name),
                        location,
                    ));
                };
                Ok(filter::rows_in_range(values, &rows, *min, *max))
            }
            (ty, _) => {
                let help = match ty {
                    VariableType::Single | VariableType::Rating => {
                        format!("filter it with `codes = [...]` ({})", codes_list(var))
                    }
                    VariableType::Multi => {
                        format!("filter it with `options = [...]` ({})", options_list(var))
                    }
                    VariableType::Number => "filter it with `min` and/or `max`".to_string(),
                    VariableType::Text => {
                        "free-text answers cannot be filtered on; use a coded variable".to_string()
                    }
                };
                Err(self
                    .err(
                        FigureError::FilterType {
                            figure: self.spec.id.clone(),
                            variable: var.name.clone(),
                            ty: ty.name(),
                        },
                        location,
                    )
                    .with_help(help))
            }
        }
    }
}

/// "options: tiltak_1 (Språkopplæring), tiltak_2 (Arbeidspraksis)".
fn options_list(var: &Variable) -> String {
    let options: Vec<String> = var
        .options
        .iter()
        .map(|o| format!("{} ({})", o.column, o.label))
        .collect();
    format!("options: {}", options.join(", "))
}

/// "codes: 1 = Ja, 2 = Nei".
pub fn codes_list(var: &Variable) -> String {
    let codes: Vec<String> = var
        .codes
        .iter()
        .map(|c| format!("{} = {}", c.code, c.label))
        .collect();
    format!("the codes of `{}` are {}", var.name, codes.join(", "))
}
