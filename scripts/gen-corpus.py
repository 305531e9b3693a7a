#!/usr/bin/env python3
"""Generates the malformed-content corpus of tests/corpus/ (see tests/corpus/README.md).

Every case is the valid base site of tests/corpus/base/ with one fault applied: a
referential, a passport, an evidence file or refolio.toml replaced by a broken copy, or a
few files overlaid on the base (group `site`). This script writes the case inputs only;
their expected diagnostics (`<case>.expected`) are written by the test harness and then
read and judged by a person:

    python3 scripts/gen-corpus.py
    CORPUS_BLESS=1 cargo test --test corpus     # writes missing or changed .expected files
    cargo test --test corpus

The script owns every group folder of tests/corpus/ except base/: inputs it no longer
generates are deleted with their .expected file. Cases that need bytes, links, huge files
or odd file names are built at test time instead, in tests/corpus/runtime.rs.
"""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_edits import (  # noqa: E402
    base_file, delete, drop_field, insert_after, key_of, rename_key, replace, replace_block,
    set_value, typo, write_cases,
)

REF = base_file("referentials", "mini.yaml")
PASSPORT = base_file("candidates", "bruno", "passport.yaml")
EVIDENCE = base_file("candidates", "bruno", "preuve.md")

cases = {}  # "group/name" -> text, or {relative path: text} for `site` overlays


def add(group, name, content):
    key = f"{group}/{name}"
    assert key not in cases, f"two cases named {key}"
    cases[key] = content


# --- referential -------------------------------------------------------------------------

# (case name, line of the base, value kind, required)
REF_FIELDS = [
    ("title", "title: Mini", "str", True),
    ("rncp", "rncp: RNCP00001", "str", False),
    ("level", "level: 6", "int", False),
    ("certifier", "certifier: Organisme de test", "str", False),
    ("version", "version: 2025-06-30", "str", False),
    ("language", "language: fr", "str", False),
    ("source-url", "source_url: https://example.org/mini", "str", False),
    ("preamble", "preamble: Préambule.", "str", False),
    ("notes", "notes: Règlement.", "str", False),
    ("rules", "rules:", "map", False),
    ("blocs", "blocs:", "list", True),
    ("competence-threshold", "  competence_threshold: 50", "int", False),
    ("bloc-pass-percent", "  bloc_pass_percent: 50", "int", False),
    ("total-points", "  total_points: 200", "int", False),
    ("pass-mark", "  pass_mark: 100", "int", False),
    ("professional-evaluation", "  professional_evaluation:", "map", False),
    ("partial-certification", "  partial_certification: true", "bool", False),
    ("exemptions", "  exemptions: true", "bool", False),
    ("professional-points", "    points: 60", "int", True),
    ("professional-minimum", "    minimum: 30", "int", False),
    ("professional-parts", "    parts:", "list", False),
    ("part-title", "      - title: Écrit", "str", True),
    ("part-points", "        points: 60", "int", True),
    ("bloc-id", "  - id: B1", "str", True),
    ("bloc-title", "    title: Bloc un", "str", True),
    ("bloc-points", "    points: 100", "int", False),
    ("bloc-minimum", "    minimum: 40", "int", False),
    ("bloc-hours", "    hours: 35", "int", False),
    ("bloc-summary", "    summary: Résumé du bloc.", "str", False),
    ("bloc-activities", "    activities:", "list", False),
    ("bloc-modalities", ("    modalities:", 0), "list", False),
    ("bloc-modules", "    modules:", "list", False),
    ("bloc-groups", "    groups:", "list", False),
    ("bloc-criteria", "    criteria:", "list", False),
    ("group-id", "      - id: G2", "str", True),
    ("group-title", "        title: Groupe deux", "str", True),
    ("group-summary", "        summary: Résumé du groupe.", "str", False),
    ("group-activities", "        activities:", "list", False),
    ("activity-id", "      - id: A1.1", "str", True),
    ("activity-title", "        title: Activité un", "str", True),
    ("activity-competences", "        competences:", "list", False),
    ("competence-id", "          - id: C1.1", "str", True),
    ("competence-text", "            text: Compétence un", "str", True),
    ("competence-criteria", "            criteria:", "list", False),
    ("criterion-id", "              - id: Cr1.1.1", "str", False),
    ("criterion-text", "                text: Critère numéroté", "str", True),
    ("criterion-indicators", "                indicators: [Indicateur]", "list", False),
    ("shared-criterion-competences", "        competences: [C2.1, C2.2]", "list", False),
    ("shared-criterion-text", "        text: Critère partagé", "str", True),
    ("modality-id", "      - id: E1", "str", False),
    ("modality-title", "        title: Étude de cas", "str", True),
    ("modality-kind", "        kind: case-study", "enum", True),
    ("modality-duration", "        duration: 4h", "str", False),
    ("modality-points", "        points: 100", "int", False),
    ("modality-description", "        description: Un écrit.", "str", False),
    ("modality-evaluates", "        evaluates: [C1.1, C1.2]", "list", False),
    ("module-id", "      - id: M1.1", "str", True),
    ("module-title", "        title: Module un", "str", True),
    ("module-hours", "        hours: 14", "int", False),
]

