//! hrsearch: section-aware full-text search over the US State Department's
//! Country Reports on Human Rights Practices.
//!
//! The pipeline flows one way: [`corpus`] reads report files into blocks,
//! [`chunk`] (with the canonical [`outline`]) turns them into passages,
//! [`index`] stores passages in a tantivy index, [`search`] queries it, and
//! [`output`] prints what search returns.

pub mod chunk;
pub mod corpus;
pub mod outline;
