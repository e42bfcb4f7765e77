//! Which paths name the same file (device and inode on Unix, the canonical
//! path elsewhere), so that a file given twice as an input is noticed and
//! an output that is one of the run's own files is refused (`cmd::output`).

use std::path::Path;
#[cfg(not(unix))]
use std::path::PathBuf;

/// The identity of a regular file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileId {
    #[cfg(unix)]
    id: (u64, u64),
    #[cfg(not(unix))]
    id: PathBuf,
}

impl FileId {
    /// The identity of `path` when it is a regular file (symlinks
    /// followed); `None` for a device, a FIFO, a directory, `-` or a path
    /// that does not exist.
    pub fn of(path: &Path) -> Option<FileId> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        Some(Self::from_meta(path, &meta))
    }

    /// The identity of `path` when reading it and writing it would touch
    /// the same data: a regular file or a FIFO (symlinks followed); `None`
    /// for a device (`/dev/null` may be read and written at once), a
    /// directory, `-` or a path that does not exist.
    pub fn of_data(path: &Path) -> Option<FileId> {
        let meta = std::fs::metadata(path).ok()?;
        if !(meta.is_file() || is_fifo(&meta)) {
            return None;
        }
        Some(Self::from_meta(path, &meta))
    }

    /// The identity of the standard input when it is a regular file or a
    /// FIFO (`lexiscope annotate - < posts.csv`).
    pub fn of_stdin() -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
            let meta = std::fs::File::from(fd).metadata().ok()?;
            if !(meta.is_file() || is_fifo(&meta)) {
                return None;
            }
            Some(Self::from_meta(Path::new("-"), &meta))
        }
        #[cfg(not(unix))]
        None
    }

    #[cfg(unix)]
    fn from_meta(_path: &Path, meta: &std::fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId {
            id: (meta.dev(), meta.ino()),
        }
    }

    #[cfg(not(unix))]
    fn from_meta(path: &Path, _meta: &std::fs::Metadata) -> FileId {
        FileId {
            id: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        }
    }
}

#[cfg(unix)]
fn is_fifo(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_meta: &std::fs::Metadata) -> bool {
    false
}

/// The pairs of paths in `paths` that name the same regular file: each
/// later path with the first path of its file.
pub fn repeated<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, &'a str)> {
    let mut seen: Vec<(FileId, &str)> = Vec::new();
    let mut pairs = Vec::new();
    for path in paths {
        let Some(id) = FileId::of(Path::new(path)) else {
            continue;
        };
        match seen.iter().find(|(s, _)| *s == id) {
            Some((_, first)) => pairs.push((*first, path)),
            None => seen.push((id, path)),
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_file_under_two_names_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(&a, "text\nhola\n").unwrap();
        std::fs::write(&b, "text\nhola\n").unwrap();
        let a_again = dir.path().join(".").join("a.csv");
        let (a, b, a_again) = (
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            a_again.to_str().unwrap(),
        );
        assert_eq!(repeated([a, b, a_again, "-"]), vec![(a, a_again)]);
        assert_eq!(FileId::of(Path::new(a)), FileId::of(Path::new(a_again)));
        assert_ne!(FileId::of(Path::new(a)), FileId::of(Path::new(b)));
        assert_eq!(FileId::of(dir.path()), None);
    }
}