WRONG = {"str": "[une, liste]", "int": "beaucoup", "bool": "oui", "list": "aucun",
         "map": "aucune", "enum": "[oral]"}


def field_families(group_prefix, base, fields):
    for name, line, kind, required in fields:
        add(f"{group_prefix}-type", name, set_value(base, line, WRONG[kind]))
        add(f"{group_prefix}-unknown-field", name, rename_key(base, line, typo(key_of(line))))
        if kind == "int":
            add(f"{group_prefix}-number", f"{name}-negative", set_value(base, line, "-5"))
        if required:
            add(f"{group_prefix}-missing-field", name, drop_field(base, line))


field_families("referential", REF, REF_FIELDS)

for name, line in [("level", "level: 6"), ("total-points", "  total_points: 200"),
                   ("bloc-points", "    points: 100"), ("modality-points", "        points: 100"),
                   ("module-hours", "        hours: 14")]:
    add("referential-number", f"{name}-too-large", set_value(REF, line, "99999999999"))
    add("referential-number", f"{name}-fraction", set_value(REF, line, "12.5"))
add("referential-number", "level-zero", set_value(REF, "level: 6", "0"))
add("referential-number", "level-nine", set_value(REF, "level: 6", "9"))
add("referential-number", "level-300", set_value(REF, "level: 6", "300"))
add("referential-number", "total-points-infinite", set_value(REF, "  total_points: 200", ".inf"))
add("referential-number", "total-points-nan", set_value(REF, "  total_points: 200", ".nan"))
add("referential-number", "competence-threshold-101",
    set_value(REF, "  competence_threshold: 50", "101"))
add("referential-number", "bloc-pass-percent-150",
    set_value(REF, "  bloc_pass_percent: 50", "150"))
add("referential-number", "pass-mark-above-total", set_value(REF, "  pass_mark: 100", "250"))
add("referential-number", "professional-minimum-above-points",
    set_value(REF, "    minimum: 30", "90"))
add("referential-number", "bloc-minimum-above-points", set_value(REF, "    minimum: 40", "120"))
add("referential-number", "parts-do-not-add-up", set_value(REF, "        points: 60", "50"))

# Unknown fields: a field the format does not have, in every kind of map; French names.
for name, line, extra in [
    ("top-level", "notes: Règlement.", "couleur: bleu"),
    ("rules", "  exemptions: true", "  rattrapage: true"),
    ("professional-evaluation", "    minimum: 30", "    coefficient: 2"),
    ("part", "        points: 60", "        duree: 1h"),
    ("bloc", "    summary: Résumé du bloc.", "    coefficient: 2"),
    ("group", "        summary: Résumé du groupe.", "        couleur: bleu"),
    ("activity", "        title: Activité un", "        couleur: bleu"),
    ("competence", "            text: Compétence un", "            niveau: 3"),
    ("criterion", "                indicators: [Indicateur]", "                poids: 2"),
    ("modality", "        description: Un écrit.", "        coefficient: 2"),
    ("module", "        hours: 14", "        couleur: bleu"),
]:
    add("referential-unknown-field", f"extra-in-{name}", insert_after(REF, line, extra))
for name, line, french in [
    ("titre", "title: Mini", "titre"), ("niveau", "level: 6", "niveau"),
    ("certificateur", "certifier: Organisme de test", "certificateur"),
    ("competences-for-text", "            text: Compétence un", "texte"),
    ("criteres", "            criteria:", "criteres"),
    ("modalites", ("    modalities:", 0), "modalites"),
    ("evalue", "        evaluates: [C1.1, C1.2]", "evalue"),
    ("Title-capitalised", "title: Mini", "Title"),
]:
    add("referential-unknown-field", f"french-{name}", rename_key(REF, line, french))

