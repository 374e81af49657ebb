//! `claimcheck db import wikidata`: fact files from Wikidata's JSON. The inputs are
//! streamed (one thread decompresses and cuts lines, the others select and parse),
//! the selected items kept, then turned into facts by the mapping in
//! `rules/wikidata.yaml` and written, one topic a file, into the output directory.
//!
//! Items named by the items taken (the offices people held, through `follow` in
//! the selection) are known only once the inputs have been read; a second pass
//! over the inputs reads just those, and the items that title references. So a
//! selection that follows references needs inputs that can be read twice: not
//! standard input.

pub mod convert;
pub mod ids;
pub mod input;
pub mod json;
pub mod mapping;
pub mod output;
pub mod scan;
pub mod select;
pub mod time;
pub mod warnings;

use ids::{ItemId, PropertyCode};
use input::{Batch, Input};
use json::{Item, Rank, Value};
use mapping::Mapping;
use rustc_hash::FxHashSet;
use select::Selection;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use warnings::Warnings;

/// What an import reads and where it writes.
pub struct ImportOptions {
    pub inputs: Vec<Input>,
    pub out: PathBuf,
    pub selection: Selection,
    pub language: String,
    /// Threads that select and parse, besides the one that decompresses.
    pub threads: usize,
    /// Whether to draw a progress bar (on a terminal only).
    pub progress: bool,
}

/// A line that is not entity JSON.
#[derive(Debug, Clone)]
pub struct Malformed {
    pub input: String,
    pub line: u64,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(column) => write!(f, "{}:{}:{column}: {}", self.input, self.line, self.message),
            None => write!(f, "{}:{}: {}", self.input, self.line, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{input}: {source}")]
    Read {
        input: String,
        source: std::io::Error,
    },
    #[error(
        "the selection follows {follow}, whose items are read in a second pass over the inputs, and standard input cannot be read twice: save it to a file first, or take those items with `items:`"
    )]
    FollowFromStdin { follow: String },
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportSummary {
    /// Entity lines read, over every pass.
    pub entities_read: u64,
    /// Decompressed bytes of JSON read, over every pass.
    pub json_bytes: u64,
    pub passes: usize,
    pub items_kept: usize,
    pub entities_written: usize,
    pub facts_written: usize,
    pub files: output::WriteSummary,
    pub warnings: Warnings,
    /// Lines that are not entity JSON, in input order (all of them).
    pub malformed: Vec<Malformed>,
}

/// Runs an import.
pub fn import(
    options: &ImportOptions,
    mapping: &Mapping,
    properties: &crate::factbase::PropertyTable,
) -> Result<ImportSummary, ImportError> {
    let from_stdin = options.inputs.contains(&Input::Stdin);
    if from_stdin && !options.selection.follow.is_empty() {
        let follow: Vec<String> = options
            .selection
            .follow
            .iter()
            .map(ToString::to_string)
            .collect();
        return Err(ImportError::FollowFromStdin {
            follow: follow.join(", "),
        });
    }
    let mut summary = ImportSummary::default();
    let reader = PassReader {
        options,
        mapping,
        also: options.selection.properties(),
    };
    let first = reader.read(&mut summary, "selecting", |id, line| {
        options.selection.may_take(id, line)
    })?;
    let mut items: BTreeMap<ItemId, Item> = first
        .into_iter()
        .filter(|item| options.selection.takes(item))
        .map(|item| (item.id, item))
        .collect();
    let (followed, titles) = references(&items, &options.selection);
    let followed: FxHashSet<ItemId> = followed
        .into_iter()
        .filter(|id| !items.contains_key(id))
        .collect();
    let titles: FxHashSet<ItemId> = titles
        .into_iter()
        .filter(|id| !items.contains_key(id))
        .collect();
    let mut labels: BTreeMap<ItemId, String> = BTreeMap::new();
    if !followed.is_empty() || (!titles.is_empty() && !from_stdin) {
        let second = reader.read(&mut summary, "reading referenced items", |id, _| {
            followed.contains(&id) || titles.contains(&id)
        })?;
        for item in second {
            if followed.contains(&item.id) {
                items.insert(item.id, item);
            } else if let Some(label) = item.label {
                labels.insert(item.id, label);
            }
        }
    }
    for item in items.values() {
        if let Some(label) = &item.label {
            labels.insert(item.id, label.clone());
        }
    }
    summary.items_kept = items.len();
    let converter = convert::Converter {
        mapping,
        properties,
        labels: &labels,
    };
    let converted = converter.convert(&items, &mut summary.warnings);
    summary.entities_written = converted.entities.len() + converted.categories.len();
    summary.facts_written = converted.facts.len();
    let files = output::files(&converted);
    summary.files = output::write_all(&options.out, &files)?;
    Ok(summary)
}

/// The items the kept ones name through `follow`, and those their references
/// are stated in (read for their labels).
fn references(
    items: &BTreeMap<ItemId, Item>,
    selection: &Selection,
) -> (FxHashSet<ItemId>, FxHashSet<ItemId>) {
    let mut followed = FxHashSet::default();
    let mut titles = FxHashSet::default();
    for item in items.values() {
        for statement in item
            .statements
            .iter()
            .filter(|s| s.rank != Rank::Deprecated)
        {
            if selection.follow.contains(&statement.property)
                && let Value::Item(id) = statement.main
            {
                followed.insert(id);
            }
            titles.extend(statement.references.iter().filter_map(|r| r.stated_in));
        }
    }
    (followed, titles)
}

