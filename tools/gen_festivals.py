#!/usr/bin/env python3
"""Computes the dates of China's lunisolar festivals and writes data/cn-festivals.csv.

For every Gregorian year 2004..=2099 this script computes, in Beijing time
(UTC+8):

* Spring Festival (春节, 正月初一): first day of lunar month 1;
* Qingming (清明): the day the Sun's apparent geocentric ecliptic longitude
  reaches 15 degrees;
* Dragon Boat Festival (端午, 五月初五): day 5 of the regular (not leap) month 5;
* Mid-Autumn Festival (中秋, 八月十五): day 15 of lunar month 8.

Everything is computed from astronomy; nothing is looked up:

* New moons: Jean Meeus, *Astronomical Algorithms*, 2nd ed. (1998), chapter 49
  (mean phase, periodic terms and the 14 planetary "additional corrections").
* The Sun's apparent longitude: Meeus chapter 25 "higher accuracy" method, i.e.
  the Earth's heliocentric coordinates from the truncated VSOP87 series of
  Bretagnon & Francou (1988) as tabulated in Meeus Appendix III, the FK5
  correction, nutation in longitude (Meeus chapter 22, the IAU 1980 series cut
  at 0.0005") and annual aberration.  The error is a few tenths of an arcsecond,
  i.e. well under 30 s of time for a solar term.
* TT -> UT: Delta T from the polynomials of Espenak & Meeus (2006), as used in
  NASA's eclipse canon.  Delta T after 2025 cannot be known; the polynomial is
  a few seconds high for the 2020s, which matters only for events within
  seconds of midnight (none are; see the flagged cases in the output header).
* Calendar rules: GB/T 33661-2017 《农历的编算和颁行》: a lunar month begins on
  the Beijing civil day (00:00 UTC+8) containing the new moon; the month
  containing the winter solstice (longitude 270 degrees) is month 11; if the
  span from one month 11 to the next (a 岁) holds 13 months, the first month of
  that span without a major solar term (中气, longitude a multiple of 30
  degrees) is a leap month and takes the number of the month before it.

Usage:
    python3 tools/gen_festivals.py           # writes data/cn-festivals.csv
    python3 tools/gen_festivals.py --check   # non-zero exit if the file differs
    python3 tools/gen_festivals.py --verify  # compares with known dates and
                                             # data/cn-work-calendar.csv
"""
from __future__ import annotations

import argparse
import datetime
import math
import pathlib
import sys
from functools import lru_cache

FIRST_YEAR = 2004
LAST_YEAR = 2099
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT_PATH = ROOT / "data" / "cn-festivals.csv"
WORK_CALENDAR_PATH = ROOT / "data" / "cn-work-calendar.csv"

J2000 = 2451545.0  # JD of 2000-01-01 12:00 TT
BEIJING_OFFSET_DAYS = 8.0 / 24.0
NEAR_MIDNIGHT_MINUTES = 10.0
ARCSEC = math.pi / (180.0 * 3600.0)


# ---------------------------------------------------------------------------
# Time scales and civil days
# ---------------------------------------------------------------------------

def delta_t_seconds(year: float) -> float:
    """Delta T = TT - UT in seconds for a decimal year.

    Polynomials of F. Espenak and J. Meeus, "Five Millennium Canon of Solar
    Eclipses" (NASA/TP-2006-214141), for the ranges 1986-2005, 2005-2050 and
    2050-2150.  Observed Delta T was 64.6 s in 2004 and about 69 s in 2025; the
    2005-2050 polynomial gives about 74 s for 2025 (a 5 s over-estimate), which
    is immaterial at the 10-minute margin flagged by this script.
    """
    if year < 2005.0:
        t = year - 2000.0
        return (63.86 + 0.3345 * t - 0.060374 * t**2 + 0.0017275 * t**3
                + 0.000651814 * t**4 + 0.00002373599 * t**5)
    if year < 2050.0:
        t = year - 2000.0
        return 62.92 + 0.32217 * t + 0.005589 * t**2
    u = (year - 1820.0) / 100.0
    return -20.0 + 32.0 * u**2 - 0.5628 * (2150.0 - year)


def tt_to_ut(jde: float) -> float:
    """Converts a Julian Ephemeris Day (TT) to a Julian Day in UT."""
    year = 2000.0 + (jde - J2000) / 365.25
    return jde - delta_t_seconds(year) / 86400.0


def beijing_day(jd_ut: float) -> int:
    """Julian Day Number of the Beijing (UTC+8) civil day containing jd_ut.

    A civil day with JDN n runs from JD n - 0.5 to n + 0.5 in UT at Greenwich,
    so in UTC+8 it is floor(jd + 0.5 + 8/24).
    """
    return math.floor(jd_ut + 0.5 + BEIJING_OFFSET_DAYS)


def minutes_from_beijing_midnight(jd_ut: float) -> float:
    """Distance in minutes from jd_ut to the nearest 00:00 UTC+8."""
    frac = (jd_ut + 0.5 + BEIJING_OFFSET_DAYS) % 1.0
    return min(frac, 1.0 - frac) * 1440.0


_JDN_OF_ORDINAL_0 = 1721425  # JDN(2000-01-01) = 2451545, its ordinal is 730120


def jdn_to_date(jdn: int) -> datetime.date:
    """Gregorian date of a Julian Day Number."""
    return datetime.date.fromordinal(jdn - _JDN_OF_ORDINAL_0)


def date_to_jdn(d: datetime.date) -> int:
    """Julian Day Number of a Gregorian date."""
    return d.toordinal() + _JDN_OF_ORDINAL_0


