//! A lint finding: plain data with where it is, which rule found it, what is wrong
//! and how to fix it.

use super::{Rule, Severity};
use serde::Serialize;
use serde_saphyr::Spanned;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: Rule,
    pub code: &'static str,
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// What to change to make the finding go away.
    pub fix: String,
}

impl Diagnostic {
    pub fn new(
        rule: Rule,
        file: &Path,
        (line, column): (usize, usize),
        message: String,
        fix: String,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            code: rule.code(),
            severity: rule.severity(),
            file: file.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
            message,
            fix,
        }
    }

    /// The same finding as a warning: shown, but the base still loads.
    pub fn as_warning(self) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..self
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A finding at the place `value` was written.
    pub fn at<T>(
        rule: Rule,
        file: &Path,
        value: &Spanned<T>,
        message: String,
        fix: String,
    ) -> Diagnostic {
        Diagnostic::new(rule, file, location(value), message, fix)
    }
}

/// The line and column where a value was written.
pub fn location<T>(value: &Spanned<T>) -> (usize, usize) {
    (
        value.referenced.line() as usize,
        value.referenced.column() as usize,
    )
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(
            f,
            "{}:{}:{}: {level}{} [{}]",
            self.file.display(),
            self.line,
            self.column,
            self.message,
            self.rule
        )?;
        if !self.fix.is_empty() {
            write!(f, "\n  fix: {}", self.fix)?;
        }
        Ok(())
    }
}
