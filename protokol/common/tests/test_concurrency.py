"""Must show: 20 clients editing items and recording decisions at once on PostgreSQL lose nothing.

Each thread (its own database connection, as a web worker has) edits a random item with the version it
read (`update_item(expected_version=...)`) and records decisions, for DURATION_S seconds. Afterwards:
no error but the designed Conflict; every item's version is 1 + the successful writes to it (no lost
update); its title is one a successful write set; one decision per body and date (no duplicate from a
race); and the audit log holds exactly one entry per successful write.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from datetime import date

import pytest
from django.db import connection, connections

THREADS = 20
DURATION_S = 10.0
ITEMS = 6

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is tested on PostgreSQL (SQLite serialises every write)",
    ),
]


def test_parallel_edits_and_decisions_lose_nothing():
    from protokol.common.errors import Conflict
    from protokol.common.models import AuditEntry
    from protokol.meetings import services
    from protokol.meetings.enums import Role
    from protokol.meetings.models import AgendaItem
    from protokol.meetings.tests import factories

    body = factories.body("Samtidighedsudvalget")
    secretary = factories.member(body, role=Role.SECRETARIAT)
    meeting = factories.meeting(body, day=date(2031, 3, 4))
    items = [factories.item(meeting, f"Punkt {n}") for n in range(ITEMS)]
    item_ids = [i.pk for i in items]
    audit_before = AuditEntry.objects.filter(action__in=["item.update", "decision.record"]).count()

    lock = threading.Lock()
    writes: Counter[int] = Counter()  # item id -> successful writes
    titles: dict[int, set[str]] = {pk: {i.title} for pk, i in zip(item_ids, items, strict=True)}
    outcomes: Counter[str] = Counter()
    errors: list[str] = []
    start = threading.Barrier(THREADS)
    deadline = [0.0]

    def client(n: int) -> None:
        rng = random.Random(n)
        try:
            start.wait()
            k = 0
            while time.monotonic() < deadline[0]:
                k += 1
                pk = rng.choice(item_ids)
                item = AgendaItem.objects.select_related("meeting__body").get(pk=pk)
                try:
                    if rng.random() < 0.6:
                        title = f"Punkt {pk} skrevet af {n} som nr. {k}"
                        services.update_item(
                            item=item, by=secretary, expected_version=item.version, title=title
                        )
                        kind = "update"
                        with lock:
                            titles[pk].add(title)
                    else:
                        services.record_decision(item=item, text=f"Godkendt ({n}/{k}).", by=secretary)
                        kind = "decision"
                except Conflict:
                    with lock:
                        outcomes["conflict"] += 1
                    continue
                with lock:
                    writes[pk] += 1
                    outcomes[kind] += 1
        except Exception as err:  # anything but the designed Conflict is a failure
            with lock:
                errors.append(f"client {n}: {err.__class__.__name__}: {err}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(THREADS)]
    deadline[0] = time.monotonic() + DURATION_S + 2  # the barrier releases them all at once
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=DURATION_S + 60)
    assert not any(t.is_alive() for t in threads), "a client hung"

    assert not errors, "\n".join(errors[:10])
    assert outcomes["update"] > THREADS and outcomes["decision"] > THREADS, outcomes
    assert outcomes["conflict"] > 0, f"no two clients ever collided: {outcomes}"
    for item in AgendaItem.objects.filter(pk__in=item_ids).prefetch_related("decisions"):
        assert item.version == 1 + writes[item.pk], (
            f"item {item.pk}: version {item.version}, but {writes[item.pk]} successful writes: an update was lost"
        )
        assert item.title in titles[item.pk]
        keys = Counter((d.body_name, d.date) for d in item.decisions.all())
        assert all(n == 1 for n in keys.values()), f"item {item.pk} has duplicate decisions: {keys}"
    audit = AuditEntry.objects.filter(action__in=["item.update", "decision.record"]).count() - audit_before
    assert audit == sum(writes.values()), f"{audit} audit entries for {sum(writes.values())} writes"
