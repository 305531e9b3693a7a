//! `refolio import table` on the three real referential documents (copied under
//! `tests/fixtures/import/table/`), measured against their hand transcriptions in
//! `content/referentials/`: the share of competences and of criteria recovered with
//! identical text. Both sides are read the same way, through the real loader: the
//! transcription, and the file the importer writes. Run with `-- --nocapture` to see the
//! figures.
//!
//! "Identical" means equal after one normalisation only: every run of whitespace (spaces,
//! tabs, line breaks) becomes one space, and leading and trailing whitespace is dropped.
//! A competence is matched by its ID; a criterion by the competences it assesses (the one it
//! is nested under, or its `competences` list), its text, and its ID when the transcription
//! gives one. The indicators of the criteria matched are compared too (same normalisation,
//! same order) and reported as a third figure.

use crate::common;
use std::collections::BTreeMap;
use std::path::Path;

use common::{Scratch, fixture, repo_root};
use refolio::load::parse_yaml;
use refolio::load::raw::{RawActivity, RawCriterion, RawReferential};

/// Whitespace runs collapsed to one space, ends trimmed; nothing else.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A criterion as compared: competences (sorted), ID, normalised text.
type Key = (Vec<String>, Option<String>, String);

/// A criterion: its key and its normalised indicators.
type Criterion = (Key, Vec<String>);

/// The competences (ID → normalised text) and criteria of a referential file, read through
/// the real loader.
struct Content {
    competences: BTreeMap<String, String>,
    /// Blocs and activities (those of groups included; groups themselves not): ID → title.
    blocs: BTreeMap<String, String>,
    activities: BTreeMap<String, String>,
    criteria: Vec<Criterion>,
}

fn content(name: &str, yaml: &str) -> Content {
    let raw: RawReferential = parse_yaml(yaml, Path::new(name)).unwrap();
    let mut r = Content {
        competences: BTreeMap::new(),
        blocs: BTreeMap::new(),
        activities: BTreeMap::new(),
        criteria: Vec::new(),
    };
    let key = |c: &RawCriterion, competences: Vec<String>| -> Criterion {
        let mut competences = competences;
        competences.sort();
        let indicators = c.indicators.iter().map(|i| normalise(&i.value)).collect();
        (
            (
                competences,
                c.id.as_ref().map(|i| i.value.clone()),
                normalise(&c.text.value),
            ),
            indicators,
        )
    };
    let activity = |a: &RawActivity, r: &mut Content| {
        r.activities
            .insert(a.id.value.clone(), normalise(&a.title.value));
        for k in &a.competences {
            r.competences
                .insert(k.id.value.clone(), normalise(&k.text.value));
            for c in &k.criteria {
                r.criteria.push(key(&c.value, vec![k.id.value.clone()]));
            }
        }
    };
    for b in &raw.blocs.value {
        r.blocs
            .insert(b.id.value.clone(), normalise(&b.title.value));
        for g in &b.groups {
            for a in &g.activities {
                activity(a, &mut r);
            }
        }
        for a in &b.activities {
            activity(a, &mut r);
        }
        for c in &b.criteria {
            let ks = c
                .value
                .competences
                .iter()
                .map(|k| k.value.clone())
                .collect();
            r.criteria.push(key(&c.value, ks));
        }
    }
    r
}

/// Figures for one document: how many of the transcription's items were recovered identical.
pub(crate) struct Figures {
    pub competences: (usize, usize),
    pub criteria: (usize, usize),
    /// Among the criteria recovered, those whose indicators are identical too.
    pub indicators: usize,
    /// Blocs and activities with the same ID and title (reported, not judged).
    pub blocs: (usize, usize),
    pub activities: (usize, usize),
    /// Imported items the transcription does not have (competences, criteria).
    pub extra: (usize, usize),
    pub misses: Vec<String>,
}

fn measure(source: &str, transcription: &str) -> Figures {
    let path = fixture("import/table").join(source);
    let result = refolio::import::table::import(&path, None).unwrap();
    let yaml = result.draft.to_yaml();
    let (diags, sources) = refolio::import::draft::verify(&result.id, &yaml);
    let rendered: Vec<String> = diags.sorted().iter().map(|d| d.render(&sources)).collect();
    assert!(!diags.has_errors(), "{source}: {rendered:#?}\n{yaml}");
    assert_eq!(diags.warnings(), 0, "{source}: {rendered:#?}");

    // Both read the same way: the transcription, and the file the importer writes.
    let reference = repo_root().join("content/referentials").join(transcription);
    compare(
        (transcription, &std::fs::read_to_string(reference).unwrap()),
        (source, &yaml),
    )
}

