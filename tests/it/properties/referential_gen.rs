//! Random valid referentials.
//!
//! A strategy first draws a *shape*: the tree of blocs, activities, competences, criteria
//! and modalities, with references written as `Index`es (into the bloc's competences) and
//! IDs as a random stem and separator. [`build`] then turns the shape into a [`Ref`]: it
//! numbers the IDs with one serial for the whole referential (so IDs and their anchors
//! never collide), resolves the references, and repairs what would be invalid (a
//! competence without criterion or not evaluated by any modality). Shrinking works on the
//! shape, so a counterexample shrinks to a small tree.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use super::referential_model::{Ref, build};

/// How a text is written in YAML. A style that cannot hold the text (plain with a colon,
/// single-quoted with a newline) falls back to double quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// A Markdown text, already trimmed (lowering trims texts), and the style it is written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub style: Style,
}

impl Text {
    pub fn plain(value: &str) -> Text {
        Text {
            value: value.to_owned(),
            style: Style::Plain,
        }
    }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z]{1,8}",
        2 => "[a-zàâçéèêëîïôûùüœ]{1,8}",
        1 => "[0-9]{1,3}",
        2 => select(vec![
            "l'entreprise", "d’affaires", "C1.1", "50 %", "«", "»", "(RNCP)", "**gras**",
            "_souligné_", "`code`", "a: b", "#tag", "x & y", "<em>html</em>", "\"cité\"",
            "[lien](https://example.org)", "—", "1.", "-", "*", "?", "!", ";", ":", "{", "}",
            "[", "]", ",", "|", ">", "%", "@", "~", "\\", "---", "null", "true", "12/20",
        ])
        .prop_map(String::from),
    ]
}

fn line() -> impl Strategy<Value = String> {
    vec(word(), 1..5).prop_map(|w| w.join(" "))
}

fn style() -> impl Strategy<Value = Style> {
    select(vec![
        Style::Plain,
        Style::Single,
        Style::Double,
        Style::Literal,
    ])
}

/// A one-line text (titles, names).
pub fn short_text() -> impl Strategy<Value = Text> {
    (line(), style()).prop_map(|(value, style)| Text { value, style })
}

/// A Markdown text of one to three lines (competences, criteria, descriptions).
pub fn text() -> impl Strategy<Value = Text> {
    (vec(line(), 1..=3), style()).prop_map(|(lines, style)| Text {
        value: lines.join("\n"),
        style,
    })
}

/// An ID before numbering: `stem`, `sep` and the serial, then an optional `.tail`
/// (`C.12`, `Cr12`, `b_3.a`). Stems and tails are letters only, so that two IDs with
/// different serials never give the same anchor, nor one of the generated IDs
/// (`<parent>.cr<n>`, `<bloc>.E<n>`).
#[derive(Debug, Clone)]
pub struct IdShape {
    pub stem: String,
    pub sep: &'static str,
    pub tail: Option<String>,
}

fn id_shape() -> impl Strategy<Value = IdShape> {
    (
        "[A-Za-z]{1,3}",
        select(vec!["", ".", "_", "-"]),
        option::weighted(0.15, "[a-z]{1,2}"),
    )
        .prop_map(|(stem, sep, tail)| IdShape { stem, sep, tail })
}

/// A professional evaluation: its parts (title, points), points and minimum.
pub type Professional = (Vec<(Text, u32)>, u32, Option<u32>);

#[derive(Debug, Clone)]
pub struct RulesShape {
    pub threshold: Option<u32>,
    pub bloc_pass_percent: Option<u32>,
    pub total_points: Option<u32>,
    /// Share of the total (‰) when both are set; else points.
    pub pass_mark: Option<u32>,
    pub professional: Option<Professional>,
    pub partial: Option<bool>,
    pub exemptions: Option<bool>,
}

fn rules_shape() -> impl Strategy<Value = RulesShape> {
    let threshold = option::of(prop_oneof![Just(50u32), 0..=100u32]);
    let professional = option::of((vec((short_text(), 1..=100u32), 0..=2), 1..=300u32))
        .prop_flat_map(|p| {
            let max = p.as_ref().map_or(0, |(parts, points)| {
                if parts.is_empty() {
                    *points
                } else {
                    parts.iter().map(|x| x.1).sum()
                }
            });
            (Just(p), option::of(0..=max))
        })
        .prop_map(|(p, min)| p.map(|(parts, points)| (parts, points, min)));
    (
        threshold,
        option::of(0..=100u32),
        option::of(1..=1000u32),
        option::of(0..=1000u32),
        professional,
        option::of(any::<bool>()),
        option::of(any::<bool>()),
    )
        .prop_map(
            |(
                threshold,
                bloc_pass_percent,
                total_points,
                pass_mark,
                professional,
                partial,
                exemptions,
            )| {
                RulesShape {
                    threshold,
                    bloc_pass_percent,
                    total_points,
                    pass_mark,
                    professional,
                    partial,
                    exemptions,
                }
            },
        )
}

#[derive(Debug, Clone)]
pub struct CriterionShape {
    pub id: Option<IdShape>,
    pub text: Text,
    pub indicators: Vec<Text>,
    /// Written as a bare string when it has no ID and no indicators.
    pub short: bool,
}

fn criterion_shape() -> impl Strategy<Value = CriterionShape> {
    (
        option::of(id_shape()),
        text(),
        vec(short_text(), 0..=2),
        any::<bool>(),
    )
        .prop_map(|(id, text, indicators, short)| CriterionShape {
            id,
            text,
            indicators,
            short,
        })
}

