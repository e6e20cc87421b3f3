"""Must show: nothing of a closed item beyond its public fields (number, neutral title, reason, public decision
text) ever reaches someone outside the rules.

A demo municipality gets a unique canary word in every field of every closed item and every closed
attachment (sections, decisions, route, case number and title, document numbers, attachment titles, texts
and files, follow-ups, communication records, closed planned themes), written through the services.
Then the whole site is crawled as the public and as a member of another body: every link in every HTML
page, feed, calendar, OParl and API answer, every PDF (text extracted), every download, the search for
every canary word and its stems and prefixes (portal, search feed and `protokol search --json`), and
direct requests for the closed objects and error pages with the canary in the URL. No canary may show.
The same crawl as a member of Direktionen finds Direktionen's published canaries, and only those, so the
test can fail.
"""

from __future__ import annotations

import html
import json
import re
import time
from collections import deque
from datetime import date, timedelta
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PREFIX = "zkanarie"
CANARY_RE = re.compile(PREFIX + r"([a-z])([dp])([a-z]+)")
HOST = "http://testserver"
MAX_URLS = 2500  # per visitor; the demo's site has far fewer
BUDGET_S = 90  # per crawl; the whole test stays within a couple of minutes
SKIP_PREFIXES = ("/static/", "/i18n/", "/workspace/logout/", "/admin/logout/")
LINK_RE = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
ICAL_URL_RE = re.compile(r"^URL[^:]*:(\S+)", re.MULTILINE)


def _letters(n: int) -> str:
    out = ""
    n += 26  # at least two letters
    while n:
        n, r = divmod(n, 26)
        out = chr(ord("a") + r) + out
    return out


class Canaries:
    """Canary words, each naming its body, whether its meeting is published, and the field it sits in."""

    def __init__(self, bodies):
        self.codes = {b.pk: chr(ord("a") + i) for i, b in enumerate(sorted(bodies, key=lambda b: b.pk))}
        self.words: dict[str, tuple[int, bool, str]] = {}

    def word(self, meeting, field: str) -> str:
        from protokol.meetings.enums import PUBLISHED_STATUSES

        published = meeting.status in PUBLISHED_STATUSES
        word = f"{PREFIX}{self.codes[meeting.body_id]}{'p' if published else 'd'}{_letters(len(self.words))}"
        self.words[word] = (meeting.body_id, published, field)
        return word

    def field(self, word: str) -> str:
        return self.words.get(word, (None, None, "?"))[2]

    def find(self, text: str) -> set[str]:
        """The canary words in a text: the longest planted word at each occurrence of the prefix (text
        extracted from a PDF may run words together), else what follows the prefix."""
        found = set()
        lowered = text.lower()
        longest = max(map(len, self.words), default=0)
        for m in re.finditer(PREFIX, lowered):
            window = lowered[m.start() : m.start() + longest]
            known = [w for w in self.words if window.startswith(w)]
            if known:
                found.add(max(known, key=len))
            else:
                fragment = CANARY_RE.match(lowered, m.start())
                if fragment:
                    found.add(fragment.group(0))
        return found


