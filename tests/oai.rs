//! OAI-PMH 2.0 from `dangan serve`, as a harvester meets it: a process on a free port, called with
//! a real HTTP client, its answers read as XML and held to the protocol's rules (the envelope, the
//! request echoed, errors by code, resumption tokens with cursor and completeListSize, each item
//! once) and to what is open (anonymous harvests see records opened to the public only).

mod common;

use std::collections::HashSet;

use common::Sandbox;
use common::service::{Service, agent, serve, system};
use roxmltree::{Document, Node};

const OAI: &str = "http://www.openarchives.org/OAI/2.0/";
const REPOSITORY: &str = "archives.example.gov.cn";
/// 250 public records in J001 (three ListRecords pages), 20 内部 and 5 机密 among them, and 2 in
/// Z109, coded as DA/T 22 writes it.
const PUBLIC: usize = 250;
const PORTAL: (&str, &str) = ("门户采集", "门户采集账户口令-2026");
const SECOND_ADMIN: (&str, &str) = ("馆长", "馆长口令-2026");
const UNREVIEWED: &str = "Z109-WS·2011-Y-BGS-0003";

fn archive() -> Sandbox {
    let sandbox = Sandbox::with_dat22_fonds();
    let mut csv = String::from("档号,题名,责任者,日期,密级,主题词\n");
    for item in 1..=PUBLIC + 25 {
        let (class, title) = match item {
            i if i > PUBLIC + 20 => ("机密", format!("“绝密”专项第{i}号")),
            i if i > PUBLIC => ("内部", format!("内部通报第{i}号")),
            i => ("公开", format!("关于《政务公开》第{i}号——通知…（１）")),
        };
        csv.push_str(&format!(
            "J001-2019-Y-BGS-{item:04},{title},市人民政府办公室,2019-03-12,{class},政务；公开\n"
        ));
    }
    csv.push_str("Z109-WS·2011-Y-BGS-0001,文旅融合“十二五”规划,市文化和旅游局,2011-06-01,公开,\n");
    csv.push_str("Z109-WS·2011-Y-BGS-0002,景区名录,市文化和旅游局,2011-06-02,公开,\n");
    // 公开 but not yet through an opening review: not for the public.
    csv.push_str(&format!(
        "{UNREVIEWED},旅游统计（待开放审核）,市文化和旅游局,2011-06-03,公开,\n"
    ));
    let file = sandbox.write("catalogue.csv", csv.as_bytes());
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    // The opening review of the public records: proposed by the admin, approved by another.
    let mut review = String::from("档号,决定\n");
    for item in 1..=PUBLIC {
        review.push_str(&format!("J001-2019-Y-BGS-{item:04},开放\n"));
    }
    review.push_str("Z109-WS·2011-Y-BGS-0001,开放\nZ109-WS·2011-Y-BGS-0002,开放\n");
    let review = sandbox.write("开放审核.csv", review.as_bytes());
    sandbox.ok(&[
        "appraise",
        "propose",
        review.to_str().unwrap(),
        "--kind",
        "opening",
    ]);
    sandbox.add_user(SECOND_ADMIN.0, SECOND_ADMIN.1, "admin", "机密");
    let approved = sandbox.run_as(
        SECOND_ADMIN.0,
        SECOND_ADMIN.1,
        &["appraise", "approve", "1"],
    );
    assert_eq!(approved.code, 0, "{}", approved.stderr);
    sandbox.ok(&["settings", "set", "archive.id", REPOSITORY]);
    sandbox.ok(&["settings", "set", "archive.name", "某市档案馆"]);
    sandbox.ok(&[
        "settings",
        "set",
        "archive.email",
        "oai@archives.example.gov.cn",
    ]);
    sandbox.add_user(PORTAL.0, PORTAL.1, "public", "公开");
    sandbox
}

fn harvest_service(sandbox: &Sandbox) -> Service {
    serve(sandbox, &["--harvest-as", PORTAL.0])
}

/// The status and body of a GET of /oai with these arguments.
fn oai(service: &Service, query: &[(&str, &str)], token: Option<&str>) -> (u16, String) {
    let mut request = agent().get(format!("{}/oai", service.base));
    for (key, value) in query {
        request = request.query(*key, *value);
    }
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let mut response = request.call().expect("an answer");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().expect("a body"),
    )
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|n| n.tag_name().name() == name)
}

