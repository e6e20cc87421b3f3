"""PDF minutes through pdfium: text lines with their geometry and font, re-joined into
paragraphs, without running headers, footers and page numbers.

pdfium gives the text of a page as lines ("\\r\\n") and, for every character, its box and
font. A line-final hyphen comes as U+FFFE; the corpus keeps such hyphens ("p-huse"), so it
becomes "-" and the line is joined without a space. Wrapped lines are joined when the line
before reaches the right margin (the next word would not have fitted) in the same font and
at the normal line pitch. Where a renderer hyphenates words itself (many line ends break a
word between lower-case letters), such a hyphen is dropped when the word is re-joined
("samar-" + "bejde" = "samarbejde"). A clearly larger gap than the document's paragraph
spacing marks a new field (``Line.brk``): the one thing that sets off Aarhus' unheaded intro
from the decision. A bold label in a left column with its text in a right column ("side
headings") becomes two lines, the label above its text. A table of meeting facts with its
labels in one row and the values in the row under it becomes one "Label: value" line per column.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, replace

from protokol.documents import plain

from ..errors import ImportRefused
from ..lines import Line, clean, is_label_row, join_wrapped
from ..pages import page_noise
from ..vocab import META, TOC_ENTRY

#: documents with more pages are refused (no minutes have them; a crafted file might)
MAX_PAGES = plain.MAX_PAGES
#: a gap this many times the paragraph spacing opens a new field
FIELD_GAP = 1.25
_LIST_START = re.compile(r"^(?:At\s*\d*\)|[-–•·▪●◦*]\s|\d{1,2}[.)]\s|[a-zæøå][.)]\s|\(\d{1,2}\)\s)")
_LABEL_START = re.compile(r"^[A-ZÆØÅ][\w .-]{0,25}:(?:\s|$)")
_SENTENCE_END = re.compile(r"[.:!?]$")
#: a document whose renderer hyphenates breaks at least this share of its lines inside a
#: word; Aarhus, which does not, has one such line in several hundred
SOFT_HYPHEN_SHARE = 0.015
#: a gap between a bold label and regular text wider than this many font sizes is a column gap
#: (a word space is a quarter to a third of one)
SIDE_GAP = 0.5
#: a gap between two bold runs of one line wider than this many font sizes parts two columns
COLUMN_GAP = 1.5
#: a gap between two words of a row wider than this many font sizes parts two table cells
#: (a word space is a quarter to a third of one)
CELL_GAP = 0.5
#: "Teknik- og Miljøudvalget": a hyphen before these words ends a suspended compound
_SUSPENSION = {"og", "eller", "samt", "til"}
_LINE_SPLIT = re.compile(r"\r\n|\r|\n|\ufffe")
_ROW_NUMBER = re.compile(r"^(\d{1,4}(?:\.\d{1,3}){0,3})[.)]?\s+\S")


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


def _vline(raw, textpage, buf, text: str, i0: int, i1: int, number: int, hyphen: bool) -> _VLine:
    """The line of characters ``i0..i1`` (first and last not blank) of a page."""
    segment = text[i0 : i1 + 1]
    space = segment.find(" ")
    iw = i0 + (space if space > 0 else len(segment)) - 1
    left, bottom, _, _ = textpage.get_charbox(i0, loose=True)
    _, _, right, _ = textpage.get_charbox(i1, loose=True)
    _, _, word_right, _ = textpage.get_charbox(iw, loose=True)
    size, bold = _font(raw, textpage, i0, buf)
    _, last_bold = _font(raw, textpage, i1, buf)
    body = segment + ("-" if hyphen else "")
    return _VLine(
        clean(body), number, left, right, bottom, size, bold and last_bold, bold, word_right - left, hyphen
    )


def _gap(textpage, left: int, right: int) -> float:
    """The horizontal distance from the end of character ``left`` to the start of ``right``."""
    return textpage.get_charbox(right, loose=True)[0] - textpage.get_charbox(left, loose=True)[2]


def _side_label(raw, textpage, buf, text: str, i0: int, i1: int) -> tuple[int, int] | None:
    """(end of the label, start of the text) where a line is a bold label in a left column and
    the text of a right column ("Beslutning      Godkendt."): a side heading is a heading of
    its own, as if it stood above the text; so is a bold label beside a bold right column. A gap
    of a word space ("**Beslutning** Godkendt.") keeps the line whole, and so does a label with
    a colon or of a case number ("Sagsid.: 17/1021  J.nr.: 00.01.00"), which the genre parser
    reads as label and value."""
    label_end = i0
    for i in range(i0, i1 + 1):
        if text[i].isspace():
            continue
        size, bold = _font(raw, textpage, i, buf)
        spaced = label_end < i - 1  # after a space: the only place a column can start
        gap = _gap(textpage, label_end, i) if spaced or not bold else 0.0
        # a bold right column beside a bold left one ("35. Meddelelser" | "Udvalgets beslutning: ..."):
        # only a column gap parts them, wider than any word space of a justified line
        if not bold or gap > COLUMN_GAP * size > 0:
            label = text[i0 : label_end + 1]
            meta = META.match(label)
            if label.endswith(":") or (meta and meta.end() == len(label)):
                return None
            return (label_end, i) if size and gap > SIDE_GAP * size else None
        label_end = i
    return None


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
        spans = _spans(text)
        out: list[_VLine] = []
        k = 0
        while k < len(spans):
            i0, i1, hyphen = spans[k]
            line = _vline(raw, textpage, buf, text, i0, i1, number, hyphen)
            below = spans[k + 1] if k + 1 < len(spans) else None
            row = _label_row(raw, textpage, buf, text, spans[k], below, number) if below else None
            if row:
                out.extend(row)
                k += 2
                continue
            split = (
                _side_label(raw, textpage, buf, text, i0, i1) if line.lead_bold and not line.bold else None
            )
            if split is None:
                out.append(line)
            else:
                label_end, text_start = split
                out.append(_vline(raw, textpage, buf, text, i0, label_end, number, False))
                out.append(_vline(raw, textpage, buf, text, text_start, i1, number, hyphen))
            k += 1
        return out
    finally:
        textpage.close()


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """The lines of a page's text as (first, last, hyphen): the indices of their first and last
    character that is not blank, and whether pdfium marked the line's end as a hyphen."""
    spans: list[tuple[int, int, bool]] = []
    start = 0
    for m in [*_LINE_SPLIT.finditer(text), None]:
        end = m.start() if m else len(text)
        segment = text[start:end]
        first = next((i for i, ch in enumerate(segment) if not ch.isspace()), None)
        if first is not None:
            spans.append(
                (start + first, start + len(segment.rstrip()) - 1, bool(m and m.group() == "\ufffe"))
            )
        start = m.end() if m else len(text)
    return spans


