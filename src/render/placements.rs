//! Where each figure and table is placed, its number, and its rendered block.
//!
//! Figures and tables are numbered in reading order across the whole
//! edition: the order of `figur`/`tabell` shortcodes in the chapters.

use std::collections::BTreeMap;

/// Figure or table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Figure,
    Table,
}

impl BlockKind {
    /// The anchor prefix: `figur-<id>` or `tabell-<id>`.
    pub fn anchor_prefix(self) -> &'static str {
        match self {
            BlockKind::Figure => "figur",
            BlockKind::Table => "tabell",
        }
    }
}

/// One placed figure or table.
#[derive(Debug, Clone)]
pub struct Placement {
    pub kind: BlockKind,
    pub number: u32,
    /// "Figur 4".
    pub label: String,
    /// The slug of the chapter it is placed in.
    pub chapter: String,
    /// The block's HTML (filled in after numbering).
    pub html: String,
}

impl Placement {
    pub fn anchor(&self, id: &str) -> String {
        format!("{}-{id}", self.kind.anchor_prefix())
    }
}

/// Every placement of an edition, by id.
#[derive(Debug, Default)]
pub struct Placements {
    by_id: BTreeMap<String, Placement>,
    order: Vec<String>,
}

/// Placing an id twice.
#[derive(Debug)]
pub struct PlacedTwice {
    pub first_chapter: String,
}

impl Placements {
    /// Add the next placement of `kind`; numbers count per kind.
    pub fn place(
        &mut self,
        id: &str,
        kind: BlockKind,
        label_word: &str,
        chapter: &str,
    ) -> Result<(), PlacedTwice> {
        if let Some(existing) = self.by_id.get(id) {
            return Err(PlacedTwice {
                first_chapter: existing.chapter.clone(),
            });
        }
        let number = self.by_id.values().filter(|p| p.kind == kind).count() as u32 + 1;
        self.by_id.insert(
            id.to_string(),
            Placement {
                kind,
                number,
                label: format!("{label_word} {number}"),
                chapter: chapter.to_string(),
                html: String::new(),
            },
        );
        self.order.push(id.to_string());
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Placement> {
        self.by_id.get(id)
    }

    pub fn set_html(&mut self, id: &str, html: String) {
        if let Some(p) = self.by_id.get_mut(id) {
            p.html = html;
        }
    }

    /// Placements in reading order.
    pub fn in_order(&self) -> impl Iterator<Item = (&str, &Placement)> {
        self.order
            .iter()
            .filter_map(|id| self.by_id.get(id).map(|p| (id.as_str(), p)))
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_per_kind_in_order() {
        let mut p = Placements::default();
        p.place("a", BlockKind::Figure, "Figur", "innledning")
            .unwrap();
        p.place("t", BlockKind::Table, "Tabell", "innledning")
            .unwrap();
        p.place("b", BlockKind::Figure, "Figur", "bosetting")
            .unwrap();
        assert_eq!(p.get("b").unwrap().label, "Figur 2");
        assert_eq!(p.get("t").unwrap().label, "Tabell 1");
        assert_eq!(p.get("t").unwrap().anchor("t"), "tabell-t");
        let err = p.place("a", BlockKind::Figure, "Figur", "x").unwrap_err();
        assert_eq!(err.first_chapter, "innledning");
    }
}
