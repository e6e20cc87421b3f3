"""Must show: odd query strings get a clear answer, never a server error."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def visitor(reference_meeting):
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("year", ["9" * 30, "99999", "9999", "0", "-1", "²", "２０１６"])
def test_a_year_out_of_range_is_ignored(visitor, year):
    response = visitor.get("/search/", {"q": "Facebook", "year": year})
    assert response.status_code == 200
    assert "2 resultater" in response.content.decode()  # searched as if no year was given


@pytest.mark.parametrize("q", ["\x00", "Face\x00book", "\x1b[31m", "\x7f"])
def test_control_characters_in_a_search_are_left_out(visitor, q):
    page = visitor.get("/search/", {"q": q})
    assert page.status_code == 200
    feed = visitor.get("/search/feed/", {"q": q})
    assert feed.status_code == 200
    ET.fromstring(feed.content)  # well-formed XML
    assert b"\x00" not in page.content + feed.content


def test_a_search_for_a_word_with_a_nul_finds_the_word(visitor):
    root = ET.fromstring(visitor.get("/search/feed/", {"q": "Face\x00book"}).content)
    assert len(root.findall(f"{ATOM}entry")) == 2
