"""Must show: a decision is public from the moment the minutes are published, never before, on every channel.

A decision with canary words is recorded on an open item of a meeting whose agenda is published. The
canary crawl (test_canary.py) then walks the whole site as a visitor and as a member of another body: pages
(cached ones too), feeds, calendars, OParl, the JSON API, PDFs (text extracted), the workspace, and the
search (its hits, counts and facets, the portal's page, its feed and `protokol search`); the public HTML
and PDF editions are rendered as `protokol render` does. No canary may show while the meeting is held or
its minutes approved. The body's own member reads the decision from the meeting on; once the minutes are
published, the visitor finds it on each of those channels, so the test can fail.
"""

from __future__ import annotations

import json
import re
from datetime import date, time

import pytest
from django.test import Client

from protokol.leak_crawl import Canaries, Crawl

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"<(?:title|h1)[^>]*>(.*?)</(?:title|h1)>", re.S)


@pytest.fixture
def setting(db, monkeypatch):
    """One municipality: Direktionen's meeting with its agenda published, and a canary decision on an open item."""
    import protokol.cli
    from protokol.cases import services as case_services
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.tests import factories
    from protokol.planning import services as planning

    # Django is set up already; setting it up again from the CLI would point logging at the runner's stream.
    monkeypatch.setattr(protokol.cli, "_django", lambda: None)
    by = system_user()
    org = factories.organization("Fjordby Kommune")
    board = factories.body("Direktionen", org=org)
    other = factories.body("Kontroludvalget", org=org)
    meeting = services.create_meeting(
        body=board, date=date(2026, 3, 2), start_time=time(9), location="Rådhuset", by=by
    )
    case = case_services.resolve_case(
        organization=org, number="2026-01-000001", title="Ny cykelsti", journal_number="05.01.00", by=by
    )
    item = services.add_item(
        meeting=meeting,
        title="Cykelsti langs fjorden",
        case=case,
        route=["Direktionen"],
        sections=[("Sagsfremstilling", "Forvaltningen foreslår en cykelsti langs fjorden.")],
        by=by,
    )
    case_services.add_attachment(
        item=item,
        title="Kort over cykelstien",
        content=b"%PDF-1.7 kort",
        file_name="kort.pdf",
        mime_type="application/pdf",
        by=by,
    )
    services.publish_agenda(meeting, by=by)
    canaries = Canaries([board, other])
    # Two words: a search for the one may echo it; the other must still not show.
    words = [canaries.word(meeting, "decision.text"), canaries.word(meeting, "decision.text")]
    services.record_decision(item=item, text=f"Godkendt med {words[0]} og {words[1]}.", by=by)
    planning.record_communication(
        item=item, audiences=["public"], channels=["website"], message="Ny cykelsti.", done=True, by=by
    )
    outsider = Client()
    outsider.force_login(factories.member(other))
    insider = Client()
    insider.force_login(factories.member(board))
    item.refresh_from_db()
    return {
        "meeting": meeting,
        "item": item,
        "case": case,
        "canaries": canaries,
        "words": words,
        "clients": {"visitor": Client(), "other body's member": outsider, "member": insider},
    }


def _crawl(client: Client, name: str, s: dict) -> Crawl:
    """The canary crawl of the whole site, the meeting's objects asked for directly, and the search."""
    from protokol.meetings.models import Body

    m, item, case = s["meeting"], s["item"], s["case"]
    crawl = Crawl(client, name, s["canaries"])
    starts = ["/", "/oparl/v1/system", "/api/bodies", "/api/meetings?limit=200", "/api/cases?limit=200"]
    starts += ["/calendar.ics", "/communication/feed/", "/workspace/", "/workspace/follow-ups/"]
    for body in Body.objects.all():
        starts += [f"/bodies/{body.slug}/", f"/bodies/{body.slug}/feed/", f"/bodies/{body.slug}/calendar.ics"]
    starts += [
        f"/meetings/{m.pk}/",
        f"/meetings/{m.pk}/agenda.pdf",
        f"/meetings/{m.pk}/minutes.pdf",
        f"/meetings/{m.pk}/items/{item.number}/",
        f"/cases/{case.number}/",
        f"/api/meetings/{m.pk}",
        f"/api/items/{item.pk}",
        f"/api/cases/{case.pk}",
        f"/oparl/v1/meeting/{m.pk}",
        f"/oparl/v1/agendaItem/{item.pk}",
        f"/oparl/v1/consultation/{item.pk}",
        f"/oparl/v1/paper/{case.pk}",
        f"/workspace/meetings/{m.pk}/",
        f"/workspace/meetings/{m.pk}/minutes/",
    ]
    crawl.run(starts)
    _search(crawl, s)
    _editions(crawl, s)
    return crawl


def _search(crawl: Crawl, s: dict) -> None:
    """The search for each canary word: hits, count and facets as the user, and through the web."""
    from django.contrib.auth import get_user_model
    from typer.testing import CliRunner

    from protokol.cli import app
    from protokol.search.query import search as run_search

    user_id = crawl.client.session.get("_auth_user_id")
    user = get_user_model().objects.get(pk=user_id) if user_id else None
    first, second = s["words"]
    for q in (first, second, first[:-2] + "*"):
        page = run_search(q, user=user)
        crawl.check(f"search:{q}", " ".join(f"{h.title} {h.snippet}" for h in page.hits))
        if page.count or any(page.facets.values()):
            crawl.found.setdefault(first, set()).add(f"search count:{q}")
    # Through the web the query is echoed: the other word must not show, and the count must be 0.
    for url in (f"/search/?q={first}", f"/search/feed/?q={first}"):
        _response, text = crawl.get(url, echo=first)
        if url.startswith("/search/?") and not re.search(r'id="h-results"[^>]*>0 ', text):
            crawl.found.setdefault(first, set()).add(f"{url} count")
    if user is None:
        result = CliRunner().invoke(app, ["search", first, "--json"])
        assert result.exit_code == 0, result.output
        payload = json.loads(result.output)
        crawl.check(f"cli:{first}", json.dumps(payload["hits"]), echo=first)
        if payload["count"] or any(payload["facets"].values()):
            crawl.found.setdefault(first, set()).add("cli count")


