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

/// An inclusive range of days. An end nobody wrote is open; it is `Date::MIN` or
/// `Date::MAX`, so intersection and union need no special cases for it, and a flag keeps it
/// apart from those days written as dates (`end = 9999-12-31` is a term that ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    pub start: Date,
    pub end: Date,
    /// Whether each end is a day someone named; always so for any day but `Date::MIN`
    /// (start) or `Date::MAX` (end), so that equal days compare equal.
    start_named: bool,
    end_named: bool,
}

impl Interval {
    pub const ALWAYS: Interval = Interval {
        start: Date::MIN,
        end: Date::MAX,
        start_named: false,
        end_named: false,
    };

    fn with_ends(
        (start, start_named): (Date, bool),
        (end, end_named): (Date, bool),
    ) -> Option<Interval> {
        (start <= end).then_some(Interval {
            start,
            end,
            start_named: start_named || start != Date::MIN,
            end_named: end_named || end != Date::MAX,
        })
    }

    fn start_end(&self) -> (Date, bool) {
        (self.start, self.start_named)
    }

    fn end_end(&self) -> (Date, bool) {
        (self.end, self.end_named)
    }

    /// `None` when `end` precedes `start`; `Date::MIN` and `Date::MAX` are open ends.
    pub fn new(start: Date, end: Date) -> Option<Interval> {
        Interval::with_ends((start, false), (end, false))
    }

    /// From the days a plan or pack writes: an absent bound is open, a written one is a
    /// day, even the last day there is.
    pub fn from_bounds(start: Option<Date>, end: Option<Date>) -> Option<Interval> {
        Interval::with_ends(
            (start.unwrap_or(Date::MIN), start.is_some()),
            (end.unwrap_or(Date::MAX), end.is_some()),
        )
    }

    pub fn day(date: Date) -> Interval {
        Interval {
            start: date,
            end: date,
            start_named: true,
            end_named: true,
        }
    }

    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }

    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        Interval::with_ends(
            later(self.start_end(), other.start_end()),
            earlier(self.end_end(), other.end_end()),
        )
    }

    /// The same interval starting no earlier than `date`.
    pub fn starting_no_earlier_than(&self, date: Date) -> Option<Interval> {
        Interval::with_ends(later(self.start_end(), (date, true)), self.end_end())
    }

    /// The same interval ending no later than `date`.
    pub fn ending_no_later_than(&self, date: Date) -> Option<Interval> {
        Interval::with_ends(self.start_end(), earlier(self.end_end(), (date, true)))
    }

    pub fn open_start(&self) -> bool {
        !self.start_named
    }

    pub fn open_end(&self) -> bool {
        !self.end_named
    }
}

/// The later of two bounds; of equal days, a named one (an intersection is bounded where
/// either side is).
fn later(a: (Date, bool), b: (Date, bool)) -> (Date, bool) {
    match a.0.cmp(&b.0) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => (a.0, a.1 || b.1),
    }
}

/// The earlier of two bounds; of equal days, a named one.
fn earlier(a: (Date, bool), b: (Date, bool)) -> (Date, bool) {
    match a.0.cmp(&b.0) {
        std::cmp::Ordering::Less => a,
        std::cmp::Ordering::Greater => b,
        std::cmp::Ordering::Equal => (a.0, a.1 || b.1),
    }
}

