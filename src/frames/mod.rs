//! Frames: the layer claims and relations read (issue #13), as phases that each read the
//! previous one's output.
//!
//! - [`context`]: the document as the phases see it (text, sentences, mentions, lexicon hits).
//! - [`predicates`]: attack predicates and their slots (who targeted whom).
//! - [`discourse`]: links between the claims of one document: the relay that carries a claim
//!   (`via`) and the accusations a denial answers (`responds_to`).

pub mod context;
pub mod discourse;
pub mod predicates;
