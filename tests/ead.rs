//! `dangan export ead`: a fonds as an EAD 2002 finding aid, read back the way other archive
//! software reads it, and validated against the EAD 2002 schema where xmllint and the schema are
//! on the machine.

mod common;

use common::Sandbox;
use roxmltree::{Document, Node};

const EAD: &str = "urn:isbn:1-931666-22-9";

/// J001 with items in two years and two retentions, one dated only to the month and one estimated;
/// J002 arranged by volume is added where a test needs it.
fn archive() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    let csv = "档号,题名,责任者,文号,日期,页数,密级,主题词,备注,存放位置\n\
        J001-2019-Y-BGS-0001,关于《城市总体规划》“十四五”实施的通知——第１批…,市人民政府办公室,市政办〔2019〕12号,2019-03-12,12,公开,规划；城建 \"A&B\",备注<重要>,1号库-01-02-3\n\
        J001-2019-Y-BGS-0002,市政府常务会议纪要（Ｑ１）,市人民政府办公室,,2019-05,4,内部,,,\n\
        J001-2019-D30-BGS-0001,关于“互联网+政务服务”的报告,市数据局,,[2019-07-01],,公开,,,\n\
        J001-2020-Y-BGS-0001,二〇二〇年工作要点,市人民政府办公室,,2020-01-06,7,公开,,,\n";
    let file = sandbox.write("catalogue.csv", csv.as_bytes());
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    sandbox
}

fn export(sandbox: &Sandbox, args: &[&str]) -> String {
    let path = sandbox.path("aid.xml");
    let mut all = vec!["export", "ead", "--output", path.to_str().unwrap()];
    all.extend(args);
    sandbox.ok(&all);
    std::fs::read_to_string(path).expect("the finding aid")
}

fn ead<'a>(node: Node<'a, 'a>, name: &str) -> Vec<Node<'a, 'a>> {
    node.children()
        .filter(|n| n.tag_name().namespace() == Some(EAD) && n.tag_name().name() == name)
        .collect()
}

fn text_of(node: Node, path: &[&str]) -> String {
    let mut here = vec![node];
    for name in path {
        here = here.into_iter().flat_map(|n| ead(n, name)).collect();
    }
    here.iter()
        .map(|n| n.text().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("|")
}

fn components<'a>(node: Node<'a, 'a>) -> Vec<Node<'a, 'a>> {
    ead(node, "c")
}

#[test]
fn a_fonds_becomes_a_finding_aid_of_series_retentions_departments_and_items() {
    let sandbox = archive();
    let xml = export(&sandbox, &["--fonds", "j001"]);
    let doc = Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(EAD));
    assert_eq!(
        text_of(root, &["eadheader", "eadid"]),
        "dangan.localhost/J001"
    );
    let archdesc = ead(root, "archdesc")[0];
    assert_eq!(archdesc.attribute("level"), Some("fonds"));
    assert_eq!(text_of(archdesc, &["did", "unitid"]), "J001");
    assert_eq!(text_of(archdesc, &["did", "unittitle"]), "市人民政府办公室");
    assert_eq!(
        text_of(archdesc, &["did", "physdesc", "extent"]),
        "4 件|23 页"
    );
    let dates = ead(ead(archdesc, "did")[0], "unitdate")[0];
    assert_eq!(dates.attribute("normal"), Some("2019-03-12/2020-01-06"));

    let dsc = ead(archdesc, "dsc")[0];
    let years = components(dsc);
    let year_ids: Vec<String> = years
        .iter()
        .map(|c| text_of(*c, &["did", "unitid"]))
        .collect();
    assert_eq!(year_ids, ["2019", "2020"]);
    assert_eq!(
        text_of(years[0], &["did", "physdesc", "extent"]),
        "3 件|16 页"
    );
    // 保管期限 in the order of their codes; each holds its 机构, which holds the items.
    let retentions = components(years[0]);
    let retention_ids: Vec<String> = retentions
        .iter()
        .map(|c| text_of(*c, &["did", "unittitle"]))
        .collect();
    assert_eq!(retention_ids, ["定期30年", "永久"]);
    let dept = components(retentions[1])[0];
    assert_eq!(dept.attribute("level"), Some("subseries"));
    assert_eq!(text_of(dept, &["did", "unitid"]), "BGS");
    let items = components(dept);
    assert_eq!(items.len(), 2);
    let first = items[0];
    assert_eq!(first.attribute("level"), Some("item"));
    assert_eq!(text_of(first, &["did", "unitid"]), "J001-2019-Y-BGS-0001");
    assert_eq!(
        text_of(first, &["did", "unittitle"]),
        "关于《城市总体规划》“十四五”实施的通知——第１批…"
    );
    assert_eq!(
        text_of(first, &["did", "origination", "corpname"]),
        "市人民政府办公室"
    );
    assert_eq!(text_of(first, &["did", "physloc"]), "1号库-01-02-3");
    assert_eq!(text_of(first, &["did", "note", "p"]), "备注<重要>");
    assert_eq!(text_of(first, &["odd", "p"]), "文号：市政办〔2019〕12号");
    assert_eq!(text_of(first, &["accessrestrict", "p"]), "密级：公开");
    assert_eq!(
        text_of(first, &["controlaccess", "subject"]),
        "规划|城建|\"A&B\""
    );
    let date = ead(ead(first, "did")[0], "unitdate")[0];
    assert_eq!(date.attribute("normal"), Some("2019-03-12"));
    assert_eq!(date.text(), Some("2019年3月12日"));
    // A date known to the month stays so; an estimated one says it is approximate.
    let month = ead(ead(items[1], "did")[0], "unitdate")[0];
    assert_eq!(month.attribute("normal"), Some("2019-05"));
    let estimated_item = components(components(retentions[0])[0])[0];
    let estimated = ead(ead(estimated_item, "did")[0], "unitdate")[0];
    assert_eq!(estimated.attribute("certainty"), Some("approximate"));
    assert_eq!(estimated.attribute("normal"), Some("2019-07-01"));
}

