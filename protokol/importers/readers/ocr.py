"""A PDF without a text layer (a scan of old minutes) read through OCR: every page rendered by
pdfium in grey at 200 dpi and read by Tesseract with its Danish model, page by page.

The text comes out as a text document of pages (as pdftotext writes one), so the text reader's
rules apply to it: paragraphs at blank lines, running headers and page numbers left out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable

from ..errors import ImportRefused
from ..lines import Line

#: resolution of the page images Tesseract reads (enough for body text of 9 pt and up)
DPI = 200
#: seconds Tesseract may spend on one page
PAGE_TIMEOUT = 120
LANGUAGE = "dan"


def available() -> bool:
    return shutil.which("tesseract") is not None


def _pgm(page) -> bytes:
    """The page as a grey image in the PGM format Tesseract reads from its standard input."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        raw = bytes(bitmap.buffer)
        if bitmap.n_channels != 1:  # a renderer that gives colour: its first channel is grey enough
            step = bitmap.n_channels
            rows = [raw[y * stride : y * stride + width * step : step] for y in range(height)]
        else:
            rows = [raw[y * stride : y * stride + width] for y in range(height)]
    finally:
        bitmap.close()
    return b"P5\n%d %d\n255\n" % (width, height) + b"".join(rows)


def read_page(page) -> str:
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "--psm", "4"],
            input=_pgm(page),
            capture_output=True,
            timeout=PAGE_TIMEOUT,
            # one thread a page: Tesseract's own threads cost more than they give on a shared machine
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ImportRefused("Tekstgenkendelsen (OCR) af den scannede PDF mislykkedes") from err
    if done.returncode != 0:
        raise ImportRefused("Tekstgenkendelsen (OCR) af den scannede PDF mislykkedes")
    return done.stdout.decode("utf-8", "replace")


def read_scanned(pdf, progress: Callable[[int, int], None] | None = None) -> list[Line]:
    """The lines of a PDF of page images; ``progress(done, pages)`` after each page."""
    from .text import text_lines

    if not available():
        raise ImportRefused(
            "PDF'en har intet tekstlag (scannet?), og tekstgenkendelse (tesseract) er ikke installeret"
        )
    pages: list[str] = []
    for n in range(len(pdf)):
        page = pdf[n]
        try:
            pages.append(read_page(page))
        finally:
            page.close()
        if progress is not None:
            progress(n + 1, len(pdf))
    text = "\f".join(pages)
    if len(text.strip()) < 20:
        raise ImportRefused("PDF'en har intet tekstlag, og tekstgenkendelsen (OCR) fandt ingen tekst")
    return text_lines(text.replace("\r\n", "\n"))
