//! isnad (إسناد, "attribution"): who is named, how they relate, and who claimed what, in
//! Arabic, Persian and English news.
//!
//! The pipeline, one stage per module, with one [`doc::Document`] flowing through it and a
//! [`doc::DocResult`] coming out:
//!
//! ```text
//! input (walk, decode) → normalize (folds + offset map) → keyset (one aho-corasick scan)
//!                                                       → gazetteer (clitics, boundaries)
//!                                                       → rules (regex, dates, money, titles)
//!   → link (overlaps, ids) → output (CSV, JSON Lines; xlsx) eval (scores against gold)
//! ```
//!
//! Entry points: [`pipeline::extract`] and [`eval::evaluate`].
#![deny(missing_docs)]

pub mod acronyms;
pub mod calendar;
pub mod claims;
pub mod compose;
pub mod corefer;
pub mod data;
pub mod dates;
pub mod doc;
pub mod error;
pub mod eval;
pub mod frames;
pub mod gazetteer;
pub mod groups;
pub mod input;
pub mod interrupt;
pub mod keyset;
pub mod link;
pub mod names;
pub mod normalize;
pub mod output;
pub mod phrases;
pub mod pipeline;
pub mod relations;
pub mod report;
pub mod role_table;
pub mod roles;
pub mod rules;
pub mod sentences;
pub mod stix;
pub mod story;
pub mod stream;
pub mod tables;
mod trie;
pub mod xlsx;

/// The data files embedded at build time (see `build.rs`).
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use error::{Error, ErrorKind, Result};
pub use pipeline::{ExtractConfig, Pipeline, RunOptions, Summary, extract, extract_with};