fn children<'a>(node: Node<'a, 'a>, name: &str) -> Vec<Node<'a, 'a>> {
    node.children()
        .filter(|n| n.tag_name().name() == name)
        .collect()
}

/// Checks the envelope every answer has, and returns the error code if it is an error.
fn envelope(doc: &Document, service: &Service) -> Option<String> {
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(OAI));
    assert_eq!(root.tag_name().name(), "OAI-PMH");
    let date = child(root, "responseDate").and_then(|n| n.text()).unwrap();
    assert!(chrono::NaiveDateTime::parse_from_str(date, "%Y-%m-%dT%H:%M:%SZ").is_ok());
    let request = child(root, "request").unwrap();
    assert_eq!(
        request.text(),
        Some(format!("{}/oai", service.base).as_str())
    );
    child(root, "error").map(|e| {
        assert!(
            !e.text().unwrap_or_default().is_empty(),
            "an error says what"
        );
        e.attribute("code").unwrap().to_string()
    })
}

fn error_of(service: &Service, query: &[(&str, &str)]) -> (String, usize) {
    let (status, body) = oai(service, query, None);
    assert_eq!(status, 200, "{body}");
    let doc = Document::parse(&body).expect("XML");
    let code = envelope(&doc, service).unwrap_or_else(|| panic!("no error for {query:?}"));
    let request = child(doc.root_element(), "request").unwrap();
    (code, request.attributes().len())
}

/// Every item of a list, following tokens; checks cursor and size on the way.
fn harvest(service: &Service, query: &[(&str, &str)], token: Option<&str>) -> Vec<String> {
    let verb = query[0].1;
    let mut ids = Vec::new();
    let (mut status, mut body) = oai(service, query, token);
    loop {
        assert_eq!(status, 200, "{body}");
        let doc = Document::parse(&body).expect("XML");
        if let Some(code) = envelope(&doc, service) {
            assert_eq!(code, "noRecordsMatch");
            return ids;
        }
        let list = child(doc.root_element(), verb).expect("the verb's element");
        let headers: Vec<Node> = match verb {
            "ListRecords" => children(list, "record")
                .into_iter()
                .map(|r| child(r, "header").unwrap())
                .collect(),
            _ => children(list, "header"),
        };
        assert!(!headers.is_empty());
        let before = ids.len();
        for header in headers {
            ids.push(
                child(header, "identifier")
                    .unwrap()
                    .text()
                    .unwrap()
                    .to_string(),
            );
        }
        let Some(resume) = child(list, "resumptionToken") else {
            assert_eq!(before, 0, "a list given in parts ends with an empty token");
            return ids;
        };
        assert_eq!(
            resume.attribute("cursor"),
            Some(before.to_string().as_str())
        );
        let size: usize = resume
            .attribute("completeListSize")
            .unwrap()
            .parse()
            .unwrap();
        match resume.text() {
            None => {
                assert_eq!(size, ids.len());
                return ids;
            }
            Some(next) => {
                let next = next.to_string();
                (status, body) = oai(
                    service,
                    &[("verb", verb), ("resumptionToken", &next)],
                    token,
                );
            }
        }
    }
}

#[test]
fn identify_gives_the_repository_as_its_settings_name_it() {
    let sandbox = archive();
    let service = harvest_service(&sandbox);
    let (_, body) = oai(&service, &[("verb", "Identify")], None);
    let doc = Document::parse(&body).unwrap();
    assert_eq!(envelope(&doc, &service), None);
    let identify = child(doc.root_element(), "Identify").unwrap();
    let text = |name| {
        child(identify, name)
            .and_then(|n| n.text())
            .unwrap()
            .to_string()
    };
    assert_eq!(text("repositoryName"), "某市档案馆");
    assert_eq!(text("baseURL"), format!("{}/oai", service.base));
    assert_eq!(text("protocolVersion"), "2.0");
    assert_eq!(text("adminEmail"), "oai@archives.example.gov.cn");
    assert_eq!(text("granularity"), "YYYY-MM-DDThh:mm:ssZ");
    assert!(["no", "transient", "persistent"].contains(&text("deletedRecord").as_str()));
    assert!(
        chrono::NaiveDateTime::parse_from_str(&text("earliestDatestamp"), "%Y-%m-%dT%H:%M:%SZ")
            .is_ok()
    );
    assert!(body.contains(&format!(
        "<repositoryIdentifier>{REPOSITORY}</repositoryIdentifier>"
    )));

    let refused = sandbox.run(&["settings", "set", "archive.id", "不是域名"]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("archive.id"), "{}", refused.stderr);
}

