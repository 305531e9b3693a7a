#!/usr/bin/env python3
"""Edit-to-reload latency of `refolio serve` on a synthetic site.

Generates a site with the `synth` example (unless it exists), starts the release binary's
`serve` on a free loopback port, then edits one evidence file at a time and measures:

- rebuild: the server's own figure ("rebuilt in N ms"): applying the change to the loaded
  site, rendering the affected pages and moving them in;
- edit-to-event: from the file write to the `state` event reaching an open tab's stream
  (watcher debounce + rebuild + notification);
- edit-to-visible: from the file write to the page being served with the new text (what a
  reloading tab fetches; the browser's own rendering time is not included).

Only the standard library; run from the repository root:

    scripts/bench-serve.py --referentials 500 --candidates 5000 --evidence 10 --edits 30
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import queue


def sh(*args, **kw):
    print("+", " ".join(args), file=sys.stderr)
    subprocess.run(args, check=True, **kw)


def http_get(address, path):
    host, port = address.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.decode("utf-8", "replace")


class Events:
    """A raw server-sent events client: yields each `state` as a dict."""

    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        self.sock.sendall(f"GET /__refolio/events HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
        self.file = self.sock.makefile("r", encoding="utf-8", newline="\n")
        while self.file.readline() not in ("\r\n", ""):
            pass

    def next(self):
        data = None
        while True:
            line = self.file.readline()
            if line == "":
                raise RuntimeError("event stream closed")
            if line.startswith("data: "):
                data = line[6:]
            elif line == "\n" and data:
                return json.loads(data)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--referentials", type=int, default=50)
    ap.add_argument("--candidates", type=int, default=500)
    ap.add_argument("--evidence", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--site", help="site folder (default: /tmp/refolio-bench-R-C-E)")
    args = ap.parse_args()

    site = args.site or f"/tmp/refolio-bench-{args.referentials}-{args.candidates}-{args.evidence}"
    sh("cargo", "build", "--release", "--quiet", "--example", "synth", "--bin", "refolio")
    if not os.path.isdir(os.path.join(site, "content")):
        sh("target/release/examples/synth", "--out", site,
           "--referentials", str(args.referentials), "--candidates", str(args.candidates),
           "--evidence", str(args.evidence), "--seed", str(args.seed))

    server = subprocess.Popen(
        ["target/release/refolio", "--root", site, "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in server.stdout], daemon=True).start()

    def line_with(needle, timeout=3600):
        deadline = time.monotonic() + timeout
        while True:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if needle in line:
                return line

    try:
        started = time.monotonic()
        first_build = line_with("built in")
        address = line_with("serving ").split(" at http://")[1].split("/")[0]
        print(f"initial build: {first_build.strip()} (wall {time.monotonic() - started:.1f} s)")
        events = Events(address)
        events.next()

        candidates = sorted(os.listdir(os.path.join(site, "content/candidates")))
        rebuild, to_event, to_visible = [], [], []
        for i in range(args.edits):
            folder = candidates[(i * 7919) % len(candidates)]
            evidence_dir = os.path.join(site, "content/candidates", folder, "preuves")
            name = sorted(f for f in os.listdir(evidence_dir) if f.endswith(".md"))[0]
            marker = f"Mesure de latence {i} {time.time_ns()}"
            path = os.path.join(evidence_dir, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + f"\n{marker}\n")
            state = events.next()
            t1 = time.perf_counter()
            if state["errors"]:
                raise RuntimeError(state["errors"])
            page = f"/candidates/{folder}/preuves/{name[:-3]}.html"
            while marker not in http_get(address, page):
                pass
            t2 = time.perf_counter()
            ms = float(line_with("rebuilt in").split("rebuilt in ")[1].split(" ms")[0])
            rebuild.append(ms)
            to_event.append((t1 - t0) * 1000)
            to_visible.append((t2 - t0) * 1000)

        def row(label, values):
            print(f"{label:16} median {statistics.median(values):7.1f} ms   p95 {percentile(values, 95):7.1f} ms   max {max(values):7.1f} ms")

        print(f"{args.edits} evidence edits on {site}:")
        row("rebuild", rebuild)
        row("edit-to-event", to_event)
        row("edit-to-visible", to_visible)
    finally:
        server.kill()


if __name__ == "__main__":
    main()