#[test]
fn a_finding_aid_to_the_series_leaves_the_items_out_but_keeps_their_counts() {
    let sandbox = archive();
    let xml = export(&sandbox, &["--fonds", "J001", "--series-only"]);
    let doc = Document::parse(&xml).expect("well-formed XML");
    assert!(!xml.contains("J001-2019-Y-BGS-0001"));
    let levels: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("level"))
        .collect();
    assert!(!levels.contains(&"item"), "{levels:?}");
    assert!(xml.contains("<extent unit=\"件\">2 件</extent>"), "{xml}");
}

#[test]
fn items_inside_volumes_sit_under_their_catalogue_and_volume() {
    let sandbox = archive();
    sandbox.ok(&["fonds", "add", "J007", "县革命委员会", "--scheme", "volume"]);
    #[rustfmt::skip]
    sandbox.ok(&["volume", "add", "J007-1-12", "--title", "关于《农田水利》建设的请示、批复——１９８５年",
        "--retention", "永久", "--start", "1985-03-02", "--end", "1985-11-30"]);
    #[rustfmt::skip]
    sandbox.ok(&["add", "--volume", "J007-001-012", "--title", "关于兴修水利的请示",
        "--date", "1985-03-02", "--pages", "4", "--class", "公开"]);
    let xml = export(&sandbox, &["--fonds", "J007"]);
    let doc = Document::parse(&xml).expect("well-formed XML");
    let dsc = doc
        .descendants()
        .find(|n| n.tag_name().name() == "dsc")
        .unwrap();
    let catalogue = components(dsc)[0];
    assert_eq!(catalogue.attribute("level"), Some("series"));
    assert_eq!(text_of(catalogue, &["did", "unitid"]), "001");
    let volume = components(catalogue)[0];
    assert_eq!(volume.attribute("level"), Some("file"));
    assert_eq!(text_of(volume, &["did", "unitid"]), "J007-001-012");
    assert_eq!(
        text_of(volume, &["did", "unittitle"]),
        "关于《农田水利》建设的请示、批复——１９８５年"
    );
    let item = components(volume)[0];
    assert_eq!(text_of(item, &["did", "unitid"]), "J007-001-012-0001");
}

#[test]
fn the_finding_aid_is_valid_against_the_ead_2002_schema() {
    let sandbox = archive();
    let xml = export(&sandbox, &["--fonds", "J001"]);
    let file = sandbox.write("J001.xml", xml.as_bytes());
    let Some(schema) = std::env::var_os("DANGAN_EAD_XSD") else {
        eprintln!(
            "skipped: set DANGAN_EAD_XSD to the EAD 2002 schema (ead.xsd, with the xlink schema it \
             imports reachable offline) to validate against it"
        );
        return;
    };
    let run = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output();
    match run {
        Err(_) => eprintln!("skipped: xmllint is not installed"),
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

#[test]
fn an_unknown_fonds_is_refused_and_nothing_is_written() {
    let sandbox = archive();
    let path = sandbox.path("none.xml");
    let run = sandbox.run(&[
        "export",
        "ead",
        "--fonds",
        "J404",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("J404"), "{}", run.stderr);
    assert!(!path.exists());
}

#[test]
fn a_finding_aid_holding_confidential_records_is_audited_and_a_public_user_sees_none_of_them() {
    let sandbox = archive();
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0003",
        "--title",
        "“绝密”会议纪要",
        "--class",
        "机密",
        "--pages",
        "30",
    ]);
    sandbox.add_user("公开档案员", "公开档案员口令-2026", "archivist", "公开");
    let full = export(&sandbox, &["--fonds", "J001"]);
    assert!(full.contains("“绝密”会议纪要"));
    let log = sandbox.ok(&["audit", "log", "--json", "--limit", "1000"]);
    assert!(
        log.contains("\"format\":\"ead\"") || log.contains("\"format\": \"ead\""),
        "{log}"
    );

    let path = sandbox.path("public.xml");
    let run = sandbox.run_as(
        "公开档案员",
        "公开档案员口令-2026",
        &[
            "export",
            "ead",
            "--fonds",
            "J001",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = std::fs::read_to_string(path).unwrap();
    assert!(!public.contains("绝密"));
    assert!(!public.contains("BGS-0003"));
    // Counts and pages leave out what the reader may not see: 3 公开 records, 19 pages.
    assert!(
        public.contains("<extent unit=\"件\">3 件</extent>"),
        "{public}"
    );
    assert!(
        public.contains("<extent unit=\"页\">19 页</extent>"),
        "{public}"
    );
    assert!(!public.contains("内部"));
}