def _cells(textpage, text: str, i0: int, i1: int, size: float) -> list[tuple[int, int]]:
    """The cells of a table row in characters ``i0..i1``: runs of words parted by gaps wider
    than a word space, as (first, last) character indices."""
    cells: list[tuple[int, int]] = []
    for m in re.finditer(r"\S+", text[i0 : i1 + 1]):
        first, last = i0 + m.start(), i0 + m.end() - 1
        if cells and _gap(textpage, cells[-1][1], first) <= CELL_GAP * size:
            cells[-1] = (cells[-1][0], last)
        else:
            cells.append((first, last))
    return cells


def _columns(textpage, labels: list[tuple[int, int]], cells: list[tuple[int, int]]) -> list[int] | None:
    """The column of each value cell under a row of labels, else None. A cell belongs to the
    last label it reaches (its right end lies past the label's start; whatever the cells'
    alignment, a value ends before the next column's label starts) and must not reach back
    into the label before (two values run together); each column holds one value at most."""
    starts = [textpage.get_charbox(first, loose=True)[0] for first, _ in labels]
    ends = [textpage.get_charbox(last, loose=True)[2] for _, last in labels]
    columns: list[int] = []
    for first, last in cells:
        left, right = textpage.get_charbox(first, loose=True)[0], textpage.get_charbox(last, loose=True)[2]
        column = max((j for j, start in enumerate(starts) if start < right), default=None)
        if column is None or (column > 0 and left < ends[column - 1]) or (columns and column <= columns[-1]):
            return None
        columns.append(column)
    return columns