# IDs: duplicates, anchors, malformed, dangling references.
ids = [
    ("duplicate-bloc", "  - id: B2", "  - id: B1"),
    ("duplicate-competence", "          - id: C1.2", "          - id: C1.1"),
    ("duplicate-across-kinds", "      - id: M1.1", "      - id: C1.1"),
    ("duplicate-criterion-of-competence", "      - id: Cr2.1", "      - id: C2.1"),
    ("duplicate-modality-of-bloc", "      - id: E1", "      - id: B2"),
    ("duplicate-group-of-activity", "      - id: G2", "      - id: A1.1"),
    ("explicit-id-equals-generated", "              - id: Cr1.1.1", "              - id: C1.1.cr2"),
    ("anchor-dash-dot", "          - id: C1.2", "          - id: C1-1"),
    ("anchor-case", "          - id: C1.2", "          - id: c1.1"),
    ("anchor-underscore", "          - id: C1.2", "          - id: C1_1"),
    ("invalid-space", "          - id: C1.1", "          - id: C 1.1"),
    ("invalid-leading-dot", "          - id: C1.1", "          - id: .C1.1"),
    ("invalid-leading-dash", "      - id: M1.1", "      - id: -M1.1"),
    ("invalid-accent", "      - id: A1.1", "      - id: Aé1.1"),
    ("invalid-slash", "      - id: E1", "      - id: E1/2"),
    ("invalid-hash", "  - id: B1", "  - id: B#1"),
    ("invalid-empty", "      - id: G2", '      - id: ""'),
    ("invalid-blank", "              - id: Cr1.1.1", '              - id: "   "'),
    ("invalid-html", "          - id: C1.1", '          - id: "<b>C1.1</b>"'),
    ("invalid-emoji", "      - id: M1.1", "      - id: M1.1🎓"),
    ("evaluates-unknown", "        evaluates: [C1.1, C1.2]", "        evaluates: [C1.1, C1.9]"),
    ("evaluates-criterion", "        evaluates: [C1.1, C1.2]", "        evaluates: [C1.1, C1.2, Cr1.1.1]"),
    ("evaluates-activity", "        evaluates: [C1.1, C1.2]", "        evaluates: [C1.1, C1.2, A1.1]"),
    ("evaluates-other-bloc-competence", "        evaluates: [C1.1, C1.2]", "        evaluates: [C1.1, C1.2, C2.1]"),
    ("evaluates-other-bloc", "        evaluates: [C1.1, C1.2]", "        evaluates: [B2]"),
    ("evaluates-empty-list", "        evaluates: [C1.1, C1.2]", "        evaluates: []"),
    ("evaluates-blank-id", "        evaluates: [C1.1, C1.2]", '        evaluates: [C1.1, C1.2, ""]'),
    ("shared-criterion-unknown", "        competences: [C2.1, C2.2]", "        competences: [C2.1, C2.3]"),
    ("shared-criterion-other-bloc", "        competences: [C2.1, C2.2]", "        competences: [C2.1, C2.2, C1.1]"),
    ("shared-criterion-names-bloc", "        competences: [C2.1, C2.2]", "        competences: [B2]"),
    ("shared-criterion-empty-list", "        competences: [C2.1, C2.2]", "        competences: []"),
    ("nested-criterion-with-competences", "                indicators: [Indicateur]", "                competences: [C1.2]"),
]
for name, line, new in ids:
    add("referential-ids", name, replace(REF, line, new))
add("referential-ids", "shared-criterion-without-competences",
    delete(REF, "        competences: [C2.1, C2.2]"))
add("referential-ids", "very-long-id",
    replace(REF, "      - id: M1.1", "      - id: M" + "1" * 5000))

# Values that make no sense: dates, URLs.
for name, value in [("french-date", "30/06/2025"), ("month-13", "2025-13-01"),
                    ("february-31", "2025-02-31"), ("no-padding", "2025-6-30"),
                    ("words", "juin 2025"), ("date-and-time", "2025-06-30T10:00:00")]:
    add("referential-values", f"version-{name}", set_value(REF, "version: 2025-06-30", value))
for name, value in [("no-scheme", "example.org/mini"), ("javascript", '"javascript:alert(1)"'),
                    ("ftp", "ftp://example.org/mini"), ("relative", "../mini.html")]:
    add("referential-values", f"source-url-{name}",
        set_value(REF, "source_url: https://example.org/mini", value))

# Empty texts: every text, empty or blank.
for name, line, kind, _ in REF_FIELDS:
    if kind == "str" and not name.endswith("-id"):
        add("referential-empty", name, set_value(REF, line, '""'))
add("referential-empty", "title-blank", set_value(REF, "title: Mini", '"   "'))
add("referential-empty", "title-null", set_value(REF, "title: Mini", "~"))
add("referential-empty", "title-nothing", replace(REF, "title: Mini", "title:"))
add("referential-empty", "competence-text-block-scalar",
    replace(REF, "            text: Compétence un", "            text: |", ""))
add("referential-empty", "bare-criterion", replace(REF, "              - Critère sans numéro",
                                                     '              - ""'))
add("referential-empty", "indicator",
    set_value(REF, "                indicators: [Indicateur]", '[Indicateur, ""]'))

# Structure: what is missing or left empty.
add("referential-structure", "no-bloc", replace_block(REF, "blocs:", "blocs: []"))
add("referential-structure", "competence-without-criteria",
    delete(REF, "            criteria: [Critère de C1.2]"))
add("referential-structure", "competence-with-empty-criteria",
    set_value(REF, "            criteria: [Critère de C1.2]", "[]"))
add("referential-structure", "competence-not-evaluated",
    set_value(REF, "        evaluates: [C1.1, C1.2]", "[C1.1]"))
