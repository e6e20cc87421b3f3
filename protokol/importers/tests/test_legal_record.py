"""Votes, protokoltilførsler and disqualification read from a decision's printed text."""

from __future__ import annotations

import pytest

from protokol.importers.legal_record import names_of, read
from protokol.importers.parse import parse_file, parse_text

from .scoring import CORPUS


def _votes(text: str) -> list[dict]:
    return read(text).votes


def test_vote_lines_by_party_with_counts_and_the_question_put():
    text = (
        "Ændringsforslaget fra V blev sat under afstemning.\n"
        "For stemte: V (2). Imod stemte: A, F (4). Undlod at stemme: Ø (1).\n"
        "Ændringsforslaget blev forkastet.\n\n"
        "Indstillingen blev herefter sat under afstemning.\n"
        "For stemte 15: A, C og V\nImod stemte: F, Ø (10).\nUndlod at stemme: O (2).\n\n"
        "Forslaget blev vedtaget."
    )
    assert _votes(text) == [
        {
            "question": "Ændringsforslaget fra V",
            "result": "rejected",
            "for": ["V"],
            "against": ["A", "F"],
            "abstain": ["Ø"],
            "counts": [2, 4, 1],
        },
        {
            "question": "Indstillingen",
            "result": "adopted",
            "for": ["A", "C", "V"],
            "against": ["F", "Ø"],
            "abstain": ["O"],
            "counts": [15, 10, 2],
        },
    ]


@pytest.mark.parametrize(
    ("text", "question", "result", "counts"),
    [
        ("Forslaget blev vedtaget med 15 stemmer mod 10.", "Forslaget", "adopted", [15, 10, 0]),
        ("Forslaget blev vedtaget med 15 stemmer mod 10, idet 2 undlod at stemme.", "Forslaget", "adopted", [15, 10, 2]),
        ("Ændringsforslaget fra V blev forkastet med 5 stemmer for og 20 imod.", "Ændringsforslaget fra V", "rejected", [5, 20, 0]),
        # "N stemmer mod M" under a rejection: the larger number is those against
        ("Ændringsforslaget blev forkastet med 20 stemmer mod 7.", "Ændringsforslaget", "rejected", [7, 20, 0]),
        ("Godkendt med 23 stemmer for.\nImod stemte Enhedslisten (2).", None, "adopted", [23, 2, 0]),
        ("For stemte: 15. Imod stemte: 10.\nForslaget blev vedtaget.", None, "adopted", [15, 10, 0]),
    ],
)  # fmt: skip
def test_results_with_counts_in_other_wordings(text, question, result, counts):
    (vote,) = _votes(text)
    assert (vote["question"], vote["result"], vote["counts"]) == (question, result, counts)


def test_names_by_person_and_a_dissent_without_counts():
    text = (
        "Indstillingen blev godkendt.\n\n"
        "Ulla Bro (Ø) og Kirsten Lind (Ø) stemte imod og henviste til deres tidligere stemme mod lukningen."
    )
    assert _votes(text) == [
        {
            "question": "Indstillingen",
            "result": "adopted",
            "for": [],
            "against": ["Ulla Bro (Ø)", "Kirsten Lind (Ø)"],
            "abstain": [],
        }
    ]
    (vote,) = _votes("Godkendt, idet Peter Munk (O) stemte imod.")
    assert vote["against"] == ["Peter Munk (O)"] and "counts" not in vote
    # persons' names count themselves where the other groups have their numbers
    (vote,) = _votes("For stemte: A, C, V (15). Imod stemte: Finn Fisk (F) og Gitte Gram (Ø).")
    assert vote["counts"] == [15, 2, 0] and vote["result"] == "adopted"


def test_the_renderers_forms_read_back():
    text = (
        "Indstillingen blev godkendt.\n\n"
        "Ændringsforslag fra V\n"
        "For stemte: V (2). Imod stemte: A, F (4). Undlod at stemme: Ø (1).\n"
        "Forslaget blev forkastet.\n\n"
        "Indstillingen\n\n"
        "For stemte: A, Dan Dahl (V) (4). Imod stemte: F, Ø (2). Undlod at stemme: Eva Ek (V) (1).\n\n"
        "Forslaget blev vedtaget.\n\n"
        "Protokoltilførsel fra Finn Fisk (F) og Gitte Gram (Ø): F og Ø finder budgettet usocialt. "
        "Det rammer de svageste.\n"
        "Dan Dahl (V) deltog ikke i behandlingen af punktet på grund af inhabilitet."
    )
    record = read(text)
    assert [(v["question"], v["result"], v["counts"]) for v in record.votes] == [
        ("Ændringsforslag fra V", "rejected", [2, 4, 1]),
        ("Indstillingen", "adopted", [4, 2, 1]),
    ]
    assert record.votes[1]["for"] == ["A", "Dan Dahl (V)"]
    assert record.votes[1]["abstain"] == ["Eva Ek (V)"]
    assert record.statements == [
        {
            "by": ["Finn Fisk (F)", "Gitte Gram (Ø)"],
            "text": "F og Ø finder budgettet usocialt. Det rammer de svageste.",
        }
    ]
    assert record.disqualified == ["Dan Dahl"]


