//! The audit screen: when, who, what and on what, newest first; the selected entry whole under
//! the list, its detail as recorded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::cells;
use crate::i18n::S;
use crate::tui::app::App;
use crate::tui::app::AuditView;

const TIME: usize = 16;
const USER: usize = 12;
const ACTION: usize = 18;

/// What an entry's action is called in the user's language; an action this build does not know
/// (a newer archive's) is shown as recorded.
fn action_name(app: &App, action: &str) -> String {
    let (zh, en) = match action {
        "archive.backup" => ("备份档案库", "archive backed up"),
        "archive.restore" => ("恢复档案库", "archive restored"),
        "demo.build" => ("建演示库", "demo built"),
        "fonds.add" => ("登记全宗", "fonds registered"),
        "loan.lost" => ("登记遗失", "marked lost"),
        "loan.out" => ("借出", "lent"),
        "loan.renew" => ("续借", "renewed"),
        "loan.request" => ("申请借阅", "loan requested"),
        "loan.return" => ("归还", "returned"),
        "login" => ("登录", "logged in"),
        "login.failed" => ("登录失败", "log-in failed"),
        "login.locked" => ("账户锁定", "account locked"),
        "login.refused" => ("拒绝登录", "log-in refused"),
        "object.attach" => ("挂接数字对象", "file attached"),
        "object.refused" => ("拒收数字对象", "file refused"),
        "record.add" => ("著录", "record added"),
        "record.edit" => ("修改档案", "record edited"),
        "records.export" => ("导出档案", "records exported"),
        "records.import" => ("导入档案", "records imported"),
        "register.certify" => ("认证单轨", "register certified"),
        "register.import" => ("导入台账", "register brought in"),
        "register.pick" => ("台账对应", "register line matched"),
        "register.reopen" => ("撤回台账处理", "register decision taken back"),
        "register.resolve" => ("处理台账行", "register line decided"),
        "settings.set" => ("更改设置", "setting changed"),
        "user.add" => ("添加用户", "user added"),
        "user.disable" => ("停用账户", "account disabled"),
        "user.enable" => ("启用账户", "account enabled"),
        "user.passwd" => ("更改口令", "password changed"),
        "user.role" => ("更改角色", "role changed"),
        other => return other.to_string(),
    };
    match app.lang {
        crate::i18n::Lang::Zh => zh.to_string(),
        crate::i18n::Lang::En => en.to_string(),
    }
}

pub fn audit(app: &App, view: &AuditView, frame: &mut Frame, area: Rect) {
    let (area, under) = super::with_detail(area);
    if let Some(entry) = view.entries.get(view.selected) {
        let said = vec![
            format!("#{}", entry.seq),
            super::moment(&entry.at),
            entry.user.clone(),
            action_name(app, &entry.action),
            entry.object.clone(),
            entry.detail.clone(),
        ];
        super::detail(app, &said, frame, under);
    }
    let object = usize::from(area.width).saturating_sub(TIME + USER + ACTION + 3);
    let widths = [TIME, USER, ACTION, object];
    let row = |values: [String; 4]| -> Vec<(String, usize)> {
        values
            .into_iter()
            .zip(widths)
            .filter(|(_, w)| *w > 0)
            .collect()
    };
    let header =
        row([S::AuditTime, S::AuditUser, S::AuditAction, S::AuditObject]
            .map(|s| app.t(s).to_string()));
    let mut lines = vec![cells(&header, app.theme.header)];
    if !view.loaded {
        lines.push(Line::styled(app.t(S::Loading), app.theme.muted));
    } else if view.entries.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    let height = usize::from(area.height.saturating_sub(1));
    let top = (view.selected + 1).saturating_sub(height);
    for (i, entry) in view.entries.iter().enumerate().skip(top).take(height) {
        let style = if i == view.selected {
            app.theme.selection
        } else {
            app.theme.base
        };
        let values = [
            super::moment(&entry.at),
            entry.user.clone(),
            action_name(app, &entry.action),
            entry.object.clone(),
        ];
        lines.push(cells(&row(values), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
