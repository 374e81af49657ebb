//! Reading import inputs: files or standard input, plain, gzip or bzip2 (known by
//! their first bytes, whatever their name), holding a dump (a JSON array, one
//! entity a line), entity JSON lines, or a `Special:EntityData` response. One
//! thread decompresses and cuts the text into batches of whole lines, which the
//! workers take from a bounded channel, so memory stays bounded however large the
//! dump.

use crossbeam_channel::{Receiver, Sender};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A batch of whole lines of one input.
pub struct Batch {
    pub input: usize,
    /// The number (from 1) of the batch's first line in its input.
    pub first_line: u64,
    pub bytes: Vec<u8>,
}

/// How an input is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Bzip2,
}

/// An input as named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn from_arg(path: &Path) -> Input {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path.to_path_buf())
        }
    }

    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "standard input".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// Counts the bytes read from an input before decompression, for the progress bar.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens an input, decompressing it by what its first bytes say.
pub fn open(input: &Input, read: Arc<AtomicU64>) -> std::io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = match input {
        Input::Stdin => Box::new(std::io::stdin()),
        Input::File(path) => Box::new(std::fs::File::open(path)?),
    };
    let mut buffered = BufReader::with_capacity(1 << 20, Counted { inner: raw, read });
    let compression = detect(buffered.fill_buf()?);
    Ok(match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::bufread::MultiGzDecoder::new(buffered),
        )),
        Compression::Bzip2 => Box::new(BufReader::with_capacity(
            1 << 20,
            bzip2::bufread::MultiBzDecoder::new(buffered),
        )),
    })
}

/// The compression that `start`, an input's first bytes, shows.
pub fn detect(start: &[u8]) -> Compression {
    if start.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if start.starts_with(b"BZh") {
        Compression::Bzip2
    } else {
        Compression::None
    }
}

const BATCH_BYTES: usize = 4 << 20;

/// Reads `reader` (input number `input`) to its end, sending batches of whole
/// lines. A `Special:EntityData` response is sent as one batch with one entity a
/// line. Batches are filled in the buffers the workers hand back on `spare`, so a
/// long run reuses the same few instead of asking the allocator for fresh pages.
/// Stops early, without error, when the workers have gone.
pub fn send_batches(
    mut reader: Box<dyn BufRead + Send>,
    input: usize,
    sender: &Sender<Batch>,
    spare: &Receiver<Vec<u8>>,
) -> std::io::Result<()> {
    if is_entity_data(reader.fill_buf()?) {
        let mut text = String::new();
        reader.read_to_string(&mut text)?;
        let bytes = entity_data_lines(&text)?;
        let _ = sender.send(Batch {
            input,
            first_line: 1,
            bytes,
        });
        return Ok(());
    }
    let mut line = 1u64;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut bytes = spare.try_recv().unwrap_or_default();
        bytes.clear();
        bytes.append(&mut carry);
        // A line longer than a batch is read on until it ends.
        let wanted = bytes.len() + BATCH_BYTES;
        bytes.reserve(BATCH_BYTES);
        // Read straight into the batch, without zeroing it first: a read this large
        // passes the reader's own buffer by, so each byte is copied once.
        let read = reader
            .by_ref()
            .take((wanted - bytes.len()) as u64)
            .read_to_end(&mut bytes)?;
        let at_end = read == 0 || bytes.len() < wanted;
        if !at_end {
            // The last, unfinished line goes with the next batch.
            match memchr::memrchr(b'\n', &bytes) {
                Some(end) => {
                    carry.extend_from_slice(&bytes[end + 1..]);
                    bytes.truncate(end + 1);
                }
                None => {
                    carry = bytes;
                    continue;
                }
            }
        }
        let lines = memchr::memchr_iter(b'\n', &bytes).count() as u64;
        let batch = Batch {
            input,
            first_line: line,
            bytes,
        };
        if !batch.bytes.is_empty() && sender.send(batch).is_err() {
            return Ok(());
        }
        line += lines;
        if at_end {
            return Ok(());
        }
    }
}

/// Whether the text starts as `{"entities": ...}`.
fn is_entity_data(start: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&start[..start.len().min(256)]);
    let rest = text.trim_start();
    rest.strip_prefix('{')
        .is_some_and(|r| r.trim_start().starts_with("\"entities\""))
}

#[derive(Deserialize)]
struct EntityData<'a> {
    #[serde(borrow)]
    entities: BTreeMap<String, &'a RawValue>,
}

/// The entities of a `Special:EntityData` response, one a line.
fn entity_data_lines(text: &str) -> std::io::Result<Vec<u8>> {
    let data: EntityData = serde_json::from_str(text).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "{}:{}: not a Special:EntityData response: {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let mut bytes = Vec::with_capacity(text.len());
    for raw in data.entities.values() {
        // Outside strings only: JSON strings hold no raw line breaks.
        bytes.extend(
            raw.get()
                .bytes()
                .map(|b| if b == b'\n' || b == b'\r' { b' ' } else { b }),
        );
        bytes.push(b'\n');
    }
    Ok(bytes)
}

/// The entity JSON of one line of a dump or of entity lines: without the array's
/// brackets and the comma that ends each line; `None` for a line with none.
pub fn entity_json(line: &[u8]) -> Option<&[u8]> {
    let line = line.trim_ascii();
    let line = line.strip_suffix(b",").unwrap_or(line).trim_ascii_end();
    if line.is_empty() || line == b"[" || line == b"]" {
        None
    } else {
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_is_known_by_its_first_bytes() {
        assert_eq!(detect(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(detect(b"BZh91AY"), Compression::Bzip2);
        assert_eq!(detect(b"[\n{\"id\""), Compression::None);
    }

    #[test]
    fn batches_hold_whole_lines_and_count_them() {
        let text: String = (0..400_000)
            .map(|i| format!("{{\"id\":\"Q{i}\"}},\n"))
            .collect();
        let (sender, receiver) = crossbeam_channel::bounded(1000);
        let reader: Box<dyn BufRead + Send> =
            Box::new(std::io::Cursor::new(text.clone().into_bytes()));
        let (_, no_spares) = crossbeam_channel::bounded(1);
        send_batches(reader, 0, &sender, &no_spares).unwrap();
        drop(sender);
        let batches: Vec<Batch> = receiver.iter().collect();
        assert!(batches.len() > 1);
        let mut line = 1;
        for batch in &batches {
            assert_eq!(batch.first_line, line);
            assert!(batch.bytes.ends_with(b"\n"));
            let end = memchr::memchr(b'\n', &batch.bytes).unwrap();
            let first = std::str::from_utf8(&batch.bytes[..end]).unwrap();
            assert!(
                first.contains(&format!("\"Q{}\"", line - 1)),
                "{first} at {line}"
            );
            line += memchr::memchr_iter(b'\n', &batch.bytes).count() as u64;
        }
        assert_eq!(line, 400_001);
    }

    #[test]
    fn the_arrays_brackets_and_commas_are_not_entities() {
        assert_eq!(entity_json(b"[\n"), None);
        assert_eq!(
            entity_json(b"{\"id\":\"Q1\"},\n"),
            Some(&b"{\"id\":\"Q1\"}"[..])
        );
        assert_eq!(
            entity_json(b"{\"id\":\"Q1\"}\r\n"),
            Some(&b"{\"id\":\"Q1\"}"[..])
        );
    }
}
