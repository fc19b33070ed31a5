//! Keys to actions, per mode. Defaults live here; `keymap.toml` in the config directory overrides
//! only the keys it names:
//!
//! ```toml
//! [browse]
//! "ctrl-n" = "new-record"
//! "x" = "none"        # unbind
//! ```
//!
//! Text fields take printable keys themselves (a Chinese IME sends letters while composing), so
//! the modes with a text field bind only keys that type nothing: F-keys, Ctrl, arrows, Enter, Esc.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::{FileMsg, Msg};

mod defaults;
use defaults::defaults;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    Login,
    Browse,
    Search,
    Record,
    Form,
    Loans,
    Reconcile,
    Audit,
    Receipts,
    Stocktake,
    Shelves,
    Appraise,
    Statistics,
    Safekeeping,
    Help,
}

impl Mode {
    pub const ALL: [Mode; 15] = [
        Mode::Login,
        Mode::Browse,
        Mode::Search,
        Mode::Record,
        Mode::Form,
        Mode::Loans,
        Mode::Reconcile,
        Mode::Audit,
        Mode::Receipts,
        Mode::Stocktake,
        Mode::Shelves,
        Mode::Appraise,
        Mode::Statistics,
        Mode::Safekeeping,
        Mode::Help,
    ];

    fn name(self) -> &'static str {
        match self {
            Mode::Login => "login",
            Mode::Browse => "browse",
            Mode::Search => "search",
            Mode::Record => "record",
            Mode::Form => "form",
            Mode::Loans => "loans",
            Mode::Reconcile => "reconcile",
            Mode::Audit => "audit",
            Mode::Receipts => "receipts",
            Mode::Stocktake => "stocktake",
            Mode::Shelves => "shelves",
            Mode::Appraise => "appraise",
            Mode::Statistics => "statistics",
            Mode::Safekeeping => "safekeeping",
            Mode::Help => "help",
        }
    }

    /// Whether printable keys go to a text field rather than to the keymap.
    pub fn types_text(self) -> bool {
        matches!(
            self,
            Mode::Login | Mode::Search | Mode::Form | Mode::Stocktake
        )
    }
}

