//! ## What it finds
//! A number of things: "three Katyusha rockets landed", "about 40 people were hurt",
//! "the rover carries 43 sample tubes", "a 4-pound helicopter", "received 67 votes",
//! with its hedge.
//!
//! ## Why check it
//! Counts are easy to mistype and hard for an editor to verify by eye.
//!
//! ## How it is checked
//! Against the quantity facts (`role: quantity`) about what the sentence refers to
//! whose unit the draft's noun names, in any spelling, plural or convertible unit
//! (`rules/units.yaml`). A fact whose qualifiers name another chamber, club or side
//! than the sentence does is not what it means. It is contradicted only when one
//! fact is left. Numbers that are not counts are left alone: money, percentages,
//! times of day, labels, durations (their own kind).

use super::{Check, Claim, ClaimKind, ClauseContext};
use crate::factbase::{EntityIdx, Fact, FactBase, QualifierType, Role};
use crate::mentions::MentionValue;
use crate::rules::{Rules, Tolerance};
use crate::segment::{Token, TokenKind};
use crate::verify::readings::Query;
use crate::verify::{CheckContext, Evidence, Judgement, Reading, Verdict, wording};
use serde::Serialize;
use std::ops::Range;

pub const COUNT: ClaimKind = ClaimKind::new("count");
pub const KINDS: &[(ClaimKind, &str)] = &[(COUNT, "a number of things, or an amount in a unit")];

#[derive(Debug, Clone)]
pub struct CountStatement {
    pub value: f64,
    pub tolerance: Tolerance,
    /// How finely the number is written: half its last written digit ("1.8" ±0.05).
    pub written_to: f64,
    /// The noun counted, singular ("rocket", "kilogram"), and the words before it
    /// ("katyusha") and, earlier in the clause, what it is of ("its mirror is made of
    /// 18 segments": a fact's "mirror segment").
    pub unit: String,
    pub modifiers: Vec<String>,
}

pub fn find(context: &ClauseContext) -> Vec<Claim> {
    let tokens = &context.segmented.tokens;
    let units = &context.rules.counting;
    let mut claims = Vec::new();
    for mention in context.mentions {
        let MentionValue::Number {
            value,
            vague,
            ref unit,
        } = mention.value
        else {
            continue;
        };
        let before = mention.tokens.start.checked_sub(1).map(|p| &tokens[p]);
        if before.is_some_and(|t| units.not_counts_before.contains(t.key.as_str())) {
            continue;
        }
        // "4-pound", "eight-party": the noun joined to the number.
        let (mut words, end) = match unit {
            // "a 4-pound helicopter": the joined noun is the measure.
            Some(noun) => (vec![noun.clone()], mention.tokens.end),
            None => {
                let noun = noun_after(tokens, mention.tokens.end, context.clause.end, context.rules);
                match noun.last() {
                    Some(&last) => (
                        noun.iter().map(|&i| tokens[i].key.to_string()).collect(),
                        last + 1,
                    ),
                    // "Likud took 30", "and Ishiba 68": a number ending its clause
                    // counts what the count before it in the sentence did.
                    None => match elided_noun(context, mention) {
                        Some(noun) => (vec![noun], mention.tokens.end),
                        None => continue,
                    },
                }
            }
        };
        let Some(head) = words.pop() else { continue };
        words.extend(
            tokens[context.clause.start..mention.tokens.start]
                .iter()
                .filter(|t| t.is_word())
                .map(|t| t.key.to_string()),
        );
        // "2,822 consecutive days" is a length of time, not a count.
        if context.rules.units.contains_key(head.as_str()) {
            continue;
        }
        let unit = units.singular(&head);
        let (tolerance, start) = context.hedge_before(mention.tokens.start).unwrap_or((
            // "dozens of rockets" states only a least amount.
            if vague {
                Tolerance::AtLeast
            } else {
                Tolerance::Exact
            },
            mention.tokens.start,
        ));
        let statement = CountStatement {
            value,
            tolerance,
            written_to: written_to(tokens, mention.tokens.clone(), value),
            unit,
            modifiers: words,
        };
        claims.push(context.claim(COUNT, start..end, statement));
    }
    claims
}

