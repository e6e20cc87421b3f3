"""The engine: the indexes on disk, the writer lock, writing and searching (tantivy-specific)."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tantivy
from django.conf import settings
from tantivy import Occur, Query

if TYPE_CHECKING:
    pass


from protokol.search.index.documents import documents_for, load_meetings, restricted_index
from protokol.search.index.schema import (
    _ANALYZER,
    ANALYZER,
    COMPOUND_MIN_STEM,
    COMPOUND_WEIGHT,
    OLD_INTERNAL,
    PAIRS,
    PREFIX_TERMS,
    PUBLIC,
    RESTRICTED_PREFIX,
    RESTRICTED_WRITER_HEAP,
    SCHEMA,
    SNIPPET_CHARS,
    TEXT_FIELDS,
    TITLE_BOOST,
    WRITER_HEAP,
    IndexDoc,
    analyze,
    word_pairs,
)

log = logging.getLogger(__name__)


@dataclass
class Clause:
    """One part of a parsed query: a word, a prefix (skole*) or a phrase ("..."), maybe negated."""

    kind: str  # "word" | "prefix" | "phrase"
    text: str
    negate: bool = False


@dataclass
class Filters:
    body: str | None = None
    since: date | None = None
    until: date | None = None
    case_type: str | None = None
    kle: str | None = None
    year: int | None = None


@dataclass
class RawHit:
    item_id: int
    meeting_id: int
    body: str
    number: int | None
    title: str
    day: int
    public: bool
    variant: str
    snippet: str  # HTML, escaped, hits in <mark>
    score: float


@dataclass
class RawResult:
    hits: list[RawHit]
    count: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def index_root() -> Path:
    return Path(settings.DATA_DIR) / "index"


def index_dir(name: str) -> Path:
    return index_root() / name


def existing_indexes() -> list[str]:
    """The indexes on disk: the public one and every restricted one made so far."""
    root = index_root()
    if not root.exists():
        return []
    names = [p.name for p in root.iterdir() if p.is_dir()]
    return sorted(n for n in names if n == PUBLIC or n.startswith(RESTRICTED_PREFIX))


def searched_indexes(scope) -> list[tuple[str, list[tuple[Occur, Query]]]]:
    """The indexes a SearchScope reads, each with the filter it needs there (see the module docstring)."""
    # On a tenant's site (meetings.tenancy), only the tenant's bodies' documents, in every index.
    tenant = getattr(scope, "tenant_body_ids", None)
    in_tenant = (
        [] if tenant is None else [(Occur.Must, Query.term_set_query(SCHEMA, "body_id", sorted(tenant)))]
    )
    if scope is None or scope.public:
        return [(PUBLIC, in_tenant)]
    if scope.everything:
        names = [name for name in existing_indexes() if name != PUBLIC]
        if tenant is not None:
            names = [n for n in names if _restricted_body_id(n) in tenant]
        return [(name, []) for name in names]
    # The public documents of the bodies read restricted come whole from their restricted indexes.
    read_restricted = Query.term_set_query(SCHEMA, "body_id", sorted(scope.restricted_body_ids))
    wanted = [(PUBLIC, [(Occur.MustNot, read_restricted), *in_tenant])]
    for body_id in sorted(scope.restricted_body_ids):
        if body_id in scope.restricted_all_body_ids:
            wanted.append((restricted_index(body_id, sent=False), []))
        wanted.append((restricted_index(body_id, sent=True), []))
    return [(name, only) for name, only in wanted if name == PUBLIC or index_dir(name).exists()]


def _restricted_body_id(name: str) -> int | None:
    """The body of a restricted index ("restricted-12-sent": 12); None for any other index."""
    rest = name.removeprefix(RESTRICTED_PREFIX)
    number = rest.split("-", 1)[0]
    return int(number) if rest != name and number.isdigit() else None


_indexes: dict[str, tantivy.Index] = {}
_open_lock = threading.Lock()


def open_index(name: str) -> tantivy.Index:
    path = index_dir(name)
    key = str(path)
    with _open_lock:
        ix = _indexes.get(key)
        if ix is None or not path.exists():
            path.mkdir(parents=True, exist_ok=True)
            try:
                ix = tantivy.Index(SCHEMA, path=key, reuse=True)
            except ValueError as exc:
                if "schema does not match" not in str(exc):
                    raise
                ix = _rebuilt(path)
            ix.register_tokenizer(ANALYZER, _ANALYZER)
            _indexes[key] = ix
        return ix


def _refill_from_database() -> None:
    from protokol.search import outbox

    outbox.refill()


def _rebuilt(path: Path) -> tantivy.Index:
    """An index an older protokol laid out differently: start it afresh and let the outbox refill it."""
    log.warning("search index %s has an older layout: rebuilding it from the database", path)
    shutil.rmtree(path)
    path.mkdir(parents=True)
    _refill_from_database()
    return tantivy.Index(SCHEMA, path=str(path), reuse=True)


def _drop_old_internal_index() -> None:
    """The one internal index of an older protokol: its documents go to the restricted indexes now."""
    path = index_dir(OLD_INTERNAL)
    if path.exists():
        log.warning("search index %s is of an older layout: moving its documents to restricted indexes", path)
        shutil.rmtree(path, ignore_errors=True)
        _refill_from_database()


@contextmanager
def writer_lock(*, wait: bool = False) -> Iterator[bool]:
    """The single writer lock (a file lock under DATA_DIR/index); yields False if another holds it."""
    path = index_root() / ".writer.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class Writers:
    """The writers of the indexes a batch touches, opened as needed, for the holder of the writer lock;
    commit() makes it all visible. `fresh` writers empty their index first (a rebuild)."""

    def __init__(self, *, heap: int = WRITER_HEAP, threads: int = 1, fresh: bool = False):
        self.heap = heap
        self.threads = threads
        self.fresh = fresh
        self.emptied: set[str] = set()
        self.writers: dict[str, tantivy.IndexWriter] = {}

    def writer(self, name: str) -> tantivy.IndexWriter:
        w = self.writers.get(name)
        if w is None:
            heap = self.heap if name == PUBLIC else min(self.heap, RESTRICTED_WRITER_HEAP * self.threads)
            w = self.writers[name] = open_index(name).writer(heap_size=heap, num_threads=self.threads)
            if self.fresh and name not in self.emptied:
                w.delete_all_documents()
                self.emptied.add(name)
        return w

    def _stored(self, meeting_ids: list[int]) -> dict[str, dict[tuple[int, int], int]]:
        """Per index on disk: (meeting id, item id) → digest of the documents these meetings have there."""
        out: dict[str, dict[tuple[int, int], int]] = {}
        if not meeting_ids:
            return out
        holds = Query.term_set_query(SCHEMA, "meeting_id", meeting_ids)
        for name in existing_indexes():
            ix = open_index(name)
            ix.reload()  # another process may have committed since this one last looked
            searcher = ix.searcher()
            # tantivy's stub leaves out SearchResult.count, which search(count=True) fills in.
            n = searcher.search(holds, 1, count=True).count or 0  # type: ignore[attr-defined]
            if not n:
                continue
            docs = (searcher.doc(address) for _score, address in searcher.search(holds, n).hits)
            out[name] = {
                (_stored(d, "meeting_id"), _stored(d, "item_id")): _stored(d, "digest") for d in docs
            }
        return out

    def put_meetings(self, documents: dict[int, list[tuple[str, IndexDoc]]]) -> int:
        """Make the indexes hold exactly these documents of these meetings (meeting id → its documents;
        none for a meeting that is gone), returns how many documents were written.

        A document that has not changed stays as it is: rewriting it would leave its old copy counted
        in the index's statistics until the next merge, and a change of a closed item would show in
        the scores of the public index through the unchanged documents of its meeting."""
        stored = self._stored(sorted(documents))
        wanted: dict[str, dict[tuple[int, int], IndexDoc]] = {}
        for meeting_id, docs in documents.items():
            for name, doc in docs:
                wanted.setdefault(name, {})[(meeting_id, doc.item_id)] = doc
        written = 0
        for name in sorted(set(stored) | set(wanted)):
            have, want = stored.get(name, {}), wanted.get(name, {})
            for key, digest in have.items():
                kept = want.get(key)
                if kept is None or kept.digest() != digest:
                    meeting_id, item_id = key
                    self.writer(name).delete_documents_by_query(
                        Query.boolean_query(
                            [
                                (Occur.Must, Query.term_query(SCHEMA, "meeting_id", meeting_id)),
                                (Occur.Must, Query.term_query(SCHEMA, "item_id", item_id)),
                            ]
                        )
                    )
            for key, doc in want.items():
                if have.get(key) != doc.digest():
                    self.add(name, doc)
                    written += 1
        return written

    def add(self, name: str, doc: IndexDoc) -> None:
        self.writer(name).add_document(doc.to_tantivy())

    def empty_the_rest(self) -> None:
        """For `fresh` writers: empty the indexes on disk that this rebuild has not written to."""
        for name in existing_indexes():
            if name not in self.emptied:
                self.writer(name)

    def commit(self, names: Iterable[str] | None = None) -> None:
        """Commit these writers (all by default) and let them go."""
        names = list(self.writers) if names is None else [n for n in names if n in self.writers]
        for name in names:
            self.writers[name].commit()
        for name in names:
            self.writers.pop(name).wait_merging_threads()
            open_index(name).reload()


class TantivyBackend:
    """index / remove / search: what the rest of protokol knows of the engine."""

    def index(self, meeting_ids: Iterable[int], *, writers: Writers, replace: bool = True) -> int:
        """Make the index hold these meetings as the database holds them now (a missing meeting: none);
        returns the number of documents written. Without `replace`, into indexes known to be empty."""
        ids = [int(i) for i in meeting_ids]
        documents: dict[int, list[tuple[str, IndexDoc]]] = {pk: [] for pk in ids}
        for meeting, items in load_meetings(ids):
            documents[meeting.pk] = list(documents_for(meeting, items))
        if replace:
            return writers.put_meetings(documents)
        n = 0
        for docs in documents.values():
            for name, doc in docs:
                writers.add(name, doc)
                n += 1
        return n

    def remove(self, meeting_ids: Iterable[int], *, writers: Writers) -> None:
        writers.put_meetings({int(pk): [] for pk in meeting_ids})

    # Queries -----------------------------------------------------------------------------------

    def _text_query(self, clauses: list[Clause], expand: _Expansions) -> Query | None:
        must: list[Query] = []
        must_not: list[Query] = []
        for clause in clauses:
            q = self._clause_query(clause, expand)
            if q is None:
                if not clause.negate:
                    return Query.empty_query()  # a word that can match nothing matches nothing
                continue
            (must_not if clause.negate else must).append(q)
        if not must:
            return None
        subqueries = [(Occur.Must, q) for q in must] + [(Occur.MustNot, q) for q in must_not]
        return Query.boolean_query(subqueries)

    def _per_field(self, make) -> Query | None:
        subs = []
        for name in TEXT_FIELDS:
            q = make(name)
            if q is None:
                continue
            if name == "title":
                q = Query.boost_query(q, TITLE_BOOST)
            subs.append((Occur.Should, q))
        return Query.boolean_query(subs) if subs else None

    def _clause_query(self, clause: Clause, expand: _Expansions) -> Query | None:
        terms = analyze(clause.text)
        if not terms:
            return None
        if clause.kind == "prefix":
            # The stem of the prefix ("skole*" → "skol", which also finds "skoler" and "skolestruktur"),
            # expanded to the most frequent terms that begin with it: scored like words, highlighted too.
            head, prefix = terms[:-1], terms[-1]

            def expanded(f: str) -> Query | None:
                words = expand(f, prefix)
                if not words:
                    return None
                if head:
                    pattern = "|".join(re.escape(w) for w in words)
                    words_in_order: list[str | tuple[int, str]] = [re.escape(t) for t in head]
                    return Query.regex_phrase_query(SCHEMA, f, [*words_in_order, f"({pattern})"])
                return Query.boolean_query([(Occur.Should, Query.term_query(SCHEMA, f, w)) for w in words])

            return self._per_field(expanded)
        if len(terms) == 1:
            return self._per_field(lambda f: _word_query(expand, f, terms[0]))
        # A quoted phrase, or a word the tokenizer splits ("covid-19"): the words in this order.
        return self._per_field(lambda f: _phrase_query(f, terms))

    def _highlight_query(self, clauses: list[Clause], expand: _Expansions) -> Query:
        """The words to mark in a snippet of the text: every wanted word, phrase word and expanded prefix."""
        terms = []
        for clause in clauses:
            if clause.negate:
                continue
            words = analyze(clause.text)
            if words and (clause.kind == "prefix" or (len(words) == 1 and _compounds_of(words[0]))):
                words = words + expand("text", words[-1])
            terms += words
        subs = [(Occur.Should, Query.term_query(SCHEMA, "text", t)) for t in dict.fromkeys(terms)]
        return Query.boolean_query(subs) if subs else Query.empty_query()

    def _filter_queries(self, filters: Filters) -> list[Query]:
        out = []
        if filters.body:
            out.append(Query.term_query(SCHEMA, "body", filters.body))
        if filters.case_type:
            out.append(Query.term_query(SCHEMA, "case_type", filters.case_type))
        if filters.kle:
            out.append(Query.term_query(SCHEMA, "kle", filters.kle.strip()))
        if filters.year:
            out.append(Query.term_query(SCHEMA, "year", filters.year))
        if filters.since or filters.until:
            lo = _day(filters.since) if filters.since else None
            hi = _day(filters.until) if filters.until else None
            out.append(Query.range_query(SCHEMA, "day", tantivy.FieldType.Unsigned, lo, hi))
        return out

    def search(
        self,
        clauses: list[Clause],
        *,
        scope,
        filters: Filters,
        sort: str = "relevance",
        offset: int = 0,
        limit: int = 20,
        facets: bool = True,
    ) -> RawResult:
        """One page of hits from every index the scope reads, merged; each index's query, expansion and
        scores come from that index alone (see the module docstring)."""
        ranked = []  # (sort key, index position, rank in that index, part, score, address)
        parts: list[_Part] = []
        count = 0
        for name, only in searched_indexes(scope):
            searcher = open_index(name).searcher()
            expand = _Expansions(searcher)
            text = self._text_query(clauses, expand)
            if text is None:
                return RawResult(hits=[], count=0)
            subqueries = [(Occur.Must, text)] + [(Occur.Must, q) for q in self._filter_queries(filters)]
            query = Query.boolean_query(subqueries + only)
            if sort == "date":
                result = searcher.search(query, offset + limit, count=True, order_by_field="day")
            else:
                result = searcher.search(query, offset + limit, count=True)
            if not result.count:  # type: ignore[attr-defined]  # missing from tantivy's stub, as above
                continue
            part = _Part(searcher, query, self._highlight_query(clauses, expand))
            parts.append(part)
            count += result.count  # type: ignore[attr-defined]  # missing from tantivy's stub, as above
            for rank, (score, address) in enumerate(result.hits):
                ranked.append((-score, len(parts), rank, part, score, address))
        ranked.sort(key=lambda r: r[:3])
        hits = []
        for _key, _pos, _rank, part, score, address in ranked[offset : offset + limit]:
            doc = part.searcher.doc(address)
            hits.append(
                RawHit(
                    item_id=_stored(doc, "item_id"),
                    meeting_id=_stored(doc, "meeting_id"),
                    body=_stored(doc, "body"),
                    number=doc.get_first("number") or None,
                    title=_stored(doc, "title"),
                    day=_stored(doc, "day"),
                    public=_stored(doc, "public"),
                    variant=_stored(doc, "variant"),
                    snippet=_snippet_html(part.snippets(), doc),
                    score=float(score),
                )
            )
        out = RawResult(hits=hits, count=count)
        if facets and count:
            out.facets = _merged_facets([_facets(part.searcher, part.query) for part in parts])
        return out


@dataclass
class _Part:
    """One searched index with hits: its searcher, query and words to mark, and a snippet generator
    once one of its hits is on the page."""

    searcher: tantivy.Searcher
    query: Query
    highlight: Query
    generator: tantivy.SnippetGenerator | None = None

    def snippets(self) -> tantivy.SnippetGenerator:
        if self.generator is None:
            self.generator = tantivy.SnippetGenerator.create(self.searcher, self.highlight, SCHEMA, "text")
            self.generator.set_max_num_chars(SNIPPET_CHARS)
        return self.generator


def _word_query(expand: _Expansions, field_name: str, term: str) -> Query:
    """The word in any form; at a lower weight also the compounds it begins ("budget": "budgetopfølgning").

    Danish writes compounds as one word, and Snowball stems a word and its inflections apart at times
    ("budget" → "budg", "budgettet" → "budget"): the longer terms that begin with the stem catch both.
    """
    exact = Query.term_query(SCHEMA, field_name, term)
    if not _compounds_of(term) or field_name == "refs":
        return exact
    longer = [t for t in expand(field_name, term) if t != term]
    if not longer:
        return exact
    compounds = Query.boolean_query([(Occur.Should, Query.term_query(SCHEMA, field_name, t)) for t in longer])
    return Query.boolean_query(
        [(Occur.Should, exact), (Occur.Should, Query.boost_query(compounds, COMPOUND_WEIGHT))]
    )


def _compounds_of(term: str) -> bool:
    """Whether a word also stands for the longer words it begins (see _word_query)."""
    return len(term) >= COMPOUND_MIN_STEM


class _Expansions:
    """The most frequent terms of a field that begin with a prefix, looked up once per search: the
    query and its snippets' highlighting both need them.

    Counted over the documents the index holds now: the term dictionary keeps the terms of a deleted
    document until its segment is merged (an item since closed, a text since changed), and those
    must neither be found nor take the place of a term that is there."""

    def __init__(self, searcher: tantivy.Searcher):
        self.searcher = searcher
        self.found: dict[tuple[str, str], list[str]] = {}

    def __call__(self, field_name: str, prefix: str) -> list[str]:
        key = (field_name, prefix)
        if key not in self.found:
            terms = self.searcher.terms_with_prefix(
                field_name, prefix, limit=PREFIX_TERMS, filter_query=Query.all_query()
            )
            self.found[key] = [t for t, _n in terms]
        return self.found[key]


def _phrase_query(field_name: str, terms: list[str]) -> Query:
    """The words in this order; in the text, as the pairs they make (see PAIRS)."""
    if field_name != "text":
        return Query.phrase_query(SCHEMA, field_name, _words(terms))
    pairs = word_pairs(terms)
    if len(pairs) == 1:
        return Query.term_query(SCHEMA, PAIRS, pairs[0])
    return Query.phrase_query(SCHEMA, PAIRS, _words(pairs))


def _words(terms: list[str]) -> list[str | tuple[int, str]]:
    """The word list of a phrase query, which also takes (position, word) pairs (list is invariant)."""
    return list(terms)


def ensure_open() -> None:
    """Open the public index now, so that indexes an older protokol left are queued for rebuilding at
    once (whatever changes the schema changes the public index's too; a drain opens the others)."""
    _drop_old_internal_index()
    open_index(PUBLIC)


def _day(d: date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def _facets(searcher: tantivy.Searcher, query: Query) -> dict[str, list[tuple[str, int]]]:
    agg = searcher.aggregate(
        query,
        {
            "body": {"terms": {"field": "body", "size": 200}},
            "year": {"terms": {"field": "year", "size": 200}},
            "case_type": {"terms": {"field": "case_type", "size": 50}},
            "kle": {"terms": {"field": "kle_group", "size": 100}},
        },
    )
    out = {}
    for name, data in agg.items():
        buckets = [(str(b["key"]), int(b["doc_count"])) for b in data.get("buckets", []) if str(b["key"])]
        out[name] = buckets
    return out


def _merged_facets(per_index: list[dict[str, list[tuple[str, int]]]]) -> dict[str, list[tuple[str, int]]]:
    """The facets of several indexes as one: counts added up, the most frequent first, years newest first."""
    counts: dict[str, dict[str, int]] = {}
    for facets in per_index:
        for name, buckets in facets.items():
            for key, n in buckets:
                counts.setdefault(name, {})[key] = counts.get(name, {}).get(key, 0) + n
    out = {name: sorted(c.items(), key=lambda b: (-b[1], b[0])) for name, c in counts.items()}
    out["year"] = sorted(out.get("year", []), key=lambda b: b[0], reverse=True)
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _stored(doc: tantivy.Document, name: str) -> Any:
    """A field every document stores (IndexDoc.to_tantivy adds each one)."""
    value = doc.get_first(name)
    assert value is not None, name
    return value


def _snippet_html(generator: tantivy.SnippetGenerator, doc: tantivy.Document) -> str:
    """The fragment with the hits in <mark>, every piece of text escaped (offsets are UTF-8 bytes)."""
    snippet = generator.snippet_from_doc(doc)
    fragment = snippet.fragment()
    if not fragment:
        text = (doc.get_first("text") or "").strip()
        if len(text) > SNIPPET_CHARS:
            text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
        return _escape(text)
    raw = fragment.encode("utf-8")
    frange = snippet.fragment_range()
    start, end = frange.start, frange.end
    whole = len((doc.get_first("text") or "").strip().encode("utf-8"))
    out, pos = ["… " if start > 0 else ""], 0
    for r in sorted(snippet.highlighted(), key=lambda r: r.start):
        if r.start < pos:
            continue
        out.append(_escape(raw[pos : r.start].decode("utf-8", "replace")))
        out.append("<mark>" + _escape(raw[r.start : r.end].decode("utf-8", "replace")) + "</mark>")
        pos = r.end
    out.append(_escape(raw[pos:].decode("utf-8", "replace")))
    out.append(" …" if end < whole else "")
    return "".join(out)


backend = TantivyBackend()
