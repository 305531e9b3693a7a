#!/usr/bin/env python3
"""refolio's build side by side with Hugo's and Zola's, at the same number of Markdown pages.

Builds the release binaries (unless `--refolio` and `--synth` name binaries to use), generates
a synthetic site with the `synth` example (unless it exists; `--size example` uses the bundled
example site at the repository root) and builds it once to learn its page count P. Then writes,
for each peer (unless one with P pages is already there), a site with exactly P Markdown content
pages made of the synthetic site's own evidence files: taken in sorted order, cycling when P
exceeds their count, each keeping its title, date and Markdown body. The pages are spread over
sections of at most 100 pages (`content/s0000/p00000.md`, ...), so that no list page is huge;
minimal templates (no theme), no feeds, sitemap, taxonomies or search index, and class-based
code highlighting, as refolio does. Hugo and Zola get the same pages.

Then, `--runs` times, the tools take turns in the same order (refolio, Hugo, Zola, refolio,
...), each building into a fresh output folder under `--out-base` that did not exist before
(deleted after the run, before the next timing starts): wall time (monotonic clock), CPU time
(user + system) and peak resident memory (GNU time, `/usr/bin/time`). A peer's HTML page count
is P content pages + the section lists + the home page; each tool's pages per second use its
own page count, and its CPU per page its own count too.

Prints a Markdown table (pages, median wall, pages per second, median CPU, CPU per page, peak
memory per tool), the ratio of refolio's rate to each peer's, and the peers' versions. A peer
that is not installed is skipped with a message (Hugo: `apt-get install hugo`; Zola is in no
registry: build it from source, `cargo build --release` in its repository, and pass
`--zola PATH`, or put `zola` on the PATH).

Presets (`--size`, default small): example = the bundled site; small = 50 referentials,
500 candidates, 10 evidence files each; medium = 500, 5000, 10; national = 5500, 50000, 10.
Explicit `--referentials/--candidates/--evidence/--seed` override the preset's figures.

Only the standard library; run from the repository root:

    scripts/bench-peers.py --size small --runs 5 --zola /path/to/zola
    scripts/bench-peers.py --size medium --out-base /dev/shm --tools zola
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import PRESETS, SUMMARY, prepare, run_timed, site_spec, tail

SECTION_SIZE = 100
MARKER = ".refolio-bench-pages"  # in a peer's site: the page count it was generated for

HUGO_TOML = """\
baseURL = "http://localhost/"
languageCode = "fr"
title = "refolio benchmark (Hugo)"
pluralizeListTitles = false
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]

[markup.goldmark.renderer]
unsafe = false

[markup.highlight]
noClasses = false
"""

LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a></nav></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></p>{{ end }}
{{ .Content }}
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} pages)</li>
{{ end }}</ul>
{{ end }}
""",
}

STYLE = """\
body { max-width: 50rem; margin: 0 auto; padding: 1rem; font-family: sans-serif; line-height: 1.5; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.25rem 0.5rem; }
pre { overflow-x: auto; padding: 0.5rem; background: #f6f6f6; }
.chroma .k { font-weight: bold; }
.chroma .s { color: #a31515; }
"""


ZOLA_TOML = """\
base_url = "http://localhost"
title = "refolio benchmark (Zola)"
default_language = "fr"
compile_sass = false
build_search_index = false
generate_feeds = false
generate_sitemap = false
generate_robots_txt = false

[markdown.highlighting]
style = "class"
theme = "github-light"
"""

ZOLA_TEMPLATES = {
    "base.html": """\
<!DOCTYPE html>
<html lang="{{ config.default_language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock %}</title>
<link rel="stylesheet" href="{{ get_url(path='style.css') }}">
</head>
<body>
<header><nav><a href="{{ config.base_url }}">{{ config.title }}</a></nav></header>
<main>
{% block main %}{% endblock %}
</main>
<footer><p>{{ config.title }}</p></footer>
</body>
</html>
""",
    "page.html": """\
{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock %}
{% block main %}
<article>
<h1>{{ page.title }}</h1>
{% if page.date %}<p><time datetime="{{ page.date }}">{{ page.date }}</time></p>{% endif %}
{{ page.content | safe }}
</article>
{% endblock %}
""",
    "section.html": """\
{% extends "base.html" %}
{% block title %}{{ section.title }} · {{ config.title }}{% endblock %}
{% block main %}
<h1>{{ section.title }}</h1>
<ul>
{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>
{% endfor %}</ul>
{% endblock %}
""",
    "index.html": """\
{% extends "base.html" %}
{% block main %}
<h1>{{ config.title }}</h1>
<ul>
{% for path in section.subsections %}{% set sub = get_section(path=path) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a> ({{ sub.pages | length }} pages)</li>
{% endfor %}</ul>
{% endblock %}
""",
}