#[test]
fn a_harvest_in_parts_gets_every_public_item_exactly_once_and_nothing_above() {
    let sandbox = archive();
    let service = harvest_service(&sandbox);
    let records = harvest(
        &service,
        &[("verb", "ListRecords"), ("metadataPrefix", "oai_dc")],
        None,
    );
    let unique: HashSet<&String> = records.iter().collect();
    assert_eq!(unique.len(), records.len(), "an item came twice");
    // Two fonds and their public records; the 内部 and 机密 ones are not there.
    assert_eq!(records.len(), 2 + PUBLIC + 2);
    assert!(records.contains(&format!("oai:{REPOSITORY}:J001-2019-Y-BGS-0250")));
    assert!(!records.contains(&format!("oai:{REPOSITORY}:J001-2019-Y-BGS-0251")));
    let unreviewed = format!("oai:{REPOSITORY}:{}", UNREVIEWED.replace('·', "%C2%B7"));
    assert!(!records.contains(&unreviewed), "公开 but not opened");
    let ids = harvest(
        &service,
        &[("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")],
        None,
    );
    assert_eq!(ids, records);

    // A system with a token harvests as its own account: 机密 included.
    let token = system(&sandbox, "省档案馆平台", "reader", "机密");
    let all = harvest(
        &service,
        &[("verb", "ListRecords"), ("metadataPrefix", "oai_dc")],
        Some(&token),
    );
    assert_eq!(all.len(), 2 + PUBLIC + 25 + 3);
    assert!(all.contains(&unreviewed));

    // A 机密 record is as absent as one that does not exist.
    let hidden = format!("oai:{REPOSITORY}:J001-2019-Y-BGS-0275");
    let missing = format!("oai:{REPOSITORY}:J001-2019-Y-BGS-0999");
    for id in [&hidden, &missing] {
        let query = [
            ("verb", "GetRecord"),
            ("identifier", id.as_str()),
            ("metadataPrefix", "oai_dc"),
        ];
        let (status, body) = oai(&service, &query, None);
        assert_eq!(status, 200);
        assert!(body.contains("code=\"idDoesNotExist\""), "{body}");
        assert!(!body.contains("绝密"));
    }
}

