//! One error type for the whole core; every message names the file, line and field it is about.

use std::path::{Path, PathBuf};

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An operating-system error on a named file.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// Bad input in a file the user gave us (or a project file): where, and what is wrong.
    #[error("{}", locate(file, *line, field.as_deref(), message))]
    Input {
        file: PathBuf,
        line: Option<usize>,
        field: Option<String>,
        message: String,
    },

    /// Another process holds the write lock.
    #[error("{}: {what} is open in another thematic process (pid file says {holder}); close it first", path.display())]
    Locked {
        path: PathBuf,
        what: String,
        holder: String,
    },

    /// Writing the command's report on stdout failed, after the command did its work.
    #[error("the command was carried out, but its output could not be written: {0}")]
    Output(std::io::Error),

    /// A request that cannot be done as asked (unknown code, unit, coder…).
    #[error("{0}")]
    User(String),
}

fn locate(file: &Path, line: Option<usize>, field: Option<&str>, message: &str) -> String {
    let mut s = file.display().to_string();
    if let Some(l) = line {
        s.push_str(&format!(":{l}"));
    }
    if let Some(f) = field {
        s.push_str(&format!(": field '{f}'"));
    }
    s.push_str(": ");
    s.push_str(message);
    s
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
    pub fn input(
        file: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Error::Input {
            file: file.into(),
            line,
            field: None,
            message: message.into(),
        }
    }
    pub fn field(
        file: impl Into<PathBuf>,
        line: Option<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Input {
            file: file.into(),
            line,
            field: Some(field.into()),
            message: message.into(),
        }
    }
    pub fn user(message: impl Into<String>) -> Self {
        Error::User(message.into())
    }
}

/// Attach a path to an io::Result.
pub trait IoContext<T> {
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|e| Error::io(path, e))
    }
}
