//! `dangan serve` as another system meets it: a process on a free port, called with a real HTTP
//! client. Tokens missing, wrong or disabled; a package submitted, received once however often it
//! is sent, its receipt read back by its own system only; records and search within the system's
//! clearance; oversized and hostile bodies; every call in the audit trail.

mod common;

use std::io::{BufRead, BufReader, Write};

use common::Sandbox;
use common::service::{Service, agent, system};
use common::transfer::{FROM, package, standard};

/// Status and JSON body of a GET.
fn get(service: &Service, path: &str, token: Option<&str>) -> (u16, serde_json::Value) {
    let mut request = agent().get(format!("{}{path}", service.base));
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let mut response = request.call().expect("an answer");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

fn submit(service: &Service, token: &str, body: &[u8], lang: &str) -> (u16, serde_json::Value) {
    let mut response = agent()
        .post(format!("{}/api/v1/transfers", service.base))
        .query("from", FROM)
        .query("name", "财政局-2019.zip")
        .header("Authorization", format!("Bearer {token}"))
        .header("Accept-Language", lang)
        .send(body)
        .expect("an answer");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().expect("a body");
    (status, serde_json::from_str(&text).expect("JSON"))
}

#[test]
fn a_system_submits_a_package_once_and_reads_its_receipt() {
    let sandbox = Sandbox::with_archive();
    let token = system(&sandbox, "oa", "archivist", "内部");
    let zip = std::fs::read(package(&sandbox, &standard(&sandbox), "p.zip")).unwrap();
    let service = common::service::serve(&sandbox, &[]);
    let (status, receipt) = submit(&service, &token, &zip, "en");
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["outcome"], "accepted");
    assert_eq!(receipt["package"], "财政局-2019.zip");
    let id = receipt["transfer"].as_i64().unwrap();
    // Sent again after a dropped connection: the first receipt, nothing received twice.
    let (status, again) = submit(&service, &token, &zip, "zh");
    assert_eq!(status, 200, "{again}");
    assert!(
        again["already"].as_str().unwrap().contains("没有重复接收"),
        "{again}"
    );
    assert_eq!(again["receipt"]["transfer"], id);
    assert_eq!(common::record_count(&sandbox), 3);
    let (status, read) = get(&service, &format!("/api/v1/transfers/{id}"), Some(&token));
    assert_eq!(
        (status, &read["received"][2]["code"]),
        (200, &receipt["received"][2]["code"])
    );
    let (_, list) = get(&service, "/api/v1/transfers", Some(&token));
    assert_eq!(list["transfers"].as_array().unwrap().len(), 1);
    let (_, stats) = get(&service, "/api/v1/stats", Some(&token));
    assert_eq!(
        (stats["submitted"].as_u64(), stats["accepted"].as_u64()),
        (Some(1), Some(1))
    );
    let (status, record) = get(
        &service,
        "/api/v1/records/J001-2019-Y-BGS-0002",
        Some(&token),
    );
    assert_eq!(status, 200);
    assert_eq!(record["title"], "《局务会议纪要》（扫描件）…");
    let (status, found) = get(
        &service,
        "/api/v1/search?q=%E5%B1%80%E5%8A%A1%E4%BC%9A%E8%AE%AE",
        Some(&token),
    );
    assert_eq!((status, found["total"].as_u64()), (200, Some(1)), "{found}");
    let (status, doc) = get(&service, "/openapi.json", None);
    assert_eq!((status, doc["openapi"].as_str()), (200, Some("3.0.3")));
    let audit = sandbox.ok(&["audit", "log", "--by", "oa", "--json"]);
    assert!(audit.matches("api.call").count() >= 7, "{audit}");
    assert!(audit.contains("transfer.receive"), "{audit}");
}

#[test]
fn calls_without_a_good_token_are_refused_and_audited() {
    let sandbox = Sandbox::with_archive();
    let token = system(&sandbox, "oa", "archivist", "内部");
    let reader = system(&sandbox, "portal", "reader", "公开");
    let service = common::service::serve(&sandbox, &[]);
    let (status, body) = get(&service, "/api/v1/transfers", None);
    assert_eq!((status, body["error"].as_str()), (401, Some("no_token")));
    // The last character changed (to another: a token may end in 0 as well as anything).
    let last = if token.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &token[..token.len() - 1]);
    let (status, body) = get(&service, "/api/v1/transfers", Some(&forged));
    assert_eq!((status, body["error"].as_str()), (401, Some("bad_token")));
    // A reader may search but not submit: refused before the body is read.
    let (status, body) = submit(&service, &reader, b"PK not read", "zh");
    assert_eq!(status, 403, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("portal"),
        "{body}"
    );
    // A new token ends the old one; a disabled account's token works no more.
    let newer = sandbox.ok(&["user", "token", "oa"]);
    assert_eq!(get(&service, "/api/v1/transfers", Some(&token)).0, 401);
    let newer = newer.lines().last().unwrap().trim().to_string();
    assert_eq!(get(&service, "/api/v1/transfers", Some(&newer)).0, 200);
    sandbox.ok(&["user", "disable", "oa"]);
    assert_eq!(get(&service, "/api/v1/transfers", Some(&newer)).0, 401);
    let audit = sandbox.ok(&["audit", "log", "--json"]);
    let refused =
        audit.matches("\"status\":401").count() + audit.matches("\"status\": 401").count();
    assert!(refused >= 3, "{audit}");
    assert!(
        !audit.contains(&token) && !audit.contains(&newer),
        "no token is logged"
    );
}

