//! Benchmarks of the build's stages, each timed on its own: `check` (load, lower,
//! validate), `templates` (compiling the templates), `render_to_memory` (every page of a
//! checked site, written to memory), `build` (the whole build, written to disk), and the
//! per-text costs inside rendering: Markdown of evidence and of fixed samples (the plain
//! fast path against the sanitised one) and code highlighting.
//!
//! ```text
//! cargo bench --bench stages
//! ```
//!
//! runs them on the bundled example site at the crate root. To measure another site, for
//! instance a synthetic one, point `REFOLIO_BENCH_SITE` at its root:
//!
//! ```text
//! cargo run --release --example synth -- --out /tmp/s --referentials 5 --candidates 50 --evidence 10
//! REFOLIO_BENCH_SITE=/tmp/s cargo bench --bench stages
//! ```
//!
//! Divan's own options follow `--`, e.g. `cargo bench --bench stages -- build` to run one.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use refolio::output::MemoryOutput;
use refolio::render::highlight::Highlighter;
use refolio::render::{self, Templates, markdown};
use refolio::{BuildOptions, Checked};

// The allocator the `refolio` binary uses (src/main.rs), so figures match the CLI's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Said up front so a table is never read as the wrong site's.
    eprintln!("refolio stages benchmark on {}", site_root().display());
    divan::main();
}

/// The site measured: `$REFOLIO_BENCH_SITE`, else the example site at the crate root.
fn site_root() -> PathBuf {
    std::env::var_os("REFOLIO_BENCH_SITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

/// The checked site, for the stages that start from one. A site with errors is refused:
/// `build` would stop after the check and the figures would mean nothing.
fn checked(root: &Path) -> Checked {
    let checked = refolio::check(root).expect("the site cannot be read");
    assert!(
        !checked.diagnostics.has_errors(),
        "the site at {} has errors: run `refolio check` on it",
        root.display()
    );
    checked
}

#[divan::bench(sample_count = 10)]
fn check(bencher: Bencher) {
    let root = site_root();
    bencher.bench_local(|| refolio::check(black_box(&root)).expect("check failed"));
}

#[divan::bench(sample_count = 20)]
fn templates(bencher: Bencher) {
    let root = site_root();
    let language = checked(&root).site.config.language;
    bencher.bench_local(|| Templates::load(black_box(&root), language).expect("templates"));
}

#[divan::bench(sample_count = 10)]
fn render_to_memory(bencher: Bencher) {
    let root = site_root();
    let checked = checked(&root);
    let site = &checked.site;
    let templates = Templates::load(&root, site.config.language).expect("templates");
    // render_site directly rather than refolio::render_to_memory, so template loading
    // (its own benchmark) stays out of this figure.
    let pages = render::render_site(
        site,
        &checked.dossiers,
        &checked.deliberations,
        &templates,
        &Mutex::new(MemoryOutput::default()),
    )
    .expect("render");
    bencher
        .counter(ItemsCount::new(pages))
        // A fresh output each time, made and dropped outside the timing: overwriting a
        // full map would measure a different thing.
        .with_inputs(|| Mutex::new(MemoryOutput::default()))
        .bench_local_refs(|out| {
            render::render_site(
                site,
                &checked.dossiers,
                &checked.deliberations,
                &templates,
                out,
            )
            .expect("render")
        });
}

#[divan::bench(sample_count = 10)]
fn build(bencher: Bencher) {
    let root = site_root();
    // Fails early, outside the timing, on a site with errors.
    checked(&root);
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().expect("temporary folder");
            // Not created yet: every build starts from no previous site to replace.
            let options = BuildOptions {
                root: root.clone(),
                output_dir: Some(dir.path().join("public")),
                overrides: Default::default(),
            };
            (dir, options)
        })
        .bench_local_refs(|(_dir, options)| {
            let built = refolio::build(options).expect("build failed");
            assert!(built.summary.is_some(), "nothing was written");
            built
        });
}

#[divan::bench(sample_count = 20)]
fn markdown_evidence(bencher: Bencher) {
    let checked = checked(&site_root());
    let bodies: Vec<&str> = checked
        .site
        .candidates
        .values()
        .flat_map(|c| &c.evidence)
        .map(|e| e.body.as_str())
        .collect();
    // One highlighter for the whole site, as a build has: loading the grammars is not a
    // per-text cost.
    let highlighter = Highlighter::default();
    bencher
        .counter(BytesCount::new(
            bodies.iter().map(|b| b.len()).sum::<usize>(),
        ))
        .bench_local(|| {
            bodies
                .iter()
                .map(|b| markdown::evidence_to_html(black_box(b), &highlighter))
                .collect::<Vec<String>>()
        });
}

