//! Which code scheme a fonds writes its new records in: one for the fonds, and one for each 门类
//! that differs from it where a fonds has several (文书 with the 机构 part, 科技 without, say).

use super::code::{CodeGroup, CodeScheme};
use super::text::fold;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schemes {
    pub fonds: CodeScheme,
    /// 门类 with a scheme of their own, in code order.
    pub by_category: Vec<(String, CodeScheme)>,
}

impl Schemes {
    /// Read as stored: the fonds' scheme, and `KJ=dat22-no-dept;WS=dat22`. What this build does
    /// not know is left out (a newer dangan's), and the fonds' scheme then stands.
    pub fn stored(fonds: &str, categories: &str) -> Schemes {
        let by_category = categories
            .split(';')
            .filter_map(|pair| {
                let (category, scheme) = pair.split_once('=')?;
                Some((category.to_string(), CodeScheme::parse(scheme)?))
            })
            .collect();
        Schemes {
            fonds: CodeScheme::parse(fonds).unwrap_or_default(),
            by_category,
        }
    }

    /// The categories as stored.
    pub fn categories_text(&self) -> String {
        self.by_category
            .iter()
            .map(|(category, scheme)| format!("{category}={}", scheme.code()))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The scheme codes of a group are written in: its 门类's own, else the fonds'.
    pub fn of_group(&self, group: &CodeGroup) -> CodeScheme {
        self.by_category
            .iter()
            .find(|(category, _)| *category == group.category && !category.is_empty())
            .map_or(self.fonds, |(_, scheme)| *scheme)
    }

    /// A 门类 given a scheme of its own: one of the two with a 门类 in the code (the others have
    /// no 门类 to choose by). `None` when the scheme is not one of them or the 门类 not a code.
    pub fn with_category(&self, category: &str, scheme: CodeScheme) -> Option<Schemes> {
        let category = fold(category).trim().to_ascii_uppercase();
        let valid = !category.is_empty()
            && category.len() <= 10
            && category.bytes().all(|b| b.is_ascii_alphanumeric());
        if !valid || !matches!(scheme, CodeScheme::Dat22 | CodeScheme::Dat22NoDept) {
            return None;
        }
        let mut by_category: Vec<(String, CodeScheme)> = self
            .by_category
            .iter()
            .filter(|(c, _)| *c != category)
            .cloned()
            .collect();
        by_category.push((category, scheme));
        by_category.sort_by(|a, b| a.0.cmp(&b.0));
        Some(Schemes {
            fonds: self.fonds,
            by_category,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_s_own_scheme_decides_its_codes_and_the_fonds_the_rest() {
        let schemes = Schemes::stored("dat22", "");
        let schemes = schemes
            .with_category("ｋｊ", CodeScheme::Dat22NoDept)
            .unwrap();
        assert_eq!(schemes.categories_text(), "KJ=dat22-no-dept");
        let group = |code: &str| code.parse::<crate::domain::ArchivalCode>().unwrap().group;
        let kj = group("Z109-KJ·2011-Y-0001");
        let ws = group("Z109-WS·2011-Y-BGS-0001");
        assert_eq!(schemes.of_group(&kj), CodeScheme::Dat22NoDept);
        assert_eq!(schemes.of_group(&ws), CodeScheme::Dat22);
        assert!(schemes.of_group(&kj).fits(&kj) && schemes.of_group(&ws).fits(&ws));
        assert_eq!(
            Schemes::stored("dat22", &schemes.categories_text()),
            schemes
        );
        // Only the schemes with a 门类 in the code are chosen by 门类.
        assert!(schemes.with_category("KJ", CodeScheme::Volume).is_none());
        assert!(schemes.with_category("科技", CodeScheme::Dat22).is_none());
        // Unknown text from a newer dangan is left out.
        assert!(
            Schemes::stored("dat22", "KJ=future;WS=dat22")
                .by_category
                .len()
                == 1
        );
    }
}
