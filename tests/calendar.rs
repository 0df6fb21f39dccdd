//! Working-day calendars: the built-in table against its data file, the
//! trait's promises as properties, and deadlines.

use chrono::{Datelike, NaiveDate, TimeZone, Utc, Weekday};
use proptest::prelude::*;
use realname::calendar::{CalendarError, ChinaMainland, Duration, Weekdays, WorkCalendar, due};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every date from 2004 to 2026 answers as `data/cn-work-calendar.csv`
/// says, read here independently of the crate.
#[test]
fn mainland_table_agrees_with_the_data_file() {
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/cn-work-calendar.csv"
    ))
    .unwrap();
    let mut listed = std::collections::HashMap::new();
    for line in csv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("date,"))
    {
        let fields: Vec<&str> = line.split(',').collect();
        let date: NaiveDate = fields[0].parse().unwrap();
        listed.insert(date, fields[1] == "workday");
    }
    assert!(
        listed.len() > 700,
        "the data file has {} rows",
        listed.len()
    );
    let cal = ChinaMainland::default();
    let mut date = day(2004, 1, 1);
    let mut checked = 0;
    while date <= day(2026, 12, 31) {
        let weekday = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = listed.get(&date).copied().unwrap_or(weekday);
        assert_eq!(cal.is_working_day(date), Ok(expected), "{date}");
        date = date.succ_opt().unwrap();
        checked += 1;
    }
    assert_eq!(checked, 8401);
    assert_eq!(cal.years(), (2004, 2026));
}

#[test]
fn known_holidays() {
    let cal = ChinaMainland::default();
    // National Day 2025: 1–8 October off, Sunday 28 September and Saturday
    // 11 October worked.
    for d in 1..=8 {
        assert_eq!(cal.is_working_day(day(2025, 10, d)), Ok(false), "10-{d}");
    }
    assert_eq!(cal.is_working_day(day(2025, 9, 28)), Ok(true));
    assert_eq!(cal.is_working_day(day(2025, 10, 11)), Ok(true));
    assert_eq!(
        cal.add_working_days(day(2025, 9, 30), 1),
        Ok(day(2025, 10, 9))
    );
    // Outside 2004–2026: an error naming the years, never a guess.
    assert_eq!(
        cal.is_working_day(day(2027, 1, 4)),
        Err(CalendarError::OutOfRange {
            date: day(2027, 1, 4),
            first: 2004,
            last: 2026
        })
    );
}

#[test]
fn calendars_are_chosen_at_run_time() {
    let pick = |mainland: bool| -> Box<dyn WorkCalendar> {
        if mainland {
            Box::new(ChinaMainland::default())
        } else {
            Box::new(Weekdays)
        }
    };
    let start = day(2026, 9, 30);
    assert_eq!(pick(false).add_working_days(start, 1), Ok(day(2026, 10, 1)));
    // National Day 2026: 1–7 October off.
    assert_eq!(pick(true).add_working_days(start, 1), Ok(day(2026, 10, 8)));
    let boxed = pick(true);
    let start = Utc.with_ymd_and_hms(2026, 9, 30, 2, 0, 0).unwrap();
    assert_eq!(
        due(start, Duration::WorkingDays(1), &boxed),
        Ok(Utc.with_ymd_and_hms(2026, 10, 8, 16, 0, 0).unwrap())
    );
}

#[test]
fn deadlines_in_china_standard_time() {
    let cal = ChinaMainland::default();
    // 23:30 UTC on Thursday is already Friday in Beijing.
    let start = Utc.with_ymd_and_hms(2026, 11, 19, 23, 30, 0).unwrap();
    // 1 working day after Friday 20 November (Beijing) is Monday 23: due at
    // 24:00 Beijing time, 16:00 UTC.
    assert_eq!(
        due(start, Duration::WorkingDays(1), &cal),
        Ok(Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap())
    );
    // 0 working days: the end of the start's own day.
    assert_eq!(
        due(start, Duration::WorkingDays(0), &cal),
        Ok(Utc.with_ymd_and_hms(2026, 11, 20, 16, 0, 0).unwrap())
    );
    assert_eq!(
        due(start, Duration::Minutes(45), &cal),
        Ok(Utc.with_ymd_and_hms(2026, 11, 20, 0, 15, 0).unwrap())
    );
    assert_eq!(
        due(start, Duration::CalendarDays(3), &cal),
        Ok(Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap())
    );
    // A month from 31 January (Beijing) is the last day of February.
    let jan31 = Utc.with_ymd_and_hms(2026, 1, 31, 2, 0, 0).unwrap();
    assert_eq!(
        due(jan31, Duration::CalendarMonths(1), &cal),
        Ok(Utc.with_ymd_and_hms(2026, 2, 28, 2, 0, 0).unwrap())
    );
    // Past the calendar's years: an error, not a guess.
    let late = Utc.with_ymd_and_hms(2026, 12, 30, 2, 0, 0).unwrap();
    assert!(due(late, Duration::WorkingDays(5), &cal).is_err());
    assert!(due(late, Duration::WorkingDays(5), &Weekdays).is_ok());
}

