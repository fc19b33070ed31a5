//! Themes map the interface's roles to styles. The four in `themes/` are built in; a file of the
//! same name in the config directory's `themes/` replaces one, and a new name adds one.

use ratatui::style::{Color, Modifier, Style};

use crate::i18n::{FileMsg, Msg};

const BUILT_IN: [(&str, &str); 4] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// What the charts draw their bars with.
    pub bars: Bars,
    pub base: Style,
    pub muted: Style,
    pub title: Style,
    pub border: Style,
    pub header: Style,
    pub selection: Style,
    pub matched: Style,
    pub label: Style,
    pub invalid: Style,
    pub error: Style,
    pub ok: Style,
    pub key: Style,
}

fn color(name: &str) -> Option<Color> {
    let color = match name
        .to_ascii_lowercase()
        .replace(['_', '-', ' '], "")
        .as_str()
    {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        "reset" => Color::Reset,
        _ => return None,
    };
    Some(color)
}

fn modifier(name: &str) -> Option<Modifier> {
    Some(match name {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" => Modifier::UNDERLINED,
        "reversed" => Modifier::REVERSED,
        _ => return None,
    })
}

fn style(role: &str, value: Option<&toml::Value>) -> Result<Style, Msg> {
    let Some(value) = value else {
        return Ok(Style::new());
    };
    let table = value
        .as_table()
        .ok_or_else(|| FileMsg::StyleNotTable { role: role.into() })?;
    let mut style = Style::new();
    for (key, value) in table {
        let text = |v: &toml::Value| v.as_str().map(str::to_string);
        match key.as_str() {
            "fg" | "bg" => {
                let name = text(value).unwrap_or_default();
                let Some(c) = color(&name) else {
                    let (role, key) = (role.to_string(), key.clone());
                    return Err(FileMsg::NoColour { role, key, name }.into());
                };
                style = if key == "fg" {
                    style.fg(c)
                } else {
                    style.bg(c)
                };
            }
            "modifiers" => {
                for m in value.as_array().into_iter().flatten() {
                    let name = text(m).unwrap_or_default();
                    let Some(m) = modifier(&name) else {
                        let role = role.to_string();
                        return Err(FileMsg::NoModifier { role, name }.into());
                    };
                    style = style.add_modifier(m);
                }
            }
            other => {
                let (role, key) = (role.to_string(), other.to_string());
                return Err(FileMsg::UnknownStyleKey { role, key }.into());
            }
        }
    }
    Ok(style)
}

/// Bars of charts: block characters (▁▂▃…█) are East Asian Ambiguous, drawn two cells wide by
/// terminals set so for Chinese, which would break every chart; ASCII reads everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bars {
    /// Blocks in English, ASCII in Chinese.
    Auto,
    Ascii,
    Blocks,
}

impl Bars {
    /// Whether block characters are drawn, in `lang`.
    pub fn blocks(self, lang: crate::i18n::Lang) -> bool {
        match self {
            Bars::Auto => lang == crate::i18n::Lang::En,
            Bars::Ascii => false,
            Bars::Blocks => true,
        }
    }
}

impl Theme {
    pub fn parse(text: &str) -> Result<Theme, Msg> {
        let table = super::toml_table(text)?;
        let roles = table.get("roles").and_then(|r| r.as_table());
        let role = |name: &str| style(name, roles.and_then(|r| r.get(name)));
        let bars = match table.get("bars").and_then(|b| b.as_str()) {
            None | Some("auto") => Bars::Auto,
            Some("ascii") => Bars::Ascii,
            Some("blocks") => Bars::Blocks,
            Some(other) => {
                let value = other.to_string();
                return Err(FileMsg::ThemeBars { value }.into());
            }
        };
        Ok(Theme {
            bars,
            base: role("base")?,
            muted: role("muted")?,
            title: role("title")?,
            border: role("border")?,
            header: role("header")?,
            // Selection is never shown by colour alone.
            selection: role("selection")?.add_modifier(Modifier::REVERSED),
            matched: role("match")?,
            label: role("label")?,
            invalid: role("invalid")?,
            error: role("error")?,
            ok: role("ok")?,
            key: role("key")?,
        })
    }

    /// A theme by name: the user's file if there is one, else the built-in.
    pub fn named(name: &str, user_dir: Option<&std::path::Path>) -> Result<Theme, Msg> {
        let in_file = |path: String| {
            move |detail: Msg| -> Msg {
                let detail = Box::new(detail);
                FileMsg::ConfigFile { path, detail }.into()
            }
        };
        if let Some(dir) = user_dir {
            let path = dir.join(format!("{name}.toml"));
            if let Ok(text) = std::fs::read_to_string(&path) {
                return Theme::parse(&text).map_err(in_file(path.display().to_string()));
            }
        }
        let Some((_, text)) = BUILT_IN.iter().find(|(n, _)| *n == name) else {
            let themes = BUILT_IN.map(|(n, _)| n).join(", ");
            let name = name.to_string();
            return Err(FileMsg::NoTheme { name, themes }.into());
        };
        Theme::parse(text).map_err(in_file(format!("themes/{name}.toml")))
    }

    pub fn mono() -> Theme {
        Theme::named("mono", None).unwrap_or_else(|_| Theme::plain())
    }

    /// Reverse video for the selection and nothing else: usable anywhere.
    fn plain() -> Theme {
        let p = Style::new();
        Theme {
            bars: Bars::Ascii,
            base: p,
            muted: p,
            title: p,
            border: p,
            header: p,
            selection: p.add_modifier(Modifier::REVERSED),
            matched: p,
            label: p,
            invalid: p,
            error: p,
            ok: p,
            key: p,
        }
    }

    /// NO_COLOR (any value) or TERM=dumb asks for no colour.
    pub fn colour_refused() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
            || std::env::var("TERM").is_ok_and(|t| t == "dumb")
    }

    pub fn styles(&self) -> [Style; 12] {
        [
            self.base,
            self.muted,
            self.title,
            self.border,
            self.header,
            self.selection,
            self.matched,
            self.label,
            self.invalid,
            self.error,
            self.ok,
            self.key,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn built_in_themes_parse_and_differ() {
        let themes: Vec<Theme> = BUILT_IN
            .iter()
            .map(|(name, _)| Theme::named(name, None).unwrap())
            .collect();
        for (i, a) in themes.iter().enumerate() {
            assert!(a.selection.add_modifier.contains(Modifier::REVERSED));
            for b in &themes[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn mono_carries_no_colours() {
        for style in Theme::mono().styles() {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
    }

    #[test]
    fn a_bad_theme_names_the_role_and_value() {
        let err = Theme::parse("[roles]\nmatch = { fg = \"chartreuse\" }").unwrap_err();
        assert_eq!(err.text(Lang::Zh), "match.fg：没有颜色“chartreuse”");
        let err = Theme::named("sepia", None).unwrap_err();
        assert!(err.text(Lang::Zh).starts_with("没有主题“sepia”"), "{err}");
    }
}
