//! `claimcheck db`: the fact base's own commands. `lint` is the gate for fact pull
//! requests, `find` looks names up the way drafts are matched, `stats` counts,
//! and `schema` prints the JSON Schema editors check fact files with.

use super::settings::{BaseFlags, Flags, Settings};
use crate::factbase::{self, CacheUse, FactBase, FactTime, FactValue};
use crate::lint::{self, Diagnostic};
use anyhow::{Result, anyhow};
use clap::ValueEnum;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct DbArgs {
    #[command(subcommand)]
    command: DbCommand,
}

#[derive(Debug, clap::Subcommand)]
enum DbCommand {
    /// Check every fact file: YAML, fields, types, dates, sources, ids, references,
    /// shared aliases, contradictions, overlapping terms and imported facts that
    /// disagree with hand-written ones. Exit 1 on any error (warnings alone exit 0),
    /// 2 when the files cannot be read.
    Lint(LintArgs),
    /// Look a name up as drafts are matched (exactly, through aliases, fuzzily) and
    /// show the entities found, best first, with their facts.
    Find(FindArgs),
    /// Count the base's files, entities, facts, series and names.
    Stats(BaseArgs),
    /// Print the JSON Schema of fact files, for editors.
    Schema,
    /// Write fact files from a public database (Wikidata).
    Import(super::import::ImportArgs),
}

#[derive(Debug, clap::Args)]
struct LintArgs {
    /// Directory of fact files [default: `db` in claimcheck.toml, else `claims`
    /// here or in a parent directory, else the fact base compiled in]
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Directory of rule files, for the property list [default: `rules` in
    /// claimcheck.toml, else `rules` here or in a parent directory, else the
    /// rules compiled in]
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Settings file [default: `claimcheck.toml` here or in the nearest parent
    /// that has one]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format: lines for people, or one JSON object for bots.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, clap::Args)]
struct FindArgs {
    /// The name to look up, as a draft would write it.
    #[arg(value_name = "NAME")]
    name: String,
    /// How many entities to show at most.
    #[arg(long, default_value_t = 5)]
    limit: usize,
    #[command(flatten)]
    base: BaseArgs,
}

/// Where the base and rules are, how to cache the base, and the output format.
#[derive(Debug, clap::Args)]
struct BaseArgs {
    #[command(flatten)]
    base: BaseFlags,
    #[command(flatten)]
    cache: super::CacheArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: &DbArgs) -> Result<u8> {
    match &args.command {
        DbCommand::Lint(args) => lint(args),
        DbCommand::Find(args) => find(args),
        DbCommand::Stats(args) => stats(args),
        DbCommand::Import(args) => super::import::run(args),
        DbCommand::Schema => {
            let schema = factbase::schema::json_schema();
            super::print(&format!("{}\n", serde_json::to_string_pretty(&schema)?))?;
            Ok(0)
        }
    }
}

fn lint(args: &LintArgs) -> Result<u8> {
    let settings = Settings::here_for_base(
        args.config.clone(),
        args.dir.iter().cloned().collect(),
        args.rules.clone(),
    )?;
    let rules = settings.load_rules(None)?;
    let (found, files) = lint::lint_sources(&settings.db.value, &rules).map_err(|e| anyhow!(e))?;
    match args.format {
        Format::Text => super::print(&lint_text(&found, files))?,
        Format::Json => super::print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&lint_json(&found, files))?
        ))?,
    }
    Ok(if found.iter().any(|d| d.rule.is_unreadable()) {
        super::EXIT_BAD_INPUT
    } else if found.iter().any(Diagnostic::is_error) {
        super::EXIT_FAIL_ON
    } else {
        0
    })
}

fn lint_text(found: &[Diagnostic], files: usize) -> String {
    let mut out = String::new();
    for d in found {
        let level = match d.severity {
            lint::Severity::Error => "",
            lint::Severity::Warning => "warning: ",
        };
        out.push_str(&format!(
            "{}:{}:{}: {} {} {level}{}\n  fix: {}\n",
            d.file.display(),
            d.line,
            d.column,
            d.code,
            d.rule,
            d.message,
            d.fix
        ));
    }
    let problem_files = found
        .iter()
        .map(|d| &d.file)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let warnings = found.iter().filter(|d| !d.is_error()).count();
    let errors = found.len() - warnings;
    let counted = match (errors, warnings) {
        (0, 0) => String::new(),
        (n, 0) => format!("{n} problem{}", plural(n)),
        (0, w) => format!("{w} warning{}", plural(w)),
        (n, w) => format!("{n} problem{} and {w} warning{}", plural(n), plural(w)),
    };
    out.push_str(&if found.is_empty() {
        format!("{files} fact file{} checked: no problems\n", plural(files))
    } else {
        format!(
            "{counted} in {problem_files} of {files} fact file{}\n",
            plural(files)
        )
    });
    out
}

