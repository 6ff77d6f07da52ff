//! Days and sets of days: the calendar arithmetic of terms, windows and grants.
//!
//! Every interval is inclusive at both ends and counted in whole days; an open end is
//! `Date::MIN` or `Date::MAX`, so intersection and union need no special cases.

use std::fmt;

pub use jiff::civil::Date;

/// Today in the system's time zone, read once per process.
pub fn today() -> Date {
    static TODAY: std::sync::OnceLock<Date> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| jiff::ZonedDateTime::now().date())
}

/// The last day before `date`, or `date` itself at the start of time.
pub fn day_before(date: Date) -> Date {
    date.yesterday().unwrap_or(date)
}

/// The first day after `date`, or `date` itself at the end of time.
pub fn day_after(date: Date) -> Date {
    date.tomorrow().unwrap_or(date)
}

/// An inclusive range of days; `Date::MIN`/`Date::MAX` stand for an open end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    pub start: Date,
    pub end: Date,
}

impl Interval {
    pub const ALWAYS: Interval = Interval {
        start: Date::MIN,
        end: Date::MAX,
    };

    /// `None` when `end` precedes `start`.
    pub fn new(start: Date, end: Date) -> Option<Interval> {
        (start <= end).then_some(Interval { start, end })
    }

    pub fn from_bounds(start: Option<Date>, end: Option<Date>) -> Option<Interval> {
        Interval::new(start.unwrap_or(Date::MIN), end.unwrap_or(Date::MAX))
    }

    pub fn day(date: Date) -> Interval {
        Interval {
            start: date,
            end: date,
        }
    }

    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        Interval::new(self.start.max(other.start), self.end.min(other.end))
    }

    /// The same interval starting no earlier than `date`.
    pub fn starting_no_earlier_than(&self, date: Date) -> Option<Interval> {
        Interval::new(self.start.max(date), self.end)
    }

    /// The same interval ending no later than `date`.
    pub fn ending_no_later_than(&self, date: Date) -> Option<Interval> {
        Interval::new(self.start, self.end.min(date))
    }

    pub fn open_start(&self) -> bool {
        self.start == Date::MIN
    }

    pub fn open_end(&self) -> bool {
        self.end == Date::MAX
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.open_start(), self.open_end()) {
            (true, true) => write!(f, "at any time"),
            (true, false) => write!(f, "until {}", self.end),
            (false, true) => write!(f, "from {}", self.start),
            (false, false) if self.start == self.end => write!(f, "on {}", self.start),
            (false, false) => write!(f, "from {} to {}", self.start, self.end),
        }
    }
}

/// A union of intervals, kept sorted, disjoint and with adjacent days merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaySet {
    intervals: Vec<Interval>,
}

impl DaySet {
    pub fn new() -> Self {
        DaySet::default()
    }

    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    pub fn insert(&mut self, add: Interval) {
        let mut merged = add;
        let mut kept = Vec::with_capacity(self.intervals.len() + 1);
        for iv in self.intervals.drain(..) {
            // Touching intervals (one ends the day before the other starts) merge too.
            if day_after(iv.end) < merged.start || day_after(merged.end) < iv.start {
                kept.push(iv);
            } else {
                merged = Interval {
                    start: iv.start.min(merged.start),
                    end: iv.end.max(merged.end),
                };
            }
        }
        kept.push(merged);
        kept.sort();
        self.intervals = kept;
    }

    pub fn contains(&self, date: Date) -> bool {
        self.interval_containing(date).is_some()
    }

    pub fn interval_containing(&self, date: Date) -> Option<Interval> {
        self.intervals.iter().copied().find(|iv| iv.contains(date))
    }

    pub fn intersect(&self, within: &Interval) -> DaySet {
        DaySet {
            intervals: self
                .intervals
                .iter()
                .filter_map(|iv| iv.intersect(within))
                .collect(),
        }
    }

    pub fn first(&self) -> Option<Date> {
        self.intervals.first().map(|iv| iv.start)
    }

    pub fn last(&self) -> Option<Date> {
        self.intervals.last().map(|iv| iv.end)
    }

    /// This set without the days of `cut`.
    pub fn remove(&mut self, cut: Interval) {
        let mut kept = Vec::with_capacity(self.intervals.len() + 1);
        for iv in self.intervals.drain(..) {
            if iv.intersect(&cut).is_none() {
                kept.push(iv);
                continue;
            }
            // `cut` cannot start before Date::MIN nor end after Date::MAX, so the day
            // before or after it exists whenever a piece of `iv` lies there.
            if iv.start < cut.start {
                kept.extend(Interval::new(iv.start, day_before(cut.start)));
            }
            if iv.end > cut.end {
                kept.extend(Interval::new(day_after(cut.end), iv.end));
            }
        }
        self.intervals = kept;
    }