def beijing_time_str(jd_ut: float) -> str:
    """An instant as 'YYYY-MM-DD HH:MM:SS UTC+8' (for reports)."""
    x = jd_ut + 0.5 + BEIJING_OFFSET_DAYS
    day = math.floor(x)
    secs = round((x - day) * 86400.0)
    if secs >= 86400:
        day, secs = day + 1, secs - 86400
    h, rem = divmod(secs, 3600)
    m, s = divmod(rem, 60)
    return f"{jdn_to_date(day).isoformat()} {h:02d}:{m:02d}:{s:02d} UTC+8"


# ---------------------------------------------------------------------------
# Nutation (Meeus chapter 22)
# ---------------------------------------------------------------------------

# Periodic terms of the IAU 1980 theory of nutation in longitude, as in Meeus
# Table 22.A: multiples of (D, M, M', F, Omega), then the coefficient of sin()
# in units of 0.0001" and its rate per Julian century.  Terms below 5 units
# (0.0005") are left out; together they stay below 0.01".
NUTATION_TERMS = (
    (0, 0, 0, 0, 1, -171996, -174.2),
    (-2, 0, 0, 2, 2, -13187, -1.6),
    (0, 0, 0, 2, 2, -2274, -0.2),
    (0, 0, 0, 0, 2, 2062, 0.2),
    (0, 1, 0, 0, 0, 1426, -3.4),
    (0, 0, 1, 0, 0, 712, 0.1),
    (-2, 1, 0, 2, 2, -517, 1.2),
    (0, 0, 0, 2, 1, -386, -0.4),
    (0, 0, 1, 2, 2, -301, 0.0),
    (-2, -1, 0, 2, 2, 217, -0.5),
    (-2, 0, 1, 0, 0, -158, 0.0),
    (-2, 0, 0, 2, 1, 129, 0.1),
    (0, 0, -1, 2, 2, 123, 0.0),
    (2, 0, 0, 0, 0, 63, 0.0),
    (0, 0, 1, 0, 1, 63, 0.1),
    (2, 0, -1, 2, 2, -59, 0.0),
    (0, 0, -1, 0, 1, -58, -0.1),
    (0, 0, 1, 2, 1, -51, 0.0),
    (-2, 0, 2, 0, 0, 48, 0.0),
    (0, 0, -2, 2, 1, 46, 0.0),
    (2, 0, 0, 2, 2, -38, 0.0),
    (0, 0, 2, 2, 2, -31, 0.0),
    (0, 0, 2, 0, 0, 29, 0.0),
    (-2, 0, 1, 2, 2, 29, 0.0),
    (0, 0, 0, 2, 0, 26, 0.0),
    (-2, 0, 0, 2, 0, -22, 0.0),
    (0, 0, -1, 2, 1, 21, 0.0),
    (0, 2, 0, 0, 0, 17, -0.1),
    (2, 0, -1, 0, 1, 16, 0.0),
    (-2, 2, 0, 2, 2, -16, 0.1),
    (0, 1, 0, 0, 1, -15, 0.0),
    (-2, 0, 1, 0, 1, -13, 0.0),
    (0, -1, 0, 0, 1, -12, 0.0),
    (0, 0, 2, -2, 0, 11, 0.0),
    (2, 0, -1, 2, 1, -10, 0.0),
    (2, 0, 1, 2, 2, -8, 0.0),
    (0, 1, 0, 2, 2, 7, 0.0),
    (-2, 1, 1, 0, 0, -7, 0.0),
    (0, -1, 0, 2, 2, -7, 0.0),
    (2, 0, 0, 2, 1, -7, 0.0),
    (2, 0, 1, 0, 0, 6, 0.0),
    (-2, 0, 2, 2, 2, 6, 0.0),
    (-2, 0, 1, 2, 1, 6, 0.0),
    (2, 0, -2, 0, 1, -6, 0.0),
    (2, 0, 0, 0, 1, -6, 0.0),
    (0, -1, 1, 0, 0, 5, 0.0),
    (-2, -1, 0, 2, 1, -5, 0.0),
    (-2, 0, 0, 0, 1, -5, 0.0),
    (0, 0, 2, 2, 1, -5, 0.0),
)


def nutation_in_longitude(jde: float) -> float:
    """Nutation in longitude, Delta psi, in arcseconds (Meeus eq. 22.1 ff.).

    The fundamental arguments are the Moon's mean elongation D, the Sun's mean
    anomaly M, the Moon's mean anomaly M', the Moon's argument of latitude F
    and the longitude of the Moon's ascending node Omega, in degrees.
    """
    t = (jde - J2000) / 36525.0
    d = 297.85036 + 445267.111480 * t - 0.0019142 * t**2 + t**3 / 189474.0
    m = 357.52772 + 35999.050340 * t - 0.0001603 * t**2 - t**3 / 300000.0
    mp = 134.96298 + 477198.867398 * t + 0.0086972 * t**2 + t**3 / 56250.0
    f = 93.27191 + 483202.017538 * t - 0.0036825 * t**2 + t**3 / 327270.0
    om = 125.04452 - 1934.136261 * t + 0.0020708 * t**2 + t**3 / 450000.0
    args = [math.radians(x % 360.0) for x in (d, m, mp, f, om)]
    total = 0.0
    for cd, cm, cmp, cf, com, a, b in NUTATION_TERMS:
        arg = cd * args[0] + cm * args[1] + cmp * args[2] + cf * args[3] + com * args[4]
        total += (a + b * t) * math.sin(arg)
    return total * 1e-4


# ---------------------------------------------------------------------------
# The Sun (Meeus chapter 25, higher accuracy; VSOP87 in Meeus Appendix III)
# ---------------------------------------------------------------------------

