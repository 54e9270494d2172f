//! The codebook (`kodebok.toml`): variables with their answer codes, missing
//! codes and groupings, and unit attributes with their bins.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::error::{from_toml, toml_error_at, DataError};
use crate::error::{Error, Location};

/// The type of a survey variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariableType {
    /// One answer code per unit.
    Single,
    /// One 0/1 column per option.
    Multi,
    /// A rating scale: codes with an order, some possibly not valid for the mean.
    Rating,
    /// A number.
    Number,
    /// Free text (counted, never published).
    Text,
}

impl VariableType {
    /// The name used in the codebook.
    pub fn name(self) -> &'static str {
        match self {
            VariableType::Single => "single",
            VariableType::Multi => "multi",
            VariableType::Rating => "rating",
            VariableType::Number => "number",
            VariableType::Text => "text",
        }
    }

    /// True for the types whose cells are answer codes.
    pub fn has_codes(self) -> bool {
        matches!(self, VariableType::Single | VariableType::Rating)
    }
}

/// One answer code.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub code: i64,
    pub label: String,
    /// False for codes such as "Ikke relevant": shown, but not in the mean.
    pub valid: bool,
}

/// A named grouping of codes (`God` = 4 and 5).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    pub codes: Vec<i64>,
}

/// One option of a multiple-choice question: its 0/1 column.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiOption {
    pub column: String,
    pub label: String,
}

/// A variable of the codebook.
#[derive(Debug, Clone)]
pub struct Variable {
    pub name: String,
    /// The question text (empty when the codebook gives none).
    pub question: String,
    pub ty: VariableType,
    /// Answer codes in display order (single and rating).
    pub codes: Vec<Code>,
    /// Codes treated as missing.
    pub missing: Vec<i64>,
    /// Options (multi).
    pub options: Vec<MultiOption>,
    /// Named groupings of codes in display order.
    pub groups: Vec<Group>,
    /// Where the variable is declared.
    pub location: Location,
}

impl Variable {
    /// The code with this number, if listed.
    pub fn code(&self, code: i64) -> Option<&Code> {
        self.codes.iter().find(|c| c.code == code)
    }

    /// The label of a code.
    pub fn label_of(&self, code: i64) -> Option<&str> {
        self.code(code).map(|c| c.label.as_str())
    }
}

/// How a unit attribute is binned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeType {
    /// A number, binned by `bins`.
    Number,
    /// A category: each distinct value is its own bin.
    Category,
}

/// A bin of a number attribute: `min <= x <= max` (or `x < under`).
#[derive(Debug, Clone, PartialEq)]
pub struct Bin {
    pub label: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub under: Option<f64>,
}

impl Bin {
    /// True when `x` falls in this bin.
    pub fn contains(&self, x: f64) -> bool {
        self.min.is_none_or(|m| x >= m)
            && self.max.is_none_or(|m| x <= m)
            && self.under.is_none_or(|u| x < u)
    }
}

/// A unit attribute: a column of the unit register.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: String,
    pub label: String,
    pub ty: AttributeType,
    /// Bins of a number attribute.
    pub bins: Vec<Bin>,
    /// Optional labels of category values, in display order.
    pub categories: Vec<(String, String)>,
    pub location: Location,
}

/// The codebook of one edition.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    pub variables: BTreeMap<String, Variable>,
    pub attributes: BTreeMap<String, Attribute>,
    /// Multi option column → its variable.
    option_columns: BTreeMap<String, String>,
}

impl Codebook {
    /// A variable by name.
    pub fn variable(&self, name: &str) -> Option<&Variable> {
        self.variables.get(name)
    }

