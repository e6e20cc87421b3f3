import os
import subprocess
import sys

import lxml.html
import pytest

from protokol.rendering.html import render_html
from protokol.rendering.tests.helpers import normalize, reference_doc
from protokol.rendering.tests.test_pdf import CANARIES, canary_doc


@pytest.fixture(scope="module")
def reference_tree():
    html = render_html(reference_doc(edition="internal", organization="Kalundborg Kommune"))
    assert html.startswith("<!DOCTYPE html>")
    return lxml.html.fromstring(html)


def _texts(tree, xpath: str) -> list[str]:
    return [normalize(e.text_content()) for e in tree.xpath(xpath)]


def test_standalone_danish_document(reference_tree):
    assert reference_tree.get("lang") == "da"
    assert reference_tree.xpath("//meta[@charset='utf-8']")
    assert _texts(reference_tree, "//title") == ["Referat – Direktionen – 30. maj 2016 (intern udgave)"]
    # Nothing to fetch and nothing to run: readable offline, without JS.
    assert not reference_tree.xpath("//script | //link | //img | //iframe | //*[@src]")


def test_semantic_headings(reference_tree):
    doc = reference_doc()
    assert _texts(reference_tree, "//h1") == ["Referat – Direktionen – 30. maj 2016 (intern udgave)"]
    items = reference_tree.xpath("//main/article")
    assert len(items) == len(doc["items"])
    for article, item in zip(items, doc["items"], strict=True):
        title = item["title"] if item["public"] else f"Lukket: {item['title']}"
        assert _texts(article, "./h2") == [f"Punkt {item['number']}: {title}"]
        expected_h3 = (["Sagstype"] if item["case_type"] else []) + [s["heading"] for s in item["sections"]]
        expected_h3 += ["Bilag"] if item["attachments"] else []
        expected_h3 += ["Direktionens møde den 30. maj 2016:"] * len(item["decisions"])
        assert _texts(article, ".//h3") == expected_h3
        assert article.get("id") == f"punkt-{item['number']}"


def test_content_in_order(reference_tree):
    item = reference_tree.xpath("//main/article")[0]
    assert _texts(item, "./p") == [
        "Åbent",
        "Sagsnr.: 326-2016-968 J.nr.: 00.01.00 Dokumentnr.: 326-2016-186692",
    ]
    sections = item.xpath("./section")
    assert _texts(sections[4], "./p") == [
        "Styring var et af temaerne på årets lederkonference. Som forberedelse hertil havde to konsulenter orienteret sig i vores styringsdokumenter, gennemført en spørgeskemaundersøgelse hos alle niveau 2 chefer og foretaget to fokusgruppeinterview blandt cheferne.",
        "Formålet hermed var at vurdere, dels om der er en sammenhæng imellem den styring vi ønsker og den vi praktiserer, dels om vores styringsværktøjer understøtter det ønskede paradigmeskifte med øget fokus på kerneopgave og samskabelse.",
        "På lederkonference blev resultatet af konsulenternes undersøgelser præsenteret, som oplæg til en gruppedrøftelse omkring ovenstående temaer samt at komme med input til, hvilke pejlemærker vi skal have for fremtidens styring.",
        "De væsentligste pointer fra konsulenternes undersøgelse, samt input fra gruppedrøftelsen er præsenteret i bilaget. Disse input er formuleret som forslag til en række pejlemærker for den fremtidige styring. Desuden er der forslag til en proces, hvor vi udfordrer vores nuværende styring i form af regler, procedurer regler/procedurer/forretningsgange/formalier der er uhensigtsmæssige, bureaukratiske eller fjerner fokus fra kerneopgaven.",
    ]  # noqa: E501
    assert _texts(item, ".//li") == ["Pejlemærker for fremtidens styring. 25.5.2016 (326-2016-186673)"]
    # A single newline is a line break inside the paragraph.
    second = reference_tree.xpath("//main/article")[1]
    assert second.xpath(".//section[h3='Sagsfremstilling']/p/br")


def test_contents_and_facts(reference_tree):
    toc = _texts(reference_tree, "//nav//li")
    assert toc[5] == "Punkt 6: Lukket: Opfølgning på direktionsseminar - temadrøftelse om Direktionens rolle"
    assert reference_tree.xpath("//nav//a/@href")[0] == "#punkt-1"
    assert _texts(reference_tree, "//dl/dt") == ["Mødedato", "Mødested"]
    assert _texts(reference_tree, "//dl/dd")[0] == "Mandag d. 30. maj 2016 kl. 12:30"


def test_public_edition_leaks_nothing_of_closed_items():
    html = render_html(canary_doc(edition="public"))
    for canary in CANARIES:
        assert canary not in html
    tree = lxml.html.fromstring(html)
    closed = tree.xpath("//article[@id='punkt-6']")[0]
    # No neutral title in the document: the public reads "Lukket punkt", and the marker.
    assert _texts(closed, "./*") == ["Punkt 6: Lukket punkt", "Lukket"]
    assert "intern udgave" not in html


def test_without_edition_the_public_one_is_rendered():
    html = render_html(canary_doc())
    assert "KANARIETEXT" not in html and "KANARIEOPENBUT" not in html


def test_internal_edition_marks_closed_items():
    html = render_html(canary_doc(edition="internal"))
    tree = lxml.html.fromstring(html)
    closed = tree.xpath("//article[@id='punkt-6']")[0]
    assert "closed" in closed.get("class")
    assert _texts(closed, "./p")[:1] == ["Lukket"]
    assert "KANARIETEXT" in html and "KANARIEOPENBUT" in html
    assert "KANARIEOUTCOME" not in html  # the outcome code is not printed; the decision's words state it


def test_works_without_django_settings():
    """The CLI, workers and these tests render without a configured Django project."""
    code = (
        "from django.conf import settings\n"
        "from protokol.rendering.html import render_html\n"
        "from protokol.rendering.tests.helpers import reference_doc\n"
        "assert '<h2>Punkt 7: Eventuelt</h2>' in render_html(reference_doc())\n"
        "assert not settings.configured\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
