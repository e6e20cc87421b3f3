"""Attendance as minutes print it, into the interchange's `participants` and item `absent`.

The lines before the first item:

    Til stede: Anna Andersen (A), formand, Bo Berg (V), Dorte Dam (A)
    Fraværende: Carl Carlsen (A) (afbud), Finn Friis (C) (uden afbud)
    Stedfortræder: Dorte Dam (A) for Carl Carlsen (A)
    Desuden deltog: Eva Ek, kommunaldirektør

(also run together on one line, "Fraværende: Ole Winther (V). Stedfortræder: Pia Krog (V).", or with
the names on the lines under a label standing alone), and in an item "Anna Andersen (A) deltog ikke i
behandlingen af dette punkt." or "Deltog ikke i behandlingen: Anna Andersen".

This is the form protokol.rendering.attendance prints, so that a rendered meeting reads back with the
same participants; a person listed as present or away without a role is a member ("medlem").
"""

from __future__ import annotations

import re
from typing import Any

from .lines import Line

PRESENT_LABELS = {"til stede", "tilstede", "deltagere", "mødedeltagere", "fremmødte"}
AWAY_LABELS = {"fraværende", "fravær", "afbud", "afbud/fraværende", "fraværende/afbud"}
DEPUTY_LABELS = {"stedfortræder", "stedfortrædere"}
GUEST_LABELS = {"desuden deltog", "desuden til stede", "endvidere deltog", "øvrige deltagere"}
_ALL = PRESENT_LABELS | AWAY_LABELS | DEPUTY_LABELS | GUEST_LABELS
_LABEL = "|".join(sorted((re.escape(label) for label in _ALL), key=len, reverse=True))
_LINE = re.compile(rf"(?i)^(?P<label>{_LABEL})\s*:\s*(?P<rest>.*)$")
# "Fraværende: Ole Winther (V). Stedfortræder: Pia Krog (V)." - a second label on the same line.
_NEXT = re.compile(rf"(?i)[.;]?\s+(?=(?:{_LABEL})\s*:)")
# The printed roles, back to the interchange's values.
ROLES = {
    "formand": "formand",
    "næstformand": "naestformand",
    "medlem": "medlem",
    "stedfortræder": "stedfortraeder",
}
_ENTRY = re.compile(
    r"^(?P<name>[^()]+?)\s*(?:\((?!(?:uden )?afbud\))(?P<party>[^()]{1,12})\))?"
    r"\s*(?:\((?P<mark>afbud|uden afbud)\))?"
    r"(?:\s*[-–]\s*(?P<role>formand|næstformand))?$",
    re.IGNORECASE,
)
_ROLE_PIECE = re.compile(r"(?i)^(?P<role>formand|næstformand|medlem)\s*(?:\((?P<mark>afbud|uden afbud)\))?$")
_DEPUTY = re.compile(
    r"^(?P<name>[^()]+?)\s*(?:\((?P<party>[^()]{1,12})\))?"
    r"(?:\s+for\s+(?P<for>[^()]+?)\s*(?:\((?P<for_party>[^()]{1,12})\))?)?$"
)
_NAME = re.compile(r"^[A-ZÆØÅÉÄÖÜ][\w.'\-]*(?:\s+[\w.'\-]+){0,6}$")
_ITEM_ABSENT_TAIL = re.compile(
    r"(?i)^(?P<names>.{2,300}?)\s+deltog\s+ikke\s+i\s+(?:behandlingen|sagens\s+behandling)"
    r"(?:\s+af\s+(?:dette\s+punkt|punktet|sagen|denne\s+sag))?\s*\.?$"
)
_ITEM_ABSENT_LEAD = re.compile(
    r"(?i)^(?:følgende\s+)?deltog\s+ikke\s+i\s+(?:behandlingen|sagens\s+behandling)"
    r"(?:\s+af\s+(?:dette\s+punkt|punktet|sagen|denne\s+sag))?\s*:\s*(?P<names>.+?)\.?$"
)
_PARTY_ONLY = re.compile(r"^\([^()]{1,12}\)$")
_PARTY_SUFFIX = re.compile(r"\s*\([^()]{1,12}\)\s*$")
# Name lists under a label standing alone: at most this many lines.
_MAX_LIST = 40


def _split(value: str, seps: str = ",;") -> list[str]:
    """The pieces of a list, split at separators outside parentheses and at " og " before the last."""
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in value:
        depth += (ch == "(") - (ch == ")")
        if ch in seps and depth <= 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    out = []
    for piece in pieces:
        out.extend(re.split(r"\s+og\s+(?=[A-ZÆØÅ])", piece))
    return [p.strip().rstrip(".").strip() for p in out if p.strip().rstrip(".").strip()]


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) if text and text.strip() else None


def _entry(name: str, party: str | None) -> dict[str, Any]:
    return {"name": name, "party": party, "role": "medlem", "present": True, "substitute_for": None}


