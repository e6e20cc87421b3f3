"""Search: latency of a whole result page (hits, snippets, facets, count) at 100,000 and 1,000,000 items.

    python -m bench.bench_search [--sizes 100000,1000000]   (from the repository root)

For each size, a child process builds a corpus in the demo vocabulary (bench/corpus.py) into its own
SQLite database and data directory under bench/work/, then times ~20 typical queries through
protokol's own search function as a visitor sees it (public index, database check of the hits),
side by side with the two baselines a typical Django site would use, on the same corpus and for the
same page (the top 20 by rank with snippets, the number of matches, the per-body and per-year counts):
SQLite FTS5 (bm25) and PostgreSQL's tsvector with a GIN index (ts_rank, ts_headline; bench/pg_baseline.py,
on the server at $PROTOKOL_BENCH_POSTGRES, default 127.0.0.1:5432, left out with a note if none answers).
Writes bench/results/search.json.
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

from bench import pg_baseline
from bench.common import RESULTS_DIR, result, write_results

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
REPEATS = 7
PEER_REPEATS = 3  # the baselines take seconds a query at 1M; fewer rounds keep the run short
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


def _searchers():
    """A member of Økonomiudvalget (its sent meetings' restricted index) and an administrator."""
    from django.contrib.auth import get_user_model

    from protokol.meetings.enums import Role
    from protokol.meetings.models import Body, BodyMembership

    users = get_user_model()
    member = users.objects.create_user("bench-member")
    BodyMembership.objects.create(
        body=Body.objects.get(slug="oekonomiudvalget"), user=member, role=Role.MEMBER
    )
    admin = users.objects.create_superuser("bench-admin")
    return member, admin


def child(size: int, out: Path, *, keep: bool = False) -> None:
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

    def ours(q: str, body: str | None, user=None) -> int:
        page = search(q, user=user, body=body)
        assert page.hits or not page.count
        return page.count

    # A member of one body searches the public index and that body's restricted index, merged; an
    # administrator every index. Their rows are protokol's too, beside the visitor's in the same run.
    member, admin = _searchers()

    engines = {
        "protokol": (ours, REPEATS),
        "protokol_member": (lambda q, body: ours(q, body, member), REPEATS),
        "protokol_admin": (lambda q, body: ours(q, body, admin), REPEATS),
        "sqlite_fts5": (fts_page, PEER_REPEATS),
    }
    pg = None
    if pg_baseline.available():
        pg = pg_baseline.Baseline(f"protokol_bench_search_{size}")
        print("loading the PostgreSQL baseline ...", flush=True)
        pg_loaded = pg.load(fts_path)
        print(f"loaded in {pg_loaded['seconds']:.0f} s", flush=True)
        engines["postgresql"] = (pg.page, PEER_REPEATS)
    else:
        print(f"no PostgreSQL at {pg_baseline.server_url()}: its baseline is left out", flush=True)

    per_query = []
    latencies: dict[str, list[float]] = {name: [] for name in engines}
    for label, q, body in QUERIES:
        row = {"label": label, "query": q, "body": body}
        line = f"  {label:16} {q!r:42}"
        for name, (fn, repeats) in engines.items():
            fn(q, body)  # warm-up
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                matches = fn(q, body)
                times.append((time.perf_counter() - t0) * 1000)
            latencies[name] += times
            suffix = "" if name == "protokol" else f"_{name}"
            row[f"matches{suffix}"] = matches
            row[f"median_ms{suffix}"] = round(statistics.median(times), 2)
            line += f"  {name} {matches:>8} {statistics.median(times):8.1f} ms"
        per_query.append(row)
        print(line, flush=True)

    def size_of(folder: Path) -> int:
        return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())

    from protokol.search.index import PUBLIC, index_dir, index_root

    # The public index is what FTS5 and PostgreSQL hold too; the restricted ones are counted apart.
    index_bytes = size_of(index_dir(PUBLIC))
    restricted_bytes = size_of(index_root()) - index_bytes
    out.write_text(
        json.dumps(
            {
                "size": size,
                "built": built,
                "index_mb": round(index_bytes / 1e6, 1),
                "restricted_index_mb": round(restricted_bytes / 1e6, 1),
                "fts5_mb": round(fts_path.stat().st_size / 1e6, 1),
                "postgresql_mb": round(pg_loaded["mb"], 1) if pg else None,
                "percentiles": {
                    name: {"p50": _percentile(ms, 50), "p95": _percentile(ms, 95)}
                    for name, ms in latencies.items()
                },
                "queries": per_query,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    if pg and not keep:
        pg.drop()


# The name of a measure beside each baseline (FTS5's names predate the PostgreSQL baseline).
PEER_SUFFIX = {"sqlite_fts5": "", "postgresql": "_vs_postgresql"}


def _results(data: dict, label: str, goal: float | None) -> list[dict]:
    """p50 and p95 beside each baseline, the index's build rate and size beside FTS5's and PostgreSQL's."""
    ours = data["percentiles"]["protokol"]
    out = []
    for peer in PEER_SUFFIX:
        if peer not in data["percentiles"]:
            continue
        suffix = PEER_SUFFIX[peer]
        for p in ("p50", "p95"):
            out.append(
                result(
                    f"search_{p}_ms_{label}{suffix}",
                    ours[p],
                    "ms",
                    goal=goal if p == "p95" else None,
                    peer={"name": peer, "value": data["percentiles"][peer][p]},
                )
            )
    for who in ("member", "admin"):
        if f"protokol_{who}" in data["percentiles"]:
            out.append(
                result(
                    f"search_p95_ms_{label}_{who}",
                    data["percentiles"][f"protokol_{who}"]["p95"],
                    "ms",
                    goal=goal,
                    peer={"name": "visitor (same run)", "value": ours["p95"]},
                )
            )
    out.append(
        result(
            f"search_index_build_items_per_s_{label}",
            data["built"]["items"] / data["built"]["seconds"],
            "items/s",
        )
    )
    for peer, key in (("sqlite_fts5", "fts5_mb"), ("postgresql", "postgresql_mb")):
        if data.get(key) is not None:
            out.append(
                result(
                    f"search_index_size_mb_{label}{PEER_SUFFIX[peer]}",
                    data["index_mb"],
                    "MB",
                    peer={"name": peer, "value": data[key]},
                )
            )
    return out


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
        child(args.child, Path(args.out), keep=args.keep)
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
            [sys.executable, "-m", "bench.bench_search", "--child", str(size), "--out", str(out)]
            + (["--keep"] if args.keep else []),
            check=True,
            env=env,
            cwd=ROOT,
        )
        data = json.loads(out.read_text())
        details.append(data)
        label = _label(size)
        goal = GOAL_P95_MS if size >= 1_000_000 else None
        results += _results(data, label, goal)
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
