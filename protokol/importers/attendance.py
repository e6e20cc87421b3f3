"""Who took part in the meeting: the attendance lists before the first item.

"Deltagere: Anne Holm (A), Bent Kragh (V)", a heading "Medlemmer" or "Tilstede" over one name a
line ("Lolan Ottesen (A) - formand"), "Fraværende:" / "Afbud:" with names after them or under
them, "Stedfortræder: Ib Hansen (A) for Ole Bollesen (A)". The result is the interchange's
meeting ``participants``: name, and where the document says it party, role, present and
substitute_for.
"""

from __future__ import annotations

import re

from .lines import Line
from .vocab import ATTENDANCE_LINE, PERSON, SUBSTITUTE

_SPLIT = re.compile(r"\s*(?:,|;|\bog\b)\s*(?![^()]*\))")
#: headings of persons who are at the meeting in a role of their own, not as members
_ROLE_HEADINGS = {"sekretær": "sekretær", "referent": "referent", "mødeleder": "mødeleder"}
_ROLE_LINE = re.compile(r"(?i)^(?P<head>Sekretær|Referent|Mødeleder)\s*:?\s*(?P<rest>.*)$")
_PARTICLES = {"von", "van", "de", "la", "le", "af"}
_NOT_A_NAME = re.compile(r"(?i)\b(?:ingen|intet|alle|mødt|til stede|deltog|punkt|side|dato|kl\.)\b|\d")


def _person(text: str, strict: bool = False) -> dict | None:
    """One person; ``strict`` for a line of its own under a heading, which must read as a full
    name (two capitalised words at least: "Åbent referat" and "Bemærk:" are not persons)."""
    if strict and text.rstrip().endswith(":"):
        return None
    text = text.strip(" .,;:")
    if not text or len(text) > 80 or _NOT_A_NAME.search(re.sub(r"\([^)]*\)", "", text)):
        return None
    m = PERSON.match(text)
    if not m or len(m.group("name").split()) > 5:
        return None
    words = m.group("name").split()
    if strict and (len(words) < 2 or not all(w[:1].isupper() or w in _PARTICLES for w in words)):
        return None
    person: dict = {"name": m.group("name").strip()}
    if m.group("party"):
        person["party"] = m.group("party").strip()
    if m.group("role"):
        person["role"] = m.group("role").strip()
    return person


def _people(text: str, strict: bool = False) -> list[dict]:
    return [p for p in (_person(part, strict) for part in _SPLIT.split(text) if part.strip()) if p]


def read_participants(lines: list[Line]) -> list[dict]:
    """The meeting's participants from the lines before its first item; [] where it lists none."""
    people: list[dict] = []
    state: dict | None = None  # what the list being read says of its persons

    def add(person: dict, extra: dict) -> None:
        person = {**person, **extra}
        for known in people:
            if known["name"].casefold() == person["name"].casefold():
                known.update({k: v for k, v in person.items() if v is not None})
                return
        people.append(person)

    for line in lines:
        text = line.text.strip()
        sub = SUBSTITUTE.match(text) if "for" in text else None
        if sub and (text.casefold().startswith("stedfortræder") or (state or {}).get("substitutes")):
            person = _person(
                sub.group("sub") + (f" ({sub.group('subparty')})" if sub.group("subparty") else "")
            )
            absent = _person(
                sub.group("for") + (f" ({sub.group('forparty')})" if sub.group("forparty") else "")
            )
            if person and absent:
                add(absent, {"present": False})
                add(person, {"present": True, "substitute_for": absent["name"]})
                continue
        m = ATTENDANCE_LINE.match(text)
        role = _ROLE_LINE.match(text) if not m else None
        if m:
            head = m.group("head").casefold()
            state = (
                {"substitutes": True}
                if head.startswith("stedfortræder")
                else {"present": not head.startswith(("fravær", "afbud"))}
            )
            rest = m.group("rest")
        elif role:
            state = {"present": True, "role": _ROLE_HEADINGS[role.group("head").casefold()]}
            rest = role.group("rest")
        elif state is not None and "substitutes" not in state:
            found = _people(text, strict=True)
            if not found:
                state = None
                continue
            for person in found:
                add(person, state)
            continue
        else:
            continue
        for person in _people(rest):
            add(person, {k: v for k, v in state.items() if k != "substitutes"})
    _absent_by_first_name(people)
    return people


def _absent_by_first_name(people: list[dict]) -> None:
    """ "Afbud: Tilde" where "Tilde Ølholm" is listed among those present: the same person."""
    for short in [p for p in people if p.get("present") is False and " " not in p["name"]]:
        matches = [p for p in people if p is not short and p["name"].split()[0] == short["name"]]
        if len(matches) == 1:
            matches[0]["present"] = False
            people.remove(short)
