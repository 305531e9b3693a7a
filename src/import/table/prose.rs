//! The prose around a referential table: its paragraphs, and the title and preamble the
//! draft takes from the lines before the table (a generic lead such as "Référentiel de
//! compétences -" dropped, markup stripped).

/// Paragraphs of prose lines (blank lines separate them; lines of one are kept).
pub(super) fn paragraphs(lines: &[Option<String>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for l in lines.iter().chain(std::iter::once(&None)) {
        match l {
            Some(t) => current.push(t.trim_end()),
            None => {
                if !current.is_empty() {
                    out.push(current.join("\n"));
                    current.clear();
                }
            }
        }
    }
    out
}

/// The title is the first short paragraph before the table (not a list item, a link or an
/// introduction ending with a colon); the rest is the preamble.
pub(super) fn title_and_preamble(before: &[Option<String>]) -> (Option<String>, Option<String>) {
    // A page's path on the line right above its heading (a saved web page) is a
    // paragraph of its own, not the first line of the title.
    let paras: Vec<String> = paragraphs(before)
        .into_iter()
        .flat_map(|p| match p.split_once('\n') {
            Some((first, rest)) if breadcrumb(first) => vec![first.to_owned(), rest.to_owned()],
            // A web page's `<h1>` right over its lead paragraph (no blank line between
            // them): the heading is a paragraph of its own when a sentence follows it.
            Some((first, rest)) if heading_over_sentence(first, rest) => {
                vec![first.to_owned(), rest.to_owned()]
            }
            _ => vec![p],
        })
        .collect();
    let is_title = |p: &str| {
        // The words of the title, not of a lead naming the kind of document before it.
        let words = clean_title(p).split_whitespace().count();
        words <= 15
            && !p.contains("](")
            && !p.trim_end().ends_with(':')
            && !p.starts_with('-')
            && !generic_only(p)
            && !kind_only(p)
            && !breadcrumb(p)
    };
    // A Markdown file's front matter names its title (`title:`, `titre:`); else the first
    // paragraph that reads as one.
    let front = paras.first().and_then(|p| front_matter_title(p));
    let index = match front {
        Some(_) => None,
        None => paras.iter().position(|p| is_title(p)),
    };
    let title = front.or_else(|| index.map(|i| clean_title(&paras[i])));
    let rest: Vec<String> = paras
        .into_iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != index)
        .map(|(_, p)| p)
        .collect();
    let preamble = (!rest.is_empty()).then(|| rest.join("\n\n"));
    (title.filter(|t| !t.is_empty()), preamble)
}

/// A short line without a final stop over a sentence of more than 15 words ending with a
/// full stop: a heading, then the paragraph under it, not one paragraph.
fn heading_over_sentence(first: &str, rest: &str) -> bool {
    let next = rest.lines().next().unwrap_or("").trim();
    let first = first.trim();
    (2..=15).contains(&first.split_whitespace().count())
        && !first.ends_with(['.', ':', ',', ';'])
        && next.ends_with('.')
        && next.split_whitespace().count() > 15
}

/// Text without its HTML tags (`<p><strong>…</strong></p>`), `&amp;` and the like decoded.
fn strip_tags(p: &str) -> String {
    if !p.contains('<') {
        return p.to_owned();
    }
    let mut out = String::new();
    let mut rest = p;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) => {
                out.push(' ');
                rest = &rest[i + j + 1..];
            }
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&#39;", "'")
}

