//! Code highlighting for evidence: syntect's bundled grammars (pure-Rust regex), output as
//! CSS classes (`hl-…`) so one stylesheet gives the light and the dark theme and pages stay
//! small. Unknown languages are shown as plain, escaped code.

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Prefix of every class the highlighter writes; the sanitiser keeps only these.
pub const CLASS_PREFIX: &str = "hl-";
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: CLASS_PREFIX,
};

/// The grammars, loaded once per build.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
        }
    }
}

impl Highlighter {
    /// The code as HTML spans, or `None` when the language is unknown.
    pub fn highlight(&self, code: &str, language: &str) -> Option<String> {
        let token = language.split([',', ' ']).next()?.trim();
        let syntax = self
            .syntaxes
            .find_syntax_by_token(token)
            .or_else(|| self.syntaxes.find_syntax_by_extension(token))?;
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, STYLE);
        for line in LinesWithEndings::from(code) {
            // A grammar failing on odd input must not fail the build: show it plain.
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }
}

/// The highlighting stylesheet: a light theme (also for print), and a dark one under
/// `prefers-color-scheme: dark`. Each theme is scoped to its scheme, so none of the light
/// theme's rules leaks into the dark one, and its colours are made legible.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok())
            .map(|css| legible(&css))
            .unwrap_or_default()
    };
    format!(
        "/* Code highlighting (syntect). */\n@media not all and (prefers-color-scheme: dark), print {{\n{}\n}}\n@media screen and (prefers-color-scheme: dark) {{\n{}\n}}\n",
        css("InspiredGitHub"),
        css("base16-ocean.dark")
    )
}

/// The contrast WCAG 1.4.3 asks of normal text.
const MIN_CONTRAST: f64 = 4.5;

/// A theme's CSS with every text colour darkened or lightened until it contrasts
/// [`MIN_CONTRAST`] to one with its background (the rule's own, else the code block's):
/// syntect's themes have comments and constants at 3:1 or less.
fn legible(css: &str) -> String {
    let colour = |rule: &str, property: &str| {
        rule.split(';').find_map(|declaration| {
            let (name, value) = declaration.split_once(':')?;
            let name = name.trim().rsplit(['{', '\n']).next()?.trim();
            (name == property)
                .then(|| parse_hex(value.trim()))
                .flatten()
        })
    };
    let base = css
        .split('}')
        .find(|rule| rule.contains(".hl-code {") || rule.contains(".hl-code{"))
        .and_then(|rule| colour(rule, "background-color"))
        .unwrap_or((255, 255, 255));
    let mut out = String::with_capacity(css.len());
    for (i, rule) in css.split('}').enumerate() {
        if i > 0 {
            out.push('}');
        }
        let Some(fg) = colour(rule, "color") else {
            out.push_str(rule);
            continue;
        };
        let better = with_contrast(fg, colour(rule, "background-color").unwrap_or(base));
        let declarations: Vec<String> = rule
            .split(';')
            .map(|declaration| match declaration.split_once(':') {
                Some((name, _))
                    if name.rsplit(['{', '\n']).next().map(str::trim) == Some("color") =>
                {
                    format!("{name}: {}", hex(better))
                }
                _ => declaration.to_owned(),
            })
            .collect();
        out.push_str(&declarations.join(";"));
    }
    out
}

type Rgb = (u8, u8, u8);

fn parse_hex(value: &str) -> Option<Rgb> {
    let digits = value.strip_prefix('#').filter(|d| d.len() == 6)?;
    let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Relative luminance (WCAG 2.1).
fn luminance((r, g, b): Rgb) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg`, or the first mix of it with black (on a light background) or white (on a dark
/// one), in 5 % steps, that contrasts enough with `bg`.
fn with_contrast(fg: Rgb, bg: Rgb) -> Rgb {
    let target = if luminance(bg) > 0.18 { 0.0 } else { 255.0 };
    let mix = |c: u8, t: f64| (f64::from(c) + (target - f64::from(c)) * t).round() as u8;
    (0..=20)
        .map(|step| f64::from(step) / 20.0)
        .map(|t| (mix(fg.0, t), mix(fg.1, t), mix(fg.2, t)))
        .find(|&c| contrast(c, bg) >= MIN_CONTRAST)
        .unwrap_or(fg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_and_code_is_escaped() {
        let h = Highlighter::default();
        let html = h.highlight("SELECT '<b>' FROM t;\n", "sql").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"));
        assert!(h.highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn the_stylesheet_has_a_dark_theme() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }

    #[test]
    fn every_colour_contrasts_enough_with_its_background() {
        let css = stylesheet();
        let (light, dark) = css.split_once("@media screen").unwrap();
        for (theme, bg) in [(light, (255, 255, 255)), (dark, (0x2b, 0x30, 0x3b))] {
            for rule in theme.split('}').filter(|r| !r.contains("background-color")) {
                for value in rule.split("color:").skip(1) {
                    let fg = parse_hex(value.split(';').next().unwrap().trim()).unwrap();
                    assert!(contrast(fg, bg) >= MIN_CONTRAST, "{rule}");
                }
            }
        }
        // InspiredGitHub's comments (#969896, 2.9:1 on white) come out darker.
        assert_eq!(
            with_contrast((0x96, 0x98, 0x96), (255, 255, 255)),
            (0x71, 0x72, 0x71)
        );
        assert_eq!(
            with_contrast((0x18, 0x36, 0x91), (255, 255, 255)),
            (0x18, 0x36, 0x91)
        );
    }
}
