#!/usr/bin/env python3
"""What the build cache saves: `refolio build` after each kind of edit, against the full
cold build.

Builds the release binaries and generates a synthetic site with the `synth` example (unless
it exists; see docs/synthetic-content.md), then measures, each as a whole process (wall
time, user and system CPU, peak resident memory, from GNU time or the kernel):

- full: `build --no-cache` into an output folder that does not exist (the cache file
  beside it removed too);
- no change: `build` again;
- first partial build after a full one: a line appended to one candidate's evidence file,
  with no previous generation kept yet (a staging folder of hard links);
- one evidence file changed: the same, once the previous generation is kept (the partial
  builds that follow another partial build: the previous site brought up to date and
  swapped in);
- one candidate added: a copy of one candidate folder under a new name;
- one referential changed: its title edited (its pages and its candidates' rebuild).

Each edit is measured `--runs` times: applied, built (timed), taken back, built (not
timed), so the site ends as it began. The `--timings` line of each build is kept: its
check, render and publish times, how many files it rendered and how many it linked from
the previous site (or left in the previous generation, marked "gen."). Prints a Markdown
table.

Run from the repository root:

    scripts/bench-cache.py --size medium --out-base /dev/shm --runs 3
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile

from benchlib import PRESETS, SUMMARY, prepare, run_timed, site_spec

PARTIAL = re.compile(r"partial: (\d+) files rendered, (\d+) linked")
STAGES = re.compile(r"check ([\d.]+) s, render and write ([\d.]+) s, publish ([\d.]+) s")


def build(refolio, site, out, extra, workdir, label):
    cmd = [refolio, "--root", site, "build", "--timings", "--output-dir", out, *extra]
    log = os.path.join(workdir, "build.log")
    print("+", " ".join(cmd), file=sys.stderr)
    with open(log, "wb") as o, open(log + ".err", "wb") as e:
        code, wall, user, system, rss = run_timed(cmd, o, e, os.path.join(workdir, "time.txt"))
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if code != 0:
        with open(log + ".err", encoding="utf-8", errors="replace") as f:
            sys.exit(f"{label}: exit {code}\n{text}\n{f.read()[-3000:]}")
    partial = PARTIAL.search(text)
    stages = STAGES.search(text)
    pages = SUMMARY.search(text.splitlines()[0]) if text else None
    return {
        "wall": wall, "user": user, "sys": system, "rss_mib": rss / 1024,
        "rendered": partial and int(partial.group(1)),
        "linked": partial and int(partial.group(2)),
        "generation": "(previous generation updated)" in text,
        "stages": stages and tuple(float(x) for x in stages.groups()),
        "unchanged": "unchanged since the last build" in text,
        "pages": pages and int(pages.group(1)),
    }


def first_candidate(site):
    folder = os.path.join(site, "content", "candidates")
    name = sorted(os.listdir(folder))[0]
    return os.path.join(folder, name)


def first_evidence(candidate):
    for root, _, files in sorted(os.walk(candidate)):
        for f in sorted(files):
            if f.endswith(".md"):
                return os.path.join(root, f)
    sys.exit(f"no evidence file in {candidate}")


def referential_of(site, candidate):
    with open(os.path.join(candidate, "passport.yaml"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("referential:"):
                rid = line.split(":", 1)[1].strip().strip("'\"")
                return os.path.join(site, "content", "referentials", rid + ".yaml")
    sys.exit(f"no referential in {candidate}/passport.yaml")


class Edit:
    """An edit applied and taken back."""

    def __init__(self, path, text):
        self.path, self.text = path, text

    def apply(self):
        with open(self.path, encoding="utf-8") as f:
            self.before = f.read()
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(self.text(self.before))

    def undo(self):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(self.before)


class AddCandidate:
    def __init__(self, candidate):
        self.source = candidate
        self.copy = candidate.rstrip("/") + "-bench-copy"

    def apply(self):
        shutil.copytree(self.source, self.copy)

    def undo(self):
        shutil.rmtree(self.copy)


def retitle(text):
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("title:"):
            lines[i] = line + " (révisé)"
            break
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--size", choices=list(PRESETS), default="medium")
    p.add_argument("--referentials", type=int)
    p.add_argument("--candidates", type=int)
    p.add_argument("--evidence", type=int)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--site")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--out-base", default=None, help="where the output goes (default: a temporary folder)")
    p.add_argument("--refolio", help="refolio binary to use instead of building one")
    args = p.parse_args()
    site, counts, label = site_spec(args)
    prepare(site, counts, args.seed, args.refolio, args.refolio and "target/release/examples/synth")
    refolio = os.path.abspath(args.refolio or "target/release/refolio")
    workdir = tempfile.mkdtemp(prefix="bench-cache-", dir=args.out_base)
    out = os.path.join(workdir, "public")
    candidate = first_candidate(site)
    edits = {
        "one evidence file changed": Edit(first_evidence(candidate), lambda t: t + "\nUne ligne de plus.\n"),
        "one candidate added": AddCandidate(candidate),
        "one referential changed": Edit(referential_of(site, candidate), retitle),
    }
    first = "first partial build after a full one (one evidence file changed)"
    rows = {"full (`--no-cache`, no output yet)": [], "no change": [], first: []}
    rows.update({k: [] for k in edits})
    for run in range(args.runs):
        shutil.rmtree(out, ignore_errors=True)
        rows["full (`--no-cache`, no output yet)"].append(build(refolio, site, out, ["--no-cache"], workdir, "full"))
        rows["no change"].append(build(refolio, site, out, [], workdir, "no change"))
        edit = edits["one evidence file changed"]
        edit.apply()
        rows[first].append(build(refolio, site, out, [], workdir, first))
        edit.undo()
        build(refolio, site, out, [], workdir, first + " (undone)")
        for name, edit in edits.items():
            edit.apply()
            rows[name].append(build(refolio, site, out, [], workdir, name))
            edit.undo()
            build(refolio, site, out, [], workdir, name + " (undone)")
    shutil.rmtree(workdir)
    print(f"\n{label}; {args.runs} runs; output under {args.out_base or tempfile.gettempdir()}; "
          f"{platform.node()}, {os.cpu_count()} CPUs\n")
    print("| build | wall (median, min–max) | user CPU | system CPU | peak memory | check / render / publish | files rendered / linked |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, runs in rows.items():
        med = lambda k: statistics.median(r[k] for r in runs)
        walls = [r["wall"] for r in runs]
        done = runs[0]
        files = "all" if done["rendered"] is None else f"{done['rendered']:,} / {done['linked']:,}"
        if done["unchanged"]:
            files = "none (replayed)"
        if done["generation"]:
            files += " (gen.)"
        stages = "–" if done["stages"] is None else " / ".join(f"{x:.2f}" for x in done["stages"])
        print(f"| {name} | {med('wall'):.2f} s ({min(walls):.2f}–{max(walls):.2f}) | {med('user'):.2f} s "
              f"| {med('sys'):.2f} s | {max(r['rss_mib'] for r in runs):,.0f} MiB | {stages} s | {files} |")


if __name__ == "__main__":
    main()
