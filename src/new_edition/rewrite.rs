//! Text rewrites for next year's copy: `utgave.toml` (year, title, period)
//! and absolute edition years in shortcodes and panel specs, made relative so
//! they roll forward by themselves. Every rewrite keeps the file's layout.

/// A changed line, for the report to the analyst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    /// 1-based line number in the copied file.
    pub line: usize,
    pub before: String,
    pub after: String,
}

/// `utgave.toml` for `year`: `year = ` set, `from` replaced by `year` in
/// `title`, every date of `period` (and `start`/`end` lines) moved by the
/// difference in years.
pub fn edition_meta(text: &str, from: i32, year: i32) -> String {
    let shift = year - from;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let key = line.trim_start().split(['=', ' ']).next().unwrap_or("");
        let new = match key {
            "year" => replace_year_value(line, year),
            "title" => line.replace(&from.to_string(), &year.to_string()),
            "period" | "start" | "end" => shift_dates(line, shift),
            _ => line.to_string(),
        };
        out.push_str(&new);
    }
    out
}

fn replace_year_value(line: &str, year: i32) -> String {
    match line.find('=') {
        Some(eq) => {
            let end = line.trim_end_matches(['\n', '\r']).len();
            let rest = &line[eq + 1..end];
            let comment = rest.find('#').map(|i| &rest[i..]).unwrap_or("");
            let sep = if comment.is_empty() { "" } else { " " };
            format!("{} {year}{sep}{comment}{}", &line[..=eq], &line[end..])
        }
        None => line.to_string(),
    }
}

/// Every `YYYY-MM-DD` in `line` moved by `shift` years (29 February becomes 28).
pub fn shift_dates(line: &str, shift: i32) -> String {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < b.len() {
        if i + 10 <= b.len() && is_date(&b[i..i + 10]) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let y: i32 = line[i..i + 4].parse().unwrap_or(0);
            let mut md = line[i + 4..i + 10].to_string();
            let ny = y + shift;
            if md == "-02-29" && !leap(ny) {
                md = "-02-28".into();
            }
            out.push_str(&format!("{ny:04}{md}"));
            i += 10;
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn is_date(s: &[u8]) -> bool {
    s.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    })
}

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Absolute years in `utgave=`, `fra=` and `til=` of shortcodes made relative
/// to `from` (`utgave=2016` in 2018 → `utgave=-2`), so the copy refers to the
/// same distance back. Escaped shortcodes (`{{/* … */}}`) are left alone.
pub fn chapter(text: &str, from: i32) -> (String, Vec<Rewrite>) {
    rewrite_lines(text, |line| {
        let mut out = String::new();
        let mut rest = line;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            let call = &rest[start..start + len + 2];
            out.push_str(&rest[..start]);
            if call.starts_with("{{/*") {
                out.push_str(call);
            } else {
                out.push_str(&relative_keys(call, &["utgave", "fra", "til"], from));
            }
            rest = &rest[start + len + 2..];
        }
        out.push_str(rest);
        out
    })
}

/// Absolute years in `editions = [...]` of `figurer.toml` made relative to `from`.
pub fn figure_specs(text: &str, from: i32) -> (String, Vec<Rewrite>) {
    rewrite_lines(text, |line| {
        let Some(at) = line.find("editions") else {
            return line.to_string();
        };
        let Some(open) = line[at..].find('[').map(|i| at + i) else {
            return line.to_string();
        };
        let Some(close) = line[open..].find(']').map(|i| open + i) else {
            return line.to_string();
        };
        let items: Vec<String> = line[open + 1..close]
            .split(',')
            .map(|item| {
                let t = item.trim();
                match t.parse::<i64>() {
                    Ok(y) if y.abs() >= 100 => {
                        let lead = &item[..item.len() - item.trim_start().len()];
                        let tail = &item[item.trim_end().len()..];
                        format!("{lead}{}{tail}", y - i64::from(from))
                    }
                    _ => item.to_string(),
                }
            })
            .collect();
        format!("{}{}{}", &line[..=open], items.join(","), &line[close..])
    })
}

fn rewrite_lines(text: &str, f: impl Fn(&str) -> String) -> (String, Vec<Rewrite>) {
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let new = f(line);
        if new != line {
            changes.push(Rewrite {
                line: i + 1,
                before: line.trim_end().to_string(),
                after: new.trim_end().to_string(),
            });
        }
        out.push_str(&new);
    }
    (out, changes)
}

