"""Plain text minutes: encoding, line ends, blank-line paragraphs, Markdown-ish emphasis."""

from __future__ import annotations

import re

from ..errors import ImportRefused
from ..lines import Line, clean
from ..pages import page_noise

_BOLD_MARK = re.compile(r"\*\*|__")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_RULE = re.compile(r"^\s*([-=_*~])\1{2,}\s*$")


def decode(data: bytes) -> str:
    """Bytes to text: a BOM decides; else strict UTF-8; else cp1252 (a superset of latin-1 for
    letters, and what Danish Windows systems wrote); charset-normalizer only for the rest."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best else "latin-1", errors="replace")


# bytes that text files do not contain: C0 controls other than tab, line feed, form feed, CR
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32)])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    control = len(sample.translate(None, _NOT_CONTROL))
    return control > len(sample) * 0.05


def read_text(data: bytes) -> list[Line]:
    if looks_binary(data):
        raise ImportRefused("Filen er binær og ikke et kendt dokumentformat (PDF, DOCX, HTML eller tekst)")
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    return text_lines(text)


def text_lines(text: str) -> list[Line]:
    """Lines of a text document; form feeds (from pdftotext) separate pages."""
    pages = [page.split("\n") for page in text.split("\f")]
    noise = page_noise(pages) if len(pages) > 1 else [set() for _ in pages]
    out: list[Line] = []
    para = True
    brk = False
    bold = False
    for page, drop in zip(pages, noise, strict=True):
        for i, raw in enumerate(page):
            if i in drop:
                continue
            if not raw or raw.isspace():
                para = True
                bold = False  # emphasis never runs over a blank line
                continue
            if raw[:1] in "-=_*~" and _RULE.match(raw):
                para = brk = True
                continue
            level = 0
            heading = _MD_HEADING.match(raw.strip()) if raw.lstrip()[:1] == "#" else None
            if heading:
                level, raw = len(heading.group(1)), heading.group(2)
            # segments between emphasis marks alternate bold and regular, starting with the state
            # carried over from the line before (a bold title may wrap over two lines)
            in_bold, segments = bold, []
            if "**" in raw or "__" in raw:
                for j, segment in enumerate(_BOLD_MARK.split(raw)):
                    if j:
                        in_bold = not in_bold
                    if segment.strip():
                        segments.append(in_bold)
                raw = _BOLD_MARK.sub("", raw)
            elif raw.strip():
                segments.append(in_bold)
            starts_bold = bool(segments) and segments[0]
            whole_bold = bool(segments) and all(segments)
            bold = in_bold
            line = clean(raw)
            if not line:
                para = True
                bold = False  # emphasis never runs over a blank line
                continue
            out.append(Line(line, level=level, bold=whole_bold, lead_bold=starts_bold, para=para, brk=brk))
            para = brk = False
    return out
