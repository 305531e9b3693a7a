//! `refolio import rncp`: fiches of the RNCP export (format v4.1) as draft referentials.
//! The fixture export holds three fiches in the real schema: RNCP10001 (one bloc per bullet
//! style, a `CORRESPONDANCES` decoy naming RNCP36395), RNCP36395 (the international
//! business developer, its lists as escaped HTML, doubly escaped entities, CDATA, flattened
//! bullets) and RNCP36396. A property test feeds random messy fiches to the importer: the
//! draft always loads without error.

use crate::common;
use std::path::{Path, PathBuf};

use common::{fixture, run};
use refolio::import::draft::{Draft, DraftCompetence, verify};
use refolio::import::rncp::{CRITERIA_TODO, import};
use refolio::model::ModalityKind;

fn export() -> PathBuf {
    fixture("import/rncp/export.xml")
}

fn competences(draft: &Draft, bloc: usize) -> Vec<&DraftCompetence> {
    draft.blocs[bloc]
        .activities
        .iter()
        .flat_map(|a| &a.competences)
        .collect()
}

fn ids(draft: &Draft, bloc: usize) -> Vec<&str> {
    competences(draft, bloc)
        .iter()
        .map(|k| k.id.as_str())
        .collect()
}

fn texts(draft: &Draft, bloc: usize) -> Vec<&str> {
    competences(draft, bloc)
        .iter()
        .map(|k| k.text.as_str())
        .collect()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn rncp36395_is_read_with_its_blocs_competences_and_modalities() {
    let imported = import(&export(), "RNCP36395").unwrap();
    assert_eq!(imported.id, "rncp36395");
    let d = &imported.draft;
    assert_eq!(
        d.title,
        "Responsable de développement commercial à l'international - Business Developer à l'international"
    );
    assert_eq!(d.rncp.as_deref(), Some("RNCP36395"));
    assert_eq!(d.level, Some(6));
    // Listed twice in the export, kept once.
    assert_eq!(
        d.certifier.as_deref(),
        Some("CCI FRANCE, RESEAU NEGOVENTIS")
    );
    assert_eq!(
        d.source_url.as_deref(),
        Some("https://www.francecompetences.fr/recherche/rncp/36395/")
    );
    // The BLOC_COMPETENCES of CORRESPONDANCES (here and in RNCP10001, which names
    // RNCP36395 as its destination) are not blocs.
    let codes: Vec<&str> = d.blocs.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        codes,
        [
            "RNCP36395BC01",
            "RNCP36395BC02",
            "RNCP36395BC03",
            "RNCP36395BC04",
            "RNCP36395BC05"
        ]
    );
    let counts: Vec<usize> = (0..5).map(|b| competences(d, b).len()).collect();
    assert_eq!(counts, [7, 8, 18, 10, 0]);

    // BC01: `&lt;p&gt;` paragraphs carrying the source's own labels, `&amp;eacute;` and
    // `&amp;#39;` entities.
    assert_eq!(
        ids(d, 0),
        [
            "C.1.1.a", "C.1.1.b", "C.1.2a", "C.1.2b", "C.1.3a", "C.1.3b", "C.1.4"
        ]
    );
    let bc01 = texts(d, 0);
    assert_eq!(
        bc01[0],
        "Exercer une fonction de veille sur son secteur d'activité et sur la concurrence, en \
         mettant en place les techniques permettant l'acquisition, la gestion et l'exploitation \
         optimales des flux d'informations au moyen d'outils digitaux, afin d'identifier les \
         évolutions et tendances en émergence et d'en repérer les menaces et opportunités."
    );
    assert!(
        bc01[1].starts_with(
            "Analyser les comportements d'achat des clients de son entreprise, en s'appuyant"
        ),
        "{}",
        bc01[1]
    );
    assert_eq!(
        bc01[6],
        "Présenter le plan d'action commercial omnicanal à sa hiérarchie, en le formalisant de \
         façon claire, complète et structurée et en justifiant le bienfondé des choix opérés et \
         options retenues, afin de négocier la mise à disposition des moyens et conditions \
         nécessaires à sa réalisation et d'obtenir sa validation."
    );

    // BC02: CDATA holding `<ul><li>` and a `&nbsp;` intro; numbered after the bloc.
    assert_eq!(
        ids(d, 1),
        [
            "C2.1", "C2.2", "C2.3", "C2.4", "C2.5", "C2.6", "C2.7", "C2.8"
        ]
    );
    assert_eq!(
        texts(d, 1)[0],
        "Identifier les marchés potentiels privés et publics porteurs d'opportunités pour son \
         entreprise, en respectant les orientations stratégiques définies par sa hiérarchie et le \
         plan d'action commercial omnicanal établi, afin de sélectionner ceux sur lesquels se \
         positionner au regard de leur potentiel de développement."
    );
    assert!(
        d.blocs[1]
            .review
            .contains(&"introduction retirée de la liste : « Compétences : »".to_owned()),
        "{:?}",
        d.blocs[1].review
    );

    // BC03: one line of `•` bullets after "Le titulaire est capable de :".
    let bc03 = texts(d, 2);
    assert_eq!(
        bc03[0],
        "Analyser les spécificités et caractéristiques d'une demande ou d'une opportunité \
         commerciale avec un client/prospect, en opérant une prise d'informations \
         complémentaires permettant l'évaluation de son sérieux et de sa solvabilité, afin \
         d'identifier et de qualifier les risques de l'affaire potentielle."
    );
    assert_eq!(
        bc03[17],
        "Evaluer le processus de négociation mené, en s'appuyant sur l'analyse de critères et \
         indicateurs objectifs et sur l'auto-analyse de l'attitude mise en œuvre et des \
         techniques mobilisées, afin de repérer ses points forts à capitaliser et d'identifier \
         ses marges de progrès."
    );
    assert_eq!(ids(d, 2)[17], "C3.18");

    // BC04: `-` bullets separated by a doubly escaped `&amp;lt;br&amp;gt;`.
    assert_eq!(
        texts(d, 3)[9],
        "Rendre compte de la performance de l'activité commerciale sur son périmètre, en \
         formalisant la restitution des résultats obtenus et en mettant en exergue les écarts \
         avec les objectifs initialement visés, afin de le présenter à sa direction accompagné \
         de propositions d'évolutions (d'offres produits/services, de stratégie commerciale, de \
         redéfinition des cibles...) contribuant à l'amélioration de la compétitivité de \
         l'entreprise."
    );

    // Every competence is to complete; one activity per bloc stands in for the real ones.
    for b in 0..4 {
        assert_eq!(d.blocs[b].activities.len(), 1);
        assert_eq!(d.blocs[b].activities[0].id, format!("{}-A", d.blocs[b].id));
        assert_eq!(d.blocs[b].activities[0].title, d.blocs[b].title);
        for k in competences(d, b) {
            assert_eq!(k.review, [CRITERIA_TODO], "{}", k.id);
            assert!(k.criteria.is_empty());
        }
    }

    // One modality per bloc, the fiche's text, evaluating every competence of its bloc.
    for (b, bloc) in d.blocs.iter().enumerate() {
        assert_eq!(bloc.modalities.len(), 1, "{}", bloc.id);
        let m = &bloc.modalities[0];
        assert_eq!(m.kind, ModalityKind::Other);
        assert_eq!(m.title, "Modalités d'évaluation");
        let all: Vec<String> = match b {
            4 => vec![bloc.id.clone()],
            _ => ids(d, b).into_iter().map(str::to_owned).collect(),
        };
        assert_eq!(m.evaluates, all);
    }
    let bc01_modality = d.blocs[0].modalities[0].description.as_deref().unwrap();
    assert!(
        bc01_modality.starts_with(
            "Un dossier de développement commercial\n\nToutes les compétences constitutives du \
             bloc sont évaluées sur la base de la production suivante :\n\nUn dossier de \
             développement commercial , constitué de :\n\n- l'analyse des résultats d'une étude \
             de marché,\n- la formulation"
        ),
        "{bc01_modality}"
    );
    assert_eq!(
        d.blocs[4].modalities[0].description.as_deref(),
        Some(
            "Obtention d'un certificat de compétences en entreprise (CCE) « Gérer les opérations \
             à l'international »\n\nObtention d'un certificat de compétences en entreprise (CCE) \
             « Gérer les opérations à l'international » selon les résultats des évaluations \
             annuelles de l'alternant"
        )
    );

    assert_eq!(
        imported.report,
        [
            "RNCP36395BC01: 7 competence(s) cut by the source's labels; HTML decoded",
            "RNCP36395BC02: 8 competence(s) cut by bullets `-`; HTML decoded; intro \"Compétences :\" dropped",
            "RNCP36395BC03: 18 competence(s) cut by bullets `•`; intro \"Le titulaire est capable de :\" dropped",
            "RNCP36395BC04: 10 competence(s) cut by bullets `-`; HTML decoded",
            "RNCP36395BC05: 0 competence(s) cut by nothing (empty list); no competence",
            "5 bloc(s), 43 competence(s): write the activities (one per bloc stands in), every \
             competence's criteria, and split each bloc's modality text into exams",
        ]
    );
}

