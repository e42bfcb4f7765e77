//! Where a command's output goes, and the one place every output is opened:
//!
//! - stdout (block-buffered) when no path is given or the path is `-`,
//!   through the terminal sanitizer (`cmd::terminal`) when it is one;
//! - a regular file, written through a temporary sibling and renamed into
//!   place at the end, so an interrupted or failed run leaves no
//!   half-written file (the temporary file is removed on SIGINT, SIGTERM
//!   and SIGHUP: `cmd::interrupt`);
//! - anything else that exists and is not a regular file (`/dev/null`, a
//!   FIFO, a terminal) is written in place: renaming over it would replace
//!   the device with a file (as root, `-o /dev/null` would destroy
//!   `/dev/null`);
//! - the standard streams by name (`/dev/stdout`, `/dev/stderr`,
//!   `/dev/fd/N`, `/proc/self/fd/N`) are the process's own streams, written
//!   in place whatever they point to (a file, a pipe), and `/dev/stdin` is
//!   refused; any other symlink is followed, so the file it points to is
//!   replaced and the link stays a link.
//!
//! Outputs are opened before the work, so an unwritable path fails first,
//! and an output that is one of the run's own files (an input, a lexicon,
//! a gold sheet, a tally, a baseline, the standard input when it is a file
//! or a FIFO; registered by `cmd::config` with [`reads`]) is refused before
//! anything is read, since writing it would destroy the data being read
//! (or, for a FIFO, wait for a reader that never comes).

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::interrupt::{add_pending, remove_pending};
use super::terminal::Printable;
use crate::error::{Error, Result};
use crate::source::file_id::FileId;

/// An output: stdout, a file renamed into place, or a device written in
/// place.
pub struct Output {
    target: Target,
}

enum Target {
    Stdout,
    Stderr,
    Replace(PathBuf, tempfile::NamedTempFile),
    InPlace(PathBuf, File),
}

/// The files this run reads: an output must not be one of them.
static READS: Mutex<Vec<(FileId, PathBuf)>> = Mutex::new(Vec::new());

/// Register files this run reads: regular files and FIFOs, and the
/// standard input for `-` when it is one (paths that do not exist, devices
/// and a builtin lexicon's name are ignored).
pub fn reads<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) {
    let Ok(mut reads) = READS.lock() else { return };
    for path in paths {
        let path = path.as_ref();
        let id = if path == Path::new("-") {
            FileId::of_stdin()
        } else {
            FileId::of_data(path)
        };
        if let Some(id) = id {
            let name = if path == Path::new("-") {
                PathBuf::from("the standard input")
            } else {
                path.to_path_buf()
            };
            reads.push((id, name));
        }
    }
}

/// Whether `path` is a file this run reads (see [`reads`]): such an output
/// is refused by [`Output::open`], with the message that says so.
pub fn is_read(path: &Path) -> bool {
    let Some(id) = FileId::of_data(path) else {
        return false;
    };
    READS
        .lock()
        .is_ok_and(|reads| reads.iter().any(|(r, _)| *r == id))
}

/// What a path names when it is one of the process's standard streams:
/// `Some(fd)` for `/dev/stdin|stdout|stderr`, `/dev/fd/N` and
/// `/proc/self/fd/N`.
fn stream_fd(path: &Path) -> Option<u32> {
    let s = path.to_str()?;
    match s {
        "/dev/stdin" => Some(0),
        "/dev/stdout" => Some(1),
        "/dev/stderr" => Some(2),
        _ => s
            .strip_prefix("/dev/fd/")
            .or_else(|| s.strip_prefix("/proc/self/fd/"))
            .and_then(|n| n.parse().ok()),
    }
}