# Truncated VSOP87 series for the Earth (heliocentric, mean ecliptic and
# equinox of date).  Each term (A, B, C) contributes A * cos(B + C * tau), with
# A in units of 1e-8 rad (L, B) or 1e-8 AU (R), B in radians, C in radians per
# Julian millennium, tau in Julian millennia of TT from J2000.0.  Series k is
# multiplied by tau**k.
EARTH_L = (
    (  # L0
        (175347046, 0.0, 0.0),
        (3341656, 4.6692568, 6283.0758500),
        (34894, 4.62610, 12566.15170),
        (3497, 2.7441, 5753.3849),
        (3418, 2.8289, 3.5231),
        (3136, 3.6277, 77713.7715),
        (2676, 4.4181, 7860.4194),
        (2343, 6.1352, 3930.2097),
        (1324, 0.7425, 11506.7698),
        (1273, 2.0371, 529.6910),
        (1199, 1.1096, 1577.3435),
        (990, 5.233, 5884.927),
        (902, 2.045, 26.298),
        (857, 3.508, 398.149),
        (780, 1.179, 5223.694),
        (753, 2.533, 5507.553),
        (505, 4.583, 18849.228),
        (492, 4.205, 775.523),
        (357, 2.920, 0.067),
        (317, 5.849, 11790.629),
        (284, 1.899, 796.298),
        (271, 0.315, 10977.079),
        (243, 0.345, 5486.778),
        (206, 4.806, 2544.314),
        (205, 1.869, 5573.143),
        (202, 2.458, 6069.777),
        (156, 0.833, 213.299),
        (132, 3.411, 2942.463),
        (126, 1.083, 20.775),
        (115, 0.645, 0.980),
        (103, 0.636, 4694.003),
        (102, 0.976, 15720.839),
        (102, 4.267, 7.114),
        (99, 6.21, 2146.17),
        (98, 0.68, 155.42),
        (86, 5.98, 161000.69),
        (85, 1.30, 6275.96),
        (85, 3.67, 71430.70),
        (80, 1.81, 17260.15),
        (79, 3.04, 12036.46),
        (75, 1.76, 5088.63),
        (74, 3.50, 3154.69),
        (74, 4.68, 801.82),
        (70, 0.83, 9437.76),
        (62, 3.98, 8827.39),
        (61, 1.82, 7084.90),
        (57, 2.78, 6286.60),
        (56, 4.39, 14143.50),
        (56, 3.47, 6279.55),
        (52, 0.19, 12139.55),
        (52, 1.33, 1748.02),
        (51, 0.28, 5856.48),
        (49, 0.49, 1194.45),
        (41, 5.37, 8429.24),
        (41, 2.40, 19651.05),
        (39, 6.17, 10447.39),
        (37, 6.04, 10213.29),
        (37, 2.57, 1059.38),
        (36, 1.71, 2352.87),
        (36, 1.78, 6812.77),
        (33, 0.59, 17789.85),
        (30, 0.44, 83996.85),
        (30, 2.74, 1349.87),
        (25, 3.16, 4690.48),
    ),
    (  # L1
        (628331966747, 0.0, 0.0),
        (206059, 2.678235, 6283.075850),
        (4303, 2.6351, 12566.1517),
        (425, 1.590, 3.523),
        (119, 5.796, 26.298),
        (109, 2.966, 1577.344),
        (93, 2.59, 18849.23),
        (72, 1.14, 529.69),
        (68, 1.87, 398.15),
        (67, 4.41, 5507.55),
        (59, 2.89, 5223.69),
        (56, 2.17, 155.42),
        (45, 0.40, 796.30),
        (36, 0.47, 775.52),
        (29, 2.65, 7.11),
        (21, 5.34, 0.98),
        (19, 1.85, 5486.78),
        (19, 4.97, 213.30),
        (17, 2.99, 6275.96),
        (16, 0.03, 2544.31),
        (16, 1.43, 2146.17),
        (15, 1.21, 10977.08),
        (12, 2.83, 1748.02),
        (12, 3.26, 5088.63),
        (12, 5.27, 1194.45),
        (12, 2.08, 4694.00),
        (11, 0.77, 553.57),
        (10, 1.30, 6286.60),
        (10, 4.24, 1349.87),
        (9, 2.70, 242.73),
        (9, 5.64, 951.72),
        (8, 5.30, 2352.87),
        (6, 2.65, 9437.76),
        (6, 4.67, 4690.48),
    ),
    (  # L2
        (52919, 0.0, 0.0),
        (8720, 1.0721, 6283.0758),
        (309, 0.867, 12566.152),
        (27, 0.05, 3.52),
        (16, 5.19, 26.30),
        (16, 3.68, 155.42),
        (10, 0.76, 18849.23),
        (9, 2.06, 77713.77),
        (7, 0.83, 775.52),
        (5, 4.66, 1577.34),
        (4, 1.03, 7.11),
        (4, 3.44, 5573.14),
        (3, 5.14, 796.30),
        (3, 6.05, 5507.55),
        (3, 1.19, 242.73),
        (3, 6.12, 529.69),
        (3, 0.31, 398.15),
        (3, 2.28, 553.57),
        (2, 4.38, 5223.69),
        (2, 3.75, 0.98),
    ),
    (  # L3
        (289, 5.844, 6283.076),
        (35, 0.0, 0.0),
        (17, 5.49, 12566.15),
        (3, 5.20, 155.42),
        (1, 4.72, 3.52),
        (1, 5.30, 18849.23),
        (1, 5.97, 242.73),
    ),
    (  # L4
        (114, 3.142, 0.0),
        (8, 4.13, 6283.08),
        (1, 3.84, 12566.15),
    ),
    (  # L5
        (1, 3.14, 0.0),
    ),
)

