"""What every benchmark shares: timing by median of repeats, the machine line, the results file.

Results go to bench/results/<area>.json in the format of DESIGN.md ("Benchmarks").
"""

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def machine() -> str:
    cores = os.cpu_count() or 1
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except OSError:
        memory = "unknown memory"
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cores} cores, {memory}, {model or platform.machine()}, Python {platform.python_version()}"


def median_seconds(fn: Callable[[], object], *, repeats: int = 5, warmup: int = 1) -> float:
    """Median wall time of fn over repeats, after warmup calls that are not counted."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def result(
    name: str, value: float, unit: str, *, goal: float | None = None, peer: dict | None = None
) -> dict:
    entry: dict = {"name": name, "value": round(value, 4), "unit": unit}
    if goal is not None:
        entry["goal"] = goal
    if peer is not None:
        entry["peer"] = {"name": peer["name"], "value": round(peer["value"], 4)}
    return entry


def write_results(area: str, results: list[dict], *, merge: bool = False) -> Path:
    """Write an area's results; with merge, replace only these results in the file and keep the others."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{area}.json"
    payload = {"machine": machine(), "date": date.today().isoformat(), "results": results}
    if merge and path.exists():
        # Only these results are new: they carry their own date, the file keeps the date of the rest.
        old = json.loads(path.read_text(encoding="utf-8"))
        names = {r["name"] for r in results}
        stamped = [dict(r, date=payload["date"], machine=payload["machine"]) for r in results]
        payload = dict(old, results=[r for r in old["results"] if r["name"] not in names] + stamped)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for r in results:
        peer = f"  (peer {r['peer']['name']}: {r['peer']['value']})" if "peer" in r else ""
        goal = f"  goal {r['goal']}" if "goal" in r else ""
        print(f"{area}: {r['name']} = {r['value']} {r['unit']}{goal}{peer}")
    return path
