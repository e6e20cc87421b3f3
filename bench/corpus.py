"""A search benchmark corpus of N agenda items in the demo municipality's vocabulary, fast.

The demo generator (protokol.meetings.demo) writes through the services, one audited write at a time:
right for a demo, far too slow for a million items (hours). This builder writes the same kind of
content directly: meetings and items with bulk_create (what the search function reads back from
the database to check its hits), and the documents straight into the public tantivy index and into
an SQLite FTS5 table (the peer), without the services, the outbox or sections in the database.

The text is the demo's: its subjects, places, sentences and decisions, so word frequencies span
rare (a lokalplan number), medium (a subject word) and frequent (words of the stock sentences).
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from protokol.meetings import demo
from protokol.meetings.enums import MeetingStatus

ITEMS_PER_MEETING = 8
CLOSED_SHARE = 0.08


def _items(rng: random.Random, day: date, body_name: str) -> Iterator[dict]:
    for _n in range(ITEMS_PER_MEETING):
        if rng.random() < CLOSED_SHARE:
            template, kle = rng.choice(demo.CLOSED_SUBJECTS)
            case_type, public = "Beslutning", False
        else:
            template, kle, case_type = rng.choice(demo.SUBJECTS)
            public = True
        title = demo._fill(template, rng, day)
        route = demo.ROUTE if body_name in demo.ROUTE and rng.random() < 0.3 else [body_name]
        sections = demo._sections(rng, route, case_type)
        decision = demo._decision_for(case_type, False, rng)
        text = "\n\n".join(f"{h}\n{t}" for h, t in sections) + f"\n\n{body_name}: {decision}"
        yield {"title": title, "public": public, "case_type": case_type, "kle": kle, "text": text}


def build(*, items: int, seed: int = 1, fts_path: Path, progress: bool = True) -> dict:
    """Fill the (empty) database, the public index, each body's restricted index (every item whole, as its
    members search it) and an FTS5 file; returns timings and sizes."""
    from django.db import transaction

    from protokol.common.users import system_user
    from protokol.meetings.models import AgendaItem, Body, Meeting, Organization
    from protokol.search.index import PUBLIC, RESTRICTED, IndexDoc, Writers, restricted_index

    rng = random.Random(seed)
    system_user()
    org = Organization.objects.create(name=demo.ORGANIZATION, slug="fjordby")
    bodies = [
        Body.objects.create(organization=org, name=name, slug=slug, kind=kind, aliases=aliases)
        for name, slug, kind, aliases, *_rest in demo.BODIES
    ]
    specs = {b.name: spec for b, spec in zip(bodies, demo.BODIES, strict=True)}
    meetings_total = -(-items // ITEMS_PER_MEETING)
    first = date(2026, 11, 1) - timedelta(days=meetings_total // 2)  # ~2 meetings a day across the years

    fts = sqlite3.connect(fts_path)
    fts.execute("PRAGMA journal_mode=OFF")
    fts.execute("PRAGMA synchronous=OFF")
    fts.execute(
        "CREATE VIRTUAL TABLE items USING fts5(title, text, body UNINDEXED, year UNINDEXED,"
        " day UNINDEXED, item_id UNINDEXED, tokenize='unicode61 remove_diacritics 0')"
    )
    writers = Writers(heap=400_000_000, threads=2)
    t0 = time.perf_counter()
    done = 0
    batch_meetings = 500
    for start in range(0, meetings_total, batch_meetings):
        plan = []
        for k in range(start, min(start + batch_meetings, meetings_total)):
            body = bodies[k % len(bodies)]
            spec = specs[body.name]
            day = first + timedelta(days=k // 2)
            plan.append(
                Meeting(
                    body=body,
                    date=day,
                    start_time=spec[5],
                    location=spec[6],
                    status=MeetingStatus.MINUTES_PUBLISHED,
                )
            )
        with transaction.atomic():
            meetings = Meeting.objects.bulk_create(plan)
            rows, payloads = [], []
            for m in meetings:
                for number, data in enumerate(_items(rng, m.date, m.body.name), start=1):
                    rows.append(
                        AgendaItem(
                            meeting=m,
                            number=number,
                            position=number,
                            title=data["title"],
                            public=data["public"],
                            case_type=data["case_type"],
                        )
                    )
                    payloads.append((m, number, data))
            created = AgendaItem.objects.bulk_create(rows, batch_size=2000)
        fts_rows = []
        for item, (m, number, data) in zip(created, payloads, strict=True):
            public = data["public"]
            doc = IndexDoc(
                item_id=item.pk,
                meeting_id=m.pk,
                body_id=m.body_id,
                body=m.body.slug,
                day=m.date,
                number=number,
                title=data["title"],
                variant="open" if public else "title",
                public=public,
                published=True,
                case_type=data["case_type"] if public else "",
                kle=data["kle"] if public else "",
                text=data["text"] if public else "",
            )
            writers.add(PUBLIC, doc)
            whole = replace(
                doc, variant=RESTRICTED, case_type=data["case_type"], kle=data["kle"], text=data["text"]
            )
            writers.add(restricted_index(m.body_id, sent=True), whole)
            fts_rows.append(
                (
                    data["title"],
                    data["text"] if public else "",
                    m.body.slug,
                    m.date.year,
                    m.date.isoformat(),
                    item.pk,
                )
            )
        fts.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)", fts_rows)
        done += len(created)
        if progress:
            rate = done / (time.perf_counter() - t0)
            print(f"  corpus: {done:,} items ({rate:,.0f}/s)", flush=True)
    fts.commit()
    t_commit = time.perf_counter()
    writers.commit()
    fts.execute("INSERT INTO items(items) VALUES('optimize')")
    fts.commit()
    fts.close()
    seconds = time.perf_counter() - t0
    return {
        "items": done,
        "meetings": meetings_total,
        "seconds": seconds,
        "commit_seconds": time.perf_counter() - t_commit,
    }