EARTH_B = (
    (  # B0
        (280, 3.199, 84334.662),
        (102, 5.422, 5507.553),
        (80, 3.88, 5223.69),
        (44, 3.70, 2352.87),
        (32, 4.00, 1577.34),
    ),
    (  # B1
        (9, 3.90, 5507.55),
        (6, 1.73, 5223.69),
    ),
)

EARTH_R = (
    (  # R0
        (100013989, 0.0, 0.0),
        (1670700, 3.0984635, 6283.0758500),
        (13956, 3.05525, 12566.15170),
        (3084, 5.1985, 77713.7715),
        (1628, 1.1739, 5753.3849),
        (1576, 2.8469, 7860.4194),
        (925, 5.453, 11506.770),
        (542, 4.564, 3930.210),
        (472, 3.661, 5884.927),
        (346, 0.964, 5507.553),
        (329, 5.900, 5223.694),
        (307, 0.299, 5573.143),
        (243, 4.273, 11790.629),
        (212, 5.847, 1577.344),
        (186, 5.022, 10977.079),
        (175, 3.012, 18849.228),
        (110, 5.055, 5486.778),
        (98, 0.89, 6069.78),
        (86, 5.69, 15720.84),
        (86, 1.27, 161000.69),
        (65, 0.27, 17260.15),
        (63, 0.92, 529.69),
        (57, 2.01, 83996.85),
        (56, 5.24, 71430.70),
        (49, 3.25, 2544.31),
        (47, 2.58, 775.52),
        (45, 5.54, 9437.76),
        (43, 6.01, 6275.96),
        (39, 5.36, 4694.00),
        (38, 2.39, 8827.39),
        (37, 0.83, 19651.05),
        (37, 4.90, 12139.55),
        (36, 1.67, 12036.46),
        (35, 1.84, 2942.46),
        (33, 0.24, 7084.90),
        (32, 0.18, 5088.63),
        (32, 1.78, 398.15),
        (28, 1.21, 6286.60),
        (28, 1.90, 6279.55),
        (26, 4.59, 10447.39),
    ),
    (  # R1
        (103019, 1.107490, 6283.075850),
        (1721, 1.0644, 12566.1517),
        (702, 3.142, 0.0),
        (32, 1.02, 18849.23),
        (31, 2.84, 5507.55),
        (25, 1.32, 5223.69),
        (18, 1.42, 1577.34),
        (10, 5.91, 10977.08),
        (9, 1.42, 6275.96),
        (9, 0.27, 5486.78),
    ),
    (  # R2
        (4359, 5.7846, 6283.0758),
        (124, 5.579, 12566.152),
        (12, 3.14, 0.0),
        (9, 3.63, 77713.77),
        (6, 1.87, 5573.14),
        (3, 5.47, 18849.23),
    ),
    (  # R3
        (145, 4.273, 6283.076),
        (7, 3.92, 12566.15),
    ),
    (  # R4
        (4, 2.56, 6283.08),
    ),
)


def _vsop_sum(series, tau: float) -> float:
    """Evaluates sum_k tau**k * sum_i A_i cos(B_i + C_i tau), times 1e-8 (Meeus eq. 32.2)."""
    total = 0.0
    for power, terms in enumerate(series):
        s = 0.0
        for a, b, c in terms:
            s += a * math.cos(b + c * tau)
        total += s * tau**power
    return total * 1e-8


def earth_heliocentric(jde: float) -> tuple[float, float, float]:
    """Earth's heliocentric longitude L (rad), latitude B (rad), radius R (AU), VSOP87."""
    tau = (jde - J2000) / 365250.0
    return (_vsop_sum(EARTH_L, tau), _vsop_sum(EARTH_B, tau), _vsop_sum(EARTH_R, tau))


def sun_apparent_longitude(jde: float) -> float:
    """The Sun's apparent geocentric ecliptic longitude in degrees, 0 <= x < 360.

    Meeus chapter 25, "higher accuracy": the geometric longitude is the Earth's
    heliocentric L + 180 degrees; the conversion to the FK5 system adds
    -0.09033"; then nutation in longitude (chapter 22) and the annual
    aberration -20.4898" / R (eq. 25.10) give the apparent longitude referred
    to the true equinox of date.
    """
    big_l, _big_b, r = earth_heliocentric(jde)
    theta = math.degrees(big_l) + 180.0
    correction = -0.09033 + nutation_in_longitude(jde) - 20.4898 / r
    return (theta + correction / 3600.0) % 360.0


def _wrap180(x: float) -> float:
    """An angle in degrees reduced to [-180, 180)."""
    return (x + 180.0) % 360.0 - 180.0


@lru_cache(maxsize=None)
def solar_term_jde(year: int, longitude: int) -> float:
    """JDE (TT) when the Sun's apparent longitude equals `longitude` degrees in `year`.

    `year` is the Gregorian year in which the event falls (for longitudes 0..255
    and 270..345 alike, the event near the date given by the mean motion from
    the March equinox).  Solved by Newton-like iteration with the mean rate
    360 / 365.2422 degrees per day; it converges to 1e-7 day in a few steps.
    """
    # Mean position: the March equinox is near March 20.5; longitude grows
    # by ~0.9856 degrees a day.  Longitudes >= 285 fall in January of `year`.
    march_equinox = date_to_jdn(datetime.date(year, 3, 20)) + 0.0
    offset = longitude if longitude < 285 else longitude - 360
    jde = march_equinox + offset * 365.2422 / 360.0
    for _ in range(50):
        step = _wrap180(longitude - sun_apparent_longitude(jde)) * 365.2422 / 360.0
        jde += step
        if abs(step) < 1e-7:
            break
    return jde


