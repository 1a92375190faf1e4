//! Calendars: Solar Hijri (the Persian civil calendar) and Hijri (the Islamic lunar calendar)
//! converted to the Gregorian calendar, so that a DATE's `canonical` is a Gregorian ISO value
//! whatever calendar the article writes in (`۱۳ بهمن ۱۴۰۲` → `2024-02-02`).
//!
//! Every conversion goes through the Julian Day Number (JDN, an integer count of days):
//! - **Gregorian** ↔ JDN: the proleptic Gregorian calendar, integer arithmetic (Fliegel and
//!   Van Flandern, 1968).
//! - **Solar Hijri** → JDN: Kazimierz Borkowski's algorithm ("The Persian calendar for 3000
//!   years", Earth, Moon and Planets 74, 1996), as used by the jalaali libraries: a table of the
//!   years where the 33-year cycles break (`BREAKS`) gives the day in March of each year's
//!   1 Farvardin; it agrees with the astronomical (official) calendar of Iran for years
//!   1178–3177 SH (1799–3798 CE). This module converts years 1–1600 of both calendars (up
//!   to 2221 CE): a Persian or Hijri month next to a year such as 2023 is not a date of its
//!   calendar, and converts to nothing.
//! - **Hijri** → JDN: the *tabular* (arithmetic, "civil") Islamic calendar: months of 30 and 29
//!   days in turn, 11 leap years in each 30-year cycle (years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26,
//!   29 give Dhu al-Hijja a 30th day), epoch 1 Muharram 1 AH = Friday 16 July 622 (Julian), JDN
//!   1,948,440. Calendars that follow the moon (Saudi Umm al-Qura, local sightings) differ from
//!   it by a day or two in some months: 1 Ramadan 1445 is 2024-03-11 in both, but a date the
//!   article took from a sighting may be a day off (1 Muharram 1446 is 2024-07-08 here,
//!   2024-07-07 in Umm al-Qura).
//!
//! Both were checked, on the first and last day of every month (Solar Hijri 1200–1600,
//! Hijri 1–1600: 48,024 dates), against the Python packages `jdatetime` and `convertdate`.
//!
//! What it does not do: find dates in text (`rules`) or read month names (the lexicon's `month`
//! words carry their number and, by flag, their calendar).

use std::fmt;

/// The calendar a date is written in (`entities.csv` column `calendar`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// Gregorian: Arabic, Persian and English names of the Gregorian months, numeric dates,
    /// four-digit years 19xx/20xx.
    Gregorian,
    /// Solar Hijri: the Persian months (`فروردین` … `اسفند`) and years marked or named as such
    /// (`سال ۱۴۰۲`, `۱۴۰۲ ه.ش`).
    SolarHijri,
    /// Hijri (lunar): `محرم` … `ذو الحجة` and years marked `هـ` / `هجري` / `ه.ق`.
    Hijri,
}