add("referential-structure", "bloc-without-modality",
    replace_block(REF, ("    modalities:", 0)))
add("referential-structure", "modalities-left-empty", replace_block(REF, "      - id: E1"))
add("referential-structure", "activity-without-competence",
    replace_block(REF, "      - id: A1.1", "      - id: A1.0", "        title: Vide",
                  "      - id: A1.1", "        title: Activité un", "        competences:",
                  "          - id: C1.1", "            text: Compétence un",
                  "            criteria: [Critère]", "          - id: C1.2",
                  "            text: Compétence deux", "            criteria: [Critère]"))
add("referential-structure", "bloc-with-nothing", REF + "  - id: B3\n    title: Vide\n")
add("referential-structure", "modality-evaluates-nothing",
    delete(REF, "        evaluates: [C1.1, C1.2]"))
add("referential-structure", "empty-file", "")
add("referential-structure", "only-comments", "# Référentiel à venir\n# title: Mini\n")
add("referential-structure", "only-document-marker", "---\n")
add("referential-structure", "null-document", "~\n")
add("referential-structure", "scalar-document", "Mini\n")
add("referential-structure", "list-document", "- title: Mini\n  blocs: []\n")
add("referential-structure", "two-documents", REF + "---\ntitle: Autre\nblocs: []\n")
add("referential-structure", "document-end-marker", REF + "...\n")
add("referential-structure", "yaml-directive", "%YAML 1.2\n---\n" + REF)
add("referential-structure", "merge-key",
    replace(REF, "      - id: M1.1", "      - <<: {hours: 7}", "        id: M1.1"))
add("referential-structure", "string-tag", replace(REF, "title: Mini", "title: !!str Mini"))
add("referential-structure", "foreign-tag",
    replace(REF, "title: Mini", "title: !ruby/object:Gem::Installer Mini"))
add("referential-structure", "int-tag-on-text", replace(REF, "title: Mini", "title: !!int Mini"))

# YAML syntax.
syntax = [
    ("unclosed-bracket", "        evaluates: [C1.1, C1.2]", "        evaluates: [C1.1, C1.2"),
    ("unclosed-brace", "        title: Module un", "        title: {Module un"),
    ("unclosed-double-quote", "        title: Module un", '        title: "Module un'),
    ("unclosed-single-quote", "        title: Module un", "        title: 'Module un"),
    ("stray-closing-bracket", "        title: Module un", "        title: Module un]"),
    ("two-colons", "        title: Module un", "        title: Module: un"),
    ("bad-escape", "        title: Module un", '        title: "Module \\q un"'),
    ("dedented-field", "        title: Module un", "       title: Module un"),
    ("over-indented-field", "        hours: 14", "          hours: 14"),
    ("tab-indentation", "        hours: 14", "\thours: 14"),
    ("tab-after-dash", "      - id: M1.1", "      -\tid: M1.1"),
    ("list-item-in-mapping", "        hours: 14", "        - hours: 14"),
    ("missing-space-after-colon", "        hours: 14", "        hours:14"),
    ("duplicate-key", "        hours: 14", "        hours: 14", "        hours: 15"),
    ("duplicate-top-level-key", "title: Mini", "title: Mini", "title: Maxi"),
    ("undefined-alias", "        title: Module un", "        title: *module"),
    ("anchor-without-value", "        title: Module un", "        title: &module"),
    ("reserved-at-sign", "        title: Module un", "        title: @module"),
    ("reserved-backtick", "        title: Module un", "        title: `module`"),
    ("question-mark-key", "        hours: 14", "        ? [hours]", "        : 14"),
    ("block-scalar-bad-indicator", "        title: Module un", "        title: |x", "          Module"),
    ("flow-mapping-missing-comma", "        title: Module un", "        title: {a: 1 b: 2}"),
    ("comment-without-space", "        hours: 14", "        hours: 14#heures"),
    ("nul-character-escape", "        title: Module un", '        title: "Module\\0un"'),
    ("unicode-escape-surrogate", "        title: Module un", '        title: "\\ud800"'),
]
for name, line, *new in syntax:
    add("referential-syntax", name, replace(REF, line, *new))
add("referential-syntax", "unterminated-flow-at-end-of-file", REF + "  - [")
add("referential-syntax", "no-final-newline-and-error", REF.rstrip("\n") + " [")

# --- passport ----------------------------------------------------------------------------

PASSPORT_FIELDS = [
    ("name", "name: Bruno Petit", "str", True),
    ("pseudonym", "pseudonym: Candidat B", "str", False),
    ("referential", "referential: mini", "str", True),
    ("blocs", "blocs: [B1, B2]", "list", False),
    ("route", "route: vae", "enum", False),
    ("session", "session: 2026-06-18", "str", False),
    ("tutor", "tutor:", "map", False),
    ("tutor-name", "  name: Jeanne Leroy", "str", True),
    ("tutor-role", "  role: Directrice commerciale", "str", False),
    ("tutor-company", "  company: Exemple SA", "str", False),
    ("job", "job:", "map", False),
    ("job-title", "  title: Chargé d'affaires", "str", True),
    ("job-company", "  company: Exemple SAS", "str", False),
    ("job-date", "  date: 2025-09-01", "str", False),
    ("job-missions", "  missions:", "list", False),
    ("mission-text", "    - text: Construire le tableau de bord", "str", True),
    ("mission-competences", "      competences: [C1.1, C2.1]", "list", False),
    ("exemptions", "exemptions:", "list", False),
    ("exemption-criterion", "  - criterion: Cr1.1.1", "str", True),
    ("exemption-reason", "    reason: Avis du référent handicap", "str", True),
    ("exemption-date", "    date: 2026-03-10", "str", False),
    ("self-assessment", "self_assessment:", "map", False),
    ("tutor-assessment", "tutor_assessment:", "map", False),
    ("soft-skills", "soft_skills:", "list", False),
    ("soft-skill-skill", "  - skill: Écoute active", "str", True),
    ("soft-skill-self", "    self: acquired", "score", False),
    ("soft-skill-tutor", "    tutor: not-acquired", "score", False),
    ("results", "results:", "map", False),
    ("results-criteria", "  criteria:", "map", False),
    ("results-marks", "  marks:", "map", False),
    ("results-professional-evaluation", "  professional_evaluation: 45", "score", False),
]
WRONG["score"] = "[12, 20]"
WRONG["enum"] = "[vae]"
field_families("passport", PASSPORT, PASSPORT_FIELDS)

P = PASSPORT
passport_cases = [
    ("referential-typo", set_value(P, "referential: mini", "mnii")),
    ("referential-unknown", set_value(P, "referential: mini", "inconnu")),
    ("referential-with-extension", set_value(P, "referential: mini", "mini.yaml")),
    ("referential-uppercase", set_value(P, "referential: mini", "Mini")),
    ("referential-path", set_value(P, "referential: mini", "../referentials/mini")),
    ("referential-empty", set_value(P, "referential: mini", '""')),
    ("bloc-unknown", set_value(P, "blocs: [B1, B2]", "[B1, B3]")),
    ("bloc-not-a-bloc", set_value(P, "blocs: [B1, B2]", "[B1, C2.1]")),
    ("blocs-empty", set_value(P, "blocs: [B1, B2]", "[]")),
    ("blocs-as-text", set_value(P, "blocs: [B1, B2]", "B1, B2")),
    ("route-unknown", set_value(P, "route: vae", "alternance")),
    ("route-uppercase", set_value(P, "route: vae", "VAE")),
    ("session-french-date", set_value(P, "session: 2026-06-18", "18/06/2026")),
    ("session-impossible-date", set_value(P, "session: 2026-06-18", "2026-02-30")),
    ("job-date-month-13", set_value(P, "  date: 2025-09-01", "2025-13-01")),
    ("exemption-date-words", set_value(P, "    date: 2026-03-10", "mars 2026")),
    ("mission-unknown-competence", set_value(P, "      competences: [C1.1, C2.1]", "[C1.1, C9.9]")),
    ("mission-criterion-for-competence", set_value(P, "      competences: [C1.1, C2.1]", "[Cr1.1.1]")),
    ("exemption-unknown-criterion", set_value(P, "  - criterion: Cr1.1.1", "Cr1.1.9")),
    ("exemption-names-competence", set_value(P, "  - criterion: Cr1.1.1", "C1.1")),
    ("exemption-empty-reason", set_value(P, "    reason: Avis du référent handicap", '""')),
    ("self-assessment-unknown-competence", replace(P, "  C1.1: acquired", "  C1.9: acquired")),
    ("self-assessment-criterion", replace(P, "  C1.1: acquired", "  Cr1.1.1: acquired")),
    ("self-assessment-unknown-level", replace(P, "  C1.1: acquired", "  C1.1: top")),
    ("self-assessment-bare-number", replace(P, "  C1.1: acquired", "  C1.1: 14")),
    ("self-assessment-mark-above-scale", replace(P, "  C1.2: 14/20", "  C1.2: 21/20")),
    ("self-assessment-zero-scale", replace(P, "  C1.2: 14/20", "  C1.2: 14/0")),
    ("self-assessment-negative-mark", replace(P, "  C1.2: 14/20", "  C1.2: -1/20")),
    ("self-assessment-list", replace(P, "  C1.2: 14/20", "  C1.2: [acquired]")),
    ("self-assessment-null", replace(P, "  C1.2: 14/20", "  C1.2:")),
    ("self-assessment-duplicate", replace(P, "  C1.2: 14/20", "  C1.2: 14/20", "  C1.2: 15/20")),
    ("self-assessment-as-list", replace_block(P, "self_assessment:", "self_assessment:",
                                              "  - C1.1: acquired")),
    ("soft-skill-unknown-level", set_value(P, "    self: acquired", "bien")),
    ("results-unknown-criterion", replace(P, "    C1.1.cr2: true", "    C1.1.cr9: true")),
    ("results-criterion-not-boolean", replace(P, "    C1.1.cr2: true", "    C1.1.cr2: validé")),
    ("results-competence-for-criterion", replace(P, "    C1.1.cr2: true", "    C1.1: true")),
    ("mark-above-bloc-points", replace(P, "    B1: 62", "    B1: 120")),
    ("mark-negative", replace(P, "    B1: 62", "    B1: -5")),
    ("mark-fraction-above-one", replace(P, "    B1: 62", "    B1: 21/20")),
    ("mark-fraction-zero-scale", replace(P, "    B1: 62", "    B1: 10/0")),
    ("mark-text", replace(P, "    B1: 62", "    B1: beaucoup")),
    ("mark-infinite", replace(P, "    B1: 62", "    B1: .inf")),
    ("mark-nan", replace(P, "    B1: 62", "    B1: .nan")),
    ("mark-bloc-without-points", replace(P, "    B1: 62", "    B2: 10")),
    ("mark-exam-above-points", replace(P, "    E1: 12/20", "    E1: 150")),
    ("mark-exam-without-points", replace(P, "    E1: 12/20", "    B2.E1: 12/20")),
    ("mark-activity", replace(P, "    E1: 12/20", "    A1.1: 12/20")),
    ("mark-unknown", replace(P, "    E1: 12/20", "    E9: 12/20")),
    ("professional-evaluation-above-points",
     set_value(P, "  professional_evaluation: 45", "70")),
    ("professional-evaluation-negative", set_value(P, "  professional_evaluation: 45", "-1")),
    ("professional-evaluation-text", set_value(P, "  professional_evaluation: 45", "bien")),
    ("professional-evaluation-fraction-above-one",
     set_value(P, "  professional_evaluation: 45", "30/20")),
    ("name-empty", set_value(P, "name: Bruno Petit", '""')),
    ("name-blank", set_value(P, "name: Bruno Petit", '"  "')),
    ("pseudonym-empty", set_value(P, "pseudonym: Candidat B", '""')),
    ("extra-field", insert_after(P, "route: vae", "statut: salarié")),
    ("extra-field-in-tutor", insert_after(P, "  company: Exemple SA", "  email: j@example.org")),
    ("french-nom", rename_key(P, "name: Bruno Petit", "nom")),
    ("french-referentiel", rename_key(P, "referential: mini", "referentiel")),
    ("empty-file", ""),
    ("only-comments", "# à remplir\n"),
    ("list-document", "- name: Bruno Petit\n  referential: mini\n"),
    ("scalar-document", "Bruno Petit\n"),
    ("syntax-unclosed-bracket", set_value(P, "blocs: [B1, B2]", "[B1, B2")),
    ("syntax-tab-indentation", replace(P, "  name: Jeanne Leroy", "\tname: Jeanne Leroy")),
    ("syntax-duplicate-key", insert_after(P, "route: vae", "route: initial")),
]
for name, text in passport_cases:
    add("passport-values", name, text)

