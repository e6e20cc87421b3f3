"""The attendance lines of the minutes, as the genre prints them:

    Til stede: Anna Andersen (A), Bo Berg (V)
    Fraværende: Carl Carlsen (A) (afbud)
    Stedfortræder: Dorte Dam (A) for Carl Carlsen (A)
    Desuden deltog: Eva Ek, kommunaldirektør

from the interchange's `participants` (dicts, or plain names where a document gave only those)."""

from __future__ import annotations


def _label(entry: dict) -> str:
    name = str(entry.get("name") or "").strip()
    party = str(entry.get("party") or "").strip()
    return f"{name} ({party})" if name and party else name


def _entries(participants: object) -> list[dict]:
    out = []
    for p in participants if isinstance(participants, list) else []:
        entry = {"name": p, "present": True} if isinstance(p, str) else p
        if isinstance(entry, dict) and str(entry.get("name") or "").strip():
            out.append(entry)
    return out


def attendance_facts(participants: object, absent: object = None) -> list[dict]:
    """Label/value lines for the meeting's facts; `absent` is the older plain list of names away."""
    entries = _entries(participants)
    labels = {str(e.get("name")).strip(): _label(e) for e in entries}
    guests = [
        e
        for e in entries
        if e.get("voting") is False and not e.get("substitute_for") and e.get("present", True)
    ]
    seated = [e for e in entries if e not in guests]
    present = [_label(e) for e in seated if e.get("present", True)]
    away = [
        _label(e) + ("" if e.get("excused") is False else " (afbud)")
        for e in seated
        if not e.get("present", True)
    ]
    known = {str(e.get("name")).strip() for e in entries}
    older = absent if isinstance(absent, list) else []
    away += [n.strip() for n in older if isinstance(n, str) and n.strip() and n.strip() not in known]
    deputies = [
        f"{_label(e)} for {labels.get(str(e['substitute_for']).strip(), str(e['substitute_for']).strip())}"
        for e in seated
        if e.get("substitute_for")
    ]
    extra = [
        ", ".join(part for part in (_label(e), str(e.get("role") or "").strip()) if part) for e in guests
    ]
    lines = [
        ("Til stede", present),
        ("Fraværende", away),
        ("Stedfortræder", deputies),
        ("Desuden deltog", extra),
    ]
    return [
        {"label": label, "value": "; ".join(v) if label == "Desuden deltog" else ", ".join(v)}
        for label, v in lines
        if v
    ]


def item_absent_line(names: object) -> str:
    """ "Anna Andersen deltog ikke i behandlingen af dette punkt." """
    given = (
        [str(n).strip() for n in names or [] if isinstance(n, str) and str(n).strip()]
        if isinstance(names, list)
        else []
    )
    if not given:
        return ""
    who = given[0] if len(given) == 1 else ", ".join(given[:-1]) + " og " + given[-1]
    return f"{who} deltog ikke i behandlingen af dette punkt."
