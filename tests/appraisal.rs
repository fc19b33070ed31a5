//! Appraisal and disposition through the library, on a clock set to 2026: retention expiry and
//! kept records coming back, a destruction list through propose → approve → destroy with a
//! witness, objects removed and shared ones kept, opening to a public account, declassification
//! through a versioned edit, and what a low-clearance appraiser is shown.

use chrono::{TimeZone, Utc};
use dangan::archive::appraisal::Proposal;
use dangan::archive::loans::LoanRequest;
use dangan::archive::records::NewCode;
use dangan::domain::appraisal::Decision;
use dangan::domain::audit::AuditFilter;
use dangan::domain::loan::{Borrower, LoanKind};
use dangan::domain::{
    AppraisalKind, AppraisalState, ArchivalCode, Classification, CodeGroup, CodeScheme, Field,
    Openness, RecordData, RecordQuery, Retention, Role, Status, Verdict,
};
use dangan::{Archive, Error, Session};

const PASSWORD: &str = "鉴定-口令-2026";

struct Desk {
    _dir: tempfile::TempDir,
    archive: Archive,
    admin: Session,
    archivist: Session,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::init(&dir.path().join("a")).unwrap();
    archive.set_clock(|| Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap());
    let admin = archive
        .create_first_admin("admin", "张馆长", PASSWORD)
        .unwrap();
    for (name, role, clearance) in [
        ("archivist", Role::Archivist, Classification::Confidential),
        ("low", Role::Archivist, Classification::Public),
        ("visitor", Role::Public, Classification::Public),
        ("reader", Role::Reader, Classification::Internal),
    ] {
        archive
            .add_user(&admin, name, "", PASSWORD, role, clearance)
            .unwrap();
    }
    archive
        .add_fonds(&admin, "J001", "市人民政府办公室", CodeScheme::Plain)
        .unwrap();
    let archivist = archive.login("archivist", PASSWORD).unwrap();
    Desk {
        _dir: dir,
        archive,
        admin,
        archivist,
    }
}

impl Desk {
    fn add(
        &mut self,
        year: &str,
        retention: &str,
        title: &str,
        class: Classification,
    ) -> ArchivalCode {
        let group = CodeGroup::new("J001", year, retention, "BGS").unwrap();
        let data = RecordData {
            title: title.into(),
            responsible: "市人民政府办公室".into(),
            classification: class,
            pages: Some(3),
            date: format!("{year}-03-12").parse().ok(),
            ..RecordData::default()
        };
        self.archive
            .add_record(&self.archivist, NewCode::Next(group), &data)
            .unwrap()
            .code
    }

    fn login(&mut self, name: &str) -> Session {
        self.archive.login(name, PASSWORD).unwrap()
    }

    fn due(&self, who: &Session, kind: AppraisalKind, as_of: i32) -> Vec<String> {
        let list = self
            .archive
            .appraisal_due(who, kind, (None, None), Some(as_of), 1000)
            .unwrap();
        list.records.iter().map(|r| r.code.to_string()).collect()
    }
}

fn decision(verdict: Verdict) -> Decision {
    Decision {
        verdict,
        period: None,
        until: None,
        new_class: None,
        reason: String::new(),
    }
}

fn proposal(code: &ArchivalCode, decision: Decision) -> Proposal {
    Proposal {
        line: None,
        code: code.clone(),
        decision,
    }
}

fn refused_saying(result: Result<impl std::fmt::Debug, Error>, words: &str) {
    match result {
        Err(e) => assert!(e.to_string().contains(words), "{e}"),
        Ok(v) => panic!("expected a refusal saying {words:?}, got {v:?}"),
    }
}

