"""Helpers shared by the benchmark scripts: size presets, generating the synthetic site,
running commands, reading the end of a large output."""

import os
import re
import subprocess
import sys
import time

PRESETS = {
    "example": None,
    "small": (50, 500, 10),
    "medium": (500, 5000, 10),
    "national": (5500, 50000, 10),
}
GNU_TIME = "/usr/bin/time"
SUMMARY = re.compile(r"→ (\d+) pages in ([\d.]+) s\s*$")


def sh(*args, **kw):
    print("+", " ".join(args), file=sys.stderr)
    subprocess.run(args, check=True, **kw)


def site_spec(args):
    """The site to measure: (folder, (referentials, candidates, evidence) or None, label)."""
    explicit = (args.referentials, args.candidates, args.evidence)
    if args.size == "example":
        if any(v is not None for v in explicit):
            sys.exit("--size example takes no --referentials/--candidates/--evidence")
        return os.path.abspath(args.site or "."), None, "example (bundled site)"
    preset = PRESETS[args.size or "small"]
    r, c, e = (v if v is not None else p for v, p in zip(explicit, preset))
    site = os.path.abspath(args.site or f"/tmp/refolio-bench-{r}-{c}-{e}")
    label = f"{r} referentials, {c} candidates, {e} evidence (seed {args.seed})"
    if args.site and os.path.isdir(os.path.join(site, "content")):
        # A site given by hand may be of any size: count it instead of naming the preset's.
        label = f"{site}: {counted(site)}"
    return site, (r, c, e), label


def counted(site):
    """What a site holds, counted from its content folder."""
    content = os.path.join(site, "content")
    refs = os.path.join(content, "referentials")
    cands = os.path.join(content, "candidates")
    r = sum(1 for n in os.listdir(refs) if n.endswith(".yaml")) if os.path.isdir(refs) else 0
    c = sum(1 for n in os.listdir(cands) if os.path.isdir(os.path.join(cands, n))) if os.path.isdir(cands) else 0
    return f"{r} referentials, {c} candidate folders"


def prepare(site, counts, seed, refolio=None, synth=None):
    """Builds the release binaries, unless both are given (`refolio`, `synth`: paths to use
    instead), and generates the synthetic site unless it exists."""
    if refolio is None or synth is None:
        sh("cargo", "build", "--release", "--quiet", "--example", "synth", "--bin", "refolio")
    if os.path.isdir(os.path.join(site, "content")):
        return
    if counts is None:
        sys.exit(f"{site}/content does not exist")
    r, c, e = counts
    sh(synth or "target/release/examples/synth", "--out", site, "--referentials", str(r),
       "--candidates", str(c), "--evidence", str(e), "--seed", str(seed))
    os.sync()


def tail(path, lines):
    """The last `lines` lines of a file, reading only its end."""
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 200 * lines))
        return f.read().decode("utf-8", "replace").splitlines(keepends=True)[-lines:]


def run_timed(cmd, out, err, time_path, env=None):
    """Runs `cmd` with stdout and stderr to the open files `out` and `err`: (exit code, wall
    seconds by the monotonic clock, user and system CPU seconds, peak resident KiB), from GNU
    time (which writes `time_path`) or, without it, from the kernel."""
    if os.access(GNU_TIME, os.X_OK):
        start = time.perf_counter()
        code = subprocess.run([GNU_TIME, "-f", "%e %U %S %M", "-o", time_path, *cmd],
                              stdout=out, stderr=err, env=env).returncode
        wall = time.perf_counter() - start
        if not os.path.exists(time_path):
            sys.exit(f"{time_path} is missing: was its folder removed by another process?")
        with open(time_path) as f:
            _, user, system, rss = f.read().splitlines()[-1].split()
        return code, wall, float(user), float(system), int(rss)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss
