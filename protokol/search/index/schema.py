"""The index's schema and analysis: fields, the Danish analyzer, word pairs, and the document it holds."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import tantivy
from tantivy import Filter, SchemaBuilder, TextAnalyzerBuilder, Tokenizer

PUBLIC = "public"
RESTRICTED_PREFIX = "restricted-"
DRAFT = "draft"
SENT = "sent"
# The one internal index of every body that protokol kept before an index per audience.
OLD_INTERNAL = "internal"

# Document variants (see the module docstring).
RESTRICTED = "restricted"
OPEN = "open"
TITLE = "title"

ANALYZER = "da"
TITLE_BOOST = 3.0
SNIPPET_CHARS = 220
WRITER_HEAP = 64_000_000
RESTRICTED_WRITER_HEAP = (
    16_000_000  # a body's share per thread; many may be open at once (tantivy's minimum: 15 MB a thread)
)
PREFIX_TERMS = 50
COMPOUND_MIN_STEM = 4  # "skol", "budg", "park": shorter stems ("by", "vej") begin too many words
COMPOUND_WEIGHT = 0.3

# The text's neighbouring stems as one term each ("faglig_konsekvens"), as Lucene's index_phrases
# does: a phrase of frequent words is then a phrase of rare pairs, whose positions are few to read.
# A phrase of n words matches exactly where its n-1 pairs stand in a row.
PAIRS = "pairs"
PAIR_JOIN = "_"  # never inside a stem: the tokenizer splits on everything but letters and digits


def analyzer() -> tantivy.TextAnalyzer:
    """Danish: words, lower case, Snowball's Danish stemmer; æ, ø and å stay as they are."""
    return (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(60))
        .filter(Filter.lowercase())
        .filter(Filter.stemmer("danish"))
        .build()
    )


_ANALYZER = analyzer()


def analyze(text: str) -> list[str]:
    return list(_ANALYZER.analyze(text))


def build_schema() -> tantivy.Schema:
    sb = SchemaBuilder()
    sb.add_unsigned_field("item_id", stored=True, indexed=True, fast=True)
    sb.add_unsigned_field("meeting_id", stored=True, indexed=True, fast=True)
    sb.add_unsigned_field("body_id", stored=True, indexed=True, fast=True)
    sb.add_text_field("body", stored=True, fast=True, tokenizer_name="raw")
    sb.add_unsigned_field("year", indexed=True, fast=True)
    sb.add_unsigned_field("day", stored=True, indexed=True, fast=True)  # YYYYMMDD
    sb.add_unsigned_field("number", stored=True)
    sb.add_text_field("case_type", stored=True, fast=True, tokenizer_name="raw")
    sb.add_text_field("kle", tokenizer_name="raw")  # every level: "00", "00.01", "00.01.00"
    sb.add_text_field("kle_group", fast=True, tokenizer_name="raw")  # "00.01", for the facet
    sb.add_text_field("variant", stored=True, tokenizer_name="raw")
    sb.add_boolean_field("public", stored=True, indexed=True, fast=True)
    sb.add_boolean_field("published", indexed=True, fast=True)
    sb.add_text_field("title", stored=True, tokenizer_name=ANALYZER)
    sb.add_text_field("text", stored=True, tokenizer_name=ANALYZER)
    sb.add_text_field("refs", tokenizer_name=ANALYZER)  # case and document numbers
    sb.add_text_field(PAIRS, tokenizer_name="whitespace")
    sb.add_unsigned_field("digest", stored=True)  # of the document's content (see Writers.put_meetings)
    return sb.build()


SCHEMA = build_schema()
TEXT_FIELDS = ("title", "text", "refs")


def word_pairs(terms: list[str]) -> list[str]:
    return [a + PAIR_JOIN + b for a, b in zip(terms, terms[1:], strict=False)]


@dataclass
class IndexDoc:
    """One searchable document: an item as one audience may see it."""

    item_id: int
    meeting_id: int
    body_id: int
    body: str
    day: date
    number: int | None
    title: str
    variant: str
    public: bool
    published: bool
    case_type: str = ""
    kle: str = ""
    text: str = ""
    refs: str = ""

    def digest(self) -> int:
        """What the document says, in 64 bits: an unchanged document is left as it stands in the index."""
        raw = repr(self).encode()  # every field, by name
        return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big")

    def to_tantivy(self) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_unsigned("digest", self.digest())
        doc.add_unsigned("item_id", self.item_id)
        doc.add_unsigned("meeting_id", self.meeting_id)
        doc.add_unsigned("body_id", self.body_id)
        doc.add_text("body", self.body)
        doc.add_unsigned("year", self.day.year)
        doc.add_unsigned("day", self.day.year * 10000 + self.day.month * 100 + self.day.day)
        doc.add_unsigned("number", self.number or 0)
        doc.add_text("case_type", self.case_type)
        levels = kle_levels(self.kle)
        for level in levels:
            doc.add_text("kle", level)
        doc.add_text("kle_group", levels[1] if len(levels) > 1 else "")
        doc.add_text("variant", self.variant)
        doc.add_boolean("public", self.public)
        doc.add_boolean("published", self.published)
        doc.add_text("title", self.title)
        doc.add_text("text", self.text)
        doc.add_text(PAIRS, " ".join(word_pairs(analyze(self.text))))
        doc.add_text("refs", self.refs)
        return doc


def kle_levels(kle: str) -> list[str]:
    """ "00.01.00" → ["00", "00.01", "00.01.00"]: a filter on any level is one term."""
    parts = [p for p in kle.strip().split(".") if p]
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