# --- evidence ----------------------------------------------------------------------------

EVIDENCE_FIELDS = [
    ("title", "title: Dossier professionnel", "str", True),
    ("date", "date: 2026-01-20", "str", False),
    ("context", "context:", "map", False),
    ("context-company", "  company: Exemple SA", "str", False),
    ("context-mission", "  mission: Lancement de la gamme", "str", False),
    ("demonstrates", "demonstrates:", "list", False),
    ("demonstration-id", "  - id: C1.2", "str", True),
    ("demonstration-note", "    note: section 3", "str", False),
    ("attachments", "attachments:", "list", False),
    ("attachment-path", "  - path: annexes/photo.png", "str", True),
    ("attachment-title", "    title: Photo du stand", "str", False),
]
field_families("evidence", EVIDENCE, EVIDENCE_FIELDS)

E = EVIDENCE
ATTACH = "  - annexes/plan.pdf"
evidence_cases = [
    ("no-front-matter", "# Dossier\n\nTexte.\n"),
    ("empty-file", ""),
    ("unclosed-front-matter", E.replace("---\nTexte", "Texte")),
    ("blank-line-before-front-matter", "\n" + E),
    ("four-dashes", E.replace("---\n", "----\n", 1)),
    ("toml-front-matter", "+++\ntitle = \"Dossier\"\n+++\nTexte.\n"),
    ("empty-front-matter", "---\n---\nTexte.\n"),
    ("front-matter-is-a-list", "---\n- title: Dossier\n---\nTexte.\n"),
    ("front-matter-is-text", "---\nDossier professionnel\n---\nTexte.\n"),
    ("front-matter-syntax-error", replace(E, "date: 2026-01-20", "date: [2026-01-20")),
    ("front-matter-tab", replace(E, "  company: Exemple SA", "\tcompany: Exemple SA")),
    ("date-french", set_value(E, "date: 2026-01-20", "20/01/2026")),
    ("title-empty", set_value(E, "title: Dossier professionnel", '""')),
    ("demonstrates-unknown", replace(E, "  - C1.1", "  - C1.1", "  - C1.9")),
    ("demonstrates-activity", replace(E, "  - C1.1", "  - C1.1", "  - A1.1")),
    ("demonstrates-bloc", replace(E, "  - C1.1", "  - C1.1", "  - B1")),
    ("demonstrates-modality", replace(E, "  - C1.1", "  - C1.1", "  - E1")),
    ("demonstrates-empty-list", replace_block(E, "demonstrates:", "demonstrates: []")),
    ("demonstrates-blank-id", replace(E, "  - C1.1", "  - C1.1", '  - ""')),
    ("demonstrates-number", replace(E, "  - C1.1", "  - C1.1", "  - 12")),
    ("demonstrates-nested-list", replace(E, "  - C1.1", "  - [C1.1]")),
    ("attachment-missing", replace(E, ATTACH, "  - annexes/plann.pdf")),
    ("attachment-missing-folder", replace(E, ATTACH, "  - pieces/plan.pdf")),
    ("attachment-parent", replace(E, ATTACH, "  - ../plan.pdf")),
    ("attachment-other-candidate", replace(E, ATTACH, "  - ../alice/plan.pdf")),
    ("attachment-parent-inside-path", replace(E, ATTACH, "  - annexes/../../plan.pdf")),
    ("attachment-absolute", replace(E, ATTACH, "  - /etc/passwd")),
    ("attachment-absolute-pdf", replace(E, ATTACH, "  - /tmp/plan.pdf")),
    ("attachment-home", replace(E, ATTACH, "  - ~/plan.pdf")),
    ("attachment-backslash", replace(E, ATTACH, '  - "annexes\\\\plan.pdf"')),
    ("attachment-windows-drive", replace(E, ATTACH, '  - "C:\\\\plan.pdf"')),
    ("attachment-url", replace(E, ATTACH, "  - https://example.org/plan.pdf")),
    ("attachment-file-url", replace(E, ATTACH, "  - file:///etc/passwd")),
    ("attachment-svg", replace(E, ATTACH, "  - annexes/plan.svg")),
    ("attachment-html", replace(E, ATTACH, "  - annexes/plan.html")),
    ("attachment-executable", replace(E, ATTACH, "  - annexes/plan.exe")),
    ("attachment-double-extension", replace(E, ATTACH, "  - annexes/plan.pdf.sh")),
    ("attachment-no-extension", replace(E, ATTACH, "  - annexes/plan")),
    ("attachment-folder", replace(E, ATTACH, "  - annexes")),
    ("attachment-folder-slash", replace(E, ATTACH, "  - annexes/")),
    ("attachment-empty", replace(E, ATTACH, '  - ""')),
    ("attachment-blank", replace(E, ATTACH, '  - "   "')),
    ("attachment-uppercase-extension", replace(E, ATTACH, "  - annexes/plan.PDF")),
    ("attachment-dot-slash", replace(E, ATTACH, "  - ./annexes/plan.pdf")),
    ("attachment-double-slash", replace(E, ATTACH, "  - annexes//plan.pdf")),
    ("attachment-map-without-path", replace(E, "  - path: annexes/photo.png",
                                            "  - file: annexes/photo.png")),
    ("extra-field", insert_after(E, "date: 2026-01-20", "auteur: Bruno")),
    ("extra-field-in-context", insert_after(E, "  mission: Lancement de la gamme", "  lieu: Lyon")),
    ("french-titre", rename_key(E, "title: Dossier professionnel", "titre")),
    ("french-competences", rename_key(E, "demonstrates:", "competences")),
]
for name, text in evidence_cases:
    add("evidence-values", name, text)

