//! Incremental rebuilds: after every edit of a series (change, add, delete, rename files of
//! each kind), the output folder kept up to date by the rebuilder must equal a full build
//! of the same sources, byte for byte — and only the pages the edit affects are written.

use crate::common;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use refolio::BuildOptions;
use refolio::serve::ChangeKind;
use refolio::serve::rebuild::{Rebuilder, Report};

/// The bundled example site, copied, with a rebuilder keeping `out/` built.
struct Session {
    _dir: tempfile::TempDir,
    root: PathBuf,
    rebuilder: Rebuilder,
}

impl Session {
    fn start() -> Session {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        common::copy_tree(&common::repo_root().join("content"), &root.join("content"));
        fs::copy(
            common::repo_root().join("refolio.toml"),
            root.join("refolio.toml"),
        )
        .unwrap();
        let options = BuildOptions {
            root: root.clone(),
            output_dir: Some(dir.path().join("out")),
            overrides: Default::default(),
        };
        let mut rebuilder = Rebuilder::new(&options).unwrap();
        let first = rebuilder.rebuild([]);
        assert!(first.is_ok() && first.full, "{first:?}");
        Session {
            _dir: dir,
            root,
            rebuilder,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Rebuilds after changes to `paths`, as the watcher would report them.
    fn rebuild(&mut self, paths: &[&str]) -> Report {
        let changes = paths
            .iter()
            .filter_map(|p| ChangeKind::classify(Path::new(p)));
        self.rebuilder.rebuild(changes)
    }

    /// Rebuilds and asserts the output equals a fresh full build.
    fn rebuild_and_compare(&mut self, paths: &[&str]) -> Report {
        let report = self.rebuild(paths);
        assert!(report.is_ok(), "{paths:?}: {:#?}", report.errors);
        let fresh = self._dir.path().join("fresh");
        let _ = fs::remove_dir_all(&fresh);
        let built = refolio::build(&BuildOptions {
            root: self.root.clone(),
            output_dir: Some(fresh.clone()),
            overrides: Default::default(),
        })
        .unwrap();
        assert!(built.summary.is_some(), "the full build has errors");
        let (kept, full) = (tree(self.rebuilder.target()), tree(&fresh));
        let differing: Vec<&String> = kept
            .keys()
            .chain(full.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|k| kept.get(*k) != full.get(*k))
            .collect();
        assert!(
            differing.is_empty(),
            "after {paths:?}, these differ from a full build: {differing:#?}"
        );
        report
    }
}

/// Every file and folder under `dir`: files with their bytes, folders with none.
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = e.file_type().is_file().then(|| fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

const EVIDENCE: &str = "content/candidates/camille-martin/preuves/veille-marches-export.md";
const PASSPORT: &str = "content/candidates/lea-dubois/passport.yaml";

#[test]
fn an_evidence_edit_rewrites_its_candidate_pages_and_the_jury_index_only_if_coverage_moves() {
    let mut s = Session::start();
    s.edit(EVIDENCE, "# ", "# Modifié — ");
    let report = s.rebuild_and_compare(&[EVIDENCE]);
    // The evidence page, the dossier, the candidate's report and search index: coverage
    // and decision are as they were, so the jury index and the index of reports are too.
    // And the accessibility page, which lists the formats of attached documents (an
    // evidence file decides what it attaches).
    assert_eq!((report.written, report.removed, report.full), (5, 0, false));

    // Léa's evidence now demonstrates C2.1, one of her gaps: her row changes.
    let lea = "content/candidates/lea-dubois/preuves/tableau-de-bord-commercial.md";
    s.edit(lea, "demonstrates:\n", "demonstrates:\n  - C2.1\n");
    let report = s.rebuild_and_compare(&[lea]);
    // …and so do the documents of her jury session: its procès-verbal and list of the
    // certified (page and CSV), the sessions' index and her referential's list (2).
    assert_eq!((report.written, report.removed), (6 + 6 + 1, 0));
}

#[test]
fn a_series_of_edits_keeps_the_output_equal_to_a_full_build() {
    let mut s = Session::start();
    let dir = "content/candidates/camille-martin/preuves";

    // Evidence: add, change, rename, delete.
    let added = format!("{dir}/nouvelle-preuve.md");
    s.write(
        &added,
        "---\ntitle: Nouvelle preuve\ndemonstrates: [C.1.1.a]\n---\nUn **texte**.\n",
    );
    s.rebuild_and_compare(&[&added]);
    s.edit(&added, "Un **texte**.", "Un autre texte, avec `du code`.");
    s.rebuild_and_compare(&[&added]);
    let renamed = format!("{dir}/sous-dossier/preuve-renommee.md");
    fs::create_dir_all(s.path(&format!("{dir}/sous-dossier"))).unwrap();
    fs::rename(s.path(&added), s.path(&renamed)).unwrap();
    s.rebuild_and_compare(&[&added, &renamed]);
    fs::remove_file(s.path(&renamed)).unwrap();
    let report = s.rebuild_and_compare(&[&renamed]);
    assert_eq!(report.removed, 1, "the page of the deleted evidence");

    // Attachment bytes.
    let csv = format!("{dir}/annexes/resultats-prospection-dach.csv");
    s.write(&csv, "pays;contacts\nDE;12\n");
    s.rebuild_and_compare(&[&csv]);

    // Passport: the name shows on every page of the candidate and in the jury index.
    s.edit(PASSPORT, "name: Léa Dubois", "name: Léa Dubois-Martel");
    s.rebuild_and_compare(&[PASSPORT]);

    // Referential: its pages and the candidates that target it.
    let referential = "content/referentials/developpement-commercial.yaml";
    let text = s.read(referential);
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap();
    s.edit(
        referential,
        title_line,
        "title: Responsable du développement commercial (v2)",
    );
    s.rebuild_and_compare(&[referential]);

    // A referential added then removed (no candidate targets it).
    let copy = "content/referentials/zz-copie.yaml";
    s.write(copy, &s.read(referential));
    s.rebuild_and_compare(&[copy]);
    fs::remove_file(s.path(copy)).unwrap();
    s.rebuild_and_compare(&[copy]);
    // One that sorts first: every other referential moves in the list, and the candidates
    // not reloaded keep theirs (they name it by ID).
    let first = "content/referentials/aa-copie.yaml";
    s.write(first, &s.read(referential));
    s.rebuild_and_compare(&[first]);
    s.edit(PASSPORT, "name: Léa Dubois-Martel", "name: Léa Dubois");
    s.rebuild_and_compare(&[PASSPORT]);
    fs::remove_file(s.path(first)).unwrap();
    s.rebuild_and_compare(&[first]);
    s.edit(PASSPORT, "name: Léa Dubois", "name: Léa Dubois-Martel");
    s.rebuild_and_compare(&[PASSPORT]);

    // Candidate folders: copy one, rename it, delete it.
    let from = s.path("content/candidates/karim-benali");
    common::copy_tree(&from, &s.path("content/candidates/karim-bis"));
    s.edit(
        "content/candidates/karim-bis/passport.yaml",
        "name: Karim Benali",
        "name: Karim Bis",
    );
    s.rebuild_and_compare(&["content/candidates/karim-bis"]);
    fs::rename(
        s.path("content/candidates/karim-bis"),
        s.path("content/candidates/karim-ter"),
    )
    .unwrap();
    s.rebuild_and_compare(&[
        "content/candidates/karim-bis",
        "content/candidates/karim-ter",
    ]);
    fs::remove_dir_all(s.path("content/candidates/karim-ter")).unwrap();
    s.rebuild_and_compare(&["content/candidates/karim-ter"]);

    // Templates: an override of one page, of the base, strings and the stylesheet; then
    // the overrides removed.
    s.write(
        "templates/evidence.html",
        &common::read_default_template("evidence.html")
            .replace("{% block content %}", "{% block content %}<p>ajout</p>"),
    );
    let report = s.rebuild_and_compare(&["templates/evidence.html"]);
    // Counted from the site itself, not from what the demo content holds today.
    let evidence = walkdir::WalkDir::new(s.path("content/candidates"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(
        report.written, evidence,
        "every evidence page, nothing else"
    );
    s.write(
        "templates/base.html",
        &common::read_default_template("base.html").replace("<body", "<body data-x=\"1\""),
    );
    s.rebuild_and_compare(&["templates/base.html"]);
    s.write("templates/strings.toml", "[fr]\njury_index = \"Jury\"\n");
    s.rebuild_and_compare(&["templates/strings.toml"]);
    s.write("templates/style.css", "body { color: black }\n");
    let report = s.rebuild_and_compare(&["templates/style.css"]);
    assert_eq!(report.written, 1);
    fs::remove_dir_all(s.path("templates")).unwrap();
    s.rebuild_and_compare(&[
        "templates",
        "templates/evidence.html",
        "templates/base.html",
        "templates/strings.toml",
        "templates/style.css",
    ]);

    // The site config.
    s.edit("refolio.toml", "title = ", "title = \"Autre titre\"\n# ");
    let report = s.rebuild_and_compare(&["refolio.toml"]);
    assert!(report.full);
}

#[test]
fn while_the_site_has_errors_nothing_is_written_and_the_fix_catches_up() {
    let mut s = Session::start();
    let before = tree(s.rebuilder.target());
    // A broken passport, then an evidence edit made while it is broken.
    s.edit(
        PASSPORT,
        "referential: developpement-commercial",
        "referential: [",
    );
    let report = s.rebuild(&[PASSPORT]);
    assert!(!report.is_ok());
    assert!(
        report.errors[0].starts_with("content/candidates/lea-dubois/passport.yaml:"),
        "{:?}",
        report.errors
    );
    s.edit(EVIDENCE, "# ", "# Pendant l'erreur — ");
    assert!(!s.rebuild(&[EVIDENCE]).is_ok());
    assert!(
        tree(s.rebuilder.target()) == before,
        "the last good site stays"
    );

    // A broken template is an error too.
    s.edit(
        PASSPORT,
        "referential: [",
        "referential: developpement-commercial",
    );
    s.write("templates/jury.html", "{% if %}");
    let report = s.rebuild(&[PASSPORT, "templates/jury.html"]);
    assert!(
        report.errors[0].contains("templates/jury.html"),
        "{report:?}"
    );
    assert!(tree(s.rebuilder.target()) == before);

    // Fixed: the output catches up with every change made meanwhile.
    fs::remove_file(s.path("templates/jury.html")).unwrap();
    let report = s.rebuild_and_compare(&["templates/jury.html"]);
    assert!(report.written >= 4, "{report:?}");
}

#[test]
fn editor_temporaries_and_foreign_files_are_not_changes() {
    for path in [
        "content/candidates/a/preuves/.x.md.swp",
        "content/candidates/a/preuves/x.md~",
        "content/referentials/#r.yaml#",
        "content/referentials/r.yaml___jb_tmp___",
        "public/index.html",
        "README.md",
    ] {
        assert_eq!(ChangeKind::classify(Path::new(path)), None, "{path}");
    }
    let kinds: Vec<ChangeKind> = [
        "refolio.toml",
        "templates/partials/modality.html",
        "content/referentials/r.yaml",
        "content/candidates/a/passport.yaml",
        "content/candidates/a/preuves/x.md",
        "content/candidates/a/preuves/annexes/x.pdf",
    ]
    .iter()
    .map(|p| ChangeKind::classify(Path::new(p)).unwrap())
    .collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::Config,
            ChangeKind::Template("partials/modality.html".into()),
            ChangeKind::Referential("r.yaml".into()),
            ChangeKind::Candidate("a".into()),
            ChangeKind::Evidence("a".into(), "preuves/x".into()),
            ChangeKind::Asset("a".into()),
        ]
    );
}

#[test]
fn session_edits_keep_the_output_equal_to_a_full_build() {
    let mut s = Session::start();
    let session = "content/sessions/dc-2026-06-30.yaml";
    // The motive shows on the procès-verbal.
    s.edit(
        session,
        "Portefeuille incomplet",
        "Portefeuille encore incomplet",
    );
    let report = s.rebuild_and_compare(&[session]);
    assert!(!report.full && report.written > 0, "{report:?}");
    // The jury now certifies her: her certificates appear.
    s.edit(session, "decision: deferred", "decision: full");
    s.rebuild_and_compare(&[session]);
    // A session added for another date, then the folder's last file of a referential gone.
    let copy = "content/sessions/dc-2026-10-15.yaml";
    s.write(copy, &s.read(session).replace("2026-06-30", "2026-10-15"));
    s.rebuild_and_compare(&[copy]);
    fs::remove_file(s.path(copy)).unwrap();
    fs::remove_file(s.path(session)).unwrap();
    let report = s.rebuild_and_compare(&[copy, session]);
    assert!(report.removed > 0, "{report:?}");
}
