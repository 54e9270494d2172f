//! Heading anchors: Norwegian letters slugged sensibly.

/// `Om konsistens i svar over tid` → `om-konsistens-i-svar-over-tid`;
/// `æ` → `ae`, `ø` → `o`, `å` → `a`; other letters lose their accents.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match ch {
            'æ' => "ae",
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => "o",
            'å' | 'ä' | 'á' | 'à' | 'â' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' | 'ú' | 'ù' | 'û' => "u",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ç' => "c",
            'ñ' => "n",
            c if c.is_ascii_alphanumeric() => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c);
                continue;
            }
            _ => {
                dash = true;
                continue;
            }
        };
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        out.push_str(mapped);
    }
    if out.is_empty() {
        out.push_str("seksjon");
    }
    out
}

/// Hands out unique ids within one page: `x`, `x-2`, `x-3`.
#[derive(Debug, Default)]
pub struct UniqueIds {
    used: std::collections::BTreeMap<String, usize>,
}

impl UniqueIds {
    pub fn claim(&mut self, base: &str) -> String {
        let count = self.used.entry(base.to_string()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base.to_string()
        } else {
            format!("{base}-{count}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters() {
        assert_eq!(
            slugify("Bakteppe: svingninger på migrasjons- og integreringsfeltet"),
            "bakteppe-svingninger-pa-migrasjons-og-integreringsfeltet"
        );
        assert_eq!(slugify("Næringsliv og økonomi"), "naeringsliv-og-okonomi");
        assert_eq!(slugify("Å være «god»!"), "a-vaere-god");
        assert_eq!(slugify("???"), "seksjon");
    }

    #[test]
    fn unique() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.claim("a"), "a");
        assert_eq!(ids.claim("a"), "a-2");
        assert_eq!(ids.claim("b"), "b");
    }
}
