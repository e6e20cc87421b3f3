from protokol.rendering.attendance import name_labels
from protokol.rendering.legal_record import disqualified_lines, statement_line, vote_lines


def test_a_vote_by_party_prints_the_groups_counts_and_result():
    vote = {
        "question": "Ændringsforslag fra V",
        "result": "rejected",
        "for": ["V"],
        "against": ["A", "F"],
        "abstain": ["Ø"],
        "counts": [2, 4, 1],
    }
    assert vote_lines(vote) == [
        "Ændringsforslag fra V",
        "For stemte: V (2). Imod stemte: A, F (4). Undlod at stemme: Ø (1).",
        "Forslaget blev forkastet.",
    ]


def test_a_vote_known_only_by_its_counts_and_an_empty_group_left_out():
    vote = {
        "question": None,
        "result": "adopted",
        "for": [],
        "against": [],
        "abstain": [],
        "counts": [15, 10, 0],
    }
    assert vote_lines(vote) == ["For stemte: 15. Imod stemte: 10.", "Forslaget blev vedtaget."]


def test_statements_and_disqualification_name_the_members_with_their_party():
    assert (
        statement_line({"by": ["Finn Fisk (F)", "Gitte Gram (Ø)"], "text": "Vi er imod."})
        == "Protokoltilførsel fra Finn Fisk (F) og Gitte Gram (Ø): Vi er imod."
    )
    labels = name_labels([{"name": "Dan Dahl", "party": "V"}, {"name": "Eva Ek"}])
    assert disqualified_lines(["Dan Dahl", "Eva Ek"], labels=labels) == [
        "Dan Dahl (V) deltog ikke i behandlingen af punktet på grund af inhabilitet.",
        "Eva Ek deltog ikke i behandlingen af punktet på grund af inhabilitet.",
    ]


def test_a_decision_whose_text_prints_its_vote_is_not_given_it_twice():
    from protokol.rendering import present

    line = "For stemte: A, V (9). Imod stemte: F (2)."
    decision = {
        "body": "Byrådet",
        "text": f"Indstillingen blev godkendt.\n\n{line}",
        "votes": [
            {
                "question": None,
                "result": "adopted",
                "for": ["A", "V"],
                "against": ["F"],
                "abstain": [],
                "counts": [9, 2, 0],
            }
        ],
    }
    doc = {
        "schema": "protokol/meeting@1",
        "body": "Byrådet",
        "kind": "minutes",
        "edition": "internal",
        "items": [{"number": 1, "title": "Budget", "public": True, "decisions": [decision]}],
    }
    paragraphs = present(doc)["items"][0]["decisions"][0]["paragraphs"]
    flat = [line for paragraph in paragraphs for line in paragraph]
    assert flat.count(line) == 1 and "Forslaget blev vedtaget." in flat
