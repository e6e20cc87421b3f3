"""The legal record under an item as the genre prints it, from the interchange's keys:

Ændringsforslag fra V
For stemte: V (2). Imod stemte: A, F (4). Undlod at stemme: Ø (1).
Forslaget blev forkastet.
Protokoltilførsel fra Finn Fisk (F) og Gitte Gram (Ø): F og Ø finder budgettet usocialt.
Dan Dahl (V) deltog ikke i behandlingen af punktet på grund af inhabilitet.
"""

from __future__ import annotations

from protokol.common.richtext import to_plain

GROUPS = (("for", "For stemte"), ("against", "Imod stemte"), ("abstain", "Undlod at stemme"))
RESULTS = {"adopted": "Forslaget blev vedtaget.", "rejected": "Forslaget blev forkastet."}


def _names(value: object) -> list[str]:
    return [str(v).strip() for v in value if str(v).strip()] if isinstance(value, list) else []


def join_names(names: list[str]) -> str:
    """ "A", "A og B", "A, B og C" """
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1] if names else ""


def vote_lines(vote: object) -> list[str]:
    if not isinstance(vote, dict):
        return []
    given = vote.get("counts")
    counts: list[object] = given if isinstance(given, list) else []
    parts = []
    for n, (key, label) in enumerate(GROUPS):
        names = _names(vote.get(key))
        value = counts[n] if n < len(counts) else None
        count = value if isinstance(value, int) else None
        if not names and not count:
            continue
        shown = ", ".join(names)
        parts.append(
            f"{label}: {shown} ({count})." if count is not None and shown else f"{label}: {shown or count}."
        )
    question = str(vote.get("question") or "").strip()
    # "Afstemning om ændringsforslaget fra V:", a line no reader takes for a section heading.
    lines = [f"Afstemning om {question[:1].lower()}{question[1:]}:"] if question else []
    if parts:
        lines.append(" ".join(parts))
    if vote.get("result") in RESULTS:
        lines.append(RESULTS[str(vote["result"])])
    return lines


def statement_line(statement: object) -> str:
    if not isinstance(statement, dict) or not str(statement.get("text") or "").strip():
        return ""
    authors = join_names(_names(statement.get("by")))
    # One line of the record: a formatted statement's text as plain text, its paragraphs run together.
    text = " ".join(to_plain(str(statement["text"])).split())
    return f"Protokoltilførsel fra {authors}: {text}" if authors else f"Protokoltilførsel: {text}"


def disqualified_lines(names: object, *, labels: dict[str, str]) -> list[str]:
    """One line per disqualified member, named with the party letter where the attendance gives it."""
    return [
        f"{labels.get(name, name)} deltog ikke i behandlingen af punktet på grund af inhabilitet."
        for name in _names(names)
    ]
