//! ## What it does
//! Warns where an imported fact (in a file that says `imported-from`) and a
//! hand-written fact are about the same thing and disagree: a different date,
//! start, end, value, object or ordinal at the precision they share. The finding is
//! at the imported fact and names the hand-written one's file, line and column. The
//! hand-written fact wins: the imported one is left out of the base `check` uses.
//! What "the same thing" is, property by property, is in
//! `src/factbase/precedence.rs`. An imported fact that agrees with a hand-written
//! one is left out too, without a finding: it only repeats it.
//!
//! It is a warning, not an error: a desk's corrections are meant to win over an
//! import, so the base still loads and `db lint` exits 0 for it.
//!
//! ## Why is this bad?
//! One of the two is wrong. If it is the hand-written fact (Wikidata was corrected
//! since), claims are checked against the wrong one until it is fixed.
//!
//! ## Example
//! ```yaml
//! # claims/japan.yaml
//! - id: abe-died
//!   subject: shinzo-abe        # wikidata: Q132345
//!   property: died
//!   date: 2022-07-08
//! # claims/wikidata/people.yaml (imported-from: wikidata)
//! - id: q132345-p570-3e4f5a6b
//!   subject: q132345
//!   property: died
//!   date: 2022-07-09
//! ```
//!
//! Use instead: check both sources; correct the hand-written fact if it is wrong,
//! else leave it (it wins) and correct Wikidata.

use crate::lint::{Diagnostic, LintContext, Rule, location};

pub fn check(context: &LintContext, found: &mut Vec<Diagnostic>) {
    for clash in &context.precedence.overrides {
        let Some(disagreement) = &clash.disagreement else {
            continue;
        };
        let (path, imported) = clash.imported;
        let (hand_path, hand) = clash.hand_written;
        let (line, column) = location(&hand.id);
        found.push(Diagnostic::at(
            Rule::ImportedDisagrees,
            path,
            &imported.id,
            format!(
                "imported fact `{}` disagrees with hand-written `{}` ({}:{line}:{column}): {disagreement}; the hand-written fact wins and the imported one is left out",
                imported.id.value,
                hand.id.value,
                hand_path.display(),
            ),
            "check both sources: correct the hand-written fact if it is wrong, else keep it (it wins) and correct the item on Wikidata".into(),
        ));
    }
}
