//! Reading and writing codebooks: JSON (ours), CSV and Markdown.

use super::{Code, Codebook, FORMAT, NewCode};
use crate::corpus::text;
use crate::error::{Error, IoContext, Result};
use std::path::Path;

const CSV_COLUMNS: [&str; 8] = [
    "id",
    "name",
    "description",
    "inclusion",
    "exclusion",
    "example",
    "key",
    "parent",
];

impl Codebook {
    /// Load a codebook file by extension: `.json` or `.csv`.
    pub fn load(path: &Path) -> Result<Codebook> {
        let bytes = std::fs::read(path).at(path)?;
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let cb = match ext.as_str() {
            "json" => Self::from_json(path, &bytes)?,
            "csv" => Self::from_csv(path, &bytes)?,
            "qdc" => {
                return Err(Error::input(
                    path,
                    None,
                    "REFI-QDA .qdc codebooks are not readable yet; use .json or .csv",
                ));
            }
            _ => {
                return Err(Error::input(
                    path,
                    None,
                    "unknown codebook format; use .json or .csv",
                ));
            }
        };
        cb.validate(path)?;
        Ok(cb)
    }

    pub fn from_json(path: &Path, bytes: &[u8]) -> Result<Codebook> {
        let s = text::decode(path, bytes)?;
        serde_json::from_str(&s)
            .map_err(|e| Error::input(path, Some(e.line()), format!("not a codebook: {e}")))
    }

    fn from_csv(path: &Path, bytes: &[u8]) -> Result<Codebook> {
        let s = text::decode(path, bytes)?;
        let mut r = csv::Reader::from_reader(s.as_bytes());
        let headers: Vec<String> = r
            .headers()
            .map_err(|e| Error::input(path, Some(1), e.to_string()))?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let col = |name: &str| headers.iter().position(|h| h == name);
        let Some(name_col) = col("name") else {
            return Err(Error::field(
                path,
                Some(1),
                "name",
                "a codebook CSV needs a 'name' column",
            ));
        };
        let mut cb = Codebook::default();
        let mut parents = Vec::new();
        for rec in r.records() {
            let rec = rec.map_err(|e| {
                Error::input(path, e.position().map(|p| p.line() as usize), e.to_string())
            })?;
            let line = rec.position().map_or(0, |p| p.line() as usize);
            let get = |c: &str| {
                col(c)
                    .and_then(|i| rec.get(i))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            let name = rec.get(name_col).unwrap_or("").trim().to_string();
            if name.is_empty() {
                return Err(Error::field(path, Some(line), "name", "empty code name"));
            }
            let key = Some(get("key")).filter(|k| !k.is_empty());
            let new = NewCode {
                name,
                description: get("description"),
                inclusion: get("inclusion"),
                exclusion: get("exclusion"),
                example: get("example"),
                key,
                ..Default::default()
            };
            let id = cb
                .add(new)
                .map_err(|e| Error::input(path, Some(line), e.to_string()))?;
            let wanted_id = get("id");
            if !wanted_id.is_empty()
                && cb.get(&wanted_id).is_none()
                && let Some(c) = cb.codes.iter_mut().find(|c| c.id == id)
            {
                c.id = wanted_id;
            }
            parents.push((cb.codes.len() - 1, get("parent"), line));
        }
        for (i, parent, line) in parents {
            if parent.is_empty() {
                continue;
            }
            let pid = cb.find(&parent).map(|p| p.id.clone()).ok_or_else(|| {
                Error::field(
                    path,
                    Some(line),
                    "parent",
                    format!("no code named '{parent}' in the file"),
                )
            })?;
            cb.codes[i].parent = Some(pid);
        }
        Ok(cb)
    }

    /// Write to `path` by extension: `.json`, `.csv` or `.md` (atomically).
    pub fn export(&self, path: &Path) -> Result<()> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let bytes = match ext.as_str() {
            "json" => {
                let mut v =
                    serde_json::to_vec_pretty(self).map_err(|e| Error::user(e.to_string()))?;
                v.push(b'\n');
                v
            }
            "csv" => self.to_csv()?.into_bytes(),
            "md" | "markdown" => self.to_markdown().into_bytes(),
            _ => {
                return Err(Error::input(
                    path,
                    None,
                    "unknown codebook format; use .json, .csv or .md",
                ));
            }
        };
        crate::files::atomic::write_atomic(path, &bytes)
    }

    pub fn to_csv(&self) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let io = |e: csv::Error| Error::user(e.to_string());
        w.write_record(CSV_COLUMNS).map_err(io)?;
        for c in self.active() {
            let parent = c
                .parent
                .as_deref()
                .and_then(|p| self.get(p))
                .map_or("", |p| p.name.as_str());
            w.write_record([
                c.id.as_str(),
                &c.name,
                &c.description,
                &c.inclusion,
                &c.exclusion,
                &c.example,
                c.key.as_deref().unwrap_or(""),
                parent,
            ])
            .map_err(io)?;
        }
        let bytes = w.into_inner().map_err(|e| Error::user(e.to_string()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// A readable codebook document: the tree as headings, each code's definition as a list.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "# {}\n\n",
            if self.name.is_empty() {
                "Codebook"
            } else {
                &self.name
            }
        );
        if !self.description.is_empty() {
            out.push_str(&format!("{}\n\n", self.description));
        }
        self.markdown_level(None, 2, &mut out);
        out
    }

    fn markdown_level(&self, parent: Option<&str>, depth: usize, out: &mut String) {
        for c in self.children(parent) {
            out.push_str(&format!("{} {}", "#".repeat(depth.min(6)), c.name));
            if let Some(k) = &c.key {
                out.push_str(&format!(" `[{k}]`"));
            }
            out.push_str("\n\n");
            if c.exclusive {
                out.push_str("*Sub-codes are mutually exclusive: one per unit.*\n\n");
            }
            let fields = [
                ("Description", &c.description),
                ("Include", &c.inclusion),
                ("Exclude", &c.exclusion),
                ("Example", &c.example),
            ];
            let mut any = false;
            for (label, v) in fields {
                if !v.is_empty() {
                    out.push_str(&format!("- **{label}:** {}\n", v.replace('\n', " ")));
                    any = true;
                }
            }
            if any {
                out.push('\n');
            }
            self.markdown_level(Some(&c.id), depth + 1, out);
        }
    }

    /// Merge another codebook into this one: codes with the same id (or name) take the other's
    /// definitions; new codes are added. Returns (added, updated).
    pub fn import_from(&mut self, other: &Codebook) -> Result<(usize, usize)> {
        let mut added = 0;
        let mut updated = 0;
        for c in &other.codes {
            let existing = self
                .codes
                .iter()
                .position(|x| x.id == c.id || x.name.eq_ignore_ascii_case(&c.name));
            match existing {
                Some(i) => {
                    let id = self.codes[i].id.clone();
                    self.codes[i] = Code { id, ..c.clone() };
                    updated += 1;
                }
                None => {
                    self.codes.push(c.clone());
                    added += 1;
                }
            }
        }
        if self.name.is_empty() {
            self.name = other.name.clone();
            self.description = other.description.clone();
        }
        self.format = FORMAT;
        Ok((added, updated))
    }
}
