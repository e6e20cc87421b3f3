"""Rendering: seconds to set a ~60-page minutes document as PDF (Typst), next to the HTML edition.

    python -m bench.bench_render          (from the repository root; writes bench/results/render.json)

The document is synthetic: 30 items whose sections repeat the reference minutes' texts
(corpus/kalundborg_direktionen_2016-05-30.json). Each timed run renders a document that differs
from the one before in every paragraph, so Typst's memoised layout cannot reuse earlier work.
"""

import copy
import itertools
import json
import time
from pathlib import Path

import pypdfium2

from bench.common import median_seconds, result, write_results
from protokol.rendering.html import render_html
from protokol.rendering.pdf import render_pdf

REFERENCE = (
    Path(__file__).resolve().parent.parent
    / "protokol/rendering/tests/data/kalundborg_direktionen_2016-05-30.json"
)
ITEMS = 30
REPEATS = 7


def synthetic_minutes(run: int, *, items: int = ITEMS) -> dict:
    """About two pages per item: the reference's open items, their sections repeated, numbered by run."""
    seed = json.loads(REFERENCE.read_text(encoding="utf-8"))
    sources = [i for i in seed["items"] if i["public"] and i["sections"]]
    doc = copy.deepcopy(seed)
    doc.update(edition="internal", organization="Kalundborg Kommune", participants=["A. Andersen", "B. Berg"])
    doc["items"] = []
    for n in range(1, items + 1):
        item = copy.deepcopy(sources[(n - 1) % len(sources)])
        item["number"] = n
        item["title"] = f"{item['title']} ({run}.{n})"
        if n % 6 == 0:
            item["public"] = False
        for k, section in enumerate(item["sections"]):
            paragraphs = section["text"].split("\n\n")
            # Short sources grow to several paragraphs so that every item fills about two pages.
            if len(section["text"]) < 600:
                paragraphs = paragraphs * 4
            section["text"] = "\n\n".join(f"[{run}.{n}.{k}.{j}] {p}" for j, p in enumerate(paragraphs))
        doc["items"].append(item)
    return doc


def main() -> None:
    runs = itertools.count()
    # Documents are built before timing; each call of the timed function takes the next one.
    docs = [synthetic_minutes(run) for run in range(2 * (REPEATS + 2))]

    t0 = time.perf_counter()
    first_pdf = render_pdf(docs[0])
    cold = time.perf_counter() - t0
    pages = len(pypdfium2.PdfDocument(first_pdf))

    pdf_s = median_seconds(lambda: render_pdf(docs[next(runs) % len(docs)]), repeats=REPEATS)
    html_s = median_seconds(lambda: render_html(docs[next(runs) % len(docs)]), repeats=REPEATS)
    size_kib = len(first_pdf) / 1024

    write_results(
        "render",
        [
            result(
                "render_pdf_minutes_s",
                pdf_s,
                "s",
                goal=1.0,
                peer={"name": "render_html (same document)", "value": html_s},
            ),
            result("render_pdf_first_call_s", cold, "s"),
            result("render_pdf_minutes_pages", pages, "pages"),
            result("render_pdf_pages_per_s", pages / pdf_s, "pages/s"),
            result("render_pdf_size_kib", size_kib, "KiB"),
        ],
    )


if __name__ == "__main__":
    main()
