//! What a shortcode can see while it renders.

use crate::figures::ComputedEdition;
use crate::render::placements::Placements;

/// The page being rendered and the edition's computed results.
pub struct Context<'a> {
    computed: &'a ComputedEdition,
    year: i32,
    placements: Option<&'a Placements>,
    /// The slug of the chapter page being rendered; `None` on the whole-report
    /// page, where every figure is on the page.
    chapter: Option<&'a str>,
}

impl<'a> Context<'a> {
    pub fn new(computed: &'a ComputedEdition, year: i32) -> Self {
        Context {
            computed,
            year,
            placements: None,
            chapter: None,
        }
    }

    /// The figure and table placements of the edition, and the page being rendered.
    pub fn on_page(mut self, placements: &'a Placements, chapter: Option<&'a str>) -> Self {
        self.placements = Some(placements);
        self.chapter = chapter;
        self
    }

    /// This edition's computed figures and tables, with access to the data of
    /// earlier editions for over-time values.
    pub fn computed(&self) -> &'a ComputedEdition {
        self.computed
    }

    /// The year of the edition being rendered.
    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn placements(&self) -> Option<&'a Placements> {
        self.placements
    }

    pub fn chapter(&self) -> Option<&'a str> {
        self.chapter
    }
}
