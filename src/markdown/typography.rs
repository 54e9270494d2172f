//! Norwegian typography for prose text: straight double quotes become «»,
//! `--` an en dash, `...` an ellipsis, `'` an apostrophe. Quotes already
//! written as «» or “” are left as written.

/// Tracks whether the next straight quote opens or closes across text events.
#[derive(Debug, Default)]
pub struct Typography {
    open_quote: bool,
}

impl Typography {
    pub fn apply(&mut self, text: &str, previous: Option<char>) -> String {
        let mut out = String::with_capacity(text.len());
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        let mut prev = previous;
        while i < chars.len() {
            let c = chars[i];
            let replaced: Option<(char, usize)> = match c {
                '"' => {
                    let opens = !self.open_quote
                        && prev.is_none_or(|p| p.is_whitespace() || "([{–—/".contains(p));
                    self.open_quote = opens;
                    Some((if opens { '«' } else { '»' }, 1))
                }
                '\'' => Some(('’', 1)),
                '-' if chars.get(i + 1) == Some(&'-')
                    && chars.get(i + 2) != Some(&'-')
                    && (i == 0 || chars[i - 1] != '-') =>
                {
                    Some(('–', 2))
                }
                '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => {
                    Some(('…', 3))
                }
                _ => None,
            };
            match replaced {
                Some((r, n)) => {
                    out.push(r);
                    prev = Some(r);
                    i += n;
                }
                None => {
                    out.push(c);
                    prev = Some(c);
                    i += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dashes_ellipsis() {
        let mut t = Typography::default();
        assert_eq!(
            t.apply("Han sa \"ja\" -- og gikk... Det er Ola's.", None),
            "Han sa «ja» – og gikk… Det er Ola’s."
        );
        assert_eq!(
            t.apply("«allerede» og “slik”", None),
            "«allerede» og “slik”"
        );
        assert_eq!(t.apply("a---b", None), "a---b");
    }

    #[test]
    fn quote_state_carries_across_events() {
        let mut t = Typography::default();
        assert_eq!(t.apply("sa \"", None), "sa «");
        assert_eq!(t.apply("ja\"", Some('«')), "ja»");
    }
}
