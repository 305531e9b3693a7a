//! Deterministic synthetic content for refolio: referentials, candidate passports and
//! evidence files that look like real data, at any size, to measure `refolio check` and
//! `refolio build` on large sites (the national catalogue holds about 5,500 referentials).
//! The tree depends only on the arguments: same arguments, same bytes (a hand-written
//! splitmix64 generator, standard library only).
//!
//! ```text
//! cargo run --release --example synth -- --out /tmp/synth --referentials 50 \
//!     --candidates 500 --evidence 10 --seed 1
//! cargo run --release -- --root /tmp/synth check
//! ```
//!
//! What is generated, the options and the reference sizes: `docs/synthetic-content.md`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;
use std::{env, fs, process};

const USAGE: &str = "\
usage: cargo run --release --example synth -- --out DIR [options]

  --out DIR            site folder to write (created if absent; must be empty)
  --referentials N     number of referentials (default 3)
  --competences C      about C competences per referential, +/- 1/6 (default 60)
  --candidates M       number of candidates, spread over the referentials (default 20)
  --evidence K         evidence files per candidate (default 5)
  --seed S             seed of the generator (default 1)
  --force              DIR may be non-empty: DIR/content and DIR/refolio.toml are replaced
  --help               print this help";

mod vocabulary;
use vocabulary::*;

const FORCED: &str = "DIR/content and DIR/refolio.toml";
const RNCP_URL: &str = "https://www.francecompetences.fr/recherche/rncp/";
const SITE: &str = "# Synthetic site written by examples/synth/main.rs (seed {seed}).\n\
    title = \"Référentiels synthétiques (graine {seed})\"\nlanguage = \"fr\"\n\n[candidates]\n\
    # Some portfolios have gaps on purpose: warnings, not errors.\nallow_gaps = true\n";

macro_rules! w {
    ($o:expr, $($t:tt)*) => {{ let _ = writeln!($o, $($t)*); }};
}

/// splitmix64: tiny, fast, and varied enough for content that only has to look real.
struct Rng(u64);

