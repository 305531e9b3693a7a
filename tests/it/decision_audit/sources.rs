//! Sources 000 (Responsable du développement commercial) and 001 (Business development
//! referential): competences by their criteria, the Grand oral, the stated defaults, the
//! disability exemptions and the single-bloc dossier professionnel.

use super::*;

const DC_COMPETENCES: [(&str, usize); 8] = [
    ("1.1", 8),
    ("1.2", 6),
    ("1.3", 7),
    ("2.1", 5),
    ("2.2", 7),
    ("2.3", 8),
    ("3.1", 7),
    ("3.2", 9),
];

/// Criteria results: for each competence, how many of its criteria are true (the first
/// ones), the rest false; competences left out get every criterion true.
fn dc_criteria(true_counts: &[(&str, usize)]) -> String {
    let mut out = String::from("results:\n  criteria:\n");
    for (c, n) in DC_COMPETENCES {
        let t = true_counts
            .iter()
            .find(|(id, _)| *id == c)
            .map_or(n, |(_, t)| *t);
        for i in 1..=n {
            out.push_str(&format!("    Cr{c}.{i}: {}\n", i <= t));
        }
    }
    out
}

pub(super) fn dc(true_counts: &[(&str, usize)], interview: &str) -> String {
    format!(
        "route: apprenticeship\nsession: 2026-06-18\n{}{interview}",
        dc_criteria(true_counts)
    )
}

const GO_OK: &str = "  final_interview: { result: validated, date: 2026-06-30 }\n";

/// "Une compétence est validée si plus de 50% de ses critères d'évaluation le sont.": 4 of
/// 8 is exactly 50 %, not more; 5 of 8 is.
#[test]
fn dc_competence_needs_more_than_half_of_its_criteria() {
    let c = ok(DC, &dc(&[("1.1", 4), ("2.1", 3)], GO_OK));
    assert_eq!(competence(&c, "C1.1"), "not-validated", "{}", all_text(&c));
    assert_eq!(competence(&c, "C2.1"), "validated", "3 of 5");
    let c = ok(DC, &dc(&[("1.1", 5)], GO_OK));
    assert_eq!(competence(&c, "C1.1"), "validated");
}

/// "Condition de validation du Bloc 2 : Validation des 3 compétences."
#[test]
fn dc_bloc2_needs_its_three_competences() {
    let c = ok(DC, &dc(&[("2.3", 4)], GO_OK));
    assert_eq!(competence(&c, "C2.3"), "not-validated");
    assert_eq!(bloc(&c, "B2"), "not-validated", "{}", all_text(&c));
    assert_ne!(kind(&c), "full");
}

/// The text says how bloc 2 is validated, not blocs 1 and 3, nor how the title is awarded:
/// refolio's defaults, each said as one.
#[test]
fn dc_full_title_rests_on_stated_defaults() {
    let c = ok(DC, &dc(&[], GO_OK));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let d = defaults(&c);
    assert!(d.iter().any(|k| k.contains("bloc")), "{d:?}");
    assert!(
        d.iter()
            .any(|k| k.contains("all_blocs") || k.contains("title")),
        "the title's rule is a default: {d:?}"
    );
}

/// "L'ensemble des évaluations constitue le dossier Bilan du candidat qui comporte les
/// indices nécessaires au jury de Grand oral": Grand oral not validated, no title. What is
/// left of the blocs, the text does not say: a default said, or the jury's.
#[test]
fn dc_grand_oral_failed() {
    let c = ok(
        DC,
        &dc(
            &[],
            "  final_interview: { result: not-validated, date: 2026-06-30 }\n",
        ),
    );
    assert_ne!(kind(&c), "full", "{}", all_text(&c));
    if kind(&c) == "partial" {
        assert!(
            defaults(&c).iter().any(|k| k.contains("partial")),
            "the blocs kept are refolio's default, said: {:?}",
            defaults(&c)
        );
    } else {
        assert_eq!(kind(&c), "undecided");
    }
}

#[test]
fn dc_grand_oral_not_held_yet() {
    let c = ok(DC, &dc(&[], ""));
    assert_eq!(kind(&c), "undecided", "{}", all_text(&c));
}

