//! `claimcheck extract`: what the pipeline reads in a draft, without checking it,
//! for debugging rules and for other tools. `--mentions` lists mentions; otherwise
//! claims.

use super::settings::{BaseLoading, Settings};
use crate::claims;
use crate::document::Document;
use crate::factbase::FactBase;
use crate::mentions::{self, NeedsAsOf};
use crate::report::claims_found::{self, FoundDocument};
use crate::report::mentions::{JsonReport, MentionsDocument};
use crate::rules::Rules;
use crate::segment::Segmented;
use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::VecDeque;
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, OnceLock};

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Drafts to read: files, directories (searched for .md, .markdown and .txt), or
    /// `-` for standard input (read as plain text).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// List mentions (dates, durations, numbers, percentages, ordinals, hedges)
    /// instead of claims.
    #[arg(long)]
    mentions: bool,
    /// Also find names of entities in the fact base (loads it).
    #[arg(long)]
    names: bool,
    #[command(flatten)]
    source: super::SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    format: ExtractFormat,
    #[command(flatten)]
    cache: super::CacheArgs,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ExtractFormat {
    Text,
    Json,
}

pub fn run(args: &ExtractArgs) -> Result<u8> {
    let settings = Settings::for_drafts(&args.paths, args.source.flags())?;
    let drafts = super::collect_drafts(&args.paths, &settings)?;
    if args.mentions {
        // The rules are loaded, and the fact base starts loading, while the first
        // draft is read.
        let (loaded, first) = std::thread::scope(|scope| {
            let loading = scope.spawn(|| start_loading(args, &settings));
            let first = drafts.first().map(|path| read(path));
            let loaded = loading.join().unwrap_or_else(|p| panic::resume_unwind(p));
            (loaded, first)
        });
        let (rules, loading) = loaded?;
        let base = OnceLock::new();
        std::thread::scope(|scope| {
            let names = match loading {
                // The first parts are read while the base is finished; only their
                // names wait for it.
                Some(loading) => {
                    let (rules, base) = (&rules, &base);
                    scope.spawn(move || finish_into(loading, rules, base));
                    Names::Loading(base)
                }
                None => Names::NotAsked,
            };
            write_mentions(args, &drafts, first, &rules, names)?;
            // A base that failed is an error even where no part asked for it.
            names.base().map(|_| ())
        })?;
        // The process ends with this command: freeing the rules' and the base's
        // many small allocations one by one would only hold up its exit.
        std::mem::forget((rules, base));
        return Ok(0);
    }
    let (rules, base) = load(args, &settings)?;
    let mut found_documents = Vec::new();
    for path in &drafts {
        let document = read(path)?;
        let as_of = args.source.as_of.or(document.front_matter_date);
        let segmented = Segmented::new(&document, &rules);
        let names = base.as_ref().map(|b| &b.names);
        let found = mentions::extract(&segmented, &rules, as_of, names)
            .map_err(|missing| needs_as_of(&document, &missing))?;
        let claims = claims::find(&segmented, &found, &rules, base.as_ref());
        found_documents.push(FoundDocument::new(
            &document,
            as_of,
            &claims,
            &found,
            base.as_ref(),
        ));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        ExtractFormat::Json => out.write_all(claims_found::json(&found_documents)?.as_bytes())?,
        ExtractFormat::Text => {
            for document in &found_documents {
                claims_found::write_text(&mut out, document)?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

/// The rules, and the fact base when names are asked for.
fn load(args: &ExtractArgs, settings: &Settings) -> Result<(Rules, Option<FactBase>)> {
    let (rules, loading) = start_loading(args, settings)?;
    let base = loading.map(|loading| loading.finish(&rules)).transpose()?;
    Ok((rules, base))
}

/// The rules, and the fact base on its way when names are asked for.
fn start_loading(args: &ExtractArgs, settings: &Settings) -> Result<(Rules, Option<BaseLoading>)> {
    match args.names {
        true => settings
            .load_rules_and_start_base(&args.cache)
            .map(|(rules, loading)| (rules, Some(loading))),
        false => settings
            .load_rules(args.cache.options().cache_dir.as_deref())
            .map(|rules| (rules, None)),
    }
}

/// Finishes loading the fact base into `base`, which is set whatever happens, so
/// that no part waits for it for ever.
fn finish_into(loading: BaseLoading, rules: &Rules, base: &OnceLock<Result<FactBase>>) {
    match panic::catch_unwind(AssertUnwindSafe(|| loading.finish(rules))) {
        Ok(finished) => {
            let _ = base.set(finished);
        }
        Err(panic) => {
            let _ = base.set(Err(anyhow!("the fact base could not be loaded")));
            panic::resume_unwind(panic)
        }
    }
}

/// The fact base names are found with: none when names are not asked for, else
/// one still being loaded when the first parts are read.
#[derive(Clone, Copy)]
enum Names<'a> {
    NotAsked,
    Loading(&'a OnceLock<Result<FactBase>>),
}

impl<'a> Names<'a> {
    /// The base, once loaded.
    fn base(self) -> Result<Option<&'a FactBase>> {
        match self {
            Names::NotAsked => Ok(None),
            Names::Loading(base) => match base.wait() {
                Ok(base) => Ok(Some(base)),
                Err(error) => Err(anyhow!("{error:#}")),
            },
        }
    }
}

/// Drafts are read in parts of about this many bytes (whole blocks), in parallel:
/// small enough that a part's tokens stay in a core's own cache while it is read.
const PART_BYTES: usize = 128 << 10;

/// The size of a draft's parts: about `PART_BYTES`, and as many parts as a
/// multiple of the `workers`, all of a size, so that the workers run out of
/// parts together rather than one waiting while another reads a last full part.
fn part_bytes(draft_bytes: usize, workers: usize) -> usize {
    let parts = draft_bytes
        .div_ceil(PART_BYTES)
        .next_multiple_of(workers.max(1));
    draft_bytes.div_ceil(parts.max(1)).max(1)
}

/// Where mentions are written, in the format asked for.
enum Output<W: Write> {
    Json(JsonReport<W>),
    Text(W),
}

impl<W: Write> Output<W> {
    fn begin_document(&mut self, document: &MentionsDocument) -> std::io::Result<()> {
        match self {
            Output::Json(json) => json.begin_document(document),
            Output::Text(text) => text.write_all(document.text_heading().as_bytes()),
        }
    }

    /// One part's rendered mentions, in the format's own shape.
    fn part(&mut self, rendered: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Json(json) => json.records(rendered),
            Output::Text(text) => text.write_all(rendered),
        }
    }

    fn end_document(&mut self) -> std::io::Result<()> {
        match self {
            Output::Json(json) => json.end_document(),
            Output::Text(_) => Ok(()),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Output::Json(json) => json.finish(),
            Output::Text(mut text) => text.flush(),
        }
    }
}

/// A draft read and waiting to be listed, with the date its relative dates count
/// from.
struct Loaded {
    document: Document,
    as_of: Option<NaiveDate>,
}

/// A part's rendering as a worker hands it back: its listing or error, or the
/// worker's panic, raised again where the parts are written.
type Rendered = std::thread::Result<Result<Vec<u8>>>;

/// Lists each draft's mentions. Drafts are read one after another and cut into
/// parts (runs of whole blocks); every core renders parts as they come, and each
/// part is written as soon as it and all before it are done. At most `window`
/// parts are in hand at once, so memory is bounded by them and their drafts.
/// `first` is the first draft, when it has been read already.
fn write_mentions(
    args: &ExtractArgs,
    drafts: &[PathBuf],
    mut first: Option<Result<Document>>,
    rules: &Rules,
    names: Names,
) -> Result<()> {
    let out = BufWriter::new(std::io::stdout().lock());
    let output = match args.format {
        ExtractFormat::Json => Output::Json(JsonReport::start(out)?),
        ExtractFormat::Text => Output::Text(out),
    };
    let lister = Lister {
        format: args.format,
        rules,
        names,
    };
    let window = 4 * rayon::current_num_threads();
    let (sender, results) = mpsc::channel();
    let mut writer = InOrder::new(&lister, output, results);
    rayon::in_place_scope_fifo(|scope| -> Result<()> {
        for (draft, path) in drafts.iter().enumerate() {
            let document = match first.take() {
                Some(read_already) => read_already?,
                None => read(path)?,
            };
            let as_of = args.source.as_of.or(document.front_matter_date);
            let loaded = Arc::new(Loaded { document, as_of });
            // A relative date anywhere fails a draft that has no as-of date, so
            // all its parts are rendered before any of it is written.
            let whole = as_of.is_none();
            let part_bytes = part_bytes(loaded.document.text.len(), rayon::current_num_threads());
            for run in loaded.document.block_runs(part_bytes) {
                while !whole && writer.in_hand() >= window {
                    writer.write_next()?;
                }
                let part = writer.expect(draft, Arc::clone(&loaded));
                let (sender, loaded, lister) = (sender.clone(), Arc::clone(&loaded), &lister);
                scope.spawn_fifo(move |_| {
                    let rendered =
                        panic::catch_unwind(AssertUnwindSafe(|| lister.render(&loaded, &run)));
                    // The writer has gone only when it has failed already.
                    let _ = sender.send((part, rendered));
                });
            }
        }
        while writer.in_hand() > 0 {
            writer.write_next()?;
        }
        Ok(())
    })?;
    writer.finish()?;
    Ok(())
}

/// A part spawned and not yet written.
struct Expected {
    draft: usize,
    loaded: Arc<Loaded>,
}

/// Writes rendered parts in the drafts' order, whatever order they finish in.
struct InOrder<'l, W: Write> {
    lister: &'l Lister<'l>,
    output: Output<W>,
    results: Receiver<(usize, Rendered)>,
    /// Parts spawned and not yet written, in order; the first is part `next`.
    expected: VecDeque<Expected>,
    next: usize,
    /// Parts finished before one ahead of them, by number.
    early: FxHashMap<usize, Rendered>,
    /// The draft whose listing is open.
    open: Option<usize>,
}

impl<'l, W: Write> InOrder<'l, W> {
    fn new(
        lister: &'l Lister<'l>,
        output: Output<W>,
        results: Receiver<(usize, Rendered)>,
    ) -> Self {
        InOrder {
            lister,
            output,
            results,
            expected: VecDeque::new(),
            next: 0,
            early: FxHashMap::default(),
            open: None,
        }
    }

    fn in_hand(&self) -> usize {
        self.expected.len()
    }

    /// Notes a part of `draft` about to be spawned and returns its number.
    fn expect(&mut self, draft: usize, loaded: Arc<Loaded>) -> usize {
        self.expected.push_back(Expected { draft, loaded });
        self.next + self.expected.len() - 1
    }

    /// Waits for part `part` to be rendered.
    fn take(&mut self, part: usize) -> Result<Vec<u8>> {
        let rendered = loop {
            if let Some(rendered) = self.early.remove(&part) {
                break rendered;
            }
            let (number, rendered) = self.results.recv().context("a worker stopped")?;
            if number == part {
                break rendered;
            }
            self.early.insert(number, rendered);
        };
        rendered.unwrap_or_else(|payload| panic::resume_unwind(payload))
    }

    /// Writes the first part in hand, once it is rendered. The first part of a
    /// draft with no as-of date waits for the whole draft, so that a failure
    /// anywhere in it leaves none of it written.
    fn write_next(&mut self) -> Result<()> {
        let Some(first) = self.expected.front() else {
            return Ok(());
        };
        let (draft, loaded) = (first.draft, Arc::clone(&first.loaded));
        if self.open != Some(draft) && loaded.as_of.is_none() {
            let parts = self
                .expected
                .iter()
                .take_while(|e| e.draft == draft)
                .count();
            for part in self.next..self.next + parts {
                let rendered = self.take(part)?;
                self.early.insert(part, Ok(Ok(rendered)));
            }
        }
        let rendered = self.take(self.next)?;
        self.expected.pop_front();
        self.next += 1;
        if self.open != Some(draft) {
            if self.open.is_some() {
                self.output.end_document()?;
            }
            // The part is rendered, so the base it was rendered with is loaded.
            let base = self.lister.names.base()?;
            self.output
                .begin_document(&self.lister.listed(&loaded, base))?;
            self.open = Some(draft);
        }
        self.output.part(&rendered)?;
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        if self.open.is_some() {
            self.output.end_document()?;
        }
        self.output.finish()?;
        Ok(())
    }
}

/// What listing a part of a draft needs.
struct Lister<'a> {
    format: ExtractFormat,
    rules: &'a Rules,
    names: Names<'a>,
}

