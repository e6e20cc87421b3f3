"""A layout drawn at random, and the minutes of a meeting set in it as format-neutral blocks.

A layout is every choice a minutes template makes: how items are numbered and their headings
set, the words and style of the field headings, how the case number and the meeting facts are
laid out, date formats, running headers, a table of contents, closed-item marks, the list of
attachments, a signature page. :func:`draw` picks one for a format; :func:`blocks` sets a meeting
(see ``content.py``) in it. The backends in ``render.py`` turn blocks into text, DOCX or HTML.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import content

KNOWN_HEADINGS = (
    "Resume", "Sagsfremstilling", "Baggrund", "Indstilling", "Økonomi", "Høring", "Kommunikation",
    "Beslutningstema", "Sagens baggrund", "Lovgrundlag", "Videre proces", "Økonomiske konsekvenser",
    "Beskrivelse af sagen", "Retsgrundlag",
)  # fmt: skip
OWN_HEADINGS = (
    "Sammendrag", "Resumé", "Oplæg", "Supplerende sagsfremstilling", "Økonomi og organisatoriske konsekvenser",
    "Beslutningen træffes af", "Problemstilling", "Formål", "Vurdering", "Administrationens bemærkninger",
    "Økonomiske konsekvenser og finansiering", "Sagens indhold",
)  # fmt: skip
NUMBERINGS = (
    "dot",
    "paren",
    "punkt_colon",
    "punkt_dot",
    "pkt",
    "sagnr",
    "spaced",
    "outline",
    "running",
    "letter",
)
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")  # fmt: skip
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@dataclass(slots=True)
class Block:
    kind: str  # "p" (a paragraph; "\n" a soft line break), "row" (a table row), "page" (a page break)
    text: str = ""
    style: str = "plain"  # plain | bold | lead (a bold label before ":") | h1 | h2 | h3
    cells: tuple[str, ...] = ()
    #: Word's own list numbering (DOCX only): the level text ("Punkt %1") and the first number
    numbered: tuple[str, int] | None = None


@dataclass(slots=True)
class Layout:
    fmt: str  # text | markdown | docx | html
    numbering: str
    item_style: str
    section_style: str  # plain | colon | upper | inline | bold | bold_colon | h2 | h3
    headings: list[str]
    decision_form: str
    case_form: str
    header_form: str
    date_form: str
    time_form: str
    kind_word: str
    minutes: bool
    running: bool
    toc: bool
    signature: str | None
    closed_form: str
    closed: int
    attachment_form: str
    empty_attachments: bool
    participants: str | None
    start: int = 1
    #: "Sagen afgøres i: Udvalget" as a label field at the top of every item
    lead_field: bool = False
    #: "Sagstype: Beslutning" under the case number
    case_type: bool = False
    #: earlier decisions ("Beslutning i X den <earlier date>") before this meeting's, now and then
    earlier: bool = False
    #: closed items printed with their title and decision only
    closed_bare: bool = False
    toc_form: str = "leaders"
    #: the title printed again under the item heading
    echo: bool = False
    #: "Afbud: X" and "Stedfortræder: Y for X" under the list of members
    absence: bool = False
    #: DOCX: item numbers from Word's list numbering (numbering.xml), not in the text
    word_numbering: bool = False
    extras: dict = field(default_factory=dict)

    @property
    def family(self) -> str:
        return f"{self.fmt}/{self.numbering}/{self.section_style}"


def draw(rng: random.Random, fmt: str) -> Layout:
    styled = fmt != "text"
    section_styles = {
        "text": ("plain", "colon", "upper", "inline"),
        "markdown": ("bold", "bold_colon", "h2", "h3", "plain", "inline"),
        "docx": ("bold", "h2", "h3", "bold", "inline"),
        "html": ("h3", "bold", "h2"),
        "pdf": ("bold", "h3", "h2", "inline", "bold"),
    }[fmt]
    section_style = rng.choice(section_styles)
    known = rng.sample(KNOWN_HEADINGS, rng.randint(2, 4))
    own_ok = section_style in ("colon",) or (styled and section_style not in ("plain", "inline", "upper"))
    own = rng.sample(OWN_HEADINGS, rng.randint(1, 2)) if own_ok and rng.random() < 0.7 else []
    headings = own + known
    rng.shuffle(headings)
    numbering = rng.choice(NUMBERINGS)
    if numbering in ("spaced", "outline") and not styled and rng.random() < 0.5:
        numbering = "dot"
    minutes = rng.random() < 0.8
    return Layout(
        fmt=fmt,
        numbering=numbering,
        item_style=rng.choice(("plain",) if not styled else ("bold", "h1", "h2", "bold")),
        section_style=section_style,
        headings=headings,
        decision_form=rng.choice(
            ("plain", "plural")
            if section_style == "upper"
            else ("plain", "plural", "genitive", "in", "meeting", "edoc", "committee")
        ),
        case_form=rng.choice(("label", "label_nocolon", "sagsid", "esdh", "bare", "row", "combined", "none")),
        header_form=rng.choice(("labels", "table", "column", "oneline", "unlabelled")),
        date_form=rng.choice(("long", "dash", "dots", "iso", "weekday")),
        time_form=rng.choice(("kl_colon", "kl_dot", "range")),
        kind_word=rng.choice(
            ("Referat", "REFERAT", "Beslutningsprotokol") if minutes else ("Dagsorden", "DAGSORDEN")
        ),
        minutes=minutes,
        running=fmt in ("text", "markdown", "pdf") and rng.random() < 0.5,
        toc=rng.random() < 0.4,
        signature=rng.choice((None, None, "Underskriftsside", "Underskrifter", "Mødet hævet kl. 18.10")),
        closed_form=rng.choice(("prefix", "suffix", "doors", "line", "zone")),
        closed=rng.choice((0, 0, 1, 1, 2)),
        attachment_form=rng.choice(("list", "dash", "numbered", "bilag_n", "edoc", "acadre", "suffix")),
        empty_attachments=rng.random() < 0.4,
        participants=rng.choice((None, "line", "list")),
        start=rng.choice((1, 1, 1, rng.randint(20, 900))),
        lead_field=styled and rng.random() < 0.3,
        case_type=rng.random() < 0.3,
        earlier=rng.random() < 0.4,
        closed_bare=rng.random() < 0.5,
        toc_form=rng.choice(("leaders", "tab", "bare")),
        echo=rng.random() < 0.2,
        absence=rng.random() < 0.5,
        word_numbering=fmt == "docx"
        and numbering in ("dot", "punkt_dot", "punkt_colon", "running")
        and rng.random() < 0.5,
    )


def numbers(rng: random.Random, layout: Layout, count: int) -> list[int | str]:
    """The items' numbers as the interchange holds them."""
    if layout.numbering == "outline":
        out: list[int | str] = []
        group = 0
        while len(out) < count:
            group += 1
            out.append(group)
            out += [f"{group}.{k}" for k in range(1, rng.randint(1, 3) + 1)]
        out = out[:count]
        if len(out) > 1 and isinstance(out[-1], int):
            out.pop()  # a group heading with nothing under it
        return out
    first = layout.start if layout.numbering != "running" else rng.randint(100, 900)
    out = list(range(first, first + count))
    if layout.numbering == "letter" and count >= 2:
        at = rng.randrange(count - 1)
        out = [*out[: at + 1], f"{out[at]}a", *out[at + 1 : -1]]
    return out


