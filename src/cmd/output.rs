//! Where a command's output goes: stdout (block-buffered), or a file
//! written through a temporary sibling and renamed at the end, so an
//! interrupted or failed run leaves no half-written file. Outputs are opened
//! before the work, so an unwritable path fails first.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::interrupt::{add_pending, remove_pending};
use crate::error::{Error, Result};

/// An output: stdout or a file.
pub struct Output {
    target: Option<(PathBuf, tempfile::NamedTempFile)>,
}

impl Output {
    /// Open `path`, or stdout when `None`.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path else {
            return Ok(Output { target: None });
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".lexiscope-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(path, e))?;
        add_pending(tmp.path());
        Ok(Output {
            target: Some((path.to_path_buf(), tmp)),
        })
    }

    /// Open each path that is given.
    pub fn open_some(path: Option<&Path>) -> Result<Option<Output>> {
        path.map(|p| Output::open(Some(p))).transpose()
    }

    /// The name of the output in messages: its path, or `<stdout>`.
    pub fn name(&self) -> PathBuf {
        match &self.target {
            Some((path, _)) => path.clone(),
            None => PathBuf::from("<stdout>"),
        }
    }

    /// Write with `f`, then commit (rename into place, or flush stdout).
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
            None => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
                f(&mut out)?;
                out.flush().map_err(|e| Error::io(&name, e))
            }
            Some((path, tmp)) => {
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
