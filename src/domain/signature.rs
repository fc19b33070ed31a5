//! What a file's signature says it is, by the maintained table of the `file-format` crate (magic
//! numbers, with readers for ZIP-based Office, compound files and executables), judged against
//! what an archive keeps: one of the kept formats, something that runs, or something else.

use file_format::{FileFormat, Kind};

use super::format::Format;
use crate::i18n::FileMsg;

/// The signature's verdict.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// A kept format, or one the format checks decide themselves (text, markup, a ZIP that may
    /// be OFD, a compound file that may be Office): no objection.
    Open,
    /// A program, script or software package: refused as security.
    Runs(FileMsg),
    /// A format that is not among those kept: refused as usability, with its name.
    Foreign(String),
}

/// Scripts the table knows by their first line: they run when opened on some desktops.
const SCRIPTS: [FileFormat; 8] = [
    FileFormat::ShellScript,
    FileFormat::PythonScript,
    FileFormat::PerlScript,
    FileFormat::RubyScript,
    FileFormat::LuaScript,
    FileFormat::ClojureScript,
    FileFormat::ToolCommandLanguageScript,
    FileFormat::MsDosBatch,
];

/// Formats the format checks take over from the signature.
const OPEN: [FileFormat; 17] = [
    FileFormat::PortableDocumentFormat,
    FileFormat::JointPhotographicExpertsGroup,
    FileFormat::PortableNetworkGraphics,
    FileFormat::TagImageFileFormat,
    FileFormat::OfficeOpenXmlDocument,
    FileFormat::OfficeOpenXmlSpreadsheet,
    FileFormat::OfficeOpenXmlPresentation,
    FileFormat::MicrosoftWordDocument,
    FileFormat::MicrosoftExcelSpreadsheet,
    FileFormat::MicrosoftPowerpointPresentation,
    FileFormat::CompoundFileBinary,
    FileFormat::Zip,
    FileFormat::PlainText,
    FileFormat::HypertextMarkupLanguage,
    FileFormat::ExtensibleMarkupLanguage,
    FileFormat::ScalableVectorGraphics,
    FileFormat::ArbitraryBinaryData,
];

pub fn judge(signature: FileFormat) -> Verdict {
    let name = || {
        signature
            .short_name()
            .unwrap_or(signature.name())
            .to_string()
    };
    if SCRIPTS.contains(&signature) {
        Verdict::Runs(FileMsg::Script {
            name: signature.name().to_string(),
        })
    } else if signature.kind() == Kind::Executable {
        Verdict::Runs(FileMsg::Executable { kind: name() })
    } else if signature.kind() == Kind::Package {
        Verdict::Runs(FileMsg::Package { name: name() })
    } else if OPEN.contains(&signature) || signature == FileFormat::Empty {
        Verdict::Open
    } else {
        Verdict::Foreign(signature.name().to_string())
    }
}

/// File names Windows or a desktop would run when opened, whatever the file holds (a `.bat` of
/// plain text is a program to them), or that make Windows reach for a network share or run a
/// handler (`.url`, `.scf`, `.library-ms`, `.iqy`…).
const RUNNABLE_NAMES: [&str; 47] = [
    "bat",
    "cmd",
    "com",
    "exe",
    "scr",
    "pif",
    "msi",
    "msp",
    "dll",
    "cpl",
    "js",
    "jse",
    "vbs",
    "vbe",
    "wsf",
    "wsh",
    "wsc",
    "sct",
    "ps1",
    "psm1",
    "hta",
    "lnk",
    "jar",
    "sh",
    "url",
    "scf",
    "reg",
    "msc",
    "inf",
    "chm",
    "gadget",
    "application",
    "appref-ms",
    "library-ms",
    "searchconnector-ms",
    "settingcontent-ms",
    "desktop",
    "theme",
    "mht",
    "mhtml",
    "iqy",
    "slk",
    "xll",
    "xlam",
    "ppam",
    "website",
    "diagcab",
];

/// The extension a desktop goes by: after the last dot, once what Windows drops from a name is
/// dropped (trailing dots and spaces: `x.hta. .` is `x.hta`) and any stream name after a colon
/// (`x.hta::$DATA` is `x.hta`; no Windows name holds a colon). None for a name without one.
pub fn desktop_extension(file_name: &str) -> Option<String> {
    let name = file_name.split(':').next().unwrap_or(file_name);
    let name = name.trim_end_matches(['.', ' ']);
    let (_, extension) = name.rsplit_once('.')?;
    let extension = extension.trim().to_lowercase();
    (!extension.is_empty()).then_some(extension)
}

/// Why a file's name would make it run, if it would.
pub fn runnable_name(file_name: &str) -> Option<FileMsg> {
    let extension = desktop_extension(file_name)?;
    RUNNABLE_NAMES
        .contains(&extension.as_str())
        .then_some(FileMsg::RunnableName { extension })
}

/// Why a file's name does not suit what it holds: a name that runs, or an extension under which
/// the file would open as something other than what was checked (a PDF named `.html` is a page
/// to a browser; text named `.pdf` may hold a PDF a reader finds further in). A name without an
/// extension opens as nothing in particular.
pub fn name_verdict(file_name: &str, format: Option<Format>) -> Option<FileMsg> {
    if let Some(runs) = runnable_name(file_name) {
        return Some(runs);
    }
    let extension = desktop_extension(file_name)?;
    let format = format?;
    (!format.extensions().contains(&extension.as_str())).then(|| FileMsg::NameNotFormat {
        extension,
        format: format.name().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_scripts_and_foreign_formats_are_told_apart() {
        assert_eq!(judge(FileFormat::from_bytes(b"%PDF-1.7\n")), Verdict::Open);
        assert!(matches!(
            judge(FileFormat::from_bytes(b"\x7fELF\x02\x01\x01")),
            Verdict::Runs(_)
        ));
        assert!(matches!(
            judge(FileFormat::from_bytes(b"@echo off\r\ndel *.*")),
            Verdict::Runs(_)
        ));
        let mp3 = FileFormat::from_bytes(b"ID3\x04\x00\x00\x00\x00\x00\x00");
        assert!(matches!(judge(mp3), Verdict::Foreign(_)), "{mp3:?}");
        let bat = runnable_name("清理.BAT").map(|m| m.to_string());
        assert_eq!(bat.as_deref(), Some("a name that runs when opened (.bat)"));
        assert_eq!(runnable_name("扫描件.pdf"), None);
        assert_eq!(runnable_name("无扩展名"), None);
    }

    #[test]
    fn a_name_is_judged_by_the_extension_windows_would_see() {
        let runs = |name: &str| runnable_name(name).map(|m| m.to_string());
        for name in [
            "运行.cmd.",
            "运行.bat. .",
            "页.hta::$DATA",
            "快捷.URL",
            "库.library-ms",
        ] {
            assert!(runs(name).is_some(), "{name}");
        }
        let verdict = |name: &str, format| name_verdict(name, Some(format)).map(|m| m.to_string());
        assert_eq!(verdict("《通知》.PDF", Format::Pdf), None);
        assert_eq!(verdict("扫描件.jpeg", Format::Jpeg), None);
        assert_eq!(verdict("说明", Format::Text), None);
        assert_eq!(
            verdict("说明.pdf", Format::Text).as_deref(),
            Some(
                "the name .pdf does not suit what it holds (text): it would open as something else"
            )
        );
        assert!(verdict("页面.html", Format::Pdf).is_some());
        assert!(verdict("宏.docm", Format::Docx).is_some());
    }
}