/// Imports `path`, checks the draft reads back without error (warnings aside: such
/// documents may leave competences without criteria), and measures it against the
/// hand-made `transcription` in the fixture folder `folder` (`import/blind`).
/// `measure_file` on `folder/name` against its transcription beside it,
/// `folder/<stem>.expected.yaml`: how each blind round's documents are measured.
pub(crate) fn measure_beside(folder: &str, name: &str) {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    measure_file(
        &fixture(folder).join(name),
        folder,
        &format!("{stem}.expected.yaml"),
    );
}

pub(crate) fn measure_file(path: &Path, folder: &str, transcription: &str) {
    let source = path.file_name().unwrap().to_string_lossy().into_owned();
    let result = refolio::import::table::import(path, None).unwrap();
    let yaml = result.draft.to_yaml();
    let (diags, sources) = refolio::import::draft::verify(&result.id, &yaml);
    let rendered: Vec<String> = diags.sorted().iter().map(|d| d.render(&sources)).collect();
    assert!(!diags.has_errors(), "{source}: {rendered:#?}\n{yaml}");
    let expected = std::fs::read_to_string(fixture(folder).join(transcription)).unwrap();
    let f = compare((transcription, &expected), (&source, &yaml));
    if !f.misses.is_empty() {
        println!("{yaml}\n{:#?}", result.report);
    }
    judge(&source, transcription, &f);
}

/// [`measure_file`] on a document built in the test (a .docx or .odt), written as `name`.
pub(crate) fn measure_written(name: &str, bytes: Vec<u8>, folder: &str, transcription: &str) {
    let dir = Scratch::of("valid");
    let path = dir.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    measure_file(&path, folder, transcription);
}

/// Figures of the referential `got` (name, YAML) against the transcription `want`.
pub(crate) fn compare(want: (&str, &str), got: (&str, &str)) -> Figures {
    let r = content(want.0, want.1);
    let got = content(got.0, got.1);
    let mut misses = Vec::new();
    let mut competences = 0;
    for (id, text) in &r.competences {
        if got.competences.get(id) == Some(text) {
            competences += 1;
        } else {
            misses.push(format!("competence {id}: {:?}", got.competences.get(id)));
        }
    }
    let mut unused: Vec<Option<&Criterion>> = got.criteria.iter().map(Some).collect();
    let mut criteria = 0;
    let mut indicators = 0;
    for (want, want_indicators) in &r.criteria {
        let hit = unused.iter_mut().find(|g| {
            g.is_some_and(|((ks, id, text), _)| {
                ks == &want.0 && text == &want.2 && (want.1.is_none() || id == &want.1)
            })
        });
        match hit {
            Some(slot) => {
                if slot.is_some_and(|(_, i)| i == want_indicators) {
                    indicators += 1;
                } else {
                    misses.push(format!("indicators of {want:?}"));
                }
                *slot = None;
                criteria += 1;
            }
            None => misses.push(format!("criterion {want:?}")),
        }
    }
    let extra_competences = got
        .competences
        .keys()
        .filter(|id| !r.competences.contains_key(*id))
        .count();
    let extra_criteria: Vec<&Criterion> = unused.into_iter().flatten().collect();
    for c in &extra_criteria {
        misses.push(format!("extra criterion {:?}", c.0));
    }
    let same = |want: &BTreeMap<String, String>, got: &BTreeMap<String, String>| {
        let n = want
            .iter()
            .filter(|(id, t)| got.get(*id) == Some(t))
            .count();
        (n, want.len())
    };
    Figures {
        blocs: same(&r.blocs, &got.blocs),
        activities: same(&r.activities, &got.activities),
        extra: (extra_competences, extra_criteria.len()),
        competences: (competences, r.competences.len()),
        criteria: (criteria, r.criteria.len()),
        indicators,
        misses,
    }
}

fn check(source: &str, transcription: &str) {
    judge(source, transcription, &measure(source, transcription));
}

