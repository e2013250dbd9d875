//! The `OnCalendar=` grammar, read as systemd's `calendar_spec_from_string` reads it, with byte spans for errors.

use std::ops::Range;

use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::Tz;

use super::{CalendarError, Component, MAX_EXPRESSION_LEN, Spec, normalize};

pub(crate) const USEC_PER_SEC: i64 = 1_000_000;

/// systemd's `CALENDARSPEC_COMPONENTS_MAX`: at most this many nested list items (241 items) per component.
const COMPONENTS_MAX: usize = 240;

/// Weekday names in systemd's lookup order (the long name before its abbreviation).
const DAYS: [(&str, u8); 14] = [
    ("monday", 0),
    ("mon", 0),
    ("tuesday", 1),
    ("tue", 1),
    ("wednesday", 2),
    ("wed", 2),
    ("thursday", 3),
    ("thu", 3),
    ("friday", 4),
    ("fri", 4),
    ("saturday", 5),
    ("sat", 5),
    ("sunday", 6),
    ("sun", 6),
];

/// The shorthands and the fields they set (month, day, hour, minute, second; weekly sets Monday).
pub(crate) const SHORTHANDS: [&str; 13] = [
    "minutely",
    "hourly",
    "daily",
    "monthly",
    "weekly",
    "yearly",
    "annually",
    "anually",
    "quarterly",
    "semiannually",
    "semi-annually",
    "biannually",
    "bi-annually",
];

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
    /// Byte offset of `s[0]` in the caller's input.
    base: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> u8 {
        self.s.get(self.i).copied().unwrap_or(0)
    }

    fn peek_at(&self, k: usize) -> u8 {
        self.s.get(self.i + k).copied().unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    fn span(&self, from: usize, to: usize) -> Range<usize> {
        self.base + from..self.base + to
    }

    /// The rest of the current token (up to a space or the end), for messages.
    fn token_end(&self, from: usize) -> usize {
        let mut end = from;
        while end < self.s.len() && self.s[end] != b' ' {
            end += 1;
        }
        end.max((from + 1).min(self.s.len()))
    }

    fn text(&self, range: Range<usize>) -> String {
        String::from_utf8_lossy(&self.s[range]).into_owned()
    }

    fn skip_spaces(&mut self) {
        while self.peek() == b' ' {
            self.i += 1;
        }
    }

    /// An error about the character at the cursor (or the end of the input).
    fn unexpected(&self, expected: &str) -> CalendarError {
        if self.at_end() {
            return CalendarError::new(
                format!("the expression ends too early; expected {expected}"),
                self.span(self.i, self.i),
            );
        }
        let end = char_end(self.s, self.i);
        CalendarError::new(
            format!("unexpected \"{}\"; expected {expected}", self.text(self.i..end)),
            self.span(self.i, end),
        )
    }
}

fn char_end(s: &[u8], i: usize) -> usize {
    let mut end = i + 1;
    while end < s.len() && (s[end] & 0xC0) == 0x80 {
        end += 1;
    }
    end.min(s.len())
}

pub(crate) fn parse(text: &str) -> Result<Spec, CalendarError> {
    if text.len() > MAX_EXPRESSION_LEN {
        return Err(CalendarError::new(
            format!(
                "the expression is {} bytes long; at most {MAX_EXPRESSION_LEN} are accepted",
                text.len()
            ),
            0..text.len(),
        ));
    }
    let start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(CalendarError::new(
            "the expression is empty; write a calendar event such as `Mon..Fri *-*-* 09:00`, `*-*-1 02:00` or `daily`",
            0..text.len(),
        ));
    }
    let mut spec = Spec {
        weekdays: None,
        year: None,
        month: None,
        day: None,
        hour: None,
        minute: None,
        second: None,
        end_of_month: false,
        utc: false,
        zone: None,
    };

    // The zone comes off the end first, as in systemd: " UTC" (any case), else the last word if it names a zone.
    let mut core = trimmed;
    if trimmed.len() > 4 && trimmed.is_char_boundary(trimmed.len() - 4) {
        let tail = &trimmed[trimmed.len() - 4..];
        if tail.eq_ignore_ascii_case(" utc") {
            spec.utc = true;
            core = &trimmed[..trimmed.len() - 4];
        }
    }
    if !spec.utc
        && let Some(space) = trimmed.rfind(' ')
    {
        let word = &trimmed[space + 1..];
        let word_start = start + space + 1;
        if let Ok(zone) = word.parse::<Tz>() {
            spec.zone = Some(zone);
            core = &trimmed[..space];
        } else if looks_like_zone(word) {
            return Err(CalendarError::new(
                format!(
                    "unknown time zone \"{word}\"; use an IANA zone name such as Europe/Berlin or UTC (names are case-sensitive)"
                ),
                word_start..word_start + word.len(),
            ));
        }
    }
    if core.ends_with(' ') {
        let end = start + core.len();
        let from = start + core.trim_end().len();
        return Err(CalendarError::new(
            "more than one space before the time zone; systemd accepts exactly one",
            from..end,
        ));
    }

    if let Some(shorthand) = SHORTHANDS.iter().find(|name| core.eq_ignore_ascii_case(name)) {
        shorthand_spec(&mut spec, shorthand);
    } else {
        let mut p = Cursor { s: core.as_bytes(), i: 0, base: start };
        parse_weekdays(&mut p, &mut spec)?;
        let done = parse_date(&mut p, &mut spec)?;
        if !done {
            parse_time(&mut p, &mut spec)?;
        }
        if !p.at_end() {
            let end = p.token_end(p.i);
            return Err(CalendarError::new(
                format!("unexpected \"{}\" after the end of the calendar event", p.text(p.i..end)),
                p.span(p.i, end),
            ));
        }
    }
    normalize::normalize(&mut spec);
    normalize::validate(&spec)?;
    Ok(spec)
}

