//! The codebook screen's data: the code form, the edits it asks for, and the messages that come
//! back to the screen (from the form, the pickers and the worker).

use crate::codebook::{Code, Codebook, NewCode};
use crate::tui::widgets::input::LineInput;

/// What comes back to the Codebook screen.
#[derive(Debug)]
pub enum Msg {
    /// The code form was confirmed.
    Submit(Box<CodeForm>),
    /// Start this edit (count the codings it touches, then ask).
    Ask(Edit),
    /// The codings the edit touches were counted (on the worker).
    Counted {
        edit: Edit,
        count: Result<usize, String>,
    },
    /// The question was answered yes: carry out the edit.
    Commit(Edit),
}

/// A change to the shared codebook.
#[derive(Debug, Clone)]
pub enum Edit {
    Add(NewCode),
    /// Replace every field of code `id` (a rename when the name changes).
    Update {
        id: String,
        fields: NewCode,
    },
    Merge {
        from: String,
        into: String,
    },
    /// `codings`: how many codings use it (counted before asking).
    Remove {
        id: String,
        codings: usize,
    },
    Restore {
        id: String,
    },
    SetKey {
        id: String,
        key: Option<String>,
    },
}

impl Edit {
    /// The code whose codings the edit touches (what the question counts).
    pub fn counted_code(&self) -> Option<&str> {
        match self {
            Edit::Update { id, .. } | Edit::Remove { id, .. } | Edit::Restore { id } => Some(id),
            Edit::Merge { from, .. } => Some(from),
            Edit::Add(_) | Edit::SetKey { .. } => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct CodeForm {
    /// `None`: a new code.
    pub id: Option<String>,
    pub fields: Vec<(&'static str, LineInput)>,
    pub focus: usize,
    /// Rename: only the name is shown.
    pub only_name: bool,
}

const LABELS: [&str; 9] = [
    "Name",
    "Key",
    "Colour",
    "Parent",
    "Exclusive children (yes/no)",
    "Description",
    "Inclusion",
    "Exclusion",
    "Example",
];

impl CodeForm {
    fn from_values(id: Option<String>, values: [String; 9]) -> CodeForm {
        let fields = LABELS
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, (l, v))| {
                (
                    *l,
                    if i >= 5 {
                        LineInput::multiline(&v)
                    } else {
                        LineInput::new(&v)
                    },
                )
            })
            .collect();
        CodeForm {
            id,
            fields,
            focus: 0,
            only_name: false,
        }
    }

    pub fn new_code(parent: Option<String>) -> CodeForm {
        let mut v: [String; 9] = Default::default();
        v[3] = parent.unwrap_or_default();
        v[4] = "no".into();
        CodeForm::from_values(None, v)
    }

    pub fn edit_code(cb: &Codebook, c: &Code) -> CodeForm {
        let parent = c
            .parent
            .as_deref()
            .and_then(|p| cb.get(p))
            .map(|p| p.name.clone())
            .unwrap_or_default();
        CodeForm::from_values(
            Some(c.id.clone()),
            [
                c.name.clone(),
                c.key.clone().unwrap_or_default(),
                c.colour.clone().unwrap_or_default(),
                parent,
                if c.exclusive { "yes" } else { "no" }.into(),
                c.description.clone(),
                c.inclusion.clone(),
                c.exclusion.clone(),
                c.example.clone(),
            ],
        )
    }

    fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(|(_, f)| f.value().trim().to_string())
            .unwrap_or_default()
    }

    pub fn fields(&self) -> Result<NewCode, String> {
        let opt = |s: String| Some(s).filter(|s| !s.is_empty());
        let colour = opt(self.value(2));
        if let Some(c) = &colour
            && c.parse::<ratatui::style::Color>().is_err()
        {
            return Err(format!(
                "'{c}' is not a colour: use a name (green, lightblue…) or #rrggbb"
            ));
        }
        let exclusive = match self.value(4).to_lowercase().as_str() {
            "yes" | "y" | "true" => true,
            "" | "no" | "n" | "false" => false,
            other => {
                return Err(format!(
                    "Exclusive children: answer yes or no, not '{other}'"
                ));
            }
        };
        Ok(NewCode {
            name: self.value(0),
            key: opt(self.value(1)),
            colour,
            parent: opt(self.value(3)),
            exclusive,
            description: self.value(5),
            inclusion: self.value(6),
            exclusion: self.value(7),
            example: self.value(8),
        })
    }
}