/// Of two bounds a union reaches to, the outer one; of equal days, an open one.
fn outer(a: (Date, bool), b: (Date, bool), first: bool) -> (Date, bool) {
    let ordering = if first { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) };
    match ordering {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => (a.0, a.1 && b.1),
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
                merged = Interval::with_ends(
                    outer(iv.start_end(), merged.start_end(), true),
                    outer(iv.end_end(), merged.end_end(), false),
                )
                .unwrap_or(merged);
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
                kept.extend(Interval::with_ends(
                    iv.start_end(),
                    (day_before(cut.start), true),
                ));
            }
            if iv.end > cut.end {
                kept.extend(Interval::with_ends(
                    (day_after(cut.end), true),
                    iv.end_end(),
                ));
            }
        }
        self.intervals = kept;
    }

    /// The days of `within` not in this set.
    pub fn gaps_within(&self, within: &Interval) -> Vec<Interval> {
        let mut gaps = Vec::new();
        let mut cursor = within.start_end();
        for iv in self.intersect(within).intervals {
            if iv.start > cursor.0 {
                gaps.extend(Interval::with_ends(cursor, (day_before(iv.start), true)));
            }
            if iv.end == Date::MAX {
                return gaps;
            }
            cursor = (day_after(iv.end), true);
        }
        gaps.extend(Interval::with_ends(cursor, within.end_end()));
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
    fn a_written_last_day_is_kept_apart_from_an_open_end() {
        let last = Date::MAX;
        let written = Interval::from_bounds(Some(date(2026, 6, 1)), Some(last)).unwrap();
        let open = Interval::from_bounds(Some(date(2026, 6, 1)), None).unwrap();
        assert!(!written.open_end() && open.open_end());
        assert_eq!(written.to_string(), "from 2026-06-01 to 9999-12-31");
        assert_eq!(open.to_string(), "from 2026-06-01");
        // An intersection is bounded where either side is; a union is open where either is.
        assert_eq!(open.intersect(&written), Some(written));
        assert_eq!(Interval::ALWAYS.intersect(&written), Some(written));
        let union: DaySet = [written, open].into_iter().collect();
        assert_eq!(union.intervals(), [open]);
        // A gap that runs to a written last day ends there; one to an open end stays open.
        let granted: DaySet = [iv(date(2026, 6, 1), date(2032, 12, 31))]
            .into_iter()
            .collect();
        let gaps = granted.gaps_within(&written);
        assert_eq!(gaps.len(), 1);
        assert!(!gaps[0].open_end());
        assert!(granted.gaps_within(&open)[0].open_end());
        // Cutting days out keeps each remaining piece's own end.
        let mut cut: DaySet = [written].into_iter().collect();
        cut.remove(Interval::day(date(2027, 1, 1)));
        assert!(!cut.intervals()[1].open_end());
        assert!(Interval::from_bounds(None, None).unwrap().open_start());
        assert_eq!(Interval::from_bounds(None, None), Some(Interval::ALWAYS));
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
/// term is always whole days. A date in quotes (`"2026-07-01"`) is read as the date: editors
/// validate plans against the JSON Schema with TOML dates turned to strings, so they cannot
/// tell the two apart, and what the schema accepts the reader must load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TomlDate(pub Date);

impl TomlDate {
    /// A date written as text, `YYYY-MM-DD` as TOML writes one, and nothing looser.
    pub fn from_text(text: &str) -> Option<Self> {
        Self::from_datetime_value(text.parse::<toml::value::Datetime>().ok()?)
    }

    /// A TOML date without a time or offset.
    pub fn from_datetime_value(datetime: toml::value::Datetime) -> Option<Self> {
        Self::from_datetime::<serde::de::value::Error>(datetime).ok()
    }

    fn from_datetime<E: serde::de::Error>(datetime: toml::value::Datetime) -> Result<Self, E> {
        match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => {
                let year = i16::try_from(d.year).map_err(E::custom)?;
                let month = i8::try_from(d.month).map_err(E::custom)?;
                let day = i8::try_from(d.day).map_err(E::custom)?;
                Date::new(year, month, day).map(TomlDate).map_err(E::custom)
            }
            _ => Err(E::custom("expected a date without a time, like 2026-07-01")),
        }
    }
}

impl<'de> serde::Deserialize<'de> for TomlDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = TomlDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date like 2026-07-01")
            }
            // A quoted date, read as TOML reads a bare one: YYYY-MM-DD, the schema's
            // `full-date`, and nothing looser.
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<TomlDate, E> {
                let datetime = text
                    .parse::<toml::value::Datetime>()
                    .map_err(|_| E::custom("expected a date like 2026-07-01"))?;
                TomlDate::from_datetime(datetime)
            }
            // A TOML date: the toml crate hands it over as a one-entry map.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<TomlDate, A::Error> {
                use serde::Deserialize;
                let datetime = toml::value::Datetime::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                TomlDate::from_datetime(datetime)
            }
        }
        deserializer.deserialize_any(Visitor)
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
