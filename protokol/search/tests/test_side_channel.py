"""Search statistics tell a user nothing of documents they may not read (issue #13, finding 1).

Expansion of a prefix or of a word to its compounds, the number of results, the facets, the order and
the scores all read statistics of the index a query runs on: which terms it holds and how often. Each
test adds documents a user may not read, full of words that begin like the probed ones, and checks
that the user's results stay exactly what they were before, and after the documents are removed again.
"""

from datetime import date

import pytest

from protokol.cases import services as case_services
from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import Role
from protokol.meetings.tests import factories
from protokol.search.index import analyze
from protokol.search.query import search

PREFIX = "fortroli"
# More terms than one expansion takes (PREFIX_TERMS), sorting before the readable ones ("fortrolig…").
HIDDEN_TERMS = [f"{PREFIX}{a}{b}x" for a in "abcde" for b in "bcdfghjklmnp"]
# Each search feature that reads statistics: a prefix, a word with its compounds, a word whose weight
# depends on how many documents hold it, two words (their relative weight orders the hits), date order,
# a facet filter, an excluded word.
QUERIES = [
    {"query": f"{PREFIX}*"},
    {"query": PREFIX},
    {"query": "fortrolighed"},
    {"query": "fortrolighed aftale"},
    {"query": f"{PREFIX}*", "sort": "date"},
    {"query": f"{PREFIX}*", "year": 2025},
    {"query": f"{PREFIX}* -aftale"},
]


def test_the_hidden_terms_stem_to_themselves_and_outnumber_an_expansion():
    from protokol.search.index import PREFIX_TERMS

    assert analyze(" ".join(HIDDEN_TERMS)) == HIDDEN_TERMS
    assert len(HIDDEN_TERMS) > PREFIX_TERMS


def snapshot(user) -> list:
    """Everything a results page shows that could depend on the index: hits in order, their scores and
    snippets, the count and every facet."""
    out = []
    for params in QUERIES:
        page = search(user=user, page_size=100, **params)
        out.append(
            (
                params,
                page.count,
                [(h.item_id, round(h.score, 5), str(h.snippet)) for h in page.hits],
                {name: [(f.value, f.count) for f in facets] for name, facets in page.facets.items()},
            )
        )
    return out


def _publish(meeting):
    services.publish_agenda(meeting, by=system_user())
    return meeting


@pytest.fixture
def world(db):
    """Three bodies (two of one municipality, one of another), each with published minutes whose open
    items use words that begin with PREFIX; body A also a closed item and a draft of its own."""
    org = factories.organization("Fjordby Kommune")
    other_org = factories.organization("Anden Kommune")
    bodies = {
        "a": factories.body("Udvalg A", org=org),
        "b": factories.body("Udvalg B", org=org),
        "c": factories.body("Udvalg C", org=other_org),
    }
    by = system_user()
    texts = [
        "Aftale om fortrolighed og fortroligt materiale.",
        "Fortrolighed i sagsbehandlingen. Fortrolighedserklæring underskrives.",
        "Ordet fortroli står alene, fortrolige oplysninger nævnes.",
    ]
    for n, (key, body) in enumerate(bodies.items()):
        for year in (2025, 2026):
            meeting = factories.meeting(body, day=date(year, 3, 10 + n))
            case = case_services.resolve_case(
                organization=body.organization,
                number=f"{key}-{year}",
                journal_number=f"00.0{n + 1}.00",
                by=by,
            )
            for k, text in enumerate(texts):
                factories.item(
                    meeting,
                    f"Fortrolighed {key} {year} {k}",
                    case=case,
                    case_type=["Beslutning", "Orientering"][k % 2],
                    sections=[("Sagsfremstilling", text)],
                )
            _publish(meeting)
    own = factories.meeting(bodies["a"], day=date(2026, 5, 1))
    factories.item(
        own,
        "Lukket punkt",
        public=False,
        sections=[("Sagsfremstilling", "Fortrolighedsaftale om en fortrolig ansættelse.")],
    )
    _publish(own)
    draft = factories.meeting(bodies["a"], day=date(2026, 6, 1))
    factories.item(draft, "Kladde", sections=[("Sagsfremstilling", "Fortroligt udkast til aftale.")])
    return {"bodies": bodies, "by": by, "closed": _closed_items(bodies)}


