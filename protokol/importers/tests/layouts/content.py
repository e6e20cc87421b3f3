"""Random meetings in the interchange format: the truth a generated layout is scored against.

Everything is drawn from one ``random.Random``, so a seed gives the same meeting every time. The
texts are made of ordinary Danish words and never of what the genre uses as structure (no line
starts with a number, none is a known heading or label), so that what the parser finds in a
generated document is what the layout put there.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

BODIES = (
    "Økonomiudvalget", "Byrådet", "Kommunalbestyrelsen", "Teknik- og Miljøudvalget", "Børne- og Skoleudvalget",
    "Kultur- og Fritidsudvalget", "Social- og Sundhedsudvalget", "Direktionen", "Plan- og Boligudvalget",
    "Beskæftigelsesudvalget", "Ældrerådet", "Klima- og Naturudvalget", "Styregruppen for Digitalisering",
)  # fmt: skip
PLACES = (
    "Mødelokale 2, Rådhuset", "Byrådssalen", "Udvalgsværelse 398", "Rådhuset, lokale 233", "Mødecenter C, Lokale 32",
    "Kulturhuset, Sal 1", "Administrationscentret, mødelokale 4", "Biblioteket, Store Sal", "Teams (virtuelt møde)",
)  # fmt: skip
SUBJECTS = (
    "Budgetopfølgning", "Anlægsbevilling til ny daginstitution", "Høring om affaldsplan", "Orientering om sygefravær",
    "Lokalplan for boliger ved havnen", "Takster for hjemmepleje", "Evaluering af rygestopkurser",
    "Kvalitetsstandarder for stof- og alkoholbehandling", "Renovering af svømmehallen", "Trafiksikkerhedsplan",
    "Udbud af skolebuskørsel", "Strategi for kulturlivet", "Prioritering af puljemidler", "Salg af erhvervsgrund",
    "Godkendelse af regnskab", "Tilsyn med plejecentre", "Ny politik for frivillighed", "Bygningsvedligeholdelse",
    "Klimatilpasning i midtbyen", "Tilskud til foreninger", "Ansøgning om dispensation", "Eventuelt",
    "Meddelelser", "Digitaliseringsstrategi", "Status på integrationsindsatsen", "Kommuneplantillæg for vindmøller",
)  # fmt: skip
QUALIFIERS = (
    "",
    "",
    "",
    " 2019",
    " - endelig vedtagelse",
    " - anlægsbevilling",
    " for 2020-2023",
    " i Skovlunde",
)
WORDS = (
    "kommunen", "udvalget", "forvaltningen", "borgerne", "området", "budgettet", "planen", "sagen", "projektet",
    "indsatsen", "tilbuddet", "beslutningen", "økonomien", "rammen", "midlerne", "opgaven", "arbejdet",
    "dialogen", "forslaget", "høringen", "prioriteringen", "udviklingen", "kvaliteten", "tilsynet",
)  # fmt: skip
VERBS = (
    "viser", "omfatter", "styrker", "fastholder", "forudsætter", "understøtter", "vurderer", "beskriver",
    "indebærer", "sikrer", "afløser", "forbedrer", "begrænser", "finansierer",
)  # fmt: skip
FILL = (
    "det samlede",
    "en yderligere",
    "den fremtidige",
    "et bredere",
    "den lokale",
    "en tydelig",
    "den årlige",
)
TAILS = (
    "i løbet af året", "inden for den afsatte ramme", "i samarbejde med de berørte parter", "fra næste kvartal",
    "på tværs af afdelingerne", "efter aftale med administrationen", "uden merudgifter for kommunen",
)  # fmt: skip
DECISIONS = (
    "Godkendt.", "Indstillingen blev godkendt.", "Taget til efterretning.", "Anbefales over for byrådet.",
    "Udvalget drøftede sagen og godkendte indstillingen.", "Sagen blev udsat til næste møde.", "Tiltrådt.",
    "Godkendt med den ændring, at tidsplanen forlænges med et halvt år.",
)  # fmt: skip
FIRST = (
    "Anne",
    "Bent",
    "Carla",
    "Dorthe",
    "Erik",
    "Frida",
    "Gert",
    "Hanne",
    "Ib",
    "Jonna",
    "Karl",
    "Lise",
    "Mads",
)
LAST = (
    "Holm",
    "Kragh",
    "Juhl",
    "Friis",
    "Lund",
    "Madsen",
    "Nørgaard",
    "Østergaard",
    "Bech",
    "Skov",
    "Vestergaard",
)
PARTIES = ("A", "V", "C", "F", "O", "Ø", "B", "I")
ATTACHMENTS = (
    "Notat om økonomien", "Tidsplan", "Høringssvar fra Ældrerådet", "Projektbeskrivelse", "Kort over området",
    "Budgetoversigt", "Forslag til lokalplan", "Evalueringsrapport", "Tilstandsrapport", "Oversigt over tilskud",
)  # fmt: skip


def sentence(rng: random.Random) -> str:
    words = [
        rng.choice(FILL).capitalize(),
        rng.choice(WORDS),
        rng.choice(VERBS),
        rng.choice(FILL),
        rng.choice(WORDS),
    ]
    if rng.random() < 0.6:
        words.append(rng.choice(TAILS))
    if rng.random() < 0.4:
        words += ["og", rng.choice(VERBS), rng.choice(FILL), rng.choice(WORDS)]
    return " ".join(words) + "."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def paragraph(rng: random.Random, low: int = 1, high: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def text(rng: random.Random, paragraphs: tuple[int, int] = (1, 3), lists: bool = False) -> str:
    """Paragraphs; with ``lists`` sometimes a list of proposals ("1. At ...", "- ...") among them,
    the kind of numbered lines an item heading must not be taken for."""
    out = [paragraph(rng) for _ in range(rng.randint(*paragraphs))]
    if lists and rng.random() < 0.3:
        mark = rng.choice(("{n}. ", "{n}) ", "- ", "• "))
        entries = [
            mark.format(n=n) + "At " + _lower_first(sentence(rng)) for n in range(1, rng.randint(2, 4))
        ]
        out.insert(rng.randint(0, len(out)), "\n".join(entries))
    return "\n\n".join(out)


def person(rng: random.Random) -> tuple[str, str]:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(PARTIES)


def case_number(rng: random.Random, year: int) -> str:
    form = rng.randrange(4)
    if form == 0:
        return f"{year % 100:02d}/{rng.randint(100, 39999)}"
    if form == 1:
        return f"{rng.randint(100, 999)}-{year}-{rng.randint(100, 99999)}"
    if form == 2:
        return f"EMN-{year}-{rng.randint(1000, 99999):06d}"
    return f"{rng.choice(('00.01.00', '27.12.00', '85.02.02'))}-A00-{rng.randint(1, 99)}-{year % 100:02d}"


def meeting(rng: random.Random, *, headings: list[str], numbers: list[int | str], minutes: bool) -> dict:
    """One meeting: its items numbered ``numbers``, their sections headed by ``headings`` (the
    layout's words for the fields, in order; each item has most of them)."""
    day = date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365))
    start = datetime.combine(
        day, time(rng.choice((8, 9, 10, 13, 15, 16, 17, 19)), rng.choice((0, 0, 15, 30)))
    )
    body = rng.choice(BODIES)
    subjects = rng.sample(SUBJECTS, len(numbers))
    items = []
    for number, subject in zip(numbers, subjects, strict=True):
        title = subject + rng.choice(QUALIFIERS) if subject not in ("Eventuelt", "Meddelelser") else subject
        kept = [h for h in headings if rng.random() < 0.85] or headings[:1]
        item = {
            "number": number,
            "title": title,
            "public": True,
            "case_number": case_number(rng, day.year) if rng.random() < 0.85 else None,
            "journal_number": None,
            "document_number": None,
            "case_type": None,
            "sections": [{"heading": h, "text": text(rng, lists=True)} for h in kept],
            "attachments": [
                {"title": t, "document_number": None}
                for t in rng.sample(ATTACHMENTS, rng.choice((0, 0, 1, 2, 3)))
            ],
            "decisions": (
                [{"body": body, "date": day.isoformat(), "text": rng.choice(DECISIONS)}] if minutes else []
            ),
        }
        items.append(item)
    members = [person(rng) for _ in range(rng.randint(3, 7))]
    names = list(dict(members))
    if minutes and len(names) > 3 and rng.random() < 0.4:
        # a member who left during the meeting: the decision of an item says so, and item.absent
        item = rng.choice([i for i in items if i["decisions"]])
        gone = rng.choice(names)
        line = rng.choice(
            (
                f"{gone} deltog ikke i behandlingen af dette punkt.",
                f"Følgende deltog ikke i behandlingen af punktet: {gone}",
            )
        )
        item["decisions"][0]["text"] += "\n\n" + line
        item["absent"] = [gone]
    return {
        "schema": "protokol/meeting@1",
        "body": body,
        "kind": "minutes" if minutes else "agenda",
        "start": start.isoformat(),
        "location": rng.choice(PLACES),
        "items": items,
        "participants": [{"name": n, "party": p} for n, p in dict(members).items()],
    }
