//! Character n-grams of text already folded for search, each at the position of its first
//! character. With positions, a piece of three or more characters is found as its pairs at
//! consecutive positions (a phrase): exactly the texts that contain it, not those that hold its
//! pairs apart. Grams holding whitespace are left out, but whitespace still takes its position, so
//! no phrase runs across the line between two fields.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone, Copy)]
pub(super) struct CharGrams {
    pub width: usize,
}

pub(super) struct GramStream {
    chars: Vec<(usize, char)>,
    text_len: usize,
    width: usize,
    next: usize,
    token: Token,
}

impl Tokenizer for CharGrams {
    type TokenStream<'a> = GramStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream {
        GramStream {
            chars: text.char_indices().collect(),
            text_len: text.len(),
            width: self.width,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for GramStream {
    fn advance(&mut self) -> bool {
        while self.next + self.width <= self.chars.len() {
            let at = self.next;
            self.next += 1;
            let gram = &self.chars[at..at + self.width];
            if gram.iter().any(|(_, c)| c.is_whitespace()) {
                continue;
            }
            self.token.text.clear();
            self.token.text.extend(gram.iter().map(|(_, c)| *c));
            self.token.position = at;
            self.token.offset_from = gram[0].0;
            self.token.offset_to = self
                .chars
                .get(at + self.width)
                .map_or(self.text_len, |(offset, _)| *offset);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(width: usize, text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = CharGrams { width };
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn pairs_sit_at_their_first_character_and_never_span_whitespace() {
        let pairs = grams(2, "档案\n馆藏");
        assert_eq!(
            pairs,
            [("档案".to_string(), 0), ("馆藏".to_string(), 3)].to_vec()
        );
        let singles = grams(1, "《档》 a");
        assert_eq!(singles.len(), 4);
        assert_eq!(singles[3], ("a".to_string(), 4));
    }
}
