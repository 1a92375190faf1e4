//! The grouping rule on made-up claims.

use super::*;

/// A claim of `doc` at `cue` by `speaker` with `stance`, naming `targets`, in a document dated
/// `date` (may be empty).
fn c(doc: &str, cue: usize, speaker: &str, stance: &str, targets: &[&str], date: &str) -> ClaimIn {
    ClaimIn {
        doc_id: doc.into(),
        claim_id: format!("c{cue}"),
        cue_start: cue,
        sentence: cue,
        stance: stance.into(),
        speaker: speaker.into(),
        content_targets: targets.iter().map(|t| t.to_string()).collect(),
        relation_targets: Vec::new(),
        date: date.into(),
        lang: "en".into(),
        responds_to: Vec::new(),
    }
}

/// The group id of every claim, in input order.
fn ids(claims: &[ClaimIn]) -> Vec<String> {
    let g = group(claims);
    g.of_claim.iter().map(|&i| g.groups[i].id.clone()).collect()
}

#[test]
fn one_document_one_statement_per_speaker_and_stance() {
    let claims = [
        c("a", 1, "microsoft", "ACCUSE", &["iran"], ""),
        c("a", 2, "microsoft", "ACCUSE", &[], ""),
        c("a", 3, "microsoft", "ACCUSE", &["mint_sandstorm"], ""),
        c("a", 4, "microsoft", "STATE", &["iran"], ""),
        c("a", 5, "iran", "DENY", &["microsoft"], ""),
        c("a", 6, "", "ACCUSE", &["iran"], ""),
        c("a", 7, "", "ACCUSE", &["iran"], ""),
    ];
    assert_eq!(ids(&claims), ["g1", "g1", "g1", "g2", "g3", "g4", "g5"]);
}

#[test]
fn dated_documents_group_on_one_target_within_the_threshold() {
    let claims = [
        c("a", 1, "iran", "DENY", &["microsoft"], "2024-08-10"),
        c("b", 1, "iran", "DENY", &["microsoft", "united_states"], "2024-08-12"),
        // A month later: a new statement.
        c("c", 1, "iran", "DENY", &["microsoft"], "2024-09-20"),
        // The same speaker and target, another stance.
        c("d", 1, "iran", "ACCUSE", &["microsoft"], "2024-08-11"),
        // Another speaker.
        c("e", 1, "tehran", "DENY", &["microsoft"], "2024-08-11"),
        // No shared target.
        c("f", 1, "iran", "DENY", &["google"], "2024-08-11"),
    ];
    assert_eq!(ids(&claims), ["g1", "g1", "g2", "g3", "g4", "g5"]);
    // A year or a month overlaps the days it holds: distance 0.
    let claims = [c("a", 1, "x", "DENY", &["t"], "2024"), c("b", 1, "x", "DENY", &["t"], "2024-08-12")];
    assert_eq!(ids(&claims), ["g1", "g1"]);
    // 2024-07-31 to 2024-08-14 is 14 days, the threshold; one more is too many.
    let claims = [c("a", 1, "x", "DENY", &["t"], "2024-07"), c("b", 1, "x", "DENY", &["t"], "2024-08-14")];
    assert_eq!(ids(&claims), ["g1", "g1"]);
    let claims = [c("a", 1, "x", "DENY", &["t"], "2024-07"), c("b", 1, "x", "DENY", &["t"], "2024-08-15")];
    assert_eq!(ids(&claims), ["g1", "g2"]);
}

#[test]
fn reports_chain_within_the_threshold() {
    let claims = [
        c("a", 1, "fbi", "ACCUSE", &["iran"], "2024-08-01"),
        c("b", 1, "fbi", "ACCUSE", &["iran"], "2024-08-12"),
        c("c", 1, "fbi", "ACCUSE", &["iran"], "2024-08-23"),
        c("d", 1, "fbi", "ACCUSE", &["iran"], "2024-09-30"),
    ];
    assert_eq!(ids(&claims), ["g1", "g1", "g1", "g2"]);
}

#[test]
fn undated_documents_need_two_shared_targets() {
    let claims = [
        c("a", 1, "microsoft", "ACCUSE", &["iran", "mint_sandstorm"], ""),
        c("b", 1, "microsoft", "ACCUSE", &["iran", "cotton_sandstorm"], ""),
        c("c", 1, "microsoft", "ACCUSE", &["mint_sandstorm", "iran", "trump"], "2024-08-09"),
    ];
    assert_eq!(ids(&claims), ["g1", "g2", "g1"]);
}

#[test]
fn ids_follow_doc_and_cue_order_whatever_the_input_order() {
    let claims = vec![
        c("b", 5, "x", "STATE", &[], ""),
        c("a", 9, "y", "STATE", &[], ""),
        c("a", 2, "x", "STATE", &[], ""),
        c("b", 1, "z", "WARN", &[], ""),
    ];
    assert_eq!(ids(&claims), ["g4", "g2", "g1", "g3"]);
    let mut reversed = claims.clone();
    reversed.reverse();
    let mut back = ids(&reversed);
    back.reverse();
    assert_eq!(back, ids(&claims));
}

