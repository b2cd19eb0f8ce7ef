//! refmill: APA reference lists to BibTeX, BibLaTeX, RIS, CSL-JSON and CSV.
//!
//! ```
//! use refmill::apa;
//! use refmill::write::{self, Format, WriteOptions};
//!
//! let list = "Glue, P., Medlicott, N., & McNaughton, N. (2017). Ketamine’s dose-related \
//!             effects on anxiety symptoms. Journal of Psychopharmacology, 31(10), 1302–1305. \
//!             https://doi.org/10.1177/0269881117705089";
//! let parsed = apa::parse_list(list);
//! assert_eq!(parsed.len(), 1);
//! let r = &parsed[0].reference;
//! assert_eq!(r.container_title.as_deref(), Some("Journal of Psychopharmacology"));
//! assert_eq!(r.doi.as_deref(), Some("10.1177/0269881117705089"));
//!
//! let records: Vec<_> = parsed.into_iter().map(|p| p.reference).collect();
//! let ris = write::to_string(Format::Ris, &WriteOptions::default(), &records);
//! assert!(ris.starts_with("TY  - JOUR"));
//! ```
//!
//! # Panics
//!
//! No input should make the library panic. `unwrap` and `expect` are not
//! used outside tests; an index or slice expression on data derived from
//! the input (text, tokens, byte offsets) either uses a checked form
//! (`get`, slice patterns, `split_once`, `split_at_checked`) or carries a
//! comment starting `// In bounds:` or `// Char boundary:` that says why it
//! holds. `scripts/check-panics.py` runs clippy's `indexing_slicing` and
//! `string_slice` lints (too noisy to turn on for good) and lists the sites
//! without such a comment. Behind that, `convert::parse_segment` catches a
//! parser panic and keeps the reference (as a `document` with its text in
//! the note, and a warning), the BibTeX reader catches a panic of the
//! `biblatex` crate per entry, and the fuzz targets in `fuzz/` look for what
//! review missed; the inputs they crashed on are replayed by `cargo test`.
#![warn(missing_docs)]

pub mod apa;
pub mod batch;
pub mod convert;
pub mod diag;
pub mod input;
pub mod model;
pub mod output;
pub mod read;
pub mod report;
mod swar;
pub mod write;

pub use diag::{Diagnostic, Severity};
pub use model::Reference;
