//! The log-in screen: a name, a password that is never echoed, and the hint of how to begin.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::form::view::LABEL_COLUMNS;
use super::{App, Screen};
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;
use crate::width::{pad, sanitize};

#[derive(Debug, Clone, Default)]
pub struct Login {
    pub name: LineInput,
    pub password: LineInput,
    pub on_password: bool,
    pub busy: bool,
}

/// The log-in actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let Screen::Login(login) = app.screen_mut() else {
        return None;
    };
    match action {
        Action::NextField | Action::PrevField => login.on_password = !login.on_password,
        Action::Open if !login.on_password => login.on_password = true,
        Action::Open if !login.busy => {
            login.busy = true;
            let effect = Effect::Login {
                name: login.name.text().trim().to_string(),
                password: login.password.text().to_string(),
            };
            login.password = LineInput::default();
            app.info(app.t(S::LoggingIn));
            return Some(vec![effect]);
        }
        Action::Open => {}
        _ => return None,
    }
    Some(Vec::new())
}

/// A refused log-in: the screen may be tried again.
pub fn failed(app: &mut App) {
    if let Screen::Login(login) = app.screen_mut() {
        login.busy = false;
    }
}

pub fn view(app: &App, login: &Login, frame: &mut Frame, area: Rect) {
    let columns = usize::from(area.width).saturating_sub(LABEL_COLUMNS + 2);
    let (name, name_caret) = login.name.view(columns);
    let mut lines = vec![
        Line::raw(""),
        Line::styled(format!("  {}", app.t(S::AppName)), app.theme.header),
        Line::raw(""),
        Line::from(vec![
            Span::styled(
                format!("  {}", pad(app.t(S::Name), LABEL_COLUMNS)),
                app.theme.label,
            ),
            Span::raw(name),
        ]),
        // The password is not echoed, not even as dots.
        Line::styled(
            format!("  {}", pad(app.t(S::Password), LABEL_COLUMNS)),
            app.theme.label,
        ),
        Line::raw(""),
        Line::styled(format!("  {}", app.t(S::LoginHint)), app.theme.muted),
    ];
    if let Some(hint) = &app.login_hint {
        lines.push(Line::styled(
            format!("  {}", sanitize(hint, false)),
            app.theme.muted,
        ));
    }
    let (row, caret) = if login.on_password {
        (4, 0)
    } else {
        (3, name_caret)
    };
    frame.set_cursor_position((area.x + (2 + LABEL_COLUMNS + caret) as u16, area.y + row));
    frame.render_widget(Paragraph::new(lines), area);
}