    /// The days of `within` not in this set.
    pub fn gaps_within(&self, within: &Interval) -> Vec<Interval> {
        let mut gaps = Vec::new();
        let mut cursor = within.start;
        for iv in self.intersect(within).intervals {
            if iv.start > cursor {
                gaps.extend(Interval::new(cursor, day_before(iv.start)));
            }
            if iv.end == Date::MAX {
                return gaps;
            }
            cursor = day_after(iv.end);
        }
        if cursor <= within.end {
            gaps.extend(Interval::new(cursor, within.end));
        }
        gaps
    }
}

impl FromIterator<Interval> for DaySet {
    fn from_iter<I: IntoIterator<Item = Interval>>(iter: I) -> Self {
        let mut set = DaySet::new();
        for iv in iter {
            set.insert(iv);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn iv(a: Date, b: Date) -> Interval {
        Interval::new(a, b).unwrap()
    }

    #[test]
    fn removing_days_splits_and_trims_intervals() {
        let mut set: DaySet = [
            iv(date(2026, 1, 1), date(2026, 1, 31)),
            iv(date(2026, 3, 1), date(2026, 3, 31)),
        ]
        .into_iter()
        .collect();
        set.remove(iv(date(2026, 1, 10), date(2026, 3, 5)));
        assert_eq!(
            set.intervals(),
            [
                iv(date(2026, 1, 1), date(2026, 1, 9)),
                iv(date(2026, 3, 6), date(2026, 3, 31)),
            ]
        );
        let mut all: DaySet = [iv(Date::MIN, Date::MAX)].into_iter().collect();
        all.remove(iv(Date::MIN, date(2026, 1, 1)));
        assert_eq!(all.intervals(), [iv(date(2026, 1, 2), Date::MAX)]);
        all.remove(iv(date(2025, 1, 1), Date::MAX));
        assert!(all.is_empty());
    }

    #[test]
    fn union_merges_overlapping_and_adjacent_days() {
        let set: DaySet = [
            iv(date(2026, 1, 1), date(2026, 1, 10)),
            iv(date(2026, 1, 11), date(2026, 1, 20)),
            iv(date(2026, 3, 1), date(2026, 3, 5)),
            iv(date(2026, 1, 5), date(2026, 1, 6)),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            set.intervals(),
            &[
                iv(date(2026, 1, 1), date(2026, 1, 20)),
                iv(date(2026, 3, 1), date(2026, 3, 5))
            ]
        );
    }

    #[test]
    fn union_is_order_independent() {
        let parts = [
            iv(date(2026, 3, 1), date(2026, 3, 5)),
            iv(date(2026, 1, 1), date(2026, 1, 10)),
            iv(date(2026, 1, 8), Date::MAX),
        ];
        let forward: DaySet = parts.into_iter().collect();
        let backward: DaySet = parts.into_iter().rev().collect();
        assert_eq!(forward, backward);
        assert_eq!(forward.intervals(), &[iv(date(2026, 1, 1), Date::MAX)]);
    }

    #[test]
    fn gaps_within_a_term() {
        let set: DaySet = [
            iv(date(2026, 2, 1), date(2026, 2, 10)),
            iv(date(2026, 3, 1), date(2026, 3, 31)),
        ]
        .into_iter()
        .collect();
        let term = iv(date(2026, 1, 15), date(2026, 4, 15));
        assert_eq!(
            set.gaps_within(&term),
            vec![
                iv(date(2026, 1, 15), date(2026, 1, 31)),
                iv(date(2026, 2, 11), date(2026, 2, 28)),
                iv(date(2026, 4, 1), date(2026, 4, 15)),
            ]
        );
        let open: DaySet = [iv(date(2026, 1, 1), Date::MAX)].into_iter().collect();
        assert!(
            open.gaps_within(&iv(date(2026, 1, 1), Date::MAX))
                .is_empty()
        );
    }

    #[test]
    fn interval_display_names_open_ends() {
        assert_eq!(Interval::ALWAYS.to_string(), "at any time");
        assert_eq!(
            iv(date(2026, 4, 27), Date::MAX).to_string(),
            "from 2026-04-27"
        );
        assert_eq!(
            iv(Date::MIN, date(2032, 12, 31)).to_string(),
            "until 2032-12-31"
        );
    }
}

/// A TOML local date as read by serde: a date with a time or offset is refused, so a
/// term is always whole days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TomlDate(pub Date);

impl<'de> serde::Deserialize<'de> for TomlDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let datetime = toml::value::Datetime::deserialize(deserializer)?;
        match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => {
                let year = i16::try_from(d.year).map_err(D::Error::custom)?;
                let month = i8::try_from(d.month).map_err(D::Error::custom)?;
                let day = i8::try_from(d.day).map_err(D::Error::custom)?;
                Date::new(year, month, day)
                    .map(TomlDate)
                    .map_err(D::Error::custom)
            }
            _ => Err(D::Error::custom(
                "expected a date without a time, like 2026-07-01",
            )),
        }
    }
}

/// A rule's window as `explain` and `policies` write it: `from 2026-04-27 until 2032-12-31`.
pub fn window_text(from: Option<Date>, until: Option<Date>) -> String {
    match (from, until) {
        (None, None) => "always".to_string(),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (Some(f), Some(u)) => format!("from {f} until {u}"),
    }
}