/// A trailing word that is meant as a zone: it has a `/`, or it is a word of letters that is no weekday.
fn looks_like_zone(word: &str) -> bool {
    if word.contains('/') {
        return !word.contains(['*', ':', '~', ',']);
    }
    word.len() >= 3
        && word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
        && !DAYS.iter().any(|(name, _)| word.eq_ignore_ascii_case(name))
        && !SHORTHANDS.iter().any(|name| word.eq_ignore_ascii_case(name))
}

fn single(value: i64) -> Option<Vec<Component>> {
    Some(vec![Component { start: value, stop: -1, repeat: 0, span: 0..0 }])
}

fn shorthand_spec(spec: &mut Spec, name: &str) {
    let lower = name.to_ascii_lowercase();
    spec.second = single(0);
    if lower == "minutely" {
        return;
    }
    spec.minute = single(0);
    if lower == "hourly" {
        return;
    }
    spec.hour = single(0);
    match lower.as_str() {
        "daily" => {}
        "monthly" => spec.day = single(1),
        "weekly" => spec.weekdays = Some(1),
        "yearly" | "annually" | "anually" => {
            spec.month = single(1);
            spec.day = single(1);
        }
        "quarterly" => {
            spec.month = Some(
                [1, 4, 7, 10]
                    .iter()
                    .map(|&m| Component { start: m, stop: -1, repeat: 0, span: 0..0 })
                    .collect(),
            );
            spec.day = single(1);
        }
        _ => {
            spec.month = Some(
                [1, 7]
                    .iter()
                    .map(|&m| Component { start: m, stop: -1, repeat: 0, span: 0..0 })
                    .collect(),
            );
            spec.day = single(1);
        }
    }
}