#[test]
fn each_bullet_style_is_cut_into_competences() {
    let imported = import(&export(), "rncp10001").unwrap();
    let d = &imported.draft;
    assert_eq!(
        d.title,
        "Gestionnaire d'unité commerciale (fiche d'essai : puces et numéros)"
    );
    // NOMENCLATURE_EUROPE's INTITULE is not the title; its NIVEAU is the level.
    assert_eq!(d.level, Some(5));
    assert_eq!(d.certifier.as_deref(), Some("ORGANISME D'ESSAI"));
    assert_eq!(d.blocs.len(), 6);

    // `*` bullets, `o` sub-bullets, a wrapped line, an intro.
    assert_eq!(ids(d, 0), ["C1.1", "C1.2", "C1.3"]);
    assert_eq!(
        texts(d, 0),
        [
            "Analyser le marché et ses tendances",
            "Concevoir une offre de services\n- chiffrée\n- argumentée auprès du client",
            "Piloter le plan d'action en lien avec la direction commerciale",
        ]
    );
    // `–` bullets; the trailing `;` goes.
    assert_eq!(
        texts(d, 1),
        [
            "Recruter les collaborateurs",
            "Former l'équipe",
            "Évaluer les performances."
        ]
    );
    // Numbers `1.` and `2)` after "Le candidat est capable de :".
    assert_eq!(ids(d, 2), ["C3.1", "C3.2", "C3.3"]);
    assert_eq!(
        texts(d, 2),
        [
            "Établir un budget prévisionnel",
            "Suivre les indicateurs de gestion",
            "Rendre compte à la direction"
        ]
    );
    // The source's own labels are the IDs.
    assert_eq!(ids(d, 3), ["C4.1", "C4.2", "C4.3"]);
    assert_eq!(
        texts(d, 3),
        [
            "Identifier les risques juridiques",
            "Rédiger une note d'alerte",
            "Proposer des mesures correctives"
        ]
    );
    // One competence per line; a line in lowercase continues; a line not starting with a
    // verb is taken, and said to be a guess.
    assert_eq!(
        texts(d, 4),
        [
            "Animer une réunion d'équipe",
            "Conduire un entretien annuel d'évaluation avec chaque collaborateur",
            "La gestion des conflits",
            "S'adapter aux situations imprévues",
        ]
    );
    let guessed: Vec<usize> = competences(d, 4).iter().map(|k| k.review.len()).collect();
    assert_eq!(guessed, [1, 1, 2, 1]);
    assert!(
        competences(d, 4)[2].review[1]
            .starts_with("découpage deviné : ligne prise pour une compétence"),
        "{:?}",
        competences(d, 4)[2].review
    );
    // `•` bullets, on one line and across an escaped `<br>`.
    assert_eq!(
        texts(d, 5),
        [
            "Négocier les contrats",
            "Suivre les fournisseurs",
            "Contrôler les livraisons"
        ]
    );
    assert_eq!(
        imported.report[..6],
        [
            "RNCP10001BC01: 3 competence(s) cut by bullets `*`; intro \"Compétences :\" dropped",
            "RNCP10001BC02: 3 competence(s) cut by bullets `–`",
            "RNCP10001BC03: 3 competence(s) cut by numbers; intro \"Le candidat est capable de :\" dropped",
            "RNCP10001BC04: 3 competence(s) cut by the source's labels",
            "RNCP10001BC05: 4 competence(s) cut by lines; 1 guessed competence(s)",
            "RNCP10001BC06: 3 competence(s) cut by bullets `•`; HTML decoded",
        ]
    );
}

