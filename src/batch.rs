//! Which files to convert, and where each one's output goes.
//!
//! [`discover`] turns the command line's inputs into a list of
//! [`InputSpec`]s: `-` is standard input, a file is itself, and (in batch
//! or merge mode) a directory is every file under it, recursively, in
//! name order, filtered by `--glob` patterns, skipping hidden files and
//! directories and the output directory itself. Walking uses `walkdir`
//! and matching `globset` (both from the ripgrep family: well tested,
//! fast, and they handle symlink loops and odd file names, which a
//! hand-written walk tends not to).
//!
//! [`out_paths`] maps each input to `OUT/<relative path>` with the
//! format's extension, and refuses plans where two inputs would share an
//! output or an output would overwrite an input.

use crate::output::FileId;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A path (a file; a directory here is reported when read).
    File(PathBuf),
    /// A path that could not be listed while walking a directory.
    Unlistable(PathBuf, String),
}

/// One input to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSpec {
    /// Where to read it.
    pub source: Source,
    /// How messages name it: the path as given, or `<stdin>`.
    pub name: String,
    /// Its path relative to the directory it was found in (its file name
    /// when given directly): where its output goes under `--out-dir`.
    pub rel: PathBuf,
    /// Its size in bytes when known (for the progress bar).
    pub size: Option<u64>,
}

impl InputSpec {
    /// Standard input.
    pub fn stdin() -> InputSpec {
        InputSpec {
            source: Source::Stdin,
            name: "<stdin>".into(),
            rel: PathBuf::from("stdin"),
            size: None,
        }
    }

    /// A file given by path.
    pub fn file(path: impl Into<PathBuf>) -> InputSpec {
        let path = path.into();
        let rel = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
        InputSpec {
            name: path.display().to_string(),
            size: std::fs::metadata(&path).ok().map(|m| m.len()),
            source: Source::File(path),
            rel,
        }
    }
}

/// How to find inputs.
#[derive(Debug, Clone, Default)]
pub struct Discover {
    /// Expand directories into the files under them (batch or merge
    /// mode); otherwise a directory is an input that fails to read.
    pub expand_dirs: bool,
    /// Glob patterns a file found in a directory must match (any of
    /// them). A pattern without `/` matches the file name (`*.txt`), one
    /// with `/` the path relative to the directory (`2024/**/*.txt`).
    /// Files named on the command line are always taken.
    pub globs: Vec<String>,
    /// A directory not to descend into (the output directory).
    pub skip_dir: Option<PathBuf>,
    /// A file not to take from a directory (the merged output, which a
    /// second run would otherwise find among its inputs).
    pub skip_file: Option<PathBuf>,
}

/// A command line whose inputs cannot be planned.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// `-` twice.
    #[error("standard input (`-`) can be read only once")]
    StdinTwice,
    /// A pattern globset rejects.
    #[error("invalid --glob pattern `{pattern}`: {message}")]
    BadGlob {
        /// The pattern.
        pattern: String,
        /// Why.
        message: String,
    },
    /// `--out-dir` with standard input.
    #[error(
        "--out-dir writes one file per input file; standard input has no file name (use -o FILE)"
    )]
    StdinInOutDir,
    /// Two inputs would be written to one output.
    #[error("`{first}` and `{second}` would both be written to `{output}`")]
    Collision {
        /// One input.
        first: String,
        /// The other.
        second: String,
        /// The output both map to.
        output: String,
    },
    /// An output is also an input.
    #[error("output `{output}` is also an input: refusing to overwrite it{hint}")]
    OverwritesInput {
        /// The output path.
        output: String,
        /// Advice.
        hint: &'static str,
    },
}

struct Globs {
    names: GlobSet,
    paths: GlobSet,
    any: bool,
}

impl Globs {
    fn new(patterns: &[String]) -> Result<Globs, PlanError> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for p in patterns {
            let g = Glob::new(p).map_err(|e| PlanError::BadGlob {
                pattern: p.clone(),
                message: e.kind().to_string(),
            })?;
            if p.contains('/') {
                paths.add(g);
            } else {
                names.add(g);
            }
        }
        let build = |b: GlobSetBuilder| {
            b.build().map_err(|e| PlanError::BadGlob {
                pattern: patterns.join(" "),
                message: e.to_string(),
            })
        };
        Ok(Globs {
            names: build(names)?,
            paths: build(paths)?,
            any: !patterns.is_empty(),
        })
    }

    fn matches(&self, rel: &Path) -> bool {
        !self.any
            || rel.file_name().is_some_and(|n| self.names.is_match(n))
            || self.paths.is_match(rel)
    }
}

fn hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