fn parse_weekdays(p: &mut Cursor<'_>, spec: &mut Spec) -> Result<(), CalendarError> {
    let mut range_start: Option<(u8, usize)> = None;
    let mut first = true;
    let mut bits: u8 = 0;
    loop {
        let rest = &p.s[p.i..];
        let found = DAYS.iter().find(|(name, _)| {
            rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        });
        let Some(&(name, nr)) = found else {
            if first {
                return Ok(());
            }
            let end = p.token_end(p.i);
            return Err(CalendarError::new(
                format!(
                    "\"{}\" is no weekday; use Mon, Tue, Wed, Thu, Fri, Sat, Sun or the full names",
                    p.text(p.i..end)
                ),
                p.span(p.i, end),
            ));
        };
        let name_start = p.i;
        let skip = name.len();
        if !matches!(p.peek_at(skip), 0 | b'-' | b'.' | b',' | b' ') {
            let end = p.token_end(p.i);
            return Err(CalendarError::new(
                format!(
                    "\"{}\" is no weekday: after a weekday name comes \",\", \"..\" or a space",
                    p.text(p.i..end)
                ),
                p.span(p.i, end),
            ));
        }
        bits |= 1 << nr;
        if let Some((l, l_pos)) = range_start {
            if l > nr {
                return Err(CalendarError::new(
                    format!(
                        "weekday range {} runs backwards; weeks run Mon..Sun, so write it as two parts, e.g. Sat..Sun,Mon",
                        p.text(l_pos..name_start + skip)
                    ),
                    p.span(l_pos, name_start + skip),
                ));
            }
            for j in l + 1..nr {
                bits |= 1 << j;
            }
        }
        p.i += skip;
        if p.at_end() {
            break;
        }
        if p.peek() == b' ' {
            p.skip_spaces();
            break;
        }
        match p.peek() {
            b'.' => {
                if range_start.is_some() {
                    return Err(CalendarError::new(
                        "a weekday range has one \"..\"; separate ranges with \",\"",
                        p.span(p.i, p.i + 1),
                    ));
                }
                if p.peek_at(1) != b'.' {
                    return Err(CalendarError::new(
                        "a weekday range is written with two dots, e.g. Mon..Fri",
                        p.span(p.i, p.i + 1),
                    ));
                }
                range_start = Some((nr, name_start));
                p.i += 2;
            }
            b'-' => {
                if range_start.is_some() {
                    return Err(CalendarError::new(
                        "a weekday range has one \"..\"; separate ranges with \",\"",
                        p.span(p.i, p.i + 1),
                    ));
                }
                range_start = Some((nr, name_start));
                p.i += 1;
            }
            _ => {
                // ','
                range_start = None;
                p.i += 1;
            }
        }
        if p.at_end() || p.peek() == b' ' {
            p.skip_spaces();
            if let Some((_, l_pos)) = range_start {
                return Err(CalendarError::new(
                    "the weekday range has no end; write e.g. Mon..Fri",
                    p.span(l_pos, p.i),
                ));
            }
            break;
        }
        first = false;
    }
    spec.weekdays = Some(bits);
    Ok(())
}

/// Parses a decimal number (seconds with an optional fraction, rounded to 6 places, in microseconds).
fn parse_decimal(p: &mut Cursor<'_>, usec: bool, what: &str) -> Result<i64, CalendarError> {
    if !p.peek().is_ascii_digit() {
        return Err(p.unexpected(what));
    }
    let from = p.i;
    let mut value: i64 = 0;
    while p.peek().is_ascii_digit() {
        value = value.saturating_mul(10).saturating_add(i64::from(p.peek() - b'0'));
        p.i += 1;
    }
    if usec {
        value = value.saturating_mul(USEC_PER_SEC);
        if p.peek() == b'.' && p.peek_at(1) != b'.' {
            p.i += 1;
            if !p.peek().is_ascii_digit() {
                return Err(p.unexpected("a digit after the decimal point"));
            }
            let mut fraction: i64 = 0;
            let mut digits = 0;
            while digits < 6 && p.peek().is_ascii_digit() {
                fraction = fraction * 10 + i64::from(p.peek() - b'0');
                p.i += 1;
                digits += 1;
            }
            for _ in digits..6 {
                fraction *= 10;
            }
            if (b'5'..=b'9').contains(&p.peek()) {
                fraction += 1;
            }
            while p.peek().is_ascii_digit() {
                p.i += 1;
            }
            value = value.saturating_add(fraction);
        }
    }
    if value > i64::from(i32::MAX) {
        return Err(CalendarError::new(
            format!("{} is too large", p.text(from..p.i)),
            p.span(from, p.i),
        ));
    }
    Ok(value)
}

/// A comma-separated list of values, ranges and repetitions, or `*`.
fn parse_chain(p: &mut Cursor<'_>, usec: bool) -> Result<Option<Vec<Component>>, CalendarError> {
    if p.peek() == b'*' {
        p.i += 1;
        return Ok(if usec {
            Some(vec![Component {
                start: 0,
                stop: -1,
                repeat: USEC_PER_SEC,
                span: p.span(p.i - 1, p.i),
            }])
        } else {
            None
        });
    }
    let mut chain = Vec::new();
    loop {
        if chain.len() > COMPONENTS_MAX {
            return Err(CalendarError::new(
                format!("more than {} values in one list", COMPONENTS_MAX + 1),
                p.span(p.i, p.token_end(p.i)),
            ));
        }
        let from = p.i;
        let what = if usec { "a number of seconds or *" } else { "a number or *" };
        let start = parse_decimal(p, usec, what)?;
        let mut stop = -1;
        let mut repeat = 0;
        if p.peek() == b'.' && p.peek_at(1) == b'.' {
            p.i += 2;
            stop = parse_decimal(p, usec, "the end of the range (a number)")?;
            repeat = if usec { USEC_PER_SEC } else { 1 };
        }
        if p.peek() == b'/' {
            p.i += 1;
            let repeat_from = p.i;
            repeat = parse_decimal(p, usec, "a repetition (a number) after \"/\"")?;
            if repeat == 0 {
                return Err(CalendarError::new(
                    "a repetition must be greater than 0",
                    p.span(repeat_from, p.i),
                ));
            }
        } else if usec && stop >= 0 && start + repeat > stop {
            return Err(CalendarError::new(
                format!(
                    "the seconds range {} is shorter than its default 1 s step; add a repetition such as /0.5",
                    p.text(from..p.i)
                ),
                p.span(from, p.i),
            ));
        }
        if !matches!(p.peek(), 0 | b' ' | b',' | b'-' | b'~' | b':') {
            return Err(p.unexpected("\",\", \"..\", \"/\", \"-\", \":\" or a space"));
        }
        chain.push(Component { start, stop, repeat, span: p.span(from, p.i) });
        if p.peek() == b',' {
            p.i += 1;
        } else {
            break;
        }
    }
    Ok(Some(chain))
}

