use super::*;
use crate::domain::{Classification, Retention};

/// A small catalogue with plain habits: the office (BGS) writes minutes kept for ever, finance
/// (CWK) writes budgets kept 30 years and marked 内部, personnel (RSK) files appointments 秘密.
fn catalogue() -> Learner {
    let rows: &[(&str, &str, &str, Retention, Classification, &str)] = &[
        (
            "J001",
            "办公室２０１９年第１次工作会议纪要",
            "BGS",
            Retention::Permanent,
            Classification::Public,
            "会议纪要 办公室",
        ),
        (
            "J001",
            "办公室２０１９年第２次工作会议纪要",
            "BGS",
            Retention::Permanent,
            Classification::Public,
            "会议纪要",
        ),
        (
            "J001",
            "办公室关于“五一”值班安排的会议纪要",
            "BGS",
            Retention::Permanent,
            Classification::Public,
            "会议纪要 值班",
        ),
        (
            "J001",
            "２０１９年度部门预算编制说明",
            "CWK",
            Retention::ThirtyYears,
            Classification::Internal,
            "预算",
        ),
        (
            "J001",
            "关于调整２０２０年度预算的请示",
            "CWK",
            Retention::ThirtyYears,
            Classification::Internal,
            "预算 请示",
        ),
        (
            "J001",
            "财务科预算执行情况报告…（附表３份）",
            "CWK",
            Retention::ThirtyYears,
            Classification::Internal,
            "预算",
        ),
        (
            "J001",
            "关于张三同志任职的通知",
            "RSK",
            Retention::Permanent,
            Classification::Secret,
            "任免 人事",
        ),
        (
            "J001",
            "关于李四同志任职的通知",
            "RSK",
            Retention::Permanent,
            Classification::Secret,
            "任免",
        ),
        (
            "J001",
            "关于王五同志免职的通知",
            "RSK",
            Retention::Permanent,
            Classification::Secret,
            "任免",
        ),
        (
            "J001",
            "Annual report on IT budget（信息化）",
            "CWK",
            Retention::ThirtyYears,
            Classification::Internal,
            "预算",
        ),
    ];
    let mut learner = Learner::new();
    for row in rows {
        learner.note_keywords(row.5);
    }
    for (fonds, title, dept, retention, classification, keywords) in rows {
        learner.learn(&Example {
            described: Described {
                fonds,
                title,
                responsible: "",
                doc_no: "",
            },
            dept,
            retention: *retention,
            classification: *classification,
            keywords,
        });
    }
    learner
}

fn suggest(learner: &Learner, title: &str) -> Suggestions {
    learner.suggest(&Described {
        fonds: "J001",
        title,
        responsible: "",
        doc_no: "",
    })
}

#[test]
fn a_new_title_takes_the_values_of_titles_like_it() {
    let learner = catalogue();
    let minutes = suggest(&learner, "办公室２０２１年第３次工作会议纪要");
    assert_eq!(minutes.dept.as_ref().map(|g| g.value.as_str()), Some("BGS"));
    assert_eq!(
        minutes.retention.as_ref().map(|g| g.value),
        Some(Retention::Permanent)
    );
    assert_eq!(
        minutes.classification.as_ref().map(|g| g.value),
        Some(Classification::Public)
    );
    assert_eq!(minutes.keywords[0].value, "会议纪要");
    let budget = suggest(&learner, "关于２０２２年度预算调整的报告");
    assert_eq!(budget.dept.as_ref().map(|g| g.value.as_str()), Some("CWK"));
    assert_eq!(
        budget.retention.as_ref().map(|g| g.value),
        Some(Retention::ThirtyYears)
    );
    assert_eq!(
        budget.classification.as_ref().map(|g| g.value),
        Some(Classification::Internal)
    );
    assert_eq!(budget.keywords[0].value, "预算");
    let appointment = suggest(&learner, "关于赵六同志任职的通知");
    assert_eq!(
        appointment.dept.as_ref().map(|g| g.value.as_str()),
        Some("RSK")
    );
    assert_eq!(
        appointment.classification.as_ref().map(|g| g.value),
        Some(Classification::Secret)
    );
    assert_eq!(appointment.keywords[0].value, "任免");
}

#[test]
fn confidence_is_higher_for_a_plain_case_than_for_a_mixed_one() {
    let learner = catalogue();
    let plain = suggest(&learner, "办公室第５次工作会议纪要");
    let mixed = suggest(&learner, "办公室预算会议");
    let sure = |s: &Suggestions| s.dept.as_ref().map_or(0.0, |g| g.confidence);
    assert!(sure(&plain) > 0.6, "{plain:?}");
    assert!(sure(&plain) > sure(&mixed), "{plain:?} {mixed:?}");
    for guess in [plain.dept, mixed.dept].into_iter().flatten() {
        assert!((0.0..=1.0).contains(&guess.confidence));
    }
}

#[test]
fn nothing_is_suggested_from_an_empty_title_or_an_empty_catalogue() {
    assert_eq!(suggest(&catalogue(), "  "), Suggestions::default());
    assert_eq!(suggest(&Learner::new(), "会议纪要"), Suggestions::default());
}

#[test]
fn forgetting_an_example_takes_back_all_it_taught() {
    let mut learner = Learner::new();
    let example = Example {
        described: Described {
            fonds: "J002",
            title: "《档案法》学习资料汇编",
            responsible: "市档案局、市财政局",
            doc_no: "档发〔2019〕3号",
        },
        dept: "YWK",
        retention: Retention::TenYears,
        classification: Classification::Public,
        keywords: "档案法",
    };
    learner.note_keywords(example.keywords);
    learner.learn(&example);
    let known = learner.suggest(&example.described);
    assert_eq!(known.dept.map(|g| g.value).as_deref(), Some("YWK"));
    assert_eq!(known.keywords[0].value, "档案法");
    learner.forget(&example);
    let forgotten = learner.suggest(&example.described);
    assert_eq!(forgotten.dept, None);
    assert!(forgotten.keywords.is_empty());
    assert_eq!(learner.examples(), 0);
}

#[test]
fn the_baseline_is_the_fonds_most_frequent_value() {
    let learner = catalogue();
    let [dept, retention, classification, _] = learner.most_frequent("J001");
    assert_eq!(dept.as_deref(), Some("CWK"));
    assert_eq!(retention.as_deref(), Some("Y"));
    assert_eq!(classification.as_deref(), Some("internal"));
}

#[test]
fn doc_series_and_parties_are_read_as_written_by_clerks() {
    assert_eq!(series("京政发〔2019〕12号"), "京政发");
    assert_eq!(series("ＸＸ字［2019］1号"), "XX字");
    assert_eq!(series("2019-12"), "");
    let names: Vec<String> = parties("市档案局、 市财政局；").collect();
    assert_eq!(names, ["市档案局", "市财政局"]);
}
