//! JSON-stat 2.0 (the format of Statistics Norway's API) for register time
//! series: one time dimension (rows) and the other dimensions' combinations
//! as series.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::error::DataError;
use crate::error::{Error, Location};

/// A register time series table.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub id: String,
    pub path: PathBuf,
    /// The dataset's label, if any.
    pub label: Option<String>,
    /// The dataset's `source`, if any.
    pub source: Option<String>,
    /// Time labels (`2009`, …) in order.
    pub times: Vec<String>,
    /// Series labels in order.
    pub labels: Vec<String>,
    /// `values[time][series]`.
    pub values: Vec<Vec<Option<f64>>>,
}

struct Dimension {
    id: String,
    codes: Vec<String>,
    labels: Vec<String>,
}

/// Read a JSON-stat 2.0 file.
pub fn read(id: &str, path: &Path) -> Result<Series, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    parse(id, path, &text)
}

/// Parse JSON-stat 2.0 text (class `dataset`, or a bundle holding one dataset).
pub fn parse(id: &str, path: &Path, text: &str) -> Result<Series, Error> {
    let fail = |msg: String| {
        Error::new(DataError::Invalid(format!("{}: {msg}", path.display())))
            .at(Location::file(path))
            .with_help("register series are JSON-stat 2.0 datasets (as from SSB's API)")
    };
    let root: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(DataError::Invalid(format!(
            "{} is not valid JSON: {e}",
            path.display()
        )))
        .at(Location::new(path, e.line(), e.column()))
    })?;
    let ds = if root.get("dimension").is_some() {
        &root
    } else {
        let found: Vec<&Value> = root
            .as_object()
            .map(|o| {
                o.values()
                    .filter(|v| v.get("dimension").is_some())
                    .collect()
            })
            .unwrap_or_default();
        match found.as_slice() {
            [one] => *one,
            [] => return Err(fail("no JSON-stat dataset found".into())),
            _ => {
                return Err(fail(
                    "the bundle holds several datasets; keep one per file".into(),
                ))
            }
        }
    };
    let ids: Vec<String> = ds
        .get("id")
        .and_then(Value::as_array)
        .ok_or_else(|| fail("missing `id` array".into()))?
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect();
    let sizes: Vec<usize> = ds
        .get("size")
        .and_then(Value::as_array)
        .ok_or_else(|| fail("missing `size` array".into()))?
        .iter()
        .map(|v| v.as_u64().unwrap_or(0) as usize)
        .collect();
    if ids.len() != sizes.len() || ids.is_empty() {
        return Err(fail("`id` and `size` differ in length".into()));
    }
    let mut dims = Vec::new();
    for (d, size) in ids.iter().zip(&sizes) {
        let dim = dimension(ds, d)
            .ok_or_else(|| fail(format!("dimension `{d}` has no category index")))?;
        if dim.codes.len() != *size {
            return Err(fail(format!(
                "dimension `{d}` has {} categories but size {size}",
                dim.codes.len()
            )));
        }
        dims.push(dim);
    }
    let total: usize = sizes.iter().product();
    let values = read_values(ds, total)
        .ok_or_else(|| fail("`value` is neither an array nor an object".into()))?;
    let time = time_dimension(ds, &dims);
    let others: Vec<usize> = (0..dims.len())
        .filter(|&d| d != time && dims[d].codes.len() > 1)
        .collect();
    let label = ds.get("label").and_then(Value::as_str).map(str::to_string);
    let mut labels = Vec::new();
    let mut combos: Vec<Vec<usize>> = vec![vec![]];
    for &d in &others {
        combos = combos
            .into_iter()
            .flat_map(|c| (0..dims[d].codes.len()).map(move |i| [c.clone(), vec![i]].concat()))
            .collect();
    }
    for combo in &combos {
        let parts: Vec<&str> = combo
            .iter()
            .zip(&others)
            .map(|(i, d)| dims[*d].labels[*i].as_str())
            .collect();
        labels.push(if parts.is_empty() {
            label.clone().unwrap_or_else(|| id.to_string())
        } else {
            parts.join(", ")
        });
    }
    let strides: Vec<usize> = (0..dims.len())
        .map(|d| sizes[d + 1..].iter().product())
        .collect();
    let mut table = Vec::new();
    for t in 0..dims[time].codes.len() {
        let mut row = Vec::new();
        for combo in &combos {
            let mut pos = t * strides[time];
            for (i, d) in combo.iter().zip(&others) {
                pos += i * strides[*d];
            }
            row.push(values.get(pos).copied().flatten());
        }
        table.push(row);
    }
    Ok(Series {
        id: id.to_string(),
        path: path.to_path_buf(),
        source: ds.get("source").and_then(Value::as_str).map(str::to_string),
        label,
        times: dims[time].labels.clone(),
        labels,
        values: table,
    })
}