def _seated(value: str, *, present: bool, excused: bool | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for piece in _split(value):
        role = _ROLE_PIECE.match(piece)
        if role and out:
            out[-1]["role"] = ROLES[role.group("role").casefold()]
            mark = role.group("mark")
        else:
            m = _ENTRY.match(piece)
            if not m or not _NAME.match(m.group("name").strip()):
                continue
            out.append(_entry(" ".join(m.group("name").split()), _clean(m.group("party"))))
            if m.group("role"):
                out[-1]["role"] = ROLES[m.group("role").casefold()]
            mark = m.group("mark")
        out[-1]["present"] = present
        if not present and (excused is False or (mark or "").casefold() == "uden afbud"):
            out[-1]["excused"] = False
    return out


def _continues(value: str, text: str) -> bool:
    """Whether a line goes on with the list before it, wrapped where the reader did not join it:
    after a comma, or a line of names ("(A), Peter Krogh (C)") with no label of its own."""
    if ":" in text or _LINE.match(text):
        return False
    if value.rstrip().endswith((",", " og")):
        return True
    if "(" not in text and "," not in text:
        return False
    pieces = _split(text)
    return bool(pieces) and all(
        _PARTY_ONLY.match(p) or _ROLE_PIECE.match(p) or (_ENTRY.match(p) and _NAME.match(_name_of(p)))
        for p in pieces
    )


def _name_of(piece: str) -> str:
    m = _ENTRY.match(piece)
    return m.group("name").strip() if m else ""


def _parts(lines: list[Line]) -> list[tuple[str, str]]:
    """(label, value) of every attendance line, a label standing alone taking the names under it."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        found = False
        for part in _NEXT.split(lines[i].text):
            m = _LINE.match(part.strip())
            if m:
                out.append((m.group("label").casefold(), m.group("rest").strip()))
                found = True
        i += 1
        while found and out[-1][1] and i < len(lines) and _continues(out[-1][1], lines[i].text.strip()):
            out[-1] = (out[-1][0], f"{out[-1][1]} {lines[i].text.strip()}")
            i += 1
        if out and not out[-1][1] and _LINE.match(lines[i - 1].text.strip()):
            names: list[str] = []
            while i < len(lines) and len(names) < _MAX_LIST:
                text = lines[i].text.strip()
                if (
                    _LINE.match(text)
                    or ":" in text
                    or not _NAME.match(_PARTY_SUFFIX.sub("", text.split(",")[0]))
                ):
                    break
                names.append(text.rstrip(",;"))
                i += 1
            out[-1] = (out[-1][0], "; ".join(names) if out[-1][0] in GUEST_LABELS else ", ".join(names))
    return out


def read_participants(lines: list[Line]) -> list[dict[str, Any]]:
    """The meeting's `participants` from the lines before the first item; [] where none are printed."""
    people: list[dict[str, Any]] = []
    by_name: dict[str, dict[str, Any]] = {}

    def add(entry: dict[str, Any]) -> None:
        known = by_name.get(entry["name"])
        if known is None:
            by_name[entry["name"]] = entry
            people.append(entry)
        else:
            known.update({k: v for k, v in entry.items() if v is not None or k not in known})

    for label, value in _parts(lines):
        if not value:
            continue
        if label in PRESENT_LABELS:
            for entry in _seated(value, present=True, excused=None):
                add(entry)
        elif label in AWAY_LABELS:
            for entry in _seated(value, present=False, excused=None):
                add(entry)
        elif label in DEPUTY_LABELS:
            for piece in _split(value):
                m = _DEPUTY.match(piece)
                if not m or not _NAME.match(m.group("name").strip()):
                    continue
                name = " ".join(m.group("name").split())
                entry = by_name.get(name) or _entry(name, _clean(m.group("party")))
                entry.update(role="stedfortraeder", present=True)
                if m.group("for"):
                    entry["substitute_for"] = " ".join(m.group("for").split())
                add(entry)
        else:
            for piece in _split(value, seps=";"):
                name_part, _, role = piece.partition(",")
                m = _ENTRY.match(name_part.strip())
                if not m or not _NAME.match(m.group("name").strip()):
                    continue
                entry = _entry(" ".join(m.group("name").split()), _clean(m.group("party")))
                role = " ".join(role.split())
                entry.update(role=ROLES.get(role.casefold(), role) or None, voting=False)
                add(entry)
    return people


def item_absent(text: str) -> list[str] | None:
    """The names in "X (A) og Y deltog ikke i behandlingen af dette punkt." or "Deltog ikke i
    behandlingen: X", without their party letters; None for any other line."""
    m = _ITEM_ABSENT_LEAD.match(text.strip()) or _ITEM_ABSENT_TAIL.match(text.strip())
    if not m:
        return None
    names = [_PARTY_SUFFIX.sub("", piece).strip() for piece in _split(m.group("names"))]
    names = [n for n in names if _NAME.match(n)]
    return names or None