impl Lister<'_> {
    fn listed<'d>(
        &'d self,
        loaded: &'d Loaded,
        base: Option<&'d FactBase>,
    ) -> MentionsDocument<'d> {
        MentionsDocument {
            path: &loaded.document.path,
            as_of: loaded.as_of,
            text: &loaded.document.text,
            lines: &loaded.document.lines,
            base,
        }
    }

    /// The mentions of one run of a draft's blocks, rendered.
    fn render(&self, loaded: &Loaded, run: &Range<usize>) -> Result<Vec<u8>> {
        let document = &loaded.document;
        let blocks = &document.blocks[run.clone()];
        let segmented = Segmented::blocks(document.prose(), blocks, self.rules);
        let found = mentions::read_all(&segmented, self.rules, loaded.as_of)
            .map_err(|missing| needs_as_of(document, &missing))?;
        let base = self.names.base()?;
        let found = match base {
            Some(base) => mentions::with_names(found, &segmented, self.rules, &base.names),
            None => found,
        };
        let listed = self.listed(loaded, base);
        Ok(match self.format {
            ExtractFormat::Json => listed.json_records(&found)?,
            ExtractFormat::Text => listed.text_lines(&found)?,
        })
    }
}

fn read(path: &Path) -> Result<Document> {
    super::read_draft(path).with_context(|| format!("reading {}", path.display()))
}

fn needs_as_of(document: &Document, missing: &NeedsAsOf) -> anyhow::Error {
    let at = document.lines.locate(&document.text, missing.span.start);
    anyhow!(
        "{}:{}:{}: “{}” is relative to the publication date, and none is given: pass --as-of YYYY-MM-DD or add `date:` to the front matter",
        document.path.display(),
        at.line,
        at.column,
        document.slice(missing.span)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Parts of the size chosen come to a multiple of the workers, none
        /// larger than `PART_BYTES`, and cover the draft.
        #[test]
        fn parts_are_as_many_as_a_multiple_of_the_workers(
            draft_bytes in 1usize..(64 << 20),
            workers in 1usize..64,
        ) {
            let size = part_bytes(draft_bytes, workers);
            let parts = draft_bytes.div_ceil(size);
            proptest::prop_assert!(size <= PART_BYTES);
            proptest::prop_assert!(size * parts >= draft_bytes);
            let wanted = draft_bytes.div_ceil(PART_BYTES).next_multiple_of(workers);
            // Rounding the size up may leave fewer, never a whole round fewer.
            proptest::prop_assert!(parts <= wanted && parts + workers > wanted);
        }
    }
}
