//! Output files that appear whole or not at all.
//!
//! [`Output::create`] writes a regular file through a temporary file in the
//! same directory (so the final `rename` cannot cross file systems), and
//! [`Output::commit`] flushes it, syncs it to disk when asked (`durable`)
//! and renames it over the target. An
//! output dropped without `commit` (an error, a failed input) removes its
//! temporary file: the target is never left half-written, and a file that
//! was there before is left as it was.
//!
//! Targets that are not regular files (`/dev/stdout`, `/dev/null`, a FIFO,
//! a terminal) cannot be renamed over; they are written directly. Standard
//! output is [`Output::stdout`].

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const BUFFER: usize = 128 * 1024;

/// Temporary files being written, for [`remove_temp_files`].
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file still being written. For a Ctrl-C
/// handler: a process ended by a signal runs no destructors, and would
/// leave `.refmill-*.tmp` files behind.
pub fn remove_temp_files() {
    if let Ok(mut live) = LIVE.lock() {
        for p in live.drain(..) {
            let _ = fs::remove_file(p);
        }
    }
}

/// Keeps a temporary file's path in [`LIVE`] while it exists.
struct Registered(Option<PathBuf>);

impl Registered {
    fn new(p: &Path) -> Registered {
        if let Ok(mut live) = LIVE.lock() {
            live.push(p.to_path_buf());
        }
        Registered(Some(p.to_path_buf()))
    }
    fn none() -> Registered {
        Registered(None)
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let (Some(p), Ok(mut live)) = (&self.0, LIVE.lock()) {
            live.retain(|q| q != p);
        }
    }
}

enum Sink {
    Discard,
    Stdout(io::StdoutLock<'static>),
    Temp(tempfile::NamedTempFile, Writeback),
    Direct(File),
}

/// Starts the disk writes of a temporary file as it grows, a few
/// megabytes at a time, so that the `fsync` of [`Output::commit`] finds
/// most of it written already instead of writing it all after the run
/// (20 ms for 57 MB of CSL-JSON). Only starts them (Linux's
/// `sync_file_range` with `SYNC_FILE_RANGE_WRITE`): writing never waits.
#[derive(Default)]
struct Writeback {
    /// Bytes written to the file.
    written: u64,
    /// Bytes whose disk write was started.
    started: u64,
}

/// How many bytes written start their disk write.
const WRITEBACK_CHUNK: u64 = 8 << 20;

impl Writeback {
    fn wrote(&mut self, f: &File, n: usize) {
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK_CHUNK {
            start_writeback(f, self.started, self.written - self.started);
            self.started = self.written;
        }
    }
}

#[cfg(target_os = "linux")]
fn start_writeback(f: &File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(offset), Ok(len)) = (i64::try_from(offset), i64::try_from(len)) else {
        return;
    };
    // SAFETY: a plain system call on an open file's descriptor, with no
    // memory passed; its failure only means the writes start later.
    unsafe {
        libc::sync_file_range(f.as_raw_fd(), offset, len, libc::SYNC_FILE_RANGE_WRITE);
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_f: &File, _offset: u64, _len: u64) {}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Discard => Ok(buf.len()),
            Sink::Stdout(s) => s.write(buf),
            Sink::Temp(t, w) => {
                let n = t.write(buf)?;
                w.wrote(t.as_file(), n);
                Ok(n)
            }
            Sink::Direct(f) => f.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Discard => Ok(()),
            Sink::Stdout(s) => s.write_all(buf),
            Sink::Temp(t, w) => {
                t.write_all(buf)?;
                w.wrote(t.as_file(), buf.len());
                Ok(())
            }
            Sink::Direct(f) => f.write_all(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Discard => Ok(()),
            Sink::Stdout(s) => s.flush(),
            Sink::Temp(t, _) => t.flush(),
            Sink::Direct(f) => f.flush(),
        }
    }
}

/// One output being written: standard output, or a file made atomic.
pub struct Output {
    inner: BufWriter<Sink>,
    target: Option<PathBuf>,
    // Dropped after `inner` (fields drop in order), i.e. after the
    // temporary file is removed or renamed.
    _registered: Registered,
}

impl Output {
    /// Buffered standard output.
    pub fn stdout() -> Output {
        Output {
            inner: BufWriter::with_capacity(BUFFER, Sink::Stdout(io::stdout().lock())),
            target: None,
            _registered: Registered::none(),
        }
    }

    /// An output that throws everything away.
    pub fn discard() -> Output {
        Output {
            inner: BufWriter::new(Sink::Discard),
            target: None,
            _registered: Registered::none(),
        }
    }