def _editions(crawl: Crawl, s: dict) -> None:
    """The public editions as `protokol render` writes them (no user: the public's)."""
    from protokol.leak_crawl import _pdf_text
    from protokol.rendering.documents import render_meeting

    if crawl.client.session.get("_auth_user_id"):
        return
    html = render_meeting(s["meeting"], edition="public", fmt="html").decode()
    crawl.check("edition:html", html)
    crawl.check("edition:pdf", _pdf_text(render_meeting(s["meeting"], edition="public", fmt="pdf")))


def _channels(crawl: Crawl, word: str, s: dict) -> set[str]:
    """Where a word was seen, by channel."""
    m, item = s["meeting"], s["item"]
    exact = {
        f"/meetings/{m.pk}/": "meeting page",
        f"/meetings/{m.pk}/items/{item.number}/": "item page",
        f"/cases/{s['case'].number}/": "case page",
        f"/meetings/{m.pk}/minutes.pdf": "minutes PDF",
        "/communication/feed/": "communication feed",
        "edition:html": "HTML edition",
        "edition:pdf": "PDF edition",
    }
    prefixes = {
        "/api/": "JSON API",
        "/oparl/v1/": "OParl",
        "search:": "search",
        "/search/": "search page",
        "cli:": "search CLI",
    }
    found = set()
    for url in crawl.found.get(word, ()):
        if url in exact:
            found.add(exact[url])
        found |= {name for prefix, name in prefixes.items() if url.startswith(prefix)}
    return found


def _headings(client: Client, s: dict) -> str:
    page = client.get(f"/meetings/{s['meeting'].pk}/").content.decode()
    return " ".join(HEADING.findall(page))


def test_a_decision_is_public_with_the_minutes_and_not_before(setting):
    from protokol.common.users import system_user
    from protokol.meetings import services

    s, by = setting, system_user()
    m, clients, words = s["meeting"], s["clients"], s["words"]
    outsiders = ("visitor", "other body's member")

    def report(crawl: Crawl) -> str:
        return f"{crawl.name} saw {sorted(crawl.found)} at {sorted(set().union(*crawl.found.values()))[:10]}"

    # The agenda is published and the decision typed: nobody but the secretariat reads it.
    for name in (*outsiders, "member"):
        crawl = _crawl(clients[name], name, s)
        assert not crawl.found, report(crawl)
    assert "Referat" not in _headings(clients["visitor"], s)
    cached = clients["visitor"].get(f"/meetings/{m.pk}/")  # the page is now in the visitors' cache
    assert cached.status_code == 200 and words[0] not in cached.content.decode()

    # Held: the body's members read the minutes to sign them; the public still reads the agenda. (The JSON
    # API reads a token, never the login cookie: to the logged-in member's crawl it answers as the public.)
    services.mark_held(m, by=by)
    member = _crawl(clients["member"], "member", s)
    assert {"meeting page", "item page", "minutes PDF", "search"} <= _channels(member, words[1], s)
    assert "Referat" in _headings(clients["member"], s)
    for name in outsiders:
        crawl = _crawl(clients[name], name, s)
        assert not crawl.found, report(crawl)
        assert "Referat" not in _headings(clients[name], s)
        assert clients[name].get(f"/meetings/{m.pk}/minutes.pdf").status_code == 404

    # Approved: frozen and with its checksum, still not public, and neither is the checksum.
    services.approve_minutes(m, by=by)
    m.refresh_from_db()
    for name in outsiders:
        crawl = _crawl(clients[name], name, s)
        assert not crawl.found, report(crawl)
        page = clients[name].get(f"/meetings/{m.pk}/").content.decode()
        assert m.minutes_hash not in page and m.public_minutes_hash not in page

    # Published: now the visitor finds the decision everywhere, the cached page included.
    services.publish_minutes(m, by=by)
    visitor = _crawl(clients["visitor"], "visitor", s)
    expected = {
        "meeting page",
        "item page",
        "case page",
        "minutes PDF",
        "communication feed",
        "JSON API",
        "OParl",
        "search",
        "search page",
        "search CLI",
        "HTML edition",
        "PDF edition",
    }
    assert _channels(visitor, words[1], s) >= expected, report(visitor)
    page = clients["visitor"].get(f"/meetings/{m.pk}/").content.decode()
    # The visitor's checksum is the public edition's, never the internal one.
    assert words[0] in page and m.public_minutes_hash in page and m.minutes_hash not in page
    assert "Referat" in _headings(clients["visitor"], s)
    # The agenda as it was sent stays published beside the minutes, without the decision.
    agenda = clients["visitor"].get(f"/meetings/{m.pk}/agenda.pdf")
    assert agenda.status_code == 200 and not s["canaries"].find(_pdf_text_of(agenda))


def _pdf_text_of(response) -> str:
    from protokol.leak_crawl import _body_text

    return _body_text(response)