fn dimension(ds: &Value, id: &str) -> Option<Dimension> {
    let category = ds.get("dimension")?.get(id)?.get("category")?;
    let mut codes: Vec<String> = match category.get("index") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect(),
        Some(Value::Object(o)) => {
            let mut pairs: Vec<(u64, String)> = o
                .iter()
                .map(|(k, v)| (v.as_u64().unwrap_or(0), k.clone()))
                .collect();
            pairs.sort();
            pairs.into_iter().map(|(_, k)| k).collect()
        }
        _ => Vec::new(),
    };
    let label_map = category.get("label").and_then(Value::as_object);
    if codes.is_empty() {
        // A single category may be given by its label alone.
        codes = label_map
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
    }
    if codes.is_empty() {
        return None;
    }
    let labels = codes
        .iter()
        .map(|c| {
            label_map
                .and_then(|m| m.get(c))
                .and_then(Value::as_str)
                .unwrap_or(c)
                .to_string()
        })
        .collect();
    Some(Dimension {
        id: id.to_string(),
        codes,
        labels,
    })
}

fn time_dimension(ds: &Value, dims: &[Dimension]) -> usize {
    let by_role = ds
        .get("role")
        .and_then(|r| r.get("time"))
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_str)
        .and_then(|t| dims.iter().position(|d| d.id == t));
    let by_name = || {
        dims.iter().position(|d| {
            matches!(
                d.id.to_lowercase().as_str(),
                "tid" | "time" | "year" | "år" | "aar" | "periode"
            )
        })
    };
    by_role.or_else(by_name).unwrap_or(dims.len() - 1)
}

fn read_values(ds: &Value, total: usize) -> Option<Vec<Option<f64>>> {
    match ds.get("value")? {
        Value::Array(a) => Some(a.iter().map(Value::as_f64).collect()),
        Value::Object(o) => {
            let mut out = vec![None; total];
            for (k, v) in o {
                if let Ok(i) = k.parse::<usize>() {
                    if i < total {
                        out[i] = v.as_f64();
                    }
                }
            }
            Some(out)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SSB: &str = r#"{
      "class": "dataset", "version": "2.0", "label": "Register", "source": "SSB",
      "id": ["Region", "ContentsCode", "Tid"], "size": [1, 2, 3],
      "role": { "time": ["Tid"], "metric": ["ContentsCode"] },
      "dimension": {
        "Region": { "category": { "index": { "0": 0 }, "label": { "0": "Hele landet" } } },
        "ContentsCode": { "category": { "index": { "Bos": 1, "Asyl": 0 },
                                         "label": { "Asyl": "Asylsøknader", "Bos": "Bosettinger" } } },
        "Tid": { "category": { "index": ["2009", "2010", "2011"] } }
      },
      "value": [1, 2, 3, 10, null, 30]
    }"#;

    #[test]
    fn reads_ssb_style_dataset() {
        let s = parse("register", Path::new("r.json"), SSB).unwrap();
        assert_eq!(s.times, vec!["2009", "2010", "2011"]);
        assert_eq!(s.labels, vec!["Asylsøknader", "Bosettinger"]);
        assert_eq!(s.values[0], vec![Some(1.0), Some(10.0)]);
        assert_eq!(s.values[1], vec![Some(2.0), None]);
        assert_eq!(s.values[2], vec![Some(3.0), Some(30.0)]);
        assert_eq!(s.source.as_deref(), Some("SSB"));
    }

    #[test]
    fn sparse_values_and_bad_json() {
        let t = SSB.replace("[1, 2, 3, 10, null, 30]", "{\"0\": 5, \"5\": 6}");
        let s = parse("r", Path::new("r.json"), &t).unwrap();
        assert_eq!(s.values[0], vec![Some(5.0), None]);
        assert_eq!(s.values[2], vec![None, Some(6.0)]);
        let e = parse("r", Path::new("r.json"), "{\n  \"id\": [").unwrap_err();
        assert_eq!(e.location().unwrap().line, 2);
        assert!(parse("r", Path::new("r.json"), "{}").is_err());
    }
}
