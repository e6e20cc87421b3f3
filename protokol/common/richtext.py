"""Rich text of sections, decisions and protokoltilførsler: one stored form, one renderer per target.

The stored form is either **plain text** (everything written before rich text existed, and whatever is
typed without markup: paragraphs at blank lines, lines at single newlines) or **sanitised HTML** from a
small allow-list (`TAGS`; links only to http, https and mailto). A stored text is HTML when it holds an
allowed tag (`is_html`); otherwise it is plain text and is escaped on output, exactly as before, so no
stored text needs rewriting and the checksums of approved minutes stay what they were.

    sanitize(text)  -> str         every write (the services call it; input is never trusted)
    to_html(text)   -> SafeString  the portal, the workspace and the HTML edition
    to_blocks(text) -> list[dict]  the PDF: JSON data the Typst template lays out (never markup)
    to_plain(text)  -> str         search text, OParl and other plain-text fields (table cells apart)
"""

from __future__ import annotations

import re
import unicodedata

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a"}
)
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
BLOCK_TAGS = frozenset({"p", "br", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"})

# A stored text is HTML when it holds one of the allowed tags; anything else is plain text.
_TAG_NAMES = "|".join(sorted(TAGS, key=len, reverse=True))
_ALLOWED_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>", re.I)
# Input that looks like markup of any kind (a tag, a comment, a doctype) is treated as HTML and sanitised;
# "beløb < 5 mio." or "a<b" stays plain text.
_MARKUP = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--.*?--|![A-Za-z][^<>]*)>", re.S)
_BLOCK_TAG = re.compile(r"</?(?:{})\b".format("|".join(sorted(BLOCK_TAGS))), re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"[^\S\n]+")
_WS = re.compile(r"\s+")
# Control characters, lone surrogates, private-use and unassigned code points: they cannot be shown, PDF/A
# refuses them and a lone surrogate cannot even be encoded; they become a space.
_UNPRINTABLE_CATEGORIES = {"Cc", "Cs", "Cn", "Co"}


def clean_chars(text: str) -> str:
    """Newlines normalised to \\n; unprintable characters (but newlines) replaced by a space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isprintable():
        text = "".join(
            c if c == "\n" or unicodedata.category(c) not in _UNPRINTABLE_CATEGORIES else " " for c in text
        )
    return text


def paragraphs(text: str | None) -> list[list[str]]:
    """Plain text's paragraphs (split at blank lines) as lists of lines (split at single newlines).

    Runs of spaces and tabs become one space: neither a PDF nor HTML can show more.
    """
    if not text:
        return []
    out = []
    for block in _BLANK_LINE.split(clean_chars(str(text))):
        lines = [_SPACES.sub(" ", line).strip() for line in block.strip("\n").split("\n")]
        if any(lines):
            out.append(lines)
    return out


def is_html(text: str | None) -> bool:
    """Whether a stored text is (sanitised) HTML rather than plain text."""
    return bool(text) and _ALLOWED_TAG.search(str(text)) is not None


def _clean_html(text: str) -> str:
    return nh3.clean(
        text,
        tags=set(TAGS),
        attributes={tag: set(attrs) for tag, attrs in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitize(text: str | None) -> str:
    """The form a text is stored in: plain text as given (stripped), or HTML reduced to the allow-list.

    Input with markup is always HTML: a script, an event handler, a style or a javascript: link is
    removed, never kept as text. HTML without any block element (say a bold word in typed lines) keeps
    its lines: paragraphs at blank lines, line breaks at single newlines, as plain text would show.
    """
    text = str(text or "").strip()
    if not _MARKUP.search(text):
        return text  # plain text, stored as it always was
    cleaned = _clean_html(clean_chars(text)).strip()
    if not cleaned or not _BLOCK_TAG.search(cleaned):
        paras = [p.strip() for p in _BLANK_LINE.split(cleaned) if p.strip()]
        cleaned = "".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paras)
    if not cleaned:
        return ""
    # Text of only removed markup, or only empty elements, leaves nothing to read.
    return cleaned if to_plain(cleaned) else ""


def to_html(text: str | None) -> SafeString:
    """The text as HTML for a web page: plain text escaped with paragraphs and line breaks (as Django's
    `linebreaks`), HTML sanitised again (what was stored before this module existed is not trusted)."""
    if not text:
        return mark_safe("")
    if is_html(text):
        return mark_safe(_clean_html(str(text)))  # noqa: S308 - nh3 allow-list output
    return mark_safe(linebreaks(str(text), autoescape=True))  # noqa: S308 - escaped by linebreaks


# ---- The tree, for the PDF and for plain text ------------------------------------------------------


def _soup(text: str) -> Tag:
    return BeautifulSoup(_clean_html(text), "html.parser")


def _runs(node: Tag, *, strong: bool = False, emph: bool = False, href: str | None = None) -> list[dict]:
    """Inline content as runs: {"text", "strong", "emph", "href"} or {"br": True}."""
    return _runs_of(list(node.children), strong=strong, emph=emph, href=href)


def _runs_of(
    children: list, *, strong: bool = False, emph: bool = False, href: str | None = None
) -> list[dict]:
    out: list[dict] = []
    for child in children:
        if isinstance(child, NavigableString):
            value = _WS.sub(" ", clean_chars(str(child)).replace("\n", " "))
            if value:
                out.append({"text": value, "strong": strong, "emph": emph, "href": href})
        elif isinstance(child, Tag):
            name = child.name
            if name == "br":
                out.append({"br": True})
            elif name in ("strong", "b"):
                out += _runs(child, strong=True, emph=emph, href=href)
            elif name in ("em", "i"):
                out += _runs(child, strong=strong, emph=True, href=href)
            elif name == "a":
                link = child.get("href")
                out += _runs(child, strong=strong, emph=emph, href=link if isinstance(link, str) else href)
            else:
                # A block inside inline content (a list in a table cell): its text on a line of its own.
                inner = _runs(child, strong=strong, emph=emph, href=href)
                if inner:
                    if out:
                        out.append({"br": True})
                    out += inner
    return out


def _trim(runs: list[dict]) -> list[dict]:
    """Runs without leading and trailing spaces (at the ends and around line breaks), empty runs dropped."""
    out: list[dict] = []
    for i, run in enumerate(runs):
        if "br" in run:
            out.append(run)
            continue
        value = run["text"]
        if i == 0 or "br" in runs[i - 1]:
            value = value.lstrip()
        if i == len(runs) - 1 or "br" in runs[i + 1]:
            value = value.rstrip()
        if out and "br" not in out[-1] and out[-1]["text"].endswith(" ") and value.startswith(" "):
            value = value.lstrip()
        if value:
            out.append({**run, "text": value})
    while out and "br" in out[-1]:
        out.pop()
    while out and "br" in out[0]:
        out.pop(0)
    return out


def _cells(row: Tag) -> list[Tag]:
    return [c for c in row.children if isinstance(c, Tag) and c.name in ("td", "th")]


def _table(table: Tag) -> dict | None:
    header: list[list[list[dict]]] = []
    rows: list[list[list[dict]]] = []
    for tr in table.find_all("tr"):
        cells = _cells(tr)
        if not cells:
            continue
        texts = [_trim(_runs(c)) for c in cells]
        in_head = tr.parent is not None and tr.parent.name == "thead"
        if (in_head or all(c.name == "th" for c in cells)) and not rows:
            header.append(texts)
        else:
            rows.append(texts)
    columns = max((len(r) for r in header + rows), default=0)
    if not columns:
        return None
    pad: list[list[dict]] = [[] for _ in range(columns)]
    return {
        "type": "table",
        "columns": columns,
        "header": [r + pad[len(r) :] for r in header],
        "rows": [r + pad[len(r) :] for r in rows],
    }


def _blocks(node: Tag) -> list[dict]:
    out: list[dict] = []
    pending: list[dict] = []

    def flush() -> None:
        runs = _trim(pending)
        if runs:
            out.append({"type": "p", "runs": runs})
        pending.clear()

    for child in node.children:
        if isinstance(child, Tag) and child.name in ("p", "ul", "ol", "table", "li"):
            flush()
            if child.name == "p":
                runs = _trim(_runs(child))
                if runs:
                    out.append({"type": "p", "runs": runs})
            elif child.name in ("ul", "ol"):
                items = [_blocks(li) for li in child.children if isinstance(li, Tag) and li.name == "li"]
                items = [i for i in items if i]
                if items:
                    out.append({"type": "list", "ordered": child.name == "ol", "items": items})
            elif child.name == "li":
                out += _blocks(child)
            else:
                table = _table(child)
                if table:
                    out.append(table)
        else:
            # Inline content (text, bold, a link, a line break) between blocks: an implicit paragraph.
            pending += _runs_of([child])
    flush()
    return out


def plain_blocks(text: str) -> list[dict]:
    """Plain text (never read as HTML) as paragraph blocks of lines."""
    out = []
    for lines in paragraphs(text):
        runs: list[dict] = []
        for n, line in enumerate(lines):
            if n:
                runs.append({"br": True})
            if line:
                runs.append({"text": line, "strong": False, "emph": False, "href": None})
        out.append({"type": "p", "runs": runs})
    return out


def to_blocks(text: str | None) -> list[dict]:
    """The text as blocks of JSON data for the PDF template:

    {"type": "p", "runs": [...]}, {"type": "list", "ordered": bool, "items": [[block, ...], ...]},
    {"type": "table", "columns": n, "header": [[runs per cell], ...], "rows": [[runs per cell], ...]};
    a run is {"text", "strong", "emph", "href"} or {"br": True}. Plain text gives paragraphs of lines.
    """
    if not text:
        return []
    if not is_html(text):
        return plain_blocks(str(text))
    return _blocks(_soup(str(text)))


def _runs_plain(runs: list[dict]) -> str:
    return "".join("\n" if "br" in r else r["text"] for r in runs)


def blocks_plain(blocks: list[dict], *, indent: str = "") -> list[str]:
    """Blocks as plain paragraphs: lists as "- " or "1. " lines, table rows with cells apart (" | ")."""
    out: list[str] = []
    for block in blocks:
        if block["type"] == "p":
            out.append(indent + _runs_plain(block["runs"]).replace("\n", "\n" + indent))
        elif block["type"] == "list":
            lines = []
            for n, item in enumerate(block["items"], start=1):
                mark = f"{n}. " if block["ordered"] else "- "
                inner = blocks_plain(item, indent=indent + " " * len(mark))
                first = "\n".join(inner)[len(indent) + len(mark) :]
                lines.append(indent + mark + first)
            out.append("\n".join(lines))
        else:
            rows = block["header"] + block["rows"]
            out.append(
                "\n".join(
                    indent + " | ".join(_runs_plain(cell).replace("\n", " ") for cell in row) for row in rows
                )
            )
    return out


def to_plain(text: str | None) -> str:
    """The text as plain text: plain text as stored; HTML as paragraphs (blank line apart), list items as
    "- " or "1. " lines, a table's rows as lines with the cells apart (" | ")."""
    if not text:
        return ""
    if not is_html(text):
        return str(text)
    return "\n\n".join(blocks_plain(to_blocks(text)))