# ---------------------------------------------------------------------------
# New moons (Meeus chapter 49)
# ---------------------------------------------------------------------------

# Periodic terms for the New Moon (Meeus p. 351): coefficient, power of E,
# multiples of (M, M', F, Omega).
NEW_MOON_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0),
    (0.17241, 1, 1, 0, 0, 0),
    (0.01608, 0, 0, 2, 0, 0),
    (0.01039, 0, 0, 0, 2, 0),
    (0.00739, 1, -1, 1, 0, 0),
    (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0),
    (-0.00111, 0, 0, 1, -2, 0),
    (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0),
    (-0.00042, 0, 0, 3, 0, 0),
    (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0),
    (-0.00024, 1, -1, 2, 0, 0),
    (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0),
    (0.00004, 0, 0, 2, -2, 0),
    (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0),
    (0.00003, 0, 0, 2, 2, 0),
    (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0),
    (-0.00002, 0, -1, 1, -2, 0),
    (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)

# Planetary arguments A1..A14 (degrees: constant, rate per lunation k, and the
# T**2 coefficient, used only by A1) with their coefficients (Meeus p. 351-352).
PLANETARY_TERMS = (
    (299.77, 0.107408, -0.009173, 0.000325),
    (251.88, 0.016321, 0.0, 0.000165),
    (251.83, 26.651886, 0.0, 0.000164),
    (349.42, 36.412478, 0.0, 0.000126),
    (84.66, 18.206239, 0.0, 0.000110),
    (141.74, 53.303771, 0.0, 0.000062),
    (207.14, 2.453732, 0.0, 0.000060),
    (154.84, 7.306860, 0.0, 0.000056),
    (34.52, 27.261239, 0.0, 0.000047),
    (207.19, 0.121824, 0.0, 0.000042),
    (291.34, 1.844379, 0.0, 0.000040),
    (161.72, 24.198154, 0.0, 0.000037),
    (239.56, 25.513099, 0.0, 0.000035),
    (331.55, 3.592518, 0.0, 0.000023),
)


@lru_cache(maxsize=None)
def new_moon_jde(k: int) -> float:
    """JDE (TT) of the true New Moon number k (k = 0 is the one of 2000-01-06).

    Meeus eq. 49.1 for the mean phase, then the periodic terms in the Sun's
    and Moon's mean anomalies M, M', the Moon's argument of latitude F and
    the node Omega (with E, the eccentricity factor of eq. 47.6), then the 14
    planetary corrections.  Meeus quotes a mean error of a few seconds and a
    worst case under a minute against the full ELP-2000/82 theory.
    """
    t = k / 1236.85
    jde = (2451550.09766 + 29.530588861 * k + 0.00015437 * t**2
           - 0.000000150 * t**3 + 0.00000000073 * t**4)
    e = 1.0 - 0.002516 * t - 0.0000074 * t**2
    m = math.radians((2.5534 + 29.10535670 * k - 0.0000014 * t**2 - 0.00000011 * t**3) % 360.0)
    mp = math.radians((201.5643 + 385.81693528 * k + 0.0107582 * t**2
                       + 0.00001238 * t**3 - 0.000000058 * t**4) % 360.0)
    f = math.radians((160.7108 + 390.67050284 * k - 0.0016118 * t**2
                      - 0.00000227 * t**3 + 0.000000011 * t**4) % 360.0)
    om = math.radians((124.7746 - 1.56375588 * k + 0.0020672 * t**2 + 0.00000215 * t**3) % 360.0)
    for coef, e_pow, cm, cmp, cf, com in NEW_MOON_TERMS:
        jde += coef * e**e_pow * math.sin(cm * m + cmp * mp + cf * f + com * om)
    for a0, rate, t2, coef in PLANETARY_TERMS:
        jde += coef * math.sin(math.radians((a0 + rate * k + t2 * t**2) % 360.0))
    return jde


def new_moon_k_near(jd: float) -> int:
    """The lunation number k of the New Moon nearest to (within ~1 day) jd."""
    return round((jd - 2451550.09766) / 29.530588861)


# ---------------------------------------------------------------------------
# The calendar (GB/T 33661-2017)
# ---------------------------------------------------------------------------

class Ephemeris:
    """Event times in UT, with optional uniform shifts for the sensitivity test.

    `moon_shift_min` and `term_shift_min` are added (in minutes) to every new
    moon and every solar term; zero for the real computation.
    """

    def __init__(self, moon_shift_min: float = 0.0, term_shift_min: float = 0.0):
        self.moon_shift = moon_shift_min / 1440.0
        self.term_shift = term_shift_min / 1440.0

    def new_moon_ut(self, k: int) -> float:
        return tt_to_ut(new_moon_jde(k)) + self.moon_shift

    def term_ut(self, year: int, longitude: int) -> float:
        return tt_to_ut(solar_term_jde(year, longitude)) + self.term_shift


class Month:
    """One lunar month: first civil day (JDN), number 1..12, leap flag, and the new moon (UT)."""

    __slots__ = ("start", "number", "leap", "new_moon_ut")

    def __init__(self, start: int, number: int, leap: bool, new_moon_ut: float):
        self.start, self.number, self.leap, self.new_moon_ut = start, number, leap, new_moon_ut

    def __repr__(self) -> str:
        lp = "leap " if self.leap else ""
        return f"Month({lp}{self.number}, {jdn_to_date(self.start)})"


