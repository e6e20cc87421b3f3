"""The genre parser: from lines to one meeting with its agenda items.

Two passes. The first finds the item headings (leaving out a table of contents and numbered
lists inside the text) and so cuts the document into a header and one slice per item; the
second files each line of an item into a field: metadata, a section, a decision, the list of
attachments, the case history (Sagsforløb), or the unheaded text before them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from . import legal_record
from .attendance import item_absent, read_participants
from .dates import find_date
from .header import Header, read_header, start_of
from .items import (
    Decision,
    Item,
    Text,
    access_of,
    case_type_of,
    date_only,
    genitive_body,
    join_title,
    route_of,
)
from .lines import Line
from .vocab import (
    ACCESS_END,
    ATTACHMENT_HEADINGS,
    BODY_WORD,
    CASE_ALONE,
    CASE_TYPE_HEADINGS,
    CASE_TYPE_LINE,
    CLOSED_ZONE,
    CODES,
    DECISION_BODY_DATE_PKT,
    DECISION_BYLINE,
    DECISION_GENITIVE,
    DECISION_HEADINGS,
    DECISION_IN,
    DECISION_NAMED,
    END_OF_ITEMS,
    GENERIC_BODIES,
    HEAD_INLINE,
    HISTORY_BODY,
    HISTORY_DATE,
    HISTORY_HEADINGS,
    HISTORY_ITEM,
    ITEM_EXPLICIT,
    ITEM_NUMBERED,
    META,
    OPEN_ZONE,
    SECTIONS,
    TITLE_CODE,
    TITLE_PREFIX,
    TITLE_SUFFIX,
    TOC_ENTRY,
    TOC_HEADINGS,
    TOC_PAGE_END,
    key,
)

SCHEMA = "protokol/meeting@1"
_ROLE_ITEM = re.compile(r"^(?P<n>\d{1,4})\s*[.):]?\s*(?P<title>.*)$")
_SENTENCE_END = re.compile(r"[.;,:!?]$")
_BARE_NUMBER = re.compile(r"^(?P<n>\d{1,4})\.$")
_UPPER_START = re.compile(r"^[A-ZÆØÅÉÄÖÜ0-9\"'«“(]")
_THIS_MEETING = {"mødet", "dagens møde", "dette møde"}
#: how many lines after a numbered line may show that it is an item (its case number, ...)
_SUPPORT_WINDOW = 6


@dataclass(slots=True)
class Heading:
    index: int
    number: int
    title: str
    family: str
    styled: bool
    supported: bool


# --- classification of a single line ---------------------------------------------------------
@dataclass(slots=True, frozen=True)
class Kind:
    what: str  # section | decision | attachments | history | casetype | zone | end
    heading: str | None = None
    inline: str | None = None
    body: str | None = None
    when: date | None = None
    closed: bool = False


def _heading_kind(name: str) -> Kind | None:
    if len(name) > 60:
        return None
    k = key(name)
    if k in SECTIONS:
        return Kind("section", heading=SECTIONS[k])
    if k in DECISION_HEADINGS:
        return Kind("decision")
    if k in ATTACHMENT_HEADINGS:
        return Kind("attachments")
    if k in HISTORY_HEADINGS:
        return Kind("history")
    if k in CASE_TYPE_HEADINGS:
        return Kind("casetype")
    if k in CLOSED_ZONE:
        return Kind("zone", closed=True)
    if k in OPEN_ZONE:
        return Kind("zone", closed=False)
    return None


def _decision_heading(text: str) -> Kind | None:
    m = DECISION_GENITIVE.match(text)
    if m:
        when = date_only(m.group("date")) if m.group("date") else None
        if m.group("date") and when is None:
            return None
        return Kind("decision", body=genitive_body(m.group("body")), when=when)
    m = DECISION_BODY_DATE_PKT.match(text)
    if m:
        found = find_date(m.group("date"))
        return Kind("decision", body=m.group("body").strip(), when=found[0] if found else None)
    m = DECISION_NAMED.match(text)
    byline = DECISION_BYLINE.match(m.group("rest")) if m else None
    if byline and date_only(byline.group("date")):
        return Kind("decision", body=byline.group("body"), when=date_only(byline.group("date")))
    m = DECISION_IN.match(text)
    if m:
        rest = m.group("rest")
        hit = find_date(rest)
        if hit:
            tail = rest[hit[2] :].strip(" ,.:")
            if tail and not re.match(r"(?i)^kl\.?\s*\d", tail):
                return None
            named = re.sub(r"(?i)[\s,]*(?:\b(?:den|d\.|mødet|møde)\s*)*$", "", rest[: hit[1]]).strip(" ,")
            if named.casefold() in ("mødet", "møde"):
                named = ""
            return Kind("decision", body=named or None, when=hit[0])
        if BODY_WORD.search(rest) and len(rest.split()) <= 6:
            return Kind("decision", body=rest.strip())
        if key(rest) in _THIS_MEETING:  # "Beslutninger fra mødet": the meeting's own body
            return Kind("decision")
    return None


def classify(line: Line, styled_mode: bool) -> Kind | None:
    """What a heading-like line opens, or None for text (memoised per document)."""
    memo = (line.text, line.level > 0 or line.bold, line.lead_bold, styled_mode)
    if memo not in _MEMO:
        if len(_MEMO) > 20_000:
            _MEMO.clear()
        _MEMO[memo] = _classify(line, styled_mode)
    return _MEMO[memo]


# classify() is pure, and the passes ask it about the same line several times
_MEMO: dict[tuple, Kind | None] = {}


def _classify(line: Line, styled_mode: bool) -> Kind | None:
    """What a heading-like line opens, or None for text. In a document whose headings are set
    off by layout (bold, larger, h3), a heading word in plain text is text ("Baggrund:" in a
    party's proposal)."""
    text = line.text
    if len(text) > 160:  # a paragraph, unless it opens with a label ("Sagsfremstilling: ...")
        return _inline_kind(line, styled_mode)
    may_head = not styled_mode or line.styled or line.lead_bold
    if END_OF_ITEMS.match(text):
        return Kind("end")
    ct = CASE_TYPE_LINE.match(text)
    if ct and (may_head or ct.group("v")):
        return Kind("casetype", inline=ct.group("v").strip() or None)
    if may_head:
        kind = _heading_kind(text)
        if kind:
            return kind
        kind = _decision_heading(text)
        if kind:
            return kind
    return _inline_kind(line, styled_mode)


def _inline_kind(line: Line, styled_mode: bool) -> Kind | None:
    """A heading followed by its text on the same line ("Beslutning: Godkendt.")."""
    inline = HEAD_INLINE.match(line.text)
    if inline and (not styled_mode or line.lead_bold):
        kind = _heading_kind(inline.group("head")) or _decision_heading(inline.group("head"))
        if kind and kind.what != "zone":
            return replace(kind, inline=inline.group("rest"))
    return None


# --- pass 1: item headings -------------------------------------------------------------------
def _clean_title(title: str) -> tuple[str, bool | None, str | None]:
    """Title without access marks and case-type code: (title, public, case_type)."""
    public: bool | None = None
    code = None
    changed = True
    while changed:
        changed = False
        title = title.strip()
        for pattern in (TITLE_PREFIX, TITLE_SUFFIX, ACCESS_END):
            m = pattern.search(title)
            if m and (pattern is not ACCESS_END or m.start() > 0):
                public = not m.group("closed")
                title = (
                    title[: m.start()] + title[m.end() :] if pattern is TITLE_PREFIX else title[: m.start()]
                )
                changed = True
        m = TITLE_CODE.search(title)
        if m and m.start() > 0:
            code = CODES[m.group("code")]
            title = title[: m.start()]
            changed = True
    title = TOC_ENTRY.sub("", title).strip(" .\t") if TOC_ENTRY.search(title) else title.strip()
    return title, public, code


def _candidate(line: Line) -> tuple[int, str, str] | None:
    """(number, raw title, family) when the line looks like an item heading."""
    text = line.text
    if line.role == "item":
        m = _ROLE_ITEM.match(text)
        if m:
            return int(m.group("n")), m.group("title"), "role"
    if len(text) > 300:
        return None
    m = ITEM_EXPLICIT.match(text)
    if m:
        title = m.group("title")
        if not m.group("sep").strip() and title and not _UPPER_START.match(title):
            return None
        return int(m.group("n")), title, m.group("kw").casefold().replace("dagsordenspunkt", "dagsordenpunkt")
    m = ITEM_NUMBERED.match(text)
    if m:
        return int(m.group("n")), m.group("title"), "numbered"
    # a bold "31." alone, the title on the line under it (a grid cell with the number over the title)
    m = _BARE_NUMBER.match(text) if line.styled else None
    if m:
        return int(m.group("n")), "", "numbered"
    return None


def _supported(lines: list[Line], i: int, title: str, styled_mode: bool) -> bool:
    """Whether the lines right after a numbered line show an agenda item: a case number, an
    access mark, a case type or a standard heading before the next numbered line."""
    if TITLE_CODE.search(title) or TITLE_SUFFIX.search(title) or TITLE_PREFIX.match(title):
        return True
    for j in range(i + 1, min(len(lines), i + 1 + _SUPPORT_WINDOW)):
        nxt = lines[j]
        if _candidate(nxt):
            return False
        text = nxt.text
        m = META.match(text)
        if (m and m.start() == 0) or access_of(text) is not None:
            return True
        kind = classify(nxt, styled_mode)
        if kind and kind.what in ("section", "decision", "casetype", "attachments", "history"):
            return True
    return False


def _in_sequence(headings: list[Heading], lines: list[Line]) -> list[Heading]:
    """Numbered items count upwards; a lower number after them is a list inside an item. A jump
    (a closed item left out, "5. Kort" in a list of attachments) needs the item's own marks, and
    so does a heading that takes its number back from a list entry before it."""
    out: list[Heading] = []
    for h in headings:
        if out and h.number == out[-1].number and _marked(lines, h) and not _marked(lines, out[-1]):
            out[-1] = h  # a list entry ("3. Finansiering") took the number of the item after it
            continue
        if out and h.number <= out[-1].number:
            continue
        if out and h.number > out[-1].number + 1 and not (h.styled or _marked(lines, h)):
            continue
        out.append(h)
    return out


def _marked(lines: list[Line], h: Heading) -> bool:
    """The line after a numbered heading is its case number or access mark, or the title
    carries a code or access mark itself."""
    if TITLE_CODE.search(h.title) or TITLE_SUFFIX.search(h.title) or TITLE_PREFIX.match(h.title):
        return True
    if ACCESS_END.search(h.title):
        return True
    if h.index + 1 < len(lines):
        text = lines[h.index + 1].text
        m = META.match(text)
        return bool(m and m.start() == 0) or access_of(text) is not None or bool(CASE_ALONE.match(text))
    return False


def _numbered_sequence(found: list[Heading], lines: list[Line], styled_mode: bool) -> list[Heading]:
    """The numbered item headings in order. Where the headings are set off by layout, the
    sequence is built from the styled ones alone: a plain list inside an item ("3. Finansiering")
    must not take the place of the item heading with its number."""
    pool = [h for h in found if h.styled or not _SENTENCE_END.search(_clean_title(h.title)[0])]
    sequence = _in_sequence(pool, lines)
    styled = [h for h in pool if h.styled]
    if styled_mode and len(styled) >= 2:
        styled_sequence = _in_sequence(styled, lines)
        if len(styled_sequence) >= 0.8 * len(sequence):
            return styled_sequence
    return sequence


def _styled_mode(lines: list[Line]) -> bool:
    styled = plain = 0
    for line in lines:
        if len(line.text) <= 60 and _heading_kind(line.text):
            if line.styled:
                styled += 1
            else:
                plain += 1
    return styled >= 2 and styled >= 1.5 * plain


def find_headings(lines: list[Line], styled_mode: bool) -> tuple[list[Heading], list[dict], set[int]]:
    """Item headings, table-of-contents entries and the indexes of TOC lines."""
    toc: list[dict] = []
    toc_lines: set[int] = set()
    found: list[Heading] = []
    in_toc = False
    for i, line in enumerate(lines):
        text = line.text
        if key(text) in TOC_HEADINGS:
            in_toc = True
            toc_lines.add(i)
            continue
        # a TOC entry ends with its page number: test the cheap condition first
        is_entry = text[-1:].isdigit() and (
            bool(TOC_ENTRY.search(text)) or (in_toc and bool(TOC_PAGE_END.search(text)))
        )
        if is_entry:
            toc_lines.add(i)
            page = re.search(r"(\d{1,4})$", text)
            entry = TOC_ENTRY.sub("", text).strip(" .\t")
            if in_toc and TOC_PAGE_END.search(entry) and not TOC_ENTRY.search(text):
                entry = TOC_PAGE_END.sub("", entry)
            toc.append({"title": entry.strip(), "page": int(page.group(1)) if page else None})
            continue
        in_toc = False
        cand = _candidate(line)
        if not cand:
            continue
        number, title, family = cand
        # "Punkt 3:" is an item heading by its keyword; a bare "3." needs evidence
        supported = family != "numbered" or line.styled or _supported(lines, i, title, styled_mode)
        found.append(Heading(i, number, title, family, line.styled, supported))
    if not found:
        return [], toc, toc_lines
    # One family of headings per document: the commonest supported one ("Punkt" beats a stray
    # "Nr. 5 Aarhusvej" line; numbered lists inside the text are rarely supported).
    families = Counter(h.family for h in found if h.supported)
    if not families:
        return [], toc, toc_lines
    family = "role" if "role" in families else families.most_common(1)[0][0]
    chosen = [h for h in found if h.family == family and (h.supported or family != "numbered")]
    if family == "numbered":
        chosen = _numbered_sequence(chosen, lines, styled_mode)
    styled = sum(1 for h in chosen if h.styled)
    if styled_mode and styled >= 0.8 * len(chosen) and styled >= 2:
        chosen = [h for h in chosen if h.styled]
    return chosen, toc, toc_lines


# --- pass 2: filing the lines of one item ----------------------------------------------------
class _Filer:
    def __init__(self, item: Item, head: Header, styled_mode: bool) -> None:
        self.item = item
        self.head = head
        self.styled_mode = styled_mode
        self.field = "top"
        self.text: Text | None = None
        self.decision: Decision | None = None
        self.seen_content = False
        # a bare "Beslutning" heading may have the body and date on the line under it
        self.byline = False

    def _open(self, kind: Kind) -> None:
        item = self.item
        self.decision = None
        self.text = None
        if kind.what == "section":
            self.field = "section"
            self.text = item.section(kind.heading or "")
            if kind.inline:
                self.text.add_text(kind.inline)
        elif kind.what == "decision":
            self.field = "decision"
            body = kind.body
            when = kind.when
            if body is None or body.casefold() in GENERIC_BODIES:
                body = self.head.body
                when = when or self.head.day
            elif self.head.body and body.casefold() == self.head.body.casefold():
                when = when or self.head.day
            self.decision = Decision(body, when)
            item.decisions.append(self.decision)
            bare = kind.body is None and kind.when is None
            self.byline = bare and not kind.inline
            # "Beslutning: Økonomiudvalget den 12-03-2019" (a table row): who and when, not what
            if kind.inline and not (bare and self._decision_byline(kind.inline)):
                self.decision.text.add_text(kind.inline)
        elif kind.what == "attachments":
            self.field = "attachments"
            if kind.inline:
                item.add_attachment(kind.inline)
        elif kind.what == "history":
            self.field = "history"
            if kind.inline:
                self._history_line(Line(kind.inline))
        elif kind.what == "casetype":
            self.field = "casetype"
            if kind.inline:
                self._case_type(kind.inline)
        elif kind.what == "end":
            self.field = "end"

    def _case_type(self, value: str) -> None:
        parts = [p.strip() for p in re.split(r"[,;]", value) if p.strip()]
        for j, part in enumerate(parts):
            ct = case_type_of(part)
            if ct:
                self.item.case_type = self.item.case_type or ct
                if j and self.item.route_parts is None:
                    route = route_of(", ".join(parts[:j]))
                    self.item.route_parts = route
                break
        self.field = "top"

    def _history_line(self, line: Line) -> None:
        text = line.text
        m = HISTORY_BODY.match(text)
        if m:
            self.decision = Decision(m.group("v").strip(), None, earlier=True)
            self.item.decisions.append(self.decision)
            return
        m = HISTORY_DATE.match(text)
        if m and self.decision is not None and self.decision.date is None:
            self.decision.date = date_only(m.group("v")) or (find_date(m.group("v")) or (None,))[0]
            return
        if HISTORY_ITEM.match(text):
            return
        kind = _decision_heading(text)
        if kind:
            self.decision = Decision(kind.body or self.head.body, kind.when, earlier=True)
            self.item.decisions.append(self.decision)
            return
        if self.decision is not None:
            self.decision.text.add(line)
        else:
            self.item.history_text.add(line)

    def feed(self, line: Line) -> None:
        item, text = self.item, line.text
        if self.field == "end":
            return
        if self.field == "casetype":
            # right under "Sagstype", "Beslutning." is the type, not a decision heading
            if case_type_of(text) and len(text) <= 40:
                self._case_type(text)
                return
            self.field = "top"
        # metadata and access marks can stand anywhere near the top of an item
        if not self.seen_content or self.field == "top":
            if item.add_meta(text):
                return
            access = access_of(text)
            if access is not None:
                item.public = access if item.public_from_zone else item.public and access
                item.public_from_zone = False
                return
            if self._is_echo(text):
                return
        kind = classify(line, self.styled_mode)
        if kind is not None and kind.what != "zone":
            self._open(kind)
            return
        if kind is not None:
            return
        if self._absent(text):
            return
        self.seen_content = True
        if self.field == "section" and self.text is not None:
            self.text.add(line)
        elif self.field == "decision" and self.decision is not None:
            if self.byline and not self.decision.text and self._decision_byline(text):
                return
            if line.brk and self.decision.text:
                # more space than between paragraphs: a new, unheaded field (Aarhus' intro)
                self.field = "intro"
                self.decision = None
                item.intro.add(line)
            else:
                self.decision.text.add(line)
        elif self.field == "attachments":
            item.add_attachment(text)
        elif self.field == "history":
            self._history_line(line)
        else:
            item.intro.add(line)

    def _absent(self, text: str) -> bool:
        """ "X deltog ikke i behandlingen af dette punkt.": the item's ``absent``. On a line of its own under
        the item's heading (where protokol prints it) it is that and nothing else; in a decision it stays
        in the decision's text too; in the case's history it tells of an earlier meeting, not this one."""
        if self.field in ("history", "section"):
            return False
        names = item_absent(text)
        for name in names or []:
            if name not in self.item.absent:
                self.item.absent.append(name)
        return names is not None and self.field == "top"

    def _decision_byline(self, text: str) -> bool:
        """ "Økonomiudvalget den 12-03-2019" under a bare "Beslutning": who decided and when (the
        Word templates of SBSYS and Acadre), not the text of the decision."""
        m = DECISION_BYLINE.match(text)
        if not m or self.decision is None:
            return False
        when = date_only(m.group("date"))
        body = m.group("body")
        known = self.head.body is not None and body.casefold() == self.head.body.casefold()
        if when is None or not (known or BODY_WORD.search(body)):
            return False
        self.decision.body, self.decision.date = body, when
        return True

    def _is_echo(self, text: str) -> bool:
        """The item's title printed again under its heading ("1. Opfølgning på ...")."""
        if abs(len(text) - len(self.item.title)) > 8:
            return False
        title = " ".join(self.item.title.split()).casefold()
        plain = " ".join(re.sub(r"^\d{1,4}\s*[.):]\s*", "", text).split()).casefold()
        return bool(title) and plain.rstrip(".") == title.rstrip(".")


def _heading_title(lines: list[Line], h: Heading, stop: int) -> tuple[str, int]:
    """The item title, with the lines it wrapped onto; returns the index after the heading."""
    title = h.title
    line = lines[h.index]
    j = h.index + 1
    while j < stop:
        nxt = lines[j]
        wrapped = not nxt.para and nxt.bold == line.bold and nxt.level == line.level
        if not (wrapped or (not title.strip() and j == h.index + 1)):
            break
        lower = nxt.text[:1].islower()  # headings and labels are capitalised; "høring" goes on
        if not lower and (classify(nxt, False) or META.match(nxt.text) or access_of(nxt.text) is not None):
            break
        if title.strip() and not (
            line.styled or line.role or lower or len(title) >= 45 or _short_tail(lines, j, stop)
        ):
            break
        title = join_title(title, nxt.text)
        j += 1
    return title, j


def _short_tail(lines: list[Line], j: int, stop: int) -> bool:
    """A short last piece of a wrapped title in plain text ("høring"), followed by the item's
    first field rather than by more text."""
    text = lines[j].text
    if len(text) > 40 or text.endswith((".", ":", ";")):
        return False
    if j + 1 >= stop:
        return True
    after = lines[j + 1]
    return (
        after.para
        or bool(META.match(after.text))
        or access_of(after.text) is not None
        or bool(classify(after, False))
    )


def _richness(item: Item) -> int:
    return (
        sum(len(t.render()) for _, t in item.sections)
        + sum(len(d.text.render()) for d in item.decisions)
        + 50 * len(item.attachments)
        + 20 * sum(x is not None for x in (item.case_number, item.journal_number, item.case_type))
        + len(item.intro.render())
    )


def parse_lines(lines: list[Line]) -> dict:
    """The interchange dict of one meeting document, from a reader's lines."""
    _MEMO.clear()  # the memo serves one document: a benchmark of one file must not hit it
    styled_mode = _styled_mode(lines)
    headings, toc, toc_lines = find_headings(lines, styled_mode)
    first = headings[0].index if headings else len(lines)
    head = read_header([ln for i, ln in enumerate(lines[:first]) if i not in toc_lines][:80])
    if not headings and head.day is None:
        head = read_header([ln for i, ln in enumerate(lines) if i not in toc_lines][:80])

    items: list[Item] = []
    closed_zone = False
    heading_at = {h.index for h in headings}
    first_body_line = {
        _heading_title(lines, h, headings[n + 1].index if n + 1 < len(headings) else len(lines))[1]
        for n, h in enumerate(headings)
    }
    # A bare "Lukket" is a zone heading only where an item heading follows it and no heading stands right
    # before it; as the first line under an item heading it is that item's access mark, not a zone.
    zone_marks = [
        (i, key(ln.text) in CLOSED_ZONE)
        for i, ln in enumerate(lines)
        if _is_zone(ln.text)
        and (key(ln.text) != "lukket" or (i + 1 in heading_at and i not in first_body_line))
    ]
    for n, h in enumerate(headings):
        stop = headings[n + 1].index if n + 1 < len(headings) else len(lines)
        for i, closed in zone_marks:
            if i < h.index:
                closed_zone = closed
        raw_title, body_start = _heading_title(lines, h, stop)
        title, public, code = _clean_title(raw_title)
        item = Item(number=h.number, title=title, order=n)
        item.public = not closed_zone if public is None else public
        item.public_from_zone = public is None
        item.case_type = code
        filer = _Filer(item, head, styled_mode)
        for j in range(body_start, stop):
            if j in toc_lines:
                continue
            filer.feed(lines[j])
        items.append(item)

    items = _dedupe(items)
    kind = head.kind
    if kind is None:
        kind = "minutes" if any(_this_meeting(d, head) for it in items for d in it.decisions) else "agenda"
    for item in items:
        _settle(item, head, kind)
    result = {
        "schema": SCHEMA,
        "body": head.body,
        "kind": kind,
        "start": start_of(head),
        "location": head.location,
        "items": [_item_dict(item, head) for item in items],
    }
    if head.organization:
        result["organization"] = head.organization
    participants = read_participants([ln for i, ln in enumerate(lines[:first]) if i not in toc_lines])
    if participants:
        result["participants"] = participants
        result["absent"] = [p["name"] for p in participants if not p["present"]]
    if toc:
        result["toc"] = toc
    return result


def _is_zone(text: str) -> bool:
    if len(text) > 30:
        return False
    k = key(text)
    return k in CLOSED_ZONE or k in OPEN_ZONE


def _dedupe(items: list[Item]) -> list[Item]:
    """An item number seen twice (a table of contents without page leaders, a title page):
    the occurrence that says most is the item."""
    best: dict[int, Item] = {}
    for item in items:
        kept = best.get(item.number)
        if kept is None or _richness(item) > _richness(kept):
            best[item.number] = item
    return sorted(best.values(), key=lambda it: it.order)


def _this_meeting(decision: Decision, head: Header) -> bool:
    if decision.earlier:
        return False
    same_body = (
        decision.body is None or head.body is None or decision.body.casefold()[:6] == head.body.casefold()[:6]
    )
    return same_body and (decision.date is None or head.day is None or decision.date == head.day)


def _settle(item: Item, head: Header, kind: str) -> None:
    """What can only be decided once the item is read."""
    # A closed item of the minutes may print its decision without a heading (Aarhus item 21);
    # so may the short items of a plain protocol ("Eventuelt. Intet.").
    if (
        kind == "minutes"
        and item.intro
        and not any(_this_meeting(d, head) for d in item.decisions)
        and (not item.public or not item.sections)
    ):
        decision = Decision(head.body, head.day)
        decision.text = item.intro
        item.decisions.append(decision)
        item.intro = Text()
    if item.history_text:
        item.sections.append(("Sagsforløb", item.history_text))


def _collapse(route: list[str]) -> list[str]:
    out: list[str] = []
    for body in route:
        if not out or out[-1].casefold() != body.casefold():
            out.append(body)
    return out


def _route(item: Item, head: Header) -> list[str] | None:
    earlier = [d.body for d in item.decisions if d.earlier and d.body]
    if earlier:
        return _collapse([*earlier, *([head.body] if head.body else [])])
    for heading, text in item.sections:
        if heading in ("Behandling", "Sagens gang"):
            route = route_of(text.render())
            if route:
                return route
    if item.route_parts:
        return item.route_parts
    named = [(d, d.body) for d in item.decisions if d.body]
    if len({body.casefold() for _d, body in named}) >= 2:
        ordered = sorted(named, key=lambda pair: (pair[0].date is None, pair[0].date or head.day))
        return _collapse([body for _d, body in ordered])
    return None


def _item_dict(item: Item, head: Header) -> dict:
    out: dict = {
        "number": item.number,
        "title": item.title,
        "public": item.public,
        "case_number": item.case_number,
        "journal_number": item.journal_number,
        "document_number": item.document_number,
        "case_type": item.case_type,
    }
    route = _route(item, head)
    if route is not None:
        out["route"] = route
    out["sections"] = [{"heading": h, "text": t.render()} for h, t in item.sections if t]
    out["attachments"] = item.attachments
    decisions = sorted(
        (d for d in item.decisions if d.text),
        key=lambda d: (not d.earlier,),
    )
    out["decisions"] = [
        {"body": d.body, "date": d.date.isoformat() if d.date else None, "text": d.text.render()}
        for d in decisions
    ]
    legal_record.annotate(out, own=[_this_meeting(d, head) for d in decisions])
    if item.intro:
        out["intro"] = item.intro.render()
    if item.absent:
        out["absent"] = item.absent
    return out