def _plant(org) -> Canaries:
    """Canary words in every field of every closed item and closed attachment, through the services."""
    from protokol.cases import services as case_services
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.models import AgendaItem, Body, Meeting
    from protokol.planning import services as planning

    by = system_user()
    canaries = Canaries(Body.objects.filter(organization=org))
    meetings = list(Meeting.objects.filter(body__organization=org).order_by("date", "pk"))
    # Every meeting gets a closed item (the demo rolls dice), and an open item with a closed attachment.
    for meeting in meetings:
        if not meeting.items.filter(public=False).exists():
            services.add_item(meeting=meeting, title="Lukket punkt", public=False, by=by, reason="Test")
    for n, item in enumerate(AgendaItem.objects.filter(meeting__in=meetings).select_related("meeting")):
        meeting = item.meeting
        reason = "Test af lukkede punkter"

        def w(field: str, meeting=meeting) -> str:
            return canaries.word(meeting, field)

        if item.public:
            if item.case_id and not item.attachments.filter(public=False).exists():
                case_services.add_attachment(
                    item=item,
                    title=f"Lukket bilag {w('open-item.attachment.title')}",
                    public=False,
                    document_number=w("open-item.attachment.document_number"),
                    text=f"Fortroligt {w('open-item.attachment.text')} bilag",
                    content=f"Fortrolig fil {w('open-item.attachment.file')}".encode(),
                    file_name=f"{w('open-item.attachment.file_name')}.txt",
                    mime_type="text/plain",
                    by=by,
                    reason=reason,
                )
            continue
        case = case_services.get_or_create_case(
            organization=org,
            number=f"2026-{n:02d}-{w('case.number')}",
            title=f"Sagen om {w('case.title')}",
            journal_number="00.01.00",
            by=by,
        )
        services.update_item(
            item=item,
            title=f"{item.title} {w('item.title')}",  # the public reads the neutral public title instead
            case=case,
            document_number=w("item.document_number"),
            case_type=w("item.case_type"),
            reason=reason,
            by=by,
        )
        services.set_sections(
            item=item,
            sections=[
                ("Resume", f"Kort om {w('section.text')} her."),
                ("Sagsfremstilling", f"Lang tekst om {w('section.text')}ernes {w('section.text')} forhold."),
            ],
            by=by,
            reason=reason,
        )
        services.set_route(item=item, names=[meeting.body.name, w("route")], by=by, reason=reason)
        services.record_decision(item=item, text=f"Godkendt, {w('decision.text')}.", by=by, reason=reason)
        services.record_decision(
            item=item,
            text=f"Anbefales {w('decision.quoted')}.",
            body_name=w("decision.body_name"),
            date=meeting.date - timedelta(days=7),
            by=by,
            reason=reason,
        )
        for public in (True, False):  # an item's attachments are as closed as the item
            case_services.add_attachment(
                item=item,
                title=f"Bilag om {w('attachment.title')}",
                public=public,
                document_number=w("attachment.document_number"),
                text=f"Bilagets tekst {w('attachment.text')}",
                content=f"Filens indhold {w('attachment.file')}".encode(),
                file_name=f"{w('attachment.file_name')}.txt",
                mime_type="text/plain",
                by=by,
                reason=reason,
            )
        planning.create_follow_up(
            item=item,
            what=f"Følg op på {w('follow_up.what')}",
            responsible_name=w("follow_up.responsible"),
            due=meeting.date + timedelta(days=30),
            by=by,
        )
        planning.record_communication(
            item=item,
            audiences=["organisation", "managers"],  # "public" is refused for a closed item
            channels=["website", "intranet"],
            responsible_name=w("communication.responsible"),
            date=meeting.date + timedelta(days=1),
            message=f"Besked om {w('communication.message')}",
            done=True,
            by=by,
        )
    today = timezone.localdate()
    for body in Body.objects.filter(organization=org):
        meeting = Meeting(body=body, status="draft")  # only for the canary's body code
        planning.plan_theme(
            body=body,
            title=f"Lukket emne {canaries.word(meeting, 'theme.title')}",
            description=canaries.word(meeting, "theme.description"),
            month=date(today.year + 1, 2, 1),
            public=False,
            by=by,
        )
    return canaries


@pytest.fixture
def municipality(db):
    from protokol.meetings import demo
    from protokol.meetings.models import Organization
    from protokol.planning import demo as planning_demo

    demo.generate(meetings=8, seed=7)
    planning_demo.generate(seed=7)
    org = Organization.objects.get(name=demo.ORGANIZATION)
    return org, _plant(org)


# The crawl ----------------------------------------------------------------------------------------