impl Rng {
    /// An independent stream per item: its draws do not depend on the other items.
    fn new(seed: u64, stream: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ (stream << 56) ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.0 = r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// One item of a `|`-separated vocabulary.
    fn pick(&mut self, list: &'static str) -> &'static str {
        let n = list.bytes().filter(|&b| b == b'|').count() + 1;
        list.split('|').nth(self.below(n)).unwrap_or_default()
    }
    /// One item of a vocabulary of `a=b` (or `a:b`) pairs.
    fn pair(&mut self, list: &'static str) -> (&'static str, &'static str) {
        self.pick(list).split_once(['=', ':']).unwrap_or_default()
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
    /// `lo` to `hi` items of a vocabulary, all different when it has that many.
    fn some(&mut self, list: &'static str, lo: usize, hi: usize) -> Vec<&'static str> {
        let mut items: Vec<&str> = list.split('|').collect();
        self.shuffle(&mut items);
        items.into_iter().cycle().take(self.range(lo, hi)).collect()
    }
    fn date(&mut self, year: usize, first_month: usize, last_month: usize) -> String {
        let month = self.range(first_month, last_month);
        format!("{year}-{month:02}-{:02}", self.range(1, 28))
    }
    /// `total` items in `parts` non-empty parts of random sizes.
    fn spread(&mut self, total: usize, parts: usize) -> Vec<usize> {
        let mut sizes = vec![1; parts];
        (parts..total).for_each(|_| sizes[self.below(parts)] += 1);
        sizes
    }
}

/// What the candidates need to know of a referential once it is written.
struct Referential {
    id: String,
    exemptions: bool,
    professional: Option<usize>,
    blocs: Vec<Bloc>,
}

struct Bloc {
    id: String,
    points: Option<usize>,
    comps: Vec<Comp>,
    shared: Vec<String>,
    exams: Vec<String>,
}

struct Comp {
    id: String,
    criteria: Vec<String>,
}

struct Options {
    out: PathBuf,
    referentials: usize,
    competences: usize,
    candidates: usize,
    evidence: usize,
    seed: u64,
    force: bool,
}

/// A YAML scalar: plain when it reads back as the same string, double-quoted otherwise.
fn q(s: &str) -> String {
    let first = s.chars().next().unwrap_or(' ');
    let plain = !"-?:,[]{}#&*!|>'\"%@`0123456789 ".contains(first)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with([':', ' '])
        && !s.contains('\n')
        && !["true", "false", "null", "yes", "no", "on", "off"].contains(&s);
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A YAML flow list of IDs: `[C1.1, C1.2]`.
fn list<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    format!("[{}]", ids.cloned().collect::<Vec<_>>().join(", "))
}

/// A file-name slug: lowercase ASCII letters, digits and dashes, about 48 bytes at most.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let folded = match c {
            'à' | 'â' | 'ä' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' => "i",
            'ô' | 'ö' => "o",
            'ù' | 'û' | 'ü' => "u",
            'ç' => "c",
            'œ' => "oe",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ if out.is_empty() || out.ends_with('-') => continue,
            _ if out.len() >= 48 => break,
            _ => "-",
        };
        out.push_str(folded);
    }
    out.trim_end_matches('-').to_string()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    let first = c.next().map(|f| f.to_lowercase().to_string());
    first.unwrap_or_default() + c.as_str()
}

/// A criterion in French prose, its participles agreeing with the subject.
fn criterion(g: &mut Rng) -> String {
    let (kind, subject) = g.pair(SUBJECTS);
    let (ending, verb) = match kind {
        "m" => ("", "est"),
        "f" => ("e", "est"),
        "mp" => ("s", "sont"),
        _ => ("es", "sont"),
    };
    let (two, complement) = (g.some(PARTICIPLES, 2, 2), g.pick(COMPLEMENTS));
    let text = format!("{subject} {verb} {}{ending} et {}{ending}", two[0], two[1]);
    q(&format!("{text}, {complement}"))
}

/// A referential's YAML into `y`: blocs, activities, competences, criteria (some shared by
/// two competences), exams evaluating every competence, and one of three kinds of rules.
fn referential(seed: u64, r: usize, competences: usize, y: &mut String) -> Referential {
    let mut g = Rng::new(seed, 1, r as u64);
    let (title, stem) = g.pair(JOBS);
    let kind = g.below(3); // a threshold on criteria, a points grid, or every criterion
    let (threshold, grid, exemptions) = (kind == 0, kind == 1, g.chance(50));
    let total = competences - competences / 6 + g.below(competences / 3 + 1);
    let nb = g.range(4, 6).min(total);
    let explicit_ids = g.chance(65);
    let (rncp, level, certifier) = (34000 + r % 6000, g.range(5, 7), g.pick(CERTIFIERS));
    let (title, certifier, version) = (q(title), q(certifier), g.date(2022 + r % 4, 1, 12));
    w!(
        y,
        "# Référentiel fictif (examples/synth/main.rs, graine {seed})"
    );
    w!(y, "title: {title}\nrncp: RNCP{rncp}\nlevel: {level}");
    w!(y, "certifier: {certifier}\nversion: {version}");
    w!(y, "language: fr\nsource_url: {RNCP_URL}{rncp}/\nrules:");
    if threshold {
        w!(y, "  competence_threshold: 50");
    }
    let sizes = [60, 80, 100, 120, 150, 200];
    let points: Vec<_> = (0..nb).map(|_| grid.then(|| sizes[g.below(6)])).collect();
    let professional = grid.then(|| 50 * g.range(2, 6));
    if let Some(p) = professional {
        let total = p + points.iter().flatten().sum::<usize>();
        w!(y, "  bloc_pass_percent: 50\n  total_points: {total}");
        w!(y, "  pass_mark: {}\n  professional_evaluation:", total / 2);
        w!(y, "    points: {p}\n    minimum: {}\n    parts:", p / 2);
        for (title, part) in [("Écrit", p * 2 / 5), ("Soutenance", p - p * 2 / 5)] {
            w!(y, "      - title: {title}\n        points: {part}");
        }
    }
    let partial = grid || threshold || g.chance(50);
    w!(y, "  partial_certification: {partial}");
    w!(y, "  exemptions: {exemptions}\n\nblocs:");
    let themes = g.some(THEMES, nb, nb);
    let mut blocs = Vec::new();
    for (b, n) in g.spread(total, nb).into_iter().enumerate() {
        let (bn, theme) = (b + 1, q(themes[b]));
        w!(y, "  - id: B{bn}\n    title: {theme}");
        if let Some(p) = points[b] {
            w!(y, "    points: {p}\n    minimum: {}", p * 2 / 5);
        }
        w!(y, "    activities:");
        let mut comps = Vec::new();
        let na = g.range(2, 4).min(n);
        for (a, k) in g.spread(n, na).into_iter().enumerate() {
            let (object, of_object) = g.pair(OBJECTS);
            let title = q(&format!("{} {of_object}", g.pick(ACTIONS)));
            w!(y, "      - id: A{bn}.{}\n        title: {title}", a + 1);
            w!(y, "        competences:");
            for c in 0..k {
                let cid = format!("C{bn}.{}", comps.len() + 1);
                let object = if c == 0 { object } else { g.pair(OBJECTS).0 };
                let text = format!("{} {object} {}", g.pick(VERBS), g.pick(PURPOSES));
                w!(y, "          - id: {cid}");
                if g.chance(15) {
                    // Markdown with a list, as certifiers often write competences.
                    w!(y, "            text: |\n              {text} :");
                    for item in g.some(LIST_ITEMS, 2, 3) {
                        w!(y, "              - {item}");
                    }
                } else {
                    w!(y, "            text: {}", q(&(text + ".")));
                }
                w!(y, "            criteria:");
                let mut criteria = Vec::new();
                for j in 1..=g.range(2, 4) {
                    let text = criterion(&mut g);
                    if explicit_ids {
                        let id = format!("Cr{bn}.{}.{j}", comps.len() + 1);
                        w!(y, "              - id: {id}\n                text: {text}");
                        criteria.push(id);
                    } else {
                        // No ID, in the long or the short form: it comes from the position.
                        let key = if g.chance(50) { "- text:" } else { "-" };
                        w!(y, "              {key} {text}");
                        criteria.push(format!("{cid}.cr{j}"));
                    }
                }
                comps.push(Comp { id: cid, criteria });
            }
        }
        // Criteria shared by two competences of the bloc; their IDs come from their position.
        let mut shared = Vec::new();
        if n >= 2 && g.chance(60) {
            w!(y, "    criteria:");
            for s in 1..=g.range(1, 2) {
                let a = g.below(n - 1);
                let (first, second) = (&comps[a].id, &comps[a + 1].id);
                w!(y, "      - competences: [{first}, {second}]");
                w!(
                    y,
                    "        text: {}\n        indicators:",
                    q(g.pick(SHARED))
                );
                for indicator in g.some(INDICATORS, 2, 3) {
                    w!(y, "          - {indicator}");
                }
                shared.push(format!("B{bn}.cr{s}"));
            }
        }
        // Exams: together they evaluate every competence of the bloc.
        w!(y, "    modalities:");
        let nm = g.range(1, 3).min(n);
        let mut exams = Vec::new();
        for m in 0..nm {
            let (kind, title) = g.pair(MODALITIES);
            let id = match (nm, explicit_ids) {
                (1, true) => format!("E{bn}"),
                (_, true) => format!("E{bn}.{}", m + 1),
                _ => format!("B{bn}.E{}", m + 1),
            };
            match explicit_ids {
                true => w!(y, "      - id: {id}\n        title: {title}"),
                false => w!(y, "      - title: {title}"),
            }
            let duration = g.pick(DURATIONS);
            w!(y, "        kind: {kind}\n        duration: {duration}");
            if let Some(p) = points[b] {
                let share = if m + 1 < nm { p / nm } else { p - p / nm * m };
                w!(y, "        points: {share}");
            }
            let part = comps[m * n / nm..(m + 1) * n / nm].iter().map(|c| &c.id);
            match nm == 1 && g.chance(50) {
                true => w!(y, "        evaluates: [B{bn}]"),
                false => w!(y, "        evaluates: {}", list(part)),
            }
            exams.push(id);
        }
        let (id, points) = (format!("B{bn}"), points[b]);
        blocs.push(Bloc {
            id,
            points,
            comps,
            shared,
            exams,
        });
    }
    let id = format!("{stem}-{:04}", r + 1);
    Referential {
        id,
        exemptions,
        professional,
        blocs,
    }
}

/// A candidate's folder: the passport, then the evidence files; `files` counts the files.
fn candidate(o: &Options, i: usize, r: &Referential, files: &mut [usize; 2]) -> Result<(), String> {
    let mut g = Rng::new(o.seed, 2, i as u64);
    let name = format!("{} {}", g.pick(FIRST), g.pick(LAST));
    let width = o.candidates.to_string().len().max(3);
    let dir = o.out.join(format!(
        "content/candidates/{}-{:0width$}",
        slug(&name),
        i + 1
    ));
    let company = g.pick(COMPANIES);
    // Most candidates present every bloc; some only a few (a partial VAE, a resit).
    let nb = r.blocs.len();
    let mut presented: Vec<usize> = (0..nb).collect();
    let partial = nb >= 2 && g.chance(15);
    if partial {
        g.shuffle(&mut presented);
        presented.truncate(g.range(1, nb - 1));
        presented.sort_unstable();
    }
    let blocs: Vec<&Bloc> = presented.iter().map(|&b| &r.blocs[b]).collect();
    let comps: Vec<&Comp> = blocs.iter().flat_map(|b| &b.comps).collect();
    let (mut y, seed, firm) = (String::with_capacity(4096), o.seed, q(company));
    w!(y, "# Candidat·e fictif·ve (synth.rs, graine {seed})");
    w!(y, "name: {}\nreferential: {}", q(&name), r.id);
    if partial {
        w!(y, "blocs: {}", list(blocs.iter().map(|b| &b.id)));
    }
    let (route, session) = (g.pick(ROUTES), g.date(2026, 6, 12));
    w!(y, "route: {route}\nsession: {session}");
    if route != "vae" || g.chance(50) {
        let (first, last, role) = (g.pick(FIRST), g.pick(LAST), q(g.pick(ROLES)));
        w!(y, "tutor:\n  name: {first} {last}\n  role: {role}");
        w!(y, "  company: {firm}");
    }
    let (post, date) = (q(g.pick(POSTS)), g.date(2025, 9, 10));
    w!(y, "job:\n  title: {post}\n  company: {firm}");
    w!(y, "  date: {date}\n  missions:");
    for mission in g.some(MISSIONS, 2, 4) {
        let mut ids: Vec<usize> = (0..4).map(|_| g.below(comps.len())).collect();
        ids.sort_unstable();
        ids.dedup();
        w!(y, "    - text: {}", q(mission));
        w!(
            y,
            "      competences: {}",
            list(ids.iter().map(|&c| &comps[c].id))
        );
    }
    let mut exempted = "";
    if r.exemptions && g.chance(3) {
        let c = comps[g.below(comps.len())];
        exempted = &c.criteria[g.below(c.criteria.len())];
        w!(y, "exemptions:\n  - criterion: {exempted}");
        w!(y, "    reason: Avis motivé du référent handicap");
        w!(y, "    date: {}", g.date(2026, 1, 4));
    }
    let mut order: Vec<usize> = (0..comps.len()).collect();
    g.shuffle(&mut order);
    for key in ["self_assessment", "tutor_assessment"] {
        let mut chosen = order[..g.range(3, 10).min(comps.len())].to_vec();
        chosen.sort_unstable();
        w!(y, "{key}:");
        for c in chosen {
            let mark = format!("\"{}/20\"", g.range(8, 19));
            let level = if g.chance(80) { g.pick(LEVELS) } else { &mark };
            w!(y, "  {}: {level}", comps[c].id);
        }
    }
    if g.chance(55) {
        results(&mut y, &mut g, r, &blocs, exempted);
    }
    let preuves = dir.join("preuves");
    fs::create_dir_all(&preuves).map_err(|e| format!("{}: {e}", preuves.display()))?;
    put(&dir.join("passport.yaml"), &y, &mut files[0])?;

    // Every presented competence goes to one evidence file, but for a few gaps on purpose.
    let gaps = g.range(1, 3).min(comps.len() - 1) * usize::from(g.chance(8));
    let mut per_file = vec![Vec::new(); o.evidence];
    for (j, &c) in order[gaps..].iter().enumerate() {
        per_file[j % o.evidence].push(c);
    }
    let digits = o.evidence.to_string().len().max(2);
    for (k, mut list) in per_file.into_iter().enumerate() {
        if list.is_empty() || g.chance(25) {
            list.push(order[gaps + g.below(comps.len() - gaps)]);
        }
        list.sort_unstable();
        list.dedup();
        let shown: Vec<&Comp> = list.iter().map(|&c| comps[c]).collect();
        let title = format!("{} {}", g.pick(DOCS), g.pick(PLACES));
        y.clear();
        evidence(&mut y, &mut g, &title, company, &shown);
        let path = preuves.join(format!("{:0digits$}-{}.md", k + 1, slug(&title)));
        put(&path, &y, &mut files[1])?;
    }
    Ok(())
}

/// Results as they come in: criteria validated or not, and marks on a points grid.
fn results(y: &mut String, g: &mut Rng, r: &Referential, blocs: &[&Bloc], exempted: &str) {
    w!(y, "results:");
    if r.professional.is_none() || g.chance(30) {
        let keep = if g.chance(70) { 100 } else { 70 };
        w!(y, "  criteria:");
        for b in blocs {
            for c in b.comps.iter().flat_map(|c| &c.criteria).chain(&b.shared) {
                if c != exempted && g.chance(keep) {
                    w!(y, "    {c}: {}", g.chance(82));
                }
            }
        }
    }
    if let Some(p) = r.professional {
        w!(y, "  marks:");
        for b in blocs {
            match b.points {
                Some(pts) if g.chance(50) => w!(y, "    {}: {}", b.id, g.range(pts / 4, pts)),
                _ => {
                    for e in &b.exams {
                        w!(y, "    {e}: \"{}/20\"", g.range(6, 20));
                    }
                }
            }
        }
        w!(y, "  professional_evaluation: {}", g.range(p * 2 / 5, p));
    }
}

/// An evidence file: front matter, then a few paragraphs, often a table, rarely code.
fn evidence(y: &mut String, g: &mut Rng, title: &str, company: &str, comps: &[&Comp]) {
    let (year, first, last) = [(2025, 10, 12), (2026, 1, 5)][g.below(2)];
    let (title, date, firm) = (q(title), g.date(year, first, last), q(company));
    w!(y, "---\ntitle: {title}\ndate: {date}\ncontext:");
    w!(y, "  company: {firm}\n  mission: {}", q(g.pick(MISSIONS)));
    w!(y, "demonstrates:");
    for c in comps {
        match g.chance(30) {
            true => w!(y, "  - id: {}\n    note: {}", c.id, q(g.pick(WHERE))),
            false => w!(y, "  - {}", c.id),
        }
        if g.chance(20) {
            w!(y, "  - {}", c.criteria[g.below(c.criteria.len())]);
        }
    }
    y.push_str("---\n\n## Contexte\n\n");
    paragraph(y, CONTEXT, g, company);
    y.push_str("## Démarche\n\n");
    paragraph(y, APPROACH, g, company);
    y.push_str("## Résultats\n\n");
    if g.chance(60) {
        table(y, g);
    }
    paragraph(y, RESULTS, g, company);
    if g.chance(5) {
        y.push_str("Extrait de l'outil utilisé pour préparer les données :\n\n");
        y.push_str(CODE[g.below(CODE.len())]);
        y.push('\n');
    }
    y.push_str("## Ce que cela montre\n\n");
    paragraph(y, LESSONS, g, company);
    y.pop();
}

/// A paragraph of 2 to 4 sentences from `templates`, their placeholders filled in.
fn paragraph(y: &mut String, templates: &'static str, g: &mut Rng, company: &str) {
    for (s, sentence) in g.some(templates, 2, 4).into_iter().enumerate() {
        let mut parts = sentence.split('{');
        y.push_str(if s == 0 { "" } else { " " });
        y.push_str(parts.next().unwrap_or_default());
        for part in parts {
            let (key, rest) = part.split_at(1);
            let value = match key {
                "c" => company.to_string(),
                "o" => g.pair(OBJECTS).0.to_string(),
                "v" => lower_first(g.pick(VERBS)),
                "n" => g.range(2, 12).to_string(),
                "N" => g.range(120, 2400).to_string(),
                _ => g.range(5, 40).to_string(),
            };
            y.push_str(&value);
            y.push_str(&rest[1..]);
        }
    }
    y.push_str("\n\n");
}

/// A Markdown table: indicators against their objectives, or an action plan.
fn table(y: &mut String, g: &mut Rng) {
    if g.chance(60) {
        y.push_str("| Indicateur | Objectif | Réalisé | Écart |\n|---|---:|---:|---:|\n");
        for name in g.some(MEASURES, 3, 6) {
            let top = if name.ends_with("(%)") { 100 } else { 400 };
            let (goal, done) = (g.range(20, top) as i64, g.range(20, top) as i64);
            w!(y, "| {name} | {goal} | {done} | {:+} |", done - goal);
        }
    } else {
        y.push_str("| Action | Responsable | Échéance | Statut |\n|---|---|---|---|\n");
        for action in g.some(MISSIONS, 3, 5) {
            let (who, date, status) = (g.pick(FIRST), g.date(2026, 1, 6), g.pick(STATUSES));
            w!(y, "| {action} | {who} | {date} | {status} |");
        }
    }
    y.push('\n');
}

fn put(path: &Path, data: &str, count: &mut usize) -> Result<(), String> {
    *count += 1;
    fs::write(path, data).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn number(args: &mut impl Iterator<Item = String>, key: &str) -> Result<u64, String> {
    let value = args.next().ok_or(format!("{key} needs a value"))?;
    let error = |_| format!("{key}: `{value}` is not a whole number");
    value.parse().map_err(error)
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        out: PathBuf::new(),
        referentials: 3,
        competences: 60,
        candidates: 20,
        evidence: 5,
        seed: 1,
        force: false,
    };
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--help" | "-h" => {
                println!("{USAGE}");
                process::exit(0);
            }
            "--out" => o.out = args.next().ok_or("--out needs a folder")?.into(),
            "--referentials" => o.referentials = number(&mut args, &arg)? as usize,
            "--competences" => o.competences = number(&mut args, &arg)? as usize,
            "--candidates" => o.candidates = number(&mut args, &arg)? as usize,
            "--evidence" => o.evidence = number(&mut args, &arg)? as usize,
            "--seed" => o.seed = number(&mut args, &arg)?,
            "--force" => o.force = true,
            _ => return Err(format!("unknown argument `{arg}`")),
        }
    }
    if o.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    if o.referentials == 0 || o.competences == 0 || o.evidence == 0 {
        return Err("--referentials, --competences and --evidence must be at least 1".into());
    }
    Ok(o)
}