#[test]
fn expiry_counts_from_the_year_after_and_a_kept_record_comes_back_when_its_new_period_ends() {
    let mut desk = desk();
    let old = desk.add(
        "2010",
        "D10",
        "关于2010年度“安全生产”检查的通知",
        Classification::Public,
    );
    let kept = desk.add(
        "2010",
        "D10",
        "关于征收土地——第１批——的请示",
        Classification::Internal,
    );
    let young = desk.add("2016", "D10", "2016年工作总结", Classification::Public);
    let thirty = desk.add("1995", "D30", "1995年财务报表", Classification::Public);
    desk.add("1980", "Y", "市政府成立文件", Classification::Public);
    let archivist = desk.archivist.clone();
    // 2010 + 1 + 10 = 2021; 1995 + 1 + 30 = 2026; 2016 + 1 + 10 = 2027.
    let due = desk.due(&archivist, AppraisalKind::Retention, 2026);
    // In code order: by year, then retention.
    assert_eq!(due, [thirty.to_string(), old.to_string(), kept.to_string()]);
    assert!(
        desk.due(&archivist, AppraisalKind::Retention, 2027)
            .contains(&young.to_string())
    );
    assert!(
        !desk
            .due(&archivist, AppraisalKind::Retention, 2025)
            .contains(&thirty.to_string())
    );

    let keep = Decision {
        period: Some(Retention::TenYears),
        reason: "涉及土地权属，仍有查考价值".into(),
        ..decision(Verdict::Keep)
    };
    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "2026年到期鉴定",
            &[proposal(&kept, keep)],
        )
        .unwrap();
    // On a proposed appraisal, a record is off the due list (and its counts) and cannot be
    // proposed again.
    let counted = |desk: &Desk| -> u64 {
        let list = desk
            .archive
            .appraisal_due(
                &desk.archivist,
                AppraisalKind::Retention,
                (None, None),
                None,
                0,
            )
            .unwrap();
        list.groups.iter().map(|g| g.records).sum()
    };
    assert!(
        !desk
            .due(&archivist, AppraisalKind::Retention, 2026)
            .contains(&kept.to_string())
    );
    assert_eq!(counted(&desk), 2);
    let again = desk.archive.propose_appraisal(
        &archivist,
        AppraisalKind::Retention,
        "",
        &[proposal(&kept, decision(Verdict::Destroy))],
    );
    refused_saying(again, &format!("already on appraisal {id}"));

    let admin = desk.admin.clone();
    let approved = desk
        .archive
        .approve_appraisal(&admin, id, "同意续存")
        .unwrap();
    // Nothing to destroy: the appraisal is done when approved.
    assert_eq!(approved.state, AppraisalState::CarriedOut);
    assert!(
        !desk
            .due(&archivist, AppraisalKind::Retention, 2036)
            .contains(&kept.to_string())
    );
    // Kept ten years from 1 January 2027: due again in 2037.
    assert!(
        desk.due(&archivist, AppraisalKind::Retention, 2037)
            .contains(&kept.to_string())
    );
    // The decision is in the record's history.
    let history = desk.archive.record_appraisals(&archivist, &kept).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].1.period, Some(Retention::TenYears));
}

