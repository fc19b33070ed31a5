//! AtoM's ISAD(G) CSV: `dangan export atom` writes a fonds with AtoM's own columns, one row per
//! level of description; `dangan import records` reads such a file (dangan's or another
//! archive's) back, its 档号 rebuilt from the legacyId/parentId tree.

mod common;

use std::collections::HashMap;

use common::{Sandbox, record_count};

/// The header of AtoM's example file (lib/task/import/example/isad), as AtoM ships it.
const ATOM_HEADER: &str = "legacyId,parentId,qubitParentSlug,accessionNumber,identifier,title,levelOfDescription,extentAndMedium,repository,archivalHistory,acquisition,scopeAndContent,appraisal,accruals,arrangement,accessConditions,reproductionConditions,language,script,languageNote,physicalCharacteristics,findingAids,locationOfOriginals,locationOfCopies,relatedUnitsOfDescription,publicationNote,digitalObjectPath,digitalObjectURI,generalNote,subjectAccessPoints,placeAccessPoints,nameAccessPoints,genreAccessPoints,descriptionIdentifier,institutionIdentifier,rules,descriptionStatus,levelOfDetail,revisionHistory,languageOfDescription,scriptOfDescription,sources,archivistNote,publicationStatus,physicalObjectName,physicalObjectLocation,physicalObjectType,alternativeIdentifiers,alternativeIdentifierLabels,eventDates,eventTypes,eventStartDates,eventEndDates,eventActors,eventActorHistories,culture";

fn archive() -> Sandbox {
    let sandbox = Sandbox::with_dat22_fonds();
    let csv = "档号,题名,责任者,文号,日期,页数,密级,载体,主题词,备注,存放位置\n\
        Z109-WS·2011-Y-BGS-0001,关于《文旅融合》“十二五”规划的通知——第１批…,市文化和旅游局,市文旅〔2011〕3号,2011-06-01,12,公开,纸质+电子,规划 文旅,\"备注，含逗号\",1号库-01-02-3\n\
        Z109-WS·2011-Y-BGS-0002,=HYPERLINK(\"x\")景区名录,市文化和旅游局,,2011-07,4,内部,纸质,,,\n\
        Z109-WS·2011-D30-BGS-0001,年度总结（Ｑ４）,市文化和旅游局,,[2011-12-30],,公开,电子,,,\n";
    let file = sandbox.write("catalogue.csv", csv.as_bytes());
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    sandbox
}

