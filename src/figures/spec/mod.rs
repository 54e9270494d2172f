//! Figure and table specs (`figurer.toml`), parsed with their locations and
//! checked for everything that does not need the data.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

mod filters;
pub use filters::{FilterRule, FilterSpec};

use super::FigureError;
use crate::data::error::{from_toml, LineIndex};
use crate::error::{Error, Location};
use crate::results::ChartKind;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub location: Location,
}

/// `histogram = { min = 0, max = 100, step = 10, suffix = "%" }`.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramSpec {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Written after each bin's number (`70 %`).
    pub suffix: Option<String>,
}

/// `merge = [{ label = "…", from = ["…", "…"] }]`.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeSpec {
    pub label: String,
    pub from: Vec<String>,
}

/// Row order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Codebook,
    Desc,
    Asc,
}

/// One `[[figur]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureSpec {
    pub id: String,
    /// The `[[figur]]` header's place.
    pub location: Location,
    pub dataset: Option<Located<String>>,
    pub variable: Option<Located<String>>,
    pub items: Option<Located<Vec<String>>>,
    pub kind: Option<Located<ChartKind>>,
    pub title: Option<String>,
    pub sort: Sort,
    pub note: Option<String>,
    pub source: Option<String>,
    /// Conditions a unit must all meet (`filter` is one table or an array).
    pub filter: Vec<Located<FilterSpec>>,
    pub breakdown: Option<Located<String>>,
    pub panel: Option<Located<Vec<i64>>>,
    /// False for `over_time` (every respondent of each edition), true for a
    /// `panel` (only the units that answered in every edition).
    pub same_units: bool,
    pub merge: Option<Located<Vec<MergeSpec>>>,
    pub histogram: Option<Located<HistogramSpec>>,
    pub groups: bool,
    pub show: Option<Located<String>>,
    pub series: Option<Located<String>>,
    pub publish: bool,
    /// The answer "what changed since last year" follows (default: the largest).
    pub change: Option<String>,
    /// Extension: only units of this type (`kommune`, `bydel`).
    pub unit_type: Option<Located<String>>,
}

/// One column of a representativity table.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    pub label: String,
    /// `None` = all units of the register.
    pub dataset: Option<Located<String>>,
}

/// One `[[tabell]]` (kind `representativitet`).
#[derive(Debug, Clone, PartialEq)]
pub struct TableSpec {
    pub id: String,
    pub location: Location,
    pub title: Option<String>,
    pub attributes: Located<Vec<String>>,
    pub unit_type: Option<String>,
    pub columns: Vec<ColumnSpec>,
    pub note: Option<String>,
    pub source: Option<String>,
}

/// Every figure and table spec of an edition, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FigureSpecs {
    pub figures: Vec<FigureSpec>,
    pub tables: Vec<TableSpec>,
    /// The file's text, for showing offending lines.
    pub source: Option<Arc<str>>,
}