def _body_text(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf") or raw.startswith(b"%PDF-"):
        return raw.decode("latin-1") + "\n" + _pdf_text(raw)
    return raw.decode("utf-8", errors="replace")


def _pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return ""
    try:
        parts = []
        for page in pdf:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\n".join(parts)
    # A long word may be hyphenated across lines; join it back.
    return text + "\n" + re.sub(r"[-\u00ad]\s*\n\s*|\s+", "", text)


def _local(url: str, base: str) -> str | None:
    url = html.unescape(url.strip())
    if url.startswith(("mailto:", "tel:", "javascript:", "data:", "#", "webcal:")):
        if url.startswith("webcal:"):
            url = "http:" + url[len("webcal:") :]
        else:
            return None
    absolute = urljoin(HOST + base, url)
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}" != HOST:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIP_PREFIXES):
        return None
    return path


def _links(url: str, kind: str, text: str) -> set[str]:
    found: set[str] = set()
    candidates: list[str] = []
    if "json" in kind:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        stack = [data]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and (value.startswith(HOST) or value.startswith("/")):
                candidates.append(value)
    elif "calendar" in kind:
        candidates += ICAL_URL_RE.findall(text.replace("\r\n ", ""))
    elif "html" in kind or "xml" in kind:
        candidates += LINK_RE.findall(text)
    for candidate in candidates:
        local = _local(candidate, url)
        if local:
            found.add(local)
    return found


class Crawl:
    """Every page reachable from the start URLs, and every canary word seen, with where."""

    def __init__(self, client: Client, name: str, canaries: Canaries):
        self.client, self.name, self.canaries = client, name, canaries
        self.seen: dict[str, int] = {}
        self.found: dict[str, set[str]] = {}
        self.queue: deque[str] = deque()

    def check(self, url: str, text: str, *, echo: str = "") -> None:
        # What the visitor typed, shown back to them, is not a leak (the search compares with a control).
        for word in self.canaries.find(text) - self.canaries.find(echo):
            self.found.setdefault(word, set()).add(url)

    def get(self, url: str, *, echo: str = ""):
        response = self.client.get(url)
        self.seen[url] = response.status_code
        text = _body_text(response)
        self.check(url, text, echo=echo)
        for name in ("Location", "Content-Disposition", "Link", "X-Search-Count"):
            if name in response:
                self.check(url + f" [{name}]", response[name], echo=echo)
        return response, text

    def run(self, starts: list[str]) -> None:
        deadline = time.monotonic() + BUDGET_S
        self.queue.extend(starts)
        while self.queue:
            url = self.queue.popleft()
            if url in self.seen:
                continue
            assert len(self.seen) < MAX_URLS, f"{self.name}: the crawl passed {MAX_URLS} URLs"
            assert time.monotonic() < deadline, f"{self.name}: the crawl took over {BUDGET_S} s"
            response, text = self.get(url)
            if response.status_code in (301, 302, 303, 307, 308):
                local = _local(response["Location"], url)
                if local:
                    self.queue.append(local)
                continue
            if response.status_code != 200:
                continue
            for link in _links(url, response.get("Content-Type", ""), text):
                if link not in self.seen:
                    self.queue.append(link)


