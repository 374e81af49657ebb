//! Writing files the user asked for (reports) or that only speed things up (the
//! fact base cache), so that no run can lose a user's file:
//!
//! - a file is written whole or not at all: to a temporary beside it, created with
//!   a random name and `O_EXCL` (so a link planted under a guessable name is never
//!   followed), then renamed over the target;
//! - an input of the run is never written over, through whatever name or link;
//! - a link is followed and its target replaced, the link kept; a device or a pipe
//!   (`/dev/null`, `/dev/stdout`) is written through, never renamed over;
//! - temporaries left by a run that was killed are removed by the next run that
//!   writes in the same directory, under a lock on the directory, so a live run's
//!   temporaries are never taken for dead ones.

use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Every temporary this module creates starts with this, and ends with `.tmp`.
const TEMPORARY_PREFIX: &str = ".claimcheck-";
const TEMPORARY_SUFFIX: &str = ".tmp";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: is an input of this run; a report is never written over a draft")]
    WouldOverwriteInput { path: PathBuf },
    #[error("{path}: is a directory")]
    IsDirectory { path: PathBuf },
    #[error("{path}: is a link to nothing; remove it or name another file")]
    DanglingLink { path: PathBuf },
    #[error("writing {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Who may read what is written: reports as any new file the user makes, the
/// cache only its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// 0666 less the umask, or the replaced file's own permissions.
    Shared,
    /// 0600.
    Private,
}

/// The files a run reads, known by identity (device and inode), not by name, so
/// no other name or link for one of them can be written over.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    files: HashSet<FileIdentity>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct FileIdentity {
    device: u64,
    inode: u64,
}

impl FileIdentity {
    #[cfg(unix)]
    fn of(metadata: &Metadata) -> FileIdentity {
        use std::os::unix::fs::MetadataExt;
        FileIdentity {
            device: metadata.dev(),
            inode: metadata.ino(),
        }
    }

    #[cfg(not(unix))]
    fn of(_metadata: &Metadata) -> FileIdentity {
        FileIdentity {
            device: 0,
            inode: 0,
        }
    }
}

impl Inputs {
    /// The files at `paths` (links followed); a path that cannot be read is
    /// skipped, as it cannot be written over by accident either.
    pub fn of<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Inputs {
        let files = paths
            .into_iter()
            .filter_map(|path| std::fs::metadata(path).ok())
            .filter(|metadata| metadata.is_file())
            .map(|metadata| FileIdentity::of(&metadata))
            .collect();
        Inputs { files }
    }

    /// Whether the file at `path` (links followed) is one of the inputs.
    pub fn contains(&self, path: &Path) -> bool {
        cfg!(unix)
            && std::fs::metadata(path)
                .is_ok_and(|m| m.is_file() && self.files.contains(&FileIdentity::of(&m)))
    }
}

/// Writes `bytes` to `path` whole or not at all, as the module's rules say.
pub fn write_whole(
    path: &Path,
    bytes: &[u8],
    inputs: &Inputs,
    access: Access,
) -> Result<(), OutputError> {
    write_with(path, inputs, access, |out| out.write_all(bytes))
}

