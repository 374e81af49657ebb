//! `claimcheck lsp`: the language server, over standard input and output, for
//! editors that check drafts as they are typed.

use super::settings::RulesSource;
use crate::factbase::FactSource;
use crate::lsp::{BaseSettings, Ending, FallbackDate, Settings};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use lsp_server::Connection;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// The publication date of drafts whose front matter has no `date:`
    /// [default: the day of each check]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    as_of: Option<NaiveDate>,
    /// Directory of fact files [default: `claims` here or in a parent directory,
    /// else the fact base compiled in]. Reloaded when its files change.
    #[arg(long, value_name = "DIR")]
    db: Option<PathBuf>,
    /// Directory of rule files [default: `rules` here or in a parent directory,
    /// else the rules compiled in]. Reloaded when its files change.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    #[command(flatten)]
    cache: super::CacheArgs,
}

/// Runs the server until the editor ends the session; returns the exit status:
/// 0 after shutdown and exit, 1 when the editor left without shutdown.
pub fn run(args: &LspArgs) -> Result<u8> {
    let found = super::settings::Settings::here_for_base(
        None,
        args.db.iter().cloned().collect(),
        args.rules.clone(),
    )?;
    let rules_dir = match found.rules.value {
        RulesSource::Dir(dir) => Some(absolute(&dir)?),
        RulesSource::Bundled => None,
    };
    let db = found
        .db
        .value
        .into_iter()
        .map(|source| match source {
            FactSource::Dir(dir) => absolute(&dir).map(FactSource::Dir),
            FactSource::Bundled => Ok(FactSource::Bundled),
        })
        .collect::<Result<_>>()?;
    let settings = Settings {
        base: BaseSettings {
            rules_dir,
            db,
            load: args.cache.options(),
        },
        fallback_date: args.as_of.map_or(FallbackDate::Today, FallbackDate::Given),
    };
    let (connection, io_threads) = Connection::stdio();
    let ending = crate::lsp::serve(&connection, settings)?;
    // The writer ends once the connection is gone, the reader after `exit`.
    drop(connection);
    if ending == Ending::Shutdown {
        io_threads.join().context("ending the session")?;
    }
    Ok(match ending {
        Ending::Shutdown => 0,
        Ending::WithoutShutdown => 1,
    })
}

/// Fact files are named in diagnostics by `file:` URIs, which need whole paths.
fn absolute(dir: &Path) -> Result<PathBuf> {
    std::path::absolute(dir).with_context(|| format!("finding the full path of {}", dir.display()))
}
