"""Attendance as the interchange states it: the meeting's ``participants`` and each item's
``absent``, from the lines the minutes print."""

from __future__ import annotations

import pytest

from protokol.importers.parse import parse_file, parse_text

from .scoring import CORPUS

HEAD = "REFERAT\n\nØkonomiudvalget\n\nMødedato: 01.10.2018, kl. 16:00\nMødested: Rådhuset\n\n"
ITEMS = (
    "Punkt 1: Budget\nSagsnr.: 18/1\n\nBeslutning\nGodkendt.\n"
    "Følgende deltog ikke i behandlingen af punktet: Bent Kragh (V) og Carla Juhl\n\n"
    "Punkt 2: Salg af grund\nSagsnr.: 18/2\n\nBeslutning\nGodkendt.\n"
    "Dan Friis (F) deltog ikke i behandlingen af dette punkt.\n\n"
    "Punkt 3: Eventuelt\n\nBeslutning\nDeltog ikke i behandlingen: Eva Lund\nIntet.\n\n"
    "Punkt 4: Tilskud til Ryslinge Boldklub\n\nBeslutning\nCarla Juhl (O) erklærede sig inhabil.\nGodkendt.\n\n"
    "Punkt 5: Salg af jord\n\nBeslutning\nInhabil: Anne Holm og Bent Kragh\nGodkendt.\n"
)


def _people(doc: dict) -> dict[str, dict]:
    return {p["name"]: p for p in doc.get("participants", [])}


def test_inline_lists_absence_and_a_substitute() -> None:
    doc = parse_text(
        HEAD + "Deltagere: Anne Holm (A), formand, Bent Kragh (V), Carla Juhl (O)\n"
        "Afbud: Dan Friis (F)\nStedfortræder: Ib Hansen (F) for Dan Friis (F)\n\n" + ITEMS
    )
    people = _people(doc)
    assert people["Anne Holm"]["party"] == "A" and people["Anne Holm"]["present"] is True
    assert people["Dan Friis"]["present"] is False
    assert people["Ib Hansen"] == {
        "name": "Ib Hansen",
        "party": "F",
        "role": "stedfortraeder",
        "present": True,
        "substitute_for": "Dan Friis",
    }
    assert set(people) == {"Anne Holm", "Bent Kragh", "Carla Juhl", "Dan Friis", "Ib Hansen"}
    absent = {item["number"]: item.get("absent") for item in doc["items"]}
    assert absent == {1: ["Bent Kragh", "Carla Juhl"], 2: ["Dan Friis"], 3: ["Eva Lund"], 4: None, 5: None}
    disqualified = {item["number"]: item.get("disqualified") for item in doc["items"]}
    assert disqualified == {1: None, 2: None, 3: None, 4: ["Carla Juhl"], 5: ["Anne Holm", "Bent Kragh"]}
    # the absence stays part of the decision's text, as the minutes print it
    assert "deltog ikke" in doc["items"][0]["decisions"][0]["text"]


def test_lists_under_headings_with_roles() -> None:
    doc = parse_text(
        HEAD + "Til stede\n\nAnne Holm (A) - formand\nBent Kragh (V) - næstformand\nCarla Juhl (O)\n\n"
        "Fraværende\n\nDan Friis (F)\n\nReferent\n\nMette Lund\n\n" + ITEMS
    )
    people = _people(doc)
    assert people["Anne Holm"] == {"name": "Anne Holm", "party": "A", "role": "formand", "present": True}
    assert people["Bent Kragh"]["role"] == "næstformand"
    assert people["Dan Friis"]["present"] is False
    assert people["Mette Lund"]["role"] == "referent"
    assert len(people) == 5


def test_a_first_name_under_afbud_marks_the_listed_member() -> None:
    doc = parse_text(
        HEAD + "Deltagere: Anne Holm\nTilde Ølholm\nPeter Marker\nAfbud: Tilde,\nFraværende:\n\n" + ITEMS
    )
    people = _people(doc)
    assert people["Tilde Ølholm"]["present"] is False
    assert people["Peter Marker"]["present"] is True
    assert "Tilde" not in people


def test_minutes_without_attendance_have_no_participants() -> None:
    assert "participants" not in parse_text(HEAD + ITEMS)


@pytest.mark.parametrize(
    ("source", "count", "checks"),
    [
        ("real/ballerup_sundhed_2012-12-04.pdf", 8,
         {"Lolan Ottesen": {"party": "A", "role": "formand"}, "Mie Helene Andresen": {"role": "sekretær"}}),
        ("real/syddjurs_puk_2013-06-20.docx", 5, {"Steen Fris": {"party": "C", "present": True}}),
        ("real/aarhus_moedesystemgruppen_2016-10-06.pdf", 10, {"Tilde Ølholm": {"present": False}}),
    ],
)  # fmt: skip
def test_real_minutes(source: str, count: int, checks: dict) -> None:
    if not CORPUS.is_dir():
        pytest.skip("the corpus is absent")
    people = _people(parse_file(CORPUS / source))
    assert len(people) == count
    for name, expected in checks.items():
        assert {k: people[name].get(k) for k in expected} == expected