def major_term_days(eph: Ephemeris, first_year: int, last_year: int) -> list[tuple[int, float]]:
    """Beijing days (with UT instants) of every major solar term (中气) in the years given."""
    out = []
    for y in range(first_year, last_year + 1):
        for lon in range(0, 360, 30):
            ut = eph.term_ut(y, lon)
            out.append((beijing_day(ut), ut))
    out.sort()
    return out


def sui_months(eph: Ephemeris, year: int) -> list[Month]:
    """The months of the 岁 from the month 11 containing the winter solstice of
    `year - 1` up to (not including) the month 11 containing that of `year`.

    GB/T 33661-2017: months start on the Beijing day of the new moon; the month
    holding the winter solstice is month 11; a 岁 of 13 months has a leap
    month, the first one holding no major solar term, which repeats the number
    of the month before it.
    """
    ws_a_ut = eph.term_ut(year - 1, 270)
    ws_b_ut = eph.term_ut(year, 270)
    ws_a, ws_b = beijing_day(ws_a_ut), beijing_day(ws_b_ut)

    # New moons from well before one solstice to well after the other.
    k0 = new_moon_k_near(ws_a_ut) - 2
    k1 = new_moon_k_near(ws_b_ut) + 2
    moons = [(beijing_day(eph.new_moon_ut(k)), eph.new_moon_ut(k)) for k in range(k0, k1 + 1)]

    def month11_index(ws_day: int) -> int:
        return max(i for i, (d, _) in enumerate(moons) if d <= ws_day)

    ia, ib = month11_index(ws_a), month11_index(ws_b)
    span = moons[ia:ib + 1]  # includes the start of the next month 11 as an end marker
    n_months = len(span) - 1
    if n_months not in (12, 13):
        raise AssertionError(f"sui ending {year}: {n_months} months")

    majors = [d for d, _ in major_term_days(eph, year - 1, year)]

    def has_major_term(i: int) -> bool:
        lo, hi = span[i][0], span[i + 1][0]
        return any(lo <= d < hi for d in majors)

    leap_index = None
    if n_months == 13:
        leap_index = next(i for i in range(1, 13) if not has_major_term(i))

    months = []
    number = 11
    for i in range(n_months):
        leap = i == leap_index
        if i > 0 and not leap:
            number = number % 12 + 1
        months.append(Month(span[i][0], number, leap, span[i][1]))
    return months


def month_of(months: list[Month], number: int) -> Month:
    """The regular (not leap) month with this number among `months`."""
    return next(m for m in months if m.number == number and not m.leap)


class YearResult:
    """The computed festival days of one Gregorian year and the events behind them."""

    def __init__(self, eph: Ephemeris, year: int):
        months = sui_months(eph, year)
        self.year = year
        m1, m5, m8 = (month_of(months, n) for n in (1, 5, 8))
        self.qingming_ut = eph.term_ut(year, 15)
        self.spring = m1.start
        self.qingming = beijing_day(self.qingming_ut)
        self.dragon_boat = m5.start + 4
        self.mid_autumn = m8.start + 14
        self.events = {
            "new moon of month 1": m1.new_moon_ut,
            "Qingming (15 deg)": self.qingming_ut,
            "new moon of month 5": m5.new_moon_ut,
            "new moon of month 8": m8.new_moon_ut,
        }
        # Leap month of lunar year `year` (month 1 of `year` to month 1 of
        # `year + 1`): a leap 1..10 sits in this 岁, a leap 11 or 12 in the next.
        self.leap_month = None
        for m in months:
            if m.leap and m.number <= 10 and m.start >= m1.start:
                self.leap_month = m.number
        for m in sui_months(eph, year + 1):
            if m.leap and m.number >= 11:
                self.leap_month = m.number

    def dates(self) -> tuple[str, str, str, str]:
        return tuple(jdn_to_date(d).isoformat()
                     for d in (self.spring, self.qingming, self.dragon_boat, self.mid_autumn))


def compute_all(eph: Ephemeris) -> dict[int, YearResult]:
    return {y: YearResult(eph, y) for y in range(FIRST_YEAR, LAST_YEAR + 1)}


def near_midnight_report(results: dict[int, YearResult]) -> tuple[list[str], list[str]]:
    """Lines describing every deciding event within 10 minutes of Beijing midnight
    (the new moons of months 1, 5 and 8, Qingming, and any major solar term),
    and every year whose dates or leap month move when all new moons or all
    solar terms are shifted by +-10 minutes (which catches leap-month placement).

    Returns (lines that bear on a listed date, lines about major solar terms
    near midnight that, by the shift test, move no listed date).
    """
    lines, terms = [], []
    for y, r in results.items():
        for name, ut in r.events.items():
            dist = minutes_from_beijing_midnight(ut)
            if dist < NEAR_MIDNIGHT_MINUTES:
                lines.append(f"{y}: {name} at {beijing_time_str(ut)} "
                             f"({dist:.1f} min from midnight)")
    eph0 = Ephemeris()
    for y in range(FIRST_YEAR - 1, LAST_YEAR + 1):
        for lon in range(0, 360, 30):
            ut = eph0.term_ut(y, lon)
            dist = minutes_from_beijing_midnight(ut)
            if dist < NEAR_MIDNIGHT_MINUTES:
                terms.append(f"{y}: major solar term {lon} deg at {beijing_time_str(ut)} "
                             f"({dist:.1f} min from midnight; bears on leap months only)")

    def signature(r: YearResult) -> tuple:
        return r.dates() + (r.leap_month,)

    base = {y: signature(r) for y, r in results.items()}
    for label, eph in (("new moons +10 min", Ephemeris(moon_shift_min=10)),
                       ("new moons -10 min", Ephemeris(moon_shift_min=-10)),
                       ("solar terms +10 min", Ephemeris(term_shift_min=10)),
                       ("solar terms -10 min", Ephemeris(term_shift_min=-10))):
        for y, r in compute_all(eph).items():
            if signature(r) != base[y]:
                leap = f"leap month {r.leap_month}" if r.leap_month else "no leap month"
                lines.append(f"{y}: with {label} the row would read {','.join(r.dates())} ({leap})")
    return lines, terms


