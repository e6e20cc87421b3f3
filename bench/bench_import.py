"""Importer benchmarks: parse throughput per input kind, PDF text extraction beside poppler's pdftotext,
and storing parsed documents into SQLite and PostgreSQL. Writes bench/results/import.json.

    python -m bench.bench_import
    python -m bench.bench_import --archive     # only the archive import (jobs) figures
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median_seconds, result, write_results

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PROTOKOL_SHARED_DIR", ROOT.parent / "shared")) / "corpus"
OWN = ROOT / "protokol" / "importers" / "tests" / "documents"
PG_URL = os.environ.get("PROTOKOL_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def _inputs() -> dict[str, list[Path]]:
    text = [CORPUS / "kalundborg_direktionen_2016-05-30.txt", *sorted(OWN.glob("*.txt"))]
    html = sorted(CORPUS.glob("*.html")) + sorted(OWN.glob("*.html"))
    pdf = sorted(CORPUS.glob("*.pdf")) + sorted((CORPUS / "attachments").glob("*.pdf"))
    return {"text": text, "html": html, "pdf": pdf}


def _parse_rate(paths: list[Path]) -> float:
    from protokol.importers.parse import parse_file

    rounds = max(1, 60 // len(paths))

    def run() -> None:
        for _ in range(rounds):
            for path in paths:
                parse_file(path)

    seconds = median_seconds(run, repeats=5)
    return rounds * len(paths) / seconds


def _pages(paths: list[Path]) -> int:
    import pypdfium2

    total = 0
    for path in paths:
        pdf = pypdfium2.PdfDocument(str(path))
        total += len(pdf)
        pdf.close()
    return total


def _extraction(paths: list[Path]) -> tuple[float, float | None]:
    """Pages per second: protokol's PDF reader, and pdftotext on the same files (None where missing)."""
    from protokol.importers.readers import read_file

    pages = _pages(paths)
    ours = median_seconds(lambda: [read_file(p) for p in paths], repeats=5)
    peer = None
    if shutil.which("pdftotext"):
        seconds = median_seconds(
            lambda: [
                subprocess.run(["pdftotext", str(p), "-"], capture_output=True, check=True) for p in paths
            ],
            repeats=5,
        )
        peer = pages / seconds
    return pages / ours, peer


def _store_rate(database_url: str, docs: int) -> float:
    """docs/s storing parsed documents, measured in a child process with its own database."""
    with tempfile.TemporaryDirectory() as var:
        env = dict(os.environ, PROTOKOL_DATABASE_URL=database_url.replace("{var}", var), PROTOKOL_VAR_DIR=var)
        out = subprocess.run(
            [sys.executable, "-m", "bench.bench_import", "--store", str(docs)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])["docs_per_s"]