/// `**Référentiel RESPONSABLE DU …**` → `Responsable du …`.
fn clean_title(p: &str) -> String {
    // `<p><strong>Titre</strong></p>`: the tags of an HTML conversion are no part of it.
    let p = strip_tags(p);
    let t: String = p.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.trim_matches(|c: char| c == '*' || c == '#' || c.is_whitespace());
    let t = generic_lead(t).unwrap_or(t);
    let t = fiche_code(t).unwrap_or(t);
    let t = [
        "Référentiel de certification ",
        "Référentiel de compétences ",
        "Référentiel ",
        "REFERENTIEL ",
        "RÉFÉRENTIEL ",
        "Referentiel ",
        "TITRE PROFESSIONNEL ",
        "Titre professionnel ",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
    .unwrap_or(t);
    // `Référentiel — Agent de …`, `Référentiel : …`.
    let t = t.trim_start_matches(['—', '–', '-', ':', ' ']);
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.len() > 3 && upper * 10 >= letters.len() * 9 {
        // Shouted: sentence case.
        let lower = t.to_lowercase();
        let mut chars = lower.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        t.to_owned()
    }
}

/// A web page's path (`Accueil > Trouver une certification > …`, `Accueil › …`, `Accueil
/// » …`): navigation, no title.
fn breadcrumb(p: &str) -> bool {
    !p.contains('\n')
        && [" > ", " › ", " » "]
            .iter()
            .any(|sep| p.matches(sep).count() >= 2)
}

/// `RNCP38512 - Gestionnaire de paie`, `RS6712 - …`: a France compétences fiche's heading,
/// its code before the title.
fn fiche_code(t: &str) -> Option<&str> {
    let (code, rest) = [" - ", " – ", " — ", " : "]
        .iter()
        .find_map(|sep| t.split_once(sep))?;
    let upper = code.to_uppercase();
    let digits = upper
        .strip_prefix("RNCP")
        .or_else(|| upper.strip_prefix("RS"))?;
    let is_code = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    (is_code && !rest.trim().is_empty()).then(|| rest.trim())
}

/// `Titre professionnel de niveau 4`, `Certificat de qualification professionnelle
/// interbranches`: the kind of certification alone (perhaps with its level), above the
/// name of the trade, which is the title.
static KIND_ONLY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    super::label::pattern(
        r"^(?:titre(?: professionnel| certifie| a finalite professionnelle)?|certificat de qualification professionnelle(?: interbranches| interindustriel(?:le)?)?|cqpi?|brevet (?:professionnel|de maitrise|de technicien superieur)|bts|licence professionnelle|diplome d'etat|certification professionnelle)(?:,? (?:de )?niveau [0-9ivx]+)?\.?$",
    )
});