    /// Starts writing `path`: a temporary file next to it when `path` is a
    /// regular file or does not exist yet, else (a device, a FIFO) `path`
    /// itself. Missing parent directories are created when `create_dirs`
    /// (for `--out-dir`); else a missing directory is an error, as for
    /// any program's `-o`.
    pub fn create(path: &Path, create_dirs: bool) -> io::Result<Output> {
        // Through a symbolic link: write the file it points to, rather
        // than replace the link with a file.
        // (Not through a link, the entry's own metadata is the file's: one
        // `stat` a file, which a batch of small files pays for each.)
        let resolved;
        let (path, meta) = match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                resolved = fs::canonicalize(path)?;
                (resolved.as_path(), fs::metadata(&resolved).ok())
            }
            Ok(m) => (path, Some(m)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => (path, None),
            Err(_) => (path, fs::metadata(path).ok()),
        };
        if let Some(m) = &meta {
            if m.is_dir() {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "is a directory",
                ));
            }
            if !m.is_file() {
                let f = fs::OpenOptions::new().write(true).open(path)?;
                return Ok(Output {
                    inner: BufWriter::with_capacity(BUFFER, Sink::Direct(f)),
                    target: None,
                    _registered: Registered::none(),
                });
            }
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut b = tempfile::Builder::new();
        b.prefix(".refmill-").suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The mode a plain `File::create` would give (0666 less the
            // umask), or the mode of the file being replaced; a temporary
            // file alone would be 0600.
            let mode = meta.map_or(0o666, |m| m.permissions().mode() & 0o7777);
            b.permissions(fs::Permissions::from_mode(mode));
        }
        // The directory is made only when the file cannot be made in it
        // (in a batch it is there after the first file: no `mkdir` and
        // `stat` for each). When it cannot be made either, that is the
        // error, as when it was made first.
        let tmp = match b.tempfile_in(&dir) {
            Err(_) if create_dirs => {
                fs::create_dir_all(&dir)?;
                b.tempfile_in(&dir)?
            }
            r => r?,
        };
        Ok(Output {
            _registered: Registered::new(tmp.path()),
            inner: BufWriter::with_capacity(BUFFER, Sink::Temp(tmp, Writeback::default())),
            target: Some(path.to_path_buf()),
        })
    }

    /// Finishes the output: flushes it and, for a file, syncs it to disk
    /// (when `durable`) and renames it over the target.
    ///
    /// The CLI asks for durability for a single `-o` file (one `fsync`,
    /// nothing next to a conversion) but not for each file of an
    /// `--out-dir` batch, where an `fsync` per file made converting 989
    /// small lists 13 times slower (3.0 s instead of 0.23 s). Without it,
    /// a rename is still atomic for every reader; only a power loss right
    /// after the run could leave an empty file (ext4 at least flushes a
    /// file renamed over an existing one, so there a previous version is
    /// not replaced by an empty file).
    pub fn commit(self, durable: bool) -> io::Result<()> {
        let sink = self.inner.into_inner().map_err(|e| e.into_error())?;
        match sink {
            Sink::Discard => Ok(()),
            Sink::Stdout(mut s) => s.flush(),
            Sink::Direct(mut f) => f.flush(),
            Sink::Temp(tmp, _) => {
                if durable {
                    tmp.as_file().sync_all()?;
                }
                let target = self.target.unwrap_or_default();
                tmp.persist(&target).map(drop).map_err(|e| e.error)
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The identity of a file (device and inode on Unix; the canonical path
/// elsewhere), to tell whether an output would overwrite an input, also
/// through a link or another spelling of its path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileId(Id);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Id {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileId {
    /// The identity of an existing file; `None` when it does not exist.
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = fs::metadata(path).ok()?;
            Some(FileId(Id::Inode(m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            fs::canonicalize(path).ok().map(|p| FileId(Id::Path(p)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_renames_and_drop_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/out.txt");
        let mut o = Output::create(&target, true).unwrap();
        o.write_all(b"hello").unwrap();
        assert!(!target.exists());
        o.commit(true).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"hello");

        let mut o = Output::create(&target, true).unwrap();
        o.write_all(b"half").unwrap();
        drop(o);
        assert_eq!(fs::read(&target).unwrap(), b"hello");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["out.txt"]);
        assert!(Output::create(&dir.path().join("no/such/dir.txt"), false).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_not_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        Output::create(&target, true)
            .unwrap()
            .commit(false)
            .unwrap();
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600);
        assert_eq!(mode & 0o044, 0o044 & !umask_guess());
    }

    #[cfg(unix)]
    fn umask_guess() -> u32 {
        // Whatever the umask, a freshly created plain file shows it.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("probe");
        File::create(&p).unwrap();
        use std::os::unix::fs::PermissionsExt;
        0o666 & !fs::metadata(&p).unwrap().permissions().mode()
    }

    #[test]
    fn same_file_through_another_path() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        fs::write(&p, "x").unwrap();
        let other = dir.path().join(".").join("a.txt");
        assert_eq!(FileId::of(&p), FileId::of(&other));
        assert_eq!(FileId::of(&dir.path().join("none")), None);
    }
}
