//! The publication table every export renders: a title, column headers, section and category
//! rows that span the table, body rows whose cells hold paragraphs of styled runs, and footnotes.

/// A stretch of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }
    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: true,
        }
    }
}

/// One paragraph of a cell or a footnote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub runs: Vec<Run>,
}

impl Paragraph {
    pub fn new(runs: Vec<Run>) -> Paragraph {
        Paragraph { runs }
    }
    pub fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph {
            runs: vec![Run::plain(text)],
        }
    }
    pub fn bold(text: impl Into<String>) -> Paragraph {
        Paragraph {
            runs: vec![Run::bold(text)],
        }
    }
    pub fn italic(text: impl Into<String>) -> Paragraph {
        Paragraph {
            runs: vec![Run::italic(text)],
        }
    }
    /// The words without their styles.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A body cell: zero or more paragraphs (a theme's quotes are one paragraph each).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub paragraphs: Vec<Paragraph>,
}

impl Cell {
    pub fn empty() -> Cell {
        Cell::default()
    }
    /// One plain paragraph (none when `text` is empty).
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            return Cell::empty();
        }
        Cell {
            paragraphs: vec![Paragraph::plain(text)],
        }
    }
    pub fn bold(text: impl Into<String>) -> Cell {
        Cell {
            paragraphs: vec![Paragraph::bold(text)],
        }
    }
    /// One plain paragraph per item.
    pub fn paragraphs<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Cell {
        Cell {
            paragraphs: items.into_iter().map(Paragraph::plain).collect(),
        }
    }
    pub fn styled(paragraphs: Vec<Paragraph>) -> Cell {
        Cell { paragraphs }
    }
    /// Each paragraph's words, without styles.
    pub fn texts(&self) -> Vec<String> {
        self.paragraphs.iter().map(Paragraph::text).collect()
    }
}

/// How a column's cells sit: words read best left-aligned, numbers right-aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// A column: its header and its share of the table's width (weights are relative).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub width: f64,
    pub align: Align,
}

/// A row of the table.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// Spans the table, bold: a respondent group ("Mentee response").
    Section(String),
    /// Spans the table, italic: a grouping of rows ("Benefits", "Areas for improvement").
    Category(String),
    /// One cell per column (missing cells render empty, extra cells are dropped).
    Body(Vec<Cell>),
}

/// A table as a paper prints it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// "Table 3": printed bold before the title (LaTeX numbers its captions itself).
    pub label: Option<String>,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Printed under the table, one paragraph each.
    pub footnotes: Vec<Paragraph>,
}

impl Table {
    pub fn new(title: impl Into<String>) -> Table {
        Table {
            title: title.into(),
            ..Table::default()
        }
    }
    pub fn label(mut self, label: impl Into<String>) -> Table {
        self.label = Some(label.into());
        self
    }
    /// Adds a column with a relative `width` (any positive scale; they are normalised).
    pub fn column(mut self, header: impl Into<String>, width: f64, align: Align) -> Table {
        self.columns.push(Column {
            header: header.into(),
            width,
            align,
        });
        self
    }
    pub fn section(&mut self, title: impl Into<String>) {
        self.rows.push(Row::Section(title.into()));
    }
    pub fn category(&mut self, title: impl Into<String>) {
        self.rows.push(Row::Category(title.into()));
    }
    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row::Body(cells));
    }
    pub fn footnote(&mut self, note: Paragraph) {
        self.footnotes.push(note);
    }

    /// Each column's share of the width, summing to 1 (a weight that is not a positive number
    /// counts as 1).
    pub fn shares(&self) -> Vec<f64> {
        let weights: Vec<f64> = self
            .columns
            .iter()
            .map(|c| {
                if c.width.is_finite() && c.width > 0.0 {
                    c.width
                } else {
                    1.0
                }
            })
            .collect();
        let sum: f64 = weights.iter().sum();
        weights.iter().map(|w| w / sum).collect()
    }

    /// The body cells of a row fitted to the columns: padded with empty cells, extras dropped.
    pub fn fitted<'a>(&self, cells: &'a [Cell]) -> Vec<&'a Cell> {
        static EMPTY: Cell = Cell {
            paragraphs: Vec::new(),
        };
        (0..self.columns.len())
            .map(|i| cells.get(i).unwrap_or(&EMPTY))
            .collect()
    }

    /// The caption line: "Table 3. Title" (or either part alone).
    pub fn caption(&self) -> String {
        match &self.label {
            Some(l) if self.title.is_empty() => l.clone(),
            Some(l) => format!("{}. {}", l.trim_end_matches('.'), self.title),
            None => self.title.clone(),
        }
    }

    /// Whether any spanning rows exist (CSV adds section/category columns for them).
    pub fn has_spanning_rows(&self) -> bool {
        self.rows.iter().any(|r| !matches!(r, Row::Body(_)))
    }
}
