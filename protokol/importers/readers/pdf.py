"""PDF minutes through pdfium: text lines with their geometry and font, re-joined into
paragraphs, without running headers, footers and page numbers.

pdfium gives the text of a page as lines ("\\r\\n") and, for every character, its box and
font. A line-final hyphen comes as U+FFFE; the corpus keeps such hyphens ("p-huse"), so it
becomes "-" and the line is joined without a space. Wrapped lines are joined when the line
before reaches the right margin (the next word would not have fitted) in the same font and
at the normal line pitch. A clearly larger gap than the document's paragraph spacing marks a
new field (``Line.brk``): the one thing that sets off Aarhus' unheaded intro from the decision.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..errors import ImportRefused
from ..lines import Line, clean, join_wrapped
from ..pages import page_noise
from ..vocab import TOC_ENTRY

#: documents with more pages are refused (no minutes have them; a crafted file might)
MAX_PAGES = 3000
#: a gap this many times the paragraph spacing opens a new field
FIELD_GAP = 1.25
_LIST_START = re.compile(r"^(?:At\s*\d*\)|[-–•·▪●◦*]\s|\d{1,2}[.)]\s|[a-zæøå][.)]\s|\(\d{1,2}\)\s)")
_LABEL_START = re.compile(r"^[A-ZÆØÅ][\w .-]{0,25}:(?:\s|$)")
_SENTENCE_END = re.compile(r"[.:!?]$")
_LINE_SPLIT = re.compile(r"\r\n|\r|\n|\ufffe")


@dataclass(slots=True)
class _VLine:
    text: str
    page: int
    x0: float
    x1: float
    base: float  # bottom of the loose box of the first character (PDF y grows upwards)
    size: float
    bold: bool
    lead_bold: bool
    word: float  # width of the first word: would it have fitted at the end of the line before?
    hyphen: bool  # ended in a hyphen pdfium marked as a line break


def _font(raw, textpage, index: int, buf) -> tuple[float, bool]:
    size = float(raw.FPDFText_GetFontSize(textpage, index))
    weight = int(raw.FPDFText_GetFontWeight(textpage, index))
    length = raw.FPDFText_GetFontInfo(textpage, index, buf, len(buf), None)
    name = bytes(buf.raw[: max(0, length - 1)]).decode("latin-1", "replace").lower() if length else ""
    bold = weight >= 600 or any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
    return round(size, 1), bold


def _page_lines(pdfium, raw, page, number: int, buf) -> list[_VLine]:
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range() if count > 0 else ""
        if len(text) != count:  # no one-to-one index: text only, without geometry
            return [
                _VLine(clean(t), number, 0, 0, 0, 0, False, False, 0, False)
                for t in _LINE_SPLIT.split(text)
                if clean(t)
            ]
        out: list[_VLine] = []
        start = 0
        for m in [*_LINE_SPLIT.finditer(text), None]:
            end = m.start() if m else len(text)
            hyphen = bool(m and m.group() == "\ufffe")
            segment = text[start:end]
            first = next((i for i, ch in enumerate(segment) if not ch.isspace()), None)
            if first is not None:
                last = len(segment.rstrip()) - 1
                space = segment.find(" ", first)
                word_end = (space if space > 0 else last + 1) - 1
                i0, i1, iw = start + first, start + last, start + word_end
                left, bottom, _, _ = textpage.get_charbox(i0, loose=True)
                _, _, right, _ = textpage.get_charbox(i1, loose=True)
                _, _, word_right, _ = textpage.get_charbox(iw, loose=True)
                size, bold = _font(raw, textpage, i0, buf)
                _, last_bold = _font(raw, textpage, i1, buf)
                body = segment.strip() + ("-" if hyphen else "")
                out.append(
                    _VLine(clean(body), number, left, right, bottom, size, bold and last_bold, bold,
                           word_right - left, hyphen)
                )  # fmt: skip
            start = m.end() if m else len(text)
        return out
    finally:
        textpage.close()


def _pitch(lines: list[_VLine]) -> dict[float, float]:
    """The usual distance between baselines of two lines in one paragraph, per font size."""
    diffs: dict[float, list[float]] = {}
    for a, b in zip(lines, lines[1:], strict=False):
        if a.page == b.page and a.size == b.size and a.size > 0:
            d = a.base - b.base
            if 0.5 * a.size < d < 3 * a.size:
                diffs.setdefault(a.size, []).append(d)
    return {size: min(ds) if len(ds) < 3 else statistics.median(ds) for size, ds in diffs.items()}


def read_pdf(data: bytes) -> list[Line]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise ImportRefused("PDF'en er krypteret eller beskyttet med adgangskode") from err
        raise ImportRefused("PDF'en er ødelagt og kan ikke læses") from err
    except Exception as err:
        raise ImportRefused("PDF'en er ødelagt og kan ikke læses") from err
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise ImportRefused(f"PDF'en har for mange sider ({pages}; grænsen er {MAX_PAGES})")
        if pages == 0:
            raise ImportRefused("PDF'en har ingen sider")
        buf = ctypes.create_string_buffer(256)
        by_page: list[list[_VLine]] = []
        for n in range(pages):
            try:
                page = pdf[n]
            except Exception as err:
                raise ImportRefused(f"PDF'en er ødelagt (side {n + 1} kan ikke læses)") from err
            try:
                by_page.append(_page_lines(pdfium, raw, page, n, buf))
            except ImportRefused:
                raise
            except Exception as err:
                raise ImportRefused(f"PDF'en er ødelagt (side {n + 1} kan ikke læses)") from err
            finally:
                page.close()
    finally:
        pdf.close()
    if sum(len(v.text) for page in by_page for v in page) < 20:
        raise ImportRefused("PDF'en har intet tekstlag (scannet?)")
    noise = page_noise([[v.text for v in page] for page in by_page])
    lines = [
        v for page, drop in zip(by_page, noise, strict=True) for i, v in enumerate(page) if i not in drop
    ]
    return _join(lines)


def _join(lines: list[_VLine]) -> list[Line]:
    if not lines:
        return []
    weights: Counter[float] = Counter()
    for v in lines:
        weights[v.size] += len(v.text)
    body_size = weights.most_common(1)[0][0]
    larger = sorted({v.size for v in lines if v.size > body_size * 1.1}, reverse=True)
    level = {size: min(i + 1, 6) for i, size in enumerate(larger)}
    pitch = _pitch(lines)
    body_pitch = pitch.get(body_size) or body_size * 1.2
    rights = sorted(v.x1 for v in lines if v.size == body_size)
    right_margin = rights[int(len(rights) * 0.95)] if rights else 0.0
    # Paragraph spacing, where the document has any: the commonest gap that is clearly larger
    # than the line pitch but not a page's worth. A field break must clearly exceed it.
    gaps = [
        (a.base - b.base) / body_pitch
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.size == b.size == body_size and a.base > b.base
    ]
    spaced = [round(g, 1) for g in gaps if 1.15 < g < 4]
    para_gap = 1.0
    if gaps and len(spaced) > 0.15 * len(gaps):
        para_gap = Counter(spaced).most_common(1)[0][0]
    out: list[Line] = []
    prev: _VLine | None = None
    for v in lines:
        own_pitch = pitch.get(v.size) or body_pitch * (v.size / body_size if body_size else 1)
        gap = (prev.base - v.base) / own_pitch if prev and prev.page == v.page and own_pitch else None
        if prev is not None and _continues(prev, v, gap, right_margin):
            last = out[-1]
            last.text = join_wrapped(last.text, v.text)
            last.bold = last.bold and v.bold
        else:
            brk = gap is not None and gap > para_gap * FIELD_GAP and gap > 1.3
            out.append(Line(v.text, level=level.get(v.size, 0), bold=v.bold, lead_bold=v.lead_bold, brk=brk))
        prev = v
    return out


def _continues(prev: _VLine, v: _VLine, gap: float | None, right_margin: float) -> bool:
    """Whether ``v`` is the wrapped rest of the line before (same paragraph)."""
    if prev.size != v.size or prev.bold != v.bold:
        return False
    if gap is not None and (gap > 1.2 or gap < 0.5):
        return False
    if _LIST_START.match(v.text) or _LABEL_START.match(v.text) or TOC_ENTRY.search(prev.text):
        return False
    if prev.page != v.page and _SENTENCE_END.search(prev.text):
        return False  # a page ending with a full stop ends a paragraph more often than not
    if prev.hyphen:
        return True
    space = max(v.size * 0.25, 2.0) if v.size else 2.0
    return right_margin - prev.x1 < v.word + space