def _date(day: date, form: str) -> str:
    if form == "long":
        return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    if form == "dash":
        return f"{day.day:02d}-{day.month:02d}-{day.year}"
    if form == "dots":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if form == "iso":
        return day.isoformat()
    return f"{WEEKDAYS[day.weekday()].capitalize()} den {day.day}. {MONTHS[day.month - 1]} {day.year}"


def _time(start: datetime, form: str) -> str:
    if form == "kl_colon":
        return f"kl. {start:%H:%M}"
    if form == "kl_dot":
        return f"kl. {start:%H.%M}"
    return f"kl. {start:%H:%M} - {start.hour + 2:02d}:{start:%M}"


def _number_text(number: int | str, numbering: str) -> str:
    return {
        "dot": f"{number}.",
        "paren": f"{number})",
        "punkt_colon": f"Punkt {number}:",
        "punkt_dot": f"Punkt {number}.",
        "pkt": f"Pkt. {number}",
        "sagnr": f"Sag nr. {number} -",
        "spaced": f"{number}  ",
        "outline": f"{number}  ",
        "running": f"{number}.",
        "letter": f"{number}.",
    }[numbering]


def _genitive(body: str) -> str:
    return body if body.endswith("s") else body + "s"


def _heading(layout: Layout, text: str, inline: str | None = None) -> list[Block]:
    """A field heading in the layout's style; ``inline``: the first paragraph, where the style
    sets the heading on the same line."""
    style = layout.section_style
    out: list[Block]
    if style == "inline" and inline is not None:
        return [Block("p", f"{text}: {inline}", "lead" if layout.fmt != "text" else "plain")]
    if style in ("plain", "inline"):
        out = [Block("p", text)]
    elif style == "colon":
        out = [Block("p", text + ":")]
    elif style == "upper":
        out = [Block("p", text.upper())]
    elif style == "bold_colon":
        out = [Block("p", text + ":", "bold")]
    elif style in ("h2", "h3"):
        out = [Block("p", text, style)]
    else:
        out = [Block("p", text, "bold")]
    if inline is not None:
        out.append(Block("p", inline))
    return out


