#!/usr/bin/env python3
"""A big RNCP export (format v4.1) for the memory benchmark of `refolio import rncp`.

Writes `--size-mb` megabytes (default 500, the size of France compétences' real export) of
generated fiches in the real schema: identity, codes (NSF, ROME, Formacode), certifiers,
long free texts (activities, capacities, jury compositions), hundreds of partners, blocs
with HTML competence lists, and `CORRESPONDANCES` whose `BLOC_COMPETENCES` and
`NUMERO_FICHE` look like the real ones. The LAST fiche is RNCP36395 copied from the test
fixture (`tests/fixtures/import/rncp/export.xml`), so importing it reads the whole file.

Deterministic: the same `--seed` and size give the same bytes. Only the standard library;
run from the repository root:

    scripts/gen-rncp-export.py --out /tmp/export.xml --size-mb 500
"""

import argparse
import random
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

FIXTURE = Path(__file__).resolve().parent.parent / "tests/fixtures/import/rncp/export.xml"

VERBS = [
    "Analyser", "Concevoir", "Piloter", "Élaborer", "Mettre en œuvre", "Évaluer", "Conduire",
    "Organiser", "Négocier", "Identifier", "Superviser", "Coordonner", "Rédiger", "Animer",
]
OBJECTS = [
    "le plan d'action commercial", "la stratégie de prospection", "les besoins du client",
    "un projet d'affaires", "les indicateurs de performance", "la veille concurrentielle",
    "une offre de services adaptée", "les relations avec les partenaires", "le budget",
    "la démarche qualité", "les risques juridiques", "une équipe pluridisciplinaire",
]
MANNERS = [
    "en s'appuyant sur des outils numériques", "en tenant compte du contexte réglementaire",
    "afin de contribuer au développement des ventes", "dans une logique omnicanale",
    "en respectant les orientations de la direction", "en mobilisant les parties prenantes",
]
WORDS = (
    "le titulaire exerce ses fonctions au sein d'entreprises de toutes tailles et de tous "
    "secteurs il analyse les marchés pilote les actions commerciales et rend compte de ses "
    "résultats à sa direction en français comme en anglais"
).split()


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}, {rng.choice(MANNERS)}."


def prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def competence_list(rng: random.Random, n: int, style: int) -> str:
    """A LISTE_COMPETENCES text in one of the styles seen in the export."""
    items = [sentence(rng) for _ in range(n)]
    if style == 0:  # escaped HTML list
        return escape("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    if style == 1:  # CDATA paragraphs
        return "<![CDATA[" + "".join(f"<p>C{k + 1}. {i}</p>" for k, i in enumerate(items)) + "]]>"
    return escape("Compétences :\n" + "\n".join(f"- {i}" for i in items))


def fiche(rng: random.Random, number: int) -> str:
    code = f"RNCP{number}"
    out = [
        "  <FICHE>\n",
        f"    <ID_FICHE>{number - 20000}</ID_FICHE>\n",
        f"    <NUMERO_FICHE>{code}</NUMERO_FICHE>\n",
        f"    <INTITULE>{escape(prose(rng, 8))}</INTITULE>\n",
        "    <ABREGE>\n      <CODE>TP</CODE>\n      <LIBELLE>Titre professionnel</LIBELLE>\n"
        "    </ABREGE>\n",
        "    <ETAT_FICHE>Publiée</ETAT_FICHE>\n",
        f"    <ACTIF>{rng.choice(['Oui', 'Non'])}</ACTIF>\n",
        "    <FORMACODES>\n",
    ]
    for _ in range(rng.randint(1, 5)):
        out.append(
            f"      <FORMACODE>\n        <CODE>{rng.randint(10000, 99999)}</CODE>\n"
            f"        <LIBELLE>{escape(prose(rng, 3))}</LIBELLE>\n      </FORMACODE>\n"
        )
    level = rng.randint(3, 7)
    out.append(
        f"    </FORMACODES>\n    <NOMENCLATURE_EUROPE>\n      <NIVEAU>NIV{level}</NIVEAU>\n"
        f"      <LIBELLE>Niveau {level}</LIBELLE>\n    </NOMENCLATURE_EUROPE>\n"
        "    <CODES_NSF>\n      <NSF>\n        <CODE>312</CODE>\n"
        "        <LIBELLE>Commerce, vente</LIBELLE>\n      </NSF>\n    </CODES_NSF>\n"
        "    <CERTIFICATEURS>\n      <CERTIFICATEUR>\n"
        f"        <SIRET_CERTIFICATEUR>{rng.randint(10**13, 10**14 - 1)}</SIRET_CERTIFICATEUR>\n"
        f"        <NOM_CERTIFICATEUR>{escape(prose(rng, 3).upper())}</NOM_CERTIFICATEUR>\n"
        "        <ETAT_CERTIFICATEUR>Actif</ETAT_CERTIFICATEUR>\n"
        "      </CERTIFICATEUR>\n    </CERTIFICATEURS>\n"
        "    <EXISTENCE_PARTENAIRES>Oui</EXISTENCE_PARTENAIRES>\n"
        f"    <ACTIVITES_VISEES>{escape(prose(rng, rng.randint(200, 900)))}</ACTIVITES_VISEES>\n"
        f"    <CAPACITES_ATTESTEES><![CDATA[{prose(rng, rng.randint(200, 900))}]]>"
        "</CAPACITES_ATTESTEES>\n"
        f"    <SECTEURS_ACTIVITE>{escape(prose(rng, 80))}</SECTEURS_ACTIVITE>\n"
        f"    <TYPE_EMPLOI_ACCESSIBLES>{escape(prose(rng, 60))}</TYPE_EMPLOI_ACCESSIBLES>\n"
    )
    for jury in ["FI", "CA", "FC", "CQ", "CL", "VAE"]:
        out.append(
            f"    <SI_JURY_{jury}>\n      <ACTIF>Oui</ACTIF>\n"
            f"      <COMPOSITION>{escape(prose(rng, 60))}</COMPOSITION>\n    </SI_JURY_{jury}>\n"
        )
    out.append("    <PARTENAIRES>\n")
    for _ in range(rng.randint(0, 40)):
        out.append(
            "      <PARTENAIRE>\n"
            f"        <NOM_PARTENAIRE>{escape(prose(rng, 4).upper())}</NOM_PARTENAIRE>\n"
            f"        <SIRET_PARTENAIRE>{rng.randint(10**13, 10**14 - 1)}</SIRET_PARTENAIRE>\n"
            "        <HABILITATION_PARTENAIRE>HABILITATION_ORGA_FORM</HABILITATION_PARTENAIRE>\n"
            "        <ETAT_HABILITATION>Actif</ETAT_HABILITATION>\n"
            "      </PARTENAIRE>\n"
        )
    out.append(
        "    </PARTENAIRES>\n"
        "    <DATE_FIN_ENREGISTREMENT>01/06/2027</DATE_FIN_ENREGISTREMENT>\n"
        "    <TYPE_ENREGISTREMENT>Enregistrement sur demande</TYPE_ENREGISTREMENT>\n"
        "    <BLOCS_COMPETENCES>\n"
    )
    blocs = rng.randint(2, 6)
    for b in range(1, blocs + 1):
        out.append(
            "      <BLOC_COMPETENCES>\n"
            f"        <CODE>{code}BC{b:02}</CODE>\n"
            f"        <LIBELLE>{escape(sentence(rng))}</LIBELLE>\n"
            f"        <LISTE_COMPETENCES>{competence_list(rng, rng.randint(3, 12), rng.randint(0, 2))}"
            "</LISTE_COMPETENCES>\n"
            f"        <MODALITES_EVALUATION>{escape(prose(rng, rng.randint(40, 200)))}"
            "</MODALITES_EVALUATION>\n"
            "      </BLOC_COMPETENCES>\n"
        )
    other = f"RNCP{number - 7}"
    out.append(
        "    </BLOCS_COMPETENCES>\n    <CORRESPONDANCES>\n      <CORRESPONDANCE>\n"
        f"        <SOURCE>\n          <BLOC_COMPETENCES>\n            <CODE>{code}BC01</CODE>\n"
        "          </BLOC_COMPETENCES>\n        </SOURCE>\n"
        f"        <DESTINATION>\n          <NUMERO_FICHE>{other}</NUMERO_FICHE>\n"
        f"          <BLOC_COMPETENCES>\n            <CODE>{other}BC01</CODE>\n"
        "          </BLOC_COMPETENCES>\n        </DESTINATION>\n"
        "      </CORRESPONDANCE>\n    </CORRESPONDANCES>\n  </FICHE>\n"
    )
    return "".join(out)


def last_fiche() -> str:
    """RNCP36395 as the test fixture has it."""
    text = FIXTURE.read_text(encoding="utf-8")
    match = re.search(
        r"  <FICHE>\n    <ID_FICHE>\d+</ID_FICHE>\n    <NUMERO_FICHE>RNCP36395<.*?</FICHE>\n", text, re.S
    )
    if not match:
        sys.exit(f"RNCP36395 not found in {FIXTURE}")
    return match.group(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--size-mb", type=float, default=500)
    parser.add_argument("--seed", type=int, default=36395)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    target = int(args.size_mb * 1_000_000)
    last = last_fiche()
    written = 0
    fiches = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        head = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<FICHES>\n  <VERSION_FLUX>4.1</VERSION_FLUX>\n'
        written += f.write(head)
        while written + len(last) < target:
            # Numbers from RNCP40000 up: never RNCP36395.
            # Characters, not bytes: the file comes out a little bigger than asked.
            written += f.write(fiche(rng, 40000 + fiches))
            fiches += 1
        f.write(last)
        f.write("</FICHES>\n")
        fiches += 1
    size = args.out.stat().st_size
    print(f"wrote {args.out}: {fiches} fiches, {size / 1e6:.0f} MB; the last is RNCP36395")


if __name__ == "__main__":
    main()
