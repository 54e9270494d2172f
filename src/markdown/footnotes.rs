//! Footnotes: numbered in order of first reference, collected at the end of
//! the chapter with back-links.

use std::collections::BTreeMap;

/// Footnote state of one chapter.
#[derive(Debug, Default)]
pub struct Footnotes {
    /// label → number, in order of first reference.
    numbers: BTreeMap<String, usize>,
    /// label → how many times it has been referenced.
    references: BTreeMap<String, usize>,
    /// label → rendered HTML of the definition.
    definitions: BTreeMap<String, String>,
    prefix: String,
}

impl Footnotes {
    pub fn new(prefix: &str) -> Self {
        Footnotes {
            prefix: prefix.to_string(),
            ..Default::default()
        }
    }

    /// The HTML of a reference to `label`.
    pub fn reference(&mut self, label: &str) -> String {
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(label.to_string()).or_insert(next);
        let count = {
            let c = self.references.entry(label.to_string()).or_insert(0);
            *c += 1;
            *c
        };
        let id = self.ref_id(label, count);
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{p}{l}\" id=\"{id}\">{number}</a></sup>",
            p = self.prefix,
            l = label_id(label),
        )
    }

    pub fn define(&mut self, label: &str, html: String) {
        self.definitions.insert(label.to_string(), html);
    }

    fn ref_id(&self, label: &str, count: usize) -> String {
        if count == 1 {
            format!("fnref-{}{}", self.prefix, label_id(label))
        } else {
            format!("fnref-{}{}-{count}", self.prefix, label_id(label))
        }
    }

    /// Labels defined but never referenced.
    pub fn unused(&self) -> Vec<String> {
        self.definitions
            .keys()
            .filter(|l| !self.numbers.contains_key(*l))
            .cloned()
            .collect()
    }

    /// The footnote section, or "" if there are none.
    pub fn section(&self, heading: &str, back_label: &str, heading_level: u8) -> String {
        if self.numbers.is_empty() {
            return String::new();
        }
        let mut ordered: Vec<(&String, &usize)> = self.numbers.iter().collect();
        ordered.sort_by_key(|(_, n)| **n);
        let mut out = format!(
            "<section class=\"footnotes\" aria-labelledby=\"{p}fotnoter\">\n<h{h} id=\"{p}fotnoter\">{heading}</h{h}>\n<ol>\n",
            p = self.prefix,
            h = heading_level,
        );
        for (label, _) in ordered {
            let body = self
                .definitions
                .get(label)
                .map(String::as_str)
                .unwrap_or("");
            let back = format!(
                " <a href=\"#{}\" class=\"footnote-back\" aria-label=\"{back_label}\">↩</a>",
                self.ref_id(label, 1)
            );
            let body = match body.trim_end().strip_suffix("</p>") {
                Some(head) => format!("{head}{back}</p>"),
                None => format!("{body}{back}"),
            };
            out.push_str(&format!(
                "<li id=\"fn-{}{}\">{}</li>\n",
                self.prefix,
                label_id(label),
                body.trim()
            ));
        }
        out.push_str("</ol>\n</section>\n");
        out
    }
}

fn label_id(label: &str) -> String {
    super::slug::slugify(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_reference_order_with_backlinks() {
        let mut f = Footnotes::new("c1-");
        assert!(f.reference("b").contains(">1</a>"));
        assert!(f.reference("a").contains(">2</a>"));
        assert!(f.reference("b").contains("id=\"fnref-c1-b-2\""));
        f.define("a", "<p>A.</p>".into());
        f.define("b", "<p>B.</p>".into());
        f.define("c", "<p>C.</p>".into());
        let s = f.section("Fotnoter", "Tilbake", 2);
        let b = s.find("fn-c1-b").unwrap();
        let a = s.find("fn-c1-a").unwrap();
        assert!(b < a);
        assert!(s.contains("B. <a href=\"#fnref-c1-b\" class=\"footnote-back\""));
        assert_eq!(f.unused(), vec!["c".to_string()]);
    }
}
