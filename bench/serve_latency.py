#!/usr/bin/env python3
"""Save-to-reload latency of `rapport serve`.

    python3 bench/serve_latency.py RAPPORT_BIN PROJECT --prose FILE
        [--data FILE --column NAME --values A,B] [--trials 10] [--port 1771]

Starts `rapport serve` on a copy of a project (PROJECT is edited: pass a
copy), waits for the URL it prints, listens to the Server-Sent Events at
`/__rapport/events`, then repeatedly saves an edit and measures the time
from the save (the file closed) to the first event line that follows
(`data:` or `event:`). Prose edit: a sentence appended to / removed from a
chapter. Data edit: one cell of a CSV column toggled between two valid
codes. Prints one JSON object with the latencies in milliseconds; a trial
with no event within 10 s counts as a timeout.
"""

import argparse
import http.client
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time

EVENTS = "/__rapport/events"


def wait_for_url(proc, timeout=120):
    """The first http:// URL the server prints on stdout or stderr."""
    found = queue.Queue()

    def pump(stream):
        for raw in iter(stream.readline, b""):
            m = re.search(rb"https?://[^\s]+", raw)
            if m:
                found.put(m.group(0).decode().rstrip("/."))

    errors = []

    def pump_err(stream):
        for raw in iter(stream.readline, b""):
            errors.append(raw.decode("utf-8", "replace").strip())
            m = re.search(rb"https?://[^\s]+", raw)
            if m:
                found.put(m.group(0).decode().rstrip("/."))

    threading.Thread(target=pump, args=(proc.stdout,), daemon=True).start()
    threading.Thread(target=pump_err, args=(proc.stderr,), daemon=True).start()
    end = time.time() + timeout
    while time.time() < end:
        try:
            return found.get(timeout=0.1)
        except queue.Empty:
            if proc.poll() is not None:
                time.sleep(0.2)
                raise RuntimeError(f"not measured: serve not available (exit code {proc.returncode}: "
                                   + " ".join(errors)[:200] + ")")
    raise RuntimeError("not measured: serve printed no URL within %d s" % timeout)


def listen(host, port):
    lines = queue.Queue()
    conn = http.client.HTTPConnection(host, port, timeout=None)
    conn.request("GET", EVENTS, headers={"Accept": "text/event-stream"})
    resp = conn.getresponse()
    if resp.status != 200:
        raise RuntimeError(f"{EVENTS} answered {resp.status}")

    def pump():
        for raw in iter(resp.fp.readline, b""):
            lines.put((time.perf_counter(), raw.decode("utf-8", "replace").rstrip("\r\n")))

    threading.Thread(target=pump, daemon=True).start()
    return lines


def drain(lines, quiet=0.3):
    """Wait until no event line arrives for `quiet` seconds."""
    while True:
        try:
            lines.get(timeout=quiet)
        except queue.Empty:
            return


def next_event(lines, timeout=10.0):
    end = time.perf_counter() + timeout
    while True:
        left = end - time.perf_counter()
        if left <= 0:
            return None
        try:
            t, line = lines.get(timeout=left)
        except queue.Empty:
            return None
        if line.startswith("data:") or line.startswith("event:"):
            return t


def save(path, text):
    """Write `text`; the clock starts when the save starts (a watcher may
    see the file change before it is closed)."""
    t0 = time.perf_counter()
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    return t0


def prose_edits(path):
    original = open(path, encoding="utf-8").read()
    extra = original.rstrip("\n") + "\n\nEn ekstra setning for å måle hvor raskt siden lastes på nytt.\n"
    while True:
        yield extra
        yield original


def data_edits(path, column, values):
    original = open(path, encoding="utf-8-sig").read()
    lines = original.split("\n")
    delim = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    header = lines[0].split(delim)
    col = header.index(column)
    cells = lines[1].split(delim)
    a, b = values
    texts = []
    for v in (b if cells[col] == a else a, cells[col]):
        row = list(cells)
        row[col] = v
        texts.append("\n".join([lines[0], delim.join(row)] + lines[2:]))
    while True:
        yield from texts


def measure(lines, path, edits, trials):
    original = open(path, encoding="utf-8").read()
    out = []
    for _ in range(trials):
        drain(lines)
        t0 = save(path, next(edits))
        t1 = next_event(lines)
        out.append(None if t1 is None else (t1 - t0) * 1000.0)
    drain(lines)
    save(path, original)
    drain(lines, quiet=1.0)
    return out


def summary(times):
    ok = [t for t in times if t is not None]
    return {
        "trials": len(times),
        "timeouts": len(times) - len(ok),
        "median_ms": statistics.median(ok) if ok else None,
        "min_ms": min(ok) if ok else None,
        "max_ms": max(ok) if ok else None,
        "all_ms": ok,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rapport")
    ap.add_argument("project")
    ap.add_argument("--prose", required=True)
    ap.add_argument("--data")
    ap.add_argument("--column")
    ap.add_argument("--values")
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--port", type=int, default=1771)
    args = ap.parse_args()
    proc = subprocess.Popen(
        [args.rapport, "--root", args.project, "serve", "--port", str(args.port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    result = {}
    try:
        url = wait_for_url(proc)
        m = re.match(r"https?://([^:/]+):(\d+)", url)
        host, port = (m.group(1), int(m.group(2))) if m else ("127.0.0.1", args.port)
        lines = listen(host, port)
        drain(lines, quiet=1.0)
        result["prose"] = summary(measure(lines, args.prose, prose_edits(args.prose), args.trials))
        if args.data:
            edits = data_edits(args.data, args.column, args.values.split(","))
            result["data"] = summary(measure(lines, args.data, edits, args.trials))
    except RuntimeError as e:
        result["error"] = str(e)
    except Exception as e:  # report, never hang the benchmark
        result["error"] = f"not measured: {type(e).__name__}: {e}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(json.dumps(result))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