@pytest.mark.parametrize(
    ("text", "by", "statement"),
    [
        (
            "Godkendt.\n\nPeter Munk (O) ønskede følgende tilført protokollen: Jeg finder beslutningen forkert.",
            ["Peter Munk (O)"],
            "Jeg finder beslutningen forkert.",
        ),
        (
            'Anbefales.\n\nSF ønskede følgende tilført protokollen:\n\n"Vi kan ikke støtte besparelsen."\n\nMødet fortsatte.',
            ["SF"],
            '"Vi kan ikke støtte besparelsen."',
        ),
        (
            "Godkendt.\n\nF og Ø ønskede deres stemmer imod tilført protokollen.",
            ["F", "Ø"],
            "F og Ø ønskede deres stemmer imod tilført protokollen.",
        ),
        ("Protokoltilførsel fra Anne Ask og Bo Bak: Vi er uenige.", ["Anne Ask", "Bo Bak"], "Vi er uenige."),
    ],
)
def test_protokoltilfoersler_in_other_wordings(text, by, statement):
    assert read(text).statements == [{"by": by, "text": statement}]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Niels Viderø (V) erklærede sig inhabil og forlod mødet under punktets behandling.",
            ["Niels Viderø"],
        ),
        ("Jens Jensen og Lise Lund erklærede sig inhabile.", ["Jens Jensen", "Lise Lund"]),
        ("Hans Hald deltog ikke i behandlingen af punktet på grund af inhabilitet.", ["Hans Hald"]),
        ("På grund af inhabilitet deltog Hans Hansen (C) ikke i behandlingen af sagen.", ["Hans Hansen"]),
        # away from the item, not disqualified
        ("Jesper Kjeldsen deltog ikke i sagens behandling.", []),
    ],
)
def test_disqualification(text, names):
    assert read("Godkendt.\n\n" + text).disqualified == names


def test_prose_is_not_a_vote():
    for text in (
        "Godkendt. Sagen blev drøftet, og direktøren orienterede om status. Kl. 10 gik mødet videre.",
        "Udvalget godkendte indstillingen. Borgmesteren stemte for at udsætte sagen.",
        "Godkendt som ansøgt af forvaltningen.",
        "Et flertal i udvalget kunne tiltræde indstillingen.",
    ):
        record = read(text)
        assert (record.votes, record.statements, record.disqualified) == ([], [], []), text


def test_names_of_party_groups_in_the_genitive():
    assert names_of(
        "Socialistisk Folkepartis og Enhedslisten de Rød-Grønnes byrådsgrupper og Viggo Jonasen"
    ) == ["Socialistisk Folkeparti", "Enhedslisten de Rød-Grønne", "Viggo Jonasen"]
    assert names_of("Socialdemokratiet, det Konservative Folkeparti og Venstre") == [
        "Socialdemokratiet",
        "det Konservative Folkeparti",
        "Venstre",
    ]
    assert names_of("Et flertal i udvalget") is None


def test_the_aarhus_minutes():
    source = CORPUS / "aarhus_byraadet_2025-08-27.pdf"
    if not source.is_file():
        pytest.skip(f"the corpus {CORPUS} is absent")
    items = {it["number"]: it for it in parse_file(source)["items"]}
    own = {n: next(d for d in it["decisions"] if d["date"] == "2025-08-27") for n, it in items.items()}
    # "… kunne ikke tiltræde indstillingen": against-groups of votes without counts, on what they opposed
    assert own[3]["votes"] == [
        {
            "question": "Indstillingens beslutningspunkter 1 og 2",
            "result": "adopted",
            "for": [],
            "against": ["Socialistisk Folkeparti", "Enhedslisten de Rød-Grønne", "Viggo Jonasen"],
            "abstain": [],
        },
        {
            "question": "Indstillingen",
            "result": "adopted",
            "for": [],
            "against": ["Radikale Venstre", "Alternativet"],
            "abstain": [],
        },
    ]
    assert [v["against"] for v in own[6]["votes"]] == [
        ["Enhedslisten de Rød-Grønne"],
        ["Danmarksdemokraterne"],
    ]
    assert own[4]["text"].endswith("Magistratsafdelingen for Teknik og Miljø udarbejder notat.")  # text kept
    # The Magistrate's "tog forbehold" is a statement under that earlier decision
    magistrate = next(d for d in items[11]["decisions"] if d["body"] == "Magistraten")
    assert magistrate["statements"] == [
        {
            "by": ["Socialistisk Folkeparti", "Liberal Alliance", "Alternativet"],
            "text": "Socialistisk Folkeparti, Liberal Alliance og Alternativet tog forbehold vedrørende "
            "medfinansiering fra Magistratsafdelingen for Sundhed og Omsorg og samlet finansieringsmodel.",
        }
    ]
    assert not any("disqualified" in it for it in items.values())
    assert not any("votes" in d or "statements" in d for d in items[1]["decisions"] + items[21]["decisions"])


def test_only_the_meetings_own_decision_gives_the_item_its_disqualified():
    text = (
        "REFERAT\n\nByrådet\n\nMødedato: 12. marts 2024 kl. 17:00\n\n"
        "Punkt 1: Salg af grund\n\n"
        "Sagsforløb\n\nØkonomiudvalget den 5. marts 2024:\nAnbefales.\n\n"
        "Ole Olsen (A) erklærede sig inhabil.\n\n"
        "Beslutning\n\nGodkendt.\n\nLis Lund (V) erklærede sig inhabil.\n\n"
        "Punkt 2: Eventuelt\n\nBeslutning\n\nIntet.\n"
    )
    item = parse_text(text)["items"][0]
    assert item["disqualified"] == ["Lis Lund"]