#[test]
fn sets_and_datestamps_select_what_a_harvest_takes() {
    let sandbox = archive();
    let service = harvest_service(&sandbox);
    let (_, body) = oai(&service, &[("verb", "ListSets")], None);
    let doc = Document::parse(&body).unwrap();
    let sets: Vec<String> = children(child(doc.root_element(), "ListSets").unwrap(), "set")
        .into_iter()
        .map(|s| child(s, "setSpec").unwrap().text().unwrap().to_string())
        .collect();
    assert_eq!(sets, ["J001", "J002", "Z109"]);

    let z109 = harvest(
        &service,
        &[
            ("verb", "ListIdentifiers"),
            ("metadataPrefix", "oai_dc"),
            ("set", "Z109"),
        ],
        None,
    );
    assert_eq!(z109.len(), 3, "{z109:?}");
    // The · of a DA/T 22 code is percent-encoded, and the identifier gets the record back.
    let code = format!("oai:{REPOSITORY}:Z109-WS%C2%B72011-Y-BGS-0001");
    assert!(z109.contains(&code), "{z109:?}");
    let query = [
        ("verb", "GetRecord"),
        ("identifier", code.as_str()),
        ("metadataPrefix", "oai_dc"),
    ];
    let (_, body) = oai(&service, &query, None);
    let doc = Document::parse(&body).unwrap();
    let dc = doc
        .descendants()
        .find(|n| n.tag_name().name() == "dc")
        .expect("a Dublin Core description");
    let field = |name| {
        children(dc, name)
            .iter()
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(field("title"), ["文旅融合“十二五”规划"]);
    assert_eq!(field("creator"), ["市文化和旅游局"]);
    assert_eq!(field("date"), ["2011-06-01"]);
    assert_eq!(field("identifier"), ["Z109-WS·2011-Y-BGS-0001"]);

    let future = [
        ("verb", "ListIdentifiers"),
        ("metadataPrefix", "oai_dc"),
        ("from", "2999-01-01"),
    ];
    assert_eq!(error_of(&service, &future).0, "noRecordsMatch");
    let past = [
        ("verb", "ListIdentifiers"),
        ("metadataPrefix", "oai_dc"),
        ("until", "2000-01-01T00:00:00Z"),
    ];
    assert_eq!(error_of(&service, &past).0, "noRecordsMatch");
    let span = [
        ("verb", "ListIdentifiers"),
        ("metadataPrefix", "oai_dc"),
        ("set", "Z109"),
        ("from", "2000-01-01"),
        ("until", "2999-12-31"),
    ];
    assert_eq!(harvest(&service, &span, None).len(), 3);
    let nowhere = [
        ("verb", "ListRecords"),
        ("metadataPrefix", "oai_dc"),
        ("set", "J404"),
    ];
    assert_eq!(error_of(&service, &nowhere).0, "noRecordsMatch");
}

#[test]
fn fonds_are_harvested_as_finding_aids_in_oai_ead() {
    let sandbox = archive();
    let service = harvest_service(&sandbox);
    let fonds = format!("oai:{REPOSITORY}:J001");
    let record = format!("oai:{REPOSITORY}:J001-2019-Y-BGS-0001");
    let prefixes = |id: &str| {
        let (_, body) = oai(
            &service,
            &[("verb", "ListMetadataFormats"), ("identifier", id)],
            None,
        );
        let doc = Document::parse(&body).unwrap();
        doc.descendants()
            .filter(|n| n.tag_name().name() == "metadataPrefix")
            .map(|n| n.text().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(prefixes(&fonds), ["oai_dc", "oai_ead"]);
    assert_eq!(prefixes(&record), ["oai_dc"]);

    let query = [
        ("verb", "GetRecord"),
        ("identifier", fonds.as_str()),
        ("metadataPrefix", "oai_ead"),
    ];
    let (_, body) = oai(&service, &query, None);
    let doc = Document::parse(&body).unwrap();
    let ead = doc
        .descendants()
        .find(|n| n.tag_name().name() == "ead")
        .expect("a finding aid");
    assert_eq!(ead.tag_name().namespace(), Some("urn:isbn:1-931666-22-9"));
    // The anonymous harvester's finding aid counts the public records only.
    assert!(body.contains(&format!("{PUBLIC} 件")), "{body}");
    assert!(!body.contains("内部通报"));

    let aids = harvest(
        &service,
        &[("verb", "ListRecords"), ("metadataPrefix", "oai_ead")],
        None,
    );
    assert_eq!(aids, [fonds.clone(), format!("oai:{REPOSITORY}:Z109")]);
    let query = [
        ("verb", "GetRecord"),
        ("identifier", record.as_str()),
        ("metadataPrefix", "oai_ead"),
    ];
    assert_eq!(error_of(&service, &query).0, "cannotDisseminateFormat");
}

#[test]
fn requests_the_protocol_refuses_get_its_error_and_no_echoed_arguments() {
    let sandbox = archive();
    let service = harvest_service(&sandbox);
    for (query, code, echoed) in [
        (&[][..], "badVerb", false),
        (&[("verb", "Harvest")][..], "badVerb", false),
        (
            &[("verb", "Identify"), ("verb", "Identify")][..],
            "badVerb",
            false,
        ),
        (
            &[("verb", "Identify"), ("set", "J001")][..],
            "badArgument",
            false,
        ),
        (&[("verb", "ListRecords")][..], "badArgument", false),
        (
            &[
                ("verb", "ListRecords"),
                ("metadataPrefix", "oai_dc"),
                ("set", "J001"),
                ("set", "J002"),
            ][..],
            "badArgument",
            false,
        ),
        (
            &[
                ("verb", "ListRecords"),
                ("metadataPrefix", "oai_dc"),
                ("from", "2019-13-01"),
            ][..],
            "badArgument",
            false,
        ),
        (
            &[("verb", "GetRecord"), ("metadataPrefix", "oai_dc")][..],
            "badArgument",
            false,
        ),
        (
            &[("verb", "ListRecords"), ("metadataPrefix", "marc21")][..],
            "cannotDisseminateFormat",
            true,
        ),
        (
            &[
                ("verb", "ListRecords"),
                ("resumptionToken", "oai_dc~~~~r1~x~"),
            ][..],
            "badResumptionToken",
            true,
        ),
        (
            &[("verb", "ListSets"), ("resumptionToken", "anything")][..],
            "badResumptionToken",
            true,
        ),
        (
            &[
                ("verb", "GetRecord"),
                ("identifier", "oai:other.example.org:J001"),
                ("metadataPrefix", "oai_dc"),
            ][..],
            "idDoesNotExist",
            true,
        ),
    ] {
        let (found, attributes) = error_of(&service, query);
        assert_eq!(found, code, "{query:?}");
        assert_eq!(attributes > 0, echoed, "{query:?}");
    }
    // POST with a form body is answered as GET is.
    let mut response = agent()
        .post(format!("{}/oai", service.base))
        .content_type("application/x-www-form-urlencoded")
        .send("verb=ListSets")
        .expect("an answer");
    let body = response.body_mut().read_to_string().unwrap();
    assert!(body.contains("<setSpec>J001</setSpec>"), "{body}");
    // An error is told in Chinese to a harvester that asks for it.
    let mut response = agent()
        .get(format!("{}/oai?verb=Nope", service.base))
        .header("Accept-Language", "zh-CN")
        .call()
        .unwrap();
    assert!(
        response
            .body_mut()
            .read_to_string()
            .unwrap()
            .contains("动词")
    );
}

#[test]
fn anonymous_harvests_need_a_public_account_named_by_the_operator() {
    let sandbox = archive();
    let closed = serve(&sandbox, &[]);
    let (status, _) = oai(&closed, &[("verb", "Identify")], None);
    assert_eq!(status, 401);
    drop(closed);

    // Not a reader cleared to 内部, nor one cleared to 公开: a public account sees what is open.
    sandbox.add_user("内部账户", "内部账户口令-2026", "reader", "内部");
    sandbox.add_user("公开读者", "公开读者口令-2026", "reader", "公开");
    for account in ["内部账户", "公开读者"] {
        let args = ["serve", "--listen", "127.0.0.1:0", "--harvest-as", account];
        let run = sandbox.run(&args);
        assert_ne!(run.code, 0);
        assert!(
            run.stderr.contains(account) && run.stderr.contains("public (reading-room)"),
            "{}",
            run.stderr
        );
    }

    // Every request, refused ones too, is in the audit trail with who made it.
    let service = harvest_service(&sandbox);
    oai(&service, &[("verb", "ListSets")], None);
    let log = sandbox.ok(&["audit", "log", "--json", "--limit", "100000"]);
    assert!(log.contains("/oai?verb=Identify"), "{log}");
    assert!(log.contains("/oai?verb=ListSets"));
    assert!(log.contains(PORTAL.0));
}

#[test]
fn a_record_withdrawn_from_the_harvesters_sight_is_harvested_as_deleted() {
    let sandbox = archive();
    let service = harvest_service(&sandbox);
    let first = harvest(
        &service,
        &[("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")],
        None,
    );
    let withdrawn = format!("oai:{REPOSITORY}:J001-2019-Y-BGS-0007");
    assert!(first.contains(&withdrawn));
    let (_, identify) = oai(&service, &[("verb", "Identify")], None);
    let fonds_stamp = |body: &str| {
        let doc = Document::parse(body).unwrap();
        doc.descendants()
            .filter(|n| n.tag_name().name() == "header")
            .find(|h| {
                child(*h, "identifier").and_then(|i| i.text())
                    == Some(&format!("oai:{REPOSITORY}:J001"))
            })
            .and_then(|h| {
                child(h, "datestamp")
                    .and_then(|d| d.text())
                    .map(String::from)
            })
            .unwrap()
    };
    let before = oai(
        &service,
        &[
            ("verb", "ListIdentifiers"),
            ("metadataPrefix", "oai_dc"),
            ("set", "J001"),
        ],
        None,
    )
    .1;
    let stamp_before = fonds_stamp(&before);
    assert!(identify.contains("<deletedRecord>"));

    // One second on, so the change has a datestamp of its own.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    sandbox.ok(&["edit", "J001-2019-Y-BGS-0007", "--class", "内部"]);
    let since = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let query = [
        ("verb", "ListRecords"),
        ("metadataPrefix", "oai_dc"),
        ("from", since.as_str()),
    ];
    let (_, body) = oai(&service, &query, None);
    let doc = Document::parse(&body).unwrap();
    let deleted: Vec<Node> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "header" && n.attribute("status") == Some("deleted"))
        .collect();
    assert_eq!(deleted.len(), 1, "{body}");
    assert_eq!(
        child(deleted[0], "identifier").unwrap().text(),
        Some(withdrawn.as_str())
    );
    assert!(
        child(deleted[0].parent().unwrap(), "metadata").is_none(),
        "a deleted record has no metadata"
    );
    assert!(
        !body.contains("内部通报"),
        "records never public stay unseen"
    );
    // Its fonds changed with it, and says so by its datestamp, however the harvest asks.
    let after = oai(
        &service,
        &[
            ("verb", "ListIdentifiers"),
            ("metadataPrefix", "oai_dc"),
            ("set", "J001"),
        ],
        None,
    )
    .1;
    let stamp_after = fonds_stamp(&after);
    assert!(stamp_after > stamp_before, "{stamp_before} {stamp_after}");
    let windowed = oai(
        &service,
        &[
            ("verb", "ListIdentifiers"),
            ("metadataPrefix", "oai_dc"),
            ("set", "J001"),
            ("from", since.as_str()),
        ],
        None,
    )
    .1;
    assert_eq!(fonds_stamp(&windowed), stamp_after);
}

#[test]
fn a_destroyed_record_is_harvested_as_deleted() {
    let sandbox = archive();
    // A record of 2010 kept ten years, opened, then destroyed with its list.
    let code = "J001-2010-D10-BGS-0001";
    let record = format!(
        "档号,题名,责任者,日期,密级\n{code},2010年“节能”通知,市人民政府办公室,2010-05-01,公开\n"
    );
    let file = sandbox.write("2010.csv", record.as_bytes());
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    let second = |args: &[&str]| {
        let run = sandbox.run_as(SECOND_ADMIN.0, SECOND_ADMIN.1, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    };
    for (kind, verdict, id) in [("opening", "开放", "2"), ("retention", "销毁", "3")] {
        let sheet = sandbox.write(
            "决定.csv",
            format!("档号,决定\n{code},{verdict}\n").as_bytes(),
        );
        sandbox.ok(&[
            "appraise",
            "propose",
            sheet.to_str().unwrap(),
            "--kind",
            kind,
        ]);
        second(&["appraise", "approve", id]);
    }
    let service = harvest_service(&sandbox);
    let identifier = format!("oai:{REPOSITORY}:{code}");
    let ids = harvest(
        &service,
        &[("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")],
        None,
    );
    assert!(ids.contains(&identifier), "opened, so harvested");
    sandbox.ok(&["appraise", "destroy", "3", "--witness", "王监销", "--yes"]);
    let query = [
        ("verb", "GetRecord"),
        ("metadataPrefix", "oai_dc"),
        ("identifier", identifier.as_str()),
    ];
    let (status, body) = oai(&service, &query, None);
    assert_eq!(status, 200);
    let doc = Document::parse(&body).unwrap();
    let header = doc
        .descendants()
        .find(|n| n.tag_name().name() == "header")
        .expect("a header");
    assert_eq!(header.attribute("status"), Some("deleted"), "{body}");
    assert!(
        !body.contains("节能"),
        "no metadata for what is gone: {body}"
    );
}
