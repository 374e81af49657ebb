//! The filters `reports/read-as.html.j2` puts a claim's normalized values in
//! words with. The words themselves (hedges, units of time, labels) are in the
//! template; these only read the values' shapes.

use crate::verify::wording;
use minijinja::{Environment, Value};

pub fn add_filters(env: &mut Environment) {
    env.add_filter("number", number);
    env.add_filter("ordinal", ordinal);
    env.add_filter("dates", dates);
    env.add_filter("duration", duration);
    env.add_filter("is_duration", is_duration);
}

/// A number as people write it: 3, not 3.0.
fn number(value: f64) -> String {
    wording::number(value)
}

/// "first", "second", ... "21st".
fn ordinal(n: usize) -> String {
    wording::ordinal(n)
}

/// The ends of a date or a span of dates ("2020-04-06/2020-04-12"), for the
/// template to join in words.
fn dates(value: String) -> Vec<String> {
    value.split('/').map(str::to_string).collect()
}

/// An ISO 8601 duration ("P10W", "P1.5Y", "PT6H") in words, with `units`
/// mapping each unit letter (`T` before a time unit's) to its singular and
/// plural; anything else is returned as it is.
fn duration(value: String, units: Value) -> String {
    let Some((amount, unit)) = parse_duration(&value) else {
        return value;
    };
    let forms = units.get_item(&Value::from(unit)).ok();
    let word = forms
        .and_then(|forms| {
            forms
                .get_item(&Value::from(usize::from(amount != 1.0)))
                .ok()
        })
        .filter(|word| !word.is_undefined());
    match word {
        Some(word) => format!("{} {word}", wording::number(amount)),
        None => value,
    }
}

fn is_duration(value: String) -> bool {
    parse_duration(&value).is_some()
}

/// The amount and unit ("W", or "TH" for hours) of a one-unit ISO 8601 duration.
fn parse_duration(value: &str) -> Option<(f64, String)> {
    let rest = value.strip_prefix('P')?;
    let (time, rest) = match rest.strip_prefix('T') {
        Some(rest) => ("T", rest),
        None => ("", rest),
    };
    let unit = rest.chars().last().filter(char::is_ascii_uppercase)?;
    let amount: f64 = rest[..rest.len() - 1].parse().ok()?;
    amount
        .is_finite()
        .then(|| (amount, format!("{time}{unit}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_claim_kind_is_put_in_words_by_its_own_branch() {
        let template = include_str!("../../reports/read-as.html.j2");
        for (kind, _) in crate::claims::KINDS.iter().copied().flatten() {
            assert!(
                template.contains(&format!("\"{}\"", kind.as_str())),
                "reports/read-as.html.j2 has no branch for {kind}"
            );
        }
    }

    #[test]
    fn durations_are_read_by_their_shape() {
        let units = Value::from(minijinja::value::Serde(serde_json::json!({
            "W": ["week", "weeks"], "Y": ["year", "years"], "TH": ["hour", "hours"]
        })));
        assert_eq!(duration("P10W".into(), units.clone()), "10 weeks");
        assert_eq!(duration("P1Y".into(), units.clone()), "1 year");
        assert_eq!(duration("P1.5Y".into(), units.clone()), "1.5 years");
        assert_eq!(duration("PT6H".into(), units.clone()), "6 hours");
        // A unit the words do not give, and what is no duration, stay as they are.
        assert_eq!(duration("P3D".into(), units.clone()), "P3D");
        assert_eq!(duration("iraq".into(), units), "iraq");
        assert!(!is_duration("Paris".into()) && is_duration("P2M".into()));
        assert_eq!(
            dates("2020-04-06/2020-04-12".into()),
            ["2020-04-06", "2020-04-12"]
        );
        assert_eq!(number(3.0), "3");
    }
}