fn run(o: &Options) -> Result<String, String> {
    let start = Instant::now();
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    if fs::read_dir(&o.out).is_ok_and(|mut entries| entries.next().is_some()) {
        if !o.force {
            let dir = o.out.display();
            return Err(format!("{dir} is not empty; --force replaces {FORCED}"));
        }
        let (content, toml) = (o.out.join("content"), o.out.join("refolio.toml"));
        if content.exists() {
            fs::remove_dir_all(&content).map_err(|e| io(&content, e))?;
        }
        if toml.exists() {
            fs::remove_file(&toml).map_err(|e| io(&toml, e))?;
        }
    }
    let rdir = o.out.join("content/referentials");
    fs::create_dir_all(&rdir).map_err(|e| io(&rdir, e))?;
    let mut files = [0usize; 2];
    let site = SITE.replace("{seed}", &o.seed.to_string());
    put(&o.out.join("refolio.toml"), &site, &mut files[0])?;
    let mut refs = Vec::with_capacity(o.referentials);
    let mut y = String::with_capacity(64 * 1024);
    for r in 0..o.referentials {
        y.clear();
        let referential = referential(o.seed, r, o.competences, &mut y);
        let path = rdir.join(format!("{}.yaml", referential.id));
        put(&path, &y, &mut files[0])?;
        refs.push(referential);
    }
    for i in 0..o.candidates {
        candidate(o, i, &refs[i % refs.len()], &mut files)?;
    }
    let blocs = refs.iter().flat_map(|r| &r.blocs);
    let competences: usize = blocs.map(|b| b.comps.len()).sum();
    let (evidence, total) = (files[1], files[0] + files[1]);
    let (dir, seconds) = (o.out.display(), start.elapsed().as_secs_f64());
    Ok(format!(
        "synth: {} referentials ({competences} competences), {} candidates, {evidence} \
         evidence files: {total} files written to {dir} in {seconds:.2} s",
        o.referentials, o.candidates,
    ))
}

fn main() {
    let options = parse_args().unwrap_or_else(|e| {
        eprintln!("error: {e}\n\n{USAGE}");
        process::exit(2);
    });
    match run(&options) {
        Ok(summary) => println!("{summary}"),
        Err(e) => {
            eprintln!("error: {e}");
            process::exit(1);
        }
    }
}