/// `key=2016` → `key=-2` (relative to `from`) for each key in `call`.
fn relative_keys(call: &str, keys: &[&str], from: i32) -> String {
    let b = call.as_bytes();
    let mut out = String::with_capacity(call.len());
    let mut i = 0;
    'scan: while i < b.len() {
        for key in keys {
            let boundary = i == 0 || matches!(b[i - 1], b'(' | b',' | b' ' | b'\t');
            if boundary && call[i..].starts_with(key) {
                let mut j = i + key.len();
                while j < b.len() && b[j] == b' ' {
                    j += 1;
                }
                if j < b.len() && b[j] == b'=' {
                    j += 1;
                    while j < b.len() && b[j] == b' ' {
                        j += 1;
                    }
                    let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
                    if digits >= 3 {
                        if let Ok(y) = call[j..j + digits].parse::<i64>() {
                            out.push_str(&call[i..j]);
                            out.push_str(&(y - i64::from(from)).to_string());
                            i = j + digits;
                            continue 'scan;
                        }
                    }
                }
            }
        }
        let c = call[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Lines of `figurer.toml` whose `editions = [...]` skip an edition
/// (`[-2, 0]`): a question asked only in some years, so the copy's panel
/// may name a year without the question.
pub fn gapped_panels(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(at) = line.find("editions") else {
            continue;
        };
        let inner = line[at..]
            .split_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(inner, _)| inner);
        let Some(inner) = inner else { continue };
        let mut years: Vec<i64> = inner
            .split(',')
            .filter_map(|t| t.trim().parse().ok())
            .collect();
        years.sort_unstable();
        if years.windows(2).any(|w| w[1] - w[0] > 1) {
            found.push((i + 1, line.trim().to_string()));
        }
    }
    found
}

/// Lines of prose (outside shortcodes) that mention a year between
/// `from - 10` and `from + 1`: the analyst should read them.
pub fn prose_years(text: &str, from: i32) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut prose = String::new();
        let mut rest = line;
        while let Some(s) = rest.find("{{") {
            prose.push_str(&rest[..s]);
            prose.push(' ');
            rest = rest[s..].find("}}").map_or("", |e| &rest[s + e + 2..]);
        }
        prose.push_str(rest);
        let has = prose
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse::<i32>().ok())
            .any(|y| (from - 10..=from + 1).contains(&y));
        if has {
            found.push((i + 1, line.to_string()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edition_meta_advances_year_title_and_period() {
        let text = "# kommentar 2018\ntitle = \"Kommuneundersøkelsen 2018\"\nyear = 2018 # år\nperiod = { start = 2018-12-05, end = 2019-01-23 }\nsummary = \"Om 2018.\"\n";
        let got = edition_meta(text, 2018, 2019);
        assert_eq!(
            got,
            "# kommentar 2018\ntitle = \"Kommuneundersøkelsen 2019\"\nyear = 2019 # år\nperiod = { start = 2019-12-05, end = 2020-01-23 }\nsummary = \"Om 2018.\"\n"
        );
    }

    #[test]
    fn leap_day_moves_to_28_february() {
        assert_eq!(shift_dates("start = 2016-02-29", 1), "start = 2017-02-28");
        assert_eq!(shift_dates("x 12016-02-01", 1), "x 12016-02-01");
    }

    #[test]
    fn shortcode_years_become_relative() {
        let text = "I 2016 var det {{ andel(figur=\"a\", svar=\"Ja\", utgave=2016) }} og {{ endring(figur=\"a\", svar=\"Ja\", fra = 2015, til=2018) }}.\n{{/* andel(utgave=2016) */}} {{ andel(figur=\"a\", utgave=-1) }}\n";
        let (out, changes) = chapter(text, 2018);
        assert_eq!(
            out,
            "I 2016 var det {{ andel(figur=\"a\", svar=\"Ja\", utgave=-2) }} og {{ endring(figur=\"a\", svar=\"Ja\", fra = -3, til=0) }}.\n{{/* andel(utgave=2016) */}} {{ andel(figur=\"a\", utgave=-1) }}\n"
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].line, 1);
    }

    #[test]
    fn panel_years_become_relative() {
        let (out, changes) = figure_specs(
            "panel = { editions = [2016, 2017, 0] }\nover_time = { editions = [-1, 0] }\n",
            2018,
        );
        assert_eq!(
            out,
            "panel = { editions = [-2, -1, 0] }\nover_time = { editions = [-1, 0] }\n"
        );
        assert_eq!(changes.len(), 1);
    }

    #[test]
    fn panels_that_skip_an_edition_are_found() {
        let text = "panel = { editions = [-2, 0] }\npanel = { editions = [-2, -1, 0] }\nover_time = { editions = [2015, 2017] }\n";
        let found = gapped_panels(text);
        assert_eq!(
            found.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }

    #[test]
    fn prose_years_are_found_outside_shortcodes() {
        let text = "I 2017 økte andelen.\n{{ andel(utgave=2017) }} prosent\nSiden 1990.\n";
        let found = prose_years(text, 2018);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 1);
    }
}