/// A criterion without a result: pending, not refused.
#[test]
fn dc_missing_criterion_is_undecided() {
    let mut p = dc(&[], GO_OK);
    p = p.replace("    Cr3.2.9: true\n", "");
    let c = ok(DC, &p);
    assert_eq!(competence(&c, "C3.2"), "undecided", "{}", all_text(&c));
    assert_eq!(kind(&c), "undecided");
}

/// Every criterion of `prefix`'s competences true, except those in `except` (false) and in
/// `leave_out` (no result).
pub(super) fn bd_criteria(prefix: &str, except: &[&str], leave_out: &[&str]) -> String {
    let mut out = String::from("  criteria:\n");
    for (c, n) in BD_CRITERIA.iter().filter(|(c, _)| c.starts_with(prefix)) {
        for i in 1..=*n {
            let id = format!("{c}.cr{i}");
            if leave_out.contains(&id.as_str()) {
                continue;
            }
            out.push_str(&format!("    {id}: {}\n", !except.contains(&id.as_str())));
        }
    }
    out
}

/// The text states no rule of validation for a competence, a bloc or the title: refolio's
/// defaults, said.
#[test]
fn bd_every_rule_is_a_stated_default() {
    let c = ok(
        BD,
        &format!(
            "route: continuing\nsession: 2026-06-18\nresults:\n{}",
            bd_criteria("C", &[], &[])
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let d = defaults(&c);
    assert!(d.contains(&"default_competence_all"), "{d:?}");
    assert!(d.contains(&"default_bloc_competences"), "{d:?}");
    assert!(d.contains(&"default_all_blocs"), "{d:?}");
}

/// "Sur avis motivé du référent handicap le jury de certification peut décider d'exempter
/// le candidat de certains critères d'évaluation": the exempted criterion does not count.
#[test]
fn bd_disability_exemption_of_a_criterion() {
    let c = ok(
        BD,
        &format!(
            "route: continuing\nsession: 2026-06-18\nexemptions:\n  - criterion: C1.3.cr2\n    \
             reason: Avis motivé du référent handicap du 2 mars 2026\n    date: 2026-03-10\n\
             results:\n{}",
            bd_criteria("C", &[], &["C1.3.cr2"])
        ),
    );
    assert_eq!(competence(&c, "C1.3"), "validated", "{}", all_text(&c));
    assert_eq!(kind(&c), "full");
}

/// "Sur avis motivé": an exemption without its motive is refused.
#[test]
fn bd_exemption_needs_its_motive() {
    refused(
        BD,
        "route: continuing\nsession: 2026-06-18\nexemptions:\n  - criterion: C1.3.cr2\n",
        "missing field `reason`",
    );
}

/// "Lorsqu'un candidat se présente uniquement sur un bloc de compétences (capitalisation de
/// bloc) […] le candidat doit présenter un « dossier professionnel » […] Les critères
/// restent les mêmes.": the dossier replaces the modality, said, and the bloc is still
/// decided by its criteria.
#[test]
fn bd_single_bloc_dossier_professionnel() {
    let single = |except: &[&str]| {
        format!(
            "route: continuing\nblocs: [B3]\nsession: 2026-06-18\nresults:\n{}",
            bd_criteria("C3", except, &[])
        )
    };
    let c = ok(BD, &single(&[]));
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B3"]);
    assert!(
        all_text(&c).contains("Dossier professionnel"),
        "{}",
        all_text(&c)
    );
    let c = ok(BD, &single(&["C3.3.cr1"]));
    assert_eq!(
        bloc(&c, "B3"),
        "not-validated",
        "the criteria still decide: {}",
        all_text(&c)
    );
}

/// The dossier professionnel is for a candidate presenting one bloc only, and the error says
/// so (it named the route until decision13).
#[test]
fn bd_dossier_professionnel_refused_for_two_blocs() {
    refused(
        BD,
        "route: continuing\nblocs: [B3, B4]\nsession: 2026-06-18\nresults:\n  substitutes: \
         { B3: validated }\n",
        "the « Dossier professionnel » replaces the exams of B3 only for a candidate presenting a single bloc; this candidate presents 2",
    );
}

/// A bloc failed on one criterion under the default rule; the others are kept, and keeping
/// them is the referential's "capitalisation de bloc".
#[test]
fn bd_one_bloc_failed_keeps_the_others() {
    let c = ok(
        BD,
        &format!(
            "route: continuing\nsession: 2026-06-18\nresults:\n{}",
            bd_criteria("C", &["C5.2.cr1"], &[])
        ),
    );
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B1", "B2", "B3", "B4"]);
}

// A competence whose every criterion is exempted: questions.rs (left to the jury).

/// The Grand oral has no scale in the text: a mark cannot be written for it.
#[test]
fn dc_grand_oral_has_no_mark() {
    let e = refused(
        DC,
        "route: apprenticeship\nsession: 2026-06-18\nresults:\n  final_interview: { result: \
         14/20 }\n",
        "the final interview (Grand oral) has no points in the referential, so `14/20` cannot be a mark",
    );
    assert!(e.contains("Grand oral"), "{e}");
}

/// Source 000 states no exemption of criteria.
#[test]
fn dc_has_no_criteria_exemption() {
    refused(
        DC,
        "route: apprenticeship\nsession: 2026-06-18\nexemptions:\n  - criterion: Cr1.1.1\n    \
         reason: Avis\n",
        "referential `developpement-commercial` does not provide for exemptions",
    );
}

/// Bloc 1's rule is not stated: with C1.2 at 3 of 6 (not more than 50 %), bloc 1 fails by
/// refolio's default (every competence), said in the bloc's reasoning.
#[test]
fn dc_bloc1_failed_by_a_stated_default() {
    let c = ok(DC, &dc(&[("1.2", 3)], GO_OK));
    assert_eq!(competence(&c, "C1.2"), "not-validated");
    assert_eq!(bloc(&c, "B1"), "not-validated", "{}", all_text(&c));
    let b1 = c["bloc_outcomes"][0]["reasons"].to_string();
    assert!(b1.contains("default_bloc_competences"), "{b1}");
}

/// The dossier professionnel of a single-bloc candidate keeps the criteria ("Les critères
/// restent les mêmes"): a result written for it is refused with what to write instead.
#[test]
fn bd_single_bloc_dossier_has_no_result_of_its_own() {
    let e = refused(
        BD,
        "route: continuing\nblocs: [B3]\nsession: 2026-06-18\nresults:\n  substitutes: \
         { B3: validated }\n",
        "the « Dossier professionnel » replaces the exams of B3 for this candidate, but the criteria still decide the bloc: it has no result of its own",
    );
    assert!(
        e.contains(
            "error: the « Dossier professionnel » replaces the exams of B3 for this candidate, \
             but the criteria still decide the bloc"
        ),
        "{e}"
    );
}

/// Source 000 says nothing of exempting a candidate from the Grand oral: it cannot be
/// written.
#[test]
fn dc_grand_oral_cannot_be_exempted() {
    let e = refused(
        DC,
        "route: apprenticeship\nsession: 2026-06-18\nresults:\n  final_interview: { result: \
         exempted, reason: Avis }\n",
        "referential `developpement-commercial` does not provide for exempting a candidate from an exam, a bloc or the final interview",
    );
    assert!(
        e.contains(
            "does not provide for exempting a candidate from an exam, a bloc or the final interview"
        ),
        "{e}"
    );
}

/// Source 000 does not say whether blocs are certified apart: a candidate presenting bloc 2
/// alone keeps it by refolio's default, said.
#[test]
fn dc_one_bloc_presented_keeps_it_by_a_stated_default() {
    let mut p = String::from(
        "route: apprenticeship\nblocs: [B2]\nsession: 2026-06-18\nresults:\n  criteria:\n",
    );
    for (c, n) in [("2.1", 5), ("2.2", 7), ("2.3", 8)] {
        for i in 1..=n {
            p.push_str(&format!("    Cr{c}.{i}: true\n"));
        }
    }
    let c = ok(DC, &p);
    assert_eq!(kind(&c), "partial", "{}", all_text(&c));
    assert_eq!(awarded(&c), ["B2"]);
    assert!(
        defaults(&c).contains(&"default_partial"),
        "{:?}",
        defaults(&c)
    );
}
