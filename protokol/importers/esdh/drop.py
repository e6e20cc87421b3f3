"""A drop folder: each package or document put in it is imported once and moved to `done/` or `failed/`
(with `<name>.reason.txt`). A lock file keeps two runs from taking the same entry: the second one finds
the folder locked and does nothing."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

DONE, FAILED, LOCK = "done", "failed", ".protokol-import.lock"


@contextmanager
def _locked(folder: Path) -> Iterator[bool]:
    fd = os.open(folder / LOCK, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _free_name(folder: Path, name: str) -> Path:
    target, n = folder / name, 1
    while target.exists():
        n += 1
        target = folder / f"{name}.{n}"
    return target


def entries(folder: Path) -> list[Path]:
    """What waits in the drop folder: every file or folder but the outcome folders and hidden names."""
    return sorted(p for p in folder.iterdir() if p.name not in (DONE, FAILED) and not p.name.startswith("."))


def process(
    folder: Path,
    importer: Callable[[Path], tuple[bool, str]] | None = None,
    *,
    import_all: Callable[[list[Path]], Iterable[tuple[Path, bool, str]]] | None = None,
) -> list[tuple[bool, str]] | None:
    """Import each entry, one by one with `importer` or as a batch with `import_all` (which yields each
    entry's outcome as it finishes, as jobs do), and move it by the outcome; None when another run holds
    the lock."""
    with _locked(folder) as mine:
        if not mine:
            return None
        todo = entries(folder)
        if import_all is None:
            assert importer is not None
            outcomes: Iterable[tuple[Path, bool, str]] = ((e, *importer(e)) for e in todo)
        else:
            outcomes = import_all(todo)
        results = []
        for entry, ok, line in outcomes:
            outcome = folder / (DONE if ok else FAILED)
            outcome.mkdir(exist_ok=True)
            target = _free_name(outcome, entry.name)
            entry.rename(target)
            if not ok:
                (outcome / f"{target.name}.reason.txt").write_text(line + "\n", encoding="utf-8")
            results.append((ok, line))
        return results