#[test]
fn a_record_not_yet_due_or_kept_for_good_cannot_be_destroyed() {
    let mut desk = desk();
    let young = desk.add("2020", "D10", "2020年会议纪要", Classification::Public);
    let forever = desk.add("1980", "Y", "市政府成立文件", Classification::Public);
    let archivist = desk.archivist.clone();
    let result = desk.archive.propose_appraisal(
        &archivist,
        AppraisalKind::Retention,
        "",
        &[
            proposal(&young, decision(Verdict::Destroy)),
            proposal(&forever, decision(Verdict::Destroy)),
            proposal(&young, decision(Verdict::Open)),
        ],
    );
    let text = result.unwrap_err().to_string();
    assert!(
        text.contains(&format!("{young}: its retention runs until 2031")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{forever}: kept permanently")),
        "{text}"
    );
    assert!(text.contains("is not a decision of retention"), "{text}");
    assert!(desk.archive.appraisals(&archivist).unwrap().is_empty());
}

#[test]
fn destruction_is_approved_by_another_person_and_carried_out_before_a_witness() {
    let mut desk = desk();
    let a = desk.add("2010", "D10", "《会议纪要》第１期", Classification::Public);
    let b = desk.add("2010", "D10", "《会议纪要》第２期", Classification::Public);
    let kept = desk.add("2010", "Y", "《会议纪要》汇编", Classification::Public);
    let archivist = desk.archivist.clone();
    let dir = tempfile::tempdir().unwrap();
    let only_a = dir.path().join("纪要一.txt");
    let shared = dir.path().join("纪要汇编.txt");
    std::fs::write(&only_a, "第一期纪要正文\n").unwrap();
    std::fs::write(&shared, "纪要汇编正文，第一期与第二期共用\n").unwrap();
    desk.archive
        .attach(&archivist, &a, &[only_a], None)
        .unwrap();
    desk.archive
        .attach(&archivist, &b, std::slice::from_ref(&shared), None)
        .unwrap();
    desk.archive
        .attach(&archivist, &kept, &[shared], None)
        .unwrap();
    let hash_a = desk.archive.objects(&archivist, &a).unwrap()[0]
        .sha256
        .clone();
    let hash_shared = desk.archive.objects(&archivist, &b).unwrap()[0]
        .sha256
        .clone();
    let objects = desk.archive.dir().join("objects");
    let path = |hash: &str| objects.join(&hash[..2]).join(hash);
    assert!(path(&hash_a).exists());

    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "",
            &[
                proposal(&a, decision(Verdict::Destroy)),
                proposal(&b, decision(Verdict::Destroy)),
            ],
        )
        .unwrap();
    // Not before approval; not approved by the proposer, nor by a role that may not approve.
    refused_saying(
        desk.archive.carry_out_destruction(&archivist, id, "王监销"),
        "only an approved",
    );
    refused_saying(
        desk.archive.approve_appraisal(&archivist, id, ""),
        "may not approve",
    );
    let admin = desk.admin.clone();
    let own = desk.archive.propose_appraisal(
        &admin,
        AppraisalKind::Retention,
        "",
        &[proposal(&kept, decision(Verdict::Open))],
    );
    assert!(own.is_err(), "an opening decision on a retention appraisal");
    desk.archive
        .approve_appraisal(&admin, id, "同意销毁")
        .unwrap();
    // A record on loan stops the list.
    let loan = LoanRequest {
        borrower: Borrower {
            name: "李研究".into(),
            unit: "市志办".into(),
            id_no: String::new(),
            contact: String::new(),
        },
        purpose: "编史修志".into(),
        kind: LoanKind::ReadingRoom,
        due: None,
        approver: None,
    };
    desk.archive.lend(&archivist, &a, &loan).unwrap();
    refused_saying(
        desk.archive.carry_out_destruction(&archivist, id, "王监销"),
        "on loan: not in the store",
    );
    desk.archive.return_loan(&archivist, &a, "").unwrap();
    refused_saying(
        desk.archive.carry_out_destruction(&archivist, id, "  "),
        "witness",
    );
    refused_saying(
        desk.archive
            .carry_out_destruction(&archivist, id, "archivist"),
        "someone other",
    );

    let done = desk
        .archive
        .carry_out_destruction(&archivist, id, "王监销")
        .unwrap();
    assert_eq!((done.records, done.files), (2, 1));
    assert!(
        !path(&hash_a).exists(),
        "a destroyed record's own file is removed"
    );
    assert!(
        path(&hash_shared).exists(),
        "a file a kept record holds stays"
    );
    for code in [&a, &b] {
        let record = desk.archive.record(&archivist, code).unwrap();
        assert_eq!(record.data.status, Status::Disposed);
        assert_eq!(
            record.data.title,
            format!("《会议纪要》第{}期", if *code == a { "１" } else { "２" })
        );
        let revisions = desk.archive.revisions(&archivist, code).unwrap();
        assert_eq!(revisions.last().unwrap().data.status, Status::InStore);
    }
    assert!(desk.archive.objects(&archivist, &a).unwrap().is_empty());
    assert_eq!(desk.archive.objects(&archivist, &kept).unwrap().len(), 1);
    // Destroyed is final: no loan, no edit back, no second destruction.
    refused_saying(desk.archive.lend(&archivist, &a, &loan), "");
    let back = [(Field::Status, "在库".to_string())];
    refused_saying(
        desk.archive.edit_record(&archivist, &a, &back, None),
        "has been destroyed",
    );
    let by_hand = [(Field::Status, "已销毁".to_string())];
    refused_saying(
        desk.archive.edit_record(&archivist, &kept, &by_hand, None),
        "destruction list",
    );
    refused_saying(
        desk.archive.carry_out_destruction(&archivist, id, "王监销"),
        "carried out",
    );
    assert!(
        !desk
            .due(&archivist, AppraisalKind::Retention, 2030)
            .contains(&a.to_string())
    );

    // The audit trail holds the removal, with the hash of the file removed.
    let auditor = desk.admin.clone();
    let entries = desk
        .archive
        .audit_log(&auditor, &AuditFilter::default(), 1000)
        .unwrap();
    let destroyed = entries
        .iter()
        .find(|e| e.action == "appraisal.destroy")
        .expect("destruction audited");
    assert!(destroyed.detail.contains(&hash_a), "{}", destroyed.detail);
    assert!(!destroyed.detail.contains(&hash_shared));
    assert!(destroyed.detail.contains("王监销"));
    for action in ["appraisal.propose", "appraisal.approve"] {
        assert!(entries.iter().any(|e| e.action == action), "{action}");
    }
    // And the check accepts the absence.
    let report = desk.archive.check(false, &mut |_| {}).unwrap();
    assert_eq!(report.findings(), 0, "{:?}", report.lines);
}