# --- refolio.toml ------------------------------------------------------------------------

config_cases = [
    ("unknown-field", 'titel = "Jury"\n'),
    ("french-field", 'titre = "Jury"\n'),
    ("unknown-language", 'language = "de"\n'),
    ("language-uppercase", 'language = "FR"\n'),
    ("title-number", "title = 3\n"),
    ("base-url-boolean", "base_url = true\n"),
    ("candidates-unknown-field", "[candidates]\nallow_gap = true\n"),
    ("candidates-not-boolean", '[candidates]\npublish = "yes"\n'),
    ("candidates-not-a-table", 'candidates = "all"\n'),
    ("unclosed-string", 'title = "Jury\n'),
    ("missing-equals", "title Jury\n"),
    ("duplicate-key", 'title = "A"\ntitle = "B"\n'),
    ("duplicate-table", "[candidates]\npublish = true\n[candidates]\nallow_gaps = true\n"),
    ("yaml-instead-of-toml", "title: Jury\n"),
    ("bare-string-value", "title = Jury\n"),
]
for name, text in config_cases:
    add("config", name, text)
add("config", "empty-file", "")
add("config", "only-comments", "# réglages par défaut\n")

# --- sites: a few files overlaid on the base ---------------------------------------------

CAND = "content/candidates"
P1 = set_value(P, "blocs: [B1, B2]", "[B1]")  # presents B1 only
E1 = delete(E, "  - Cr2.1")
PASSPORT_PATH, EVIDENCE_PATH = f"{CAND}/bruno/passport.yaml", f"{CAND}/bruno/preuve.md"
site_cases = {
    "candidate-without-passport": {f"{CAND}/zoe/preuve.md": "---\ntitle: Oral\n---\n"},
    "exemption-out-of-scope": {
        PASSPORT_PATH: set_value(P1, "  - criterion: Cr1.1.1", "Cr2.1"), EVIDENCE_PATH: E1},
    "assessment-out-of-scope": {
        PASSPORT_PATH: replace(P1, "  C1.1: partly-acquired", "  C2.1: partly-acquired"),
        EVIDENCE_PATH: E1},
    "mark-out-of-scope": {
        PASSPORT_PATH: replace(P1, "    E1: 12/20", "    B2: 10"), EVIDENCE_PATH: E1},
    "result-out-of-scope": {
        PASSPORT_PATH: replace(P1, "    C1.1.cr2: true", "    Cr2.1: true"), EVIDENCE_PATH: E1},
    "mission-outside-the-blocs-presented-is-accepted": {
        PASSPORT_PATH: P1, EVIDENCE_PATH: E1},
    "file-in-candidates-folder": {f"{CAND}/notes.md": "# Notes\n"},
    "non-yaml-file-in-referentials": {"content/referentials/notes.txt": "brouillon\n"},
    "referential-yml-and-yaml": {"content/referentials/mini.yml": REF},
    "second-referential-broken": {"content/referentials/autre.yaml": "title: Autre\nblocs: [\n"},
    "candidate-of-a-broken-referential": {
        "content/referentials/mini.yaml": replace(REF, "level: 6", "level: six")},
    "candidate-without-any-referential": {
        "content/referentials/mini.yaml": "", f"{CAND}/bruno/passport.yaml": P},
    "exemptions-not-provided": {
        "content/referentials/mini.yaml": set_value(REF, "  exemptions: true", "false")},
    "evidence-out-of-scope": {
        f"{CAND}/bruno/passport.yaml": set_value(P, "blocs: [B1, B2]", "[B1]")},
    "index-evidence": {f"{CAND}/bruno/index.md": E},
    "evidence-in-subfolder-broken": {
        f"{CAND}/bruno/preuves/2026/oral.md": "---\ntitle: Oral\ndemonstrates: [C1.9]\n---\n"},
    "evidence-attachment-relative-to-subfolder": {
        f"{CAND}/bruno/preuves/oral.md": "---\ntitle: Oral\nattachments: [annexes/plan.pdf]\n---\n"},
    "evidence-attachment-up-one-level": {
        f"{CAND}/bruno/preuves/oral.md": "---\ntitle: Oral\nattachments: [../annexes/plan.pdf]\n---\n"},
    "uncovered-competence": {
        f"{CAND}/bruno/preuve.md": replace(E, "  - Cr2.1", "  - C2.1")},
    "uncovered-criterion-required": {
        "refolio.toml": "[candidates]\nrequire_criteria = true\n"},
    "gaps-allowed-are-warnings": {
        "refolio.toml": "[candidates]\nallow_gaps = true\n",
        f"{CAND}/bruno/preuve.md": replace(E, "  - Cr2.1", "  - C2.1")},
    "same-pseudonym": {
        "refolio.toml": "[candidates]\npseudonymize = true\n",
        f"{CAND}/alice/passport.yaml": replace(P, "name: Bruno Petit", "name: Alice Martin"),
        f"{CAND}/alice/preuve.md": E.replace("  - annexes/plan.pdf\n", "").replace(
            "  - path: annexes/photo.png\n    title: Photo du stand\n", "  - a.pdf\n"),
        f"{CAND}/alice/a.pdf": "%PDF-1.4\n"},
    "hidden-and-temporary-files-ignored": {
        "content/referentials/.mini.yaml.swp": "\x00",
        "content/referentials/mini.yaml~": "title: [",
        "content/referentials/#mini.yaml#": "title: [",
        f"{CAND}/bruno/.brouillon.md": "pas de front matter",
        f"{CAND}/bruno/preuve.md~": "pas de front matter"},
}
for name, files in site_cases.items():
    add("site", name, files)


# --- write -------------------------------------------------------------------------------

if __name__ == "__main__":
    write_cases(cases)
    print(f"{len(cases)} cases in {len({k.split('/')[0] for k in cases})} groups")
