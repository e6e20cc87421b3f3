"""Phrases are searched as chains of word pairs: exactly the documents with the words in a row."""

import shutil
from datetime import date

import tantivy
from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories
from protokol.search import index
from protokol.search.index import PUBLIC, Clause, Filters, IndexDoc, Writers, analyze, backend, engine
from protokol.search.query import search

WORDS = ["økonomiske", "og", "faglige", "konsekvenser", "sociale"]


def _doc(item_id: int, text: str) -> IndexDoc:
    return IndexDoc(
        item_id=item_id,
        meeting_id=1,
        body_id=1,
        body="udvalget",
        day=date(2026, 1, 1),
        number=item_id,
        title="Punkt",
        variant="open",
        public=True,
        published=True,
        text=text,
    )


def _contains_in_a_row(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


@settings(max_examples=25, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from(WORDS), max_size=10), min_size=1, max_size=15),
    phrase=st.lists(st.sampled_from(WORDS), min_size=2, max_size=4),
)
def test_a_phrase_finds_exactly_the_texts_with_its_words_in_a_row(texts, phrase):
    writers = Writers(fresh=True)
    for n, words in enumerate(texts, start=1):
        writers.add(PUBLIC, _doc(n, " ".join(words)))
    writers.commit()
    result = backend.search(
        [Clause("phrase", " ".join(phrase))], scope=None, filters=Filters(), limit=100, facets=True
    )
    wanted = analyze(" ".join(phrase))
    expected = {
        n for n, words in enumerate(texts, start=1) if _contains_in_a_row(analyze(" ".join(words)), wanted)
    }
    assert {h.item_id for h in result.hits} == expected
    assert result.count == len(expected)
    assert sum(n for _body, n in result.facets.get("body", [])) == len(expected)


def test_a_phrase_is_not_its_pairs_apart_nor_reversed(db):
    body = factories.body("Fraseudvalget")
    meeting = factories.meeting(body)
    factories.item(
        meeting, "Hele", sections=[("Sagsfremstilling", "Der er økonomiske og faglige konsekvenser.")]
    )
    factories.item(
        meeting,
        "Spredt",
        sections=[("Sagsfremstilling", "Økonomiske og sociale hensyn. Sociale og faglige konsekvenser.")],
    )
    factories.item(meeting, "Omvendt", sections=[("Sagsfremstilling", "Konsekvenser faglige og økonomiske.")])
    services.publish_agenda(meeting, by=system_user())

    page = search('"økonomiske og faglige konsekvenser"')
    assert [h.title for h in page.hits] == ["Hele"]
    assert str(page.hits[0].snippet).count("<mark>") == 4  # every word of the phrase is marked
    assert {h.title for h in search('"faglige konsekvenser"').hits} == {"Hele", "Spredt"}
    assert {h.title for h in search('"konsekvenser faglige"').hits} == {"Omvendt"}


def test_an_index_laid_out_by_an_older_protokol_is_rebuilt_from_the_database(db):
    body = factories.body("Opgraderingsudvalget")
    meeting = factories.meeting(body)
    factories.item(meeting, "Havnebad", sections=[("Sagsfremstilling", "Et havnebad ved kajen.")])
    services.publish_agenda(meeting, by=system_user())
    assert [h.title for h in search("havnebad").hits] == ["Havnebad"]

    # The layout before word pairs: the same index directories, a schema without them.
    engine._indexes.clear()
    for name in index.existing_indexes():
        path = index.index_dir(name)
        shutil.rmtree(path)
        path.mkdir(parents=True)
        old = tantivy.SchemaBuilder()
        old.add_unsigned_field("item_id", stored=True, indexed=True, fast=True)
        old.add_text_field("text", stored=True)
        tantivy.Index(old.build(), path=str(path), reuse=True)

    assert [h.title for h in search("havnebad").hits] == ["Havnebad"]
    assert [h.title for h in search('"ved kajen"').hits] == ["Havnebad"]


def test_the_layout_with_one_internal_index_is_moved_to_restricted_indexes(db):
    """protokol kept every body's closed content in one internal index; now each audience has its own."""
    from protokol.meetings.enums import Role

    body = factories.body("Opgraderingsudvalget")
    secretariat = factories.member(body, role=Role.SECRETARIAT)
    draft = factories.meeting(body)
    factories.item(draft, "Kajakpolo", sections=[("Sagsfremstilling", "Kajakpolo i havnen.")])
    assert [h.title for h in search("kajakpolo", user=secretariat).hits] == ["Kajakpolo"]

    engine._indexes.clear()
    for name in index.existing_indexes():
        if name != index.PUBLIC:
            shutil.rmtree(index.index_dir(name))
    old = index.index_dir(index.OLD_INTERNAL)
    old.mkdir()
    tantivy.Index(index.SCHEMA, path=str(old), reuse=False)

    assert [h.title for h in search("kajakpolo", user=secretariat).hits] == ["Kajakpolo"]
    assert not index.index_dir(index.OLD_INTERNAL).exists()