/// The inputs named by `args` (no argument means standard input).
pub fn discover(args: &[PathBuf], how: &Discover) -> Result<Vec<InputSpec>, PlanError> {
    let globs = Globs::new(&how.globs)?;
    let skip = how.skip_dir.as_deref().and_then(FileId::of);
    let skip_file = how.skip_file.as_deref().and_then(FileId::of);
    let mut out = Vec::new();
    let mut stdin = false;
    if args.is_empty() {
        return Ok(vec![InputSpec::stdin()]);
    }
    for a in args {
        if a.as_os_str() == "-" {
            if stdin {
                return Err(PlanError::StdinTwice);
            }
            stdin = true;
            out.push(InputSpec::stdin());
            continue;
        }
        if !(how.expand_dirs && a.is_dir()) {
            out.push(InputSpec::file(a));
            continue;
        }
        let walk = WalkDir::new(a)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || (!hidden(e.file_name())
                        && (!e.file_type().is_dir()
                            || skip.is_none()
                            || FileId::of(e.path()) != skip))
            });
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) if skip_file.is_some() && FileId::of(e.path()) == skip_file => {}
                Ok(e) => {
                    let rel = e.path().strip_prefix(a).unwrap_or(e.path()).to_path_buf();
                    if globs.matches(&rel) {
                        out.push(InputSpec {
                            name: e.path().display().to_string(),
                            size: e.metadata().ok().map(|m| m.len()),
                            source: Source::File(e.path().to_path_buf()),
                            rel,
                        });
                    }
                }
                Err(err) => {
                    let path = err.path().unwrap_or(a).to_path_buf();
                    let message = err
                        .io_error()
                        .map(crate::input::io_message)
                        .unwrap_or_else(|| err.to_string());
                    out.push(InputSpec {
                        name: path.display().to_string(),
                        rel: path.strip_prefix(a).unwrap_or(&path).to_path_buf(),
                        source: Source::Unlistable(path, message),
                        size: None,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Identities of the inputs that are files.
fn input_ids(inputs: &[InputSpec]) -> HashSet<FileId> {
    inputs
        .iter()
        .filter_map(|i| match &i.source {
            Source::File(p) => FileId::of(p),
            _ => None,
        })
        .collect()
}

/// Refuses an output that is one of the inputs (also through a link).
pub fn check_output(output: &Path, inputs: &[InputSpec]) -> Result<(), PlanError> {
    match FileId::of(output) {
        Some(id) if input_ids(inputs).contains(&id) => Err(PlanError::OverwritesInput {
            output: output.display().to_string(),
            hint: "; choose another -o",
        }),
        _ => Ok(()),
    }
}

/// The output path of each input under `dir`, with extension `ext`.
pub fn out_paths(inputs: &[InputSpec], dir: &Path, ext: &str) -> Result<Vec<PathBuf>, PlanError> {
    let ids = input_ids(inputs);
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    let mut out = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        if input.source == Source::Stdin {
            return Err(PlanError::StdinInOutDir);
        }
        let path = dir.join(&input.rel).with_extension(ext);
        if let Some(&j) = seen.get(&path) {
            let first = inputs.get(j).map_or_else(String::new, |f| f.name.clone());
            return Err(PlanError::Collision {
                first,
                second: input.name.clone(),
                output: path.display().to_string(),
            });
        }
        if FileId::of(&path).is_some_and(|id| ids.contains(&id)) {
            return Err(PlanError::OverwritesInput {
                output: path.display().to_string(),
                hint: "; use another --out-dir or a --glob that leaves outputs out",
            });
        }
        seen.insert(path.clone(), i);
        out.push(path);
    }
    Ok(out)
}

impl fmt::Display for InputSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_filters_and_maps() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("in");
        fs::create_dir_all(root.join("sub/deeper")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "a.txt",
            "b.md",
            "sub/c.txt",
            "sub/deeper/d.txt",
            ".hidden.txt",
            ".git/x.txt",
        ] {
            fs::write(root.join(f), "x").unwrap();
        }
        let how = Discover {
            expand_dirs: true,
            globs: vec!["*.txt".into()],
            skip_dir: None,
            skip_file: None,
        };
        let found = discover(std::slice::from_ref(&root), &how).unwrap();
        let rels: Vec<_> = found
            .iter()
            .map(|i| i.rel.to_string_lossy().into_owned())
            .collect();
        assert_eq!(rels, vec!["a.txt", "sub/c.txt", "sub/deeper/d.txt"]);
        let outs = out_paths(&found, Path::new("/o"), "bib").unwrap();
        assert_eq!(outs[2], Path::new("/o/sub/deeper/d.bib"));

        let how = Discover {
            expand_dirs: true,
            globs: vec!["sub/**/*.txt".into()],
            skip_dir: Some(root.join("sub/deeper")),
            skip_file: Some(root.join("sub/c.txt")),
        };
        let found = discover(std::slice::from_ref(&root), &how).unwrap();
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn collisions_and_overwrites() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.txt");
        let b = d.path().join("a.md");
        fs::write(&a, "x").unwrap();
        fs::write(&b, "x").unwrap();
        let inputs = vec![InputSpec::file(&a), InputSpec::file(&b)];
        let e = out_paths(&inputs, d.path(), "bib").unwrap_err();
        assert!(matches!(e, PlanError::Collision { .. }), "{e}");
        let e = out_paths(&inputs[..1], d.path(), "txt").unwrap_err();
        assert!(matches!(e, PlanError::OverwritesInput { .. }), "{e}");
        assert!(check_output(&a, &inputs).is_err());
        assert!(check_output(&d.path().join("new.bib"), &inputs).is_ok());
        assert!(matches!(
            discover(&["-".into(), "-".into()], &Discover::default()),
            Err(PlanError::StdinTwice)
        ));
    }
}
