"""The full-text index on tantivy: one index per audience under DATA_DIR/index.

Every index a user searches holds only documents that user may read, because a search reads more
than the documents it returns: the terms a prefix or a compound expands to, how many documents hold
a word (scores, so the order) and the length of the texts. Filtering an index that also holds
unreadable documents lets those statistics tell of them (issue #13).

- The *public* index holds what anyone may see: the items of published meetings, an open item whole
  (without closed attachments), a closed item by its public fields only (number, neutral title, reason,
  public decision text once the minutes are published).
- A *restricted* index per body and phase holds every item of the body's meetings as a document with
  everything: `restricted-<body id>-draft` the meetings not yet sent (the secretariat's), and
  `restricted-<body id>-sent` those whose agenda is published (also its members').

A user searches the public index and the restricted ones they may read, and the hits are merged
(`searched_indexes`, from `protokol.meetings.queries.SearchScope`); in the public index a filter
leaves out the bodies the user reads restricted, whose documents would otherwise come twice. That
filter only excludes public documents, so it cannot tell anything either.

Everything tantivy-specific lives here, behind `TantivyBackend.index/remove/search`, so that another
engine (OpenSearch) could stand behind the same interface. Documents come from `documents_for`,
which reads the database; the bench builds them itself.

The package in three parts: `schema` (fields, analysis, the document an index holds), `documents`
(from the database to documents: what of an item goes into which index, the access rules above) and
`engine` (the indexes on disk, the writer lock, writing and searching). Its public names are
importable from `protokol.search.index` itself.
"""

from protokol.search.index.documents import documents_for, load_meetings, restricted_index
from protokol.search.index.engine import (
    Clause,
    Filters,
    RawHit,
    RawResult,
    TantivyBackend,
    Writers,
    backend,
    ensure_open,
    existing_indexes,
    index_dir,
    index_root,
    open_index,
    searched_indexes,
    writer_lock,
)
from protokol.search.index.schema import (
    DRAFT,
    OLD_INTERNAL,
    OPEN,
    PREFIX_TERMS,
    PUBLIC,
    RESTRICTED,
    RESTRICTED_PREFIX,
    SCHEMA,
    SENT,
    TITLE,
    IndexDoc,
    analyze,
    analyzer,
    build_schema,
    kle_levels,
    word_pairs,
)

__all__ = [
    "DRAFT",
    "OLD_INTERNAL",
    "OPEN",
    "PREFIX_TERMS",
    "PUBLIC",
    "RESTRICTED",
    "RESTRICTED_PREFIX",
    "SCHEMA",
    "SENT",
    "TITLE",
    "Clause",
    "Filters",
    "IndexDoc",
    "RawHit",
    "RawResult",
    "TantivyBackend",
    "Writers",
    "analyze",
    "analyzer",
    "backend",
    "build_schema",
    "documents_for",
    "ensure_open",
    "existing_indexes",
    "index_dir",
    "index_root",
    "kle_levels",
    "load_meetings",
    "open_index",
    "restricted_index",
    "searched_indexes",
    "word_pairs",
    "writer_lock",
]