#[test]
fn the_proposer_cannot_approve_and_a_rejected_appraisal_changes_nothing() {
    let mut desk = desk();
    let a = desk.add("2010", "D10", "通知", Classification::Public);
    let admin = desk.admin.clone();
    let id = desk
        .archive
        .propose_appraisal(
            &admin,
            AppraisalKind::Retention,
            "",
            &[proposal(&a, decision(Verdict::Destroy))],
        )
        .unwrap();
    refused_saying(
        desk.archive.approve_appraisal(&admin, id, ""),
        "cannot approve it",
    );
    let second = desk.login("archivist");
    refused_saying(
        desk.archive.reject_appraisal(&second, id, ""),
        "may not approve",
    );
    // Another admin rejects.
    desk.archive
        .add_user(
            &admin,
            "admin2",
            "",
            PASSWORD,
            Role::Admin,
            Classification::Confidential,
        )
        .unwrap();
    let admin2 = desk.login("admin2");
    let rejected = desk
        .archive
        .reject_appraisal(&admin2, id, "清册有误")
        .unwrap();
    assert_eq!(rejected.state, AppraisalState::Rejected);
    refused_saying(desk.archive.approve_appraisal(&admin2, id, ""), "no longer");
    let archivist = desk.archivist.clone();
    assert_eq!(
        desk.archive.record(&archivist, &a).unwrap().data.status,
        Status::InStore
    );
    assert!(
        desk.due(&archivist, AppraisalKind::Retention, 2026)
            .contains(&a.to_string())
    );
}

#[test]
fn opening_review_decides_what_a_public_account_sees() {
    let mut desk = desk();
    let opened = desk.add(
        "1995",
        "Y",
        "关于1995年度“菜篮子”工程的报告",
        Classification::Public,
    );
    let closed = desk.add(
        "1995",
        "Y",
        "1995年信访案件处理意见",
        Classification::Public,
    );
    let young = desk.add("2010", "Y", "2010年工作总结", Classification::Public);
    let archivist = desk.archivist.clone();
    let visitor = desk.login("visitor");
    let all = RecordQuery::default();
    // A public account is cleared to 公开, never above.
    let admin = desk.admin.clone();
    let higher = desk.archive.add_user(
        &admin,
        "visitor2",
        "",
        PASSWORD,
        Role::Public,
        Classification::Internal,
    );
    refused_saying(higher, "cleared to 公开 only");
    assert_eq!(desk.archive.list(&visitor, &all, 10, 0).unwrap().1, 0);
    assert_eq!(
        desk.due(&archivist, AppraisalKind::Opening, 2026),
        [opened.to_string(), closed.to_string()]
    );
    // A public account may not appraise, and opening needs a reason only to keep closed.
    refused_saying(
        desk.archive
            .appraisal_due(&visitor, AppraisalKind::Opening, (None, None), None, 10),
        "may not",
    );
    let close = Decision {
        until: Some(2031),
        reason: "涉及个人隐私".into(),
        ..decision(Verdict::KeepClosed)
    };
    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Opening,
            "1995年档案开放审核",
            &[
                proposal(&opened, decision(Verdict::Open)),
                proposal(&closed, close),
            ],
        )
        .unwrap();
    // Proposed is not decided: nothing is open yet.
    assert_eq!(desk.archive.list(&visitor, &all, 10, 0).unwrap().1, 0);
    let admin = desk.admin.clone();
    desk.archive.approve_appraisal(&admin, id, "").unwrap();

    let (seen, total) = desk.archive.list(&visitor, &all, 10, 0).unwrap();
    assert_eq!(total, 1);
    assert_eq!(seen[0].code, opened);
    assert_eq!(seen[0].data.openness, Openness::Open);
    let fonds = desk.archive.fonds(&visitor).unwrap();
    assert_eq!(fonds[0].records, 1, "counts follow what is open");
    let found = desk.archive.search(&visitor, "1995", 10).unwrap();
    assert_eq!(found.total, 1);
    assert!(desk.archive.record(&visitor, &closed).is_err());
    assert!(desk.archive.record(&visitor, &young).is_err());
    let closed_now = desk.archive.record(&archivist, &closed).unwrap();
    assert_eq!(closed_now.data.openness, Openness::Controlled);
    // Opening is a new version of the record; changing 开放标识 by hand is refused.
    let revisions = desk.archive.revisions(&archivist, &opened).unwrap();
    assert_eq!(
        revisions.last().unwrap().data.openness,
        Openness::Unreviewed
    );
    let by_hand = [(Field::Openness, "开放".to_string())];
    refused_saying(
        desk.archive.edit_record(&archivist, &young, &by_hand, None),
        "opening review",
    );
    // Kept closed until 2031: off the list until then.
    assert!(
        desk.due(&archivist, AppraisalKind::Opening, 2030)
            .is_empty()
    );
    assert_eq!(
        desk.due(&archivist, AppraisalKind::Opening, 2031),
        [closed.to_string()]
    );
}