def _field(layout: Layout, heading: str, text: str) -> list[Block]:
    paragraphs = text.split("\n\n")
    out = _heading(layout, heading, paragraphs[0] if layout.section_style == "inline" else None)
    rest = paragraphs[1:] if layout.section_style == "inline" else paragraphs
    return out + [Block("p", p) for p in rest]


def _decision_heading(layout: Layout, body: str, day: date, number: int | str) -> str:
    when = _date(day, layout.date_form if layout.date_form != "weekday" else "long")
    return {
        "plain": "Beslutning",
        "plural": "Beslutninger",
        "genitive": f"{_genitive(body)} beslutning den {when}",
        "in": f"Beslutning i {body} den {when}",
        "meeting": f"{_genitive(body)} møde den {when}",
        "edoc": f"{_genitive(body)} beslutning den {day:%d.%m.%Y} Punkt {number}",
        "committee": "Udvalgets beslutning",
    }[layout.decision_form]


def _case_blocks(layout: Layout, item: dict, rng: random.Random) -> list[Block]:
    case = item["case_number"]
    if case is None or layout.case_form == "none":
        item["case_number"] = None
        return []
    form = layout.case_form
    if form == "label":
        return [Block("p", f"Sagsnr.: {case}")]
    if form == "label_nocolon":
        return [Block("p", f"Sagsnr. {case}")]
    if form == "sagsid":
        return [Block("p", f"Sags-id: {case}")]
    if form == "esdh":
        return [Block("p", f"Sagsnr. i ESDH: {case}")]
    if form == "bare":
        return [Block("p", case)]
    if form == "row":
        return (
            [Block("row", cells=("Sagsnr.", case))]
            if layout.fmt in ("docx", "html", "pdf")
            else [Block("p", f"Sagsnr. {case}")]
        )
    document = f"{rng.randint(10, 99)}/{rng.randint(1000, 99999)}"
    item["document_number"] = document
    return [Block("p", f"Sagsnr.: {case}   Dok.nr.: {document}")]


