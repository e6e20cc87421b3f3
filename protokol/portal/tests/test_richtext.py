"""Formatted text on the public pages: a section's and a decision's bold, lists and tables show as such on the
item page and in the published PDF; OParl and search get plain text; plain text shows as it always did."""

from datetime import date, time

import lxml.html
import pypdfium2
import pytest

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db

SECTION = (
    "<p>Udgiften er <strong>større</strong> end ventet:</p><ol><li>anlæg</li><li>drift</li></ol>"
    "<table><thead><tr><th>Post</th><th>Beløb</th></tr></thead><tbody><tr><td>Anlæg</td><td>4,5 mio.</td></tr>"
    "</tbody></table>"
)
DECISION = "<p><b>Godkendt</b>, idet</p><ul><li>anlægget udskydes</li></ul>"


@pytest.fixture
def published(data_dir):
    by = system_user()
    body = factories.body("Teknik- og Miljøudvalget")
    m = services.create_meeting(body=body, date=date(2026, 3, 2), start_time=time(9), by=by)
    item = factories.item(
        m,
        "Cykelsti",
        sections=[("Sagsfremstilling", SECTION), ("Indstilling", "Linje et\nLinje to\n\nAfsnit to")],
    )
    services.publish_agenda(m, by=by)
    services.record_decision(item=item, text=DECISION, by=by)
    services.mark_held(m, by=by)
    services.approve_minutes(m, by=by)
    services.publish_minutes(m, by=by)
    item.refresh_from_db()
    return m, item


def test_the_item_page_shows_bold_lists_and_tables(client, published):
    m, item = published
    page = client.get(f"/meetings/{m.pk}/items/{item.number}/").content.decode()
    tree = lxml.html.fromstring(page)
    section = tree.xpath(
        "//section[contains(@class,'section')][h3='Sagsfremstilling' or h2='Sagsfremstilling']"
    )[0]
    assert [e.text_content() for e in section.xpath(".//strong")] == ["større"]
    assert [e.text_content() for e in section.xpath(".//ol/li")] == ["anlæg", "drift"]
    rows = [[c.text_content() for c in tr.xpath("./th|./td")] for tr in section.xpath(".//table//tr")]
    assert rows == [["Post", "Beløb"], ["Anlæg", "4,5 mio."]]
    decision = tree.xpath("//div[@class='decision-text']")[0]
    assert [e.text_content() for e in decision.xpath(".//b")] == ["Godkendt"]
    assert [e.text_content() for e in decision.xpath(".//ul/li")] == ["anlægget udskydes"]
    # plain text as before: paragraphs and line breaks, escaped
    assert "<p>Linje et<br>Linje to</p>\n\n<p>Afsnit to</p>" in page


def test_the_published_pdf_prints_the_list_and_the_table(client, published):
    m, _item = published
    response = client.get(f"/meetings/{m.pk}/minutes.pdf")
    assert response.status_code == 200
    text = "\n".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(response.content))
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    start = lines.index("Udgiften er større end ventet:")
    assert lines[start : start + 5] == ["Udgiften er større end ventet:", "1. anlæg", "2. drift", "Post Beløb",
                                        "Anlæg 4,5 mio."]  # fmt: skip
    assert "• anlægget udskydes" in lines


def test_search_text_and_oparl_are_plain(client, published):
    from protokol.search.index.documents import _item_text

    m, item = published
    text, _refs = _item_text(item, m, closed_attachments=False, decisions=True)
    assert "<" not in text and "Post | Beløb\nAnlæg | 4,5 mio." in text and "1. anlæg" in text
    oparl = client.get(f"/oparl/v1/meeting/{m.pk}").json()
    resolution = oparl["agendaItem"][0]["resolutionText"]
    assert resolution.startswith("Godkendt, idet\n\n- anlægget udskydes")
