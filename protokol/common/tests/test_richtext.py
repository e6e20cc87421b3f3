"""The one stored form of formatted text and its renderers (protokol.common.richtext)."""

from __future__ import annotations

import pytest

from protokol.common.richtext import is_html, sanitize, to_blocks, to_html, to_plain

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">tekst</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://example.org"></iframe>',
    '<svg onload="alert(1)"></svg>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
]


def assert_inert(stored: str) -> None:
    lowered = stored.lower()
    for needle in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "style",
        "<img",
        "<iframe",
        "<svg",
    ):
        assert needle not in lowered, f"{needle!r} kept in {stored!r}"
    assert "data:" not in lowered


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_is_removed_on_write(payload):
    stored = sanitize(f"<p>Indstilling</p>{payload}")
    assert_inert(stored)
    assert "Indstilling" in stored
    # and again on output, for text stored before sanitising existed
    assert_inert(to_html(f"<p>Indstilling</p>{payload}"))


def test_the_allowed_subset_is_kept():
    given = (
        "<p>Der er <strong>fed</strong>, <b>fed</b>, <em>kursiv</em>, <i>kursiv</i> og et "
        '<a href="https://kommune.dk/sag">link</a>, <a href="mailto:post@kommune.dk">post</a>.<br>Ny linje.</p>'
        "<ul><li>et</li></ul><ol><li>to</li></ol>"
        "<table><thead><tr><th>Post</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    )
    stored = sanitize(given)
    for kept in ("<strong>fed</strong>", "<b>fed</b>", "<em>kursiv</em>", "<i>kursiv</i>", "<br>",
                 'href="https://kommune.dk/sag"', 'href="mailto:post@kommune.dk"', "<ul><li>et</li></ul>",
                 "<ol><li>to</li></ol>", "<thead><tr><th>Post</th></tr></thead>", "<td>1</td>"):  # fmt: skip
        assert kept in stored


def test_plain_text_stays_plain_text_and_renders_as_before():
    from django.utils.html import linebreaks

    text = "Beløbet er < 5 mio. & a<b.\n\n**Ikke fed** og - ingen liste\nanden linje"
    assert sanitize(text) == text
    assert not is_html(text)
    assert to_html(text) == linebreaks(text, autoescape=True)
    assert to_plain(text) == text


def test_typed_lines_with_a_bold_word_keep_their_lines():
    stored = sanitize("Første linje\n<b>fed</b> linje\n\nNyt afsnit")
    assert stored == "<p>Første linje<br><b>fed</b> linje</p><p>Nyt afsnit</p>"


def test_only_removed_markup_leaves_nothing():
    assert sanitize("<script>alert(1)</script>") == ""
    assert sanitize("<p> </p>") == ""


def test_plain_text_of_html_separates_paragraphs_list_items_and_table_cells():
    stored = sanitize(
        "<p>Indledning &amp; mere</p><ul><li>et</li><li>to</li></ul><ol><li>tre</li></ol>"
        "<table><tr><th>Post</th><th>Beløb</th></tr><tr><td>Løn</td><td>1.000</td></tr></table>"
    )
    assert to_plain(stored) == "Indledning & mere\n\n- et\n- to\n\n1. tre\n\nPost | Beløb\nLøn | 1.000"


def test_blocks_are_data_for_the_pdf():
    blocks = to_blocks(
        sanitize(
            '<p>Et <b>fedt</b> <a href="https://x.dk">link</a></p><ul><li>a</li></ul>'
            "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
        )
    )
    assert [b["type"] for b in blocks] == ["p", "list", "table"]
    runs = blocks[0]["runs"]
    assert runs[1] == {"text": "fedt", "strong": True, "emph": False, "href": None}
    assert runs[-1]["href"] == "https://x.dk"
    assert blocks[1]["ordered"] is False and blocks[1]["items"][0][0]["runs"][0]["text"] == "a"
    table = blocks[2]
    assert table["columns"] == 2 and len(table["header"]) == 1
    assert table["rows"] == [[[{"text": "1", "strong": False, "emph": False, "href": None}], []]]
    # plain text: its paragraphs of lines
    assert to_blocks("a\nb\n\nc") == [
        {
            "type": "p",
            "runs": [
                {"text": "a", "strong": False, "emph": False, "href": None},
                {"br": True},
                {"text": "b", "strong": False, "emph": False, "href": None},
            ],
        },  # fmt: skip
        {"type": "p", "runs": [{"text": "c", "strong": False, "emph": False, "href": None}]},
    ]
