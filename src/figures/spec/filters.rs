//! `filter` of a figure spec: one condition or an array of conditions,
//! each in the form that fits its variable's type.

use serde::Deserialize;

/// One condition of `filter`: `{ variable = "resultatmaal", codes = [1] }`,
/// `{ variable = "tiltak", options = ["tiltak_2"] }` or
/// `{ variable = "resultatmaal_prosent", min = 50 }`.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterSpec {
    pub variable: String,
    pub rule: FilterRule,
}

/// What a unit's answer must be to be counted.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterRule {
    /// A single-choice or rating answer that is one of these codes.
    Codes(Vec<i64>),
    /// A multiple-choice question with at least one of these options
    /// (option columns) ticked.
    Options(Vec<String>),
    /// A number within the bounds (both inclusive; a missing bound is open).
    Range { min: Option<f64>, max: Option<f64> },
}

/// What `filter =` holds: one table or an array of tables.
pub(super) type RawFilters = OneOrMany<RawFilter>;

/// Shown with every malformed filter.
pub(super) const HELP: &str = "`codes = [1, 2]` for a single-choice or rating variable, `options = [\"column\"]` for a multiple-choice one, `min`/`max` for a number";

/// Each condition, or what is wrong with it ("filter 2 of 3: …").
pub(super) fn rules(raw: RawFilters) -> Vec<Result<FilterSpec, String>> {
    let count = raw.0.len();
    raw.0
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            r.rule().map_err(|msg| {
                if count > 1 {
                    format!("filter {} of {count}: {msg}", i + 1)
                } else {
                    format!("filter: {msg}")
                }
            })
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFilter {
    variable: String,
    codes: Option<Vec<i64>>,
    options: Option<Vec<String>>,
    min: Option<f64>,
    max: Option<f64>,
}

impl RawFilter {
    /// The rule this filter states, or what is wrong with it.
    fn rule(self) -> Result<FilterSpec, String> {
        let range = self.min.is_some() || self.max.is_some();
        let rule = match (self.codes, self.options, range) {
            (Some(codes), None, false) if !codes.is_empty() => FilterRule::Codes(codes),
            (None, Some(options), false) if !options.is_empty() => FilterRule::Options(options),
            (None, None, true) => {
                if let (Some(min), Some(max)) = (self.min, self.max) {
                    if min > max {
                        return Err(format!("its `min` ({min}) is above its `max` ({max})"));
                    }
                }
                FilterRule::Range {
                    min: self.min,
                    max: self.max,
                }
            }
            _ => {
                return Err(
                    "it needs exactly one of a non-empty `codes`, a non-empty `options`, or `min`/`max`"
                        .into(),
                )
            }
        };
        Ok(FilterSpec {
            variable: self.variable,
            rule,
        })
    }
}

/// A table or an array of tables (`filter = { … }` or `filter = [{ … }, { … }]`),
/// keeping the errors of the tables themselves.
pub(super) struct OneOrMany<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table or an array of tables")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|one| OneOrMany(vec![one]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(OneOrMany)
            }
        }
        deserializer.deserialize_any(Visit(std::marker::PhantomData))
    }
}