#[test]
fn every_fiche_verifies_with_draft_warnings_only() {
    for (fiche, competences, empty_blocs) in [
        ("RNCP10001", 19, 0),
        ("RNCP36395", 43, 1),
        ("RNCP36396", 1, 0),
    ] {
        let imported = import(&export(), fiche).unwrap();
        let yaml = imported.draft.to_yaml();
        let (diags, sources) = verify(&imported.id, &yaml);
        let lines: Vec<String> = diags.sorted().iter().map(|d| d.render(&sources)).collect();
        assert!(!diags.has_errors(), "{fiche}: {lines:#?}");
        // A missing-criteria warning per competence, and one per bloc without competences.
        assert_eq!(
            diags.warnings(),
            competences + empty_blocs,
            "{fiche}: {lines:#?}"
        );
        assert_eq!(
            yaml.matches("# critères d'évaluation à compléter\n")
                .count(),
            competences
        );
        assert!(yaml.contains("\ndraft: true\n"));
    }
}

#[test]
fn crlf_line_endings_read_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let crlf = tmp.path().join("export-crlf.xml");
    let lf = std::fs::read_to_string(export()).unwrap();
    assert!(!lf.contains('\r'));
    std::fs::write(&crlf, lf.replace('\n', "\r\n")).unwrap();
    for fiche in ["RNCP10001", "RNCP36395"] {
        let a = import(&export(), fiche).unwrap();
        let b = import(&crlf, fiche).unwrap();
        assert_eq!(a.draft, b.draft, "{fiche}");
        assert_eq!(a.report, b.report, "{fiche}");
    }
}

