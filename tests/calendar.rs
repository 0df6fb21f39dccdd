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

/// The trait's default methods, walking day by day: what every fast path
/// must agree with, for any dates, inside the table or not.
struct Walk<'a>(&'a dyn WorkCalendar);

impl WorkCalendar for Walk<'_> {
    fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.0.is_working_day(date)
    }
}

#[test]
fn fast_paths_keep_the_trait_promises_outside_the_table() {
    let cal = ChinaMainland::default();
    // n = 0 gives `from`, whatever the calendar knows.
    assert_eq!(
        cal.add_working_days(day(2030, 1, 1), 0),
        Ok(day(2030, 1, 1))
    );
    // (31 December 2003, 5 January 2004]: every day asked about is known.
    assert_eq!(
        cal.working_days_between(day(2003, 12, 31), day(2004, 1, 5)),
        Ok(2)
    );
    assert_eq!(
        cal.add_working_days(day(2003, 12, 31), 1),
        Ok(day(2004, 1, 2))
    );
    // A span that is empty asks about no day.
    assert_eq!(
        cal.working_days_between(day(2031, 1, 9), day(2030, 1, 1)),
        Ok(0)
    );
    assert_eq!(
        cal.working_days_between(day(1999, 1, 9), day(1999, 1, 9)),
        Ok(0)
    );
    // Otherwise the error names the first unknown day a walk reaches.
    assert_eq!(
        cal.working_days_between(day(2026, 12, 30), day(2027, 3, 1)),
        Walk(&cal).working_days_between(day(2026, 12, 30), day(2027, 3, 1))
    );
}

fn any_nearby_date() -> impl Strategy<Value = NaiveDate> {
    // 2001 to 2031, and 2097 to 2103 around the end of the estimates.
    prop_oneof![
        (0u64..11_300).prop_map(|d| day(2001, 1, 1) + chrono::Days::new(d)),
        (0u64..2_500).prop_map(|d| day(2097, 1, 1) + chrono::Days::new(d)),
    ]
}

proptest! {
    #[test]
    fn fast_paths_agree_with_walking_anywhere(a in any_nearby_date(), b in any_nearby_date(), n in 0u32..40) {
        let exact = ChinaMainland::default();
        let estimated = exact.with_estimates();
        for cal in [&exact as &dyn WorkCalendar, &estimated] {
            prop_assert_eq!(cal.add_working_days(a, n), Walk(cal).add_working_days(a, n));
            prop_assert_eq!(cal.working_days_between(a, b), Walk(cal).working_days_between(a, b));
        }
    }

    #[test]
    fn estimates_leave_the_announced_years_alone(d in mainland_date()) {
        let exact = ChinaMainland::default();
        prop_assert_eq!(exact.with_estimates().is_working_day(d), exact.is_working_day(d));
    }
}

#[test]
fn estimated_years_hold_the_statutory_holidays() {
    let cal = ChinaMainland::default().with_estimates();
    assert_eq!(cal.years(), (2004, 2026));
    assert_eq!(cal.estimated_years(), Some((2027, 2099)));
    assert_eq!(cal.estimated_from(), Some(day(2027, 1, 1)));
    let festivals = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/cn-festivals.csv"
    ))
    .unwrap();
    let mut years = 0;
    for line in festivals
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("year"))
    {
        let f: Vec<&str> = line.split(',').collect();
        let year: i32 = f[0].parse().unwrap();
        if year < 2027 {
            continue;
        }
        let spring: NaiveDate = f[1].parse().unwrap();
        // The 2024 law: 除夕 to 初三, 清明, 1–2 May, 端午, 中秋, 1–3 October.
        let mut off = vec![day(year, 1, 1), day(year, 5, 1), day(year, 5, 2)];
        off.extend((0..3).map(|i| day(year, 10, 1 + i)));
        off.extend((0..4).map(|i| spring.pred_opt().unwrap() + chrono::Days::new(i)));
        off.extend(f[2..].iter().map(|d| d.parse::<NaiveDate>().unwrap()));
        for d in off {
            assert_eq!(cal.is_working_day(d), Ok(false), "{d}");
        }
        // No make-up working days: every Saturday and Sunday is off.
        let mut d = day(year, 1, 1);
        while d.year() == year {
            if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                assert_eq!(cal.is_working_day(d), Ok(false), "{d}");
            }
            d = d.succ_opt().unwrap();
        }
        years += 1;
    }
    assert_eq!(years, 73);
    // Past the estimates: an error again.
    assert!(matches!(
        cal.is_working_day(day(2100, 1, 4)),
        Err(CalendarError::OutOfRange { last: 2099, .. })
    ));
}