impl Calendar {
    /// The calendar as written in the tables: `gregorian`, `solar_hijri` or `hijri`.
    pub fn as_str(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::SolarHijri => "solar_hijri",
            Calendar::Hijri => "hijri",
        }
    }

    /// The calendar a lexicon `month` word's flags name (`solar_hijri`, `hijri`), Gregorian
    /// when they name none.
    pub fn from_flags(flags: &str) -> Calendar {
        let has = |f: &str| flags.split([',', ' ', ';']).any(|w| w == f);
        if has("solar_hijri") {
            Calendar::SolarHijri
        } else if has("hijri") {
            Calendar::Hijri
        } else {
            Calendar::Gregorian
        }
    }

    /// The number of days of `month` (1–12) of `year` in this calendar, `None` for a month or
    /// year out of range.
    pub fn month_len(self, year: i32, month: u32) -> Option<u32> {
        if !(1..=12).contains(&month) {
            return None;
        }
        match self {
            Calendar::Gregorian => Some(match month {
                2 if is_gregorian_leap(year) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            }),
            Calendar::SolarHijri => {
                if !CONVERTED_YEARS.contains(&year) {
                    return None;
                }
                let leap = jal_cal(year)?.leap;
                Some(match month {
                    1..=6 => 31,
                    7..=11 => 30,
                    _ if leap => 30,
                    _ => 29,
                })
            }
            Calendar::Hijri => {
                if !CONVERTED_YEARS.contains(&year) {
                    return None;
                }
                Some(if month % 2 == 1 || month == 12 && is_hijri_leap(year) { 30 } else { 29 })
            }
        }
    }

    /// The number of days of `year` in this calendar.
    fn year_len(self, year: i32) -> Option<u32> {
        (1..=12).map(|m| self.month_len(year, m)).sum()
    }

    /// The JDN of `day` `month` `year` in this calendar; `None` when the date does not exist
    /// (`30 Esfand` of a common year, month 13) or the year is out of range.
    pub fn to_jdn(self, year: i32, month: u32, day: u32) -> Option<i64> {
        if day == 0 || day > self.month_len(year, month)? {
            return None;
        }
        let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
        Some(match self {
            Calendar::Gregorian => gregorian_to_jdn(y, m, d),
            Calendar::SolarHijri => {
                let march = i64::from(jal_cal(year)?.march);
                gregorian_to_jdn(y + 621, 3, march) + (m - 1) * 31 - m / 7 * (m - 7) + d - 1
            }
            Calendar::Hijri => {
                d + 29 * (m - 1)
                    + (6 * m - 1) / 11
                    + (y - 1) * 354
                    + (3 + 11 * y).div_euclid(30)
                    + HIJRI_EPOCH
                    - 1
            }
        })
    }

    /// `day` `month` `year` of this calendar as a Gregorian date.
    pub fn to_gregorian(self, year: i32, month: u32, day: u32) -> Option<Ymd> {
        Some(Ymd::from_jdn(self.to_jdn(year, month, day)?))
    }

    /// The Gregorian month that holds the 15th day of `month` `year` of this calendar: the
    /// month-precision value of a month written without its day. A Persian month begins around
    /// the 21st of a Gregorian month and a Hijri month anywhere in one, so its 15th day falls in
    /// the Gregorian month that holds most of its days (`آذر ۱۴۰۲`, 22 Nov – 21 Dec 2023 →
    /// `2023-12`).
    pub fn month_to_gregorian(self, year: i32, month: u32) -> Option<(i32, u32)> {
        let g = self.to_gregorian(year, month, 15)?;
        Some((g.year, g.month))
    }

    /// The Gregorian year that holds the middle day of `year` of this calendar: the
    /// year-precision value of a year written alone (`سال ۱۳۹۷` → `2018`; a Solar Hijri year
    /// Y always gives Y + 621, `1445 هـ` → `2024`).
    pub fn year_to_gregorian(self, year: i32) -> Option<i32> {
        let half = self.year_len(year)? / 2;
        let first = self.to_jdn(year, 1, 1)?;
        Some(Ymd::from_jdn(first + i64::from(half)).year)
    }
}

impl fmt::Display for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    /// Year (astronomical numbering).
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Ymd {
    /// The Gregorian date of Julian Day Number `jdn`.
    pub fn from_jdn(jdn: i64) -> Ymd {
        let a = jdn + 32044;
        let b = (4 * a + 3).div_euclid(146_097);
        let c = a - (146_097 * b).div_euclid(4);
        let d = (4 * c + 3).div_euclid(1461);
        let e = c - (1461 * d).div_euclid(4);
        let m = (5 * e + 2).div_euclid(153);
        let day = e - (153 * m + 2).div_euclid(5) + 1;
        let month = m + 3 - 12 * m.div_euclid(10);
        let year = 100 * b + d - 4800 + m.div_euclid(10);
        Ymd { year: year as i32, month: month as u32, day: day as u32 }
    }
}

