//! Files in and out: encodings, column names, and the JSON form of a record.

pub mod atom;
pub mod atom_read;
pub mod bag;
pub mod columns;
pub mod decisions;
pub mod decode;
pub mod ead;
pub mod json;
pub mod oai;
pub mod register;
pub mod spreadsheet;
pub mod tree;
pub mod workbook;
pub mod xml;
