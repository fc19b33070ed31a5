use super::*;

fn scan(text: &str, chunk: usize) -> Vec<FileMsg> {
    let mut scanner = MarkupScanner::default();
    for piece in text.as_bytes().chunks(chunk) {
        scanner.feed(piece);
    }
    scanner.finish()
}

fn found(text: &str) -> Vec<FileMsg> {
    let whole = scan(text, usize::MAX);
    for chunk in [1, 3, 7] {
        assert_eq!(scan(text, chunk), whole, "chunks of {chunk}: {text}");
    }
    whole
}

#[test]
fn event_attributes_are_found_however_they_are_written() {
    let event = |name: &str| FileMsg::MarkupEvent { name: name.into() };
    let cases = [
        (r#"<img src="x.png" onerror="alert(1)">"#, "onerror"),
        ("<svg/onload=alert(1)>", "onload"),
        ("<BODY ONLOAD = 'x()'>", "onload"),
        ("<p>通知</p><div\nonmouseover=x>", "onmouseover"),
        (r#"<a title="x" onClick="y">《关于》</a>"#, "onclick"),
    ];
    for (text, name) in cases {
        assert_eq!(found(text), vec![event(name)], "{text}");
    }
}

#[test]
fn script_urls_are_found_through_references_and_tabs() {
    for text in [
        r#"<a href="javascript:alert(1)">"#,
        r#"<a href="jav&#x61;script:x">"#,
        r#"<a href="jav&#97script&colon;x">"#,
        "<a href=\"java\tscript:x\">",
        r#"<a href="java&#x09;scr&#x0000069;pt:x">"#,
        r#"<iframe src="data:text/html,<p>">"#,
    ] {
        assert!(found(text).contains(&FileMsg::MarkupScript), "{text}");
    }
}

#[test]
fn nothing_hides_where_a_browser_reads_on() {
    let event = vec![FileMsg::MarkupEvent {
        name: "onerror".into(),
    }];
    for text in [
        // Raw text ends at its end tag, even inside what looks like an attribute value.
        r#"<style><p title="</style><img src=x onerror=alert(1)>"></style>"#,
        r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
        r#"<title><a title="</TITLE ><img src=x onerror=alert(1)>"></title>"#,
        // A comment ends at `-->`, `--!>`, or at once as `<!-->`.
        r#"<!-- <p title=" --> <img src=x onerror=alert(1)> "> -->"#,
        r#"<!--> <img src=x onerror=alert(1)> -->"#,
        r#"<!-- x --!> <img src=x onerror=alert(1)>"#,
        // A quote starts a value only after `=`: elsewhere it is part of a name.
        r#"<a "x onerror=alert(1) ">"#,
        r#"<a title=x"y onerror=alert(1)>"#,
    ] {
        assert_eq!(found(text), event, "{text}");
    }
}

#[test]
fn network_shares_handlers_and_own_definitions_are_found() {
    let reaches = |what: &str| vec![FileMsg::MarkupReaches { what: what.into() }];
    assert_eq!(
        found(r#"<img src="\\evil\share\x.png">"#),
        reaches(r"\\evil\share\x.png")
    );
    assert_eq!(
        found("<img src=file://evil/s/x.png>"),
        reaches("file://evil/s/x.png")
    );
    assert_eq!(
        found(r#"<meta http-equiv="refresh" content="0;url=ms-msdt:/id x">"#),
        reaches("ms-msdt:")
    );
    assert_eq!(found("<a href='search-ms:query=x'>"), reaches("search-ms:"));
    assert_eq!(
        found("<svg><use href=\"data:image/svg+xml;base64,PHN2Zz4=#x\"/></svg>"),
        vec![FileMsg::MarkupScript]
    );
    assert_eq!(
        found("<!DOCTYPE svg [<!ENTITY e \"x\">]><svg>&e;</svg>"),
        vec![FileMsg::MarkupEntities]
    );
    assert_eq!(
        found("<?xml-stylesheet href=\"#s\"?><doc/>"),
        vec![FileMsg::MarkupStylesheet]
    );
    // A page's own links and local files lead nowhere they must not.
    let kept = r#"<a href="https://www.saac.gov.cn/">国家档案局</a><img src="file:///C:/图/1.png"><a href="附件/说明.pdf">"#;
    assert_eq!(found(kept), vec![]);
}

#[test]
fn script_and_embedding_elements_are_named() {
    assert_eq!(
        found("<svg:script>x</svg:script>"),
        vec![FileMsg::MarkupScript]
    );
    assert_eq!(
        found(r#"<p>附件</p><embed src="x.swf">"#),
        vec![FileMsg::MarkupEmbeds {
            element: "embed".into()
        }]
    );
}

#[test]
fn words_that_only_look_like_markup_are_not_refused() {
    for text in [
        "《关于 onload 事件的说明》——第１号",
        "a < b and c > d; only=1",
        "&lt;script&gt; 是一个标签的写法",
        r#"<p class="one" title="on=off">javascript 教程</p>"#,
        "<option value=1>一</option><once=2>",
        "<a href=\"https://example.org/?on=1&amp;x=2\">链接</a>",
        "<p>javascript: 是一种 URL 协议，《网页安全》第３章</p>",
        "<img src=x/onerror=1 alt=图>",
    ] {
        assert_eq!(found(text), vec![], "{text}");
    }
}
