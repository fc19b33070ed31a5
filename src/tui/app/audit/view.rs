//! The audit screen: when, who, what and on what, newest first; the selected entry whole under
//! the list, its detail as recorded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::{Classification, Role};
use crate::i18n::{Arg, Lang, S};
use crate::tui::app::App;
use crate::tui::app::AuditView;
use crate::tui::view::cells;

const TIME: usize = 16;
const USER: usize = 12;
const ACTION: usize = 18;

/// What an entry's action is called in the user's language; an action this build does not know
/// (a newer archive's) is shown as recorded.
fn action_name(app: &App, action: &str) -> String {
    let (zh, en) = match action {
        "archive.backup" => ("备份档案库", "archive backed up"),
        "archive.restore" => ("恢复档案库", "archive restored"),
        "alarm.raised" => ("告警", "alarm raised"),
        "alarm.acknowledged" => ("确认告警", "alarm acknowledged"),
        "backup.registered" => ("登记备份", "backup registered"),
        "backup.drill" => ("恢复演练", "restore drill"),
        "backup.pruned" => ("删除旧备份", "old backup removed"),
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
        "transfer.receive" => ("接收移交", "transfer received"),
        "transfer.refuse" => ("拒收移交", "transfer refused"),
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

/// An entry's detail as the reader's language says it: each recorded item by its name, the codes
/// of 密级 and roles by their names. The entry itself stays as recorded (it is hashed); an item
/// this build does not know is shown as recorded.
pub fn detail_text(lang: Lang, detail: &str) -> String {
    let Ok(serde_json::Value::Object(items)) = serde_json::from_str(detail) else {
        return detail.to_string();
    };
    items
        .iter()
        .map(|(key, value)| {
            let value = match value {
                serde_json::Value::String(text) => said_value(lang, key, text),
                serde_json::Value::Bool(yes) => {
                    said(lang, if *yes { ("是", "yes") } else { ("否", "no") })
                }
                serde_json::Value::Array(values) => values
                    .iter()
                    .map(|v| match v.as_str() {
                        Some(text) => said_value(lang, key, text),
                        None => v.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(if lang == Lang::Zh { "、" } else { ", " }),
                other => other.to_string(),
            };
            format!("{} {value}", item_name(lang, key))
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "；" } else { "; " })
}

fn said(lang: Lang, (zh, en): (&str, &str)) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

fn item_name(lang: Lang, key: &str) -> String {
    let names = match key {
        "added" => ("新增", "added"),
        "alarm" => ("告警", "alarm"),
        "approver" => ("批准人", "approver"),
        "audit_head" => ("审计链头", "audit head"),
        "borrower" => ("借阅人", "borrower"),
        "bytes" => ("字节数", "bytes"),
        "checks" => ("未通过的检测", "checks failed"),
        "files" => ("文件数", "files"),
        "from" => ("移交单位", "from"),
        "import" => ("导入批次", "import"),
        "changed" => ("改动字段", "changed"),
        "class" | "classification" => ("密级", "classification"),
        "clearance" => ("许可密级", "clearance"),
        "display_name" => ("姓名", "full name"),
        "detail" => ("详情", "detail"),
        "due" => ("应还日期", "due"),
        "encrypted" => ("加密", "encrypted"),
        "failures" => ("连续失败次数", "failures"),
        "line" => ("台账行", "line"),
        "lines" => ("台账行数", "lines"),
        "loan" => ("借阅号", "loan"),
        "manifest_sha256" => ("清单 SHA-256", "manifest SHA-256"),
        "medium" => ("介质", "medium"),
        "name" => ("名称", "name"),
        "note" => ("备注", "note"),
        "ok" => ("成功", "succeeded"),
        "package" => ("移交包", "package"),
        "package_sha256" => ("包的 SHA-256", "package SHA-256"),
        "purpose" => ("利用目的", "purpose"),
        "reason" => ("原因", "reason"),
        "reasons" => ("拒收原因数", "reasons"),
        "record" => ("档案", "record"),
        "records" => ("档案数", "records"),
        "register" => ("登记号", "register no."),
        "rehashed" => ("口令重新散列", "password re-hashed"),
        "renewals" => ("续借次数", "renewals"),
        "resolution" => ("处理", "decision"),
        "role" => ("角色", "role"),
        "seed" => ("随机种子", "seed"),
        "source" => ("来源", "source"),
        "title" => ("题名", "title"),
        "until" => ("锁定至", "until"),
        "value" => ("值", "value"),
        "version" => ("版本", "version"),
        "was" => ("原值", "was"),
        other => return other.to_string(),
    };
    said(lang, names)
}

fn said_value(lang: Lang, key: &str, text: &str) -> String {
    match key {
        "class" | "classification" | "clearance" => Classification::parse(text)
            .map(|c| c.arg(lang))
            .unwrap_or_else(|| text.to_string()),
        "checks" => match text {
            "authenticity" => said(lang, ("真实性", "authenticity")),
            "integrity" => said(lang, ("完整性", "integrity")),
            "usability" => said(lang, ("可用性", "usability")),
            "security" => said(lang, ("安全性", "security")),
            "description" => said(lang, ("著录", "description")),
            other => other.to_string(),
        },
        "role" => Role::parse(text)
            .map(|r| r.arg(lang))
            .unwrap_or_else(|| text.to_string()),
        "reason" => match text {
            "unknown user" => said(lang, ("无此用户", "unknown user")),
            "wrong password" => said(lang, ("口令错误", "wrong password")),
            "locked" => said(lang, ("账户已锁定", "locked")),
            "disabled" => said(lang, ("账户已停用", "disabled")),
            other => other.to_string(),
        },
        _ => text.to_string(),
    }
}

/// What an entry is about: as recorded, but an alarm by its name in the reader's language.
fn object_name(app: &App, entry: &crate::domain::audit::AuditEntry) -> String {
    match crate::archive::safekeeping::AlarmKind::of_key(&entry.object) {
        Some(kind) if entry.action == "alarm.raised" => kind.name(app.lang),
        _ => entry.object.clone(),
    }
}

pub fn audit(app: &App, view: &AuditView, frame: &mut Frame, area: Rect) {
    let (area, under) = crate::tui::view::with_detail(area);
    if let Some(entry) = view.entries.get(view.selected) {
        let said = vec![
            format!("#{}", entry.seq),
            crate::tui::view::moment(&entry.at),
            entry.user.clone(),
            action_name(app, &entry.action),
            object_name(app, entry),
            detail_text(app.lang, &entry.detail),
        ];
        crate::tui::view::detail(app, &said, frame, under);
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
            crate::tui::view::moment(&entry.at),
            entry.user.clone(),
            action_name(app, &entry.action),
            object_name(app, entry),
        ];
        lines.push(cells(&row(values), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entrys_detail_reads_in_the_users_language() {
        let detail = r#"{"class":"confidential","failures":3,"reason":"wrong password","title":"《关于“档案日”的通知》"}"#;
        assert_eq!(
            detail_text(Lang::Zh, detail),
            "密级 机密；连续失败次数 3；原因 口令错误；题名 《关于“档案日”的通知》"
        );
        assert_eq!(
            detail_text(Lang::En, detail),
            "classification confidential; failures 3; reason wrong password; title 《关于“档案日”的通知》"
        );
        // Not an object (an older or a foreign entry): as recorded.
        assert_eq!(detail_text(Lang::Zh, "[1,2]"), "[1,2]");
    }
}
