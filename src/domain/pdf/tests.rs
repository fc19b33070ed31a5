use super::*;
use std::io::Write;

fn scan(pdf: &[u8], chunk: usize) -> (Vec<String>, Option<String>) {
    let mut scanner = PdfScanner::default();
    for piece in pdf.chunks(chunk) {
        scanner.feed(piece);
    }
    let (found, unchecked) = scanner.finish();
    let found = found.iter().map(|f| f.to_string()).collect();
    (found, unchecked.map(|u| u.to_string()))
}

fn deflated(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// A PDF of one stream object with the dictionary entries given and the data as is.
fn with_stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut pdf = format!(
        "%PDF-1.7\n5 0 obj\n<< {dict} /Length {} >>\nstream\r\n",
        data.len()
    )
    .into_bytes();
    pdf.extend(data);
    pdf.extend(b"\r\nendstream\nendobj\n%%EOF\n");
    pdf
}

fn object_stream(objects: &[u8]) -> Vec<u8> {
    let dict = "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode";
    with_stream(dict, &deflated(objects))
}

fn pdf_of(body: &[u8]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n1 0 obj ".to_vec();
    pdf.extend(body);
    pdf.extend(b" endobj\n%%EOF\n");
    pdf
}

const SCRIPT: &[u8] = b"6 0 << /S /JavaScript /JS (app.alert('x')) >>";
const FOUND: &str = "PDF with active content (/JavaScript)";

#[test]
fn object_streams_are_known_by_what_a_reader_needs_of_them() {
    let padding = "/Pad ".repeat(40);
    for dict in [
        // No type: a reader needs only /First and /N.
        "/N 1 /First 4 /Filter /FlateDecode".to_string(),
        // The abbreviation some readers take.
        "/Type /ObjStm /N 1 /First 4 /Filter /Fl".to_string(),
        // Many names between the type and the stream.
        format!("/Type /ObjStm {padding} /N 1 /First 4 /Filter /FlateDecode"),
        // A keyword inside a string or a comment is not one.
        "/Type /ObjStm /T (5 0 obj) /N 1 % 0 obj\n /First 4 /Filter /FlateDecode".to_string(),
    ] {
        let pdf = with_stream(&dict, &deflated(SCRIPT));
        for chunk in [1, 7, 1 << 20] {
            let (found, unchecked) = scan(&pdf, chunk);
            assert!(found.contains(&FOUND.to_string()), "{dict}: {found:?}");
            assert_eq!(unchecked, None, "{dict}");
        }
    }
}

#[test]
fn filters_after_inflating_leave_a_stream_unchecked() {
    let twice = with_stream(
        "/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]",
        &deflated(&deflated(SCRIPT)),
    );
    let (_, unchecked) = scan(&twice, 64);
    assert!(unchecked.unwrap().contains("/FlateDecode /FlateDecode"));
    let predicted = with_stream(
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
        &deflated(SCRIPT),
    );
    let (_, unchecked) = scan(&predicted, 64);
    assert!(unchecked.unwrap().contains("/Predictor"));
    // A cross-reference stream with a predictor is not an object stream: passed over.
    let xref = with_stream(
        "/Type /XRef /W [1 2 1] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
        &deflated(b"\x02\x01\x00\x10\x00"),
    );
    assert_eq!(scan(&xref, 64), (vec![], None));
}

#[test]
fn a_filter_given_in_another_object_leaves_the_stream_unchecked() {
    for dict in [
        "/Type /ObjStm /N 1 /First 4 /Filter 20 0 R",
        "/Type /ObjStm /N 1 /First 4 /Filter [20 0 R]",
        "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms [20 0 R]",
    ] {
        let (_, unchecked) = scan(&with_stream(dict, &deflated(SCRIPT)), 16);
        assert!(
            unchecked.is_some_and(|u| u.contains("another object")),
            "{dict}"
        );
    }
    // Parameters written in place are read: numbers inside them are not references.
    let inline = "/N 1 /First 4 /Filter /FlateDecode /DecodeParms [<< /Columns 4 >>]";
    let (found, unchecked) = scan(&with_stream(inline, &deflated(SCRIPT)), 16);
    assert_eq!(
        (found.contains(&FOUND.to_string()), unchecked),
        (true, None)
    );
}