/// The noun of the count before a bare number in its sentence, when the number ends
/// its clause or sentence ("won seven seats, while Likud took 30").
fn elided_noun(context: &ClauseContext, mention: &crate::mentions::Mention) -> Option<String> {
    let tokens = &context.segmented.tokens;
    let next = tokens.get(mention.tokens.end)?;
    let ends = mention.tokens.end >= context.sentence.end
        || next.is_punct('.')
        || next.is_punct(',')
        || next.is_punct(';');
    if !ends {
        return None;
    }
    context
        .sentence_mentions
        .iter()
        .take_while(|m| m.tokens.start < mention.tokens.start)
        .filter_map(|m| match &m.value {
            MentionValue::Number { unit: Some(unit), .. } => Some(unit.clone()),
            MentionValue::Number { unit: None, .. } => {
                let noun = noun_after(tokens, m.tokens.end, context.sentence.end, context.rules);
                noun.last().map(|&i| tokens[i].key.to_string())
            }
            _ => None,
        })
        .last()
}

/// Half of the last digit a number is written to: 0.05 for "1.8", half a million for
/// "293 million", nothing for a whole number written out.
fn written_to(tokens: &[Token], number: Range<usize>, value: f64) -> f64 {
    let first = tokens[number.start].key.as_str();
    let digits = first.split('-').next().unwrap_or(first);
    if let Some((_, decimals)) = digits.split_once('.') {
        let places = decimals.chars().take_while(char::is_ascii_digit).count() as i32;
        let scale = if number.len() > 1 {
            let whole: f64 = digits.replace(',', "").parse().unwrap_or(value);
            if whole > 0.0 { value / whole } else { 1.0 }
        } else {
            1.0
        };
        return 0.5 * 10f64.powi(-places) * scale;
    }
    if number.len() > 1 {
        // "293 million": to the million.
        let whole: f64 = digits.replace(',', "").parse().unwrap_or(0.0);
        if whole > 0.0 {
            return 0.5 * value / whole;
        }
    }
    0.0
}

/// The noun phrase after a number: up to three words, ending at the first plural
/// ("Katyusha rockets", "sample tubes"); empty when the number counts nothing.
fn noun_after(tokens: &[Token], from: usize, end: usize, rules: &Rules) -> Vec<usize> {
    let units = &rules.counting;
    let Some(first) = tokens.get(from).filter(|_| from < end) else {
        return Vec::new();
    };
    if first.kind != TokenKind::Word
        || units.not_counts.contains(first.key.as_str())
        || rules.units.contains_key(first.key.as_str())
    {
        return Vec::new();
    }
    let mut words = Vec::new();
    for (i, token) in tokens.iter().enumerate().take(end.min(from + 3)).skip(from) {
        if token.kind != TokenKind::Word || units.phrase_ends.contains(token.key.as_str()) {
            break;
        }
        words.push(i);
        if units.singular(&token.key) != token.key.as_str() {
            return words;
        }
    }
    words.truncate(1);
    words
}

#[derive(Debug, Serialize)]
struct Normalized {
    value: f64,
    unit: String,
    tolerance: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact_value: Option<f64>,
}

