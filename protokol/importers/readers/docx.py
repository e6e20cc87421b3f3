"""DOCX minutes through python-docx: paragraphs and tables of the body in document order.

Heading styles ("Heading 2", "Overskrift 2", "Title") give the level; a paragraph whose runs
are all bold is a heading candidate. A soft line break inside a paragraph starts a new line
of the same paragraph. Table rows become lines ("Sagsnr.: | 16/3842" -> one line); cells
holding several paragraphs are read paragraph by paragraph. Headers and footers are separate
parts of the package and are never read.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import ImportRefused
from ..lines import Line, clean

#: the sum of the uncompressed sizes of all parts; a zip bomb is refused before it is inflated
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_PARTS = 20_000
_HEADING_STYLE = re.compile(r"(?i)^(?:heading|overskrift|rubrik)\s*(\d)")
_TITLE_STYLE = re.compile(r"(?i)^(?:title|titel)$")


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        raise ImportRefused("DOCX-filen er ikke et gyldigt ZIP-arkiv") from err
    if len(infos) > MAX_PARTS:
        raise ImportRefused("DOCX-filen har for mange dele (ZIP-bombe?)")
    total = sum(max(info.file_size, 0) for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportRefused(
            f"DOCX-filen fylder {total // (1024 * 1024)} MB udpakket (over {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB;"
            " ZIP-bombe?)"
        )
    if not any(info.filename == "word/document.xml" for info in infos):
        raise ImportRefused("ZIP-arkivet er ikke et Word-dokument (mangler word/document.xml)")


def _style_level(paragraph) -> int:
    try:
        name = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        return 0
    name = name or ""
    m = _HEADING_STYLE.match(name)
    if m:
        return max(1, min(int(m.group(1)), 6))
    return 1 if _TITLE_STYLE.match(name) else 0


def _run_bold(run, paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    try:
        style = run.style
        if style is not None and style.font.bold:
            return True
        pstyle = paragraph.style
        while pstyle is not None:
            if pstyle.font.bold is not None:
                return bool(pstyle.font.bold)
            pstyle = pstyle.base_style
    except (KeyError, AttributeError, ValueError):
        return False
    return False


def _paragraph_lines(paragraph) -> list[Line]:
    level = _style_level(paragraph)
    pieces: list[tuple[str, bool]] = []
    for run in paragraph.runs:
        if run.text:
            pieces.append((run.text, _run_bold(run, paragraph)))
    text = "".join(t for t, _ in pieces) or paragraph.text
    visible = [b for t, b in pieces if t.strip()]
    bold = bool(visible) and all(visible)
    lead = bool(visible) and visible[0]
    out: list[Line] = []
    for i, part in enumerate(text.split("\n")):
        part = clean(part)
        if part:
            out.append(Line(part, level=level, bold=bold, lead_bold=lead, para=(i == 0 or not out)))
    return out


def _table_lines(table, depth: int) -> list[Line]:
    from docx.table import Table

    out: list[Line] = []
    if depth > 20:
        return out
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated by python-docx
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        simple = all(len(c.paragraphs) <= 1 and not c.tables for c in cells)
        if simple:
            text = clean(" ".join(c.text for c in cells))
            if text:
                bold = all(
                    all(_run_bold(r, p) for r in p.runs if r.text.strip())
                    for c in cells
                    for p in c.paragraphs
                )
                out.append(Line(text, bold=bold and any(p.runs for c in cells for p in c.paragraphs)))
            continue
        for cell in cells:
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    out.extend(_table_lines(block, depth + 1))
                else:
                    out.extend(_paragraph_lines(block))
    return out


def read_docx(data: bytes) -> list[Line]:
    _check_package(data)
    try:
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        lines: list[Line] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block, 0))
            else:
                lines.extend(_paragraph_lines(block))
    except ImportRefused:
        raise
    except Exception as err:  # python-docx and lxml raise many types for a broken package
        raise ImportRefused(f"DOCX-filen er ødelagt og kan ikke læses ({err.__class__.__name__})") from err
    return lines
