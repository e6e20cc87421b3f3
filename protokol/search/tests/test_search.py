"""Search over the reference minutes and over closed content of our own: what is found, and by whom."""

import pytest

from protokol.common.users import system_user
from protokol.meetings import queries, services
from protokol.meetings.enums import Role
from protokol.meetings.tests import factories
from protokol.search import outbox
from protokol.search.index import PUBLIC, Filters, backend, open_index, restricted_index
from protokol.search.query import parse, search

CANARY = "zebrafinkeæg"


def numbers(page) -> list[int]:
    return [h.number for h in page.hits]


# The reference minutes ---------------------------------------------------------------------------


def test_facebook_finds_item_5_first(reference_meeting):
    page = search("Facebook")
    assert numbers(page)[0] == 5
    assert "<mark>Facebook</mark>" in page.hits[0].snippet


def test_styring_finds_items_1_and_2(reference_meeting):
    assert {1, 2} <= set(numbers(search("styring")))


def test_phrase_search(reference_meeting):
    assert numbers(search('"profil på Facebook"')) == [5]
    assert numbers(search('"Facebook på profil"')) == []


def test_danish_stemming_beslutning_finds_beslutninger(reference_meeting):
    page = search("beslutning")
    assert 4 in numbers(page)
    hit = next(h for h in page.hits if h.number == 4)
    assert "<mark>beslutninger</mark>" in hit.snippet


def test_prefix_search(reference_meeting):
    page = search("face*")
    assert numbers(page)[0] == 5
    assert "<mark>Facebook</mark>" in page.hits[0].snippet
    assert numbers(search("styringstema*")) == [1]


def test_a_word_finds_its_forms_and_compounds_below_itself(db):
    body = factories.body("Sammensætningsudvalget")
    meeting = factories.meeting(body)
    factories.item(
        meeting, "Budgetopfølgning pr. 30. juni", sections=[("Sagsfremstilling", "Halvårsregnskab.")]
    )
    factories.item(meeting, "Anlæg", sections=[("Sagsfremstilling", "Budgettet for anlæg holder.")])
    factories.item(meeting, "Budget 2027", sections=[("Sagsfremstilling", "Første behandling.")])
    factories.item(meeting, "Bystyrets møder", sections=[("Sagsfremstilling", "Mødeplan.")])
    services.publish_agenda(meeting, by=system_user())

    page = search("budget")
    titles = [h.title for h in page.hits]
    assert titles[0] == "Budget 2027"
    assert set(titles) == {"Budget 2027", "Budgetopfølgning pr. 30. juni", "Anlæg"}
    assert "<mark>Budgettet</mark>" in str(next(h for h in page.hits if h.title == "Anlæg").snippet)
    assert {h.title for h in search("budget*").hits} == set(titles)
    assert search("by").hits == []  # a short word stays itself: it begins too many others


def test_title_weighs_above_body_text(reference_meeting):
    # "Facebook" stands in item 5's title; item 4 only mentions it in passing.
    page = search("Facebook")
    assert numbers(page)[:2] == [5, 4]
    assert page.hits[0].score > 2 * page.hits[1].score


def test_words_are_and_ed_and_excluded(reference_meeting):
    assert numbers(search("Facebook kommunikationsstrategien")) == [4] or 5 in numbers(
        search("Facebook kommunikationsstrategien")
    )
    assert 5 not in numbers(search("Facebook -profil"))
    assert numbers(search("Facebook ordetfindesikke")) == []