HIDDEN_TEXT = " ".join(HIDDEN_TERMS) + " fortrolighed fortrolighed aftale fortroli"
NEUTRAL_TEXT = "Sagen vedrører en ansættelse."
# Where documents a user may not read come from: closed items of published minutes (their number and
# title are public, so they stand from the start with a neutral text, and what changes is their
# content) and drafts (nothing of them is public, so they are added and removed whole).
CLOSED = {"closed_of_other_body": "b", "closed_of_other_organisation": "c", "closed_of_own_body": "a"}
DRAFTS = {"draft_of_other_body": "b", "draft_of_own_body": "a"}


def _hidden_items(meeting, *, public: bool, text: str, n: int = 3) -> list:
    """n items, so that each term of the text is in n documents: a blind expansion ranks them first."""
    return [
        factories.item(
            meeting,
            f"Skjult punkt {k}",
            public=public,
            case_type="Drøftelse",
            sections=[("Sagsfremstilling", text)],
        )
        for k in range(n)
    ]


def _closed_items(bodies) -> dict[str, list]:
    out = {}
    for n, (kind, key) in enumerate(CLOSED.items()):
        meeting = factories.meeting(bodies[key], day=date(2025, 9, 1 + n))
        out[kind] = _hidden_items(meeting, public=False, text=NEUTRAL_TEXT)
        _publish(meeting)
    return out


def add_unreadable(world, kind: str):
    """Documents of one kind a user may not read, full of HIDDEN_TERMS and the probed words; returns
    the function that takes them away again."""
    by = world["by"]
    if kind in CLOSED:
        items = world["closed"][kind]
        for item in items:
            services.set_sections(item=item, sections=[("Sagsfremstilling", HIDDEN_TEXT)], by=by)

        def undo():
            for item in items:
                services.set_sections(item=item, sections=[("Sagsfremstilling", NEUTRAL_TEXT)], by=by)

        return undo
    meeting = factories.meeting(world["bodies"][DRAFTS[kind]], day=date(2025, 10, 1))
    items = _hidden_items(meeting, public=True, text=HIDDEN_TEXT)

    def undo():
        for item in items:
            services.remove_item(item=item, by=by)

    return undo


def make_user(world, who: str):
    bodies = world["bodies"]
    if who == "anonymous":
        return None
    if who == "secretariat_of_a":
        return factories.member(bodies["a"], role=Role.SECRETARIAT)
    if who == "member_of_a":
        return factories.member(bodies["a"])
    raise AssertionError(who)


UNREADABLE = {
    # A secretariat of another body (and of another municipality).
    "secretariat_of_a": ["closed_of_other_body", "closed_of_other_organisation", "draft_of_other_body"],
    # A member of another body, and of the same body's draft (secretariat only).
    "member_of_a": [
        "closed_of_other_body",
        "closed_of_other_organisation",
        "draft_of_other_body",
        "draft_of_own_body",
    ],
    "anonymous": ["closed_of_own_body", "closed_of_other_organisation", "draft_of_own_body"],
}
MATRIX = [(who, kind) for who, kinds in UNREADABLE.items() for kind in kinds]


@pytest.mark.parametrize(("who", "kind"), MATRIX)
def test_unreadable_documents_change_nothing_a_user_sees(world, who, kind):
    user = make_user(world, who)
    before = snapshot(user)
    # The user finds something for every query, or the comparison would prove little.
    assert all(count for _params, count, _hits, _facets in before), before
    undo = add_unreadable(world, kind)
    assert snapshot(user) == before
    undo()
    assert snapshot(user) == before


def test_the_unreadable_documents_are_found_by_those_who_may_read_them(world):
    """The counterpart: the same documents are there for those who may read them."""
    readers = {
        "closed_of_other_body": factories.member(world["bodies"]["b"]),
        "closed_of_other_organisation": factories.member(world["bodies"]["c"]),
        "closed_of_own_body": factories.member(world["bodies"]["a"]),
        "draft_of_other_body": factories.member(world["bodies"]["b"], role=Role.SECRETARIAT),
        "draft_of_own_body": factories.member(world["bodies"]["a"], role=Role.SECRETARIAT),
    }
    for kind, reader in readers.items():
        assert search(HIDDEN_TERMS[0], user=reader).count == 0
        undo = add_unreadable(world, kind)
        assert search(HIDDEN_TERMS[0], user=reader).count == 3
        assert search(HIDDEN_TERMS[0], user=system_user()).count == 3
        undo()
        assert search(HIDDEN_TERMS[0], user=reader).count == 0