#[test]
fn a_missing_fiche_is_a_usage_error_with_close_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let export = export();
    let (code, stdout, stderr) = run(
        tmp.path(),
        &["import", "rncp", path_str(&export), "--fiche", "RNCP36394"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "error: fiche RNCP36394 is not in `{}` (3 fiche(s) read); close numbers in the \
             export: RNCP36395, RNCP36396\n",
            export.display()
        )
    );
    let (code, _, stderr) = run(
        tmp.path(),
        &["import", "rncp", path_str(&export), "--fiche", "36395x"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`36395x` is not a fiche number"),
        "{stderr}"
    );
    assert!(!tmp.path().join("content").exists());
}

#[test]
fn a_malformed_export_says_where() {
    let tmp = tempfile::tempdir().unwrap();
    let malformed = fixture("import/rncp/malformed.xml");
    let (code, _, stderr) = run(
        tmp.path(),
        &[
            "import",
            "rncp",
            path_str(&malformed),
            "--fiche",
            "RNCP20001",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: `{}` is not a readable RNCP export: line 7, column 68 (byte 260): \
             ill-formed document: expected `</BLOC_COMPETENCES>`, but `</BLOCS_COMPETENCES>` \
             was found\n",
            malformed.display()
        )
    );
}

#[test]
fn reading_stops_at_the_fiche_asked() {
    // A broken fiche after RNCP36395: never read when RNCP36395 is asked, an error when
    // the reading has to go past it.
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("export.xml");
    let text = std::fs::read_to_string(export()).unwrap();
    let end = text.find("<NUMERO_FICHE>RNCP36396").unwrap();
    let cut = text[..end].rfind("  <FICHE>").unwrap();
    let text = format!("{}  <FICHE><oops></FICHE>\n{}", &text[..cut], &text[cut..]);
    std::fs::write(&broken, text).unwrap();
    assert_eq!(
        import(&broken, "RNCP36395").unwrap().draft,
        import(&export(), "RNCP36395").unwrap().draft
    );
    let e = import(&broken, "RNCP36396").unwrap_err().to_string();
    assert!(e.contains("ill-formed document"), "{e}");
}