def test_snippets_are_escaped(db):
    body = factories.body("Escape-udvalget")
    meeting = factories.meeting(body)
    # A script tag is stripped when the text is saved (protokol.common.richtext); written as text inside
    # formatted text it is indexed as the words it is, and the snippet must escape it.
    factories.item(
        meeting,
        "Skrivebord",
        sections=[
            ("Sagsfremstilling", "<p>Køb af &lt;script&gt;alert(1)&lt;/script&gt; <b>skrivebord</b></p>")
        ],
    )
    services.publish_agenda(meeting, by=system_user())
    page = search("skrivebord")
    snippet = str(page.hits[0].snippet)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_facets_filters_and_sort(reference_meeting):
    page = search("Facebook")
    assert [(f.value, f.count) for f in page.facets["body"]] == [("direktionen", 2)]
    assert [(f.value, f.count) for f in page.facets["year"]] == [("2016", 2)]
    assert {f.value for f in page.facets["case_type"]} == {"Beslutning", "Orientering"}
    assert [(f.value, f.count) for f in page.facets["kle"]] == [("00.13", 2)]
    assert numbers(search("Facebook", case_type="Orientering")) == [5]
    assert set(numbers(search("Facebook", kle="00.13"))) == {4, 5}
    assert numbers(search("Facebook", kle="00.13.06")) == [4]
    assert numbers(search("Facebook", body="Direktionen"))[0] == 5  # by name too
    assert numbers(search("Facebook", body="oekonomiudvalget")) == []
    from datetime import date

    assert numbers(search("Facebook", since=date(2016, 5, 31))) == []
    assert len(numbers(search("Facebook", since=date(2016, 5, 30), until=date(2016, 5, 30)))) == 2
    assert len(search("Facebook", sort="date").hits) == 2


def test_count_is_capped_for_display():
    from protokol.search.query import SearchPage

    assert SearchPage("x", [], 999, 1, 20, "relevance").count_display == "999"
    assert SearchPage("x", [], 1000, 1, 20, "relevance").count_display == "1.000"
    assert SearchPage("x", [], 5000, 1, 20, "relevance").count_display == "1.000+"


def test_parse():
    kinds = [(c.kind, c.text, c.negate) for c in parse('skole* "sociale medier" -facebook budget')]
    assert kinds == [
        ("prefix", "skole", False),
        ("phrase", "sociale medier", False),
        ("word", "facebook", True),
        ("word", "budget", False),
    ]
    assert parse('"unbalanced') == [parse('"unbalanced')[0]]
    assert search("   ").count == 0


# Closed content ----------------------------------------------------------------------------------


@pytest.fixture
def closed_setup(db):
    """Body A with a published meeting: an open item and a closed item whose content holds the canary."""
    by = system_user()
    body_a = factories.body("Børne- og Ungeudvalget")
    body_b = factories.body("Kulturudvalget")
    meeting = factories.meeting(body_a)
    factories.item(
        meeting, "Åbent punkt om legepladser", sections=[("Sagsfremstilling", "Legepladser og gynger.")]
    )
    closed = factories.item(
        meeting,
        "Afsked af medarbejder Jensen",
        public=False,
        public_title="Personalesag",
        sections=[("Sagsfremstilling", f"Fortroligt: {CANARY} og legepladser.")],
    )
    services.publish_agenda(meeting, by=by)
    return {
        "meeting": meeting,
        "closed": closed,
        "member_a": factories.member(body_a),
        "member_b": factories.member(body_b),
        "secretariat_a": factories.member(body_a, role=Role.SECRETARIAT),
    }


def test_closed_content_finds_nothing_for_a_visitor(closed_setup):
    page = search(CANARY)
    assert page.count == 0 and page.hits == [] and page.facets == {}
    # The word that is in both items counts the open one only, in the count and in the facets.
    page = search("legepladser")
    assert page.count == 1
    assert [h.title for h in page.hits] == ["Åbent punkt om legepladser"]
    assert [f.count for f in page.facets["body"]] == [1]
    assert CANARY not in "".join(str(h.snippet) for h in page.hits)
    # The closed item's neutral title is public: found, without a snippet; its own title is not.
    page = search("personalesag")
    assert [(h.title, h.public, str(h.snippet)) for h in page.hits] == [("Personalesag", False, "")]
    assert search("jensen").count == 0 and search("afsked").count == 0


