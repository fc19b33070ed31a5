//! What a file's signature says it is, by the maintained table of the `file-format` crate (magic
//! numbers, with readers for ZIP-based Office, compound files and executables), judged against
//! what an archive keeps: one of the kept formats, something that runs, or something else.

use file_format::{FileFormat, Kind};

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

/// File names Windows or a desktop would run when opened, whatever the file holds: a `.bat` of
/// plain text is a program to them.
const RUNNABLE_NAMES: [&str; 22] = [
    "bat", "cmd", "com", "exe", "scr", "pif", "msi", "msp", "dll", "cpl", "js", "jse", "vbs",
    "vbe", "wsf", "wsh", "ps1", "psm1", "hta", "lnk", "jar", "sh",
];

/// Why a file's name would make it run, if it would.
pub fn runnable_name(file_name: &str) -> Option<FileMsg> {
    let extension = file_name.rsplit_once('.')?.1.trim().to_ascii_lowercase();
    RUNNABLE_NAMES
        .contains(&extension.as_str())
        .then_some(FileMsg::RunnableName { extension })
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
}
