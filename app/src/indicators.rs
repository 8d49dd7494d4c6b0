//! What the map can be coloured by. Every indicator sorts the areas into
//! at most four ordered levels; each level has a fill colour, a pattern and
//! a symbol, so that colour is never the only cue.

use crate::model::{Area, InfluencePlace, Progress, TourStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Indicator {
    ContactNamed,
    Place(InfluencePlace),
    Tour,
}

/// Ordered levels, from "nothing known" to "done".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    L0,
    L1,
    L2,
    L3,
}

impl Level {
    pub fn css(self) -> &'static str {
        match self {
            Level::L0 => "lvl0",
            Level::L1 => "lvl1",
            Level::L2 => "lvl2",
            Level::L3 => "lvl3",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Level::L0 => "?",
            Level::L1 => "–",
            Level::L2 => "◐",
            Level::L3 => "✓",
        }
    }
}

impl Indicator {
    pub const ALL: [Indicator; 7] = [
        Indicator::ContactNamed,
        Indicator::Place(InfluencePlace::Strategy),
        Indicator::Place(InfluencePlace::Hyte),
        Indicator::Tour,
        Indicator::Place(InfluencePlace::Grants),
        Indicator::Place(InfluencePlace::Premises),
        Indicator::Place(InfluencePlace::SoteCentres),
    ];

    pub fn key(self) -> &'static str {
        match self {
            Indicator::ContactNamed => "contact",
            Indicator::Tour => "tour",
            Indicator::Place(p) => p.key(),
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.key() == key)
    }

    /// The levels this indicator uses, for the legend.
    pub fn levels(self) -> &'static [Level] {
        match self {
            Indicator::ContactNamed => &[Level::L1, Level::L3],
            _ => &[Level::L0, Level::L1, Level::L2, Level::L3],
        }
    }

    pub fn level(self, area: &Area) -> Level {
        match self {
            Indicator::ContactNamed => {
                if area.contacts.person.is_some() {
                    Level::L3
                } else {
                    Level::L1
                }
            }
            Indicator::Place(place) => match area.places.get(place).status {
                Progress::Unknown => Level::L0,
                Progress::NotStarted => Level::L1,
                Progress::InProgress => Level::L2,
                Progress::Done => Level::L3,
            },
            Indicator::Tour => match area.tour.status {
                TourStatus::Unknown => Level::L0,
                TourStatus::Planned => Level::L1,
                TourStatus::Confirmed => Level::L2,
                TourStatus::Visited => Level::L3,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        let mut keys: Vec<_> = Indicator::ALL.iter().map(|i| i.key()).collect();
        for i in Indicator::ALL {
            assert_eq!(Indicator::from_key(i.key()), Some(i));
        }
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Indicator::ALL.len());
    }

    #[test]
    fn every_level_has_a_distinct_label() {
        for i in Indicator::ALL {
            let t = crate::text::t();
            let mut labels: Vec<_> = i
                .levels()
                .iter()
                .map(|l| t.indicator_level(i, *l))
                .collect();
            labels.dedup();
            assert_eq!(labels.len(), i.levels().len(), "{i:?}");
        }
    }
}
