"""search(): what a user may find, one page of it, with snippets, facets and the number of results.

The user's access decides the indexes searched (meetings.queries.search_scope): a visitor's query goes
to the public index alone, which holds nothing of a closed item but its number and title; a member's
or secretariat's also to the restricted indexes of their bodies. The hits are checked once more
against the database queries before they are shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.safestring import SafeString, mark_safe

from protokol.meetings import queries
from protokol.meetings.models import Meeting
from protokol.search import outbox
from protokol.search.index import Clause, Filters, backend

PAGE_SIZE = 20
MAX_PAGE = 50
COUNT_CAP = 1000
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse(text: str) -> list[Clause]:
    """Words, "a phrase", prefix* and -excluded words; everything else is just text."""
    clauses = []
    for m in _TOKEN.finditer(text or ""):
        if m.group(2) is not None:
            if m.group(2).strip():
                clauses.append(Clause("phrase", m.group(2), negate=bool(m.group(1))))
            continue
        word = m.group(3)
        negate = word.startswith("-") and len(word) > 1
        word = word.lstrip("-")
        if word.endswith("*") and len(word.rstrip("*")) >= 2:
            clauses.append(Clause("prefix", word.rstrip("*"), negate=negate))
        elif word.strip("*"):
            clauses.append(Clause("word", word.strip("*"), negate=negate))
    return clauses


@dataclass
class Hit:
    item_id: int
    meeting: Meeting
    number: int | None
    title: str
    public: bool
    snippet: SafeString
    score: float

    @property
    def url(self) -> str:
        if self.number is not None:
            return f"/meetings/{self.meeting.pk}/items/{self.number}/"
        return f"/meetings/{self.meeting.pk}/#item-{self.item_id}"


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class SearchPage:
    query: str
    hits: list[Hit]
    count: int
    page: int
    page_size: int
    sort: str
    facets: dict[str, list[Facet]] = field(default_factory=dict)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def count_display(self) -> str:
        """The number of results, exact up to the cap: "1.000+" beyond it."""
        if self.capped:
            return f"{COUNT_CAP:,}+".replace(",", ".")
        return f"{self.count:,}".replace(",", ".")

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-min(self.count, COUNT_CAP) // self.page_size)))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def resolve_body(value: str | None, *, user=None) -> str | None:
    """A body's slug from its slug or its name (any case); unknown values stay (and find nothing)."""
    if not value:
        return None
    wanted = value.strip().casefold()
    for body in queries.visible_bodies(user):
        if wanted in (body.slug.casefold(), body.name.casefold(), *(a.casefold() for a in body.aliases)):
            return body.slug
    return value.strip()


def search(
    query: str,
    *,
    user=None,
    body: str | None = None,
    since: date | None = None,
    until: date | None = None,
    case_type: str | None = None,
    kle: str | None = None,
    year: int | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    facets: bool = True,
) -> SearchPage:
    """One page of what `user` (None or anonymous: the public) may find for `query`."""
    sort = "date" if sort == "date" else "relevance"
    page = max(1, min(int(page or 1), MAX_PAGE))
    clauses = parse(query)
    if not clauses:
        return SearchPage(query=query, hits=[], count=0, page=page, page_size=page_size, sort=sort)
    outbox.drain_if_pending()
    scope = queries.search_scope(user)
    filters = Filters(
        body=resolve_body(body, user=user),
        since=since,
        until=until,
        case_type=case_type or None,
        kle=kle or None,
        year=year,
    )
    raw = backend.search(
        clauses,
        scope=scope,
        filters=filters,
        sort=sort,
        offset=(page - 1) * page_size,
        limit=page_size,
        facets=facets,
    )
    return SearchPage(
        query=query,
        hits=_checked_hits(raw.hits, user),
        count=raw.count,
        page=page,
        page_size=page_size,
        sort=sort,
        facets=_labelled_facets(raw.facets, user),
    )


def _checked_hits(raw_hits, user) -> list[Hit]:
    """The hits the database queries agree the user may see; content only where they may see it."""
    if not raw_hits:
        return []
    items = {i.pk: i for i in queries.visible_items(user).filter(pk__in=[h.item_id for h in raw_hits])}
    with_content = queries.content_item_ids(user, items.values())
    hits = []
    for h in raw_hits:
        item = items.get(h.item_id)
        if item is None:
            continue
        snippet = h.snippet if item.pk in with_content else ""
        hits.append(
            Hit(
                item_id=item.pk,
                meeting=item.meeting,
                number=item.number,
                title=item.title if item.pk in with_content else item.shown_public_title,
                public=item.public,
                snippet=mark_safe(snippet),  # noqa: S308 - built from escaped text and <mark> only
                score=h.score,
            )
        )
    return hits


def _labelled_facets(raw: dict, user) -> dict[str, list[Facet]]:
    if not raw:
        return {}
    names = {b.slug: b.name for b in queries.visible_bodies(user)}
    return {
        "body": [Facet(v, names.get(v, v), n) for v, n in raw.get("body", [])],
        "year": [Facet(v, v, n) for v, n in raw.get("year", [])],
        "case_type": [Facet(v, v, n) for v, n in raw.get("case_type", [])],
        "kle": [Facet(v, f"KLE {v}", n) for v, n in sorted(raw.get("kle", []))],
    }
