"""The public and the internal edition of a document dict (interchange format + rendering extras).

Pure functions on dicts: the access rule for documents lives here once, and both renderers
(PDF, HTML) render only what an edition left in. Of a closed item the public sees number and
title only (DESIGN.md, "Who sees what"), so the public edition keeps an allow-list of keys
rather than deleting known ones: a key added to the format later stays inside by default.
"""

import copy
from collections.abc import Callable

PUBLIC = "public"
INTERNAL = "internal"
EDITIONS = (PUBLIC, INTERNAL)

# What a closed item shows to the public, and nothing else.
CLOSED_ITEM_PUBLIC_KEYS = ("number", "title", "public")


def is_public_item(item: dict) -> bool:
    """Only an item explicitly marked public is open; a missing or null flag counts as closed."""
    return item.get("public") is True


def is_public_attachment(attachment: dict) -> bool:
    """Attachments are public unless marked otherwise (the interchange format has no flag)."""
    return attachment.get("public", True) is not False


def public_edition(doc: dict) -> dict:
    """A deep copy for anyone: closed items reduced to number and title, closed attachments dropped."""
    out = copy.deepcopy(doc)
    items = []
    for item in out.get("items") or []:
        if is_public_item(item):
            item["attachments"] = [a for a in item.get("attachments") or [] if is_public_attachment(a)]
            items.append(item)
        else:
            items.append({key: item.get(key) for key in CLOSED_ITEM_PUBLIC_KEYS} | {"public": False})
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
    them only from the meeting on (DESIGN.md, "Who sees what"); until then a reader gets this.
    Apply it before the public or internal edition, which keep the document's kind.
    """
    out = copy.deepcopy(doc)
    out["kind"] = "agenda"
    for item in out.get("items") or []:
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