struct PassReader<'a> {
    options: &'a ImportOptions,
    mapping: &'a Mapping,
    /// Properties read besides the mapped ones: what the selection tests and follows.
    also: Vec<PropertyCode>,
}

/// What one worker found in a pass.
#[derive(Default)]
struct WorkerFound {
    items: Vec<Item>,
    malformed: Vec<Malformed>,
    entities: u64,
    bytes: u64,
}

impl PassReader<'_> {
    /// Reads every input once; parses the entities `may_want` lets through.
    fn read(
        &self,
        summary: &mut ImportSummary,
        stage: &str,
        may_want: impl Fn(ItemId, &[u8]) -> bool + Sync,
    ) -> Result<Vec<Item>, ImportError> {
        summary.passes += 1;
        let read = Arc::new(AtomicU64::new(0));
        let kept = AtomicU64::new(0);
        let total: u64 = self
            .options
            .inputs
            .iter()
            .filter_map(|input| match input {
                Input::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
                Input::Stdin => None,
            })
            .sum();
        let bar = progress_bar(self.options.progress, total, stage);
        let threads = self.options.threads.max(1);
        let (sender, receiver) = crossbeam_channel::bounded::<Batch>(threads * 2);
        // Buffers the workers are done with, back to the reader.
        let (give_back, spare) = crossbeam_channel::bounded::<Vec<u8>>(threads * 2 + 2);
        let names: Vec<String> = self.options.inputs.iter().map(Input::name).collect();
        let found = std::thread::scope(|scope| {
            let reading = scope.spawn(|| {
                for (index, input) in self.options.inputs.iter().enumerate() {
                    let reader = input::open(input, Arc::clone(&read))
                        .and_then(|reader| input::send_batches(reader, index, &sender, &spare));
                    if let Err(source) = reader {
                        return Err(ImportError::Read {
                            input: input.name(),
                            source,
                        });
                    }
                }
                drop(sender);
                Ok(())
            });
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let (receiver, give_back) = (receiver.clone(), give_back.clone());
                    let (may_want, names, bar, read, kept) =
                        (&may_want, &names, &bar, &read, &kept);
                    scope.spawn(move || {
                        let mut found = WorkerFound::default();
                        for batch in receiver {
                            let before = found.items.len();
                            self.read_batch(&batch, &names[batch.input], may_want, &mut found);
                            kept.fetch_add((found.items.len() - before) as u64, Ordering::Relaxed);
                            bar.set_position(read.load(Ordering::Relaxed));
                            bar.set_message(format!("{} kept", kept.load(Ordering::Relaxed)));
                            // When the reader has enough spares, the buffer is freed.
                            let _ = give_back.try_send(batch.bytes);
                        }
                        found
                    })
                })
                .collect();
            drop(receiver);
            let found: Vec<WorkerFound> = workers
                .into_iter()
                .map(|w| w.join().expect("a worker does not panic"))
                .collect();
            reading
                .join()
                .expect("the reader does not panic")
                .map(|()| found)
        })?;
        bar.finish_and_clear();
        let mut items = Vec::new();
        let mut malformed = Vec::new();
        for worker in found {
            items.extend(worker.items);
            malformed.extend(worker.malformed);
            summary.entities_read += worker.entities;
            summary.json_bytes += worker.bytes;
        }
        malformed.sort_by(|a, b| (&a.input, a.line).cmp(&(&b.input, b.line)));
        summary.malformed.extend(malformed);
        Ok(items)
    }

    fn read_batch(
        &self,
        batch: &Batch,
        input: &str,
        may_want: &(impl Fn(ItemId, &[u8]) -> bool + Sync),
        found: &mut WorkerFound,
    ) {
        found.bytes += batch.bytes.len() as u64;
        for (number, line) in (batch.first_line..).zip(lines(&batch.bytes)) {
            let Some(json) = input::entity_json(line) else {
                continue;
            };
            found.entities += 1;
            let malformed = |column, message: String| Malformed {
                input: input.to_string(),
                line: number,
                column,
                message,
            };
            let Some(id) = scan::top_level_id(json) else {
                found.malformed.push(malformed(
                    None,
                    "not an entity: no top-level \"id\"".to_string(),
                ));
                continue;
            };
            let Some(id) = ItemId::parse(id) else {
                continue;
            };
            if !may_want(id, json) {
                continue;
            }
            let parsed = std::str::from_utf8(json)
                .map_err(|e| malformed(Some(e.valid_up_to() + 1), "not UTF-8".to_string()))
                .and_then(|text| {
                    json::read_item(text, self.mapping, &self.also, &self.options.language)
                        .map_err(|e| malformed(Some(e.column()), e.to_string()))
                });
            match parsed {
                Ok(Some(item)) => found.items.push(item),
                Ok(None) => {}
                Err(error) => found.malformed.push(error),
            }
        }
    }
}

/// The lines of `bytes`, found with memchr.
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', bytes)
        .map(Some)
        .chain([None])
        .map(move |end| {
            let end = end.unwrap_or(bytes.len());
            let line = &bytes[start..end];
            start = end + 1;
            line
        })
}

fn progress_bar(show: bool, total: u64, stage: &str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        (total > 0).then_some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let template = format!(
        "{stage}: {{bytes}}/{{total_bytes}} read, {{msg}}, {{bytes_per_sec}} [{{elapsed_precise}}]"
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}
