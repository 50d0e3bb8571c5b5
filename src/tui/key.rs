//! Keys as the TUI sees them: our own small type, parsed from strings like `ctrl-r` or `<enter>`
//! (config files and tests) and converted from terminal events.

use ratatui::crossterm::event::{KeyCode as CtKey, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// A key with its Ctrl/Alt modifiers. Shift is folded into the character (`S`, not `shift-s`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: Code,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn new(code: Code) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::new(Code::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: Code::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The plain character this key types, if any.
    pub fn plain_char(&self) -> Option<char> {
        match self.code {
            Code::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// From a terminal key event; `None` for key releases and keys we do not use.
    pub fn from_event(ev: KeyEvent) -> Option<Key> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let code = match ev.code {
            CtKey::Char(c) => Code::Char(c),
            CtKey::Enter => Code::Enter,
            CtKey::Esc => Code::Esc,
            CtKey::Tab => Code::Tab,
            CtKey::BackTab => Code::BackTab,
            CtKey::Backspace => Code::Backspace,
            CtKey::Delete => Code::Delete,
            CtKey::Up => Code::Up,
            CtKey::Down => Code::Down,
            CtKey::Left => Code::Left,
            CtKey::Right => Code::Right,
            CtKey::Home => Code::Home,
            CtKey::End => Code::End,
            CtKey::PageUp => Code::PageUp,
            CtKey::PageDown => Code::PageDown,
            CtKey::F(n) => Code::F(n),
            _ => return None,
        };
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        // Ctrl-J arrives as a newline in some terminals; keep it as ctrl-j.
        Some(Key { code, ctrl, alt })
    }

    /// Parse one key: `a`, `S`, `ctrl-r`, `alt-enter`, `enter`, `space`, `f1`, `pgdn`…
    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && (lower.starts_with("ctrl-") || lower.starts_with("c-")) {
                ctrl = true;
                rest = &rest[rest.find('-').map_or(0, |i| i + 1)..];
            } else if rest.chars().count() > 2
                && (lower.starts_with("alt-") || lower.starts_with("a-"))
            {
                alt = true;
                rest = &rest[rest.find('-').map_or(0, |i| i + 1)..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => Code::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "cr" | "return" => Code::Enter,
                "esc" | "escape" => Code::Esc,
                "tab" => Code::Tab,
                "backtab" | "s-tab" | "shift-tab" => Code::BackTab,
                "bs" | "backspace" => Code::Backspace,
                "del" | "delete" => Code::Delete,
                "up" => Code::Up,
                "down" => Code::Down,
                "left" => Code::Left,
                "right" => Code::Right,
                "home" => Code::Home,
                "end" => Code::End,
                "pgup" | "pageup" => Code::PageUp,
                "pgdn" | "pagedown" => Code::PageDown,
                "space" => Code::Char(' '),
                "lt" => Code::Char('<'),
                f if f.starts_with('f') => Code::F(f[1..].parse().ok()?),
                _ => return None,
            },
        };
        Some(Key { code, ctrl, alt })
    }
}

/// Parse a key string as a test or a user types it: plain characters are keys, `<…>` names one
/// key (`<enter>`, `<c-r>`, `<space>`, `<lt>` for `<`).
pub fn parse_keys(s: &str) -> Vec<Key> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<' {
            let mut name = String::new();
            let mut closed = false;
            for n in chars.by_ref() {
                if n == '>' {
                    closed = true;
                    break;
                }
                name.push(n);
            }
            match (closed, Key::parse(&name)) {
                (true, Some(k)) => out.push(k),
                _ => {
                    out.push(Key::ch('<'));
                    out.extend(name.chars().map(Key::ch));
                    if closed {
                        out.push(Key::ch('>'));
                    }
                }
            }
        } else {
            out.push(Key::ch(c));
        }
    }
    out
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            Code::Char(' ') => f.write_str("Space"),
            Code::Char(c) => write!(f, "{c}"),
            Code::Enter => f.write_str("Enter"),
            Code::Esc => f.write_str("Esc"),
            Code::Tab => f.write_str("Tab"),
            Code::BackTab => f.write_str("Shift-Tab"),
            Code::Backspace => f.write_str("Backspace"),
            Code::Delete => f.write_str("Del"),
            Code::Up => f.write_str("↑"),
            Code::Down => f.write_str("↓"),
            Code::Left => f.write_str("←"),
            Code::Right => f.write_str("→"),
            Code::Home => f.write_str("Home"),
            Code::End => f.write_str("End"),
            Code::PageUp => f.write_str("PgUp"),
            Code::PageDown => f.write_str("PgDn"),
            Code::F(n) => write!(f, "F{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_strings_parse() {
        assert_eq!(Key::parse("ctrl-r"), Some(Key::ctrl('r')));
        assert_eq!(Key::parse("S"), Some(Key::ch('S')));
        assert_eq!(Key::parse("space"), Some(Key::ch(' ')));
        assert_eq!(Key::parse("f2"), Some(Key::new(Code::F(2))));
        assert_eq!(Key::parse("bogus"), None);
        let ks = parse_keys("j<enter>3<c-r><lt>x");
        assert_eq!(
            ks,
            vec![
                Key::ch('j'),
                Key::new(Code::Enter),
                Key::ch('3'),
                Key::ctrl('r'),
                Key::ch('<'),
                Key::ch('x')
            ]
        );
    }
}