/// A row of AtoM's template with the named cells filled.
fn atom_row(cells: &[(&str, &str)]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let row: Vec<&str> = ATOM_HEADER
        .split(',')
        .map(|column| {
            cells
                .iter()
                .find(|(c, _)| *c == column)
                .map_or("", |(_, v)| *v)
        })
        .collect();
    writer.write_record(&row).unwrap();
    String::from_utf8(writer.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_string()
}

fn rows(path: &std::path::Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_path(path).expect("a CSV file");
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

/// AtoM's reference code: the identifiers from the top down, joined with `-`.
fn reference_code(row: &HashMap<String, String>, all: &[HashMap<String, String>]) -> String {
    let mut parts = vec![row["identifier"].clone()];
    let mut parent = row["parentId"].clone();
    while let Some(up) = all.iter().find(|r| r["legacyId"] == parent) {
        parts.push(up["identifier"].clone());
        parent = up["parentId"].clone();
    }
    parts.reverse();
    parts.join("-")
}

#[test]
fn a_fonds_is_written_with_atoms_columns_and_its_tree_rebuilds_each_code() {
    let sandbox = archive();
    let path = sandbox.path("z109.csv");
    sandbox.ok(&[
        "export",
        "atom",
        "--fonds",
        "Z109",
        "-o",
        path.to_str().unwrap(),
    ]);
    let (header, rows) = rows(&path);
    assert_eq!(header.join(","), ATOM_HEADER);
    let levels: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["levelOfDescription"].as_str(), r["identifier"].as_str()))
        .collect();
    assert_eq!(
        levels,
        [
            ("Fonds", "Z109"),
            ("Series", "WS·2011"),
            ("Subseries", "D30"),
            ("Subseries", "BGS"),
            ("Item", "0001"),
            ("Subseries", "Y"),
            ("Subseries", "BGS"),
            ("Item", "0001"),
            ("Item", "0002"),
        ]
    );
    assert_eq!(rows[0]["title"], "市文化和旅游局");
    assert_eq!(rows[0]["extentAndMedium"], "3 件，16 页");
    for item in rows.iter().filter(|r| r["levelOfDescription"] == "Item") {
        assert_eq!(reference_code(item, &rows), item["legacyId"]);
    }
    let first = rows
        .iter()
        .find(|r| r["legacyId"] == "Z109-WS·2011-Y-BGS-0001")
        .unwrap();
    assert_eq!(
        first["title"],
        "关于《文旅融合》“十二五”规划的通知——第１批…"
    );
    assert_eq!(first["extentAndMedium"], "12 页；纸质+电子");
    assert_eq!(first["accessConditions"], "密级：公开");
    assert_eq!(first["alternativeIdentifiers"], "市文旅〔2011〕3号");
    assert_eq!(first["alternativeIdentifierLabels"], "文号");
    assert_eq!(first["eventStartDates"], "2011-06-01");
    assert_eq!(first["eventActors"], "市文化和旅游局");
    assert_eq!(first["subjectAccessPoints"], "规划|文旅");
    assert_eq!(first["generalNote"], "备注，含逗号");
    assert_eq!(first["physicalObjectLocation"], "1号库-01-02-3");
    // A title that a spreadsheet would run as a formula is guarded; AtoM's unknown day is 00.
    let second = rows
        .iter()
        .find(|r| r["legacyId"] == "Z109-WS·2011-Y-BGS-0002")
        .unwrap();
    assert!(second["title"].starts_with("'="), "{}", second["title"]);
    assert_eq!(second["eventStartDates"], "2011-07-00");
}