#[derive(Debug, Clone)]
pub struct CompetenceShape {
    pub id: IdShape,
    pub text: Text,
    pub criteria: Vec<CriterionShape>,
}

#[derive(Debug, Clone)]
pub struct ActivityShape {
    pub id: IdShape,
    pub title: Text,
    pub competences: Vec<CompetenceShape>,
}

fn activity_shape() -> BoxedStrategy<ActivityShape> {
    let competence = (id_shape(), text(), vec(criterion_shape(), 0..=3))
        .prop_map(|(id, text, criteria)| CompetenceShape { id, text, criteria });
    (id_shape(), short_text(), vec(competence, 0..=3))
        .prop_map(|(id, title, competences)| ActivityShape {
            id,
            title,
            competences,
        })
        .boxed()
}

/// A reference from a modality: one competence of the bloc, or the bloc itself.
#[derive(Debug, Clone)]
pub enum EvalShape {
    Competence(Index),
    Bloc,
}

#[derive(Debug, Clone)]
pub struct ModalityShape {
    pub id: Option<IdShape>,
    pub title: Text,
    pub kind: &'static str,
    pub duration: Option<Text>,
    pub points: Option<u32>,
    pub description: Option<Text>,
    pub evaluates: Vec<EvalShape>,
    pub flow: bool,
}

pub const KINDS: &[&str] = &[
    "written",
    "oral",
    "case-study",
    "simulation",
    "project",
    "portfolio",
    "workplace",
    "continuous",
    "other",
];

fn modality_shape() -> impl Strategy<Value = ModalityShape> {
    let eval = prop_oneof![
        5 => any::<Index>().prop_map(EvalShape::Competence),
        1 => Just(EvalShape::Bloc),
    ];
    (
        option::of(id_shape()),
        short_text(),
        select(KINDS.to_vec()),
        option::of(short_text()),
        option::of(1..=100u32),
        option::of(text()),
        vec(eval, 1..=3),
        any::<bool>(),
    )
        .prop_map(
            |(id, title, kind, duration, points, description, evaluates, flow)| ModalityShape {
                id,
                title,
                kind,
                duration,
                points,
                description,
                evaluates,
                flow,
            },
        )
}

#[derive(Debug, Clone)]
pub struct BlocShape {
    pub id: IdShape,
    pub title: Text,
    pub points: Option<u32>,
    /// Minimum as a percentage of the points.
    pub minimum: Option<u32>,
    pub hours: Option<u32>,
    pub summary: Option<Text>,
    pub groups: Vec<(IdShape, Text, Option<Text>, Vec<ActivityShape>)>,
    pub activities: Vec<ActivityShape>,
    pub shared: Vec<(CriterionShape, Vec<Index>, bool)>,
    pub modalities: Vec<ModalityShape>,
    pub modules: Vec<(IdShape, Text, Option<u32>)>,
}

fn bloc_shape() -> BoxedStrategy<BlocShape> {
    let group = (
        id_shape(),
        short_text(),
        option::of(text()),
        vec(activity_shape(), 1..=2),
    );
    let shared = (criterion_shape(), vec(any::<Index>(), 1..=3), any::<bool>());
    let module = (id_shape(), short_text(), option::of(1..=200u32));
    (
        (
            id_shape(),
            short_text(),
            option::of(1..=200u32),
            option::weighted(0.3, 0..=100u32),
            option::of(1..=300u32),
            option::weighted(0.3, text()),
        ),
        vec(group, 0..=1),
        vec(activity_shape(), 0..=2),
        vec(shared, 0..=2),
        vec(modality_shape(), 0..=2),
        vec(module, 0..=2),
    )
        .prop_map(
            |(
                (id, title, points, minimum, hours, summary),
                groups,
                activities,
                shared,
                modalities,
                modules,
            )| {
                BlocShape {
                    id,
                    title,
                    points,
                    minimum,
                    hours,
                    summary,
                    groups,
                    activities,
                    shared,
                    modalities,
                    modules,
                }
            },
        )
        .boxed()
}

#[derive(Debug, Clone)]
pub struct MetaShape {
    pub file: String,
    pub title: Text,
    pub rncp: Option<u32>,
    pub level: Option<u8>,
    pub certifier: Option<Text>,
    pub version: Option<(u32, u32, u32)>,
    pub language: Option<&'static str>,
    pub source_url: Option<String>,
    pub preamble: Option<Text>,
    pub notes: Option<Text>,
    /// `rules:` is written even when every rule is absent.
    pub empty_rules: bool,
}

fn meta_shape() -> impl Strategy<Value = MetaShape> {
    (
        (
            "[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?",
            short_text(),
            option::of(10000..99999u32),
            option::of(1..=8u8),
            option::of(short_text()),
            option::of((2000..2100u32, 1..=12u32, 1..=28u32)),
        ),
        (
            option::of(select(vec!["fr", "en"])),
            option::of("[a-z]{1,8}"),
            option::of(text()),
            option::of(text()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (file, title, rncp, level, certifier, version),
                (language, url, preamble, notes, empty_rules),
            )| {
                MetaShape {
                    file,
                    title,
                    rncp,
                    level,
                    certifier,
                    version,
                    language,
                    source_url: url.map(|u| format!("https://example.org/{u}")),
                    preamble,
                    notes,
                    empty_rules,
                }
            },
        )
}

/// A random valid referential.
pub fn referential() -> BoxedStrategy<Ref> {
    (meta_shape(), rules_shape(), vec(bloc_shape(), 1..=3))
        .prop_map(|(meta, rules, blocs)| build(meta, rules, blocs))
        .boxed()
}
