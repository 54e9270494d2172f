//! Which chart kinds fit which figures, and the defaults.

use crate::results::ChartKind::{self, *};

/// What a figure shows, as far as the chart kind is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// One single-choice (or rating) distribution.
    Single,
    /// One multiple-choice distribution.
    Multi,
    /// Counts by value.
    Histogram,
    /// A cross-tab by attribute bins (`multi` = multiple choice).
    Breakdown { multi: bool },
    /// A distribution per edition.
    Panel,
    /// Rating items × groups (`one` = a single `show` series).
    Battery { one: bool },
    /// Rating items × editions.
    BatteryPanel,
    /// Register series over time.
    TimeSeries,
}

impl What {
    /// The kind used when the spec names none.
    pub fn default_kind(self) -> ChartKind {
        match self {
            What::Single | What::Multi => Bar,
            What::Histogram => Columns,
            What::Breakdown { multi: false } => Stacked,
            What::Breakdown { multi: true } => Grouped,
            What::Panel | What::BatteryPanel => Grouped,
            What::Battery { one: false } => Stacked,
            What::Battery { one: true } => Bar,
            What::TimeSeries => Line,
        }
    }

    /// The kinds that can draw it.
    pub fn allowed(self) -> &'static [ChartKind] {
        match self {
            What::Single => &[Pie, Donut, Bar, Columns],
            What::Multi => &[Bar, Columns],
            What::Histogram => &[Columns, Bar],
            What::Breakdown { multi: false } => &[Stacked, Grouped, Bar],
            What::Breakdown { multi: true } => &[Grouped, Bar],
            What::Panel | What::BatteryPanel => &[Grouped, Bar, Line],
            What::Battery { one: false } => &[Stacked, Grouped, Bar],
            What::Battery { one: true } => &[Bar, Columns],
            What::TimeSeries => &[Line, Columns, Bar, Grouped],
        }
    }

    /// Words for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            What::Single => "a single-choice distribution",
            What::Multi => "a multiple-choice question (its percents may sum to more than 100)",
            What::Histogram => "a histogram of counts",
            What::Breakdown { multi: false } => "a breakdown by attribute",
            What::Breakdown { multi: true } => {
                "a multiple-choice breakdown (percents may sum to more than 100)"
            }
            What::Panel => "a panel across editions",
            What::Battery { one: false } => "a rating battery",
            What::Battery { one: true } => "a battery showing one group",
            What::BatteryPanel => "a battery panel across editions",
            What::TimeSeries => "a register time series",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fit() {
        for w in [
            What::Single,
            What::Multi,
            What::Histogram,
            What::Breakdown { multi: false },
            What::Breakdown { multi: true },
            What::Panel,
            What::Battery { one: false },
            What::Battery { one: true },
            What::BatteryPanel,
            What::TimeSeries,
        ] {
            assert!(w.allowed().contains(&w.default_kind()), "{w:?}");
        }
        assert!(!What::Multi.allowed().contains(&Pie));
    }
}
