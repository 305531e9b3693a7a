#!/usr/bin/env python3
"""Whole-process cost of `refolio check` and `refolio build` on a site of a given size.

Builds the release binaries, generates a synthetic site with the `synth` example (unless
it exists; `--size example` uses the bundled example site at the repository root), then
runs, `--runs` times and alternately:

- `refolio --root SITE check` (writes nothing);
- `refolio --root SITE build -o OUT --timings`, OUT being a fresh folder under
  `--out-base` that did not exist before.

Each run is measured as a whole process: wall time, CPU time (user + system) and peak
resident memory, read from GNU time (`/usr/bin/time`) for the CPU and memory and from a
monotonic clock around it for the wall time (GNU time only has 10 ms resolution). The build
output is deleted after each run, before the next timing starts: deleting many files and
creating many files soon after is slow on some disks (`--out-base /dev/shm` measures
without the disk).

Prints a Markdown table (median and minimum wall, median CPU, peak memory), the page count,
pages per second (pages / median build wall) and the median split of the build's stages.

Presets (`--size`): example = the bundled site; small = 50 referentials, 500 candidates,
10 evidence files each; medium = 500, 5000, 10; national = 5500, 50000, 10. Explicit
`--referentials/--candidates/--evidence/--seed` override the preset's figures.

Only the standard library; run from the repository root:

    scripts/bench-build.py --size medium --runs 3
    scripts/bench-build.py --referentials 100 --candidates 1000 --out-base /dev/shm --json runs.json
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time

from benchlib import PRESETS, SUMMARY, prepare, run_timed, site_spec, tail

STAGE = re.compile(r"([a-z][a-z ]*?) ([\d.]+) s")


def timed(cmd, workdir, stdout_path):
    """Runs `cmd` with stdout to `stdout_path` and stderr to a file next to it; returns
    {wall, user, sys, cpu, max_rss_kb, exit, warnings}."""
    stderr_path = stdout_path + ".stderr"
    time_path = os.path.join(workdir, "time.txt")
    print("+", " ".join(cmd), f"> {stdout_path} 2> {stderr_path}", file=sys.stderr)
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        code, wall, user, system, rss = run_timed(cmd, out, err, time_path)
    warnings = 0
    with open(stderr_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            warnings += ": warning:" in line
    if code != 0:
        print(f"command failed with exit code {code}; end of its stderr:", file=sys.stderr)
        print("".join(tail(stderr_path, 30)), file=sys.stderr)
        sys.exit(1)
    return {"wall": wall, "user": user, "sys": system, "cpu": user + system,
            "max_rss_kb": rss, "exit": code, "warnings": warnings}


def parse_build(stdout_path):
    """Pages, summary line and stage seconds from the last lines of a build's stdout."""
    last = [l.strip() for l in tail(stdout_path, 4) if l.strip()]
    for i, line in enumerate(last):
        if m := SUMMARY.search(line):
            stages = last[i + 1] if i + 1 < len(last) else ""
            return int(m.group(1)), line, {k: float(v) for k, v in STAGE.findall(stages)}
    sys.exit(f"no summary line at the end of the build's output ({stdout_path})")