/// A key with its modifiers, as written in a keymap: `ctrl-s`, `f1`, `pagedown`, `/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Chord {
    code: ChordKey,
    ctrl: bool,
    alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum ChordKey {
    Char(char),
    F(u8),
    Named(&'static str),
}

const NAMED: [(&str, KeyCode); 14] = [
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("insert", KeyCode::Insert),
];

impl Chord {
    pub fn parse(text: &str) -> Option<Chord> {
        let mut chord = Chord {
            code: ChordKey::Named("esc"),
            ctrl: false,
            alt: false,
        };
        let mut rest = text.trim().to_ascii_lowercase();
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                chord.ctrl = true;
                rest = r.to_string();
            } else if let Some(r) = rest.strip_prefix("alt-") {
                chord.alt = true;
                rest = r.to_string();
            } else {
                break;
            }
        }
        chord.code = if rest == "space" {
            ChordKey::Char(' ')
        } else if rest == "pagedown" {
            ChordKey::Named("pagedown")
        } else if let Some((name, _)) = NAMED.iter().find(|(name, _)| *name == rest) {
            ChordKey::Named(name)
        } else if let Some(n) = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            (1..=12).contains(&n).then_some(ChordKey::F(n))?
        } else {
            let mut chars = rest.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            ChordKey::Char(c)
        };
        Some(chord)
    }

    pub fn from_event(key: &KeyEvent) -> Option<Chord> {
        let code = match key.code {
            KeyCode::Char(c) => ChordKey::Char(c.to_ascii_lowercase()),
            KeyCode::F(n) => ChordKey::F(n),
            KeyCode::PageDown => ChordKey::Named("pagedown"),
            other => ChordKey::Named(NAMED.iter().find(|(_, code)| *code == other)?.0),
        };
        Some(Chord {
            code,
            ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
            alt: key.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// As written in a keymap, for the help screen.
    pub fn describe(&self) -> String {
        let key = match self.code {
            ChordKey::Char(' ') => "space".to_string(),
            ChordKey::Char(c) => c.to_string(),
            ChordKey::F(n) => format!("F{n}"),
            ChordKey::Named("pagedown") => "PgDn".to_string(),
            ChordKey::Named("pageup") => "PgUp".to_string(),
            ChordKey::Named(name) => {
                let mut chars = name.chars();
                chars.next().map_or(String::new(), |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            }
        };
        let ctrl = if self.ctrl { "Ctrl-" } else { "" };
        let alt = if self.alt { "Alt-" } else { "" };
        format!("{ctrl}{alt}{key}")
    }

    /// Would this key type a character into a text field?
    fn types(&self) -> bool {
        matches!(self.code, ChordKey::Char(_)) && !self.ctrl && !self.alt
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    modes: BTreeMap<Mode, BTreeMap<Chord, Action>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let modes = Mode::ALL
            .iter()
            .map(|mode| {
                let table = defaults(*mode)
                    .into_iter()
                    .filter_map(|(key, action)| Some((Chord::parse(key)?, action)))
                    .collect();
                (*mode, table)
            })
            .collect();
        Keymap { modes }
    }
}

impl Keymap {
    /// The defaults with a user's `keymap.toml` laid over them. A bad entry is an error naming it.
    pub fn with_overrides(text: &str) -> Result<Keymap, Msg> {
        let mut keymap = Keymap::default();
        let table = super::toml_table(text)?;
        for (mode_name, entries) in table {
            let mode = Mode::ALL
                .into_iter()
                .find(|m| m.name() == mode_name)
                .ok_or_else(|| FileMsg::NoSuchMode {
                    mode: mode_name.clone(),
                    modes: Mode::ALL.map(Mode::name).join(", "),
                })?;
            let entries = entries.as_table().ok_or_else(|| FileMsg::ModeNotTable {
                mode: mode_name.clone(),
            })?;
            let bindings = keymap.modes.entry(mode).or_default();
            let types_text = mode.types_text();
            for (key, action) in entries {
                let (mode, key) = (mode_name.clone(), key.clone());
                let Some(chord) = Chord::parse(&key) else {
                    return Err(FileMsg::UnknownKeyName { mode, key }.into());
                };
                let name = action.as_str().unwrap_or_default().to_string();
                if name == "none" {
                    bindings.remove(&chord);
                    continue;
                }
                let Some(action) = Action::parse(&name) else {
                    return Err(FileMsg::NoSuchAction { mode, key, name }.into());
                };
                if types_text && chord.types() {
                    return Err(FileMsg::PrintableKey { mode, key }.into());
                }
                bindings.insert(chord, action);
            }
        }
        Ok(keymap)
    }

    pub fn action(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(key)?;
        self.modes.get(&mode)?.get(&chord).copied()
    }

    /// Each action of a mode with the keys bound to it, in the order of `Action::ALL`: the help screen.
    pub fn help(&self, mode: Mode) -> Vec<(Action, Vec<String>)> {
        let Some(bindings) = self.modes.get(&mode) else {
            return Vec::new();
        };
        Action::ALL
            .iter()
            .filter_map(|action| {
                let keys: Vec<String> = bindings
                    .iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(chord, _)| chord.describe())
                    .collect();
                (!keys.is_empty()).then_some((*action, keys))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_bind_the_keys_staff_expect() {
        let keymap = Keymap::default();
        let ctrl_s = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(keymap.action(Mode::Form, &ctrl_s), Some(Action::Save));
        let slash = key(KeyCode::Char('/'), KeyModifiers::NONE);
        assert_eq!(keymap.action(Mode::Browse, &slash), Some(Action::Search));
        // In the search box, / is text.
        assert_eq!(keymap.action(Mode::Search, &slash), None);
        let f1 = key(KeyCode::F(1), KeyModifiers::NONE);
        assert_eq!(keymap.action(Mode::Form, &f1), Some(Action::Help));
    }

    #[test]
    fn every_default_binding_parses_and_no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let mut seen = std::collections::BTreeMap::new();
            for (key, action) in defaults(mode) {
                let chord =
                    Chord::parse(key).unwrap_or_else(|| panic!("{mode:?}: {key:?} does not parse"));
                if let Some(before) = seen.insert(chord, action) {
                    panic!("{mode:?}: {key:?} is bound to {before:?} and to {action:?}");
                }
                // A mode with a text field leaves printable keys to it.
                assert!(
                    !(mode.types_text() && chord.types()),
                    "{mode:?}: {key:?} would eat typed text"
                );
            }
            assert_eq!(Keymap::default().modes[&mode].len(), seen.len(), "{mode:?}");
        }
    }

    #[test]
    fn overrides_replace_only_what_they_name() {
        let keymap =
            Keymap::with_overrides("[browse]\n\"ctrl-n\" = \"new-record\"\n\"n\" = \"none\"\n")
                .unwrap();
        let ctrl_n = key(KeyCode::Char('n'), KeyModifiers::CONTROL);
        let n = key(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(
            keymap.action(Mode::Browse, &ctrl_n),
            Some(Action::NewRecord)
        );
        assert_eq!(keymap.action(Mode::Browse, &n), None);
        let help = keymap.help(Mode::Browse);
        let new = help.iter().find(|(a, _)| *a == Action::NewRecord).unwrap();
        assert_eq!(new.1, ["Ctrl-n", "F2"]);
    }

    #[test]
    fn bad_overrides_say_what_and_where() {
        let err = Keymap::with_overrides("[browse]\n\"ctrl-n\" = \"fly\"\n").unwrap_err();
        let said = err.text(Lang::Zh);
        assert_eq!(said, "[browse] “ctrl-n”：没有动作“fly”");
        let err = Keymap::with_overrides("[search]\n\"x\" = \"quit\"\n").unwrap_err();
        assert!(err.text(Lang::En).contains("printable"), "{err}");
        let err = Keymap::with_overrides("[nowhere]\n").unwrap_err();
        assert!(err.text(Lang::Zh).contains("没有这个模式"), "{err}");
        // Not TOML at all: the line and column an editor shows.
        let err = Keymap::with_overrides("[browse]\n\"ctrl-n\" = \n").unwrap_err();
        assert!(err.text(Lang::Zh).starts_with("第 2 行第 "), "{err}");
    }
}