/// Prints the figures and fails below 95 % identical, or above 5 % invented.
pub(crate) fn judge(source: &str, transcription: &str, f: &Figures) {
    let ((k, kn), (c, cn), i) = (f.competences, f.criteria, f.indicators);
    let share = |a: usize, n: usize| 100.0 * a as f64 / n.max(1) as f64;
    println!(
        "{source} vs {transcription}: competences {k}/{kn} ({:.1}%), criteria {c}/{cn} ({:.1}%), \
         of which with identical indicators {i}/{c}",
        share(k, kn),
        share(c, cn)
    );
    println!(
        "  not in the transcription: {} competences, {} criteria",
        f.extra.0, f.extra.1
    );
    // Reported, not judged: transcriptions may number blocs and activities otherwise.
    println!(
        "  same ID and title: blocs {}/{}, activities {}/{}",
        f.blocs.0, f.blocs.1, f.activities.0, f.activities.1
    );
    for m in &f.misses {
        println!("  miss: {m}");
    }
    assert!(
        kn > 0 && cn > 0,
        "the transcription has competences and criteria"
    );
    assert!(share(k, kn) >= 95.0, "{source}: competences {k}/{kn}");
    assert!(share(c, cn) >= 95.0, "{source}: criteria {c}/{cn}");
    // Nothing invented either: at most 5% more than the transcription.
    assert!(
        share(f.extra.0, kn) <= 5.0 && share(f.extra.1, cn) <= 5.0,
        "{source}: {:?}",
        f.extra
    );
}

#[test]
fn developpement_commercial_numbered_criteria() {
    check("000_6ef1de9ee4de5838.txt", "developpement-commercial.yaml");
}

#[test]
fn business_developer_activity_groups() {
    check("001_01e514a4d1ef2582.txt", "business-developer.yaml");
}

#[test]
fn international_shared_criteria() {
    check(
        "004_c5fcf5e85d561ca7.txt",
        "developpement-commercial-international.yaml",
    );
}

#[test]
fn shapes_and_doubts_of_the_international_referential() {
    let path = fixture("import/table/004_c5fcf5e85d561ca7.txt");
    let result = refolio::import::table::import(&path, Some("rdci")).unwrap();
    let d = &result.draft;
    assert_eq!(
        d.title,
        "Responsable de développement commercial à l'international - Business Developer à l'international"
    );
    let blocs: Vec<&str> = d.blocs.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(blocs, ["B1", "B2", "B3", "B4"]);
    let b3 = &d.blocs[2];
    let groups: Vec<&str> = b3.groups.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(groups, ["A.3.1", "A.3.2"]);
    assert!(
        b3.groups[1]
            .summary
            .as_deref()
            .is_some_and(|s| s.starts_with("En élaborant au préalable une stratégie")),
        "{:?}",
        b3.groups[1].summary
    );
    // "En relation avec les compétences C.3.2.2 & C.3.2.3": one criterion, seven competences.
    let shared = b3
        .criteria
        .iter()
        .find(|c| c.text == "Qualité et efficacité de la négociation menée")
        .unwrap();
    assert_eq!(
        shared.competences,
        [
            "C.3.2.2a", "C.3.2.2b", "C.3.2.2c", "C.3.2.2d", "C.3.2.3a", "C.3.2.3b", "C.3.2.3c"
        ]
    );
    assert_eq!(shared.indicators.len(), 13);
    // Exams: B3 has one per group, each evaluating its group's competences.
    let evaluates: Vec<usize> = b3.modalities.iter().map(|m| m.evaluates.len()).collect();
    assert_eq!(evaluates, [7, 11]);
    assert_eq!(d.blocs[0].modalities[0].evaluates, ["B1"]);
    // B2: three numbered parts, each naming its competences.
    let b2: Vec<&[String]> = d.blocs[1]
        .modalities
        .iter()
        .map(|m| m.evaluates.as_slice())
        .collect();
    assert_eq!(
        b2,
        [
            &["C.2.1a", "C.2.1b", "C.2.2a", "C.2.2b"][..],
            &["C.2.3a", "C.2.3b", "C.2.3c"][..],
            &["C.2.4"][..]
        ]
    );
    for line in [
        "line 28: dropped as page furniture: «Réseau Negoventis –Responsable de Développement Commercial»",
        "77 table rows after the referential table (grids, modules…) were not imported",
        "line 67: criterion «Pertinence et justesse de l'évaluation»: `C.4.4a` read as `C.4.4` (no competence `C.4.4a`)",
    ] {
        assert!(
            result.report.iter().any(|l| l == line),
            "{line}\n{:#?}",
            result.report
        );
    }
    let repeats = result
        .report
        .iter()
        .filter(|l| l.contains("(page break); kept once"));
    assert_eq!(repeats.count(), 2, "{:#?}", result.report);
}