def _store_child(docs: int) -> None:
    """In the child: migrate, parse the corpus once, store `docs` documents on distinct dates."""
    import copy
    from datetime import datetime, timedelta

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protokol.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from protokol.common.users import system_user
    from protokol.importers.parse import parse_file
    from protokol.importers.store import store_document

    call_command("migrate", interactive=False, verbosity=0)
    by = system_user()
    parsed = [parse_file(p) for paths in _inputs().values() for p in paths if p.parent == CORPUS]
    batch = []
    for n in range(docs):
        doc = copy.deepcopy(parsed[n % len(parsed)])
        start = datetime.fromisoformat(doc["start"]) + timedelta(days=7 * (n // len(parsed) + 1))
        doc["start"] = start.isoformat()
        batch.append(doc)
    t0 = time.perf_counter()
    for doc in batch:
        store_document(doc, by=by, organization="Benchmark Kommune")
    seconds = time.perf_counter() - t0
    print(json.dumps({"docs_per_s": docs / seconds}))


def _ordinary_minutes(folder: Path, count: int) -> list[Path]:
    """Generated ordinary minutes (text, DOCX, HTML, PDF in turn), each a meeting of its own."""
    from protokol.importers.tests.layouts import generate

    formats = ("text", "docx", "html", "pdf")
    suffix = {"text": "txt", "docx": "docx", "html": "html", "pdf": "pdf"}
    keys, paths, seed = set(), [], 0
    while len(paths) < count:
        fmt = formats[seed % len(formats)]
        meeting, data, _layout = generate(seed, fmt)
        seed += 1
        key = (meeting["body"], meeting["start"][:10])
        if key not in keys:
            keys.add(key)
            paths.append(folder / f"referat-{seed:04d}.{suffix[fmt]}")
            paths[-1].write_bytes(data)
    return paths


def _archive_rate(database_url: str, files: list[Path], workers: int) -> float:
    """docs/s of `protokol import` (parse and store, end to end) with `workers` job workers (0: in process)."""
    with tempfile.TemporaryDirectory() as var:
        env = dict(os.environ, PROTOKOL_DATABASE_URL=database_url.replace("{var}", var), PROTOKOL_VAR_DIR=var)
        run = [sys.executable, "-m", "protokol"]
        subprocess.run([*run, "init"], cwd=ROOT, env=env, capture_output=True, check=True)
        options = ["--workers", str(workers)] if workers else []
        t0 = time.perf_counter()
        subprocess.run(
            [*run, "import", *options, "--organization", "Benchmark Kommune", *map(str, files)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=False,  # a refused file is a line in the output, not a failed benchmark
        )
        return len(files) / (time.perf_counter() - t0)


def _archive_results() -> list[dict]:
    """Archive import throughput as jobs: the benchmark mix (the corpus and our own documents) and a mix
    of ordinary minutes, into SQLite and PostgreSQL, in process and with 1 and 2 workers."""
    inputs = _inputs()
    mix = sorted({p for paths in inputs.values() for p in paths if p.parent in (CORPUS, OWN)})
    results = []
    with tempfile.TemporaryDirectory() as folder:
        ordinary = _ordinary_minutes(Path(folder), 120)
        for name, files in (("mix", mix), ("ordinary", ordinary)):
            for workers in (0, 1, 2):
                pg = _postgres_url()
                targets = [("sqlite", "sqlite:///{var}/b.sqlite3")] + ([("postgresql", pg)] if pg else [])
                try:
                    for db, url in targets:
                        goal = 50 if (name, db, workers) == ("ordinary", "postgresql", 2) else None
                        rate = _archive_rate(url, files, workers)
                        results.append(
                            result(
                                f"archive_{name}_{db}_{workers}_workers_docs_per_s", rate, "docs/s", goal=goal
                            )
                        )
                finally:
                    if pg:
                        _drop(pg)
    return results


def _refusal_results() -> list[dict]:
    """Seconds to refuse each hostile file at full size (the limit tests check the memory; goal 5 s)."""
    from protokol.importers.errors import ImportRefused
    from protokol.importers.parse import parse_file
    from protokol.importers.tests import hostile_files

    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name, build in hostile_files.ALL.items():
            path = build(Path(folder))

            def refuse(path: Path = path) -> None:
                try:
                    parse_file(path)
                except ImportRefused:
                    return
                raise AssertionError(f"{path.name} was not refused")

            results.append(result(f"refuse_{name}_s", median_seconds(refuse, repeats=3), "s", goal=5))
            path.unlink()
    return results


def _postgres_url() -> str | None:
    """A fresh database on the local server, or None where there is none."""
    try:
        import psycopg

        name = f"bench_import_{os.getpid()}"
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return PG_URL.rsplit("/", 1)[0] + "/" + name
    except Exception:  # noqa: BLE001 - no server: the PostgreSQL figure is left out and said so
        return None


def _drop(url: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def main() -> None:
    inputs = _inputs()
    results = []
    for kind, goal in (("text", 300), ("html", None), ("pdf", None)):
        rate = _parse_rate(inputs[kind])
        results.append(result(f"parse_{kind}_docs_per_s", rate, "docs/s", goal=goal))
    ours, peer = _extraction(inputs["pdf"])
    results.append(
        result(
            "pdf_text_extraction_pages_per_s",
            ours,
            "pages/s",
            peer={"name": "pdftotext", "value": peer} if peer else None,
        )
    )
    if peer:
        results.append(result("pdf_extraction_speed_vs_pdftotext", ours / peer, "ratio", goal=0.5))
    docs = 40
    results.append(
        result("import_sqlite_docs_per_s", _store_rate("sqlite:///" + "{var}/b.sqlite3", docs), "docs/s")
    )
    pg = _postgres_url()
    if pg:
        try:
            results.append(result("import_postgresql_docs_per_s", _store_rate(pg, docs), "docs/s"))
        finally:
            _drop(pg)
    results += _refusal_results()
    results += _archive_results()
    from bench.layouts import ocr_rate, score_layouts

    results += score_layouts() + ocr_rate()
    write_results("import", results)


if __name__ == "__main__":
    if sys.argv[1:] == ["--archive"]:
        write_results("import", _archive_results(), merge=True)
    elif sys.argv[1:] == ["--refusals"]:
        write_results("import", _refusal_results(), merge=True)
    elif len(sys.argv) == 3 and sys.argv[1] == "--store":
        _store_child(int(sys.argv[2]))
    else:
        main()
