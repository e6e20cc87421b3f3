"""Portal throughput: the meeting page under 32 concurrent clients against `protokol serve`.

    python -m bench.bench_serve [--seconds 15] [--connections 32] [--meetings 48]   (from the repository root)

Builds a temporary SQLite database with the demo generator, starts `protokol serve` (gunicorn, a worker per
core) on 127.0.0.1 on a free port, and loads a published meeting page with Debian's `wrk` (a Python load
generator where wrk is missing) for a bounded time; then the same against a static file from the same
server, as the peer. Requests per second and p99 latency; goal ≥ 300 requests/s with p99 ≤ 100 ms on 2
cores. Writes bench/results/serve.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.common import result, write_results

ROOT = Path(__file__).resolve().parent.parent
GOAL_RPS = 300
GOAL_P99_MS = 100
PROTOKOL = [sys.executable, "-m", "protokol"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def load_wrk(url: str, *, seconds: int, connections: int, threads: int) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    percentiles = dict(re.findall(r"^\s*(50|75|90|99)%\s+(\S+)\s*$", out, re.M))
    if "99" not in percentiles:
        raise RuntimeError(f"wrk said:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {
        "tool": "wrk",
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50_ms": _ms(percentiles["50"]),
        "p90_ms": _ms(percentiles["90"]),
        "p99_ms": _ms(percentiles["99"]),
        "errors": (int(errors.group(1)) if errors else 0),
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def load_python(url: str, *, seconds: int, connections: int, threads: int = 0) -> dict:
    """A small keep-alive load generator for where wrk is missing (the GIL makes it the slower side)."""
    host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
    path = url.split(port, 1)[1]
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[i] += 1
            except OSError:
                errors[i] += 1
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=5)
                continue
            latencies[i].append((time.perf_counter() - t0) * 1000)
        conn.close()

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - started
    flat = sorted(x for lat in latencies for x in lat)

    def pct(p: float) -> float:
        return flat[min(len(flat) - 1, int(p / 100 * len(flat)))]

    return {
        "tool": "python",
        "rps": len(flat) / elapsed,
        "requests": len(flat),
        "p50_ms": pct(50),
        "p90_ms": pct(90),
        "p99_ms": pct(99),
        "errors": sum(errors),
        "socket_errors": "",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--meetings", type=int, default=48, help="Demo meetings in the database.")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (0 = one per core).")
    args = parser.parse_args()
    load = load_wrk if shutil.which("wrk") else load_python

    work = Path(tempfile.mkdtemp(prefix="protokol-bench-serve-"))
    env = dict(
        os.environ,
        PROTOKOL_VAR_DIR=str(work),
        PROTOKOL_DATA_DIR=str(work / "data"),
        PROTOKOL_DATABASE_URL=f"sqlite:///{work / 'protokol.sqlite3'}",
        PROTOKOL_DEBUG="0",
        DJANGO_SETTINGS_MODULE="protokol.settings",
    )
    server = None
    try:
        subprocess.run([*PROTOKOL, "init"], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"demo data: {args.meetings} meetings ...", flush=True)
        subprocess.run(
            [*PROTOKOL, "demo", "--meetings", str(args.meetings)],
            check=True,
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        # The published minutes with the most items: the heaviest ordinary page.
        meeting_id, items = json.loads(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import django, json; django.setup();"
                    "from django.db.models import Count;"
                    "from protokol.meetings.models import Meeting;"
                    "m = Meeting.objects.filter(status='minutes_published')"
                    ".annotate(n=Count('items')).order_by('-n', 'pk').first();"
                    "print(json.dumps([m.pk, m.n]))",
                ],
                check=True,
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            ).stdout
        )
        port = _free_port()
        server = subprocess.Popen(
            [*PROTOKOL, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        page_url = f"{base}/meetings/{meeting_id}/"
        static_url = f"{base}/static/protokol/site.css"
        _wait(page_url)
        with urllib.request.urlopen(page_url) as r:
            page_bytes = len(r.read())
        with urllib.request.urlopen(static_url) as r:
            static_bytes = len(r.read())
        threads = min(2, os.cpu_count() or 1)
        # Warm up every worker (imports, template compilation, connections), then measure.
        load(page_url, seconds=3, connections=args.connections, threads=threads)
        print(f"meeting page {page_url} ({items} items, {page_bytes} bytes) ...", flush=True)
        page = load(page_url, seconds=args.seconds, connections=args.connections, threads=threads)
        print(f"  {page}", flush=True)
        print(f"static file {static_url} ({static_bytes} bytes) ...", flush=True)
        static = load(static_url, seconds=args.seconds, connections=args.connections, threads=threads)
        print(f"  {static}", flush=True)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)

    path = write_results(
        "serve",
        [
            result(
                "serve_meeting_page_rps",
                page["rps"],
                "requests/s",
                goal=GOAL_RPS,
                peer={"name": "static_file", "value": static["rps"]},
            ),
            result(
                "serve_meeting_page_p99_ms",
                page["p99_ms"],
                "ms",
                goal=GOAL_P99_MS,
                peer={"name": "static_file", "value": static["p99_ms"]},
            ),
            result(
                "serve_meeting_page_p50_ms",
                page["p50_ms"],
                "ms",
                peer={"name": "static_file", "value": static["p50_ms"]},
            ),
        ],
    )
    payload = json.loads(path.read_text())
    payload["details"] = {
        "load_generator": page["tool"],
        "connections": args.connections,
        "seconds": args.seconds,
        "workers": args.workers or os.cpu_count(),
        "meeting_items": items,
        "meeting_page_bytes": page_bytes,
        "static_file_bytes": static_bytes,
        "meeting_page": page,
        "static_file": static,
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
