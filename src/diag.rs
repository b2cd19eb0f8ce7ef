//! Diagnostics: what a reader could not read, what a writer could not carry.

use crate::model::Field;
use serde::Serialize;
use std::fmt;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was guessed or left in the note; the record is written.
    Warning,
    /// The input could not be read at all.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One message about one reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Line of the input (1-based; 0 when unknown).
    pub line: usize,
    /// Warning or error.
    pub severity: Severity,
    /// The field concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
    /// What happened, in words.
    pub message: String,
}

impl Diagnostic {
    /// A warning about a field.
    pub fn warning(line: usize, field: Option<Field>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            line,
            severity: Severity::Warning,
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.severity)?;
        if let Some(field) = self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}
