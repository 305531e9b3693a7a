//! Third pass, combinations of the sources' own cases across sessions: an absence excused,
//! its make-up and a jury departing from the proposal; blocs validated session by session;
//! the final interview missed then held; a VAE completed later; marks exactly at every
//! threshold; sessions out of order or on one date; a route that changes.

use super::texts::dc_criteria;
use super::*;

/// 000 says only « L'ensemble des évaluations constitue le dossier Bilan du candidat qui
/// comporte les indices nécessaires au jury de Grand oral »: nothing of an absence at it nor
/// of holding it again. Absent at the first session, held at the second: the full title, on
/// refolio's defaults — the absence's consequence, and that the later Grand oral counts
/// (that one was unsaid: `default_retakes` was given only for a bloc given again).
#[test]
fn dc_grand_oral_absent_then_held_at_a_later_session() {
    let first = dc_criteria("    ", &[], &[]);
    let c = ok(
        DC,
        &format!(
            "route: apprenticeship\nattempts:\n  - session: 2026-06-18\n{first}    \
             final_interview: {{ result: absent, date: 2026-06-30 }}\n  - session: 2026-12-10\n    \
             final_interview: {{ result: validated, date: 2026-12-10 }}\n"
        ),
    );
    assert_eq!(kind(&c), "full", "{}", all_text(&c));
    let oral = c["final_interview"]["reasons"].to_string();
    assert!(oral.contains("default_retakes"), "{oral}");
    assert!(
        c["reasons"].to_string().contains(
            "Le certificateur ne fixe pas de règle de rattrapage : refolio retient chaque \
             session, la plus récente faisant foi (règle par défaut)."
        ),
        "{}",
        c["reasons"]
    );
}
