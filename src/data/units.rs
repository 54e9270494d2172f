//! The unit register: one row per unit with its attributes, binned as the
//! codebook says.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::codebook::{normalise_category, Attribute, AttributeType, Codebook};
use super::dataset::read_keys;
use super::error::DataError;
use super::table::{RawCell, RawTable};
use crate::error::Error;

/// One attribute's values, binned.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeColumn {
    /// Bin labels in display order.
    pub bins: Vec<String>,
    /// The bin of each unit (`None` when the value is missing).
    pub bin: Vec<Option<usize>>,
    /// The numeric value of each unit, where it is a number.
    pub value: Vec<Option<f64>>,
}

/// The unit register of an edition.
#[derive(Debug, Clone)]
pub struct UnitRegister {
    pub path: PathBuf,
    keys: Vec<String>,
    index: BTreeMap<String, usize>,
    names: Vec<String>,
    types: Vec<String>,
    attributes: BTreeMap<String, AttributeColumn>,
}

impl UnitRegister {
    /// A register from parts (tests).
    pub fn from_parts(
        keys: Vec<String>,
        types: Vec<String>,
        attributes: BTreeMap<String, AttributeColumn>,
    ) -> Self {
        let index = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        UnitRegister {
            path: PathBuf::new(),
            names: keys.clone(),
            keys,
            index,
            types,
            attributes,
        }
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the register is empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Every unit's `kommunenr`.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The position of a unit.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// The unit type (`kommune`, `bydel`) of a unit by position.
    pub fn unit_type(&self, i: usize) -> &str {
        self.types.get(i).map_or("kommune", String::as_str)
    }

    /// The name of a unit by position.
    pub fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }

    /// An attribute column.
    pub fn attribute(&self, name: &str) -> Option<&AttributeColumn> {
        self.attributes.get(name)
    }

    /// The distinct unit types, sorted.
    pub fn unit_types(&self) -> Vec<String> {
        let mut t: Vec<String> = self.types.clone();
        t.sort();
        t.dedup();
        t
    }
}

/// Type a raw unit register against the codebook's attributes.
pub fn type_register(table: &RawTable, codebook: &Codebook) -> Result<UnitRegister, Vec<Error>> {
    let mut errors = Vec::new();
    let keys: Option<Vec<String>> =
        read_keys(table, &mut errors).map(|(keys, _)| keys.iter().map(str::to_string).collect());
    let text_column = |name: &str, default: &str| -> Vec<String> {
        match table.column(name) {
            Some(c) => table
                .rows
                .iter()
                .map(|r| {
                    r.cells
                        .get(c)
                        .map(|x| x.text().trim().to_string())
                        .unwrap_or_default()
                })
                .map(|s| if s.is_empty() { default.to_string() } else { s })
                .collect(),
            None => vec![default.to_string(); table.rows.len()],
        }
    };
    let names = text_column("navn", "");
    let types = text_column("enhetstype", "kommune");
    let mut attributes = BTreeMap::new();
    for attribute in codebook.attributes.values() {
        let Some(c) = table.column(&attribute.name) else {
            errors.push(
                table
                    .error_at(
                        DataError::MissingColumn {
                            column: attribute.name.clone(),
                            file: table.path.display().to_string(),
                        },
                        1,
                        0,
                    )
                    .with_help(
                        super::error::did_you_mean(
                            &attribute.name,
                            table.headers.iter().map(String::as_str),
                        )
                        .unwrap_or_else(|| {
                            format!(
                                "the codebook declares attribute `{}` at {}",
                                attribute.name, attribute.location
                            )
                        }),
                    ),
            );
            continue;
        };
        if let Some(col) = type_attribute(table, c, attribute, &mut errors) {
            attributes.insert(attribute.name.clone(), col);
        }
    }
    errors.truncate(20);
    match keys {
        Some(keys) if errors.is_empty() => {
            let index = keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), i))
                .collect();
            Ok(UnitRegister {
                path: table.path.clone(),
                keys,
                index,
                names,
                types,
                attributes,
            })
        }
        _ => Err(errors),
    }
}