/// The date part; `Ok(true)` when it was an `@` timestamp (which includes the time).
fn parse_date(p: &mut Cursor<'_>, spec: &mut Spec) -> Result<bool, CalendarError> {
    if p.at_end() {
        return Ok(false);
    }
    if p.peek() == b'@' {
        p.i += 1;
        let from = p.i;
        if !p.peek().is_ascii_digit() {
            return Err(p.unexpected("seconds since the epoch after \"@\""));
        }
        while p.peek().is_ascii_digit() {
            p.i += 1;
        }
        let seconds: Option<i64> = p.text(from..p.i).parse().ok();
        let time = seconds.and_then(|s| DateTime::from_timestamp(s, 0)).ok_or_else(|| {
            CalendarError::new("the timestamp is out of range", p.span(from, p.i))
        })?;
        let span = p.span(from - 1, p.i);
        let one = |value: i64| {
            Some(vec![Component { start: value, stop: -1, repeat: 0, span: span.clone() }])
        };
        spec.year = one(i64::from(time.year()));
        spec.month = one(i64::from(time.month()));
        spec.day = one(i64::from(time.day()));
        spec.hour = one(i64::from(time.hour()));
        spec.minute = one(i64::from(time.minute()));
        spec.second = one(i64::from(time.second()) * USEC_PER_SEC);
        spec.utc = true;
        return Ok(true);
    }
    let save = p.i;
    let first = parse_chain(p, false)?;
    if p.at_end() || p.peek() == b':' {
        // A time, not a date.
        p.i = save;
        return Ok(false);
    }
    match p.peek() {
        b'~' => spec.end_of_month = true,
        b'-' => {}
        _ => return Err(p.unexpected("\"-\" between the parts of the date, or \":\" in a time")),
    }
    p.i += 1;
    let second = parse_chain(p, false)?;
    if p.at_end() || p.peek() == b' ' {
        p.skip_spaces();
        spec.month = first;
        spec.day = second;
        return Ok(false);
    }
    if spec.end_of_month {
        return Err(CalendarError::new(
            "\"~\" goes between the month and the day (e.g. *-02~03, the third last day of February)",
            p.span(p.i, p.token_end(p.i)),
        ));
    }
    match p.peek() {
        b'~' => spec.end_of_month = true,
        b'-' => {}
        _ => return Err(p.unexpected("\"-\" or \"~\" before the day, or a space before the time")),
    }
    p.i += 1;
    let third = parse_chain(p, false)?;
    if !(p.at_end() || p.peek() == b' ') {
        return Err(p.unexpected("a space between the date and the time"));
    }
    p.skip_spaces();
    spec.year = first;
    spec.month = second;
    spec.day = third;
    Ok(false)
}

fn parse_time(p: &mut Cursor<'_>, spec: &mut Spec) -> Result<(), CalendarError> {
    if p.at_end() {
        spec.hour = single(0);
        spec.minute = single(0);
        spec.second = single(0);
        return Ok(());
    }
    let hour = parse_chain(p, false)?;
    if p.peek() != b':' {
        return Err(p.unexpected("\":\" and the minutes (a time is HH:MM or HH:MM:SS)"));
    }
    p.i += 1;
    let minute = parse_chain(p, false)?;
    let second = if p.at_end() {
        single(0)
    } else {
        if p.peek() != b':' {
            return Err(p.unexpected("\":\" and the seconds, or the end of the time"));
        }
        p.i += 1;
        let second = parse_chain(p, true)?;
        if !p.at_end() {
            return Err(p.unexpected("the end of the expression after the seconds"));
        }
        second
    };
    spec.hour = hour;
    spec.minute = minute;
    spec.second = second;
    Ok(())
}
