//! `claimcheck config`: the settings a check of the drafts at PATH (or of the
//! current directory) runs with, and where each came from: a flag, a line of
//! claimcheck.toml, a directory found upwards, what is compiled in, or the default.

use super::settings::{BaseFlags, Flags, Origin, Settings};
use crate::report::{Format, visible};
use crate::verify::FailOn;
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Drafts or directories whose settings to show [default: the current directory]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    base: BaseFlags,
    /// As `check --locale`.
    #[arg(long, value_name = "TAG")]
    locale: Option<String>,
    /// As `check --fail-on`.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// As `check --format`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    cache: super::CacheArgs,
}

pub fn run(args: &ConfigArgs) -> Result<u8> {
    let settings = Settings::for_drafts(
        &args.paths,
        Flags {
            base: Some(&args.base),
            locale: args.locale.as_deref(),
            fail_on: args.fail_on,
            format: args.format,
        },
    )?;
    super::print(&describe(&settings, &args.cache))?;
    Ok(0)
}

/// One line a setting: its name, its value, where it came from.
fn describe(settings: &Settings, cache: &super::CacheArgs) -> String {
    let mut rows: Vec<(&str, String, String)> = Vec::new();
    let config = &settings.config;
    rows.push(match &config.value {
        Some(path) => (
            "config",
            path.display().to_string(),
            config.origin.to_string(),
        ),
        None => (
            "config",
            "none".into(),
            format!("no {} {}", crate::config::FILE_NAME, config.origin),
        ),
    });
    rows.push(("db", settings.db_text(), settings.db.origin.to_string()));
    rows.push((
        "rules",
        settings.rules_dir().display().to_string(),
        settings.rules.origin.to_string(),
    ));
    rows.push((
        "fail-on",
        settings.fail_on.value.as_str().into(),
        settings.fail_on.origin.to_string(),
    ));
    rows.push(match &settings.locale {
        Some(locale) => ("locale", locale.value.clone(), locale.origin.to_string()),
        None => (
            "locale",
            "none".into(),
            "default: the rules' `numeric-dates`".into(),
        ),
    });
    rows.push((
        "format",
        settings.format.value.as_str().into(),
        settings.format.origin.to_string(),
    ));
    rows.push(match &settings.ignore {
        Some(ignore) => (
            "ignore",
            ignore.value.patterns.join(", "),
            ignore.origin.to_string(),
        ),
        None => ("ignore", "nothing".into(), Origin::Default.to_string()),
    });
    rows.push(cache.describe());
    let width = rows.iter().map(|(_, value, _)| value.chars().count()).max();
    let mut out = String::new();
    for (name, value, origin) in rows {
        let value = visible(&value);
        let origin = visible(&origin);
        let line = format!(
            "{name:<9} {value:<width$}  {origin}",
            width = width.unwrap_or(0)
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
