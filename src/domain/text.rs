//! Normalisation of structured input typed with a Chinese IME.

use unicode_normalization::UnicodeNormalization;

/// Folds full-width forms (`Ｊ００１`, `２０１９`, ideographic space) to their ASCII twins and trims.
///
/// Only for structured values (codes, dates, numbers, enum names): titles and notes are stored as
/// typed, because NFKC would also rewrite characters such as `①` or `㈠` that carry meaning.
pub fn fold(input: &str) -> String {
    input.nfkc().collect::<String>().trim().to_string()
}