#[test]
fn a_system_sees_its_own_transfers_and_records_within_its_clearance() {
    let sandbox = Sandbox::with_archive();
    let oa = system(&sandbox, "oa", "archivist", "内部");
    let platform = system(&sandbox, "platform", "archivist", "公开");
    sandbox.ok(&[
        "add",
        "--code",
        "J002-2019-Y-BGS-0001",
        "--title",
        "机密预算“草案”",
        "--class",
        "机密",
    ]);
    let zip = std::fs::read(package(&sandbox, &standard(&sandbox), "p.zip")).unwrap();
    let service = common::service::serve(&sandbox, &[]);
    let (status, receipt) = submit(&service, &oa, &zip, "en");
    assert_eq!(status, 201, "{receipt}");
    let id = receipt["transfer"].as_i64().unwrap();
    let (status, body) = get(
        &service,
        &format!("/api/v1/transfers/{id}"),
        Some(&platform),
    );
    assert_eq!(status, 404, "another system's transfer: {body}");
    let (_, list) = get(&service, "/api/v1/transfers", Some(&platform));
    assert!(list["transfers"].as_array().unwrap().is_empty());
    let hidden = get(
        &service,
        "/api/v1/records/J002-2019-Y-BGS-0001",
        Some(&platform),
    );
    let absent = get(
        &service,
        "/api/v1/records/J002-2019-Y-BGS-0009",
        Some(&platform),
    );
    assert_eq!(hidden.0, 404);
    assert_eq!(
        hidden.1["message"]
            .as_str()
            .map(|m| m.replace("0001", "0009")),
        absent.1["message"].as_str().map(str::to_string),
        "a record above the clearance reads as one that is not there"
    );
    let (_, found) = get(
        &service,
        "/api/v1/search?q=%E9%A2%84%E7%AE%97",
        Some(&platform),
    );
    assert_eq!(found["total"], 0, "{found}");
    let (_, found) = get(&service, "/api/v1/search?q=%E9%A2%84%E7%AE%97", Some(&oa));
    assert_eq!(found["total"], 0, "内部 does not see 机密 either: {found}");
}

#[test]
fn oversized_and_hostile_bodies_are_refused_without_a_trace() {
    let sandbox = Sandbox::with_archive();
    let token = system(&sandbox, "oa", "archivist", "内部");
    sandbox.ok(&["settings", "set", "receive.max_mb", "1"]);
    let service = common::service::serve(&sandbox, &[]);
    // Declared too large: answered at once, before any of the body is sent.
    let address = service.base.trim_start_matches("http://");
    let mut raw = std::net::TcpStream::connect(address).unwrap();
    let head = format!(
        "POST /api/v1/transfers?from=x HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n",
        3 << 20
    );
    raw.write_all(head.as_bytes()).unwrap();
    let mut answer = String::new();
    BufReader::new(&raw).read_line(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // Sent without a length (chunked): read up to the limit, then refused.
    let big = vec![b'x'; 3 << 20];
    let chunked = agent()
        .post(format!("{}/api/v1/transfers", service.base))
        .query("from", FROM)
        .header("Authorization", format!("Bearer {token}"))
        .send(ureq::SendBody::from_reader(&mut &big[..]));
    if let Ok(mut response) = chunked {
        // The client may also see the connection closed mid-body, as HTTP allows.
        assert_eq!(response.status().as_u16(), 413);
        let text = response.body_mut().read_to_string().unwrap();
        assert!(text.contains("too_large"), "{text}");
    }
    // A zip whose entry would climb out of the package.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "data/../../evil.txt",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"x").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let (status, receipt) = submit(&service, &token, &bytes, "zh");
    assert_eq!(status, 422, "{receipt}");
    assert!(
        receipt["refusals"][0]["zh"]
            .as_str()
            .unwrap()
            .contains("包外"),
        "{receipt}"
    );
    assert_eq!(common::record_count(&sandbox), 0);
    let scratch = sandbox.archive().join("receiving");
    assert_eq!(
        std::fs::read_dir(scratch).unwrap().count(),
        0,
        "uploads removed"
    );
    assert!(!sandbox.path("evil.txt").exists());
}
