//! The fourth, blind pass continued (blind.rs is full): scenarios written from the sources
//! and docs/content-format.md alone, each with the sentence it comes from.

use super::*;

// 004: "Le référentiel intègre dans les deux cas, à l'exception des candidats salariés, une
// dimension professionnelle évaluée systématiquement" ; "Les salariés et demandeurs
// d'emploi qui bénéficient d'un positionnement […] peuvent être […] exemptés d'épreuve
// professionnelle" — a VAE candidate is not on those routes: the exemption is refused;
// with the professional evaluation and a portfolio for every bloc, the title (no company
// period is set for the VAE).
#[test]
fn blind_a_vae_candidate_is_not_exempted_from_the_professional_evaluation() {
    let p = "route: vae\nsession: 2026-06-18\nresults:\n  \
             substitutes: { B1: 60, B2: 135, B3: 150, B4: 105 }\n";
    let exempted =
        format!("{p}  professional_evaluation: {{ result: exempted, reason: \"salariée\" }}\n");
    refused(INTL, &exempted, "not vae");
    let c = ok(INTL, &format!("{p}  professional_parts: {GOOD_PRO}\n"));
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(all_text(&c).contains("voie VAE"), "{}", all_text(&c));
}

// 000 states no retake rule: a Grand oral failed in June and passed in September gives the
// title by refolio's default (the latest session prevails), said as such.
#[test]
fn blind_000_s_grand_oral_held_again_is_a_default() {
    let counts = [
        ("1.1", 8),
        ("1.2", 6),
        ("1.3", 7),
        ("2.1", 5),
        ("2.2", 7),
        ("2.3", 8),
        ("3.1", 7),
        ("3.2", 9),
    ];
    let mut p = String::from("attempts:\n- session: 2026-06-30\n  criteria:\n");
    for (c, n) in counts {
        for i in 1..=n {
            p.push_str(&format!("    Cr{c}.{i}: true\n"));
        }
    }
    p.push_str(
        "  final_interview: not-validated\n- session: 2026-09-30\n  kind: retake\n  \
         final_interview: validated\n",
    );
    let c = ok(DC, &p);
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    assert!(
        defaults(&c).contains(&"default_retakes"),
        "{:?}",
        defaults(&c)
    );
}
