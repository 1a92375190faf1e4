//! Frames: the layer claims and relations read (issue #13), as phases that each read the
//! previous one's output.
//!
//! - [`context`]: the document as the phases see it (text, sentences, mentions, lexicon hits).
//! - [`discourse`]: links between the claims of one document: the relay that carries a claim
//!   (`via`) and the accusations a denial answers (`responds_to`).

pub mod context;
pub mod discourse;
