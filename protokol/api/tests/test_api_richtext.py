"""Formatted text through the JSON API: what a token writes is sanitised by the services (never trusted),
the API answers the stored form, and OParl's text fields carry plain text (resolutionText is text)."""

import pytest

from protokol.api.tests.test_api_tokens import _auth
from protokol.api.tests.test_api_votes import _publish, held  # noqa: F401 - the fixture
from protokol.common.tests.test_richtext import assert_inert
from protokol.meetings.models import Decision, Section
from protokol.people.models import Statement

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="alert(1)" style="color:red">Tekst <script>alert(1)</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(1)">link</a></p>'
)
TABLE = "<table><tr><th>Post</th><th>Beløb</th></tr><tr><td>Løn</td><td>1.000</td></tr></table>"


def _send(client, method: str, url: str, data: dict, secret: str):
    return getattr(client, method)(url, data, content_type="application/json", **_auth(secret))


def test_sections_decisions_and_statements_written_by_token_are_sanitised(client, held, token_a):  # noqa: F811
    _token, secret = token_a
    a, p = held
    item = a["open"]
    patched = _send(
        client,
        "patch",
        f"/api/items/{item.pk}",
        {"sections": [{"heading": "Sagsfremstilling", "text": HOSTILE + TABLE}]},
        secret,
    )
    assert patched.status_code == 200, patched.content
    stored = Section.objects.get(item=item).text
    assert_inert(stored)
    assert "<p>Tekst <a" in stored and "<td>Løn</td>" in stored
    assert patched.json()["sections"][0]["text"] == stored

    decided = _send(
        client,
        "post",
        f"/api/items/{item.pk}/decisions",
        {"text": "<ul><li>Godkendt</li></ul>" + HOSTILE},
        secret,
    )
    assert decided.status_code == 201, decided.content
    decision = Decision.objects.get(item=item, body_name="Direktionen")
    assert_inert(decision.text)
    assert decision.text.startswith("<ul><li>Godkendt</li></ul>")

    stated = _send(
        client,
        "post",
        f"/api/items/{item.pk}/statements",
        {"author_ids": [p["Dan Dahl"].pk], "text": "<b>Imod</b>" + HOSTILE},
        secret,
    )
    assert stated.status_code == 201, stated.content
    statement = Statement.objects.get(item=item)
    assert_inert(statement.text)
    assert "<b>Imod</b>" in statement.text


def test_oparl_gives_the_formatted_decision_as_plain_text(client, held, token_a):  # noqa: F811
    _token, secret = token_a
    a, _p = held
    item = a["open"]
    _send(
        client,
        "post",
        f"/api/items/{item.pk}/decisions",
        {"text": "<p>Indstillingen blev <strong>godkendt</strong>:</p><ul><li>med ændring</li></ul>" + TABLE},
        secret,
    )
    _publish(a["meeting"])
    listing = client.get(f"/oparl/v1/meeting/{a['meeting'].pk}").json()
    agenda_item = next(i for i in listing["agendaItem"] if i["name"] == "Åbent punkt")
    text = agenda_item["resolutionText"]
    assert "<" not in text and ">" not in text
    assert text.startswith("Indstillingen blev godkendt:\n\n- med ændring\n\nPost | Beløb\nLøn | 1.000")