fn lint_json(found: &[Diagnostic], files: usize) -> serde_json::Value {
    let warnings = found.iter().filter(|d| !d.is_error()).count();
    json!({
        "schema_version": 1,
        "tool": {"name": "claimcheck", "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "diagnostics": found,
        "summary": {"problems": found.len() - warnings, "warnings": warnings},
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The base named by `args`, loaded through the cache unless told not to; with
/// what the cache did and where the base is.
fn load(args: &BaseArgs) -> Result<(FactBase, CacheUse, String)> {
    let settings = Settings::here(Flags {
        base: Some(&args.base),
        ..Flags::default()
    })?;
    let options = args.cache.options();
    let rules = settings.load_rules(options.cache_dir.as_deref())?;
    let (base, cache) = super::load_base(&settings.db.value, &rules, &options)?;
    Ok((base, cache, settings.db_text()))
}

fn find(args: &FindArgs) -> Result<u8> {
    let (base, _, _) = load(&args.base)?;
    let matches = base.names.search(&args.name, args.limit);
    let found: Vec<serde_json::Value> = matches
        .iter()
        .map(|m| {
            let entity = &base.entities[m.entity];
            let facts: Vec<serde_json::Value> = base
                .facts_about(m.entity)
                .map(|fact| {
                    json!({
                        "id": fact.id,
                        "property": base.property_of(fact).id,
                        "object": fact.object.map(|o| &base.entities[o].id),
                        "value": match &fact.value {
                            Some(FactValue::Number(n)) => json!(n),
                            Some(FactValue::Text(t)) => json!(t),
                            None => serde_json::Value::Null,
                        },
                        "unit": fact.unit,
                        "time": fact.time.map(|t| time_text(&t)),
                        "file": fact.origin.file.display().to_string(),
                        "line": fact.origin.line,
                    })
                })
                .collect();
            json!({
                "id": entity.id,
                "name": entity.name,
                "kind": entity.kind,
                "aliases": entity.aliases,
                "score": (m.score * 1000.0).round() / 1000.0,
                "strong": base.names.is_strong(m.score),
                "file": entity.origin.file.display().to_string(),
                "line": entity.origin.line,
                "facts": facts,
            })
        })
        .collect();
    match args.base.format {
        Format::Json => super::print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&json!({"query": args.name, "matches": found}))?
        ))?,
        Format::Text => super::print(&find_text(&args.name, &found))?,
    }
    Ok(if found.is_empty() {
        super::EXIT_FAIL_ON
    } else {
        0
    })
}

fn find_text(query: &str, found: &[serde_json::Value]) -> String {
    if found.is_empty() {
        return format!("no entity is named like “{query}”\n");
    }
    let mut out = String::new();
    for entity in found {
        out.push_str(&format!(
            "{} ({}, {}) score {}{}  {}:{}\n",
            entity["name"].as_str().unwrap_or_default(),
            entity["id"].as_str().unwrap_or_default(),
            entity["kind"].as_str().unwrap_or_default(),
            entity["score"],
            if entity["strong"] == true {
                ""
            } else {
                " (weak)"
            },
            entity["file"].as_str().unwrap_or_default(),
            entity["line"],
        ));
        for fact in entity["facts"].as_array().into_iter().flatten() {
            let detail: Vec<String> = ["object", "value", "unit", "time"]
                .iter()
                .filter_map(|field| match &fact[field] {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                })
                .collect();
            out.push_str(&format!(
                "  {} {} {}  {}:{}\n",
                fact["id"].as_str().unwrap_or_default(),
                fact["property"].as_str().unwrap_or_default(),
                detail.join(" "),
                fact["file"].as_str().unwrap_or_default(),
                fact["line"],
            ));
        }
    }
    out
}

fn time_text(time: &FactTime) -> String {
    match time {
        FactTime::At(at) => at.to_string(),
        FactTime::Between { start, end } => format!(
            "{start}..{}",
            end.map(|e| e.to_string()).unwrap_or_default()
        ),
    }
}

fn stats(args: &BaseArgs) -> Result<u8> {
    let (base, cache, dir) = load(args)?;
    let files: std::collections::BTreeSet<&Path> = base
        .entities
        .iter()
        .map(|e| &*e.origin.file)
        .chain(base.facts.iter().map(|f| &*f.origin.file))
        .collect();
    let mut entities: BTreeMap<&str, usize> = BTreeMap::new();
    for entity in &base.entities {
        *entities.entry(entity.kind.as_str()).or_default() += 1;
    }
    let mut facts: BTreeMap<&str, usize> = BTreeMap::new();
    for fact in &base.facts {
        *facts.entry(base.property_of(fact).id.as_str()).or_default() += 1;
    }
    let names: usize = base.entities.iter().map(|e| 1 + e.aliases.len()).sum();
    let sources: usize = base.facts.iter().map(|f| f.sources.len()).sum();
    let cache = match cache {
        CacheUse::Off => "off".to_string(),
        CacheUse::Hit => "hit".to_string(),
        CacheUse::Miss { reason } => format!("miss ({reason})"),
    };
    let stats = json!({
        "db": dir,
        "files": files.len(),
        "entities": base.entities.len(),
        "entities_by_kind": entities,
        "facts": base.facts.len(),
        "facts_by_property": facts,
        "series": base.series.len(),
        "names": names,
        "sources": sources,
        "cache": cache,
    });
    match args.format {
        Format::Json => super::print(&format!("{}\n", serde_json::to_string_pretty(&stats)?))?,
        Format::Text => super::print(&format!(
            "{dir}: {} files (cache {cache})\n{} entities: {}\n{} facts: {}\n{} series, {names} names and aliases, {sources} sources\n",
            files.len(),
            base.entities.len(),
            counts(entities.iter().map(|(k, v)| (*k, *v))),
            base.facts.len(),
            counts(facts.iter().map(|(k, v)| (*k, *v))),
            base.series.len()
        ))?,
    }
    Ok(0)
}

fn counts<'a>(items: impl Iterator<Item = (&'a str, usize)>) -> String {
    items
        .map(|(k, v)| format!("{v} {k}"))
        .collect::<Vec<_>>()
        .join(", ")
}
