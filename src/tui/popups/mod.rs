//! Popups over the screens: help, questions, the command line, memos, pickers, the first-run
//! coder prompt. Each popup takes the keys while it is open (`update.rs` here) and answers with
//! an `Action`, never by calling a screen.

pub mod messages;
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

/// A question answered with a line of text; the screen that asks says what the answer becomes.
#[derive(Clone)]
pub struct Ask {
    pub title: String,
    pub prompt: String,
    pub input: LineInput,
    pub answer: Rc<dyn Fn(String) -> Action>,
}

impl std::fmt::Debug for Ask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ask({:?})", self.title)
    }
}

impl Ask {
    pub fn new(
        title: impl Into<String>,
        prompt: impl Into<String>,
        value: &str,
        answer: impl Fn(String) -> Action + 'static,
    ) -> Ask {
        Ask {
            title: title.into(),
            prompt: prompt.into(),
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
    /// The session's messages in full; `scroll`: first line shown (`None`: the newest at the
    /// bottom).
    Messages {
        scroll: Option<usize>,
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
    /// A line of text for a screen (a decision's note, a custom set of codes, a theme's name, a
    /// file name).
    Ask(Ask),
    Form(Box<CodeForm>),
    /// Press the key to assign to a code.
    KeyPrompt {
        code: String,
    },
    /// The units a search's code-all would code, before anything is written.
    CodeAll(Box<Preview>),
}

impl Popup {
    pub fn context(&self) -> Context {
        match self {
            Popup::Help { .. } | Popup::Messages { .. } => Context::Help,
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
