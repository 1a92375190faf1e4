//! Errors that stop a run: bad arguments, bad data files, output that cannot be written.
//!
//! A document that cannot be read is *not* an error here: it becomes a `status=error` row in
//! `documents.csv` (see `input`). Every error names the file and, where there is one, the line,
//! and prints as `file:line: message` so a user can jump straight to it.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, without the location.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The command line or a configuration value is invalid.
    Usage(String),
    /// An input path holds no document.
    NoInput(String),
    /// A gazetteer or rule file is malformed.
    Data(String),
    /// Reading or writing a file failed.
    Io(String),
}

/// An error that ends a run, with the file and line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<u64>,
}

impl Error {
    /// An error of `kind` with no location.
    pub fn new(kind: ErrorKind) -> Error {
        Error { kind, path: None, line: None }
    }

    /// A malformed data file (gazetteer, rules, gold table) at `path`, `line` (1-based).
    pub fn data(path: impl AsRef<Path>, line: Option<u64>, msg: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Data(msg.into()), path: Some(path.as_ref().to_path_buf()), line }
    }

    /// An I/O failure on `path`.
    pub fn io(path: impl AsRef<Path>, err: &std::io::Error) -> Error {
        Error { kind: ErrorKind::Io(err.to_string()), path: Some(path.as_ref().to_path_buf()), line: None }
    }

    /// A usage error (bad flag value, bad combination of flags).
    pub fn usage(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage(msg.into()))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file the error concerns, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line in [`Error::path`], if known.
    pub fn line(&self) -> Option<u64> {
        self.line
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        match &self.kind {
            ErrorKind::Usage(m) => write!(f, "{m}"),
            ErrorKind::NoInput(m) => write!(f, "{m}"),
            ErrorKind::Data(m) => write!(f, "{m}"),
            ErrorKind::Io(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Shorthand for results whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = Error::data("gazetteers/people.tsv", Some(7), "missing label");
        assert_eq!(e.to_string(), "gazetteers/people.tsv:7: missing label");
        let e = Error::usage("--jobs must be at least 1");
        assert_eq!(e.to_string(), "--jobs must be at least 1");
    }

    #[test]
    fn error_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Error>();
    }
}