#[test]
fn the_written_file_is_kept_unless_forced_and_the_site_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    let export = export();
    let args = ["import", "rncp", path_str(&export), "--fiche", "RNCP36395"];
    let (code, stdout, stderr) = run(site, &args);
    assert_eq!(code, 0, "{stderr}");
    let written = site.join("content/referentials/rncp36395.yaml");
    assert_eq!(
        stdout,
        format!(
            "wrote {} (6 note(s) to review, 43 competence(s) still without criteria or modality); remove `draft: true` once it is reviewed\n",
            written.display()
        )
    );
    assert!(
        stderr.starts_with(
            "note: RNCP36395BC01: 7 competence(s) cut by the source's labels; HTML decoded\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
    // The expected gaps are counted above, not listed; the empty bloc is said.
    assert!(!stderr.contains("has no evaluation criterion"), "{stderr}");
    assert!(
        stderr.contains("warning: bloc `RNCP36395BC05` has no competence and no module"),
        "{stderr}"
    );
    let first = std::fs::read_to_string(&written).unwrap();

    // `refolio check` on the site made of it: warnings only.
    let (code, stdout, stderr) = run(site, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "ok: 1 referentials, 43 competences, 0 criteria, 44 warning(s)\n"
    );

    // The author's edits are not overwritten without --force.
    std::fs::write(&written, "mine").unwrap();
    let (code, stdout, stderr) = run(site, &args);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("exists; refusing to overwrite it"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "mine");

    let mut forced = args.to_vec();
    forced.push("--force");
    let (code, _, stderr) = run(site, &forced);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), first);

    // --out writes elsewhere.
    let out = tmp.path().join("ailleurs");
    let mut elsewhere = args.to_vec();
    elsewhere.extend(["--out", path_str(&out)]);
    let (code, _, stderr) = run(site, &elsewhere);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(out.join("rncp36395.yaml")).unwrap(),
        first
    );
}

/// Pieces of the messy texts the export holds: markers, markup, entities, words, and
/// characters YAML and Markdown treat specially.
const PIECES: &[&str] = &[
    "- ",
    "* ",
    "o ",
    "• ",
    "– ",
    "1. ",
    "2) ",
    "C1.1 ",
    "c1-1 ",
    "C2.1 ",
    "RNCP36395BC01-A ",
    "A1C2.",
    "C.1.1.a ",
    "\n",
    "\r\n",
    "   ",
    "<p>",
    "</p>",
    "<br>",
    "<li>",
    "<ul>",
    "&lt;li&gt;",
    "&amp;eacute;",
    "&#233;",
    "&nbsp;",
    "Analyser ",
    "le marché",
    "la veille ",
    "Compétences :",
    "Le candidat est capable de :",
    ":",
    ";",
    ",",
    ".",
    "&",
    "<",
    "#",
    "\"",
    "'",
    "é",
    "\u{a0}",
    "true",
    "null",
    "{",
    "}",
    "|",
    ">",
    "---",
    "[ ]",
    "%",
    "@",
    "`",
    "\\",
];

/// Bloc codes, some the same as others once made anchors.
const CODES: &[&str] = &[
    "RNCP36395BC01",
    "rncp36395bc01",
    "RNCP36395BC01_",
    "RNCP36395BC02",
    "RNCP36395BC01-A",
    "C1.1",
    "",
];

fn code() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        proptest::sample::select(CODES).prop_map(str::to_owned),
        "\\PC{0,16}",
    ]
}

fn messy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    proptest::collection::vec(
        prop_oneof![
            4 => proptest::sample::select(PIECES).prop_map(str::to_owned),
            1 => "\\PC{0,12}",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(128))]

    /// Whatever the texts and codes, the draft loads and validates without error: an
    /// importer's output needs its author's review, never a repair.
    #[test]
    fn any_fiche_gives_a_draft_without_errors(
        title in messy(),
        blocs in proptest::collection::vec((code(), messy(), messy(), messy()), 1..5),
    ) {
        let fiche = refolio::import::rncp::Fiche {
            numero: "RNCP36395".into(),
            intitule: title,
            niveau: Some("NIV6".into()),
            blocs: blocs
                .into_iter()
                .map(|(code, libelle, competences, modalites)| refolio::import::rncp::Bloc {
                    code,
                    libelle,
                    competences,
                    modalites,
                })
                .collect(),
            ..Default::default()
        };
        let imported = refolio::import::rncp::build(&fiche);
        let yaml = imported.draft.to_yaml();
        let (diags, sources) = verify(&imported.id, &yaml);
        let lines: Vec<String> = diags.sorted().iter().map(|d| d.render(&sources)).collect();
        proptest::prop_assert!(!diags.has_errors(), "{lines:#?}\n{yaml}");
    }
}
