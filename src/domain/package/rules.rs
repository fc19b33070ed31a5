//! What the parts of a package say, judged: relationships to a macro project, controls,
//! embedded or linked OLE objects and anything fetched from another host; content types that
//! declare them whatever the part is named; field codes Word runs (DDE) or fetches with
//! (INCLUDEPICTURE, INCLUDETEXT, LINK); formulas Excel runs (DDE) or fetches with (WEBSERVICE);
//! PowerPoint actions that start programs; and, in OFD, attachments, sound, movies and links to
//! network shares.

use crate::i18n::FileMsg;

pub(super) fn add(found: &mut Vec<FileMsg>, reason: FileMsg) {
    if !found.contains(&reason) {
        found.push(reason);
    }
}

/// The name without its namespace prefix: any prefix may stand for the Office namespaces.
pub(super) fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// An attribute's value, found by its local name, with character references decoded.
pub(super) fn attribute(tag: &[u8], wanted: &[u8]) -> Option<String> {
    let mut at = 0;
    while at < tag.len() {
        let rest = &tag[at..];
        let equals = rest.iter().position(|&b| b == b'=')?;
        let name_start = rest[..equals]
            .iter()
            .rposition(|b| b.is_ascii_whitespace())
            .map_or(0, |p| p + 1);
        let name = local(rest[name_start..equals].trim_ascii());
        let after = &rest[equals + 1..];
        let skipped = after.len() - after.trim_ascii_start().len();
        let after = after.trim_ascii_start();
        let quote = *after.first()?;
        if !matches!(quote, b'"' | b'\'') {
            return None;
        }
        let end = after[1..].iter().position(|&b| b == quote)? + 1;
        if name == wanted {
            return Some(decode(&after[1..end]));
        }
        at += equals + 1 + skipped + end + 1;
    }
    None
}

/// Character references (`&#68;`, `&#x44;`, `&amp;` …) decoded, as an XML reader does.
pub(super) fn decode(text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = after;
            continue;
        };
        let reference = &after[..end];
        let decoded = match reference {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => reference
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| reference.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => out.extend(c.to_lowercase()),
            None => out.push('&'),
        }
        rest = if decoded.is_some() {
            &after[end + 1..]
        } else {
            after
        };
    }
    out.push_str(rest);
    out
}

/// Any tag, whatever its element: a PowerPoint action that starts a program or a macro when
/// clicked or hovered.
pub(super) fn any_tag(tag: &[u8], found: &mut Vec<FileMsg>) {
    let runs = ["ppaction://program", "ppaction://macro", "ppaction://ole"];
    // Only a tag that may hold one is decoded: a character reference spells the same action.
    if tag
        .windows(3)
        .any(|w| w == b"ppa" || w == b"&#x" || w == b"&#1")
    {
        let tag = decode(tag);
        if runs.iter().any(|r| tag.contains(r)) {
            add(found, FileMsg::OfficeRuns);
        }
    }
}

/// An element's start tag, by its local name.
pub(super) fn element(name: &[u8], tag: &[u8], found: &mut Vec<FileMsg>) {
    match name {
        b"relationship" => relationship(tag, found),
        b"override" | b"default" => {
            content_type(&attribute(tag, b"contenttype").unwrap_or_default(), found);
        }
        b"fldsimple" => field(&attribute(tag, b"instr").unwrap_or_default(), found),
        b"ddelink" => add(found, FileMsg::OfficeDde),
        // A web query, or a database connection, that Excel refreshes.
        b"webpr" | b"dbpr" | b"olappr" => link(found, "connection"),
        // OFD (GB/T 33190): attached files, a jump into one, sound and movie actions, and a link
        // to a network share or a program.
        b"attachment" | b"gotoa" => add(
            found,
            FileMsg::OfdActive {
                name: "Attachment".into(),
            },
        ),
        b"sound" | b"movie" => {
            let name = if name == b"sound" { "Sound" } else { "Movie" };
            add(found, FileMsg::OfdActive { name: name.into() });
        }
        b"uri" => {
            let target = attribute(tag, b"uri").unwrap_or_default();
            if network_share(&target) || crate::domain::markup::handler_scheme(&target).is_some() {
                link(found, "URI");
            }
        }
        _ => {}
    }
}

fn link(found: &mut Vec<FileMsg>, kind: &str) {
    add(found, FileMsg::OfficeLinks { kind: kind.into() });
}

