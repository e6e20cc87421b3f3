"""Entry points: a file (or bytes, or lines) in, one ``protokol/meeting@1`` dict out.

Only ``ImportRefused`` leaves for bad input. Format libraries are imported inside their
readers, so that importing this module (and ``protokol parse``) stays fast.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ImportRefused
from .genre import SCHEMA, parse_lines
from .lines import Line
from .readers import MAX_FILE_BYTES, collected_warnings, read_bytes, read_file

__all__ = [
    "SCHEMA",
    "MAX_FILE_BYTES",
    "ImportRefused",
    "parse_file",
    "parse_bytes",
    "parse_text",
    "parse_lines",
]


def _checked(result: dict) -> dict:
    """Refuse a document in which no meeting can be found: the importer could store it under
    no body and date."""
    if result["start"] is None and (result["body"] is None or not result["items"]):
        raise ImportRefused("Dokumentet ligner ikke en dagsorden eller et referat: ingen mødedato fundet")
    if not result["items"] and result["body"] is None:
        raise ImportRefused(
            "Dokumentet ligner ikke en dagsorden eller et referat: intet udvalg og ingen punkter"
        )
    return result


def parse_lines_checked(lines: list[Line]) -> dict:
    if not lines:
        raise ImportRefused("Dokumentet indeholder ingen tekst")
    return _checked(parse_lines(lines))


def _noted(result: dict, notes: list[str]) -> dict:
    """The readers' warnings (a damaged file read anyway) in the result, for the user to see."""
    if notes:
        result["warnings"] = list(notes)
    return result


def parse_bytes(data: bytes) -> dict:
    with collected_warnings() as notes:
        lines = read_bytes(data)
    return _noted(parse_lines_checked(lines), notes)


def parse_text(text: str) -> dict:
    """A document already decoded to text (the text reader's rules, without decoding)."""
    from .readers.text import text_lines

    return parse_lines_checked(text_lines(text.replace("\r\n", "\n").replace("\r", "\n")))


def parse_file(path: Path) -> dict:
    """The interchange dict of the meeting document at ``path``, the reader chosen by content."""
    with collected_warnings() as notes:
        lines = read_file(Path(path))
    return _noted(parse_lines_checked(lines), notes)