def _searches(crawl: Crawl, canaries: Canaries) -> None:
    """Every canary, its stems and prefixes, in the search and its facets; a sample also through the
    portal's search page, the search feed and `protokol search --json`."""
    from django.contrib.auth import get_user_model
    from typer.testing import CliRunner

    from protokol.cli import app
    from protokol.search.query import search as run_search

    user_id = crawl.client.session.get("_auth_user_id")
    user = get_user_model().objects.get(pk=user_id) if user_id else None
    outsider = crawl.name != "member"
    prefixes = [PREFIX + "*"] + [f"{PREFIX}{c}*" for c in canaries.codes.values()]
    queries = list(prefixes)
    for word in canaries.words:
        queries += [word, word + "erne", word[:-1] + "*"]
    queries += [f'"om {word}"' for word in list(canaries.words)[::5]]
    for q in queries:
        page = run_search(q, user=user)
        if outsider:
            assert page.count == 0 and not page.hits, f"{crawl.name}: search {q!r} finds {page.count}"
            assert not any(page.facets.values()), f"{crawl.name}: facets for {q!r}: {page.facets}"
        crawl.check(f"search:{q}", " ".join(f"{h.title} {h.snippet}" for h in page.hits))
    # Through the web: what comes back may echo the query, exactly as often as for a word never planted.
    sample = prefixes + queries[len(prefixes) :: 23]
    for q in sample:
        words = set(CANARY_RE.findall(q))
        control = CANARY_RE.sub(lambda m: PREFIX + "x" + m.group(2) + m.group(3), q)
        for template in ("/search/?q={}", "/search/?q={}&sort=date", "/search/feed/?q={}"):
            _response, text = crawl.get(template.format(quote(q)), echo=q)
            control_text = _body_text(crawl.client.get(template.format(quote(control))))
            for found in canaries.find(text):
                if words and outsider:
                    twin = PREFIX + "x" + found[len(PREFIX) + 1 :]
                    assert text.lower().count(found) == control_text.lower().count(twin), (
                        f"{crawl.name}: {template.format(q)} shows {found} beyond echoing the query"
                    )
    # The command line searches as the public, whoever runs it.
    runner = CliRunner()
    for q in prefixes + queries[len(prefixes) :: 41]:
        result = runner.invoke(app, ["search", q, "--json", "--limit", "50"])
        assert result.exit_code == 0, result.output
        payload = json.loads(result.output)
        assert payload["count"] == 0, f"protokol search {q!r}: {payload['count']} results"
        assert not any(payload["facets"].values()), f"protokol search {q!r}: facets {payload['facets']}"
        crawl.check(f"cli:{q}", json.dumps(payload["hits"]))


def _direct(crawl: Crawl, org, canaries: Canaries) -> None:
    """Ask for every closed object by id and by number, and for error pages with the canary in the URL."""
    from protokol.cases.models import Attachment, Case
    from protokol.meetings.models import AgendaItem, Meeting
    from protokol.planning.models import FollowUp

    closed = list(AgendaItem.objects.filter(meeting__body__organization=org, public=False))
    urls = set()
    for m in Meeting.objects.filter(body__organization=org):
        urls |= {
            f"/meetings/{m.pk}/",
            f"/meetings/{m.pk}/agenda.pdf",
            f"/meetings/{m.pk}/minutes.pdf",
            f"/api/meetings/{m.pk}",
            f"/oparl/v1/meeting/{m.pk}",
            f"/workspace/meetings/{m.pk}/",
            f"/workspace/meetings/{m.pk}/minutes/",
            f"/workspace/meetings/{m.pk}/communication/",
            f"/workspace/meetings/{m.pk}/communication.txt",
            f"/workspace/meetings/{m.pk}/log/",
        }
    for i in closed:
        urls |= {
            f"/meetings/{i.meeting_id}/items/{i.number}/",
            f"/api/items/{i.pk}",
            f"/oparl/v1/agendaItem/{i.pk}",
            f"/workspace/meetings/{i.meeting_id}/items/{i.pk}/",
            f"/workspace/meetings/{i.meeting_id}/items/{i.pk}/follow-ups/",
        }
    for c in Case.objects.filter(items__in=closed).distinct():
        urls |= {f"/cases/{c.number}/", f"/api/cases/{c.pk}", f"/oparl/v1/paper/{c.pk}"}
        urls.add(f"/api/cases?number={quote(c.number)}")
    for a in Attachment.objects.filter(
        item__meeting__body__organization=org, public=False
    ) | Attachment.objects.filter(item__in=closed):
        urls |= {
            f"/api/attachments/{a.pk}",
            f"/api/attachments/{a.pk}/download",
            f"/oparl/v1/file/{a.pk}",
            f"/oparl/v1/file/{a.pk}/access",
            f"/oparl/v1/file/{a.pk}/download",
            f"/workspace/attachments/{a.pk}/",
        }
    for f in FollowUp.objects.filter(item__in=closed):
        urls.add(f"/workspace/follow-ups/{f.pk}/close/")
    for url in sorted(urls):
        crawl.get(
            url, echo=url.split("?")[0].rsplit("/cases/", 1)[-1].rstrip("/") if "/cases/" in url else ""
        )
    # Error pages, with a canary in the URL: they may echo the URL, nothing else.
    for word in list(canaries.words)[::7]:
        for url in (
            f"/{word}/",
            f"/cases/{word}/",
            f"/meetings/999999/items/1/?{word}",
            f"/oparl/v1/{word}",
            f"/api/{word}",
            f"/bodies/{word}/",
            f"/workspace/{word}/",
        ):
            response, _text = crawl.get(url, echo=word)
            assert response.status_code in (302, 404), f"{url}: {response.status_code}"