impl Check for CountStatement {
    fn check(&self, claim: &Claim, cx: &CheckContext) -> Judgement {
        let base = cx.base;
        let units = &cx.rules.counting;
        let text = cx.text_of(claim.tokens.clone());
        let mut normalized = Normalized {
            value: self.value,
            unit: self.unit.clone(),
            tolerance: self.tolerance.name(),
            fact: None,
            fact_value: None,
        };
        let query = Query {
            words_in: claim.clause.clone(),
            entities_in: claim.sentence.clone(),
            near: claim.tokens.clone(),
            words_needed: false,
            topic: true,
        };
        let accept = |fact: &Fact, d: &crate::factbase::PropertyDefinition| {
            d.role == Role::Quantity
                && fact.number().is_some()
                && fact
                    .unit
                    .as_deref()
                    .is_some_and(|unit| unit_factor(units, unit, &self.unit, &self.modifiers).is_some())
        };
        let mut readings = cx.readings().find(&query, &accept);
        readings.retain(|r| !sides_conflict(cx, claim, r.fact));
        // A count of another time is not what a sentence dated otherwise states, unless
        // the sentence names its event (and then the date is what is wrong).
        let stated = cx.date_near(&claim.sentence, &claim.tokens).map(|(range, _)| range);
        let on_stated = |r: &Reading| match (stated, r.time(base)) {
            (Some(stated), Some(time)) => stated.overlaps(&time),
            _ => false,
        };
        readings.retain(|r| {
            r.event_name.is_some() || stated.is_none() || r.time(base).is_none() || on_stated(r)
        });
        // What the claim's own clause names comes before the rest of the sentence
        // ("Yamina won seven seats, while Likud took 30").
        let in_clause = |r: &Reading| {
            r.subject
                .as_ref()
                .is_some_and(|s| claim.clause.contains(&s.tokens.start))
        };
        if readings.iter().any(in_clause) {
            readings.retain(in_clause);
        }
        let mut facts: Vec<&Reading> = Vec::new();
        for reading in &readings {
            if !facts.iter().any(|r| r.fact.id == reading.fact.id) {
                facts.push(reading);
            }
        }
        // An entry whose qualifier the clause names before the count comes before
        // those whose it does not ("Lewandowski finished on 580 points").
        let named_first_facts: Vec<&Reading> = facts
            .iter()
            .filter(|r| {
                facts
                    .iter()
                    .any(|o| o.fact.id != r.fact.id && named_first(cx, claim, r.fact, o.fact))
            })
            .copied()
            .collect();
        if !named_first_facts.is_empty() {
            facts = named_first_facts;
        }
        let Some(&best) = facts.first() else {
            return Judgement::unverified(format!(
                "“{text}”: the fact base holds no count of {} for what this sentence is about",
                units.plural(&self.unit)
            ))
            .with(&normalized);
        };
        let value_of = |fact: &Fact| -> Option<f64> {
            let unit = fact.unit.as_deref()?;
            Some(fact.number()? * unit_factor(units, unit, &self.unit, &self.modifiers)?)
        };
        let fits = |actual: f64| {
            self.tolerance.admits(self.value, actual)
                || (self.tolerance == Tolerance::Exact
                    && (self.value - actual).abs() <= self.written_to + 1e-9)
        };
        // A fact the sources give only as a bound ("more than 11") agrees with the same
        // bound, and decides nothing else.
        let bounded = |fact: &Fact| bound(base, fact).is_some();
        let agreeing = facts.iter().find(|r| {
            r.strong
                && match bound(base, r.fact) {
                    Some(kind) => {
                        kind == self.tolerance.name()
                            && value_of(r.fact).is_some_and(|v| (v - self.value).abs() < 1e-9)
                    }
                    None => value_of(r.fact).is_some_and(fits),
                }
        });
        let chosen = agreeing.copied().unwrap_or(best);
        let actual = value_of(chosen.fact).unwrap_or(f64::NAN);
        normalized.fact = Some(chosen.fact.id.clone());
        normalized.fact_value = Some(actual);
        let said = format!(
            "{}: {} {}",
            wording::fact(base, chosen.fact),
            wording::number(actual),
            if actual == 1.0 {
                self.unit.clone()
            } else {
                units.plural(&self.unit)
            }
        );
        let judgement = if agreeing.is_some() {
            Judgement::new(
                Verdict::Supported,
                format!("“{text}” fits; {said}"),
                vec![Evidence::of(chosen.fact)],
            )
        } else {
            // One fact left, or several that agree with each other, leave no second reading.
            let same = facts
                .iter()
                .all(|r| value_of(r.fact).is_some_and(|v| (v - actual).abs() < 1e-9));
            // "613 points, 33 ahead of Lewandowski": the count may be another
            // entry's of the same measure, told apart by a qualifier the sentence
            // does not settle.
            let sibling_agrees = base.facts_about(chosen.fact.subject).any(|fact| {
                fact.property == chosen.fact.property
                    && fact.id != chosen.fact.id
                    && value_of(fact).is_some_and(fits)
                    && !qualifier_settled(cx, claim, chosen.fact, fact)
            });
            let decided = same
                && !sibling_agrees
                && best.strong
                && (best.identified(base) || on_stated(best))
                && (!best.from_topic || facts.len() == 1)
                && !facts.iter().any(|r| bounded(r.fact));
            Judgement::new(
                Verdict::Contradicted,
                format!("“{text}” states {}, but {said}", wording::number(self.value)),
                Evidence::all(facts.iter().map(|r| r.fact)),
            )
            .decided_only_if(
                decided,
                "the fact base holds other counts this may be about",
            )
        };
        judgement.with(&normalized)
    }
}