#[test]
fn extending_the_calendar() {
    let holidays = [day(2027, 1, 1), day(2027, 2, 8)];
    let cal = ChinaMainland::default()
        .with_year(2027, &holidays, &[day(2027, 2, 20)])
        .unwrap();
    assert_eq!(cal.years(), (2004, 2027));
    assert_eq!(cal.is_working_day(day(2027, 2, 8)), Ok(false));
    assert_eq!(cal.is_working_day(day(2027, 2, 20)), Ok(true));
    assert_eq!(cal.is_working_day(day(2027, 2, 9)), Ok(true));
    assert_eq!(
        cal.add_working_days(day(2026, 12, 30), 2),
        Ok(day(2027, 1, 4))
    );
    assert_eq!(
        ChinaMainland::default().with_year(2028, &[], &[]),
        Err(CalendarError::NotContiguous {
            year: 2028,
            last: 2026
        })
    );
    let closed = ChinaMainland::default()
        .with_day(day(2026, 11, 23), false)
        .unwrap();
    assert_eq!(
        closed.add_working_days(day(2026, 11, 20), 1),
        Ok(day(2026, 11, 24))
    );
    assert!(
        ChinaMainland::default()
            .with_day(day(2030, 1, 1), false)
            .is_err()
    );
}

fn mainland_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..8401).prop_map(|d| day(2004, 1, 1) + chrono::Days::new(d))
}

proptest! {
    #[test]
    fn adding_then_counting_gives_n(d in mainland_date(), n in 0u32..400) {
        let cal = ChinaMainland::default();
        match cal.add_working_days(d, n) {
            Ok(end) => {
                prop_assert!(end >= d);
                prop_assert_eq!(cal.working_days_between(d, end), Ok(n));
                if n > 0 {
                    prop_assert_eq!(cal.is_working_day(end), Ok(true));
                }
            }
            Err(CalendarError::OutOfRange { .. }) => prop_assert!(d.year() >= 2025),
            Err(e) => prop_assert!(false, "{}", e),
        }
        let end = Weekdays.add_working_days(d, n).unwrap();
        prop_assert!(end >= d);
        prop_assert_eq!(Weekdays.working_days_between(d, end), Ok(n));
    }

    #[test]
    fn dates_only_move_forward(d in mainland_date(), n in 0u32..200, m in 0u32..200) {
        for cal in [&ChinaMainland::default() as &dyn WorkCalendar, &Weekdays] {
            if let (Ok(a), Ok(b)) = (cal.add_working_days(d, n), cal.add_working_days(d, n + m)) {
                prop_assert!(d <= a && a <= b);
            }
        }
    }

    #[test]
    fn counts_add_up(a in mainland_date(), b in mainland_date(), c in mainland_date()) {
        let mut v = [a, b, c];
        v.sort();
        let [a, b, c] = v;
        for cal in [&ChinaMainland::default() as &dyn WorkCalendar, &Weekdays] {
            let ab = cal.working_days_between(a, b).unwrap();
            let bc = cal.working_days_between(b, c).unwrap();
            prop_assert_eq!(cal.working_days_between(a, c).unwrap(), ab + bc);
            prop_assert_eq!(cal.working_days_between(c, a).unwrap(), 0);
        }
    }

    #[test]
    fn any_date_answers_without_panicking(days in any::<i32>()) {
        let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MIN);
        let cal = ChinaMainland::default();
        let _ = cal.is_working_day(date);
        let _ = cal.add_working_days(date, u32::MAX);
        let _ = Weekdays.add_working_days(date, u32::MAX);
        let _ = Weekdays.add_working_days(NaiveDate::MAX, 1);
        let _ = Weekdays.working_days_between(NaiveDate::MIN, date);
        let start = Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap());
        for duration in [Duration::Minutes(u32::MAX), Duration::CalendarMonths(u32::MAX), Duration::WorkingDays(7)] {
            let _ = due(start, duration, &cal);
            let _ = due(start, duration, &Weekdays);
        }
    }
}

#[test]
fn due_at_the_ends_of_time_is_an_error_not_a_panic() {
    use chrono::{DateTime, Utc};
    use realname::calendar::{CalendarError, Duration, Weekdays, due};
    for start in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
        for d in [
            Duration::WorkingDays(1),
            Duration::CalendarMonths(1),
            Duration::CalendarDays(1),
            Duration::Minutes(u32::MAX),
        ] {
            match due(start, d, &Weekdays) {
                Ok(end) => assert!(end >= start),
                Err(e) => assert_eq!(e, CalendarError::Overflow),
            }
        }
    }
}