def render(results: dict[int, YearResult], report: list[str]) -> str:
    head = [
        "# Dates in China (Beijing time, UTC+8) of Spring Festival (农历正月初一),",
        "# Qingming (清明: the Sun's apparent geocentric longitude reaches 15 degrees),",
        "# Dragon Boat Festival (端午: day 5 of the regular lunar month 5) and",
        "# Mid-Autumn Festival (中秋: day 15 of lunar month 8), 2004-2099.",
        "# New Year's Eve (除夕) is the day before Spring Festival.",
        "# Computed by tools/gen_festivals.py; do not edit by hand (run it to regenerate,",
        "# and with --check to test that this file is current).",
        "# Method: new moons from J. Meeus, Astronomical Algorithms (2nd ed., 1998), ch. 49",
        "# with periodic and planetary corrections; the Sun's apparent longitude from Meeus",
        "# ch. 25 (truncated VSOP87, FK5, nutation ch. 22, aberration); Delta T from the",
        "# Espenak-Meeus polynomials; months and leap months by the rules of",
        "# GB/T 33661-2017 《农历的编算和颁行》 (month starts on the Beijing day of the new moon,",
        "# the winter-solstice month is month 11, a 13-month 岁 takes as leap month its first",
        "# month without a major solar term).",
    ]
    if report:
        head.append("# Events within 10 minutes of Beijing midnight, or dates that move if new moons")
        head.append("# or solar terms are shifted by 10 minutes (check these against official tables):")
        head.extend("#   " + line for line in report)
    else:
        head.append("# No deciding event (new moon of months 1, 5, 8; Qingming; nor, by a +-10 minute")
        head.append("# shift of all new moons and all solar terms, any leap-month placement) lies within")
        head.append("# 10 minutes of Beijing midnight.")
    body = ["year,spring_festival,qingming,dragon_boat,mid_autumn"]
    for y, r in results.items():
        body.append(f"{y}," + ",".join(r.dates()))
    return "\n".join(head + body) + "\n"


# ---------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------

KNOWN_SPRING_FESTIVALS = {
    2026: "2026-02-17",
    2027: "2027-02-06", 2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-03",
    2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31", 2034: "2034-02-19",
    2035: "2035-02-08", 2036: "2036-01-28", 2037: "2037-02-15", 2038: "2038-02-04",
    2039: "2039-01-24", 2040: "2040-02-12", 2041: "2041-02-01", 2042: "2042-01-22",
    2043: "2043-02-10", 2044: "2044-01-30", 2045: "2045-02-17", 2046: "2046-02-06",
    2047: "2047-01-26", 2048: "2048-02-14", 2049: "2049-02-02", 2050: "2050-01-23",
}
KNOWN_OTHER = {  # (year, column index in dates()) -> date
    (2027, 3): "2027-09-15", (2027, 2): "2027-06-09", (2027, 1): "2027-04-05",
    (2026, 3): "2026-09-25", (2026, 2): "2026-06-19",
}
KNOWN_LEAP_MONTHS = {  # lunar year -> leap month number (years not listed have none)
    2004: 2, 2006: 7, 2009: 5, 2012: 4, 2014: 9, 2017: 6, 2020: 4, 2023: 2, 2025: 6,
    2028: 5, 2031: 3, 2033: 11, 2036: 6, 2039: 5, 2042: 2, 2044: 7, 2047: 5, 2050: 3,
}
WORK_CALENDAR_NAMES = ("Spring Festival", "Tomb-sweeping Day",
                       "Dragon Boat Festival", "Mid-autumn Festival")
COLUMN_NAMES = ("spring_festival", "qingming", "dragon_boat", "mid_autumn")


def self_tests() -> list[str]:
    """Checks against the worked examples in Meeus; returns failure messages."""
    fails = []
    # Example 22.a: 1987 April 10, 0h TD -> Delta psi = -3.788".
    dpsi = nutation_in_longitude(2446895.5)
    print(f"  Meeus ex. 22.a nutation: {dpsi:+.3f}\" (book -3.788\")")
    if abs(dpsi + 3.788) > 0.01:
        fails.append("nutation example 22.a")
    # Example 25.b: 1992 October 13.0 TD -> L = 19.907372 deg, R = 0.99760775 AU.
    big_l, _b, r = earth_heliocentric(2448908.5)
    l_deg = math.degrees(big_l) % 360.0
    print(f"  Meeus ex. 25.b Earth L = {l_deg:.6f} deg (book 19.907372), R = {r:.8f} (book 0.99760775)")
    if abs(l_deg - 19.907372) > 2e-6 or abs(r - 0.99760775) > 2e-8:
        fails.append("VSOP87 example 25.b")
    # Example 49.a: the New Moon of 1977 February, k = -283 -> JDE 2443192.65118.
    jde = new_moon_jde(-283)
    print(f"  Meeus ex. 49.a new moon JDE = {jde:.5f} (book 2443192.65118)")
    if abs(jde - 2443192.65118) > 2e-5:
        fails.append("new moon example 49.a")
    return fails


def read_work_calendar() -> list[tuple[datetime.date, str, str]]:
    rows = []
    for line in WORK_CALENDAR_PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("date,"):
            continue
        d, kind, fest = line.split(",", 2)
        rows.append((datetime.date.fromisoformat(d), kind, fest))
    return rows


