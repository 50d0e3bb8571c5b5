//! The keymap: default bindings per context, user overrides from the config file, and the
//! lookup the app does for every key. The help screen is generated from it.

pub use super::context::Context;

use super::action::Command::{self, *};
use super::key::{Code, Key};
use std::collections::{BTreeMap, HashMap};

const fn k(c: char) -> Key {
    Key::ch(c)
}
const fn n(c: Code) -> Key {
    Key::new(c)
}

/// The default bindings. On the Coding screen commands use only keys no codebook may take
/// (h j k l q u r, capitals, symbols and special keys): every other letter and digit is free for
/// codes.
fn defaults() -> Vec<(Context, Key, Command)> {
    use Context as C;
    let mut v = vec![
        (C::Global, k('q'), Quit),
        (C::Global, Key::ctrl('c'), Quit),
        (C::Global, k('?'), Help),
        (C::Global, n(Code::F(1)), Help),
        (C::Global, k('L'), Messages),
        (C::Global, Key::ctrl('l'), Messages),
        (C::Global, k(':'), CommandLine),
        (C::Global, n(Code::Tab), NextScreen),
        (C::Global, n(Code::BackTab), PrevScreen),
        (C::Global, k('u'), Undo),
        (C::Global, k('r'), Redo),
        (C::Global, Key::ctrl('r'), Redo),
        (C::Global, n(Code::Esc), Cancel),
        (C::Global, n(Code::F(2)), ShowSources),
        (C::Global, n(Code::F(3)), ShowCoding),
        (C::Global, n(Code::F(4)), ShowCodebook),
        (C::Global, n(Code::F(5)), ShowAgreement),
        (C::Global, n(Code::F(6)), ShowSearch),
        (C::Global, Key::ctrl('f'), ShowSearch),
        (C::Global, n(Code::F(7)), ShowReconcile),
        (C::Global, n(Code::F(8)), ShowThemes),
        (C::Global, n(Code::F(9)), ShowCrosstab),
    ];
    let lists = [
        (k('k'), Up),
        (n(Code::Up), Up),
        (k('j'), Down),
        (n(Code::Down), Down),
        (n(Code::PageUp), PageUp),
        (n(Code::PageDown), PageDown),
        (n(Code::Home), Top),
        (k('g'), Top),
        (n(Code::End), Bottom),
        (k('G'), Bottom),
        (n(Code::Enter), Confirm),
    ];
    for ctx in [
        C::Sources,
        C::Codebook,
        C::Agreement,
        C::Reconcile,
        C::SearchResults,
        C::Themes,
        C::Likert,
        C::Crosstab,
        C::Import,
        C::Preview,
        C::Help,
        C::List,
    ] {
        for (key, cmd) in lists {
            v.push((ctx, key, cmd));
        }
    }
    for ctx in [
        C::Sources,
        C::Codebook,
        C::Agreement,
        C::SearchResults,
        C::Crosstab,
    ] {
        v.extend([
            (ctx, k('1'), ShowSources),
            (ctx, k('2'), ShowCoding),
            (ctx, k('3'), ShowCodebook),
            (ctx, k('4'), ShowAgreement),
            (ctx, k('5'), ShowSearch),
            (ctx, k('6'), ShowReconcile),
            (ctx, k('7'), ShowThemes),
            (ctx, k('8'), ShowCrosstab),
        ]);
    }
    v.extend([
        (C::Sources, k('h'), Left),
        (C::Sources, n(Code::Left), Left),
        (C::Sources, k('l'), Right),
        (C::Sources, n(Code::Right), Right),
        (C::Sources, k('c'), CycleStateFilter),
        (C::Sources, k('a'), FilterAttribute),
        (C::Sources, k('x'), ClearFilters),
        (C::Sources, k('/'), GotoUnit),
        (C::Sources, k('L'), ShowLikert),
        (C::Sources, k('i'), ShowImport),
        (C::ImportPath, n(Code::Tab), CompletePath),
        (C::ImportPath, n(Code::Enter), Confirm),
        (C::ImportPath, n(Code::Esc), Cancel),
        (C::ImportPath, n(Code::Up), Up),
        (C::ImportPath, n(Code::Down), Down),
        (C::Import, k('t'), CycleKind),
        (C::Import, k(' '), CycleColumnRole),
        (C::Import, k('r'), SetRole),
        (C::Import, k('a'), SetAttributes),
        (C::Import, k('m'), SetModerators),
        (C::Import, k('c'), SetCase),
        (C::Import, k('n'), SetSourceId),
        (C::Import, k('N'), ToggleNewCases),
        (C::Import, k('e'), EditPath),
        (C::Import, k('/'), EditPath),
        (C::Import, n(Code::Backspace), Cancel),
        (C::Likert, k('b'), CycleGroupBy),
        (C::Likert, k('c'), ToggleCollapse),
        (C::Likert, n(Code::Backspace), Cancel),
        (C::Coding, k('j'), NextUnit),
        (C::Coding, n(Code::Down), NextUnit),
        (C::Coding, k('k'), PrevUnit),
        (C::Coding, n(Code::Up), PrevUnit),
        (C::Coding, k(' '), ReviewNext),
        (C::Coding, n(Code::Enter), StartSelect),
        (C::Coding, k('l'), StartSelect),
        (C::Coding, n(Code::Right), StartSelect),
        (C::Coding, k('/'), FilterPalette),
        (C::Coding, k('I'), ToggleDefinition),
        (C::Coding, k('['), PaletteUp),
        (C::Coding, k(']'), PaletteDown),
        (C::Coding, k('M'), Memo),
        (C::Coding, k('U'), Unreview),
        (C::Coding, k('S'), ShowSearch),
        (C::Coding, n(Code::PageUp), ScrollUp),
        (C::Coding, n(Code::PageDown), ScrollDown),
        (C::Select, n(Code::Right), ExtendRight),
        (C::Select, k('l'), ExtendRight),
        (C::Select, n(Code::Left), ExtendLeft),
        (C::Select, k('h'), ExtendLeft),
        (C::Select, k('w'), ExtendWordRight),
        (C::Select, k('b'), ExtendWordLeft),
        (C::Select, k('s'), ExtendSentenceRight),
        (C::Select, k('S'), ExtendSentenceLeft),
        (C::Select, n(Code::Home), ExtendHome),
        (C::Select, k('^'), ExtendHome),
        (C::Select, n(Code::End), ExtendEnd),
        (C::Select, k('$'), ExtendEnd),
        (C::Select, k(' '), Anchor),
        (C::Select, k('v'), Anchor),
        (C::Select, k('o'), SwapEnds),
        (C::Select, k('c'), NextCodedSpan),
        (C::Select, n(Code::Enter), CodeSelection),
        (C::Select, k('M'), Memo),
        (C::Select, k('q'), Cancel),
        (C::Select, n(Code::PageUp), ScrollUp),
        (C::Select, n(Code::PageDown), ScrollDown),
        (C::Pick, k('/'), FilterPalette),
        (C::Palette, n(Code::Up), Up),
        (C::Palette, n(Code::Down), Down),
        (C::Palette, n(Code::Enter), Confirm),
        (C::Codebook, k('a'), AddCode),
        (C::Codebook, k('A'), AddSubCode),
        (C::Codebook, k('e'), EditCode),
        (C::Codebook, k('n'), RenameCode),
        (C::Codebook, k('m'), MergeCode),
        (C::Codebook, k('d'), RemoveCode),
        (C::Codebook, k('R'), RestoreCode),
        (C::Codebook, k('s'), SetKey),
        (C::Codebook, k('J'), ScrollDown),
        (C::Codebook, k('K'), ScrollUp),
        (C::Agreement, k('s'), CycleSort),
        (C::Agreement, k('o'), ReverseSort),
        (C::Agreement, k('l'), ToggleLevel),
        (C::Agreement, k('c'), ChooseCoders),
        (C::Agreement, k('R'), Recompute),
        (C::Agreement, n(Code::Backspace), Cancel),
        (C::Agreement, k('r'), ReconcileCode),
        (C::Reconcile, k('a'), TakeA),
        (C::Reconcile, k('b'), TakeB),
        (C::Reconcile, k('u'), TakeUnion),
        (C::Reconcile, k('i'), TakeIntersection),
        (C::Reconcile, k('n'), TakeNone),
        (C::Reconcile, k('e'), CustomDecision),
        (C::Reconcile, k('m'), DecisionNote),
        (C::Reconcile, k('z'), UndoDecision),
        (C::Reconcile, k(' '), NextOpen),
        (C::Reconcile, k('d'), ToggleDefinition),
        (C::Reconcile, k('E'), EditDefinition),
        (C::Reconcile, k('o'), CycleOrder),
        (C::Reconcile, k('f'), FilterCode),
        (C::Reconcile, k('R'), Recompute),
        (C::Reconcile, k('1'), ShowSources),
        (C::Reconcile, k('2'), ShowCoding),
        (C::Reconcile, k('3'), ShowCodebook),
        (C::Reconcile, k('4'), ShowAgreement),
        (C::Reconcile, k('5'), ShowSearch),
        (C::Search, n(Code::Up), Up),
        (C::Search, n(Code::Down), Down),
        (C::Search, n(Code::PageUp), PageUp),
        (C::Search, n(Code::PageDown), PageDown),
        (C::Search, n(Code::Enter), Confirm),
        (C::Search, n(Code::Esc), Cancel),
        (C::Search, Key::ctrl('a'), CodeAll),
        (C::SearchResults, k('/'), EditQuery),
        (C::SearchResults, k('i'), EditQuery),
        (C::SearchResults, k('a'), CodeAll),
        (C::SearchResults, Key::ctrl('a'), CodeAll),
        (C::Themes, k('h'), Left),
        (C::Themes, n(Code::Left), Left),
        (C::Themes, k('l'), Right),
        (C::Themes, n(Code::Right), Right),
        (C::Themes, n(Code::Backspace), Cancel),
        (C::Themes, k('a'), AddTheme),
        (C::Themes, k('S'), AddSection),
        (C::Themes, k('C'), AddCategory),
        (C::Themes, k('n'), RenameNode),
        (C::Themes, k('d'), DeleteNode),
        (C::Themes, k('K'), MoveNodeUp),
        (C::Themes, k('J'), MoveNodeDown),
        (C::Themes, k('c'), AssignCodes),
        (C::Themes, k('x'), UnpinQuote),
        (C::Themes, k('e'), EditText),
        (C::Themes, k('v'), TogglePreview),
        (C::Themes, k('E'), ExportTable),
        (C::Themes, k('X'), ShowCrosstab),
        (C::Agreement, k('X'), ShowCrosstab),
        (C::Crosstab, k('r'), SetRowVariable),
        (C::Crosstab, k('c'), SetColumnVariable),
        (C::Crosstab, k('s'), SwapVariables),
        (C::Crosstab, k('o'), ToggleCoding),
        (C::Crosstab, k('v'), CollapseValues),
        (C::Crosstab, k('h'), ScrollLeft),
        (C::Crosstab, n(Code::Left), ScrollLeft),
        (C::Crosstab, k('l'), ScrollRight),
        (C::Crosstab, n(Code::Right), ScrollRight),
        (C::Crosstab, k('t'), CycleTest),
        (C::Preview, k(' '), ToggleUnit),
        (C::Preview, k('a'), ToggleAll),
        (C::Preview, n(Code::Esc), Cancel),
        (C::Preview, k('q'), Cancel),
        (C::Help, k('q'), Cancel),
        (C::Help, n(Code::Esc), Cancel),
        (C::Help, k('?'), Cancel),
        (C::Confirm, k('y'), Yes),
        (C::Confirm, k('Y'), Yes),
        (C::Confirm, k('n'), No),
        (C::Confirm, k('N'), No),
        (C::Confirm, n(Code::Enter), Yes),
        (C::Confirm, n(Code::Esc), No),
        (C::Input, n(Code::Enter), Confirm),
        (C::Input, n(Code::Esc), Cancel),
        (C::Input, n(Code::Up), Up),
        (C::Input, n(Code::Down), Down),
        (C::Input, n(Code::Tab), Down),
        (C::Input, n(Code::BackTab), Up),
        (C::List, n(Code::Esc), Cancel),
        (C::List, k('q'), Cancel),
    ]);
    v
}