#[test]
fn declassification_lowers_the_class_through_a_versioned_edit() {
    let mut desk = desk();
    let secret = desk.add("2014", "Y", "2014年“维稳”工作方案", Classification::Secret);
    let confidential = desk.add(
        "2000",
        "Y",
        "2000年边界勘定资料",
        Classification::Confidential,
    );
    let internal = desk.add("1990", "Y", "1990年内部通报", Classification::Internal);
    let archivist = desk.archivist.clone();
    // 秘密 of 2014: 10 years, due 2024; 机密 of 2000: 20 years, due 2020; 内部 is no state secret.
    assert_eq!(
        desk.due(&archivist, AppraisalKind::Declassification, 2026),
        [confidential.to_string(), secret.to_string()]
    );
    let reader = desk.login("reader");
    assert!(desk.archive.record(&reader, &secret).is_err());
    let down = Decision {
        new_class: Some(Classification::Internal),
        ..decision(Verdict::Declassify)
    };
    let keep = Decision {
        until: Some(2030),
        reason: "仍涉及边界谈判".into(),
        ..decision(Verdict::KeepClassified)
    };
    let not_secret = desk.archive.propose_appraisal(
        &archivist,
        AppraisalKind::Declassification,
        "",
        &[proposal(&internal, down.clone())],
    );
    refused_saying(not_secret, "not classified");
    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Declassification,
            "2026年解密审核",
            &[proposal(&secret, down), proposal(&confidential, keep)],
        )
        .unwrap();
    let admin = desk.admin.clone();
    desk.archive.approve_appraisal(&admin, id, "").unwrap();
    let now = desk.archive.record(&reader, &secret).unwrap();
    assert_eq!(now.data.classification, Classification::Internal);
    let was = desk.archive.revisions(&archivist, &secret).unwrap();
    assert_eq!(
        was.last().unwrap().data.classification,
        Classification::Secret
    );
    // The reader, cleared to 内部, sees the new version but not the 秘密 one before it.
    assert!(desk.archive.revisions(&reader, &secret).unwrap().is_empty());
    assert!(
        desk.due(&archivist, AppraisalKind::Declassification, 2029)
            .is_empty()
    );
    assert_eq!(
        desk.due(&archivist, AppraisalKind::Declassification, 2030),
        [confidential.to_string()]
    );
}