#[test]
fn groups_describe_their_members() {
    let mut claims = vec![
        c("b.txt", 3, "iran", "DENY", &["microsoft", "united_states"], "2024-08-12"),
        c("a.txt", 1, "iran", "DENY", &["microsoft", "united_states"], ""),
        c("c.txt", 1, "iran", "DENY", &["united_states", "microsoft"], "2024-08-10"),
    ];
    claims[1].lang = "ar".into();
    let g = group(&claims);
    assert_eq!(g.groups.len(), 1);
    let x = &g.groups[0];
    assert_eq!((x.id.as_str(), x.speaker.as_str(), x.stance.as_str()), ("g1", "iran", "DENY"));
    assert_eq!(x.targets, ["microsoft", "united_states"]);
    assert_eq!((x.first_doc.as_str(), x.first_date.as_str()), ("c.txt", "2024-08-10"));
    assert_eq!(x.documents, ["a.txt", "b.txt", "c.txt"]);
    assert_eq!(x.languages, ["ar", "en"]);
    assert_eq!(x.members, [1, 0, 2]);
}

#[test]
fn denials_respond_to_the_accusations_that_blamed_the_denier() {
    let mut claims = vec![
        c("a", 1, "microsoft", "ACCUSE", &["iran", "mint_sandstorm"], "2024-08-09"),
        c("b", 1, "iran", "DENY", &["microsoft"], "2024-08-10"),
        // Accuses Iran, shares no document with the denial, is not named by it.
        c("c", 1, "google", "ACCUSE", &["iran"], "2024-08-10"),
        // Named by no one, answered in the denial's document.
        c("b", 2, "fbi", "WARN", &["iran"], "2024-08-10"),
        // Blames someone else.
        c("d", 1, "microsoft", "ACCUSE", &["russia"], "2024-08-10"),
        // Long before.
        c("e", 1, "microsoft", "ACCUSE", &["iran", "phosphorus"], "2019-10-04"),
    ];
    claims[1].relation_targets = vec!["microsoft".into()];
    // In its document, the denial answers the FBI's warning (claims.csv `responds_to`).
    claims[1].responds_to = vec!["c2".into()];
    let g = group(&claims);
    let deny = &g.groups[g.of_claim[1]];
    let id = |i: usize| g.groups[g.of_claim[i]].id.clone();
    assert_eq!(deny.responds_to, [id(0), id(3)]);
    assert!(g.groups.iter().filter(|x| x.stance != "DENY").all(|x| x.responds_to.is_empty()));
}

#[test]
fn relation_targets_count_and_the_speaker_is_never_its_own_target() {
    let mut a = c("a", 1, "iran", "DENY", &["iran"], "");
    a.relation_targets = vec!["microsoft".into(), "united_states".into()];
    let b = c("b", 1, "iran", "DENY", &["united_states", "microsoft", "iran"], "");
    let g = group(&[a, b]);
    assert_eq!(g.groups.len(), 1);
    assert_eq!(g.groups[0].targets, ["microsoft", "united_states"]);
}

#[test]
fn day_ranges_of_partial_dates() {
    let jdn = |y, m, d| Calendar::Gregorian.to_jdn(y, m, d).unwrap();
    assert_eq!(day_range("2024-02"), Some((jdn(2024, 2, 1), jdn(2024, 2, 29))));
    assert_eq!(day_range("2023"), Some((jdn(2023, 1, 1), jdn(2023, 12, 31))));
    assert_eq!(day_range("2024-08-19"), Some((jdn(2024, 8, 19), jdn(2024, 8, 19))));
    for bad in ["", "x", "2024-13", "2024-02-30", "2024-1-x"] {
        assert_eq!(day_range(bad), None, "{bad}");
    }
    assert_eq!(gap(day_range("2024-08"), day_range("2024-09-03")), Some(3));
    assert_eq!(gap(day_range("2024"), day_range("2024-09-03")), Some(0));
    assert!(close(None, day_range("2024"), 0));
}

#[test]
fn pairwise_counts() {
    // Gold {1,2,3} {4}; predicted {1,2} {3,4}; documents: 1, 2 in a, 3, 4 in b.
    let items = [("a", "x", "p"), ("a", "x", "p"), ("b", "x", "q"), ("b", "y", "q")];
    let s = score::count(&items);
    assert_eq!((s.pairs.tp, s.pairs.fp, s.pairs.fn_), (1, 1, 2));
    // Cross-document pairs: gold (1,3) (2,3); predicted none.
    assert_eq!((s.cross_document.tp, s.cross_document.fp, s.cross_document.fn_), (0, 0, 2));
    assert_eq!((s.matched, s.gold_groups, s.pred_groups), (4, 2, 2));
}
