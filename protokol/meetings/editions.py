"""The public and the internal edition of a document dict (interchange format + rendering extras).

Pure functions on dicts, without Django: the access rule for documents lives here once, and both
renderers (PDF, HTML) render only what an edition left in. It belongs to the domain, below rendering,
because approving minutes seals a checksum of the public edition too (`meetings.services`). Of a closed item the public sees its number, its
neutral public title, the reason it is closed and the public text of its decisions (DESIGN.md, "Who
sees what"), so the public edition builds a closed item from an allow-list rather than deleting
known keys: a key added to the format later stays inside by default.
"""

import copy
from collections.abc import Callable

PUBLIC = "public"
INTERNAL = "internal"
EDITIONS = (PUBLIC, INTERNAL)

# The public title of a closed item whose subject itself is confidential, or that has no neutral title.
CLOSED_ITEM_TITLE = "Lukket punkt"


def is_public_item(item: dict) -> bool:
    """Only an item explicitly marked public is open; a missing or null flag counts as closed."""
    return item.get("public") is True


def is_public_attachment(attachment: dict) -> bool:
    """Attachments are public unless marked otherwise (the interchange format has no flag)."""
    return attachment.get("public", True) is not False


def public_title(item: dict) -> str:
    """The title anyone may read: an open item's own; of a closed item the neutral one, never its own."""
    if is_public_item(item):
        return item.get("title") or ""
    reason = item.get("closed_reason") or {}
    if isinstance(reason, dict) and reason.get("subject_confidential"):
        return CLOSED_ITEM_TITLE
    return (item.get("public_title") or "").strip() or CLOSED_ITEM_TITLE


def _public_closed_item(item: dict) -> dict:
    """A closed item's public fields, in the interchange's own keys (so the reduction can run twice)."""
    given = item.get("closed_reason")
    reason = given if isinstance(given, dict) else {}
    title = public_title(item)
    late = {"supplementary": True} if item.get("supplementary") is True else {}
    return late | {
        "number": item.get("number"),
        "title": title,
        "public_title": title,
        "public": False,
        "closed_reason": {"category": reason.get("category"), "text": reason.get("text")},
        "decisions": [
            {key: d.get(key) for key in ("body", "date", "public_text", "public_text_withheld")}
            for d in item.get("decisions") or []
            if d.get("public_text") or d.get("public_text_withheld")
        ],
    }


# Extras of the internal record that no public edition carries: who signed the minutes, and when; the
# internal edition's checksum (it would let anyone test a guess at a closed decision).
INTERNAL_ONLY = ("signatures", "internal_checksum")
# What happened at the meeting itself, which the agenda as sent cannot have said.
MINUTES_ONLY = ("participants", "absent", "signatures", "public_checksum", "internal_checksum")


def public_edition(doc: dict) -> dict:
    """A deep copy for anyone: closed items reduced to their public fields, closed attachments dropped,
    the internal record's extras (signatures) left out."""
    out = copy.deepcopy(doc)
    for key in INTERNAL_ONLY:
        out.pop(key, None)
    items = []
    for item in out.get("items") or []:
        if is_public_item(item):
            item["attachments"] = [a for a in item.get("attachments") or [] if is_public_attachment(a)]
            items.append(item)
        else:
            items.append(_public_closed_item(item))
    out["items"] = items
    out["edition"] = PUBLIC
    return out


def internal_edition(doc: dict) -> dict:
    """A deep copy with everything, for the body's members and its secretariat."""
    out = copy.deepcopy(doc)
    out["edition"] = INTERNAL
    return out


def agenda_edition(doc: dict, *, quoted: Callable[[dict], bool] = lambda decision: False) -> dict:
    """A deep copy as the agenda was sent: called the agenda, and of the decisions only those `quoted`
    says the agenda quotes from earlier treatment (meetings.queries.quoted_earlier).

    The minutes' decisions are public only once the minutes are published, and a body's members read
    them only from the meeting on (docs/ARCHITECTURE.md, "Who sees what"); until then a reader gets this.
    Attendance and signatures are the minutes' too, so the agenda leaves them out.
    Apply it before the public or internal edition, which keep the document's kind.
    """
    out = copy.deepcopy(doc)
    out["kind"] = "agenda"
    for key in MINUTES_ONLY:
        out.pop(key, None)
    for item in out.get("items") or []:
        item.pop("absent", None)
        if "decisions" in item:
            item["decisions"] = [d for d in item["decisions"] if quoted(d)]
    return out


def edition_of(doc: dict) -> dict:
    """The edition the document asks for, applied; without an "edition" key the public one.

    Renderers call this so that a caller who forgets to choose can only ever leak nothing.
    """
    edition = doc.get("edition") or PUBLIC
    if edition == PUBLIC:
        return public_edition(doc)
    if edition == INTERNAL:
        return internal_edition(doc)
    raise ValueError(f"unknown edition {edition!r}; expected one of {', '.join(EDITIONS)}")
