"""The attendance lines minutes print, read into `participants` and item `absent`."""

from pathlib import Path

from protokol.importers.attendance import item_absent, read_participants
from protokol.importers.lines import Line
from protokol.importers.parse import parse_file, parse_text

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _read(*texts: str) -> list[dict]:
    return read_participants([Line(t) for t in texts])


def test_the_lines_protokol_prints():
    people = _read(
        "Til stede: Anna Andersen (A), formand, Bo Berg (V), næstformand, Dorte Dam (A)",
        "Fraværende: Carl Carlsen (A) (afbud), Finn Friis (C) (uden afbud)",
        "Stedfortræder: Dorte Dam (A) for Carl Carlsen (A)",
        "Desuden deltog: Eva Ek, Kommunaldirektør; Kim Krog",
    )
    assert people == [
        {"name": "Anna Andersen", "party": "A", "role": "formand", "present": True, "substitute_for": None},
        {"name": "Bo Berg", "party": "V", "role": "naestformand", "present": True, "substitute_for": None},
        {
            "name": "Dorte Dam",
            "party": "A",
            "role": "stedfortraeder",
            "present": True,
            "substitute_for": "Carl Carlsen",
        },
        {"name": "Carl Carlsen", "party": "A", "role": "medlem", "present": False, "substitute_for": None},
        {
            "name": "Finn Friis",
            "party": "C",
            "role": "medlem",
            "present": False,
            "substitute_for": None,
            "excused": False,
        },
        {
            "name": "Eva Ek",
            "party": None,
            "role": "Kommunaldirektør",
            "present": True,
            "substitute_for": None,
            "voting": False,
        },
        {
            "name": "Kim Krog",
            "party": None,
            "role": None,
            "present": True,
            "substitute_for": None,
            "voting": False,
        },
    ]


def test_labels_run_together_on_one_line_and_a_deputy_without_a_member():
    doc = parse_file(DOCUMENTS / "aastrup_byraadet_2020-02-27.html")
    assert doc["participants"] == [
        {"name": "Ole Winther", "party": "V", "role": "medlem", "present": False, "substitute_for": None},
        {"name": "Pia Krog", "party": "V", "role": "stedfortraeder", "present": True, "substitute_for": None},
    ]
    assert doc["absent"] == ["Ole Winther"]


def test_names_listed_under_a_label_standing_alone():
    people = _read("Afbud:", "Ole Holm (V)", "Per Poulsen", "Punkt 1: Budget")
    assert [(p["name"], p["party"], p["present"]) for p in people] == [
        ("Ole Holm", "V", False),
        ("Per Poulsen", None, False),
    ]


def test_no_attendance_lines_no_participants():
    assert _read("Mødedato: 4. marts 2026", "Mødested: Rådhuset") == []


def test_the_forms_of_item_absence():
    assert item_absent("Anna Andersen (A) og Bo Berg (V) deltog ikke i behandlingen af dette punkt.") == [
        "Anna Andersen",
        "Bo Berg",
    ]
    assert item_absent("Deltog ikke i behandlingen: Carl Carlsen, Dorte Dam") == ["Carl Carlsen", "Dorte Dam"]
    assert item_absent("Jesper Kjeldsen deltog ikke i sagens behandling.") == ["Jesper Kjeldsen"]
    assert item_absent("Sagen blev udsat.") is None


def test_an_absence_under_the_heading_is_the_items_and_in_a_decision_stays_in_its_text():
    doc = parse_text(
        "Referat\nByrådet\nMødedato: 4. marts 2026\n\n"
        "Punkt 1: Budget\nÅbent\nAnna Andersen (A) deltog ikke i behandlingen af dette punkt.\n\n"
        "Beslutning\nGodkendt.\n\n"
        "Punkt 2: Skolestruktur\nÅbent\n\nBeslutning\nGodkendt.\n\nBo Berg deltog ikke i sagens behandling.\n"
    )
    items = {item["number"]: item for item in doc["items"]}
    assert items[1]["absent"] == ["Anna Andersen"]
    assert [d["text"] for d in items[1]["decisions"]] == ["Godkendt."]
    assert items[2]["absent"] == ["Bo Berg"]
    assert "Bo Berg deltog ikke" in items[2]["decisions"][0]["text"]


def test_a_list_wrapped_over_lines_the_reader_did_not_join():
    people = _read(
        "Til stede: Lone Lund (A), formand, Jens Vestergaard (V), Karen Bach (F), Mads Mølgaard",
        "(A), Peter Krogh (C), Susanne",
        "Skov (A)",
        "Fraværende: Niels Bruun (afbud), Birthe Kjeldsen (uden afbud)",
        "Indholdsfortegnelse",
    )
    assert [(p["name"], p["party"], p["present"]) for p in people] == [
        ("Lone Lund", "A", True),
        ("Jens Vestergaard", "V", True),
        ("Karen Bach", "F", True),
        ("Mads Mølgaard", "A", True),
        ("Peter Krogh", "C", True),
        ("Susanne Skov", "A", True),
        ("Niels Bruun", None, False),
        ("Birthe Kjeldsen", None, False),
    ]
    assert people[-1]["excused"] is False and "excused" not in people[-2]