impl fmt::Display for Ymd {
    /// ISO 8601: `2024-02-02`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_gregorian_leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// The JDN of a proleptic Gregorian date.
fn gregorian_to_jdn(y: i64, m: i64, d: i64) -> i64 {
    let a = (14 - m).div_euclid(12);
    let y = y + 4800 - a;
    let m = m + 12 * a - 3;
    d + (153 * m + 2).div_euclid(5) + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
        - 32045
}

/// JDN of 1 Muharram 1 AH in the civil tabular calendar (Friday 16 July 622, Julian).
const HIJRI_EPOCH: i64 = 1_948_440;

/// The Solar Hijri and Hijri years this module converts (1 AH is 622 CE, 1600 SH is 2221 CE).
const CONVERTED_YEARS: std::ops::RangeInclusive<i32> = 1..=1600;

/// Whether Hijri `year` has 355 days (a 30th day of Dhu al-Hijja) in the tabular calendar.
fn is_hijri_leap(year: i32) -> bool {
    (14 + 11 * i64::from(year)).rem_euclid(30) < 11
}

/// The Solar Hijri years where Borkowski's 33-year cycles break; the table covers the years
/// from the first entry up to (not including) the last.
const BREAKS: [i32; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456,
    3178,
];

/// What Borkowski's algorithm says of one Solar Hijri year.
struct JalYear {
    /// Whether the year has 366 days (30 Esfand).
    leap: bool,
    /// The day in March (of Gregorian year `jy + 621`) of its 1 Farvardin.
    march: i32,
}

/// Borkowski's algorithm for Solar Hijri year `jy`; `None` outside the years of [`BREAKS`].
/// Integer division truncates toward zero, as in the published algorithm.
fn jal_cal(jy: i32) -> Option<JalYear> {
    let last = *BREAKS.last().expect("non-empty table");
    if jy < BREAKS[0] || jy >= last {
        return None;
    }
    let gy = jy + 621;
    let mut leap_j = -14;
    let mut jp = BREAKS[0];
    let mut jump = 0;
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if jy < jm {
            break;
        }
        leap_j += jump / 33 * 8 + (jump % 33) / 4;
        jp = jm;
    }
    let mut n = jy - jp;
    leap_j += n / 33 * 8 + (n % 33 + 3) / 4;
    if jump % 33 == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = gy / 4 - (gy / 100 + 1) * 3 / 4 - 150;
    let march = 20 + leap_j - leap_g;
    if jump - n < 6 {
        n = n - jump + (jump + 4) / 33 * 33;
    }
    let mut leap = ((n + 1) % 33 - 1) % 4;
    if leap == -1 {
        leap = 4;
    }
    Some(JalYear { leap: leap == 0, march })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(y: i32, m: u32, d: u32) -> String {
        Calendar::SolarHijri.to_gregorian(y, m, d).map(|g| g.to_string()).unwrap_or_default()
    }

    fn hijri(y: i32, m: u32, d: u32) -> String {
        Calendar::Hijri.to_gregorian(y, m, d).map(|g| g.to_string()).unwrap_or_default()
    }

    #[test]
    fn gregorian_round_trips_through_the_day_number() {
        assert_eq!(gregorian_to_jdn(2000, 1, 1), 2_451_545);
        assert_eq!(Ymd::from_jdn(2_451_545), Ymd { year: 2000, month: 1, day: 1 });
        for jdn in 2_305_000..2_530_000 {
            let g = Ymd::from_jdn(jdn);
            assert_eq!(Calendar::Gregorian.to_jdn(g.year, g.month, g.day), Some(jdn), "{g}");
        }
    }

    /// Known Nowruz days and Iranian dates (Iran's official calendar).
    #[test]
    fn solar_hijri_known_dates() {
        for (y, m, d, want) in [
            (1403, 1, 1, "2024-03-20"),
            (1402, 1, 1, "2023-03-21"),
            (1404, 1, 1, "2025-03-21"),
            (1399, 1, 1, "2020-03-20"),
            (1398, 1, 1, "2019-03-21"),
            (1395, 1, 1, "2016-03-20"),
            (1354, 1, 1, "1975-03-21"),
            (1402, 11, 13, "2024-02-02"),
            (1402, 9, 1, "2023-11-22"),
            (1402, 9, 28, "2023-12-19"),
            (1402, 10, 1, "2023-12-22"),
            (1357, 11, 22, "1979-02-11"),
            (1399, 12, 30, "2021-03-20"),
            (1403, 12, 30, "2025-03-20"),
            (1401, 6, 31, "2022-09-22"),
            (1401, 7, 1, "2022-09-23"),
        ] {
            assert_eq!(sh(y, m, d), want, "{d} {m} {y} SH");
        }
        // Leap years have 30 Esfand, common years do not.
        assert_eq!(sh(1402, 12, 30), "");
        assert_eq!(sh(1402, 12, 29), "2024-03-19");
        assert_eq!(sh(1402, 7, 31), "", "the second half-year has 30-day months");
        assert_eq!(sh(1402, 13, 1), "");
    }

