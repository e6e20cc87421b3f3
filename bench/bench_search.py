"""Search: latency of a whole result page (hits, snippets, facets, count) at 100,000 and 1,000,000 items.

    python -m bench.bench_search [--sizes 100000,1000000]   (from the repository root)

For each size, a child process builds a corpus in the demo vocabulary (bench/corpus.py) into its own
SQLite database and data directory under bench/work/, then times ~20 typical queries through
protokol's own search function as a visitor sees it (public index, database check of the hits),
side by side with SQLite FTS5 on the same corpus answering the same page: the top 20 by bm25 with
snippets, the number of matches and the per-body counts. Writes bench/results/search.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import RESULTS_DIR, result, write_results

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
REPEATS = 7
GOAL_P95_MS = 50

# (label, query, body filter): rare, medium and frequent words, two words, phrases, prefixes.
QUERIES = [
    ("rare", "537", None),
    ("rare_two_words", "lokalplan 537", None),
    ("medium", "sommerhuse", None),
    ("medium", "sygefravær", None),
    ("medium", "cykelsti", None),
    ("medium", "Møllehøj", None),
    ("frequent", "borgerne", None),
    ("frequent", "forvaltningen", None),
    ("frequent", "budgettet", None),
    ("two_words", "klimaplan grønnere", None),
    ("two_words", "cykelsti Havneparken", None),
    ("phrase", '"økonomiske og faglige konsekvenser"', None),
    ("phrase", '"sociale medier"', None),
    ("prefix", "skole*", None),
    ("prefix", "trafik*", None),
    ("frequent_body", "borgerne", "oekonomiudvalget"),
    ("medium_body", "sommerhuse", "direktionen"),
    ("phrase_body", '"sociale medier"', "kommunalbestyrelsen"),
    ("prefix_body", "skole*", "teknik-og-miljoeudvalget"),
    ("two_words_body", "klimaplan grønnere", "direktionen"),
]


def _fts_query(q: str) -> str:
    """The same query in FTS5 syntax: words ANDed, phrases quoted, prefix* kept."""
    parts = []
    for token in _split(q):
        if token.startswith('"'):
            parts.append(token)
        elif token.endswith("*"):
            parts.append('"' + token[:-1].replace('"', "") + '"*')
        else:
            parts.append('"' + token.replace('"', "") + '"')
    return " AND ".join(parts)


def _split(q: str) -> list[str]:
    import re

    return [m.group(0) for m in re.finditer(r'"[^"]*"|\S+', q)]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def child(size: int, out: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "protokol.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from bench.corpus import build
    from protokol.search.query import search

    call_command("migrate", interactive=False, verbosity=0)
    fts_path = WORK / f"search-{size}" / "fts5.sqlite3"
    print(f"building {size:,} items ...", flush=True)
    built = build(items=size, fts_path=fts_path, progress=True)
    print(f"built in {built['seconds']:.0f} s", flush=True)

    fts = sqlite3.connect(fts_path)

    def fts_page(q: str, body: str | None) -> int:
        match = _fts_query(q)
        where = "items MATCH ?" + (" AND body = ?" if body else "")
        args = [match] + ([body] if body else [])
        fts.execute(
            f"SELECT item_id, title, snippet(items, 1, '<mark>', '</mark>', '…', 24) FROM items "
            f"WHERE {where} ORDER BY bm25(items, 3.0, 1.0) LIMIT 20",
            args,
        ).fetchall()
        (count,) = fts.execute(f"SELECT count(*) FROM items WHERE {where}", args).fetchone()
        fts.execute(f"SELECT body, count(*) FROM items WHERE {where} GROUP BY body", args).fetchall()
        fts.execute(f"SELECT year, count(*) FROM items WHERE {where} GROUP BY year", args).fetchall()
        return count

    def ours(q: str, body: str | None) -> int:
        page = search(q, user=None, body=body)
        assert page.hits or not page.count
        return page.count

    per_query = []
    lat_ours, lat_fts = [], []
    for label, q, body in QUERIES:
        for fn in (ours, fts_page):  # warm-up
            fn(q, body)
        ours_ms, fts_ms = [], []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            n_ours = ours(q, body)
            ours_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            n_fts = fts_page(q, body)
            fts_ms.append((time.perf_counter() - t0) * 1000)
        lat_ours += ours_ms
        lat_fts += fts_ms
        per_query.append(
            {
                "label": label,
                "query": q,
                "body": body,
                "matches": n_ours,
                "matches_fts5": n_fts,
                "median_ms": round(statistics.median(ours_ms), 2),
                "median_ms_fts5": round(statistics.median(fts_ms), 2),
            }
        )
        print(
            f"  {label:16} {q!r:42} {n_ours:>8} {statistics.median(ours_ms):8.1f} ms"
            f"  fts5 {n_fts:>8} {statistics.median(fts_ms):8.1f} ms",
            flush=True,
        )
    index_bytes = sum(
        f.stat().st_size for f in (WORK / f"search-{size}" / "data" / "index").rglob("*") if f.is_file()
    )
    out.write_text(
        json.dumps(
            {
                "size": size,
                "built": built,
                "index_mb": round(index_bytes / 1e6, 1),
                "fts5_mb": round(fts_path.stat().st_size / 1e6, 1),
                "p50": _percentile(lat_ours, 50),
                "p95": _percentile(lat_ours, 95),
                "p50_fts5": _percentile(lat_fts, 50),
                "p95_fts5": _percentile(lat_fts, 95),
                "queries": per_query,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


def _label(size: int) -> str:
    return f"{size // 1_000_000}m" if size % 1_000_000 == 0 else f"{size // 1000}k"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--child", type=int)
    parser.add_argument("--out")
    parser.add_argument("--keep", action="store_true", help="Keep bench/work/search-N afterwards.")
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.out))
        return
    results, details = [], []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        work = WORK / f"search-{size}"
        shutil.rmtree(work, ignore_errors=True)
        (work / "data").mkdir(parents=True)
        env = dict(
            os.environ,
            PROTOKOL_DATABASE_URL=f"sqlite:///{work / 'protokol.sqlite3'}",
            PROTOKOL_DATA_DIR=str(work / "data"),
            PROTOKOL_VAR_DIR=str(work),
        )
        out = work / "result.json"
        subprocess.run(
            [sys.executable, "-m", "bench.bench_search", "--child", str(size), "--out", str(out)],
            check=True,
            env=env,
            cwd=ROOT,
        )
        data = json.loads(out.read_text())
        details.append(data)
        label = _label(size)
        goal = GOAL_P95_MS if size >= 1_000_000 else None
        results += [
            result(
                f"search_p50_ms_{label}",
                data["p50"],
                "ms",
                peer={"name": "sqlite_fts5", "value": data["p50_fts5"]},
            ),
            result(
                f"search_p95_ms_{label}",
                data["p95"],
                "ms",
                goal=goal,
                peer={"name": "sqlite_fts5", "value": data["p95_fts5"]},
            ),
            result(
                f"search_index_build_items_per_s_{label}",
                data["built"]["items"] / data["built"]["seconds"],
                "items/s",
            ),
            result(
                f"search_index_size_mb_{label}",
                data["index_mb"],
                "MB",
                peer={"name": "sqlite_fts5", "value": data["fts5_mb"]},
            ),
        ]
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    # A run of some sizes (--sizes 100000) keeps the committed results of the others.
    previous_path = RESULTS_DIR / "search.json"
    previous = json.loads(previous_path.read_text()) if previous_path.exists() else {}
    names = {r["name"] for r in results}
    sizes = {d["size"] for d in details}
    kept = [r for r in previous.get("results", []) if r["name"] not in names]
    path = write_results("search", kept + results)
    payload = json.loads(path.read_text())
    payload["details"] = [d for d in previous.get("details", []) if d.get("size") not in sizes] + details
    payload["details"].sort(key=lambda d: d["size"])
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