fn kind_only(p: &str) -> bool {
    let t = deunicode::deunicode(&strip_tags(p))
        .to_lowercase()
        .replace(['*', '#'], "");
    KIND_ONLY.is_match(&t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `Référentiel de certification` alone (a Markdown heading's `#` aside): the kind of
/// document, not its title.
fn generic_only(p: &str) -> bool {
    let mut words = p.trim_start_matches(['#', '*', ' ']).split_whitespace();
    words
        .next()
        .is_some_and(|w| deunicode::deunicode(w).to_lowercase() == "referentiel")
        && words.all(|w| w.chars().next().is_some_and(|c| !c.is_uppercase()))
}

/// The `title:` (or `titre:`) of a front matter (`---` lines around YAML keys), unquoted.
fn front_matter_title(p: &str) -> Option<String> {
    let mut lines = p.lines();
    if lines.next()?.trim() != "---" {
        return None;
    }
    lines
        .take_while(|l| l.trim() != "---")
        .find_map(|l| {
            let (key, value) = l.split_once(':')?;
            matches!(key.trim(), "title" | "titre").then(|| value.trim())
        })
        .map(|v| v.trim_matches(['"', '\'']).trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// `Référentiel de compétences et d'évaluation - Conducteur …`: a lead naming the kind of
/// document (`Référentiel` and lowercase words only) before a dash or colon; the title is
/// what follows.
fn generic_lead(t: &str) -> Option<&str> {
    let (lead, rest) = [" - ", " – ", " — ", " : "]
        .iter()
        .filter_map(|sep| t.split_once(sep))
        .min_by_key(|(lead, _)| lead.len())?;
    let mut words = lead.split_whitespace();
    let first = deunicode::deunicode(words.next()?).to_lowercase();
    let generic = first == "referentiel"
        && words.all(|w| w.chars().next().is_some_and(|c| !c.is_uppercase()));
    (generic && !rest.trim().is_empty()).then(|| rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_front_matter_names_the_title() {
        let before = [
            Some("---".to_owned()),
            Some("titre: \"CQP Technicien(ne) éolien\"".to_owned()),
            Some("version: 2".to_owned()),
            Some("---".to_owned()),
            None,
            Some("# Référentiel de compétences et d’évaluation".to_owned()),
        ];
        let (title, preamble) = title_and_preamble(&before);
        assert_eq!(title.as_deref(), Some("CQP Technicien(ne) éolien"));
        assert!(preamble.is_some_and(|p| p.contains("# Référentiel")));
        // Without it, a `#` heading naming only the kind of document is no title.
        assert!(generic_only("# Référentiel de compétences et d’évaluation"));
        assert_eq!(front_matter_title("titre: x"), None);
    }

    #[test]
    fn titles() {
        assert_eq!(
            clean_title("Référentiel RESPONSABLE DU DEVELOPPEMENT COMMERCIAL"),
            "Responsable du developpement commercial"
        );
        assert_eq!(
            clean_title("Référentiel — Agent de propreté"),
            "Agent de propreté"
        );
        assert_eq!(
            clean_title("Référentiel de compétences et d'évaluation - Conducteur livreur"),
            "Conducteur livreur"
        );
        assert_eq!(
            clean_title("Référentiel Vendeur - Conseiller"),
            "Vendeur - Conseiller"
        );
        assert_eq!(
            clean_title("<p><strong>Réceptionniste</strong></p>"),
            "Réceptionniste"
        );
        assert_eq!(
            clean_title("**Responsable de\ndéveloppement**"),
            "Responsable de développement"
        );
        assert_eq!(
            clean_title("RS6712 - Accompagner les personnes"),
            "Accompagner les personnes"
        );
        assert_eq!(clean_title("RSE - Démarche"), "RSE - Démarche");
    }

    #[test]
    fn the_kind_of_certification_alone_is_no_title() {
        let before = [
            Some("Titre professionnel de niveau 4".to_owned()),
            None,
            Some("Technicien de maintenance".to_owned()),
        ];
        let (title, preamble) = title_and_preamble(&before);
        assert_eq!(title.as_deref(), Some("Technicien de maintenance"));
        assert_eq!(preamble.as_deref(), Some("Titre professionnel de niveau 4"));
        assert!(kind_only(
            "**Certificat de qualification professionnelle interbranches**"
        ));
        assert!(!kind_only("Titre professionnel Agent de sûreté"));
    }

    #[test]
    fn a_page_path_is_no_title() {
        let before = [
            Some("Accueil > Trouver une certification > Répertoire spécifique".to_owned()),
            None,
            Some("RNCP38512 - Gestionnaire de paie".to_owned()),
        ];
        let (title, _) = title_and_preamble(&before);
        assert_eq!(title.as_deref(), Some("Gestionnaire de paie"));
        let saved = [
            Some("Accueil > Certifications > Conseiller".to_owned()),
            Some("Conseiller en séjours".to_owned()),
        ];
        let (title, preamble) = title_and_preamble(&saved);
        assert_eq!(title.as_deref(), Some("Conseiller en séjours"));
        assert_eq!(
            preamble.as_deref(),
            Some("Accueil > Certifications > Conseiller")
        );
        let chevrons = [
            Some("Accueil › Certifications › Référentiel".to_owned()),
            Some("Médiateur numérique".to_owned()),
        ];
        let (title, _) = title_and_preamble(&chevrons);
        assert_eq!(title.as_deref(), Some("Médiateur numérique"));
    }

    #[test]
    fn a_heading_right_over_its_lead_sentence_is_the_title() {
        let page = [
            Some("Certificat de spécialisation « Conduite d’un élevage ovin »".to_owned()),
            Some("Le certificat est composé de deux blocs de compétences, chacun évalué en situation professionnelle sur l’exploitation.".to_owned()),
        ];
        let (title, preamble) = title_and_preamble(&page);
        assert_eq!(
            title.as_deref(),
            Some("Certificat de spécialisation « Conduite d’un élevage ovin »")
        );
        assert!(preamble.is_some_and(|p| p.starts_with("Le certificat est composé")));
    }
}