def remove(path):
    """Deletes a run's output (outside any timing)."""
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"nproc {len(os.sched_getaffinity(0))}, {memory} RAM, {model}, " \
           f"{platform.system()} {platform.release()}, load average {load}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=list(PRESETS), help="preset site size (default: small)")
    ap.add_argument("--referentials", type=int)
    ap.add_argument("--candidates", type=int)
    ap.add_argument("--evidence", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--site", help="site folder (default: /tmp/refolio-bench-R-C-E; the repository root for --size example)")
    ap.add_argument("--out-base", default="/tmp/refolio-timing-out",
                    help="where the build outputs go, each run in a fresh folder (default: %(default)s)")
    ap.add_argument("--skip-check", action="store_true", help="time only the build")
    ap.add_argument("--pause", type=float, default=1.0,
                    help="seconds to wait after deleting an output, before the next timing (default: %(default)s)")
    ap.add_argument("--json", metavar="FILE", help="also write the raw runs to FILE")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    site, counts, label = site_spec(args)
    if args.site and args.size is None and all(
            v is None for v in (args.referentials, args.candidates, args.evidence)):
        # A tree measured as it is: its sizes are in the build's summary line, not a preset's.
        label = "sizes as in the run lines above"
    out_base = os.path.abspath(args.out_base)
    json_path = args.json and os.path.abspath(args.json)
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    prepare(site, counts, args.seed)
    machine_before = machine()

    created_base = not os.path.exists(out_base)
    os.makedirs(out_base, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="refolio-bench-build-", dir=out_base)
    runs = []
    try:
        for n in range(1, args.runs + 1):
            if not args.skip_check:
                stdout_path = os.path.join(workdir, f"check-{n}.stdout")
                run = timed(["target/release/refolio", "--root", site, "check"], workdir, stdout_path)
                runs.append({"step": "check", "run": n, **run})
                remove(stdout_path)
                remove(stdout_path + ".stderr")
            out = os.path.join(workdir, f"build-{n}")
            stdout_path = os.path.join(workdir, f"build-{n}.stdout")
            run = timed(["target/release/refolio", "--root", site, "build", "-o", out, "--timings"],
                        workdir, stdout_path)
            pages, summary, stages = parse_build(stdout_path)
            runs.append({"step": "build", "run": n, **run, "pages": pages, "summary": summary,
                         "stages": stages})
            print(f"run {n}: {summary}", file=sys.stderr)
            remove(stdout_path)
            remove(stdout_path + ".stderr")
            remove(out)
            os.sync()
            if n < args.runs:
                time.sleep(args.pause)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if created_base:
            try:
                os.rmdir(out_base)
            except OSError:
                pass

    steps = ["build"] if args.skip_check else ["check", "build"]
    summary = {}
    print()
    print(f"site: {site} — {label}; {args.runs} run(s), outputs under {out_base}")
    print(f"machine: {machine_before}")
    print(f"load average after the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| step | median wall s | min wall s | median CPU s (user+sys) | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|")
    for step in steps:
        mine = [r for r in runs if r["step"] == step]
        figures = {
            "median_wall": statistics.median(r["wall"] for r in mine),
            "min_wall": min(r["wall"] for r in mine),
            "median_cpu": statistics.median(r["cpu"] for r in mine),
            "peak_rss_mib": max(r["max_rss_kb"] for r in mine) / 1024,
        }
        summary[step] = figures
        print(f"| {step} | {figures['median_wall']:.3f} | {figures['min_wall']:.3f} | "
              f"{figures['median_cpu']:.2f} | {figures['peak_rss_mib']:.0f} |")
    builds = [r for r in runs if r["step"] == "build"]
    pages = sorted({r["pages"] for r in builds})
    if len(pages) > 1:
        print(f"\nwarning: the page count differed between runs: {pages}", file=sys.stderr)
    per_second = pages[-1] / summary["build"]["median_wall"]
    names = list(builds[0]["stages"])
    split = {k: statistics.median(r["stages"].get(k, 0.0) for r in builds) for k in names}
    print()
    print(f"pages: {pages[-1]}")
    print(f"pages/s: {per_second:.0f} (pages / median build wall)")
    print("build stages (median): " + ", ".join(f"{k} {v:.2f} s" for k, v in split.items()))
    print(f"warnings per build: {builds[0]['warnings']}")

    if json_path:
        with open(json_path, "w", encoding="utf-8") as f:
            json.dump({"site": site, "size": label, "machine": machine_before, "out_base": out_base,
                       "runs": runs, "summary": {**summary, "pages": pages[-1],
                                                 "pages_per_second": per_second, "stages": split}},
                      f, ensure_ascii=False, indent=2)
            f.write("\n")
        print(f"raw runs written to {json_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
