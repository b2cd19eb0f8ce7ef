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
pub mod write;

pub use diag::{Diagnostic, Severity};
pub use model::Reference;