def _label_row(
    raw, textpage, buf, text: str, row: tuple[int, int, bool], below: tuple[int, int, bool], number: int
) -> list[_VLine] | None:
    """The lines "Label: value", one per column, where the line ``row`` holds labels of the
    header spaced as table columns ("Mødedato   Mødetidspunkt   Mødested") and the line ``below``
    their values in the same columns: read row by row, neither line says which value is which.
    None for any other pair of lines."""
    words = text[row[0] : row[1] + 1].split()
    if not is_label_row(words):
        return None
    line = _vline(raw, textpage, buf, text, row[0], row[1], number, False)
    labels = _cells(textpage, text, row[0], row[1], line.size)
    if len(labels) != len(words):
        return None  # two labels a word space apart are no columns
    values = _vline(raw, textpage, buf, text, below[0], below[1], number, False)
    if not 0 < line.base - values.base < 3 * max(line.size, values.size):
        return None  # not the row right under it
    cells = _cells(textpage, text, below[0], below[1], values.size)
    columns = _columns(textpage, labels, cells)
    if columns is None:
        return None
    out: list[_VLine] = []
    for (first, last), column in zip(cells, columns, strict=True):
        value = _vline(raw, textpage, buf, text, first, last, number, False)
        label = words[column].rstrip(":")
        out.append(replace(value, text=f"{label}: {value.text}", lead_bold=line.bold))
    return out


def _pitch(lines: list[_VLine]) -> dict[float, float]:
    """The usual distance between baselines of two lines in one paragraph, per font size."""
    diffs: dict[float, list[float]] = {}
    for a, b in zip(lines, lines[1:], strict=False):
        if a.page == b.page and a.size == b.size and a.size > 0:
            d = a.base - b.base
            if 0.5 * a.size < d < 3 * a.size:
                diffs.setdefault(a.size, []).append(d)
    return {size: _line_pitch(ds) for size, ds in diffs.items()}


