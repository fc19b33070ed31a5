//! Volume-level (案卷) arrangement, as records were arranged before the 件-level rules: the 档号 of a
//! volume is `全宗号-目录号-案卷号` (DA/T 13 档号编制规则, its first structure; GB/T 9705 案卷封面),
//! and an item inside a volume (卷内文件) adds its 顺序号: `J007-001-012-0005`.

use std::fmt;
use std::str::FromStr;

use super::code::CodeError;
use super::date::RecordDate;
use super::text::fold;
use super::vocab::{Classification, Retention};

/// 目录号 and 案卷号 are printed with at least this many digits (DA/T 13-2022 examples; "不足 3 位的
/// 前面用 0 补足").
const VOLUME_DIGITS: usize = 3;
const MAX_VOLUME: u32 = 99_999;
const MAX_CATALOGUE_LEN: usize = 10;

/// Where a volume sits within its fonds: its 目录号 and 案卷号.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VolumeNo {
    /// 目录号: digits are kept three wide (`1` is `001`), so `1` and `001` are one catalogue.
    pub catalogue: String,
    /// 案卷号.
    pub number: u32,
}

impl VolumeNo {
    pub fn parse(catalogue: &str, number: &str) -> Result<VolumeNo, CodeError> {
        Ok(VolumeNo {
            catalogue: parse_catalogue(catalogue)?,
            number: parse_number(number)?,
        })
    }
}

impl fmt::Display for VolumeNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:0width$}",
            self.catalogue,
            self.number,
            width = VOLUME_DIGITS
        )
    }
}

/// A 目录号 as typed, normalised: full-width folded, upper case, digits padded to three.
pub fn parse_catalogue(text: &str) -> Result<String, CodeError> {
    let text = fold(text).trim().to_ascii_uppercase();
    let valid = !text.is_empty()
        && text.len() <= MAX_CATALOGUE_LEN
        && text.bytes().all(|b| b.is_ascii_alphanumeric());
    if !valid {
        return Err(CodeError::Catalogue(text));
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        let n: u64 = text
            .parse()
            .map_err(|_| CodeError::Catalogue(text.clone()))?;
        if n == 0 {
            return Err(CodeError::Catalogue(text));
        }
        return Ok(format!("{n:0width$}", width = VOLUME_DIGITS));
    }
    Ok(text)
}

fn parse_number(text: &str) -> Result<u32, CodeError> {
    let text = fold(text).trim().to_string();
    let bad = || CodeError::Volume(text.clone());
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=MAX_VOLUME).contains(&n) => Ok(n),
        _ => Err(bad()),
    }
}

/// The 档号 of a volume: `全宗号-目录号-案卷号`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VolumeCode {
    pub fonds: String,
    pub no: VolumeNo,
}

impl FromStr for VolumeCode {
    type Err = CodeError;

    fn from_str(input: &str) -> Result<Self, CodeError> {
        let folded = fold(input);
        let parts: Vec<&str> = folded.split('-').map(str::trim).collect();
        let [fonds, catalogue, number] = parts[..] else {
            return Err(CodeError::PartCount(parts.len()));
        };
        let fonds = fonds.to_ascii_uppercase();
        let valid_fonds = !fonds.is_empty()
            && fonds.len() <= MAX_CATALOGUE_LEN
            && fonds.bytes().all(|b| b.is_ascii_alphanumeric());
        if !valid_fonds {
            return Err(CodeError::Fonds(fonds));
        }
        Ok(VolumeCode {
            fonds,
            no: VolumeNo::parse(catalogue, number)?,
        })
    }
}

impl fmt::Display for VolumeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.fonds, self.no)
    }
}

impl super::code::CodeGroup {
    /// The code of the volume the group's items are inside, if they are.
    pub fn volume_code(&self) -> Option<VolumeCode> {
        let no = self.volume.clone()?;
        Some(VolumeCode {
            fonds: self.fonds.clone(),
            no,
        })
    }
}

/// A volume's own description (GB/T 9705 案卷封面 and 案卷目录): what a user gives when making one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeData {
    /// 案卷题名.
    pub title: String,
    /// 年度: the year the volume is filed under.
    pub year: u16,
    pub retention: Retention,
    /// The highest 密级 of what is inside; raised when a more secret item is put in.
    pub classification: Classification,
    /// 起止日期.
    pub start: Option<RecordDate>,
    pub end: Option<RecordDate>,
    /// 页数 of the whole volume.
    pub pages: Option<u32>,
    pub notes: String,
}

/// A stored volume with how many items the reader may see inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    pub id: i64,
    pub code: VolumeCode,
    pub data: VolumeData,
    /// 件数: items inside.
    pub items: u64,
    /// Where the volume stands (库房-列-节-层), from its latest move.
    pub location: String,
    /// Out of the stacks now, and why.
    pub out: Option<String>,
}

/// A catalogue (目录) of a fonds with the volumes in it the reader may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    pub catalogue: String,
    pub volumes: u64,
    pub items: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_volume_code_is_normalised_and_printed_three_wide() {
        let code: VolumeCode = "ｊ００７－１－１２".parse().unwrap();
        assert_eq!(code.to_string(), "J007-001-012");
        let lettered: VolumeCode = "J007-wsa-1234".parse().unwrap();
        assert_eq!(lettered.to_string(), "J007-WSA-1234");
        let err = |s: &str| s.parse::<VolumeCode>().unwrap_err();
        assert_eq!(err("J007-001"), CodeError::PartCount(2));
        assert!(matches!(err("J007-目录-012"), CodeError::Catalogue(_)));
        assert!(matches!(err("J007-000-012"), CodeError::Catalogue(_)));
        assert!(matches!(err("J007-001-0"), CodeError::Volume(_)));
        assert!(matches!(err("J007-001-12a"), CodeError::Volume(_)));
        assert!(matches!(err("J 7-001-012"), CodeError::Fonds(_)));
    }

    #[test]
    fn volumes_sort_by_catalogue_then_number() {
        let mut codes: Vec<VolumeCode> = ["J007-002-001", "J007-001-010", "J007-001-002"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        codes.sort();
        let printed: Vec<String> = codes.iter().map(ToString::to_string).collect();
        assert_eq!(printed, ["J007-001-002", "J007-001-010", "J007-002-001"]);
    }
}