def _crawl(client: Client, name: str, org, canaries: Canaries) -> Crawl:
    from protokol.meetings.models import Body

    crawl = Crawl(client, name, canaries)
    starts = ["/", "/workspace/", "/oparl/v1/system", "/api/openapi.json", "/api/bodies", "/calendar.ics"]
    starts += ["/api/meetings?limit=200", "/api/cases?limit=200", "/communication/feed/", "/sitemap.xml"]
    starts += ["/robots.txt", "/workspace/follow-ups/"]
    for body in Body.objects.filter(organization=org):
        starts += [f"/bodies/{body.slug}/", f"/bodies/{body.slug}/feed/", f"/bodies/{body.slug}/plan.ics"]
        starts += [f"/bodies/{body.slug}/plan/", f"/workspace/bodies/{body.slug}/plan/"]
    t0 = time.monotonic()
    crawl.run(starts)
    t1 = time.monotonic()
    _searches(crawl, canaries)
    t2 = time.monotonic()
    _direct(crawl, org, canaries)
    crawl.run([])
    print(
        f"{name}: {len(crawl.seen)} URLs; crawl {t1 - t0:.1f} s, search {t2 - t1:.1f} s, direct {time.monotonic() - t2:.1f} s"
    )
    return crawl


def _report(crawl: Crawl, canaries: Canaries, words) -> str:
    lines = [f"{w} ({canaries.field(w)}) at {sorted(crawl.found[w])[:3]}" for w in sorted(words)[:20]]
    return f"{crawl.name} saw {len(words)} canaries:\n" + "\n".join(lines)


def test_no_closed_content_reaches_the_public_or_another_bodys_member(municipality, monkeypatch):
    import protokol.cli
    from protokol.meetings import services
    from protokol.meetings.tests import factories

    # Django is set up already; setting it up again from the CLI would point logging at the runner's stream.
    monkeypatch.setattr(protokol.cli, "_django", lambda: None)
    org, canaries = municipality
    assert len(canaries.words) > 100
    started = time.monotonic()

    anonymous = _crawl(Client(), "anonymous", org, canaries)
    assert not anonymous.found, _report(anonymous, canaries, anonymous.found)
    assert len(anonymous.seen) > 150, f"the public crawl reached only {len(anonymous.seen)} URLs"
    assert any(u.startswith("/oparl/v1/") for u in anonymous.seen)
    assert any(u.endswith(".pdf") and s == 200 for u, s in anonymous.seen.items())

    outsider = Client()
    other_body = services.create_body(organization=org, name="Kontroludvalget", by=factories.system_user())
    outsider.force_login(factories.member(other_body))
    other = _crawl(outsider, "other body's member", org, canaries)
    assert not other.found, _report(other, canaries, other.found)

    # The control: the same crawl as a member of Direktionen finds its published canaries, only those.
    from protokol.meetings.models import Body

    direktionen = Body.objects.get(organization=org, slug="direktionen")
    insider = Client()
    insider.force_login(factories.member(direktionen))
    member = _crawl(insider, "member", org, canaries)
    own = {
        w for w, (body_id, published, _f) in canaries.words.items() if body_id == direktionen.pk and published
    }
    wrong = set(member.found) - own
    assert not wrong, _report(member, canaries, wrong)
    fields = {canaries.field(w) for w in member.found}
    for field in ("section.text", "decision.text", "item.document_number", "case.title", "attachment.text"):
        assert field in fields, f"the member never saw {field}; seen: {sorted(fields)}"
    assert any(canaries.field(w) == "attachment.file" for w in member.found), "no closed file downloaded"
    assert time.monotonic() - started < 240