def _line_pitch(diffs: list[float]) -> float:
    """The smallest distance that recurs: where paragraphs are short and spaced, their gaps may be
    most of the sample, and the pitch inside a paragraph the smaller part of it."""
    if len(diffs) < 3:
        return min(diffs)
    counts = Counter(round(d * 2) / 2 for d in diffs)
    enough = max(2, 0.15 * len(diffs))
    for value in sorted(counts):
        if counts[value] >= enough:
            near = [d for d in diffs if abs(d - value) <= 0.5]
            return sum(near) / len(near)
    return sorted(diffs)[len(diffs) // 2]


def read_pdf(data: bytes) -> list[Line]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise ImportRefused("PDF'en er krypteret eller beskyttet med adgangskode") from err
        pdf = _salvaged(pdfium, data, err)
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
        scanned = sum(len(v.text) for page in by_page for v in page) < 20
        if scanned:  # page images only: read them through OCR while the document is open
            from protokol.documents.notes import progress, warn

            from .ocr import read_scanned

            read = read_scanned(pdf, progress)
            warn(f"PDF'en havde intet tekstlag; teksten er læst med tekstgenkendelse (OCR) af {pages} sider")
            return read
    finally:
        pdf.close()
    noise = page_noise([[v.text for v in page] for page in by_page])
    lines = [
        v for page, drop in zip(by_page, noise, strict=True) for i, v in enumerate(page) if i not in drop
    ]
    return _join(lines)


def _salvaged(pdfium, data: bytes, err: Exception):
    """A PDF cut off before its catalog, opened from the objects that are whole (with a warning)."""
    from protokol.documents.notes import warn
    from protokol.documents.salvage import PDF_WARNING, rebuild_pdf

    rebuilt = rebuild_pdf(data)
    if rebuilt is None:
        raise ImportRefused("PDF'en er ødelagt og kan ikke læses") from err
    try:
        pdf = pdfium.PdfDocument(rebuilt)
    except Exception as again:
        raise ImportRefused("PDF'en er ødelagt og kan ikke læses") from again
    warn(PDF_WARNING)
    return pdf


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
    para_gap = _paragraph_gap(lines, body_size, body_pitch)
    soft = _hyphenates(lines)
    out: list[Line] = []
    prev: _VLine | None = None
    for v in lines:
        own_pitch = pitch.get(v.size) or body_pitch * (v.size / body_size if body_size else 1)
        gap = (prev.base - v.base) / own_pitch if prev and prev.page == v.page and own_pitch else None
        if prev is not None and _continues(prev, v, gap, right_margin):
            last = out[-1]
            if soft and prev.hyphen and _breaks_word(last.text, v.text):
                last.text = last.text[:-1] + v.text
            else:
                last.text = join_wrapped(last.text, v.text)
            last.bold = last.bold and v.bold
        else:
            brk = gap is not None and gap > para_gap * FIELD_GAP and gap > 1.3
            para = prev is None or not _styled_run(prev, v, gap)
            out.append(
                Line(
                    v.text, level=level.get(v.size, 0), bold=v.bold, lead_bold=v.lead_bold, para=para, brk=brk
                )
            )
        prev = v
    return out


def _paragraph_gap(lines: list[_VLine], body_size: float, body_pitch: float) -> float:
    """The paragraph spacing in line pitches, where the document has any (else 1.0): the
    commonest gap clearly larger than the pitch but not a page's worth, frequent among all
    lines or, in a text of long paragraphs, after the lines that end a sentence. A field break
    must clearly exceed it. Only gaps between lines of text count: a bold heading of body size
    has spacing of its own. Aarhus has no paragraph spacing; its few larger gaps set off
    fields (the unheaded intro, entries of Bilag)."""
    gaps: list[float] = []
    after_sentence: list[float] = []
    for a, b in zip(lines, lines[1:], strict=False):
        if a.page == b.page and a.size == b.size == body_size and a.base > b.base and not (a.bold or b.bold):
            gaps.append(round((a.base - b.base) / body_pitch, 1))
            if _SENTENCE_END.search(a.text):
                after_sentence.append(gaps[-1])
    for sample, share in ((gaps, 0.15), (after_sentence, 0.34)):
        spaced = Counter(g for g in sample if 1.15 < g < 4).most_common(1)
        if spaced and spaced[0][1] >= 2 and sum(1 for g in sample if 1.15 < g < 4) > share * len(sample):
            return spaced[0][0]
    return 1.0


def _styled_run(prev: _VLine, v: _VLine, gap: float | None) -> bool:
    """Whether a bold line stands right under a bold line in the same font and column, and so
    may go on with it although the line before stops short of the margin (a title in a narrow
    column beside its case number): the genre parser decides whether a title goes on."""
    if not (v.bold and prev.bold and prev.size == v.size and gap is not None):
        return False
    return 0.5 <= gap <= 1.2 and abs(prev.x0 - v.x0) < max(1.0, v.size * 0.1)


def _continues(prev: _VLine, v: _VLine, gap: float | None, right_margin: float) -> bool:
    """Whether ``v`` is the wrapped rest of the line before (same paragraph)."""
    if prev.size != v.size or prev.bold != v.bold:
        return False
    if gap is not None and (gap > 1.2 or gap < 0.5):
        return False
    if _LIST_START.match(v.text) or _LABEL_START.match(v.text) or TOC_ENTRY.search(prev.text):
        return False
    if _numbered_rows(prev.text, v.text):
        return False
    if prev.page != v.page and _SENTENCE_END.search(prev.text):
        return False  # a page ending with a full stop ends a paragraph more often than not
    if prev.hyphen:
        return True
    space = max(v.size * 0.25, 2.0) if v.size else 2.0
    return right_margin - prev.x1 < v.word + space


def _numbered_rows(before: str, after: str) -> bool:
    """Whether two lines start with numbers, the second the higher ("1 Åben Notat ..." / "2 Åben
    ...", "1 Anlæg ..." / "1.1 Salg ..."): rows of a numbered table or headings of an outline,
    which may reach the margin without running on."""
    a, b = _ROW_NUMBER.match(before), _ROW_NUMBER.match(after)
    if not (a and b):
        return False
    first, second = (tuple(int(n) for n in m.group(1).split(".")) for m in (a, b))
    return second > first and second[0] <= first[0] + 1


def _breaks_word(before: str, after: str) -> bool:
    """Whether a line-final hyphen could be one a renderer put into a word: lower-case letters on
    both sides, at least three before it ("p-" + "huse", "CO2-", "EU-" are words of their own)."""
    word = before[:-1].rsplit(" ", 1)[-1]
    nxt = after.split(" ", 1)[0]
    if len(word) < 3 or not word[-3:].isalpha() or not word[-2:].islower():
        return False
    return nxt[:1].isalpha() and nxt[:1].islower() and nxt.rstrip(".,;:") not in _SUSPENSION


def _hyphenates(lines: list[_VLine]) -> bool:
    """Whether the renderer hyphenates: many lines break a word with a hyphen. Lines of every
    size count: a renderer that hyphenates does so in titles wrapped in a narrow column too,
    and a short document may have few such breaks in its body text."""
    broken = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if a.hyphen and a.size == b.size and _breaks_word(a.text, b.text)
    )
    return broken >= max(2, SOFT_HYPHEN_SHARE * len(lines))