/// Writes what `fill` writes to `path`, whole or not at all, as the module's
/// rules say, without holding it all in memory first.
pub fn write_with(
    path: &Path,
    inputs: &Inputs,
    access: Access,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    if inputs.contains(path) {
        return Err(OutputError::WouldOverwriteInput {
            path: path.to_path_buf(),
        });
    }
    let target = match std::fs::symlink_metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
        Err(error) => return Err(io(path)(error)),
        Ok(metadata) if metadata.is_symlink() => match std::fs::metadata(path) {
            Err(_) => {
                return Err(OutputError::DanglingLink {
                    path: path.to_path_buf(),
                });
            }
            // The link stays; its target gets the report.
            Ok(target) if target.is_file() => std::fs::canonicalize(path).map_err(io(path))?,
            Ok(target) if target.is_dir() => {
                return Err(OutputError::IsDirectory {
                    path: path.to_path_buf(),
                });
            }
            Ok(_) => return write_through(path, fill),
        },
        Ok(metadata) if metadata.is_dir() => {
            return Err(OutputError::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        Ok(metadata) if !metadata.is_file() => return write_through(path, fill),
        Ok(_) => path.to_path_buf(),
    };
    replace(&target, access, fill)
}

/// A device, a pipe or a socket: opened and written, never replaced.
fn write_through(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .map_err(io(path))?;
    let mut out = std::io::BufWriter::new(file);
    fill(&mut out).and_then(|()| out.flush()).map_err(io(path))
}

/// A regular file (or none yet) at `target`, replaced through a temporary.
fn replace(
    target: &Path,
    access: Access,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let dir = parent_of(target);
    let name = target.file_name().ok_or_else(|| OutputError::IsDirectory {
        path: target.to_path_buf(),
    })?;
    let _lock = DirectoryLock::acquire(dir);
    let permissions = match access {
        // A replaced report keeps the permissions the user gave it.
        Access::Shared => std::fs::metadata(target)
            .ok()
            .filter(Metadata::is_file)
            .map(|m| m.permissions()),
        Access::Private => None,
    };
    let temporary = temporary_builder(access)
        .tempfile_in(dir)
        .map_err(io(target))?;
    let mut out = std::io::BufWriter::new(temporary);
    fill(&mut out)
        .and_then(|()| out.flush())
        .map_err(io(target))?;
    let temporary = out.into_inner().map_err(|e| io(target)(e.into_error()))?;
    temporary.as_file().sync_all().map_err(io(target))?;
    if let Some(permissions) = permissions {
        temporary
            .as_file()
            .set_permissions(permissions)
            .map_err(io(target))?;
    }
    temporary
        .persist(dir.join(name))
        .map_err(|error| io(target)(error.error))?;
    Ok(())
}

fn temporary_builder(access: Access) -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match access {
            Access::Shared => 0o666,
            Access::Private => 0o600,
        };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = access;
    builder
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A directory of temporaries, filled and then moved into place file by file:
/// the batch of reports. Made inside the directory it fills, so every move is a
/// rename on one file system.
pub struct Staging {
    dir: tempfile::TempDir,
}

impl Staging {
    pub fn new_in(dir: &Path) -> Result<Staging, OutputError> {
        let dir = tempfile::Builder::new()
            .prefix(TEMPORARY_PREFIX)
            .suffix(TEMPORARY_SUFFIX)
            .tempdir_in(dir)
            .map_err(io(dir))?;
        Ok(Staging { dir })
    }

    /// Writes one file of the batch into the staging directory.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.dir.path().join(name);
        let mut file = File::create_new(&path).map_err(io(&path))?;
        file.write_all(bytes).map_err(io(&path))?;
        file.sync_all().map_err(io(&path))
    }

    /// Moves the staged file `name` to `target`, replacing what is there.
    pub fn publish(&self, name: &str, target: &Path) -> Result<(), OutputError> {
        std::fs::rename(self.dir.path().join(name), target).map_err(io(target))
    }
}

/// An advisory lock on a directory while this process has temporaries in it.
/// Whoever holds it first removes the temporaries of runs that died, which by
/// then can hold it no longer. Where a directory cannot be locked, nothing is
/// cleaned and writing goes on.
pub struct DirectoryLock {
    _handle: Option<File>,
}

impl DirectoryLock {
    pub fn acquire(dir: &Path) -> DirectoryLock {
        let handle = File::open(dir).ok().filter(|handle| handle.lock().is_ok());
        if handle.is_some() {
            remove_stale_temporaries(dir);
        }
        DirectoryLock { _handle: handle }
    }
}

/// Removes what killed runs left in `dir`: only entries named as this module
/// names its temporaries, and never through a link.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMPORARY_PREFIX) && name.ends_with(TEMPORARY_SUFFIX)) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let _ = if kind.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            std::fs::remove_file(entry.path())
        };
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_planted_at_a_guessable_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        // Names an older writer used: the report's name with the process id.
        let pid = std::process::id();
        for planted in [
            format!(".report.txt.{pid}.tmp"),
            format!("report.{pid}.tmp"),
        ] {
            symlink(&victim, dir.path().join(planted)).unwrap();
        }
        let report = dir.path().join("report.txt");
        write_whole(&report, b"report", &Inputs::default(), Access::Shared).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&report).unwrap(), "report");
    }

    #[test]
    fn a_link_keeps_pointing_at_its_target_which_gets_the_report() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.txt");
        symlink(&target, &link).unwrap();
        write_whole(&link, b"new", &Inputs::default(), Access::Shared).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn an_input_is_never_written_over_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("draft.md");
        std::fs::write(&draft, "draft").unwrap();
        let link = dir.path().join("other-name.md");
        symlink(&draft, &link).unwrap();
        let inputs = Inputs::of([draft.as_path()]);
        for path in [&draft, &link] {
            let error = write_whole(path, b"report", &inputs, Access::Shared).unwrap_err();
            assert!(matches!(error, OutputError::WouldOverwriteInput { .. }));
        }
        assert_eq!(std::fs::read_to_string(&draft).unwrap(), "draft");
    }

    #[test]
    fn temporaries_of_a_killed_run_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let stale_file = dir.path().join(".claimcheck-abc123.tmp");
        let stale_dir = dir.path().join(".claimcheck-def456.tmp");
        let kept = dir.path().join("notes.tmp");
        std::fs::write(&stale_file, "half a report").unwrap();
        std::fs::create_dir(&stale_dir).unwrap();
        std::fs::write(stale_dir.join("a.html"), "x").unwrap();
        std::fs::write(&kept, "mine").unwrap();
        write_whole(
            &dir.path().join("report.txt"),
            b"r",
            &Inputs::default(),
            Access::Shared,
        )
        .unwrap();
        assert!(!stale_file.exists() && !stale_dir.exists());
        assert!(kept.exists());
    }

    #[test]
    fn private_files_are_for_their_owner_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache.bin");
        write_whole(&file, b"c", &Inputs::default(), Access::Private).unwrap();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