    /// An attribute by name.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.get(name)
    }

    /// The multi variable owning an option column.
    pub fn variable_of_option(&self, column: &str) -> Option<&Variable> {
        self.option_columns
            .get(column)
            .and_then(|v| self.variables.get(v))
    }

    /// The variable names, for suggestions.
    pub fn variable_names(&self) -> impl Iterator<Item = &str> {
        self.variables.keys().map(String::as_str)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodebook {
    #[serde(default)]
    variables: BTreeMap<String, Spanned<RawVariable>>,
    #[serde(default)]
    attributes: BTreeMap<String, Spanned<RawAttribute>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariable {
    #[serde(default)]
    question: Option<String>,
    #[serde(rename = "type")]
    ty: Spanned<String>,
    #[serde(default)]
    codes: Vec<Spanned<RawCode>>,
    #[serde(default)]
    missing: Vec<i64>,
    #[serde(default)]
    options: Vec<Spanned<RawOption>>,
    #[serde(default)]
    groups: Vec<Spanned<RawGroup>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    code: i64,
    label: String,
    #[serde(default = "yes")]
    valid: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    column: String,
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    label: String,
    codes: Vec<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttribute {
    #[serde(default)]
    label: Option<String>,
    #[serde(rename = "type", default)]
    ty: Option<Spanned<String>>,
    #[serde(default)]
    bins: Vec<Spanned<RawBin>>,
    #[serde(default)]
    codes: Vec<RawCategory>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBin {
    label: String,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    under: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    code: toml::Value,
    label: String,
}

const TYPES: [&str; 5] = ["single", "multi", "rating", "number", "text"];

/// Parse a codebook from its text. `path` is used in error locations.
pub fn parse(path: &Path, text: &str) -> Result<Codebook, Vec<Error>> {
    let source: Arc<str> = Arc::from(text);
    let raw: RawCodebook = toml::from_str(text)
        .map_err(|e| vec![from_toml(&e, path, &source, |m| DataError::Toml(m).into())])?;
    let mut errors = Vec::new();
    let mut book = Codebook::default();
    let lines = super::error::LineIndex::new(text);
    let err_at =
        |msg: String, offset: usize| toml_error_at(DataError::Invalid(msg), path, &source, offset);
    for (name, spanned) in raw.variables {
        let start = spanned.span().start;
        let raw = spanned.into_inner();
        let ty = match raw.ty.get_ref().as_str() {
            "single" => VariableType::Single,
            "multi" => VariableType::Multi,
            "rating" => VariableType::Rating,
            "number" => VariableType::Number,
            "text" => VariableType::Text,
            other => {
                let mut e = err_at(
                    format!("variable `{name}` has unknown type `{other}`"),
                    raw.ty.span().start,
                );
                e = e.with_help(match crate::suggest::closest(other, TYPES) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("types are {}", TYPES.join(", ")),
                });
                errors.push(e);
                continue;
            }
        };
        let mut codes: Vec<Code> = Vec::new();
        for c in &raw.codes {
            if codes.iter().any(|k| k.code == c.get_ref().code) {
                errors.push(err_at(
                    format!("code {} of `{name}` is listed twice", c.get_ref().code),
                    c.span().start,
                ));
            }
            let c2 = c.get_ref();
            codes.push(Code {
                code: c2.code,
                label: c2.label.clone(),
                valid: c2.valid,
            });
        }
        if ty.has_codes() && codes.is_empty() {
            errors.push(err_at(
                format!("variable `{name}` of type `{}` needs `codes`", ty.name()),
                start,
            ));
        }
        if !ty.has_codes() && !raw.codes.is_empty() {
            errors.push(err_at(
                format!(
                    "variable `{name}` of type `{}` cannot have `codes` (only single and rating)",
                    ty.name()
                ),
                raw.codes[0].span().start,
            ));
        }
        let options: Vec<MultiOption> = raw
            .options
            .iter()
            .map(|o| MultiOption {
                column: o.get_ref().column.clone(),
                label: o.get_ref().label.clone(),
            })
            .collect();
        if ty == VariableType::Multi && options.is_empty() {
            errors.push(err_at(
                format!("multiple-choice variable `{name}` needs `options`"),
                start,
            ));
        }
        if ty != VariableType::Multi && !options.is_empty() {
            errors.push(err_at(
                format!(
                    "only multiple-choice variables have `options` (`{name}` is `{}`)",
                    ty.name()
                ),
                raw.options[0].span().start,
            ));
        }
        let mut groups = Vec::new();
        for g in &raw.groups {
            let g2 = g.get_ref();
            for code in &g2.codes {
                if !codes.iter().any(|c| c.code == *code) {
                    errors.push(err_at(
                        format!(
                            "group `{}` of `{name}` names code {code}, which is not in `codes`",
                            g2.label
                        ),
                        g.span().start,
                    ));
                }
            }
            groups.push(Group {
                label: g2.label.clone(),
                codes: g2.codes.clone(),
            });
        }
        for o in &options {
            if let Some(other) = book.option_columns.insert(o.column.clone(), name.clone()) {
                errors.push(err_at(
                    format!(
                        "option column `{}` is used by both `{other}` and `{name}`",
                        o.column
                    ),
                    start,
                ));
            }
        }
        let location = lines.location(path, start);
        book.variables.insert(
            name.clone(),
            Variable {
                name,
                question: raw.question.unwrap_or_default(),
                ty,
                codes,
                missing: raw.missing,
                options,
                groups,
                location,
            },
        );
    }
    for (name, spanned) in raw.attributes {
        let start = spanned.span().start;
        let raw = spanned.into_inner();
        let ty = match raw.ty.as_ref().map(|t| t.get_ref().as_str()) {
            None | Some("number") => AttributeType::Number,
            Some("category") => AttributeType::Category,
            Some(other) => {
                let offset = raw.ty.as_ref().map_or(start, |t| t.span().start);
                errors.push(
                    err_at(
                        format!("attribute `{name}` has unknown type `{other}`"),
                        offset,
                    )
                    .with_help("attribute types are `number` and `category`"),
                );
                continue;
            }
        };
        let bins: Vec<Bin> = raw
            .bins
            .iter()
            .map(|b| {
                let b = b.get_ref();
                Bin {
                    label: b.label.clone(),
                    min: b.min,
                    max: b.max,
                    under: b.under,
                }
            })
            .collect();
        if ty == AttributeType::Category && !bins.is_empty() {
            errors.push(err_at(
                format!("category attribute `{name}` cannot have `bins` (use `codes` for labels)"),
                raw.bins[0].span().start,
            ));
        }
        let categories = raw
            .codes
            .iter()
            .map(|c| (category_key(&c.code), c.label.clone()))
            .collect();
        let location = lines.location(path, start);
        book.attributes.insert(
            name.clone(),
            Attribute {
                label: raw.label.unwrap_or_else(|| name.clone()),
                name,
                ty,
                bins,
                categories,
                location,
            },
        );
    }
    if errors.is_empty() {
        Ok(book)
    } else {
        Err(errors)
    }
}

/// The text key of a category value (`1`, `1.0` and `"1"` are all `1`).
pub fn category_key(value: &toml::Value) -> String {
    match value {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => normalise_category(&f.to_string()),
        toml::Value::String(s) => normalise_category(s),
        other => other.to_string(),
    }
}

/// Normalise a category cell: numbers lose a trailing `.0` / `,0`.
pub fn normalise_category(text: &str) -> String {
    let t = text.trim();
    match crate::format::parse_number(t) {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = r#"
[variables.resultatmaal]
question = "Har kommunen et resultatmål?"
type = "single"
codes = [{ code = 1, label = "Ja" }, { code = 2, label = "Nei" }]
missing = [9]

[variables.nytte]
type = "rating"
codes = [{ code = 1, label = "Dårlig" }, { code = 2, label = "God" }, { code = 6, label = "Ikke relevant", valid = false }]
groups = [{ label = "God", codes = [2] }]

[variables.naer]
type = "multi"
options = [{ column = "naer_a", label = "A" }, { column = "naer_b", label = "B" }]

[attributes.innbyggere]
label = "Kommunestørrelse"
bins = [{ label = "Små", max = 1999 }, { label = "Store", min = 2000 }]

[attributes.sentralitet]
type = "category"
"#;

    #[test]
    fn parses_variables_and_attributes() {
        let book = parse(Path::new("kodebok.toml"), BOOK).unwrap();
        let v = book.variable("resultatmaal").unwrap();
        assert_eq!(v.ty, VariableType::Single);
        assert_eq!(v.label_of(2), Some("Nei"));
        assert_eq!(v.missing, vec![9]);
        assert_eq!(v.location.line, 2);
        let n = book.variable("nytte").unwrap();
        assert!(!n.code(6).unwrap().valid);
        assert_eq!(n.groups[0].codes, vec![2]);
        assert_eq!(book.variable_of_option("naer_b").unwrap().name, "naer");
        let a = book.attribute("innbyggere").unwrap();
        assert!(a.bins[0].contains(1999.0) && !a.bins[0].contains(2000.0));
        assert_eq!(
            book.attribute("sentralitet").unwrap().ty,
            AttributeType::Category
        );
    }

    #[test]
    fn unknown_key_is_located_with_suggestion() {
        let text = "[variables.x]\ntype = \"single\"\nqestion = \"?\"\ncodes = [{ code = 1, label = \"Ja\" }]\n";
        let errs = parse(Path::new("k.toml"), text).unwrap_err();
        assert_eq!(errs[0].location().unwrap().line, 3);
        assert_eq!(errs[0].help(), Some("did you mean `question`?"));
    }

    #[test]
    fn unknown_type_and_bad_group() {
        let text = "[variables.x]\ntype = \"singel\"\n[variables.y]\ntype = \"single\"\ncodes = [{ code = 1, label = \"Ja\" }]\ngroups = [{ label = \"G\", codes = [7] }]\n";
        let errs = parse(Path::new("k.toml"), text).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].location().unwrap().line, 2);
        assert_eq!(errs[0].help(), Some("did you mean `single`?"));
        assert!(errs[1].to_string().contains("code 7"));
    }

    #[test]
    fn category_keys_normalise() {
        assert_eq!(normalise_category("1,0"), "1");
        assert_eq!(normalise_category(" 3 "), "3");
        assert_eq!(normalise_category("bydel"), "bydel");
        assert_eq!(category_key(&toml::Value::Integer(4)), "4");
    }
}
