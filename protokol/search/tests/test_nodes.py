"""Several web nodes, each with its own index under its own data directory, on one database: a change
written through one node is found by search on another within seconds, a node started later builds its
index from the database and then follows, and a node killed while indexing loses nothing.

The nodes are `protokol serve` (gunicorn) processes; the database is the test's own, SQLite and (in CI)
PostgreSQL. The writes are `protokol import` runs with node A's data directory (its index takes them at
once, as the web process's does)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from protokol.common.testing import CORPUS_DIR, REPO_ROOT
from protokol.importers.tests.layouts import generate

WITHIN_S = 10  # "within a few seconds"
START_S = 60
COUNT_RE = re.compile(r'id="h-results"[^>]*>\s*([\d.]+) resultat')
KALUNDBORG = CORPUS_DIR / "kalundborg_direktionen_2016-05-30.txt"


class Node:
    def __init__(self, database, name: str):
        self.env = dict(database.env, PROTOKOL_DATA_DIR=str(database.var / f"node-{name}"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.database = database
        self.process: subprocess.Popen | None = None

    def launch(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "protokol", "serve", "--port", str(self.port), "--workers", "1"],
            cwd=REPO_ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # gunicorn's master and worker die together
        )

    def start(self) -> Node:
        self.launch()
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            try:
                self.get("/")
                return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"node on port {self.port} did not start")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=120) as response:
            return response.read().decode("utf-8")

    def count(self, word: str) -> int:
        match = COUNT_RE.search(self.get(f"/search/?q={quote(word)}"))
        assert match, f"no result count on the search page for {word!r}"
        return int(match.group(1).replace(".", ""))

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "protokol", *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr


def _found_within(node: Node, word: str, expected: int, seconds: float = WITHIN_S) -> float:
    t0 = time.monotonic()
    while True:
        if node.count(word) == expected:
            return time.monotonic() - t0
        if time.monotonic() - t0 > seconds:
            raise AssertionError(f"{word!r}: {node.count(word)} hits on port {node.port}, not {expected}")
        time.sleep(0.2)


def _hits_within(node: Node, word: str, seconds: float = WITHIN_S) -> int:
    t0 = time.monotonic()
    while (hits := node.count(word)) == 0:
        if time.monotonic() - t0 > seconds:
            raise AssertionError(f"{word!r}: no hit on port {node.port} within {seconds} s")
        time.sleep(0.2)
    return hits


def _kalundborg(folder: Path, word: str) -> Path:
    """The Kalundborg minutes with item 5 about `word` instead of Facebook."""
    path = folder / f"referat-{word}.txt"
    path.write_text(
        KALUNDBORG.read_text(encoding="utf-8").replace("Facebook", word.capitalize()), encoding="utf-8"
    )
    return path


def _generated(folder: Path, count: int) -> tuple[list[Path], list[str]]:
    """Generated minutes, each a meeting of its own, and a word of each one's first item title."""
    keys, paths, words, seed = set(), [], [], 0
    while len(paths) < count:
        meeting, data, _layout = generate(seed, "text")
        seed += 1
        key = (meeting["body"], meeting["start"][:10])
        if key not in keys:
            keys.add(key)
            paths.append(folder / f"g-{seed:03d}.txt")
            paths[-1].write_bytes(data)
            words.append(max(re.findall(r"\w+", meeting["items"][0]["title"]), key=len).lower())
    return paths, words


def test_every_node_finds_what_another_node_wrote(database, tmp_path):
    if not KALUNDBORG.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS_DIR}")
    database.run("init")
    a, b = Node(database, "a"), Node(database, "b")
    nodes = [a, b]
    try:
        a.start(), b.start()
        assert a.count("kvarkfjeld") == b.count("kvarkfjeld") == 0
        a.run("import", "--organization", "Nodeby Kommune", str(_kalundborg(tmp_path, "kvarkfjeld")))
        # The writing node's index has it as soon as its searcher sees the commit (tantivy reloads a
        # reader shortly after another process commits), and then every other node.
        hits = _hits_within(a, "kvarkfjeld")
        print(f"node B found it after {_found_within(b, 'kvarkfjeld', hits):.2f} s")

        # A node started later builds its index from the database, then follows the writes.
        c = Node(database, "c")
        nodes.append(c)
        c.start()
        _found_within(c, "kvarkfjeld", hits, seconds=60)
        a.run("import", "--organization", "Nodeby Kommune", str(_kalundborg(tmp_path, "grusgrav")))
        for node in (a, b, c):
            _found_within(node, "grusgrav", hits)
    finally:
        for node in nodes:
            node.kill()


def test_a_node_killed_while_indexing_loses_nothing(database, tmp_path):
    database.run("init")
    a, b = Node(database, "a"), Node(database, "b")
    b.env["PROTOKOL_SEARCH_DRAIN_BATCH"] = "10"  # B drains in batches of 10 meetings, committing each
    try:
        a.start(), b.start()
        b.kill()  # B is down while A takes a batch of writes
        paths, words = _generated(tmp_path, 50)  # more rows than one drain batch
        a.run("import", "--organization", "Nodeby Kommune", *map(str, paths))
        waiting = _rows_for(b)
        assert waiting > 10
        left = []
        for _round in range(2):
            b.launch()
            # Its first request drains: kill it as soon as its index has committed a first batch.
            threading.Thread(target=_quietly, args=(b, "/search/?q=referat"), daemon=True).start()
            deadline = time.monotonic() + START_S
            while _rows_for(b) == waiting and time.monotonic() < deadline:
                time.sleep(0.02)
            b.kill()
            left.append(_rows_for(b))
            waiting = left[-1]
        print(f"rows waiting for node B after each kill: {left}")
        assert any(n > 0 for n in left), f"node B had caught up before it was killed: {left}"
        b.start()
        for word in words:
            assert b.count(word) == a.count(word) > 0, word
        assert _rows_for(b) == 0
    finally:
        a.kill(), b.kill()


def _quietly(node: Node, path: str) -> None:
    """Ask until the node answers (it may still be starting), ignoring that it is killed meanwhile."""
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        try:
            node.get(path)
            return
        except OSError:
            time.sleep(0.1)


def _rows_for(node: Node) -> int:
    """Outbox rows waiting for the node (as its data directory names it)."""
    import json

    node_id = json.loads((Path(node.env["PROTOKOL_DATA_DIR"]) / "index" / "node.json").read_text())["node"]
    return node.database.query(f"SELECT COUNT(*) FROM search_outboxentry WHERE node_id = {int(node_id)}")[0][
        0
    ]