#[test]
fn business_developer_groups_become_blocs() {
    let path = fixture("import/table/001_01e514a4d1ef2582.txt");
    let result = refolio::import::table::import(&path, None).unwrap();
    let blocs: Vec<(&str, &str, &str)> = result
        .draft
        .blocs
        .iter()
        .map(|b| (b.id.as_str(), b.groups[0].id.as_str(), b.title.as_str()))
        .collect();
    assert_eq!(
        blocs,
        [
            (
                "B1",
                "A1",
                "Elaboration d'un plan de développement commercial"
            ),
            (
                "B2",
                "A2",
                "Déclinaison de la stratégie de développement du portefeuille client"
            ),
            (
                "B3",
                "A3",
                "Développement de la relation client et fidélisation du portefeuille"
            ),
            (
                "B4",
                "A4",
                "Encadrement et animation d'une équipe commerciale"
            ),
            (
                "B5",
                "A5",
                "Evaluation des résultats d'un plan d'actions commerciales"
            ),
        ]
    );
    // One exam per competence, numbered in its bloc, kind from its title.
    let b1 = &result.draft.blocs[0];
    let exams: Vec<(&str, &str)> = b1
        .modalities
        .iter()
        .map(|m| (m.id.as_deref().unwrap(), m.evaluates[0].as_str()))
        .collect();
    assert_eq!(
        exams,
        [
            ("E1.1", "C1.1"),
            ("E1.2", "C1.2"),
            ("E1.3", "C1.3"),
            ("E1.4", "C1.4"),
            ("E1.5", "C1.5")
        ]
    );
    assert_eq!(b1.modalities[4].title, "Mise en situation professionnelle");
    assert_eq!(
        b1.modalities[4].kind,
        refolio::model::ModalityKind::Simulation
    );
}