#[test]
fn a_tencent_transfer_review_at_the_end_of_2026() {
    use realname::calendar::deadline;
    use realname::policy::{MethodKind, Provider};
    use realname::rules::review_due;
    let tencent = Provider::Tencent.profile();
    // Submitted at 10:00 Beijing time on Wednesday 30 December 2026.
    let submitted = Utc.with_ymd_and_hms(2026, 12, 30, 2, 0, 0).unwrap();
    let exact = ChinaMainland::default();
    let method = MethodKind::CorporateTransfer;
    let err = review_due(tencent, method, false, submitted, &exact).unwrap_err();
    assert!(matches!(err, CalendarError::OutOfRange { .. }), "{err}");
    let due = review_due(tencent, method, false, submitted, &exact.with_estimates())
        .unwrap()
        .unwrap();
    assert!(due.estimated);
    // A Weekdays calendar never estimates.
    let plain = review_due(tencent, method, false, submitted, &Weekdays)
        .unwrap()
        .unwrap();
    assert!(!plain.estimated);
    // A deadline that stays in 2026 is exact even on the estimating calendar.
    let early = Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap();
    let d = deadline(early, Duration::WorkingDays(3), &exact.with_estimates()).unwrap();
    assert!(!d.estimated);
    assert_eq!(
        d.at,
        deadline(early, Duration::WorkingDays(3), &exact)
            .unwrap()
            .at
    );
    // check_deadline and check_change pass the mark on too.
    let window = realname::policy::Deadline::new(
        Duration::WorkingDays(3),
        realname::policy::Anchor::Initiation,
    );
    let d = realname::rules::check_deadline(&window, submitted, submitted, &exact.with_estimates())
        .unwrap();
    assert!(d.estimated);
    assert!(
        !realname::rules::check_deadline(&window, early, early, &exact)
            .unwrap()
            .estimated
    );
    // Durations that count no working day never estimate.
    let d = deadline(
        submitted,
        Duration::CalendarDays(9),
        &exact.with_estimates(),
    )
    .unwrap();
    assert!(!d.estimated);
}

#[test]
fn adding_an_announced_year_from_csv() {
    use realname::calendar::DataProblem;
    // The shape of data/cn-work-calendar.csv, for a made-up 2027.
    let csv = "# a notice\n\
               date,kind,festival\n\
               2027-01-01,holiday,New Year's Day\n\
               2027-02-05,holiday,Spring Festival\n\
               2027-02-08,holiday,Spring Festival\n\
               2027-02-20,workday,Spring Festival\n\
               \n\
               2028-01-03,holiday,New Year's Day\n";
    let cal = ChinaMainland::default().with_csv(csv).unwrap();
    assert_eq!(cal.years(), (2004, 2028));
    assert_eq!(cal.is_working_day(day(2027, 2, 8)), Ok(false));
    assert_eq!(cal.is_working_day(day(2027, 2, 20)), Ok(true));
    assert_eq!(cal.is_working_day(day(2028, 1, 3)), Ok(false));
    // On an estimating calendar an announced year replaces its estimate.
    let est = ChinaMainland::default()
        .with_estimates()
        .with_csv(csv)
        .unwrap();
    assert_eq!(est.estimated_from(), Some(day(2029, 1, 1)));
    assert_eq!(est.is_working_day(day(2027, 2, 9)), Ok(true)); // the estimate had it off
    assert_eq!(est.is_working_day(day(2027, 2, 20)), Ok(true));

    let err = |text: &str| ChinaMainland::default().with_csv(text).unwrap_err();
    assert_eq!(
        err("2026-10-01,holiday\n"),
        CalendarError::YearTwice { year: 2026 }
    );
    assert_eq!(
        err("2028-01-01,holiday\n"),
        CalendarError::NotContiguous {
            year: 2028,
            last: 2026
        }
    );
    assert_eq!(
        err("2027-01-04,workday\n"),
        CalendarError::MakeUpDayOnWeekday {
            date: day(2027, 1, 4)
        }
    );
    assert_eq!(
        err("2027-01-01,holiday\n2027-01-01,workday\n"),
        CalendarError::MakeUpDayOnWeekday {
            date: day(2027, 1, 1)
        }
    );
    assert_eq!(
        err("2027-01-01,holiday\n2027-01-01,holiday\n"),
        CalendarError::DayTwice {
            date: day(2027, 1, 1)
        }
    );
    assert_eq!(
        err("2027-01-01,holiday\n2027-02-30,holiday\n"),
        CalendarError::Malformed {
            line: 2,
            problem: DataProblem::BadDate
        }
    );
    assert_eq!(
        err("2027-01-01\n"),
        CalendarError::Malformed {
            line: 1,
            problem: DataProblem::MissingField
        }
    );
    assert_eq!(
        err("# nothing\n"),
        CalendarError::Malformed {
            line: 1,
            problem: DataProblem::NoData
        }
    );
    assert_eq!(err("").code(), "calendar_malformed");
    // A year's data with a date of another year.
    let stray = realname::calendar::AnnouncedYear::new(2027, vec![day(2028, 1, 1)], vec![]);
    assert_eq!(
        ChinaMainland::default().with_announced(&[stray]),
        Err(CalendarError::DateOutsideYear {
            date: day(2028, 1, 1),
            year: 2027
        })
    );
    // The same year twice in one load.
    let y = realname::calendar::AnnouncedYear::new(2027, vec![day(2027, 1, 1)], vec![]);
    assert_eq!(
        ChinaMainland::default().with_announced(&[y.clone(), y]),
        Err(CalendarError::YearTwice { year: 2027 })
    );
    // A year with no day off is missing its data; a line with a fourth
    // field is not the file's form.
    let empty = realname::calendar::AnnouncedYear::new(2027, vec![], vec![]);
    assert_eq!(
        ChinaMainland::default().with_announced(&[empty]),
        Err(CalendarError::NoHolidays { year: 2027 })
    );
    assert_eq!(
        err("2027-01-01,holiday,New Year's Day,extra\n"),
        CalendarError::Malformed {
            line: 1,
            problem: DataProblem::ExtraField
        }
    );
    // Hostile input: long lines and many years end in an error, not work.
    let long = "x".repeat(1 << 20);
    assert!(ChinaMainland::default().with_csv(&long).is_err());
    let many: String = (2027..2127)
        .map(|y| format!("{y}-01-01,holiday\n"))
        .collect();
    assert_eq!(err(&many), CalendarError::TooManyYears { max: 50 });
    // Every message has a Chinese twin.
    assert_eq!(
        err("2027-01-04,workday\n").to_string_zh(),
        "调休上班日 2027-01-04 应为周六或周日，却是工作日"
    );
}

