"""What the readers tell while they read: warnings about a document read anyway, and progress."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_WARNINGS: ContextVar[list[str] | None] = ContextVar("import_warnings", default=None)


def warn(message: str) -> None:
    """Tell the user something about a document that was read anyway (a damaged file salvaged)."""
    notes = _WARNINGS.get()
    if notes is not None and message not in notes:
        notes.append(message)


_PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("import_progress", default=None)


def progress(done: int, total: int) -> None:
    """A reader's progress through a slow document (OCR: pages read of all)."""
    report = _PROGRESS.get()
    if report is not None:
        report(done, total)


@contextmanager
def reporting_progress(report: Callable[[int, int], None]) -> Iterator[None]:
    """Call ``report(done, total)`` as the readers get on while the block runs (a progress bar)."""
    token = _PROGRESS.set(report)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


@contextmanager
def collected_warnings() -> Iterator[list[str]]:
    """The warnings the readers give while the block runs."""
    notes: list[str] = []
    token = _WARNINGS.set(notes)
    try:
        yield notes
    finally:
        _WARNINGS.reset(token)