/// Prose, a list and a table, as most evidence is: no raw HTML and no link, so rendering
/// skips the sanitiser.
const PLAIN: &str = "\
## Analyse du portefeuille clients

Au cours du second semestre, j'ai repris le suivi des **comptes stratégiques** de la \
région Auvergne-Rhône-Alpes : quarante-deux entreprises, dont douze représentent à elles \
seules près de 60 % du chiffre d'affaires. L'objectif était de *fiabiliser les prévisions* \
et de repérer les comptes en perte de vitesse avant la revue trimestrielle.

Les étapes suivies :

1. extraction des commandes des vingt-quatre derniers mois depuis l'ERP ;
2. segmentation des clients selon leur potentiel et leur fidélité ;
3. entretiens avec les acheteurs des cinq comptes en recul ;
4. plan d'actions validé avec la direction commerciale.

| Segment | Comptes | Part du CA | Évolution |
|---|---|---|---|
| Stratégiques | 12 | 58 % | +4 % |
| À développer | 17 | 29 % | +11 % |
| À surveiller | 13 | 13 % | −7 % |

Ce travail a permis de réduire l'écart entre prévision et réalisé de 9 à 3 points.
";

#[divan::bench]
fn markdown_plain() -> String {
    markdown::to_html(black_box(PLAIN))
}

/// The same text with one link: any link sends the whole text through the sanitiser.
#[divan::bench]
fn markdown_with_link(bencher: Bencher) {
    let text = format!(
        "{PLAIN}\nSelon la méthode de [France compétences](https://www.francecompetences.fr/).\n"
    );
    bencher.bench(|| markdown::to_html(black_box(&text)));
}

const PYTHON: &str = r#"import csv
from collections import defaultdict
from datetime import date


def load_orders(path):
    """Commandes export, une ligne par commande."""
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            yield {
                "pays": row["pays"],
                "date": date.fromisoformat(row["date"]),
                "montant": float(row["montant"].replace(",", ".")),
            }


def revenue_by_country(orders, year):
    totals = defaultdict(float)
    for order in orders:
        if order["date"].year == year:
            totals[order["pays"]] += order["montant"]
    return dict(sorted(totals.items(), key=lambda kv: -kv[1]))


if __name__ == "__main__":
    totals = revenue_by_country(load_orders("commandes.csv"), 2025)
    for country, amount in list(totals.items())[:10]:
        print(f"{country:<20} {amount:>12,.2f} €")
    growth = [c for c, a in totals.items() if a > 50_000]
    print(len(growth), "marchés au-dessus de 50 k€")
"#;

const SQL: &str = "\
-- Chiffre d'affaires et litiges par client, second semestre 2025.
WITH commandes AS (
    SELECT c.client_id,
           SUM(l.quantite * l.prix_unitaire) AS ca,
           COUNT(DISTINCT c.id) AS nb_commandes
    FROM commande c
    JOIN ligne_commande l ON l.commande_id = c.id
    WHERE c.date_commande BETWEEN '2025-07-01' AND '2025-12-31'
    GROUP BY c.client_id
)
SELECT cl.raison_sociale,
       co.ca,
       co.nb_commandes,
       COUNT(li.id) AS litiges,
       ROUND(100.0 * COUNT(li.id) / NULLIF(co.nb_commandes, 0), 1) AS taux_litige
FROM commandes co
JOIN client cl ON cl.id = co.client_id
LEFT JOIN litige li ON li.client_id = co.client_id AND li.statut <> 'clos'
GROUP BY cl.raison_sociale, co.ca, co.nb_commandes
HAVING co.ca > 10000
ORDER BY taux_litige DESC, co.ca DESC;
";

#[divan::bench(args = ["python", "sql"])]
fn highlight(bencher: Bencher, language: &str) {
    let code = match language {
        "python" => PYTHON,
        _ => SQL,
    };
    let highlighter = Highlighter::default();
    // Unknown languages fall back to plain text: make sure the grammar is what is timed.
    assert!(highlighter.highlight(code, language).is_some());
    bencher.bench_local(|| highlighter.highlight(black_box(code), language));
}