/// Where the sentence names the entities of `fact`'s qualifiers that `other` does
/// not share (the candidate of one entry of a vote): before the count in its clause
/// ("Lewandowski finished on 613 points"), and anywhere.
fn qualifier_named(cx: &CheckContext, claim: &Claim, fact: &Fact, other: &Fact) -> (bool, bool) {
    let references = cx.discourse.within(&claim.sentence);
    let differing: Vec<EntityIdx> = fact
        .qualifiers
        .iter()
        .filter_map(|(id, value)| {
            let entity = value.entity()?;
            (other.qualifier(*id).and_then(|v| v.entity()) != Some(entity)).then_some(entity)
        })
        .collect();
    let named_in = |range: &Range<usize>| {
        references
            .iter()
            .any(|r| differing.contains(&r.entity) && range.contains(&r.tokens.start))
    };
    (named_in(&(claim.clause.start..claim.tokens.start)), named_in(&claim.sentence))
}

/// Whether the count is about `fact` rather than `other`, which differs from it in
/// an entity qualifier: the clause names `fact`'s before the count, and not
/// `other`'s.
fn named_first(cx: &CheckContext, claim: &Claim, fact: &Fact, other: &Fact) -> bool {
    qualifier_named(cx, claim, fact, other).0 && !qualifier_named(cx, claim, other, fact).0
}

/// Whether the sentence settles that the count is about `fact`, not `other`: it
/// names `fact`'s qualifier before the count, and `other`'s nowhere.
fn qualifier_settled(cx: &CheckContext, claim: &Claim, fact: &Fact, other: &Fact) -> bool {
    qualifier_named(cx, claim, fact, other).0 && !qualifier_named(cx, claim, other, fact).1
}

/// How many of `claimed` one of `unit` is: a fact's unit, in the draft's word for it,
/// plural or convertible ("kilometers" for miles), with a fact's unit of several words
/// ("sample tube") matched by its last and the draft's words before it.
pub fn unit_factor(
    units: &crate::units::Units,
    unit: &str,
    claimed: &str,
    modifiers: &[String],
) -> Option<f64> {
    let mut words: Vec<&str> = unit.split_whitespace().collect();
    let head = words.pop()?;
    let described = words
        .iter()
        .all(|w| modifiers.iter().any(|m| units.singular(m) == units.singular(w)));
    described.then(|| units.factor(head, claimed)).flatten()
}

/// How the sources bound a fact's value, if they give only a bound: "above", "below"
/// or "about" (its `bound` qualifier), named as tolerances are.
pub fn bound<'a>(base: &'a FactBase, fact: &'a Fact) -> Option<&'a str> {
    let id = base.properties.qualifier("bound")?;
    let text = fact.qualifier(id)?.text()?;
    Some(match text {
        "about" => "around",
        other => other,
    })
}

/// Whether the fact's text qualifiers with a closed list of values (the side of a
/// vote) take a value the clause's words say is another: "59 against" is not the
/// tally of votes for.
pub fn sides_conflict(cx: &CheckContext, claim: &Claim, fact: &Fact) -> bool {
    let properties = &cx.base.properties;
    let tokens = &cx.segmented.tokens;
    fact.qualifiers.iter().any(|(id, value)| {
        let definition = properties.qualifier_definition(*id);
        let Some(text) = value.text() else {
            return false;
        };
        if definition.value != QualifierType::Text || definition.values.is_empty() {
            return false;
        }
        let said: Vec<&str> = definition
            .values
            .iter()
            .filter(|(_, phrases)| {
                phrases.iter().any(|phrase| {
                    crate::verify::readings::phrase_at(cx.rules, tokens, claim.clause.clone(), phrase)
                        .is_some()
                })
            })
            .map(|(value, _)| value.as_str())
            .collect();
        !said.is_empty() && !said.contains(&text)
    })
}