/// Context → key → command, with the user's overrides applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    map: HashMap<Context, BTreeMap<Key, Command>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut map: HashMap<Context, BTreeMap<Key, Command>> = HashMap::new();
        for (ctx, key, cmd) in defaults() {
            map.entry(ctx).or_default().insert(key, cmd);
        }
        Keymap { map }
    }
}

impl Keymap {
    /// Apply overrides `{context: {key: command-or-"none"}}`; returns a message per entry that
    /// could not be understood (shown in the status line, never fatal).
    pub fn with_overrides(
        overrides: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> (Keymap, Vec<String>) {
        let mut km = Keymap::default();
        let mut problems = Vec::new();
        for (ctx_name, keys) in overrides {
            let Some(ctx) = Context::from_name(ctx_name) else {
                problems.push(format!("config: unknown key context '{ctx_name}'"));
                continue;
            };
            for (key_name, cmd_name) in keys {
                let Some(key) = Key::parse(key_name) else {
                    problems.push(format!("config: cannot read key '{key_name}'"));
                    continue;
                };
                let entry = km.map.entry(ctx).or_default();
                if cmd_name == "none" {
                    entry.remove(&key);
                } else if let Some(cmd) = Command::from_name(cmd_name) {
                    entry.insert(key, cmd);
                } else {
                    problems.push(format!(
                        "config: unknown action '{cmd_name}' for key '{key_name}'"
                    ));
                }
            }
        }
        (km, problems)
    }

    pub fn get(&self, ctx: Context, key: &Key) -> Option<Command> {
        self.map.get(&ctx).and_then(|m| m.get(key)).copied()
    }

    /// Is `key` bound to a command where code keys also act (Coding or Global)?
    pub fn shadows_code_key(&self, key: &Key) -> bool {
        self.get(Context::Coding, key).is_some() || self.get(Context::Global, key).is_some()
    }

    /// Codebook keys that a command key on the Coding screen hides, as "k (Name)".
    pub fn shadowed_code_keys(&self, cb: &crate::codebook::Codebook) -> Vec<String> {
        cb.active()
            .filter_map(|c| {
                let k = c.key.as_deref()?;
                let mut chars = k.chars();
                let ch = chars.next()?;
                (chars.next().is_none() && self.shadows_code_key(&Key::ch(ch)))
                    .then(|| format!("{k} ({})", c.name))
            })
            .collect()
    }

    /// Bindings of a context grouped by command, in the order commands are declared.
    pub fn entries(&self, ctx: Context) -> Vec<(Command, Vec<Key>)> {
        let mut out: Vec<(Command, Vec<Key>)> = Vec::new();
        let Some(m) = self.map.get(&ctx) else {
            return out;
        };
        for cmd in Command::ALL {
            let keys: Vec<Key> = m
                .iter()
                .filter(|(_, c)| *c == cmd)
                .map(|(k, _)| *k)
                .collect();
            if !keys.is_empty() {
                out.push((*cmd, keys));
            }
        }
        out
    }

    /// The keys bound to `cmd` in `ctx`, as the hint line shows them ("j/↓").
    pub fn keys_for(&self, ctx: Context, cmd: Command) -> String {
        let keys: Vec<String> = self
            .map
            .get(&ctx)
            .into_iter()
            .flat_map(|m| m.iter())
            .filter(|(_, c)| **c == cmd)
            .map(|(k, _)| k.to_string())
            .collect();
        keys.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coding_commands_leave_code_letters_free() {
        let km = Keymap::default();
        for c in "abcdefgimnopstvwxyz0123456789".chars() {
            assert!(
                !km.shadows_code_key(&Key::ch(c)),
                "'{c}' is taken by a command on the Coding screen"
            );
        }
    }

    #[test]
    fn no_default_binding_is_silently_overwritten() {
        let mut seen = std::collections::HashSet::new();
        for (ctx, key, cmd) in defaults() {
            assert!(
                seen.insert((ctx, key)),
                "{key} is bound twice in {ctx:?} (second: {cmd:?})"
            );
        }
    }

    #[test]
    fn overrides_apply_and_report_problems() {
        let mut o = BTreeMap::new();
        o.insert(
            "coding".to_string(),
            BTreeMap::from([("ctrl-n".to_string(), "next_unit".to_string())]),
        );
        o.insert("nowhere".to_string(), BTreeMap::new());
        let (km, problems) = Keymap::with_overrides(&o);
        assert_eq!(
            km.get(Context::Coding, &Key::ctrl('n')),
            Some(Command::NextUnit)
        );
        assert_eq!(problems.len(), 1);
    }
}