def _attachment_blocks(layout: Layout, item: dict, rng: random.Random) -> list[Block]:
    entries = item["attachments"]
    if not entries:
        return _heading(layout, "Bilag") + [Block("p", "Ingen")] if layout.empty_attachments else []
    form = layout.attachment_form
    out = _heading(layout, "Bilag")
    for n, entry in enumerate(entries, 1):
        title = entry["title"]
        if form == "list":
            out.append(Block("p", title))
        elif form == "dash":
            out.append(Block("p", f"- {title}"))
        elif form == "numbered":
            out.append(Block("p", f"{n}. {title}"))
        elif form == "bilag_n":
            entry["title"] = f"Bilag {n}: {title}"
            out.append(Block("p", entry["title"]))
        elif form == "edoc":
            entry["document_number"] = f"{rng.randint(2010, 2025)}-{rng.randint(10000, 299999)}"
            out.append(Block("p", f"{entry['document_number']} - {title}"))
        elif form == "acadre":
            entry["document_number"] = f"{rng.randint(1000, 299999)}/{rng.randint(10, 25)}"
            cells = (str(n), "Åben", title, entry["document_number"])
            out.append(
                Block("row", cells=cells)
                if layout.fmt in ("docx", "html", "pdf")
                else Block("p", " ".join(cells))
            )
        else:
            entry["document_number"] = (
                f"{rng.randint(100, 999)}-{rng.randint(2010, 2025)}-{rng.randint(1000, 99999)}"
            )
            out.append(Block("p", f"{title} (Dok.nr. {entry['document_number']})"))
    return out


def _item_heading(layout: Layout, item: dict, closed: bool) -> list[Block]:
    title = item["title"]
    if closed and layout.closed_form == "prefix":
        title = f"Lukket punkt: {title}"
    elif closed and layout.closed_form == "suffix":
        title = f"{title} (Lukket)"
    elif closed and layout.closed_form == "doors":
        title = f"{title} - (FOR LUKKEDE DØRE)"
    style = layout.item_style
    if layout.numbering == "outline" and "." not in str(item["number"]) and layout.fmt != "text":
        style = "bold" if style == "plain" else style
    if layout.word_numbering:
        level_text = {"dot": "%1.", "running": "%1.", "punkt_dot": "Punkt %1.", "punkt_colon": "Punkt %1:"}
        out = [Block("p", title, style, numbered=(level_text[layout.numbering], int(item["number"])))]
    else:
        out = [
            Block(
                "p", f"{_number_text(item['number'], layout.numbering)} {title}".replace("   ", "  "), style
            )
        ]
    if closed and layout.closed_form == "line":
        out.append(Block("p", "Lukket punkt"))
    if layout.echo and style != "plain":
        out.append(Block("p", item["title"]))
    return out


