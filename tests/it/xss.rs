//! Hostile content: every text field of a small site (referential texts, passport fields,
//! evidence front matter and body) holds one payload of a corpus at a time. The built pages
//! are parsed as a browser would and must carry no script, no event handler, no dangerous
//! URL and no active element; template syntax must come out as text. Every page also
//! carries a Content-Security-Policy that forbids scripts.

use crate::common;
use std::path::Path;

use common::{Scratch, fixture, sel};
use refolio::diagnostics::Severity;
use refolio::output::MemoryOutput;
use scraper::{ElementRef, Html};

/// Script tags, event handlers, `javascript:`/`data:`/`vbscript:` URLs in HTML and in
/// Markdown, SVG and MathML, attribute breaking, mutation-XSS shapes, and template syntax.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<script>/*",
    "*/</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x` ` onerror=alert(1)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<img srcset=\"javascript:alert(1) 1x\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](  javascript:alert(1)  )",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<https://example.org/\" onmouseover=\"alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"data:text/html,<script>alert(1)</script>\">",
    "<body onload=alert(1)>",
    "<div onmouseover=\"alert(1)\">x</div>",
    "<details open ontoggle=alert(1)>",
    "<input onfocus=alert(1) autofocus>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<template><script>alert(1)</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" onfocus=\"alert(1)\" autofocus=\"",
    "' onfocus='alert(1)' autofocus='",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "```html\n<script>alert(1)</script>\n```",
    "{{ 7 * 7 }}",
    "{{ site }}{{ __tera_context }}",
    "{% for i in [1, 2] %}loop{% endfor %}",
    "{% raw %}{{ x }}{% endraw %}",
    "{# a comment #}",
    "{{",
];

/// Elements no page of a built site has, whatever the content.
const FORBIDDEN_ELEMENTS: &str = "script, iframe, frame, object, embed, applet, base, form, \
    input, button, textarea, select, style, template, noscript, svg, math, meta[http-equiv=refresh], \
    link:not([rel=stylesheet])";

/// Attributes whose value is a URL a browser may follow or load.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "cite",
];

/// The fixture with `@P@` replaced: JSON-quoted in YAML (a valid YAML double-quoted
/// scalar), as written in Markdown.
fn site_with(payload: &str) -> Scratch {
    let scratch = Scratch::of("xss");
    let quoted = serde_json::to_string(payload).unwrap();
    for file in [
        "content/referentials/ref.yaml",
        "content/candidates/zoe/passport.yaml",
        "content/candidates/zoe/preuves/preuve.md",
    ] {
        let path = scratch.root().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let (front, body) = match text.rfind("\n---\n") {
            Some(i) if file.ends_with(".md") => text.split_at(i),
            _ => (text.as_str(), ""),
        };
        let written = front.replace("@P@", &quoted) + &body.replace("@P@", payload);
        std::fs::write(&path, written).unwrap();
    }
    scratch
}

fn build(root: &Path) -> MemoryOutput {
    let checked = refolio::check(root).unwrap();
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.headline())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    refolio::render_to_memory(root, &checked).unwrap()
}

/// A URL with the characters browsers ignore removed, lowercased: what its scheme is.
fn normalised(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What is wrong with one element, if anything.
fn dangers(element: ElementRef<'_>) -> Vec<String> {
    let mut found = Vec::new();
    for (name, value) in element.value().attrs() {
        let name = name.to_ascii_lowercase();
        if name.starts_with("on") || name == "srcdoc" || name == "style" {
            found.push(format!("attribute {name}={value:?}"));
        }
        if URL_ATTRIBUTES.contains(&name.as_str()) {
            let url = normalised(value);
            // srcset holds several URLs; any of them counts.
            let urls = url.split(',').map(str::trim);
            if urls.into_iter().any(|u| {
                ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| u.starts_with(s))
            }) {
                found.push(format!("{name}={value:?}"));
            }
        }
    }
    found
}

/// Every problem in every HTML page of `out`, as `page: problem`.
/// The one script element of the site, on its search page.
const SEARCH_SCRIPT: &str = r#"<script defer="" src="search.js"></script>"#;

/// A search index is one call with one JSON argument: content in it is data, never code.
fn index_problem(path: &str, bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let json = text
        .strip_prefix("refolioSearch(")
        .and_then(|t| t.strip_suffix(");\n"));
    match json.map(serde_json::from_str::<serde_json::Value>) {
        Some(Ok(serde_json::Value::Object(_))) => None,
        _ => Some(format!("{path}: not a single call with a JSON object")),
    }
}

/// Whether `e` is the site's own search form, or the search page's script and its
/// `<noscript>` note: each exactly as the templates write it.
fn is_site_search(path: &str, e: scraper::ElementRef) -> bool {
    let own_form = |f: scraper::ElementRef| {
        let action = f.value().attr("action").unwrap_or("");
        f.value().name() == "form"
            && f.value().attr("method") == Some("get")
            && action.trim_start_matches("../") == "search.html"
    };
    match e.value().name() {
        "script" => path == "search.html" && e.html() == SEARCH_SCRIPT,
        "noscript" => {
            let parent = e.parent().and_then(scraper::ElementRef::wrap);
            path == "search.html"
                && parent.is_some_and(|p| p.value().id() == Some("rf-search-status"))
        }
        "form" => own_form(e),
        "input" | "button" | "select" => e
            .ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find(|a| a.value().name() == "form")
            .is_some_and(own_form),
        _ => false,
    }
}

