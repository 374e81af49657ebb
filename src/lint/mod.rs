//! `db lint`: the gate for fact pull requests. Each rule is a module under `rules/`
//! with its documentation; `registry` holds their stable codes and names. Rules read
//! the parsed files of the whole base at once, so a finding can name both places
//! of a conflict, and every finding in every file is reported in one run.

mod context;
mod diagnostic;
mod registry;
mod rules;

pub use context::LintContext;
pub use diagnostic::{Diagnostic, location};
pub use registry::{Rule, Severity};
pub use rules::hidden_character::is_hidden;

use crate::factbase::{FileText, ParsedFile};
use crate::rules::Rules;

/// Every finding of every rule over parsed files. `complete` says whether every
/// file of the base parsed; when one did not, references into it cannot be checked
/// and unknown-entity findings are left out rather than reported falsely.
pub fn lint_files(files: &[ParsedFile], rules: &Rules, complete: bool) -> Vec<Diagnostic> {
    let context = LintContext::new(files, &rules.properties, complete);
    let mut found = Vec::new();
    rules::duplicate_id::check(&context, &mut found);
    rules::unknown_entity::check(&context, &mut found);
    rules::unknown_property::check(&context, &mut found);
    rules::unknown_qualifier::check(&context, &mut found);
    rules::shared_alias::check(&context, &mut found);
    rules::wrong_kind::check(&context, &mut found);
    rules::missing_sources::check(&context, &mut found);
    rules::invalid_source::check(&context, &mut found);
    rules::invalid_date::check(&context, &mut found);
    rules::end_before_start::check(&context, &mut found);
    rules::conflicting_time::check(&context, &mut found);
    rules::incomplete_fact::check(&context, &mut found);
    rules::wrong_type::check(&context, &mut found);
    rules::invalid_value::check(&context, &mut found);
    rules::contradiction::check(&context, &mut found);
    rules::overlapping_terms::check(&context, &mut found);
    rules::shared_wikidata::check(&context, &mut found);
    rules::imported_disagrees::check(&context, &mut found);
    sort(&mut found);
    found
}

/// Findings in the text of the files, before they are parsed: characters that
/// no fact may hold.
pub fn lint_texts(texts: &[FileText]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for file in texts {
        if let Ok(text) = &file.text {
            rules::hidden_character::check(&file.path, text, &mut found);
        }
    }
    found
}

/// Findings in file, line and column order, as a reader goes through the files.
pub fn sort(found: &mut [Diagnostic]) {
    found.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
    });
}

/// A YAML reading error as a finding of the rule it breaks, from serde's wording
/// of it, with the rule's fix.
pub fn yaml_error_finding(error: &crate::yaml::YamlError) -> Diagnostic {
    let message = &error.message;
    let (rule, message, fix) = if rules::invalid_source::is_bare_source(message) {
        (
            Rule::InvalidSource,
            message.clone(),
            rules::invalid_source::BARE_SOURCE_FIX.to_string(),
        )
    } else if rules::unknown_field::matches(message) {
        let (message, fix) = rules::unknown_field::explain(message);
        (Rule::UnknownField, message, fix)
    } else if rules::missing_field::matches(message) {
        let fix = rules::missing_field::FIX.to_string();
        (Rule::MissingField, message.clone(), fix)
    } else if rules::wrong_type::matches(message) {
        let fix = rules::wrong_type::FIX.to_string();
        (Rule::WrongType, rules::wrong_type::explain(message), fix)
    } else {
        let fix = rules::yaml_syntax::FIX.to_string();
        (Rule::YamlSyntax, message.clone(), fix)
    };
    Diagnostic::new(rule, &error.path, (error.line, error.column), message, fix)
}

/// Lints every fact file under `dir`: files that cannot be read or parsed, and
/// every rule over those that can. Err when `dir` itself cannot be read.
pub fn lint_dir(dir: &std::path::Path, rules: &Rules) -> Result<Vec<Diagnostic>, String> {
    lint_sources(
        &[crate::factbase::FactSource::Dir(dir.to_path_buf())],
        rules,
    )
    .map(|(found, _)| found)
}

/// Lints the base made of every file of `sources`, as `lint_dir`; also tells how
/// many fact files there are.
pub fn lint_sources(
    sources: &[crate::factbase::FactSource],
    rules: &Rules,
) -> Result<(Vec<Diagnostic>, usize), String> {
    let files = crate::factbase::source_files(sources).map_err(|(_, message)| message)?;
    let count = files.len();
    let (_, found) = lint_read(crate::factbase::read_source_texts(files), rules);
    Ok((found, count))
}

/// Parses fact files already read and lints them: the files parsed, and every
/// finding (files that cannot be read or parsed included), sorted.
pub fn lint_read(
    texts: Vec<crate::factbase::FileText>,
    rules: &Rules,
) -> (Vec<crate::factbase::ParsedFile>, Vec<Diagnostic>) {
    let hidden = lint_texts(&texts);
    let base = crate::factbase::parse_all(texts);
    let mut found = base.problems;
    found.extend(hidden);
    found.extend(lint_files(&base.files, rules, base.complete));
    sort(&mut found);
    (base.files, found)
}