def blocks(rng: random.Random, layout: Layout, meeting: dict) -> list[Block]:
    """The minutes of ``meeting`` set in ``layout``; ``meeting`` is brought in line with what the
    layout prints (numbers of documents it shows, titles such as "Bilag 1: ...")."""
    start = datetime.fromisoformat(meeting["start"])
    day = start.date()
    body = meeting["body"]
    out: list[Block] = []
    when = _date(day, layout.date_form)
    clock = _time(start, layout.time_form)
    form = layout.header_form
    head = "h1" if layout.fmt != "text" else "plain"
    if form == "labels":
        out += [
            Block("p", layout.kind_word, head),
            Block("p", body, "bold" if layout.fmt != "text" else "plain"),
        ]
        out += [Block("p", f"Mødedato: {when}, {clock}"), Block("p", f"Mødested: {meeting['location']}")]
    elif form == "table":
        out.append(Block("p", layout.kind_word, head))
        rows = [
            ("Udvalg", body),
            ("Mødedato", when),
            ("Tidspunkt", clock.replace("kl. ", "")),
            ("Mødested", meeting["location"]),
        ]
        if layout.fmt in ("docx", "html", "pdf"):
            out += [Block("row", cells=r) for r in rows]
        else:
            out += [Block("p", f"{a}: {b}") for a, b in rows]
    elif form == "column":
        out += [Block("p", layout.kind_word, head), Block("p", body)]
        out += [Block("p", "Dato:"), Block("p", "Tid:"), Block("p", "Sted:")]
        out += [Block("p", when), Block("p", clock.replace("kl. ", "")), Block("p", meeting["location"])]
    elif form == "oneline":
        out.append(Block("p", layout.kind_word, head))
        out.append(Block("p", f"{body}, {_date(day, 'weekday').lower()} {clock} i {meeting['location']}"))
    else:
        out += [Block("p", layout.kind_word, head), Block("p", body), Block("p", _date(day, "weekday"))]
        out += [Block("p", clock.capitalize()), Block("p", meeting["location"])]
    people = meeting["participants"]
    if layout.participants is None:
        meeting["participants"] = []
    else:
        for p in people:
            p["present"] = True
        if layout.participants == "line":
            out.append(Block("p", "Deltagere: " + ", ".join(f"{p['name']} ({p['party']})" for p in people)))
        else:
            out.append(Block("p", "Medlemmer", "bold" if layout.fmt != "text" else "plain"))
            out += [Block("p", f"{p['name']} ({p['party']})") for p in people]
        if layout.absence and len(people) > 2:
            away = people[-1]
            away["present"] = False
            out.append(Block("p", f"Afbud: {away['name']} ({away['party']})"))
            stand_in = {"name": " ".join(content.person(rng)[0].split()[::-1]), "party": away["party"]}
            if stand_in["name"] not in {p["name"] for p in people} and rng.random() < 0.5:
                people.append({**stand_in, "present": True, "substitute_for": away["name"]})
                line = f"Stedfortræder: {stand_in['name']} ({away['party']}) for {away['name']} ({away['party']})"
                out.append(Block("p", line))
    items = meeting["items"]
    closed_from = len(items) - layout.closed
    if layout.numbering == "outline":
        closed_from = len(items)  # an outline of working-group minutes has no closed part
    if layout.toc:
        out.append(Block("p", "Indholdsfortegnelse", "bold" if layout.fmt != "text" else "plain"))
        sep = {"leaders": " ......... ", "tab": "\t", "bare": " "}[layout.toc_form]
        for n, item in enumerate(items):
            out.append(
                Block("p", f"{_number_text(item['number'], layout.numbering)} {item['title']}{sep}{n + 2}")
            )
    for n, item in enumerate(items):
        closed = n >= closed_from
        if closed:
            item["public"] = False
            if n == closed_from and layout.closed_form == "zone":
                out.append(Block("p", "Lukkede punkter", "bold" if layout.fmt != "text" else "plain"))
        group = layout.numbering == "outline" and isinstance(item["number"], int)
        out += _item_heading(layout, item, closed)
        if group:  # a group heading of an outline: nothing of its own
            item.update(case_number=None, sections=[], attachments=[], decisions=[])
            item.pop("absent", None)
            continue
        out += _case_blocks(layout, item, rng)
        if layout.case_type:
            item["case_type"] = rng.choice(("Beslutning", "Orientering", "Drøftelse"))
            out.append(Block("p", f"Sagstype: {item['case_type']}"))
        if closed and layout.closed_bare:
            item.update(sections=[], attachments=[])
        sections = item["sections"]
        if layout.lead_field and not (closed and layout.closed_bare):
            out.append(Block("p", f"Sagen afgøres i: {body}", "lead"))
            item["sections"] = [{"heading": "Sagen afgøres i", "text": body}, *sections]
        for section in sections:
            out += _field(layout, section["heading"], section["text"])
        out += _attachment_blocks(layout, item, rng)
        dated = layout.decision_form in ("in", "genitive", "meeting")
        if item["decisions"] and layout.earlier and dated and rng.random() < 0.5:
            before = day - timedelta(days=rng.randint(14, 200))
            earlier = {"body": body, "date": before.isoformat(), "text": rng.choice(content.DECISIONS)}
            out += _field(layout, _decision_heading(layout, body, before, item["number"]), earlier["text"])
            item["decisions"].insert(0, earlier)
        for decision in item["decisions"][-1:]:
            heading = _decision_heading(layout, body, day, item["number"])
            if layout.decision_form == "edoc":
                out.append(Block("p", heading))  # eDoc sets it in regular weight
                out.append(Block("p", decision["text"]))
            else:
                out += _field(layout, heading, decision["text"])
    if layout.signature:
        out.append(Block("p", layout.signature, "bold" if layout.fmt != "text" else "plain"))
        if not layout.signature.startswith("Mødet"):
            out += [Block("p", f"{p['name']} ({p['party']})") for p in people]
    return out