def timed(cmd, workdir, name, env=None):
    """Runs `cmd` with stdout and stderr to files in `workdir` (deleted afterwards); returns
    {wall, user, sys, cpu, max_rss_kb, stdout_tail, stderr_lines, warnings, stderr_head}."""
    stdout_path = os.path.join(workdir, name + ".stdout")
    stderr_path = os.path.join(workdir, name + ".stderr")
    time_path = os.path.join(workdir, "time.txt")
    print("+", " ".join(cmd), f"> {stdout_path} 2> {stderr_path}", file=sys.stderr)
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        code, wall, user, system, rss = run_timed(cmd, out, err, time_path, env)
    stderr_lines, warnings, stderr_head = 0, 0, []
    with open(stderr_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            stderr_lines += 1
            warnings += ": warning:" in line or line.startswith("WARN")
            if len(stderr_head) < 5:
                stderr_head.append(line.rstrip())
    last = tail(stdout_path, 4)
    if code != 0:
        print(f"command failed with exit code {code}; end of its stderr:", file=sys.stderr)
        print("".join(tail(stderr_path, 30)), file=sys.stderr)
        sys.exit(1)
    os.remove(stdout_path)
    os.remove(stderr_path)
    return {"wall": wall, "user": user, "sys": system, "cpu": user + system, "max_rss_kb": rss,
            "stdout_tail": last, "stderr_lines": stderr_lines, "warnings": warnings,
            "stderr_head": stderr_head}


def refolio_pages(run):
    for line in reversed(run["stdout_tail"]):
        if m := SUMMARY.search(line.strip()):
            return int(m.group(1))
    sys.exit("no summary line at the end of refolio's build output")


def count_html(folder):
    return sum(name.endswith(".html") for _, _, names in os.walk(folder) for name in names)


def unquote(value):
    """A YAML scalar as written in simple front matter: plain, 'single' or "double" quoted."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return json.loads(value)
        except ValueError:
            return value[1:-1]
    return value.split(" #", 1)[0].strip()


def split_evidence(text):
    """(title, date, body) of an evidence file: simple line-based front matter parsing."""
    title, date, body = None, None, text
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                for line in lines[1:i]:
                    if line.startswith("title:"):
                        title = unquote(line[6:])
                    elif line.startswith("date:"):
                        date = unquote(line[5:])
                body = "\n".join(lines[i + 1:])
                break
    return title, date, body


def write_pages(peer_site, site, pages, tool):
    """The content of a peer's site: `pages` pages made of `site`'s evidence Markdown, and a
    titled `_index.md` per section (Zola needs one to render a section; Hugo takes its title)."""
    marker = os.path.join(peer_site, MARKER)
    if os.path.exists(peer_site):
        if os.listdir(peer_site) and not os.path.exists(marker):
            sys.exit(f"{peer_site} exists and was not written by this script: choose another --{tool}-site")
        print(f"+ rm -rf {peer_site}", file=sys.stderr)
        shutil.rmtree(peer_site)
    os.makedirs(os.path.join(peer_site, "content"))
    candidates = os.path.join(site, "content", "candidates")
    sources = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(candidates)
        if os.path.basename(root) == "preuves"
        for name in names if name.endswith(".md"))
    if not sources:
        sys.exit(f"no evidence Markdown under {candidates}/*/preuves")
    print(f"+ writing {pages} {tool} pages from {len(sources)} evidence files to {peer_site}", file=sys.stderr)
    started = time.perf_counter()
    with open(os.path.join(peer_site, "content", "_index.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: Accueil\n---\n")
    for n in range(pages):
        source = sources[n % len(sources)]
        with open(source, encoding="utf-8") as f:
            title, date, body = split_evidence(f.read())
        if title is None:
            title = os.path.splitext(os.path.basename(source))[0]
        front = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
        if date:
            front.append(f"date: {json.dumps(date, ensure_ascii=False)}")
        front.append("---")
        section = os.path.join(peer_site, "content", f"s{n // SECTION_SIZE:04d}")
        if n % SECTION_SIZE == 0:
            os.makedirs(section)
            with open(os.path.join(section, "_index.md"), "w", encoding="utf-8") as f:
                f.write(f"---\ntitle: s{n // SECTION_SIZE:04d}\n---\n")
        with open(os.path.join(section, f"p{n:05d}.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(front) + "\n" + body)
    with open(marker, "w") as f:
        f.write(f"{pages}\n")
    os.sync()
    print(f"  written in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def write_config(peer_site, files):
    """A peer's configuration, templates and stylesheet: rewritten every time, they are few."""
    for path, text in files.items():
        path = os.path.join(peer_site, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


HUGO_FILES = {"hugo.toml": HUGO_TOML, "static/style.css": STYLE,
              **{f"layouts/{path}": text for path, text in LAYOUTS.items()}}
ZOLA_FILES = {"config.toml": ZOLA_TOML, "static/style.css": STYLE,
              **{f"templates/{path}": text for path, text in ZOLA_TEMPLATES.items()}}


def recorded_pages(peer_site):
    try:
        with open(os.path.join(peer_site, MARKER)) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


class Peer:
    """A tool measured against refolio: where its site is, how to write and build it."""

    def __init__(self, name, binary, site, files, version, build, env=None, extra=0):
        self.name, self.binary, self.site, self.files = name, binary, site, files
        # `extra`: pages the tool always writes beyond content, sections and home.
        self.version, self.build, self.env, self.extra = version, build, env, extra


def peers(args, label):
    """The peers asked for (`--tools`) that are installed; a message for each one missing."""
    found = []
    for name in args.tools.split(","):
        name = name.strip()
        if name == "hugo":
            hugo = shutil.which("hugo")
            if hugo is None:
                print("hugo not found: install it (apt-get install hugo) to compare with it; skipping it")
                continue
            site = os.path.abspath(args.hugo_site or f"/tmp/refolio-hugo-{label}")
            hugo_help = subprocess.run([hugo, "help"], capture_output=True, text=True).stdout
            lock = ["--noBuildLock"] if "--noBuildLock" in hugo_help else []
            found.append(Peer(
                "hugo", hugo, site, HUGO_FILES,
                subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip(),
                lambda out, hugo=hugo, site=site, lock=lock: [
                    hugo, "--source", site, "--destination", out, "--quiet", *lock],
                # Hugo's file cache goes into its site rather than a new folder under $TMPDIR.
                {**os.environ, "HUGO_CACHEDIR": os.path.join(site, ".hugo-cache")}))
        elif name == "zola":
            zola = args.zola or shutil.which("zola")
            if zola is None or not os.access(zola, os.X_OK):
                print("zola not found: build it from its source (github.com/getzola/zola, "
                      "`cargo build --release`) and pass --zola PATH; skipping it")
                continue
            zola = os.path.abspath(zola)
            site = os.path.abspath(args.zola_site or f"/tmp/refolio-zola-{label}")
            found.append(Peer(
                "zola", zola, site, ZOLA_FILES,
                subprocess.run([zola, "--version"], capture_output=True, text=True).stdout.strip(),
                lambda out, zola=zola, site=site: [zola, "--root", site, "build", "--output-dir", out],
                extra=1))  # its 404.html
        else:
            sys.exit(f"unknown tool `{name}` in --tools: hugo, zola")
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=list(PRESETS), default="small", help="preset site size (default: %(default)s)")
    ap.add_argument("--referentials", type=int)
    ap.add_argument("--candidates", type=int)
    ap.add_argument("--evidence", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tools", default="hugo,zola", help="peers to measure, comma-separated (default: %(default)s)")
    ap.add_argument("--zola", help="the zola binary (default: zola on the PATH)")
    ap.add_argument("--refolio", help="the refolio binary to measure, instead of building target/release/refolio")
    ap.add_argument("--synth", help="the synth example binary, instead of building target/release/examples/synth")
    ap.add_argument("--site", help="refolio site folder (default: /tmp/refolio-bench-R-C-E; the repository root for --size example)")
    ap.add_argument("--hugo-site", help="Hugo site folder (default: /tmp/refolio-hugo-R-C-E)")
    ap.add_argument("--zola-site", help="Zola site folder (default: /tmp/refolio-zola-R-C-E)")
    ap.add_argument("--out-base", default="/tmp/refolio-timing-out",
                    help="where the outputs go, each run in a fresh folder (default: %(default)s)")
    ap.add_argument("--pause", type=float, default=1.0,
                    help="seconds to wait after deleting an output, before the next timing (default: %(default)s)")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    site, counts, _ = site_spec(args)
    label = "-".join(map(str, counts)) if counts else "example"
    tools = peers(args, label)
    if not tools:
        print("no peer to compare with; nothing measured")
        return
    refolio = os.path.abspath(args.refolio) if args.refolio else "target/release/refolio"
    synth = os.path.abspath(args.synth) if args.synth else None
    out_base = os.path.abspath(args.out_base)
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    prepare(site, counts, args.seed, args.refolio, synth)

    created_base = not os.path.exists(out_base)
    os.makedirs(out_base, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="refolio-bench-peers-", dir=out_base)
    runs = {"refolio": [], **{p.name: [] for p in tools}}

    def refolio_build(name):
        out = os.path.join(workdir, name)
        run = timed([refolio, "--root", site, "build", "-o", out, "--timings"], workdir, name)
        run["pages"] = refolio_pages(run)
        return out, run

    def clean(out, last):
        print(f"+ rm -rf {out}", file=sys.stderr)
        shutil.rmtree(out)
        os.sync()
        if not last:
            time.sleep(args.pause)

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    try:
        out, run = refolio_build("refolio-count")
        pages = run["pages"]
        clean(out, False)
        for peer in tools:
            if recorded_pages(peer.site) != pages:
                write_pages(peer.site, site, pages, peer.name)
            else:
                print(f"+ reusing {peer.site} ({pages} content pages)", file=sys.stderr)
            write_config(peer.site, peer.files)
        time.sleep(args.pause)

        for n in range(1, args.runs + 1):
            out, run = refolio_build(f"refolio-{n}")
            runs["refolio"].append(run)
            clean(out, False)
            for k, peer in enumerate(tools):
                out = os.path.join(workdir, f"{peer.name}-{n}")
                run = timed(peer.build(out), workdir, f"{peer.name}-{n}", env=peer.env)
                run["pages"] = count_html(out)  # outside the timing
                runs[peer.name].append(run)
                clean(out, n == args.runs and k == len(tools) - 1)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if created_base:
            try:
                os.rmdir(out_base)
            except OSError:
                pass

    sections = -(-pages // SECTION_SIZE)
    expected = pages + sections + 1
    rates = {}
    print()
    print(f"refolio site: {site} ({label}); peers' sites: "
          + ", ".join(f"{p.name} {p.site}" for p in tools)
          + f" ({pages} content pages in {sections} sections); {args.runs} run(s), outputs under {out_base}")
    print(f"machine: nproc {len(os.sched_getaffinity(0))}, load average before the runs {load}, "
          f"after {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| tool | pages | median wall s | pages/s | median CPU s (user+sys) | user CPU ms/page | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for tool, mine in runs.items():
        counted = sorted({r["pages"] for r in mine})
        if len(counted) > 1:
            print(f"warning: {tool}'s page count differed between runs: {counted}", file=sys.stderr)
        wall = statistics.median(r["wall"] for r in mine)
        rates[tool] = counted[-1] / wall
        user = statistics.median(r["user"] for r in mine)
        print(f"| {tool} | {counted[-1]} | {wall:.3f} | {rates[tool]:.0f} | "
              f"{statistics.median(r['cpu'] for r in mine):.2f} | {1000 * user / counted[-1]:.3f} | "
              f"{max(r['max_rss_kb'] for r in mine) / 1024:.0f} |")
    print()
    for peer in tools:
        print(f"ratio (refolio pages/s ÷ {peer.name} pages/s): {rates['refolio'] / rates[peer.name]:.2f}"
              f"   ({peer.version})")
        if runs[peer.name][0]["pages"] != expected + peer.extra:
            print(f"note: {peer.name} wrote {runs[peer.name][0]['pages']} HTML pages, expected "
                  f"{expected + peer.extra} ({pages} content + {sections} sections + home"
                  + (" + 404" if peer.extra else "") + ")")
    first = {tool: mine[0] for tool, mine in runs.items()}
    print("stderr per build: " + "; ".join(
        f"{tool} {r['stderr_lines']} line(s), {r['warnings']} warning(s)" for tool, r in first.items()))
    for peer in tools:
        if first[peer.name]["stderr_lines"]:
            print(f"{peer.name}'s first stderr lines:\n"
                  + "\n".join("    " + l for l in first[peer.name]["stderr_head"]))


if __name__ == "__main__":
    main()
