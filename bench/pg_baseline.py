"""The PostgreSQL baseline for the search benchmark: what a typical Django site on PostgreSQL does.

A stored tsvector (title weight A, text weight B, `danish` configuration) with a GIN index, as
django.contrib.postgres's SearchVectorField + GinIndex; a page is the top 20 by ts_rank with
ts_headline snippets for them, the number of matches and the per-body and per-year counts: the same
page the FTS5 baseline and protokol's own search answer. The corpus is copied from the FTS5 file,
so all three search the same items.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path

import psycopg
from psycopg import sql

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
_TOKEN = re.compile(r'"[^"]*"|\S+')


def server_url() -> str:
    return os.environ.get("PROTOKOL_BENCH_POSTGRES", DEFAULT_URL)


def available() -> bool:
    try:
        with psycopg.connect(server_url(), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def tsquery(q: str) -> tuple[str, list[str]]:
    """The query as a tsquery expression: words ANDed, "phrases" in order, prefix* as :*."""
    parts, args = [], []
    for token in _TOKEN.findall(q):
        if token.startswith('"'):
            parts.append("phraseto_tsquery('danish', %s)")
            args.append(token.strip('"'))
        elif token.endswith("*"):
            # to_tsquery stems the prefix as protokol does ("skole" → "skol"), then :* expands it.
            word = re.sub(r"[^\w]", "", token)
            parts.append("to_tsquery('danish', %s)")
            args.append(f"{word}:*")
        else:
            parts.append("plainto_tsquery('danish', %s)")
            args.append(token)
    return " && ".join(parts), args


class Baseline:
    """A database of its own on the benchmark's PostgreSQL server, loaded from the FTS5 corpus."""

    def __init__(self, name: str):
        self.name = name
        self.conn: psycopg.Connection | None = None

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(server_url(), autocommit=True)

    def load(self, fts_path: Path) -> dict:
        with self._admin() as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(self.name)))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
        url = psycopg.conninfo.make_conninfo(server_url(), dbname=self.name)
        self.conn = psycopg.connect(url, autocommit=True)
        t0 = time.perf_counter()
        self.conn.execute(
            "CREATE TABLE items (item_id bigint PRIMARY KEY, title text, text text, body text, year int,"
            " tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('danish', title), 'A')"
            " || setweight(to_tsvector('danish', text), 'B')) STORED)"
        )
        source = sqlite3.connect(fts_path)
        with (
            self.conn.cursor() as cur,
            cur.copy("COPY items (item_id, title, text, body, year) FROM STDIN") as copy,
        ):
            for row in source.execute("SELECT item_id, title, text, body, year FROM items"):
                copy.write_row(row)
        source.close()
        self.conn.execute("CREATE INDEX items_tsv ON items USING gin (tsv)")
        self.conn.execute("CREATE INDEX items_body ON items (body)")
        self.conn.execute("VACUUM ANALYZE items")
        (size,) = self.conn.execute("SELECT pg_total_relation_size('items')").fetchone()
        return {"seconds": time.perf_counter() - t0, "mb": size / 1e6}

    def page(self, q: str, body: str | None) -> int:
        expr, args = tsquery(q)
        where = "tsv @@ q.q" + (" AND body = %s" if body else "")
        extra = [body] if body else []
        self.conn.execute(
            f"WITH q AS (SELECT {expr} AS q), top AS (SELECT item_id, title, text, ts_rank(tsv, q.q) AS rank"
            f" FROM items, q WHERE {where} ORDER BY rank DESC LIMIT 20)"
            " SELECT item_id, title, ts_headline('danish', text, q.q,"
            " 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15') FROM top, q ORDER BY rank DESC",
            args + extra,
        ).fetchall()
        (count,) = self.conn.execute(
            f"WITH q AS (SELECT {expr} AS q) SELECT count(*) FROM items, q WHERE {where}", args + extra
        ).fetchone()
        for column in ("body", "year"):
            self.conn.execute(
                f"WITH q AS (SELECT {expr} AS q) SELECT {column}, count(*) FROM items, q WHERE {where}"
                f" GROUP BY {column}",
                args + extra,
            ).fetchall()
        return count

    def drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        with self._admin() as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(self.name)))
