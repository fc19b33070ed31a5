//! Normalisation of structured input typed with a Chinese IME.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Folds full-width forms (`Ｊ００１`, `２０１９`, ideographic space) to their ASCII twins and trims.
///
/// Only for structured values (codes, dates, numbers, enum names): titles and notes are stored as
/// typed, because NFKC would also rewrite characters such as `①` or `㈠` that carry meaning.
/// Borrows when the text is already normal, as nearly all of it is: imports call this per cell.
pub fn fold(input: &str) -> Cow<'_, str> {
    let trimmed = input.trim();
    // ASCII and CJK Unified Ideographs (no decompositions) are NFKC as they stand: the common case,
    // decided without the normaliser's table lookups.
    let plain = |c: char| c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    if trimmed.chars().all(plain) || is_nfkc_quick(trimmed.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(trimmed);
    }
    Cow::Owned(trimmed.nfkc().collect::<String>().trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn full_width_forms_fold_and_normal_text_is_borrowed() {
        assert_eq!(fold("\u{3000}Ｊ００１－２０１９ "), "J001-2019");
        assert!(matches!(fold(" 永久 "), std::borrow::Cow::Borrowed("永久")));
    }
}