def test_probe_words_with_a_sentinel_tell_nothing_of_a_closed_word(db):
    """The attack of the issue: a secretariat writes PREFIX_TERMS - 1 probe words and one sentinel that
    sorts last into its own draft. If an expansion counts a hidden term with the prefix, the sentinel
    falls out of it and the count drops. It must be the same whether the hidden term exists or not."""
    from protokol.search.index import PREFIX_TERMS

    by = system_user()
    victim = factories.body("Personaleudvalget", org=factories.organization("Offer Kommune"))
    attacker_body = factories.body("Angriberudvalget", org=factories.organization("Angriber Kommune"))
    attacker = factories.member(attacker_body, role=Role.SECRETARIAT)

    probes = [f"{PREFIX}{a}{b}x" for a in "abcdefgh" for b in "bcdfghjk"][: PREFIX_TERMS - 1]
    sentinel = f"{PREFIX}øøøx"
    assert analyze(" ".join([*probes, sentinel])) == [*probes, sentinel]
    draft = factories.meeting(attacker_body)
    factories.item(draft, "Prøver", sections=[("Sagsfremstilling", " ".join(probes))])
    factories.item(draft, "Vagtpost", sections=[("Sagsfremstilling", sentinel)])

    def probe() -> tuple:
        page = search(f"{PREFIX}*", user=attacker)
        return page.count, sorted(h.title for h in page.hits)

    without = probe()
    assert without == (2, ["Prøver", "Vagtpost"])
    assert search(PREFIX, user=attacker).count == without[0]
    # The closed word, several times so that it would outrank every probe in a blind expansion.
    closed_meeting = factories.meeting(victim)
    for k in range(3):
        factories.item(
            closed_meeting,
            f"Lukket {k}",
            public=False,
            sections=[("Sagsfremstilling", f"{PREFIX}sagen vedrører en medarbejder")],
        )
    services.publish_agenda(closed_meeting, by=by)
    assert probe() == without
    assert search(PREFIX, user=attacker).count == without[0]
    # The same with the word in a draft of another body: unread by anyone but its secretariat.
    draft_of_victim = factories.meeting(victim)
    factories.item(draft_of_victim, "Kladde", sections=[("Sagsfremstilling", f"{PREFIX}aaax " * 3)])
    assert probe() == without


def test_the_words_of_an_item_since_closed_are_not_expanded(db):
    """The index keeps the terms of a replaced document until its segment is merged: an expansion
    counts only the documents it holds now, so an item's words are gone once it is closed."""
    from protokol.search.index import PREFIX_TERMS

    by = system_user()
    body = factories.body("Åbenhedsudvalget")
    probes = [f"{PREFIX}{a}{b}x" for a in "abcdefgh" for b in "bcdfghjk"][: PREFIX_TERMS - 1]
    sentinel = f"{PREFIX}øøøx"
    meeting = factories.meeting(body)
    factories.item(meeting, "Prøver", sections=[("Sagsfremstilling", " ".join(probes))])
    factories.item(meeting, "Vagtpost", sections=[("Sagsfremstilling", sentinel)])
    later = [
        factories.item(meeting, f"Senere lukket {k}", sections=[("Sagsfremstilling", f"{PREFIX}sagen")])
        for k in range(3)
    ]
    services.publish_agenda(meeting, by=by)
    assert search(f"{PREFIX}sagen").count == 3
    assert search(f"{PREFIX}*").count == 3 + 1  # the sentinel fell out of the expansion

    for item in later:
        services.update_item(item=item, public=False, by=by)
    assert search(f"{PREFIX}sagen").count == 0
    page = search(f"{PREFIX}*")
    assert sorted(h.title for h in page.hits) == ["Prøver", "Vagtpost"]


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_pages_of_hits_merged_from_several_indexes_follow_one_order(world, sort):
    """A secretariat's hits come from the public index and its own body's two: page by page they are
    the one list, each hit once, ordered by score (or date) across the indexes."""
    user = make_user(world, "secretariat_of_a")
    whole = search("fortro*", user=user, sort=sort, page_size=100)
    assert whole.count == len(whole.hits) > 4
    assert len({h.item_id for h in whole.hits}) == whole.count
    key = (lambda h: h.score) if sort == "relevance" else (lambda h: h.meeting.date)
    assert [key(h) for h in whole.hits] == sorted((key(h) for h in whole.hits), reverse=True)
    paged = []
    for number in range(1, whole.count // 3 + 2):
        page = search("fortro*", user=user, sort=sort, page=number, page_size=3)
        assert page.count == whole.count
        paged += page.hits
    assert [h.item_id for h in paged] == [h.item_id for h in whole.hits]
    restricted = {h.item_id for h in whole.hits if h.title in ("Lukket punkt", "Kladde")}
    assert len(restricted) == 2  # its own closed item and its draft, from its restricted indexes
