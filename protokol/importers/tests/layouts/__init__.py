"""A generator of minutes in layouts drawn at random, with the expected parse of each.

``generate(seed, fmt)`` gives (expected interchange dict, document bytes, layout): the meeting
is random content (``content.py``), the layout a random template (``layout.py``), the document
that meeting set in that layout (``render.py``). The same seed gives the same document.
"""

from __future__ import annotations

import random

from . import content
from .layout import Layout, blocks, draw, numbers
from .render import to_docx, to_html, to_pdf, to_text

FORMATS = ("text", "markdown", "docx", "html", "pdf")


def generate(seed: int, fmt: str) -> tuple[dict, bytes, Layout]:
    rng = random.Random(f"{fmt}:{seed}")
    layout = draw(rng, fmt)
    count = rng.randint(2, 8)
    meeting = content.meeting(
        rng, headings=layout.headings, numbers=numbers(rng, layout, count), minutes=layout.minutes
    )
    laid = blocks(rng, layout, meeting)
    if fmt == "text":
        _unstyled_headings(meeting, layout)
    if fmt in ("text", "markdown"):
        body = meeting["body"]
        data = to_text(rng, laid, layout, body, meeting["start"][:10])
    elif fmt == "docx":
        data = to_docx(laid)
    elif fmt == "pdf":
        data = to_pdf(rng, laid, layout, meeting["body"], meeting["start"][:10])
    else:
        data = to_html(laid, f"{layout.kind_word} {meeting['body']}")
    return meeting, data, layout


def _unstyled_headings(meeting: dict, layout: Layout) -> None:
    """In plain text a heading outside the genre's vocabulary is a heading only where the document
    repeats it; one printed once is a line of the text before it (labelling rule of the corpus)."""
    from collections import Counter

    from .layout import OWN_HEADINGS

    seen = Counter(s["heading"] for item in meeting["items"] for s in item["sections"])
    for item in meeting["items"]:
        kept: list[dict] = []
        for section in item["sections"]:
            if section["heading"] in OWN_HEADINGS and seen[section["heading"]] < 2:
                if kept:
                    kept[-1]["text"] += f"\n\n{section['heading']}:\n\n{section['text']}"
                continue  # first in its item: unheaded text, which the interchange does not keep
            kept.append(section)
        item["sections"] = kept
