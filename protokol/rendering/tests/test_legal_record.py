from protokol.rendering.legal_record import disqualified_lines, party_labels, statement_line, vote_lines


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
    labels = party_labels([{"name": "Dan Dahl", "party": "V"}, {"name": "Eva Ek"}])
    assert disqualified_lines(["Dan Dahl", "Eva Ek"], labels=labels) == [
        "Dan Dahl (V) deltog ikke i behandlingen af punktet på grund af inhabilitet.",
        "Eva Ek deltog ikke i behandlingen af punktet på grund af inhabilitet.",
    ]