#[test]
fn a_fonds_exported_for_atom_imports_back_into_another_archive_unchanged() {
    let sandbox = archive();
    let path = sandbox.path("z109.csv");
    sandbox.ok(&[
        "export",
        "atom",
        "--fonds",
        "Z109",
        "-o",
        path.to_str().unwrap(),
    ]);
    let before = sandbox.ok(&["export", "records", "--fonds", "Z109", "--format", "jsonl"]);

    let other = Sandbox::with_dat22_fonds();
    let run = other.run(&["import", "records", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = other.ok(&["export", "records", "--fonds", "Z109", "--format", "jsonl"]);
    assert_eq!(after, before);
}

#[test]
fn another_archives_atom_file_with_local_identifiers_is_read_into_codes() {
    let sandbox = Sandbox::with_dat22_fonds();
    let rows = [
        vec![
            ("legacyId", "f1"),
            ("identifier", "Z109"),
            ("title", "市文化和旅游局"),
            ("levelOfDescription", "Fonds"),
        ],
        vec![
            ("legacyId", "s1"),
            ("parentId", "f1"),
            ("identifier", "WS·2012"),
            ("title", "2012年度"),
            ("levelOfDescription", "Series"),
        ],
        vec![
            ("legacyId", "s2"),
            ("parentId", "s1"),
            ("identifier", "Y"),
            ("title", "永久"),
            ("levelOfDescription", "Subseries"),
        ],
        vec![
            ("legacyId", "s3"),
            ("parentId", "s2"),
            ("identifier", "BGS"),
            ("title", "办公室"),
            ("levelOfDescription", "Subseries"),
        ],
        vec![
            ("legacyId", "i1"),
            ("parentId", "s3"),
            ("identifier", "0007"),
            ("title", "“智慧旅游”建设方案"),
            ("levelOfDescription", "Item"),
            ("extentAndMedium", "5 页"),
            ("scopeAndContent", "范围与内容"),
            ("generalNote", "会议记录|附件"),
            ("subjectAccessPoints", "旅游|信息化"),
            ("eventStartDates", "2012-05-00"),
            ("eventActors", "市文化和旅游局|市发展改革委"),
            ("digitalObjectURI", "https://example.org/a.jpg"),
        ],
    ];
    let file = format!(
        "{ATOM_HEADER}\n{}",
        rows.iter()
            .map(|r| atom_row(r))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let path = sandbox.write("foreign.csv", file.as_bytes());
    let run = sandbox.run(&["import", "records", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = sandbox.json(&["show", "Z109-WS·2012-Y-BGS-0007", "--json"]);
    assert_eq!(record["title"], "“智慧旅游”建设方案");
    assert_eq!(record["date"], "2012-05");
    assert_eq!(record["pages"], 5);
    assert_eq!(record["responsible"], "市文化和旅游局、市发展改革委");
    assert_eq!(record["keywords"], "旅游 信息化");
    assert_eq!(record["notes"], "范围与内容\n会议记录\n附件");
    // No 密级 stated: 内部, never published by default.
    assert_eq!(record["classification"], "internal");
    // What dangan does not keep is named, not silently dropped.
    assert!(run.stdout.contains("digitalObjectURI"), "{}", run.stdout);
}

#[test]
fn a_broken_tree_is_refused_line_by_line_and_nothing_is_written() {
    let sandbox = Sandbox::with_dat22_fonds();
    let row = |legacy: &str, parent: &str, slug: &str, identifier: &str, level: &str| {
        let mut cells = vec![""; 56];
        cells[0] = legacy;
        cells[1] = parent;
        cells[2] = slug;
        cells[4] = identifier;
        cells[5] = "题名";
        cells[6] = level;
        cells.join(",")
    };
    let file = [
        ATOM_HEADER.to_string(),
        row("f1", "", "", "Z109", "Fonds"),
        row("a", "f1", "", "WS·2012-Y-BGS", "Series"),
        row("i1", "a", "", "0001", "Item"),
        row("i1", "a", "", "0002", "Item"),
        row("i3", "nowhere", "", "0003", "Item"),
        row("i4", "", "some-slug", "0004", "Item"),
        row("i5", "a", "", "", "Item"),
        row("x", "y", "", "1", "Series"),
        row("y", "x", "", "2", "Series"),
        row("i6", "x", "", "0006", "Item"),
    ]
    .join("\n");
    let path = sandbox.write("broken.csv", file.as_bytes());
    let run = sandbox.run(&["import", "records", path.to_str().unwrap()]);
    assert_ne!(run.code, 0);
    let said = run.stderr;
    for expected in [
        "broken.csv:5: legacyId",
        "broken.csv:6: parentId",
        "broken.csv:7: qubitParentSlug",
        "broken.csv:8: identifier",
        "broken.csv:11: identifier",
    ] {
        assert!(said.contains(expected), "{expected} not in:\n{said}");
    }
    assert_eq!(record_count(&sandbox), 0, "{said}");
}

#[test]
fn a_public_user_exports_none_of_what_is_above_their_clearance() {
    let sandbox = archive();
    sandbox.ok(&[
        "add",
        "--code",
        "Z109-WS·2011-Y-BGS-0003",
        "--title",
        "“绝密”会议纪要",
        "--class",
        "机密",
    ]);
    sandbox.add_user("公开档案员", "公开档案员口令-2026", "archivist", "公开");
    let run = sandbox.run_as(
        "公开档案员",
        "公开档案员口令-2026",
        &["export", "atom", "--fonds", "Z109"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("绝密") && !run.stdout.contains("BGS-0003"));
    assert!(!run.stdout.contains("景区名录"), "内部 above 公开");
    assert!(run.stdout.contains(",Fonds,2 件，12 页,"), "{}", run.stdout);
}