    /// Every Solar Hijri day of 1300–1500 SH follows the one before it, each year starts the day
    /// after the last one ended, and the leap years are the ones with 366 days.
    #[test]
    fn solar_hijri_days_are_consecutive() {
        let mut prev = Calendar::SolarHijri.to_jdn(1299, 12, 29).unwrap();
        if let Some(j) = Calendar::SolarHijri.to_jdn(1299, 12, 30) {
            prev = j;
        }
        let mut leaps = 0;
        for y in 1300..=1500 {
            for m in 1..=12 {
                for d in 1..=Calendar::SolarHijri.month_len(y, m).unwrap() {
                    let j = Calendar::SolarHijri.to_jdn(y, m, d).unwrap();
                    assert_eq!(j, prev + 1, "{d} {m} {y}");
                    prev = j;
                }
            }
            leaps += usize::from(Calendar::SolarHijri.year_len(y) == Some(366));
        }
        // 8 leap years in 33, give or take the cycle's edges: 201 years hold 48 or 49.
        assert!((48..=49).contains(&leaps), "{leaps}");
    }

    /// The tabular calendar. Where Saudi Umm al-Qura agrees: 1 Ramadan 1445, 1 Muharram 1445;
    /// where it does not, by a day: 1 Muharram 1446 (Umm al-Qura 2024-07-07) and 1 Shawwal 1444
    /// (Eid al-Fitr, Umm al-Qura 2023-04-21). 1 AH is 16 July 622 Julian, 19 July proleptic
    /// Gregorian.
    #[test]
    fn hijri_known_dates() {
        for (y, m, d, want) in [
            (1445, 9, 1, "2024-03-11"),
            (1445, 1, 1, "2023-07-19"),
            (1446, 1, 1, "2024-07-08"),
            (1444, 10, 1, "2023-04-22"),
            (1, 1, 1, "0622-07-19"),
        ] {
            assert_eq!(hijri(y, m, d), want, "{d} {m} {y} AH");
        }
        assert_eq!(hijri(1445, 2, 30), "", "even months have 29 days");
        assert_eq!(hijri(1445, 12, 30), "2024-07-07", "1445 is a leap year of the cycle");
        assert_eq!(hijri(1446, 12, 30), "", "1446 is not");
        let mut prev = Calendar::Hijri.to_jdn(1399, 12, 29).unwrap();
        if let Some(j) = Calendar::Hijri.to_jdn(1399, 12, 30) {
            prev = j;
        }
        for y in 1400..=1500 {
            for m in 1..=12 {
                for d in 1..=Calendar::Hijri.month_len(y, m).unwrap() {
                    let j = Calendar::Hijri.to_jdn(y, m, d).unwrap();
                    assert_eq!(j, prev + 1, "{d} {m} {y}");
                    prev = j;
                }
            }
        }
    }

    #[test]
    fn months_and_years_take_their_middle() {
        assert_eq!(Calendar::SolarHijri.month_to_gregorian(1402, 9), Some((2023, 12)));
        assert_eq!(Calendar::SolarHijri.month_to_gregorian(1402, 11), Some((2024, 2)));
        assert_eq!(Calendar::SolarHijri.month_to_gregorian(1403, 1), Some((2024, 4)));
        assert_eq!(Calendar::Hijri.month_to_gregorian(1445, 9), Some((2024, 3)));
        for y in 1300..=1500 {
            assert_eq!(Calendar::SolarHijri.year_to_gregorian(y), Some(y + 621));
        }
        assert_eq!(Calendar::Hijri.year_to_gregorian(1445), Some(2024));
        assert_eq!(Calendar::Hijri.year_to_gregorian(1446), Some(2025));
        assert_eq!(Calendar::SolarHijri.year_to_gregorian(2023), None, "a Gregorian year");
        assert_eq!(Calendar::Hijri.month_to_gregorian(2024, 9), None);
    }

    #[test]
    fn flags_name_the_calendar() {
        assert_eq!(Calendar::from_flags(""), Calendar::Gregorian);
        assert_eq!(Calendar::from_flags("ambiguous"), Calendar::Gregorian);
        assert_eq!(Calendar::from_flags("ambiguous,solar_hijri"), Calendar::SolarHijri);
        assert_eq!(Calendar::from_flags("hijri"), Calendar::Hijri);
    }
}