/// The built-in data file itself, split by year and loaded back year by
/// year onto a calendar that stops earlier, gives the built-in calendar.
#[test]
fn the_built_in_file_loads_as_announced_years() {
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/cn-work-calendar.csv"
    ))
    .unwrap();
    let only_2026: String = csv
        .lines()
        .filter(|l| l.starts_with("2026-"))
        .map(|l| format!("{l}\n"))
        .collect();
    // 2026 is known already.
    assert_eq!(
        ChinaMainland::default().with_csv(&only_2026),
        Err(CalendarError::YearTwice { year: 2026 })
    );
    // As 2027 (shifted by 52 weeks, so weekdays stay weekdays) it loads.
    let shifted: String = only_2026
        .lines()
        .map(|l| {
            let (date, rest) = l.split_once(',').unwrap();
            let d: NaiveDate = date.parse().unwrap();
            format!("{},{rest}\n", d + chrono::Days::new(364))
        })
        .filter(|l| l.starts_with("2027-"))
        .collect();
    let cal = ChinaMainland::default().with_csv(&shifted).unwrap();
    assert_eq!(cal.years(), (2004, 2027));
}

#[cfg(feature = "serde")]
#[test]
fn announced_years_from_json_and_toml() {
    use realname::calendar::AnnouncedYear;
    let json = r#"[{"year": 2027, "holidays": ["2027-01-01"], "working_days": ["2027-02-20"]}]"#;
    let years: Vec<AnnouncedYear> = serde_json::from_str(json).unwrap();
    let cal = ChinaMainland::default().with_announced(&years).unwrap();
    assert_eq!(cal.is_working_day(day(2027, 2, 20)), Ok(true));
    #[derive(serde::Deserialize)]
    struct File {
        year: Vec<AnnouncedYear>,
    }
    let toml_text = "[[year]]\nyear = 2027\nholidays = [\"2027-01-01\", \"2027-02-08\"]\n\n[[year]]\nyear = 2028\nholidays = [\"2028-01-03\"]\n";
    let file: File = toml::from_str(toml_text).unwrap();
    let cal = ChinaMainland::default().with_announced(&file.year).unwrap();
    assert_eq!(cal.years(), (2004, 2028));
    assert_eq!(cal.is_working_day(day(2027, 2, 8)), Ok(false));
    // Unknown fields are refused, so a misspelt "workdays" is not lost.
    let bad = r#"[{"year": 2027, "workdays": ["2027-02-20"]}]"#;
    assert!(serde_json::from_str::<Vec<AnnouncedYear>>(bad).is_err());
    // Errors serialise as one object.
    let e = ChinaMainland::default()
        .with_csv("2027-01-04,workday\n")
        .unwrap_err();
    let v: serde_json::Value = serde_json::to_value(e).unwrap();
    assert_eq!(v["code"], "calendar_make_up_day_on_weekday");
    assert_eq!(v["date"], "2027-01-04");
    assert!(v["message_zh"].as_str().unwrap().contains("调休"));
}