fn type_attribute(
    table: &RawTable,
    c: usize,
    attribute: &Attribute,
    errors: &mut Vec<Error>,
) -> Option<AttributeColumn> {
    let before = errors.len();
    let cells: Vec<(usize, &RawCell)> = table
        .rows
        .iter()
        .map(|r| (r.line, r.cells.get(c).unwrap_or(&RawCell::Empty)))
        .collect();
    let values: Vec<Option<f64>> = cells.iter().map(|(_, cell)| cell.number()).collect();
    let out = match attribute.ty {
        AttributeType::Number => {
            let mut bin = Vec::new();
            for ((line, cell), value) in cells.iter().zip(&values) {
                bin.push(match value {
                    None if cell.is_empty() => None,
                    None => {
                        errors.push(table.error_at(
                            DataError::NotNumber {
                                value: cell.text(),
                                column: table.column_label(c),
                            },
                            *line,
                            c,
                        ));
                        None
                    }
                    Some(_) if attribute.bins.is_empty() => None,
                    Some(v) => {
                        let b = attribute.bins.iter().position(|b| b.contains(*v));
                        if b.is_none() {
                            errors.push(
                                table
                                    .error_at(
                                        DataError::Invalid(format!(
                                            "{} of `{}` falls in no bin of the codebook",
                                            cell.text(),
                                            attribute.name
                                        )),
                                        *line,
                                        c,
                                    )
                                    .with_help(format!("see the bins at {}", attribute.location)),
                            );
                        }
                        b
                    }
                });
            }
            AttributeColumn {
                bins: attribute.bins.iter().map(|b| b.label.clone()).collect(),
                bin,
                value: values,
            }
        }
        AttributeType::Category => {
            let keys: Vec<Option<String>> = cells
                .iter()
                .map(|(_, cell)| (!cell.is_empty()).then(|| normalise_category(&cell.text())))
                .collect();
            let mut order: Vec<String> = attribute
                .categories
                .iter()
                .map(|(k, _)| k.clone())
                .collect();
            let mut labels: Vec<String> = attribute
                .categories
                .iter()
                .map(|(_, l)| l.clone())
                .collect();
            let mut found: Vec<String> = keys.iter().flatten().cloned().collect();
            found.sort_by(|a, b| match (a.parse::<f64>(), b.parse::<f64>()) {
                (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
                _ => a.cmp(b),
            });
            found.dedup();
            for (k, (line, cell)) in keys.iter().zip(&cells) {
                if let Some(k) = k {
                    if !order.contains(k) && !attribute.categories.is_empty() {
                        errors.push(table.error_at(
                            DataError::Invalid(format!(
                                "`{}` is not a listed value of attribute `{}`",
                                cell.text(),
                                attribute.name
                            )),
                            *line,
                            c,
                        ));
                    }
                }
            }
            if attribute.categories.is_empty() {
                labels = found.clone();
                order = found;
            }
            let bin = keys
                .iter()
                .map(|k| k.as_ref().and_then(|k| order.iter().position(|o| o == k)))
                .collect();
            AttributeColumn {
                bins: labels,
                bin,
                value: values,
            }
        }
    };
    (errors.len() == before).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::Arc;

    #[test]
    fn bins_numbers_and_categories() {
        let book = super::super::codebook::parse(
            Path::new("k.toml"),
            r#"
[attributes.innbyggere]
bins = [{ label = "Små", max = 1999 }, { label = "Store", min = 2000 }]
[attributes.sentralitet]
type = "category"
[attributes.andel]
bins = [{ label = "Under 5", under = 5 }, { label = "5+", min = 5 }]
"#,
        )
        .unwrap();
        let t = super::super::csv::parse(
            Path::new("u.csv"),
            Arc::from("kommunenr;navn;enhetstype;innbyggere;sentralitet;andel\n0301;Oslo;kommune;700000;1;\"4,99\"\n030101;Gamle Oslo;bydel;1999;10;5\n1804;Bodø;;;2;12\n"),
        )
        .unwrap();
        let reg = type_register(&t, &book).unwrap();
        assert_eq!(reg.len(), 3);
        assert_eq!(reg.unit_type(1), "bydel");
        assert_eq!(reg.unit_type(2), "kommune");
        let inb = reg.attribute("innbyggere").unwrap();
        assert_eq!(inb.bin, vec![Some(1), Some(0), None]);
        let s = reg.attribute("sentralitet").unwrap();
        assert_eq!(s.bins, vec!["1", "2", "10"]);
        assert_eq!(s.bin, vec![Some(0), Some(2), Some(1)]);
        assert_eq!(
            reg.attribute("andel").unwrap().bin,
            vec![Some(0), Some(1), Some(1)]
        );
    }

    #[test]
    fn category_codes_label_and_order() {
        let book = super::super::codebook::parse(
            Path::new("k.toml"),
            "[attributes.s]\ntype = \"category\"\ncodes = [{ code = 2, label = \"To\" }, { code = 1, label = \"En\" }]\n",
        )
        .unwrap();
        let t = super::super::csv::parse(
            Path::new("u.csv"),
            Arc::from("kommunenr,s\n0301,1\n1804,2\n5001,\n"),
        )
        .unwrap();
        let reg = type_register(&t, &book).unwrap();
        let s = reg.attribute("s").unwrap();
        assert_eq!(s.bins, vec!["To", "En"]);
        assert_eq!(s.bin, vec![Some(1), Some(0), None]);
        let bad = super::super::csv::parse(Path::new("u.csv"), Arc::from("kommunenr,s\n0301,3\n"))
            .unwrap();
        let errs = type_register(&bad, &book).unwrap_err();
        assert!(errs[0].to_string().contains("u.csv:2:2"), "{}", errs[0]);
    }

    #[test]
    fn missing_attribute_column_is_an_error() {
        let book = super::super::codebook::parse(Path::new("k.toml"), "[attributes.innbyggere]\n")
            .unwrap();
        let t = super::super::csv::parse(
            Path::new("u.csv"),
            Arc::from("kommunenr,innbygere\n0301,5\n"),
        )
        .unwrap();
        let errs = type_register(&t, &book).unwrap_err();
        assert!(errs[0]
            .to_string()
            .contains("column `innbyggere` is missing"));
        assert_eq!(errs[0].help(), Some("did you mean `innbygere`?"));
    }
}