def holiday_blocks(rows):
    """Holiday periods: maximal runs of consecutive holiday days, each with the
    festival names in it and the days bridged.

    The file lists weekend days inside a holiday period as holidays; where it
    leaves out such a day (a Saturday or Sunday that it does not list at all,
    so an off day by the file's own rule) between two holiday days, the run is
    joined across it and the bridged day is returned so that it can be
    reported.
    """
    listed = {d for d, _, _ in rows}
    days = sorted((d, f) for d, k, f in rows if k == "holiday")
    blocks = []  # [first, last, names, bridged days]
    for d, f in days:
        if blocks:
            last = blocks[-1][1]
            gap = [last + datetime.timedelta(days=i) for i in range(1, (d - last).days)]
            if all(g.weekday() >= 5 and g not in listed for g in gap) and len(gap) <= 2:
                blocks[-1][1] = d
                blocks[-1][2].add(f)
                blocks[-1][3].extend(gap)
                continue
        blocks.append([d, d, {f}, []])
    return [tuple(b) for b in blocks]


# The three festivals other than Spring Festival became statutory holidays in
# 2008 (State Council decree of December 2007); before that the work calendar
# has no day for them, which is not a mismatch.
FIRST_STATUTORY_YEAR = {"Tomb-sweeping Day": 2008, "Dragon Boat Festival": 2008,
                        "Mid-autumn Festival": 2008}


def verify(results: dict[int, YearResult]) -> int:
    """Prints every comparison; returns the number of mismatches."""
    bad = 0
    print("Self-tests against Meeus's worked examples:")
    for f in self_tests():
        print(f"  MISMATCH: {f}")
        bad += 1

    print("\nAgainst data/cn-work-calendar.csv (the computed date must lie in the festival's holiday block):")
    rows = read_work_calendar()
    blocks = holiday_blocks(rows)
    years = sorted({d.year for d, _, _ in rows})
    for y in years:
        r = results[y]
        cells = []
        for col, (name, day) in enumerate(zip(WORK_CALENDAR_NAMES, r.dates())):
            d = datetime.date.fromisoformat(day)
            own = [b for b in blocks if b[0].year == y or b[1].year == y]
            named = [b for b in own if name in b[2]]
            note = ""
            if not named and y < FIRST_STATUTORY_YEAR.get(name, 0):
                cells.append(f"{COLUMN_NAMES[col]} {day} (not a holiday before 2008)")
                continue
            if not named and name == "Mid-autumn Festival":
                # Merged into the National Day block with no day named for it.
                named = [b for b in own if "National Day" in b[2]]
                note = " (merged with National Day)"
            if not named:
                cells.append(f"{COLUMN_NAMES[col]} {day} MISMATCH (no such holiday in file)")
                bad += 1
                continue
            inside = [b for b in named if b[0] <= d <= b[1]]
            if inside:
                b = inside[0]
                if len(b[2]) > 1 and not note:
                    note = " (block shared with " + "/".join(sorted(b[2] - {name})) + ")"
                if b[3]:
                    gaps = ", ".join(g.isoformat() for g in b[3])
                    note += f" (file leaves out weekend day {gaps} inside the block)"
                cells.append(f"{COLUMN_NAMES[col]} {day} ok in {b[0]}..{b[1]}{note}")
            else:
                spans = ", ".join(f"{b[0]}..{b[1]}" for b in named)
                cells.append(f"{COLUMN_NAMES[col]} {day} MISMATCH (file: {spans})")
                bad += 1
        print(f"  {y}: " + "; ".join(cells))

    print("\nAgainst known dates:")
    for y, want in KNOWN_SPRING_FESTIVALS.items():
        got = results[y].dates()[0]
        ok = got == want
        bad += not ok
        print(f"  {y} spring_festival {got} {'ok' if ok else 'MISMATCH, known ' + want}")
    for (y, col), want in KNOWN_OTHER.items():
        got = results[y].dates()[col]
        ok = got == want
        bad += not ok
        print(f"  {y} {COLUMN_NAMES[col]} {got} {'ok' if ok else 'MISMATCH, known ' + want}")

    print("\nLeap months (lunar year: leap month), 2004-2050 against the known list:")
    for y in range(FIRST_YEAR, 2051):
        got, want = results[y].leap_month, KNOWN_LEAP_MONTHS.get(y)
        if got is None and want is None:
            continue
        ok = got == want
        bad += not ok
        print(f"  {y}: leap {got} {'ok' if ok else f'MISMATCH, known {want}'}")
    later = [f"{y}:{r.leap_month}" for y, r in results.items() if y > 2050 and r.leap_month]
    print("  computed for 2051-2099: " + " ".join(later))

    print("\nNear-midnight / sensitivity report:")
    report, terms = near_midnight_report(results)
    for line in (report + terms) or ["(none)"]:
        print("  " + line)

    print(f"\n{bad} mismatch(es)")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--check", action="store_true",
                   help="exit non-zero if data/cn-festivals.csv differs from what would be written")
    g.add_argument("--verify", action="store_true",
                   help="compare the computation with known dates and the work calendar")
    args = ap.parse_args()

    results = compute_all(Ephemeris())
    if args.verify:
        return 1 if verify(results) else 0

    report, terms = near_midnight_report(results)
    text = render(results, report)
    if args.check:
        current = OUT_PATH.read_text(encoding="utf-8") if OUT_PATH.exists() else None
        if current != text:
            print(f"{OUT_PATH.relative_to(ROOT)} is out of date; run python3 tools/gen_festivals.py",
                  file=sys.stderr)
            return 1
        return 0
    for line in report + terms:
        print("near midnight: " + line, file=sys.stderr)
    OUT_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
