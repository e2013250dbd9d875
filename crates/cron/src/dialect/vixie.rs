//! `vixie`: the crontab line as cronie runs it, exactly [`Schedule::parse`].

use super::{Dialect, Expression, Plan};
use crate::{ParseError, Schedule};

/// Parses a crontab schedule: 5 fields, 6 with seconds first, 7 with a year last, or an `@` macro.
pub fn parse(input: &str) -> Result<Expression, ParseError> {
    let schedule = Schedule::parse(input)?;
    Ok(Expression {
        dialect: Dialect::Vixie,
        source: schedule.source().to_owned(),
        plan: Plan::Cron(schedule),
        zone: None,
        cautions: Vec::new(),
    })
}