impl Output {
    /// Open `path`, or stdout when `None` or `-`.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path.filter(|p| *p != Path::new("-")) else {
            return Ok(Output {
                target: Target::Stdout,
            });
        };
        match stream_fd(path) {
            Some(0) => {
                return Err(Error::Usage(format!(
                    "{}: is the standard input; give a file name for the output",
                    path.display()
                )));
            }
            Some(1) => {
                return Ok(Output {
                    target: Target::Stdout,
                });
            }
            Some(2) => {
                return Ok(Output {
                    target: Target::Stderr,
                });
            }
            _ => {}
        }
        // Follow a symlink, so that the file it names is replaced and the
        // link itself stays (a dangling link is replaced by the file).
        let resolved = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
            }
            _ => path.to_path_buf(),
        };
        if let Ok(meta) = std::fs::metadata(&resolved) {
            if meta.is_dir() {
                return Err(Error::Usage(format!(
                    "{}: is a directory; give a file name for the output",
                    path.display()
                )));
            }
            if let Some(id) = FileId::of_data(&resolved)
                && let Ok(reads) = READS.lock()
                && let Some((_, read)) = reads.iter().find(|(r, _)| *r == id)
            {
                let alias = if read != path {
                    format!(" (as {})", read.display())
                } else {
                    String::new()
                };
                return Err(Error::Usage(format!(
                    "{}: is also read by this run{alias}; writing it would destroy it, so give another output file",
                    path.display()
                )));
            }
            if !meta.is_file() || stream_fd(path).is_some() {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| Error::io(path, e))?;
                return Ok(Output {
                    target: Target::InPlace(path.to_path_buf(), file),
                });
            }
        }
        let dir = match resolved.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        // The file gets the mode a new file gets from any Unix tool (0666
        // less the umask: 0644 under umask 022), or keeps the mode of the
        // file it replaces; a temporary file alone would be 0600.
        let mut builder = tempfile::Builder::new();
        builder.prefix(".lexiscope-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
        if let Ok(meta) = std::fs::metadata(&resolved) {
            // Best effort: a file we may replace but not chmod keeps 0666 − umask.
            let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
        }
        add_pending(tmp.path());
        Ok(Output {
            target: Target::Replace(resolved, tmp),
        })
    }

    /// Open each path that is given.
    pub fn open_some(path: Option<&Path>) -> Result<Option<Output>> {
        path.map(|p| Output::open(Some(p))).transpose()
    }

    /// The name of the output in messages: its path, or `<stdout>`.
    pub fn name(&self) -> PathBuf {
        match &self.target {
            Target::Replace(path, _) | Target::InPlace(path, _) => path.clone(),
            Target::Stdout => PathBuf::from("<stdout>"),
            Target::Stderr => PathBuf::from("<stderr>"),
        }
    }

    /// Write with `f`, then commit (rename into place, or flush).
    pub fn write_with(
        self,
        f: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>,
    ) -> Result<()> {
        let name = self.name();
        self.try_write_with(|out| f(out).map_err(|e| Error::io(&name, e)))
    }

    /// Write with `f`, which may fail with any error (I/O errors of its
    /// writes named with [`Output::name`]), then commit.
    pub fn try_write_with(
        self,
        f: impl FnOnce(&mut (dyn Write + Send)) -> Result<()>,
    ) -> Result<()> {
        let name = self.name();
        match self.target {
            Target::Stdout => write_to(std::io::stdout(), &name, f),
            Target::Stderr => write_to(std::io::stderr(), &name, f),
            Target::InPlace(path, file) => write_to(file, &path, f),
            Target::Replace(path, tmp) => {
                let mut out = std::io::BufWriter::new(tmp.as_file());
                f(&mut out)?;
                out.flush().map_err(|e| Error::io(&path, e))?;
                drop(out);
                let tmp_path = tmp.path().to_path_buf();
                let result = tmp.persist(&path).map_err(|e| Error::io(&path, e.error));
                remove_pending(&tmp_path);
                result.map(|_| ())
            }
        }
    }
}

/// Write with `f` to a stream or device, block-buffered, through the
/// terminal sanitizer when it is a terminal.
fn write_to<W: Write + IsTerminal + Send>(
    w: W,
    name: &Path,
    f: impl FnOnce(&mut (dyn Write + Send)) -> Result<()>,
) -> Result<()> {
    let mut out: Box<dyn Write + Send> = if w.is_terminal() {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            Printable::new(w),
        ))
    } else {
        Box::new(std::io::BufWriter::with_capacity(1 << 16, w))
    };
    f(&mut out)?;
    out.flush().map_err(|e| Error::io(name, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tests of this module share the process's [`READS`]: a file one
    /// registered and then deleted could lend its inode to another's new
    /// file, so they run one at a time and forget what they registered.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

    fn serial() -> std::sync::MutexGuard<'static, ()> {
        ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn forget_reads() {
        READS.lock().unwrap().clear();
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_not_replaced() {
        let _serial = serial();
        let out = Output::open(Some(Path::new("/dev/null"))).unwrap();
        assert!(matches!(out.target, Target::InPlace(..)));
        out.write_with(|w| w.write_all(b"x")).unwrap();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null must stay a device");
    }

    #[test]
    fn a_file_this_run_reads_is_refused() {
        let _serial = serial();
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("posts.csv");
        std::fs::write(&input, "text\nhola\n").unwrap();
        reads([&input]);
        let err = Output::open(Some(&input)).err().unwrap();
        assert!(
            err.to_string().contains("is also read by this run"),
            "{err}"
        );
        // Another name for the same file is the same file.
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(Output::open(Some(&link)).is_err());
        }
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "text\nhola\n");
        assert!(Output::open(Some(&dir.path().join("out.csv"))).is_ok());
        forget_reads();
    }

    #[test]
    fn a_directory_is_refused_and_dash_is_stdout() {
        let _serial = serial();
        let dir = tempfile::tempdir().unwrap();
        assert!(Output::open(Some(dir.path())).is_err());
        assert!(matches!(
            Output::open(Some(Path::new("-"))).unwrap().target,
            Target::Stdout
        ));
    }

    #[cfg(unix)]
    #[test]
    fn the_standard_streams_by_name_are_the_streams_and_links_stay_links() {
        let _serial = serial();
        // `-o /dev/stderr` while stderr is a file must not rename a file
        // over the /dev/stderr link (as root it did).
        assert!(matches!(
            Output::open(Some(Path::new("/dev/stderr"))).unwrap().target,
            Target::Stderr
        ));
        assert!(matches!(
            Output::open(Some(Path::new("/dev/stdout"))).unwrap().target,
            Target::Stdout
        ));
        let err = Output::open(Some(Path::new("/dev/stdin"))).err().unwrap();
        assert!(err.to_string().contains("is the standard input"), "{err}");
        // Any other symlink: the file it points to is replaced, the link
        // stays a link.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.csv");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        Output::open(Some(&link))
            .unwrap()
            .write_with(|w| w.write_all(b"new"))
            .unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_this_run_reads_is_refused() {
        let _serial = serial();
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("in.fifo");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        reads([&fifo]);
        let err = Output::open(Some(&fifo)).err().unwrap();
        forget_reads();
        assert!(
            err.to_string().contains("is also read by this run"),
            "{err}"
        );
    }
}
