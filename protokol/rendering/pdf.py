"""The agenda or minutes as an archival, tagged PDF (PDF/A-2a and PDF/UA-1), set by Typst."""

import json
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import typst

from protokol.rendering import present

if TYPE_CHECKING:
    from typst import PDFStandard  # only in the stub

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
TEMPLATE = TEMPLATE_DIR / "document.typ"
PDF_STANDARDS: "list[PDFStandard]" = ["a-2a", "ua-1"]
REPLACEMENT = "\ufffd"

# Typst's words when no font has a glyph for a text; PDF/A forbids showing it as an empty box.
_UNDISPLAYABLE = re.compile(r'the text `"((?:[^"\\]|\\.)*)"` could not be displayed')
_RUST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\(.)")
_RUST_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
# Scripts the bundled and usual fonts (Libertinus Serif, DejaVu Sans) cover: Latin, Greek,
# Cyrillic, punctuation, currency, letterlike symbols, arrows, mathematical operators.
_COVERED = re.compile(r"[^\n\u0020-\u024f\u0250-\u02ff\u0300-\u036f\u0370-\u052f\u1e00-\u1eff\u2000-\u22ff]")
_MAX_ATTEMPTS = 20

_compiler: typst.Compiler | None = None
# One compiler per process keeps fonts and Typst's memoised layout between calls (most of the
# time of a cold compile); it is not safe to share between threads, hence the lock.
_lock = threading.Lock()


def _get_compiler() -> typst.Compiler:
    global _compiler
    if _compiler is None:
        _compiler = typst.Compiler(TEMPLATE, root=TEMPLATE_DIR)
    return _compiler


def _compile(view_json: str) -> bytes:
    with _lock:
        pdf = _get_compiler().compile(
            format="pdf", sys_inputs={"doc": view_json}, pdf_standards=PDF_STANDARDS
        )
    assert isinstance(pdf, bytes)
    return pdf


def _undisplayable(error: typst.TypstError) -> str | None:
    match = _UNDISPLAYABLE.search(str(error))
    if match is None:
        return None
    return _RUST_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else _RUST_SIMPLE.get(m[2], m[2]), match[1])


def _replace(view: object, chars: set[str] | None) -> object:
    """The view with the given characters (or, with None, every uncovered one) replaced by U+FFFD."""
    if isinstance(view, str):
        if chars is None:
            return _COVERED.sub(REPLACEMENT, view)
        return "".join(REPLACEMENT if c in chars else c for c in view)
    if isinstance(view, list):
        return [_replace(v, chars) for v in view]
    if isinstance(view, dict):
        return {k: _replace(v, chars) for k, v in view.items()}
    return view


def render_pdf(doc: dict) -> bytes:
    """The document as PDF bytes; the edition is ``doc["edition"]``, the public one if absent.

    A character no font can show (say Chinese text in a Danish document) would make PDF/A
    export fail; such characters print as U+FFFD instead, so the document still renders.
    """
    view: object = present(doc)
    for attempt in range(_MAX_ATTEMPTS):
        # The content travels as JSON in sys.inputs and the template decodes it: no text of the
        # document is ever pasted into Typst markup.
        try:
            return _compile(json.dumps(view, ensure_ascii=False))
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
