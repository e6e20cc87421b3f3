"""The attendance lines of the minutes, as the genre prints them:

    Til stede: Anna Andersen (A), formand, Bo Berg (V), Dorte Dam (A)
    Fraværende: Carl Carlsen (A) (afbud), Finn Friis (C) (uden afbud)
    Stedfortræder: Dorte Dam (A) for Carl Carlsen (A)
    Desuden deltog: Eva Ek, kommunaldirektør

from the interchange's `participants` (dicts, or plain names where a document gave only those), and
under an item "Carl Carlsen (A) deltog ikke i behandlingen af dette punkt."

The importer reads these lines back (protokol.importers.attendance): a chair's or vice-chair's role
follows the name after a comma, every other seated person is a member; "(afbud)" and "(uden afbud)"
say whether someone away had sent word. Change the form here and there together."""

from __future__ import annotations

# The roles the lists print (after the name); a member is the default and a deputy shows as one by the
# "Stedfortræder" line.
ROLE_LABELS = {"formand": "formand", "naestformand": "næstformand"}
# How a role value of the interchange reads in a "Desuden deltog" entry.
GUEST_ROLE_LABELS = {**ROLE_LABELS, "medlem": "medlem", "stedfortraeder": "stedfortræder"}
EXCUSED = "afbud"
NOT_EXCUSED = "uden afbud"


def _label(entry: dict) -> str:
    name = " ".join(str(entry.get("name") or "").split())
    party = " ".join(str(entry.get("party") or "").split())
    return f"{name} ({party})" if name and party else name


def _entries(participants: object) -> list[dict]:
    out = []
    for p in participants if isinstance(participants, list) else []:
        entry = {"name": p, "present": True} if isinstance(p, str) else p
        if isinstance(entry, dict) and str(entry.get("name") or "").strip():
            out.append(entry)
    return out


def _seated(entry: dict) -> str:
    """ "Anna Andersen (A), formand": the name and party, and the role where it is not plain membership."""
    role = ROLE_LABELS.get(str(entry.get("role") or ""))
    return f"{_label(entry)}, {role}" if role else _label(entry)


def name_labels(participants: object) -> dict[str, str]:
    """Name -> "Name (A)" for every participant, so a line naming someone can add their party."""
    return {str(e.get("name")).strip(): _label(e) for e in _entries(participants)}


def attendance_facts(participants: object, absent: object = None) -> list[dict]:
    """Label/value lines of the meeting's attendance; `absent` is the older plain list of names away."""
    entries = _entries(participants)
    labels = name_labels(entries)
    guests = [
        e
        for e in entries
        if e.get("voting") is False and not e.get("substitute_for") and e.get("present", True)
    ]
    seated = [e for e in entries if e not in guests]
    present = [_seated(e) for e in seated if e.get("present", True)]
    away = [
        f"{_seated(e)} ({NOT_EXCUSED if e.get('excused') is False else EXCUSED})"
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
        ", ".join(
            part
            for part in (
                _label(e),
                GUEST_ROLE_LABELS.get(str(e.get("role") or ""), str(e.get("role") or "").strip()),
            )
            if part
        )
        for e in guests
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


def item_absent_line(names: object, labels: dict[str, str] | None = None) -> str:
    """ "Anna Andersen (A) deltog ikke i behandlingen af dette punkt." (the party where the meeting's
    participants give it)."""
    given = (
        [" ".join(str(n).split()) for n in names or [] if isinstance(n, str) and str(n).strip()]
        if isinstance(names, list)
        else []
    )
    if not given:
        return ""
    shown = [(labels or {}).get(n, n) for n in given]
    who = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " og " + shown[-1]
    return f"{who} deltog ikke i behandlingen af dette punkt."