/// The page's own canonical link, which the template writes from the fixture's `base_url`:
/// exactly one, naming this page, nothing else in the element.
fn is_canonical(path: &str, e: scraper::ElementRef<'_>) -> bool {
    let v = e.value();
    v.name() == "link"
        && v.attr("rel") == Some("canonical")
        && v.attr("href") == Some(format!("https://example.org/{path}").as_str())
        && v.attrs().count() == 2
}

fn unsafe_parts(out: &MemoryOutput) -> Vec<String> {
    let forbidden = sel(FORBIDDEN_ELEMENTS);
    let any = sel("*");
    let mut problems = Vec::new();
    for (path, bytes) in &out.files {
        if path.ends_with("search-index.js") {
            problems.extend(index_problem(path, bytes));
        }
        if !path.ends_with(".html") {
            continue;
        }
        let page = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for e in page.select(&forbidden) {
            if is_site_search(path, e) || is_canonical(path, e) {
                continue;
            }
            problems.push(format!("{path}: element {}", e.html()));
        }
        for e in page.select(&any) {
            problems.extend(dangers(e).into_iter().map(|d| format!("{path}: {d}")));
        }
    }
    problems
}

#[test]
fn payloads_in_every_field_come_out_inert() {
    let mut failures = Vec::new();
    for payload in PAYLOADS {
        let scratch = site_with(payload);
        let out = build(scratch.root());
        let problems = unsafe_parts(&out);
        if !problems.is_empty() {
            failures.push(format!("{payload:?}:\n  {}", problems.join("\n  ")));
        }
        // Plain-text fields show the payload exactly, as text.
        let evidence = Html::parse_document(
            std::str::from_utf8(&out.files["candidates/zoe/preuves/preuve.html"]).unwrap(),
        );
        let title: String = evidence.select(&sel("h1")).flat_map(|h| h.text()).collect();
        if title.trim() != payload.trim() {
            failures.push(format!(
                "{payload:?}: evidence title shows {title:?}, not the text as written"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(PAYLOADS.len() >= 50);
}

#[test]
fn template_syntax_in_content_is_shown_as_text() {
    for payload in ["{{ 7 * 7 }}", "{% for i in [1, 2] %}loop{% endfor %}"] {
        let scratch = site_with(payload);
        let out = build(scratch.root());
        for path in [
            "ref/index.html",
            "candidates/zoe/index.html",
            "candidates/zoe/preuves/preuve.html",
        ] {
            let page = std::str::from_utf8(&out.files[path]).unwrap();
            let text: String = Html::parse_document(page).root_element().text().collect();
            assert!(text.contains(payload), "{path} does not show {payload:?}");
            assert!(!text.contains("49") && !text.contains("looploop"), "{path}");
        }
    }
}

#[test]
fn every_page_forbids_scripts_through_its_content_security_policy() {
    let out = common::build_in_memory(&fixture("valid"));
    let candidates = common::build_in_memory(&fixture("candidates"));
    let meta = sel("head > meta[http-equiv=Content-Security-Policy]");
    let mut pages = 0;
    for (path, bytes) in out.files.iter().chain(&candidates.files) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let page = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let policies: Vec<&str> = page
            .select(&meta)
            .filter_map(|m| m.value().attr("content"))
            .collect();
        assert_eq!(policies.len(), 1, "{path}");
        let directives: Vec<&str> = policies[0].split(';').map(str::trim).collect();
        assert!(
            directives.contains(&"default-src 'none'"),
            "{path}: {directives:?}"
        );
        let scripts: Vec<&&str> = directives
            .iter()
            .filter(|d| d.starts_with("script-src"))
            .collect();
        if path == "search.html" {
            // Its own script and the index files, all from the site.
            assert_eq!(scripts, [&"script-src 'self'"], "{path}");
        } else {
            assert!(
                scripts.is_empty(),
                "{path}: scripts must fall back to default-src 'none': {directives:?}"
            );
        }
    }
    assert!(pages > 20, "{pages} pages");
}

#[test]
fn the_checker_flags_what_a_browser_would_run() {
    let bad = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=' JaVa\tScript:alert(1)'>x</a>",
        "<img srcset='a.png 1x, data:image/svg+xml,x 2x'>",
        "<p style='color:red'>x</p>",
        "<iframe srcdoc='x'></iframe>",
        "<svg><a xlink:href='javascript:alert(1)'>x</a></svg>",
        "<meta http-equiv=refresh content='0;url=x'>",
        "<link rel=import href=x>",
    ];
    for html in bad {
        let mut out = MemoryOutput::default();
        out.files
            .insert("page.html".into(), html.as_bytes().to_vec());
        assert!(!unsafe_parts(&out).is_empty(), "{html} not flagged");
    }
    let mut fine = MemoryOutput::default();
    fine.files.insert(
        "page.html".into(),
        b"<link rel=stylesheet href=style.css><a href='https://example.org/'>x</a><img src='a.png' alt=''>".to_vec(),
    );
    assert_eq!(unsafe_parts(&fine), Vec::<String>::new());
}