#[test]
fn an_appraiser_cleared_to_public_learns_nothing_of_classified_records() {
    let mut desk = desk();
    let public = desk.add("2010", "D10", "公开的通知", Classification::Public);
    let secret = desk.add("2010", "D10", "秘密的请示", Classification::Secret);
    let archivist = desk.archivist.clone();
    let low = desk.login("low");
    let seen = desk
        .archive
        .appraisal_due(&low, AppraisalKind::Retention, (None, None), None, 100)
        .unwrap();
    assert_eq!(seen.groups[0].records, 1, "counts within clearance");
    assert_eq!(seen.records.len(), 1);
    let none = desk
        .archive
        .appraisal_due(
            &low,
            AppraisalKind::Declassification,
            (None, None),
            None,
            100,
        )
        .unwrap();
    assert!(none.groups.is_empty());
    // A hidden record reads as one that does not exist.
    let hidden = desk
        .archive
        .propose_appraisal(
            &low,
            AppraisalKind::Retention,
            "",
            &[proposal(&secret, decision(Verdict::Destroy))],
        )
        .unwrap_err()
        .to_string();
    let missing: ArchivalCode = "J001-2010-D10-BGS-0999".parse().unwrap();
    let absent = desk
        .archive
        .propose_appraisal(
            &low,
            AppraisalKind::Retention,
            "",
            &[proposal(&missing, decision(Verdict::Destroy))],
        )
        .unwrap_err()
        .to_string();
    assert_eq!(
        hidden.replace(&secret.to_string(), "#"),
        absent.replace(&missing.to_string(), "#")
    );
    // An appraisal holding a 秘密 record is not listed, and reads as one that does not exist.
    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "",
            &[
                proposal(&public, decision(Verdict::Destroy)),
                proposal(&secret, decision(Verdict::Destroy)),
            ],
        )
        .unwrap();
    assert!(desk.archive.appraisals(&low).unwrap().is_empty());
    let shown = desk.archive.appraisal(&low, id).unwrap_err().to_string();
    let nothing = desk
        .archive
        .appraisal(&low, id + 1)
        .unwrap_err()
        .to_string();
    assert_eq!(
        shown.replace(&id.to_string(), "#"),
        nothing.replace(&(id + 1).to_string(), "#")
    );
    let history = desk.archive.record_appraisals(&low, &public).unwrap();
    assert_eq!(
        history.len(),
        1,
        "the public record's own decision is its history"
    );
    let mut print = Vec::new();
    assert!(
        desk.archive
            .print_appraisal(&low, id, true, &mut print)
            .is_err()
    );
    assert!(print.is_empty());
}

#[test]
fn what_only_an_appraisal_may_do_cannot_be_done_another_way() {
    let mut desk = desk();
    let secret = desk.add("2010", "D10", "“秘密”工作方案", Classification::Secret);
    let plain = desk.add("2010", "D10", "会议通知", Classification::Public);
    let archivist = desk.archivist.clone();
    // A state secret's class is lowered only by a declassification review; raising it is an edit.
    let lower = [(Field::Classification, "公开".to_string())];
    refused_saying(
        desk.archive.edit_record(&archivist, &secret, &lower, None),
        "declassification review",
    );
    let raise = [(Field::Classification, "机密".to_string())];
    desk.archive
        .edit_record(&archivist, &secret, &raise, None)
        .unwrap();
    // An import says neither that a record is open nor that it was destroyed.
    let dir = tempfile::tempdir().unwrap();
    for (name, row) in [
        (
            "开放.csv",
            "J001-2011-Y-BGS-0001,自称开放的文件,市政府办公室,公开,在库,开放",
        ),
        (
            "销毁.csv",
            "J001-2011-Y-BGS-0002,自称销毁的文件,市政府办公室,公开,已销毁,未审核",
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(
            &file,
            format!("档号,题名,责任者,密级,状态,开放标识\n{row}\n"),
        )
        .unwrap();
        let options = dangan::archive::import::ImportOptions::default();
        let refused = desk.archive.import_records(&archivist, &file, &options);
        let text = refused.unwrap_err().to_string();
        assert!(text.contains(":2: "), "{name}: {text}");
        assert!(
            text.contains("opening review") || text.contains("destruction list"),
            "{text}"
        );
    }
    // A destroyed record is closed: no edit, no file.
    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "",
            &[proposal(&plain, decision(Verdict::Destroy))],
        )
        .unwrap();
    let admin = desk.admin.clone();
    desk.archive.approve_appraisal(&admin, id, "").unwrap();
    desk.archive
        .carry_out_destruction(&archivist, id, "王监销")
        .unwrap();
    let retitle = [(Field::Title, "新题名".to_string())];
    refused_saying(
        desk.archive.edit_record(&admin, &plain, &retitle, None),
        "has been destroyed",
    );
    let file = dir.path().join("补.txt");
    std::fs::write(&file, "补充材料\n").unwrap();
    refused_saying(
        desk.archive.attach(&admin, &plain, &[file], None),
        "has been destroyed",
    );
}