impl FigureSpecs {
    /// A figure spec by id.
    pub fn figure(&self, id: &str) -> Option<&FigureSpec> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// An error located in the spec file, with its text attached.
    pub fn error(&self, kind: FigureError, location: &Location) -> Error {
        let e = Error::new(kind).at(location.clone());
        match &self.source {
            Some(s) => e.with_source(s.clone()),
            None => e,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    figur: Vec<Spanned<RawFigure>>,
    #[serde(default)]
    tabell: Vec<Spanned<RawTableSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    id: Spanned<String>,
    dataset: Option<Spanned<String>>,
    variable: Option<Spanned<String>>,
    items: Option<Spanned<Vec<String>>>,
    kind: Option<Spanned<String>>,
    title: Option<String>,
    sort: Option<Spanned<String>>,
    note: Option<String>,
    source: Option<String>,
    filter: Option<Spanned<filters::RawFilters>>,
    breakdown: Option<Spanned<RawBreakdown>>,
    panel: Option<Spanned<RawPanel>>,
    over_time: Option<Spanned<RawPanel>>,
    merge: Option<Spanned<Vec<RawMerge>>>,
    histogram: Option<Spanned<RawHistogram>>,
    groups: Option<bool>,
    show: Option<Spanned<String>>,
    series: Option<Spanned<String>>,
    publish: Option<bool>,
    unit_type: Option<Spanned<String>>,
    change: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBreakdown {
    attribute: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPanel {
    editions: Vec<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMerge {
    label: String,
    from: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHistogram {
    min: f64,
    max: f64,
    step: f64,
    suffix: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTableSpec {
    id: Spanned<String>,
    kind: Spanned<String>,
    title: Option<String>,
    attributes: Spanned<Vec<String>>,
    unit_type: Option<String>,
    columns: Vec<RawColumn>,
    note: Option<String>,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    label: String,
    dataset: Option<Spanned<String>>,
}

/// Parses `<dir>/figurer.toml` (absent file = no figures). Errors carry
/// file:line:column.
pub fn load_specs(dir: &Path) -> Result<FigureSpecs, crate::Errors> {
    let path = dir.join("figurer.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&path, &text).map_err(crate::Errors),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FigureSpecs::default()),
        Err(e) => Err(Error::read(&path, e).into()),
    }
}

/// Parse the text of a `figurer.toml`.
pub fn parse(path: &Path, text: &str) -> Result<FigureSpecs, Vec<Error>> {
    let source: Arc<str> = Arc::from(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        vec![from_toml(&e, path, &source, |m| {
            FigureError::Invalid(m).into()
        })]
    })?;
    let mut errors = Vec::new();
    let lines = LineIndex::new(text);
    let at = |offset: usize| lines.location(path, offset);
    let located = |s: Spanned<String>| Located {
        location: at(s.span().start),
        value: s.into_inner(),
    };
    let err = |msg: String, offset: usize| {
        Error::new(FigureError::Invalid(msg))
            .at(lines.location(path, offset))
            .with_source(source.clone())
    };
    let mut specs = FigureSpecs {
        source: Some(source.clone()),
        ..FigureSpecs::default()
    };
    let mut seen: Vec<String> = Vec::new();
    let mut check_id = |id: &Spanned<String>, errors: &mut Vec<Error>| {
        let value = id.get_ref();
        if value.is_empty()
            || !value
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            errors.push(err(
                format!("id `{value}` may only contain letters, digits, `-` and `_`"),
                id.span().start,
            ));
        }
        if seen.contains(value) {
            errors.push(err(format!("id `{value}` is used twice"), id.span().start));
        }
        seen.push(value.clone());
    };
    for spanned in raw.figur {
        let start = spanned.span().start;
        let mut f = spanned.into_inner();
        check_id(&f.id, &mut errors);
        let id = f.id.get_ref().clone();
        let kind = f.kind.map(|k| {
            let offset = k.span().start;
            match ChartKind::from_name(k.get_ref()) {
                Some(kind) => Some(Located {
                    value: kind,
                    location: at(offset),
                }),
                None => {
                    let names = ChartKind::ALL.map(ChartKind::name);
                    let help = crate::data::error::did_you_mean(k.get_ref(), names)
                        .unwrap_or_else(|| format!("kinds are {}", names.join(", ")));
                    errors.push(
                        err(
                            format!("figure `{id}`: unknown kind `{}`", k.get_ref()),
                            offset,
                        )
                        .with_help(help),
                    );
                    None
                }
            }
        });
        let sort = match f
            .sort
            .as_ref()
            .map(|s| (s.get_ref().as_str(), s.span().start))
        {
            None | Some(("codebook", _)) => Sort::Codebook,
            Some(("desc", _)) => Sort::Desc,
            Some(("asc", _)) => Sort::Asc,
            Some((other, offset)) => {
                errors.push(
                    err(format!("figure `{id}`: unknown sort `{other}`"), offset)
                        .with_help("sort is `codebook`, `desc` or `asc`"),
                );
                Sort::Codebook
            }
        };
        let what = [f.variable.is_some(), f.items.is_some(), f.series.is_some()];
        if what.iter().filter(|x| **x).count() != 1 {
            errors.push(
                err(format!("figure `{id}` needs exactly one of `variable`, `items` and `series`"), start)
                    .with_help("`variable` for one question, `items` for a battery, `series` for register data"),
            );
        }
        if f.series.is_none() && f.dataset.is_none() {
            errors.push(err(format!("figure `{id}` needs `dataset`"), start));
        }
        if let Some(h) = &f.histogram {
            let r = h.get_ref();
            if let Err(msg) = crate::stats::histogram::edges(r.min, r.max, r.step) {
                errors.push(err(format!("figure `{id}`: {msg}"), h.span().start));
            }
        }
        if let (Some(_), Some(o)) = (&f.panel, &f.over_time) {
            errors.push(err(
                format!("figure `{id}`: use either `panel` (the same units every year) or `over_time` (all respondents each year), not both"),
                o.span().start,
            ));
        }
        let same_units = f.over_time.is_none();
        if f.panel.is_none() {
            f.panel = f.over_time.take();
        }
        if let Some(p) = &f.panel {
            if p.get_ref().editions.len() < 2 {
                errors.push(err(
                    format!("figure `{id}`: a panel needs at least two editions"),
                    p.span().start,
                ));
            }
        }
        if f.panel.is_some() && f.breakdown.is_some() {
            errors.push(err(
                format!("figure `{id}`: a panel cannot also have a breakdown"),
                start,
            ));
        }
        let mut filter = Vec::new();
        if let Some(spanned) = f.filter {
            let offset = spanned.span().start;
            for rule in filters::rules(spanned.into_inner()) {
                match rule {
                    Ok(value) => filter.push(Located {
                        value,
                        location: at(offset),
                    }),
                    Err(msg) => errors.push(
                        err(format!("figure `{id}`: {msg}"), offset).with_help(filters::HELP),
                    ),
                }
            }
        }
        specs.figures.push(FigureSpec {
            id,
            location: at(start),
            dataset: f.dataset.map(located),
            variable: f.variable.map(located),
            items: f.items.map(|s| Located {
                location: at(s.span().start),
                value: s.into_inner(),
            }),
            kind: kind.flatten(),
            title: f.title,
            sort,
            note: f.note,
            source: f.source,
            filter,
            breakdown: f.breakdown.map(|s| Located {
                location: at(s.span().start),
                value: s.into_inner().attribute,
            }),
            panel: f.panel.map(|s| Located {
                location: at(s.span().start),
                value: s.into_inner().editions,
            }),
            same_units,
            merge: f.merge.map(|s| Located {
                location: at(s.span().start),
                value: s
                    .into_inner()
                    .into_iter()
                    .map(|m| MergeSpec {
                        label: m.label,
                        from: m.from,
                    })
                    .collect(),
            }),
            histogram: f.histogram.map(|s| {
                let location = at(s.span().start);
                let r = s.into_inner();
                Located {
                    value: HistogramSpec {
                        min: r.min,
                        max: r.max,
                        step: r.step,
                        suffix: r.suffix,
                    },
                    location,
                }
            }),
            groups: f.groups.unwrap_or(false),
            show: f.show.map(located),
            series: f.series.map(located),
            publish: f.publish.unwrap_or(true),
            change: f.change,
            unit_type: f.unit_type.map(located),
        });
    }
    for spanned in raw.tabell {
        let start = spanned.span().start;
        let t = spanned.into_inner();
        check_id(&t.id, &mut errors);
        if t.kind.get_ref() != "representativitet" {
            errors.push(
                err(
                    format!(
                        "table `{}`: unknown kind `{}`",
                        t.id.get_ref(),
                        t.kind.get_ref()
                    ),
                    t.kind.span().start,
                )
                .with_help("the table kind is `representativitet`"),
            );
        }
        if t.columns.is_empty() {
            errors.push(err(
                format!("table `{}` needs `columns`", t.id.get_ref()),
                start,
            ));
        }
        specs.tables.push(TableSpec {
            id: t.id.into_inner(),
            location: at(start),
            title: t.title,
            attributes: Located {
                location: at(t.attributes.span().start),
                value: t.attributes.into_inner(),
            },
            unit_type: t.unit_type,
            columns: t
                .columns
                .into_iter()
                .map(|c| ColumnSpec {
                    label: c.label,
                    dataset: c.dataset.map(located),
                })
                .collect(),
            note: t.note,
            source: t.source,
        });
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_figures_with_locations() {
        let text = "[[figur]]\nid = \"a\"\ndataset = \"ia\"\nvariable = \"v\"\nkind = \"pie\"\n\n[[figur]]\nid = \"b\"\ndataset = \"ia\"\nitems = [\"x\", \"y\"]\npanel = { editions = [-2, -1, 0] }\nshow = \"God\"\npublish = false\n";
        let specs = parse(Path::new("figurer.toml"), text).unwrap();
        assert_eq!(specs.figures.len(), 2);
        let a = &specs.figures[0];
        assert_eq!(a.location.line, 1);
        assert_eq!(a.kind.as_ref().unwrap().value, ChartKind::Pie);
        assert_eq!(a.kind.as_ref().unwrap().location.line, 5);
        let b = &specs.figures[1];
        assert_eq!(b.location.line, 7);
        assert_eq!(b.panel.as_ref().unwrap().value, vec![-2, -1, 0]);
        assert!(!b.publish);
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let text = "[[figur]]\nid = \"a\"\ndataset = \"ia\"\nvariabel = \"v\"\n";
        let errs = parse(Path::new("figurer.toml"), text).unwrap_err();
        assert_eq!(errs[0].location().unwrap().line, 4);
        assert_eq!(errs[0].help(), Some("did you mean `variable`?"));
    }

    #[test]
    fn static_checks() {
        let text = "[[figur]]\nid = \"a b\"\ndataset = \"ia\"\nvariable = \"v\"\nkind = \"paie\"\nsort = \"up\"\n[[figur]]\nid = \"c\"\ndataset = \"ia\"\n";
        let errs = parse(Path::new("figurer.toml"), text).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs[0].contains("figurer.toml:2:6") && msgs[0].contains("may only contain"),
            "{msgs:?}"
        );
        assert!(msgs[1].contains("unknown kind `paie`"));
        assert_eq!(errs[1].help(), Some("did you mean `pie`?"));
        assert!(msgs[2].contains("unknown sort"));
        assert!(msgs[3].contains("figure `c` needs exactly one of"));
    }

    #[test]
    fn tables_parse() {
        let text = "[[tabell]]\nid = \"representativitet\"\nkind = \"representativitet\"\nattributes = [\"innbyggere\"]\nunit_type = \"kommune\"\ncolumns = [{ label = \"Alle\" }, { label = \"IA\", dataset = \"ia\" }]\n";
        let specs = parse(Path::new("f.toml"), text).unwrap();
        assert_eq!(
            specs.tables[0].columns[1].dataset.as_ref().unwrap().value,
            "ia"
        );
    }
}
