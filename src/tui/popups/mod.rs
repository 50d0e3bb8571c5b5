//! Popups over the screens: help, questions, the command line, memos, pickers, the first-run
//! coder prompt. Each popup takes the keys while it is open (`update.rs` here) and answers with
//! an `Action`, never by calling a screen.

pub mod update;
pub mod view;

use super::action::Action;
use super::keymap::Context;
use super::screens::codebook::form::CodeForm;
use super::screens::search::state::Preview;
use super::widgets::input::LineInput;
use crate::coding::Span;
use crate::project::Project;
use std::rc::Rc;

/// What a memo is written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoTarget {
    Unit,
    Coding { code: String, span: Span },
}

/// A choice from a list; the screen that opens it says what the choice becomes.
#[derive(Clone)]
pub struct Picker {
    pub title: String,
    pub filter: LineInput,
    /// (label, value)
    pub items: Vec<(String, String)>,
    pub pos: usize,
    /// The action the chosen value becomes.
    pub choose: Rc<dyn Fn(String) -> Action>,
}

impl std::fmt::Debug for Picker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Picker({:?}, {} items)", self.title, self.items.len())
    }
}

impl Picker {
    pub fn new(
        title: impl Into<String>,
        items: Vec<(String, String)>,
        pos: usize,
        choose: impl Fn(String) -> Action + 'static,
    ) -> Picker {
        Picker {
            title: title.into(),
            filter: LineInput::new(""),
            items,
            pos,
            choose: Rc::new(choose),
        }
    }

    pub fn visible(&self) -> Vec<&(String, String)> {
        let f = self.filter.value().to_lowercase();
        self.items
            .iter()
            .filter(|(l, _)| l.to_lowercase().contains(&f))
            .collect()
    }
}

/// A line of text to type; the screen that opens it says what the answer becomes.
#[derive(Clone)]
pub struct Prompt {
    pub title: String,
    pub hint: String,
    pub input: LineInput,
    pub answer: Rc<dyn Fn(String) -> Action>,
}

impl std::fmt::Debug for Prompt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Prompt({:?})", self.title)
    }
}

impl Prompt {
    pub fn new(
        title: impl Into<String>,
        hint: impl Into<String>,
        value: &str,
        answer: impl Fn(String) -> Action + 'static,
    ) -> Prompt {
        Prompt {
            title: title.into(),
            hint: hint.into(),
            input: LineInput::new(value),
            answer: Rc::new(answer),
        }
    }
}

#[derive(Debug)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// A yes/no question; yes is the action `yes`.
    Confirm {
        title: &'static str,
        question: String,
        yes: Box<Action>,
    },
    Command(LineInput),
    Goto(LineInput),
    CoderPrompt {
        input: LineInput,
        known: Vec<String>,
    },
    MemoChoice {
        unit: String,
        options: Vec<(String, MemoTarget)>,
        pos: usize,
    },
    Memo {
        unit: String,
        target: MemoTarget,
        input: LineInput,
    },
    Picker(Picker),
    Form(Box<CodeForm>),
    /// Press the key to assign to a code.
    KeyPrompt {
        code: String,
    },
    /// The units a search's code-all would code, before anything is written.
    CodeAll(Box<Preview>),
    /// A line of text for a screen (a theme's name, its codes, a file name).
    Prompt(Prompt),
}

impl Popup {
    pub fn context(&self) -> Context {
        match self {
            Popup::Help { .. } => Context::Help,
            Popup::Confirm { .. } => Context::Confirm,
            Popup::MemoChoice { .. } => Context::List,
            Popup::CodeAll(_) => Context::Preview,
            _ => Context::Input,
        }
    }
}

pub fn coder_prompt(p: &Project) -> Popup {
    Popup::CoderPrompt {
        input: LineInput::new(""),
        known: p.coders().unwrap_or_default(),
    }
}