#[test]
fn a_network_path_in_any_string_is_found() {
    let share = |found: &[String]| found.iter().any(|f| f.contains("network share"));
    for body in [
        &br"<< /S /URI /URI (file://evil/share/x.pdf) >>"[..],
        br"<< /S /Thread /F (\\\\evil\\share\\x.pdf) >>",
        br"<< /Type /Filespec /F (\134\134evil\134s\134x.exe) >>",
        br"<< /Type /Filespec /UF <FEFF005C005C00650076006900006C> >>",
    ] {
        let (found, _) = scan(&pdf_of(body), 3);
        assert!(
            share(&found),
            "{}: {found:?}",
            String::from_utf8_lossy(body)
        );
    }
    let inside = object_stream(br"6 0 << /Type /Filespec /F (\\\\evil\\s) >>");
    assert!(share(&scan(&inside, 9).0));
    let (found, _) = scan(
        &pdf_of(br"<< /S /URI /URI (javascript:app.alert\(1\)) >>"),
        3,
    );
    assert!(
        found.iter().any(|f| f.contains("(javascript:)")),
        "{found:?}"
    );
    // A web link and a file beside the document lead to no share.
    let kept = pdf_of(br"<< /S /URI /URI (https://www.saac.gov.cn/) /F (attachments/a.pdf) >>");
    assert_eq!(scan(&kept, 3), (vec![], None));
}

#[test]
fn a_stream_keyword_in_a_string_hides_nothing() {
    let pdf = b"%PDF-1.4\n1 0 obj << /T (stream\n) /S /JavaScript /JS (x) >> endobj\nendstream";
    assert!(scan(pdf, 5).0.contains(&FOUND.to_string()));
    // An object placed inside another stream's data, where the cross-reference table can
    // point a reader to it.
    let hidden = with_stream("/Length1 9", b"7 0 obj << /S /JavaScript /JS (x) >> endobj");
    assert!(scan(&hidden, 5).0.contains(&FOUND.to_string()));
}

#[test]
fn escaped_names_read_as_the_names_they_spell() {
    for chunk in [1, 3, 4096] {
        let (found, _) = scan(
            b"%PDF-1.4\n1 0 obj << /S /J#61vaScript /JS (app.alert(1)) >> endobj",
            chunk,
        );
        assert!(
            found.contains(&"PDF with active content (/JavaScript)".to_string()),
            "{chunk}"
        );
        let (found, _) = scan(b"%PDF-1.4\n<</Type/Action/S/L#61unch/F(calc.exe)>>", chunk);
        assert_eq!(
            found,
            vec!["PDF with active content (/Launch)".to_string()],
            "{chunk}"
        );
    }
    let (found, _) = scan(
        b"%PDF-1.4\n<</Title (JavaScript in a string is text)/Kids[]>>",
        7,
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn script_inside_a_compressed_object_stream_is_found() {
    let pdf = object_stream(SCRIPT);
    for chunk in [1, 5, 64, 1 << 20] {
        let (found, unchecked) = scan(&pdf, chunk);
        assert!(found.contains(&FOUND.to_string()), "{chunk}: {found:?}");
        assert_eq!(unchecked, None);
    }
    let harmless = object_stream(b"6 0 << /Type /Page /Parent 2 0 R >>");
    assert_eq!(scan(&harmless, 17), (vec![], None));
}

#[test]
fn image_data_is_passed_over_and_other_object_stream_filters_are_named() {
    let mut pdf = b"%PDF-1.4\n<< /Subtype /Image /Length 20 >>\nstream\n".to_vec();
    pdf.extend(b"/JavaScript-like junk");
    pdf.extend(b"\nendstream\n<< /S /GoTo >>");
    assert_eq!(scan(&pdf, 3).0, Vec::<String>::new());
    let lzw = b"%PDF-1.4\n<< /Type /ObjStm /Filter /LZWDecode >>\nstream\n\x80\x0b\nendstream";
    let (_, unchecked) = scan(lzw, 8);
    assert!(unchecked.unwrap().contains("/LZWDecode"));
}
