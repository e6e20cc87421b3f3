"""The leak crawl: canary words planted in closed content, looked for on every page, feed, API answer, PDF,
download and search a visitor can reach. Test support that drives the whole site, so it sits above every
part (docs/ARCHITECTURE.md), beside the urls and the command line."""

from __future__ import annotations

import html
import json
import re
import time
from collections import deque
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlsplit

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from django.http.response import HttpResponseBase
    from django.test import Client

    from protokol.meetings.models import Body, Meeting, Organization

# The leak crawl -----------------------------------------------------------------------------------

PREFIX = "zkanarie"
CANARY_RE = re.compile(PREFIX + r"([a-z])([dp])([a-z]+)")
HOST = "http://testserver"
MAX_URLS = 2500  # per visitor; the demo's site has far fewer
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

    def __init__(self, bodies: Iterable[Body]) -> None:
        self.codes = {b.pk: chr(ord("a") + i) for i, b in enumerate(sorted(bodies, key=lambda b: b.pk))}
        self.words: dict[str, tuple[int, bool, str]] = {}

    def word(self, meeting: Meeting, field: str) -> str:
        published = meeting.agenda_sent
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


def _body_text(response: HttpResponseBase) -> str:
    raw = response.getvalue()  # a streamed answer (a file) joined, as the browser would read it
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

    def get(self, url: str, *, echo: str = "") -> tuple[HttpResponseBase, str]:
        response = self.client.get(url)
        self.seen[url] = response.status_code
        text = _body_text(response)
        self.check(url, text, echo=echo)
        for name in ("Location", "Content-Disposition", "Link", "X-Search-Count"):
            if name in response:
                self.check(url + f" [{name}]", response[name], echo=echo)
        return response, text

    def run(self, starts: list[str]) -> None:
        # Bounded by the number of URLs, not by the clock: a loaded machine is slower, not leakier.
        self.queue.extend(starts)
        while self.queue:
            url = self.queue.popleft()
            if url in self.seen:
                continue
            assert len(self.seen) < MAX_URLS, f"{self.name}: the crawl passed {MAX_URLS} URLs"
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


def _direct(crawl: Crawl, org: Organization, canaries: Canaries) -> None:
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


def crawl_site(client: Client, name: str, org: Organization, canaries: Canaries) -> Crawl:
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


def leak_report(crawl: Crawl, canaries: Canaries, words: Collection[str]) -> str:
    lines = [f"{w} ({canaries.field(w)}) at {sorted(crawl.found[w])[:3]}" for w in sorted(words)[:20]]
    return f"{crawl.name} saw {len(words)} canaries:\n" + "\n".join(lines)