/// A field code, once whole: DDE and DDEAUTO start another program; INCLUDEPICTURE,
/// INCLUDETEXT, LINK and IMPORT fetch their file when the document opens or updates.
pub(super) fn field(code: &str, found: &mut Vec<FileMsg>) {
    let code = code.trim_start_matches(|c: char| c.is_whitespace() || c == '\\');
    let mut words = code.split_whitespace();
    let kind = words.next().unwrap_or_default();
    if kind.starts_with("dde") {
        add(found, FileMsg::OfficeDde);
    } else if ["includepicture", "includetext", "link", "import"].contains(&kind) {
        // Any argument (LINK names a class first, then the file), unquoted, its doubled
        // backslashes made single.
        let remote_file = words
            .map(|w| w.trim_matches('"').replace("\\\\", "\\"))
            .any(|w| remote(&w));
        if remote_file {
            link(found, &kind.to_uppercase());
        }
    }
}

/// A cell's formula: a DDE reference (`cmd|' /c calc'!A0`) starts a program; WEBSERVICE and
/// its kin fetch from another host.
pub(super) fn formula(formula: &str, found: &mut Vec<FileMsg>) {
    if formula.contains('|') && formula.contains('!') {
        add(found, FileMsg::OfficeDde);
    }
    // A workbook or a link on a network share (`'\\host\share\[x.xlsx]Sheet1'!A1`,
    // `HYPERLINK("\\host\…")`): updating or clicking it hands over Windows credentials.
    if formula.contains("\\\\") {
        link(found, "formula");
    }
    for fetching in [
        "webservice(",
        "filterxml(",
        "image(",
        "rtd(",
        "call(",
        "register(",
    ] {
        if formula.contains(fetching) {
            link(found, &fetching.trim_end_matches('(').to_uppercase());
        }
    }
}

fn content_type(kind: &str, found: &mut Vec<FileMsg>) {
    // Every XLSB's workbook is typed "binary.macroEnabled": that says nothing of macros.
    let macros = kind.contains("vbaproject")
        || kind.contains("macrosheet")
        || (kind.contains("macroenabled") && !kind.contains("binary.macroenabled"));
    if macros {
        add(found, FileMsg::OfficeMacros);
    } else if kind.contains("activex") {
        add(found, FileMsg::OfficeActiveX);
    } else if kind.contains("oleobject") {
        let name = "oleObject".to_string();
        add(found, FileMsg::OfficeEmbedded { name });
    }
}

/// A share on another host: opening it hands over the reader's Windows credentials.
fn network_share(target: &str) -> bool {
    let target = target.trim().replace('\\', "/");
    let path = target
        .strip_prefix("file:")
        .or_else(|| target.strip_prefix("smb:"))
        .unwrap_or(&target);
    path.starts_with("//") && !path.starts_with("///")
}

/// A target another host serves: fetching it hands over the reader's Windows credentials, or
/// loads what that host chooses (a template with macros, a page).
fn remote(target: &str) -> bool {
    let target = target.trim();
    let schemes = ["http:", "https:", "ftp:", "mhtml:", "smb:"];
    schemes.iter().any(|s| target.starts_with(s)) || network_share(target)
}

/// How Office names the relationships it fetches, as read in lower case.
const NAMES: [(&str, &str); 6] = [
    ("attachedtemplate", "attachedTemplate"),
    ("frame", "frame"),
    ("subdocument", "subDocument"),
    ("externallinkpath", "externalLinkPath"),
    ("afchunk", "aFChunk"),
    ("oleobject", "oleObject"),
];

fn relationship(tag: &[u8], found: &mut Vec<FileMsg>) {
    let kind = attribute(tag, b"type").unwrap_or_default();
    let kind = kind.rsplit('/').next().unwrap_or_default();
    let external = attribute(tag, b"targetmode").is_some_and(|m| m.trim() == "external");
    let target = attribute(tag, b"target").unwrap_or_default();
    let named = NAMES
        .iter()
        .find(|(lower, _)| *lower == kind)
        .map_or(kind, |(_, name)| name);
    let file = || {
        target
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .to_string()
    };
    match kind {
        "vbaproject" | "xlmacrosheet" | "xlintlmacrosheet" => add(found, FileMsg::OfficeMacros),
        "control" | "activexcontrol" | "activexcontrolbinary" => {
            add(found, FileMsg::OfficeActiveX);
        }
        // A linked object updates from wherever it points; an imported chunk (RTF, HTML) brings
        // what the document formats cannot check.
        "oleobject" if external => link(found, named),
        "oleobject" | "afchunk" => add(found, FileMsg::OfficeEmbedded { name: file() }),
        // A hyperlink opens only when clicked; to a network share, a click is enough.
        "hyperlink" if network_share(&target) => link(found, "hyperlink"),
        "hyperlink" => {}
        // An Office add-in, fetched from its store when the document opens.
        _ if kind.contains("webextension") => link(found, "webextension"),
        // Whatever the mode says: an absolute address to another host is fetched from there.
        _ if remote(&target) => link(found, named),
        _ => {}
    }
}