#[test]
fn a_proposal_can_be_withdrawn_an_approved_list_rejected_and_approval_checks_again() {
    let mut desk = desk();
    let a = desk.add("2010", "D10", "通知（一）", Classification::Public);
    let b = desk.add("1990", "Y", "1990年内部通报", Classification::Internal);
    let archivist = desk.archivist.clone();
    let admin = desk.admin.clone();
    // Withdrawn by its own proposer, who may not approve.
    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "",
            &[proposal(&a, decision(Verdict::Destroy))],
        )
        .unwrap();
    let withdrawn = desk
        .archive
        .reject_appraisal(&archivist, id, "清册有误")
        .unwrap();
    assert_eq!(withdrawn.state, AppraisalState::Withdrawn);
    // Approved, then rejected before it is carried out: the record may be proposed again.
    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "",
            &[proposal(&a, decision(Verdict::Destroy))],
        )
        .unwrap();
    desk.archive.approve_appraisal(&admin, id, "").unwrap();
    let rejected = desk
        .archive
        .reject_appraisal(&admin, id, "档案已被借出")
        .unwrap();
    assert_eq!(rejected.state, AppraisalState::Rejected);
    refused_saying(
        desk.archive.carry_out_destruction(&archivist, id, "王监销"),
        "only an approved",
    );
    // A record on an appraisal of one kind waits for it before another kind takes it.
    let opening = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Opening,
            "",
            &[proposal(&b, decision(Verdict::Open))],
        )
        .unwrap();
    let close = Decision {
        until: Some(2030),
        reason: "另案".into(),
        ..decision(Verdict::KeepClosed)
    };
    refused_saying(
        desk.archive.propose_appraisal(
            &archivist,
            AppraisalKind::Opening,
            "",
            &[proposal(&b, close)],
        ),
        &format!("already on appraisal {opening}"),
    );
    // Raised to 秘密 after it was proposed for opening: the approval finds it changed.
    let raise = [(Field::Classification, "秘密".to_string())];
    desk.archive
        .edit_record(&archivist, &b, &raise, None)
        .unwrap();
    let changed = desk.archive.approve_appraisal(&admin, opening, "");
    refused_saying(changed, "still classified");
    assert_eq!(
        desk.archive.record(&archivist, &b).unwrap().data.openness,
        Openness::Unreviewed
    );
}

#[test]
fn a_decision_takes_only_what_it_uses_and_classified_records_are_not_opened() {
    let mut desk = desk();
    let a = desk.add("2010", "D10", "通知", Classification::Public);
    let secret = desk.add("1990", "Y", "1990年“秘密”文件", Classification::Secret);
    let archivist = desk.archivist.clone();
    let destroy_for_thirty = Decision {
        period: Some(Retention::ThirtyYears),
        ..decision(Verdict::Destroy)
    };
    refused_saying(
        desk.archive.propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "",
            &[proposal(&a, destroy_for_thirty)],
        ),
        "takes nothing in this column",
    );
    // Declassified first, then reviewed for opening: it is not on the opening list.
    assert!(
        !desk
            .due(&archivist, AppraisalKind::Opening, 2026)
            .contains(&secret.to_string())
    );
    refused_saying(
        desk.archive.propose_appraisal(
            &archivist,
            AppraisalKind::Opening,
            "",
            &[proposal(&secret, decision(Verdict::Open))],
        ),
        "still classified",
    );
    // A reader sees the record but not the archive's appraisals of it.
    let id = desk
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "内部讨论",
            &[proposal(&a, decision(Verdict::Destroy))],
        )
        .unwrap();
    assert!(id > 0);
    let reader = desk.login("reader");
    assert!(
        desk.archive
            .record_appraisals(&reader, &a)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        desk.archive
            .record_appraisals(&archivist, &a)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_witness_is_not_the_executor_under_any_spelling_of_their_name() {
    let mut desk = desk();
    let a = desk.add("2010", "D10", "通知", Classification::Public);
    let admin = desk.admin.clone();
    desk.archive
        .add_user(
            &admin,
            "clerk",
            "李档案",
            PASSWORD,
            Role::Archivist,
            Classification::Confidential,
        )
        .unwrap();
    let clerk = desk.login("clerk");
    let id = desk
        .archive
        .propose_appraisal(
            &clerk,
            AppraisalKind::Retention,
            "",
            &[proposal(&a, decision(Verdict::Destroy))],
        )
        .unwrap();
    desk.archive.approve_appraisal(&admin, id, "").unwrap();
    for witness in [
        "CLERK",
        "ｃｌｅｒｋ",
        "cl\u{200B}erk",
        "李档案",
        "李　档案",
        " 李 档 案 ",
    ] {
        refused_saying(
            desk.archive.carry_out_destruction(&clerk, id, witness),
            "someone other",
        );
    }
    desk.archive
        .carry_out_destruction(&clerk, id, "王监销")
        .unwrap();
}
