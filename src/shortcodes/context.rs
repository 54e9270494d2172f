//! What a shortcode can see while it renders.

use crate::figures::ComputedEdition;

/// The page being rendered and the edition's computed results.
pub struct Context<'a> {
    computed: &'a ComputedEdition,
    year: i32,
}

impl<'a> Context<'a> {
    pub fn new(computed: &'a ComputedEdition, year: i32) -> Self {
        Context { computed, year }
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
}
