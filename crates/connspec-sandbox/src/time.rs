//! Dates as Coupa writes them (ISO 8601 with an offset) and as filters read them, without a
//! date library: civil-date arithmetic on Unix seconds.

use std::time::{SystemTime, UNIX_EPOCH};

/// The offset the sandbox writes timestamps in, like a US-Pacific Coupa instance (`-08:00`).
pub(crate) const OFFSET_MINUTES: i64 = -8 * 60;

/// Seconds since the Unix epoch, now.
pub(crate) fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Milliseconds since the Unix epoch, now.
pub(crate) fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// `2026-01-05T09:00:00-08:00` for a Unix time, in [`OFFSET_MINUTES`].
pub(crate) fn format(epoch_secs: i64) -> String {
    let local = epoch_secs + OFFSET_MINUTES * 60;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    let sign = if OFFSET_MINUTES < 0 { '-' } else { '+' };
    let offset = OFFSET_MINUTES.abs();
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60,
        offset / 60,
        offset % 60
    )
}

/// Reads `YYYY-MM-DD` (midnight UTC, as Coupa reads a date) or `YYYY-MM-DDTHH:MM[:SS[.fff]]`
/// with `Z` or `±HH:MM` (no offset: UTC) into Unix seconds.
pub(crate) fn parse(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i64 = digits(&text[0..4])?;
    let month: i64 = digits(&text[5..7])?;
    let day: i64 = digits(&text[8..10])?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let date = days_from_civil(year, month, day) * 86_400;
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(date);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    if rest.len() < 5 || rest.as_bytes()[2] != b':' {
        return None;
    }
    let hour: i64 = digits(&rest[0..2])?;
    let minute: i64 = digits(&rest[3..5])?;
    let mut rest = &rest[5..];
    let mut second = 0;
    if let Some(after) = rest.strip_prefix(':') {
        second = digits(after.get(0..2)?)?;
        rest = &after[2..];
        if let Some(fraction) = rest.strip_prefix('.') {
            let end = fraction
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(fraction.len());
            if end == 0 {
                return None;
            }
            rest = &fraction[end..];
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let tz = &rest[1..];
            let (h, m) = match tz.len() {
                5 if tz.as_bytes()[2] == b':' => (digits(&tz[0..2])?, digits(&tz[3..5])?),
                4 => (digits(&tz[0..2])?, digits(&tz[2..4])?),
                2 => (digits(tz)?, 0),
                _ => return None,
            };
            sign * (h * 3600 + m * 60)
        }
    };
    Some(date + hour * 3600 + minute * 60 + second - offset)
}

/// Whether a string looks like a date or a timestamp (and so compares chronologically).
pub(crate) fn is_datetime(text: &str) -> bool {
    text.len() >= 10 && parse(text).is_some()
}

fn digits(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        let t = days_from_civil(2012, 2, 15) * 86_400 + 22 * 3600 + 56 * 60 + 22;
        assert_eq!(format(t), "2012-02-15T14:56:22-08:00");
        assert_eq!(parse("2012-02-15T14:56:22-08:00"), Some(t));
        assert_eq!(parse("2012-02-15T22:56:22Z"), Some(t));
        assert_eq!(parse("2012-02-15T22:56:22.123+00:00"), Some(t));
        assert_eq!(
            parse("2010-12-31"),
            Some(days_from_civil(2010, 12, 31) * 86_400)
        );
        assert_eq!(parse("2010-12-31T00:00"), parse("2010-12-31"));
        for bad in [
            "",
            "2010",
            "2010-13-01",
            "pending_approval",
            "2010-12-31T",
            "12345678901",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(format(0), "1969-12-31T16:00:00-08:00");
    }
}