def test_public_index_does_not_hold_closed_content(closed_setup):
    outbox.drain()
    searcher = open_index(PUBLIC).searcher()
    assert searcher.num_docs == 2
    assert searcher.doc_freq("text", CANARY) == 0
    restricted = open_index(restricted_index(closed_setup["meeting"].body_id, sent=True)).searcher()
    assert restricted.doc_freq("text", CANARY) == 1


def test_closed_content_is_found_by_the_bodys_member_not_another_bodys(closed_setup):
    member = search(CANARY, user=closed_setup["member_a"])
    assert [h.title for h in member.hits] == ["Afsked af medarbejder Jensen"]
    assert CANARY in member.hits[0].snippet
    assert member.count == 1
    assert search(CANARY, user=closed_setup["secretariat_a"]).count == 1
    other = search(CANARY, user=closed_setup["member_b"])
    assert other.count == 0 and other.hits == [] and other.facets == {}
    assert search(CANARY, user=system_user()).count == 1  # administrator
    # A member of another body sees the closed item as a visitor does: title, no content.
    titled = search("personalesag", user=closed_setup["member_b"])
    assert [(h.title, str(h.snippet)) for h in titled.hits] == [("Personalesag", "")]


def test_drafts_are_found_by_the_secretariat_only(db):
    body = factories.body("Kladdeudvalget")
    meeting = factories.meeting(body)
    factories.item(meeting, "Kladdepunkt om vindmøller")
    secretariat = factories.member(body, role=Role.SECRETARIAT)
    member = factories.member(body)
    assert search("vindmøller").count == 0
    assert search("vindmøller", user=member).count == 0
    assert search("vindmøller", user=secretariat).count == 1
    services.publish_agenda(meeting, by=system_user())
    assert search("vindmøller").count == 1


@pytest.mark.parametrize(
    "roles",
    [
        {},
        {"a": [Role.MEMBER]},
        {"a": [Role.SECRETARIAT]},
        {"a": [Role.MEMBER], "b": [Role.SECRETARIAT]},
        {"a": [Role.MEMBER, Role.SECRETARIAT], "b": [Role.MEMBER]},
        "admin",
    ],
)
def test_index_scope_agrees_with_the_access_queries(db, roles):
    """For every kind of user: what the index finds is what visible_items / items_with_content allow."""
    by = system_user()
    bodies = {
        "a": factories.body("Udvalg A"),
        "b": factories.body("Udvalg B"),
        "c": factories.body("Udvalg C"),
    }
    for body in bodies.values():
        for publish in (False, True):
            meeting = factories.meeting(body)
            factories.item(meeting, "Fællesord åbent", sections=[("Sagsfremstilling", "fællesord")])
            factories.item(
                meeting,
                "Fællesord lukket",
                public=False,
                public_title="Fællesord lukket",
                sections=[("Sagsfremstilling", "fællesord")],
            )
            if publish:
                services.publish_agenda(meeting, by=by)
    if roles == "admin":
        user = factories.user(is_superuser=True)
    else:
        user = factories.user()
        for key, rs in roles.items():
            for role in rs:
                services.add_membership(body=bodies[key], user=user, role=role, by=by)
    outbox.drain()
    scope = queries.search_scope(user)
    raw = backend.search(parse("fællesord"), scope=scope, filters=Filters(), limit=1000)
    found = {h.item_id for h in raw.hits}
    with_content = {h.item_id for h in raw.hits if h.variant != "title"}
    visible = set(
        queries.visible_items(user).filter(meeting__body__in=bodies.values()).values_list("pk", flat=True)
    )
    content = set(
        queries.items_with_content(user)
        .filter(meeting__body__in=bodies.values())
        .values_list("pk", flat=True)
    )
    assert found == visible
    assert with_content == content
    assert raw.count == len(visible)
    # And content words alone ("fællesord" in the text only) find exactly the content items.
    raw = backend.search(parse("fællesord -lukket"), scope=scope, filters=Filters(), limit=1000)
    assert {h.item_id for h in raw.hits} <= content