#[test]
fn the_command_writes_a_file_check_accepts_and_keeps_it_unless_forced() {
    let site = Scratch::of("valid");
    let source = fixture("import/table/000_6ef1de9ee4de5838.txt");
    let source = source.to_str().unwrap();
    let (code, stdout, stderr) = site.run(&["import", "table", source, "--id", "dev-co"]);
    assert_eq!(code, 0, "{stderr}");
    let written = site.root().join("content/referentials/dev-co.yaml");
    assert!(
        stdout.contains("wrote ") && stdout.contains("dev-co.yaml"),
        "{stdout}"
    );
    assert!(
        stderr.contains("note: "),
        "the doubts are reported: {stderr}"
    );
    assert!(!stderr.contains("error"), "{stderr}");
    let yaml = std::fs::read_to_string(&written).unwrap();
    assert!(yaml.contains("draft: true\n"), "{yaml}");
    assert!(yaml.contains("- id: \"Cr1.1.1\""), "{yaml}");

    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "refolio check accepts the import: {stderr}");

    // Not replaced without --force.
    std::fs::write(&written, "mine").unwrap();
    let (code, _, stderr) = site.run(&["import", "table", source, "--id", "dev-co"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("refusing to overwrite"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "mine");
    let (code, _, stderr) = site.run(&["import", "table", source, "--id", "dev-co", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), yaml);
}

#[test]
fn the_id_comes_from_the_file_name_or_is_refused() {
    let site = Scratch::of("valid");
    let source = fixture("import/table/001_01e514a4d1ef2582.txt");
    let source = source.to_str().unwrap();
    let (code, _, stderr) = site.run(&["import", "table", source, "--id", "Bad Id"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("--id `Bad Id`"), "{stderr}");
    let (code, _, stderr) = site.run(&["import", "table", source]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        site.root()
            .join("content/referentials/001-01e514a4d1ef2582.yaml")
            .is_file()
    );
}

#[test]
fn a_document_without_a_referential_table_is_refused() {
    let site = Scratch::of("valid").write("notes.txt", "Rien ici.\n\nNi là.\n");
    let path = site.root().join("notes.txt");
    let (code, _, stderr) = site.run(&["import", "table", path.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(stderr.contains("no referential table found"), "{stderr}");
    // What to try: the flag, or another export of the document.
    assert!(stderr.contains("help: if its header names them otherwise, say what each column holds: --columns activities,competences,modalities,criteria"), "{stderr}");
    assert!(
        stderr.contains(
            "save the document from its word processor or spreadsheet as .docx, .odt or .csv"
        ),
        "{stderr}"
    );
}

/// Any cut of a real document (a truncated conversion) imports without panicking, and what
/// it writes reads back without errors.
#[test]
fn cut_documents_import_cleanly() {
    for source in [
        "000_6ef1de9ee4de5838.txt",
        "001_01e514a4d1ef2582.txt",
        "004_c5fcf5e85d561ca7.txt",
    ] {
        let text = std::fs::read_to_string(fixture("import/table").join(source)).unwrap();
        let cuts = (0..text.len())
            .step_by(997)
            .filter(|&i| text.is_char_boundary(i));
        for cut in cuts {
            let Ok(result) = refolio::import::table::import_text(&text[..cut], "cut") else {
                continue; // no table header yet
            };
            let (diags, sources) = refolio::import::draft::verify("cut", &result.draft.to_yaml());
            let rendered: Vec<String> = diags.sorted().iter().map(|d| d.render(&sources)).collect();
            assert!(!diags.has_errors(), "{source} cut at {cut}: {rendered:#?}");
        }
    }
}

/// A referential written by another hand than the three sources: tab-separated plain text,
/// "Bloc n :" headings, `Cr` numbers, and a shared criterion written on the line of its
/// "En relation avec …" heading.
const ANOTHER_HAND: &str = "Référentiel CHARGÉ DE PROJET NUMÉRIQUE

Référentiel d'activités\tRéférentiel de compétences\tModalités d'évaluation\tCritères d'évaluation
Bloc 1 : Piloter un projet numérique\t\t\t
A1.1 Cadrage du projet\tC1.1 Recueillir les besoins des utilisateurs.\tÉtude de cas écrite (3 heures)\tCr 1.1.1 Les besoins sont recensés.
\t\t\tCr 1.1.2 Le cahier des charges est structuré.
A1.2 Suivi du projet\tC1.2 Suivre l'avancement avec des indicateurs\tSoutenance orale\tCr 1.2.1 Les indicateurs sont pertinents.
Bloc 2 : Animer une équipe\t\t\t
A2.1 Animation\tC2.1 Animer les réunions d'équipe\tMise en situation professionnelle\tCr 2.1.1 La réunion suit un ordre du jour.
\tC2.2 Gérer les conflits\t\tEn relation avec les compétences C2.1 & C2.2 : le candidat adopte une posture d'écoute.
";

#[test]
fn a_document_in_another_hand_imports_whole() {
    let imported = refolio::import::table::import_text(ANOTHER_HAND, "projet").unwrap();
    let d = &imported.draft;
    assert_eq!(d.title, "Chargé de projet numérique");
    let shape: Vec<(&str, &str, Vec<&str>)> = d
        .blocs
        .iter()
        .map(|b| {
            let ks = b.activities.iter().flat_map(|a| &a.competences);
            (
                b.id.as_str(),
                b.title.as_str(),
                ks.map(|k| k.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("B1", "Piloter un projet numérique", vec!["C1.1", "C1.2"]),
            ("B2", "Animer une équipe", vec!["C2.1", "C2.2"]),
        ]
    );
    let c11 = &d.blocs[0].activities[0].competences[0];
    let texts: Vec<(Option<&str>, &str)> = c11
        .criteria
        .iter()
        .map(|c| (c.id.as_deref(), c.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (Some("Cr1.1.1"), "Les besoins sont recensés."),
            (Some("Cr1.1.2"), "Le cahier des charges est structuré."),
        ]
    );
    // The shared criterion is kept, at bloc level, for both competences.
    let shared = &d.blocs[1].criteria;
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert_eq!(shared[0].text, "le candidat adopte une posture d'écoute.");
    assert_eq!(shared[0].competences, ["C2.1", "C2.2"]);
    // Exams, with their kinds guessed from their words.
    let exams: Vec<(&str, String, Vec<&str>)> = d
        .blocs
        .iter()
        .flat_map(|b| &b.modalities)
        .map(|m| {
            let kind = serde_json::to_value(m.kind).unwrap();
            let evaluates = m.evaluates.iter().map(String::as_str).collect();
            (
                m.title.as_str(),
                kind.as_str().unwrap().to_owned(),
                evaluates,
            )
        })
        .collect();
    assert_eq!(
        exams,
        [
            (
                "Étude de cas écrite (3 heures)",
                "case-study".into(),
                vec!["C1.1"]
            ),
            ("Soutenance orale", "oral".into(), vec!["C1.2"]),
            (
                "Mise en situation professionnelle",
                "simulation".into(),
                vec!["C2.1"]
            ),
        ]
    );
}

#[test]
fn what_is_not_a_text_document_is_refused_with_the_reason() {
    let scratch = Scratch::of("valid");
    let latin1 = scratch.root().join("latin1.txt");
    std::fs::write(&latin1, b"R\xe9f\xe9rentiel\n").unwrap();
    let (code, _, stderr) = scratch.run(&["import", "table", latin1.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("is not UTF-8 text (byte 1 is not): convert it first"),
        "{stderr}"
    );
    let folder = scratch.root().join("content");
    let (code, _, stderr) = scratch.run(&["import", "table", folder.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a regular file"), "{stderr}");
    assert!(
        !scratch
            .root()
            .join("content/referentials/latin1.yaml")
            .exists()
    );
}
