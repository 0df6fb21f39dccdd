//! A table of running totals of working days, for lookups without walking.

use super::*;

/// The announced days of one year: holidays (days off, weekends inside a
/// holiday period included) and make-up working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) first: NaiveDate,
    pub(crate) last_year: i32,
    /// `prefix[i]`: the working days in `[first, first + i]`.
    pub(crate) prefix: Vec<u32>,
}

impl Table {
    pub(crate) fn first_year(&self) -> i32 {
        self.first.year()
    }

    pub(crate) fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            date,
            first: self.first_year(),
            last: self.last_year,
        }
    }

    pub(crate) fn index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        let i = (date - self.first).num_days();
        usize::try_from(i)
            .ok()
            .filter(|&i| i < self.prefix.len())
            .ok_or_else(|| self.out_of_range(date))
    }

    pub(crate) fn count_at(&self, i: usize) -> u32 {
        self.prefix.get(i).copied().unwrap_or(0)
    }

    pub(crate) fn is_working(&self, i: usize) -> bool {
        let before = i.checked_sub(1).map_or(0, |j| self.count_at(j));
        self.count_at(i) > before
    }

    /// Builds the prefix table for `[first, 31 December of last_year]`
    /// from the days whose status differs from the week's.
    pub(crate) fn build(
        first: NaiveDate,
        last_year: i32,
        exceptions: &[(NaiveDate, bool)],
    ) -> Table {
        let end = NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap_or(first);
        let mut prefix =
            Vec::with_capacity(usize::try_from((end - first).num_days() + 1).unwrap_or(0));
        let mut count = 0u32;
        let mut date = first;
        loop {
            let weekday = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            let working = exceptions
                .binary_search_by_key(&date, |&(d, _)| d)
                .ok()
                .and_then(|i| exceptions.get(i))
                .map_or(weekday, |&(_, w)| w);
            count += u32::from(working);
            prefix.push(count);
            match date.succ_opt() {
                Some(next) if next <= end => date = next,
                _ => break,
            }
        }
        Table {
            first,
            last_year,
            prefix,
        }
    }
}
