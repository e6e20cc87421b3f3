"""The agenda or minutes as an archival, tagged PDF (PDF/A-2a and PDF/UA-1), set by Typst."""

import json
import re
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typst

from protokol.rendering import present

if TYPE_CHECKING:
    from typst import PDFStandard  # only in the stub

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
TEMPLATE = TEMPLATE_DIR / "document.typ"
# The only fonts a PDF is set in: links to font files of Debian packages (scripts/debian-packages.sh),
# never the machine's other fonts nor those built into Typst, so the same document gives the same PDF
# wherever it is rendered.
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_PACKAGES = ("fonts-dejavu-core", "fonts-dejavu-extra", "fonts-noto-core", "fonts-noto-cjk")
PDF_STANDARDS: "list[PDFStandard]" = ["a-2a", "ua-1"]
REPLACEMENT = "\ufffd"

# Typst's words when no font has a glyph for a text; PDF/A forbids showing it as an empty box.
_UNDISPLAYABLE = re.compile(r'the text `"((?:[^"\\]|\\.)*)"` could not be displayed')
_RUST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\(.)")
_RUST_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
# Scripts the project's fonts (FONT_DIR) cover: Latin, Greek, Cyrillic, punctuation, currency, letterlike
# symbols, arrows, mathematical operators (DejaVu Sans); Armenian, Hebrew, Arabic, Devanagari, Thai,
# Georgian, Ethiopic (Noto Sans); Chinese, Japanese and Korean (Noto Sans CJK).
_COVERED = re.compile(
    "[^\n\u0020-\u024f\u0250-\u02ff\u0300-\u036f\u0370-\u052f\u0530-\u05ff\u0600-\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\u0900-\u097f\u0e00-\u0e7f\u10a0-\u10ff\u1200-\u139f"
    "\u1e00-\u1eff\u2000-\u22ff\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufeff\uff00-\uffef]"
)
# Code points PDF/A forbids in a document's text (NUL among them) or that have no meaning as text:
# control characters other than tab and line feed, the byte order mark, noncharacters and lone
# surrogates. They show nothing, so they are dropped, not replaced.
_DISALLOWED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufdd0-\ufdef\ud800-\udfff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
_MAX_ATTEMPTS = 20

_compiler: typst.Compiler | None = None
# One compiler per process keeps fonts and Typst's memoised layout between calls (most of the
# time of a cold compile); it is not safe to share between threads, hence the lock.
_lock = threading.Lock()


# Typst writes the catalog's /MarkInfo as "<</Marked true/Suspects false>>". /Suspects false is valid
# (and the default), but poppler up to 23.x reports it as "Syntax Error: Suspects object is wrong type
# (boolean)", so pdfinfo calls every PDF broken. The entry is blanked out with as many spaces, so the
# byte offsets of the cross-reference table stay right.
_SUSPECTS_FALSE = re.compile(rb"(/MarkInfo\s*<<[^>]*?)(/Suspects\s+false)")


def _without_poppler_false_alarm(pdf: bytes) -> bytes:
    return _SUSPECTS_FALSE.sub(lambda m: m[1] + b" " * len(m[2]), pdf, count=1)


class FontsMissing(RuntimeError):
    """A font file of the project is not on this machine (its Debian package is not installed)."""


def fonts() -> typst.Fonts:
    """The project's fonts and no others (not the system's, not Typst's built-in ones)."""
    missing = sorted(link.name for link in FONT_DIR.iterdir() if not link.exists())
    if missing:
        raise FontsMissing(
            f"Font files missing: {', '.join(missing)}. Install the Debian packages "
            f"{' '.join(FONT_PACKAGES)} (make system-deps)."
        )
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)])


def _get_compiler() -> typst.Compiler:
    global _compiler
    if _compiler is None:
        _compiler = typst.Compiler(TEMPLATE, root=TEMPLATE_DIR, font_paths=fonts(), ignore_system_fonts=True)
    return _compiler


def _timestamp(view: object) -> int:
    """The PDF's creation date: the meeting's day (midnight UTC), never the clock, so that the same
    document gives the same bytes; 1 January 1980 (the ZIP epoch) for a document without a date."""
    start = view.get("start_date") if isinstance(view, dict) else None
    day = date.fromisoformat(start) if isinstance(start, str) and start else date(1980, 1, 1)
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def _compile(view_json: str, timestamp: int) -> bytes:
    with _lock:
        pdf = _get_compiler().compile(
            format="pdf", sys_inputs={"doc": view_json}, pdf_standards=PDF_STANDARDS, timestamp=timestamp
        )
    assert isinstance(pdf, bytes)
    return _without_poppler_false_alarm(pdf)


def _undisplayable(error: typst.TypstError) -> str | None:
    match = _UNDISPLAYABLE.search(str(error))
    if match is None:
        return None
    return _RUST_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else _RUST_SIMPLE.get(m[2], m[2]), match[1])


def _map_text(view: object, change: Callable[[str], str]) -> object:
    """The view with every string in it changed by ``change``."""
    if isinstance(view, str):
        return change(view)
    if isinstance(view, list):
        return [_map_text(v, change) for v in view]
    if isinstance(view, dict):
        return {k: _map_text(v, change) for k, v in view.items()}
    return view


def _replace(view: object, chars: set[str] | None) -> object:
    """The view with the given characters (or, with None, every uncovered one) replaced by U+FFFD."""
    if chars is None:
        return _map_text(view, lambda text: _COVERED.sub(REPLACEMENT, text))
    return _map_text(view, lambda text: "".join(REPLACEMENT if c in chars else c for c in text))


def _without_disallowed(view: object) -> object:
    return _map_text(view, lambda text: _DISALLOWED.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))


def render_pdf(doc: dict) -> bytes:
    """The document as PDF bytes; the edition is ``doc["edition"]``, the public one if absent.

    A character none of the project's fonts can show (say Linear B or an emoji) would make PDF/A
    export fail; such characters print as U+FFFD instead, so the document still renders.
    """
    view: object = _without_disallowed(present(doc))
    for attempt in range(_MAX_ATTEMPTS):
        # The content travels as JSON in sys.inputs and the template decodes it: no text of the
        # document is ever pasted into Typst markup.
        try:
            return _compile(json.dumps(view, ensure_ascii=False), _timestamp(view))
        except typst.TypstError as error:
            text = _undisplayable(error)
            if text is None or attempt == _MAX_ATTEMPTS - 1:
                raise
            # First failure: replace every character outside the covered scripts at once, so
            # that a document full of, say, CJK needs one more compile and not one per glyph.
            view = _replace(view, set(text) - {"\n", " "})
            if attempt == 0:
                view = _replace(view, None)
    raise AssertionError("unreachable")
