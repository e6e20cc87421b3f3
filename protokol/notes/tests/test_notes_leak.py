"""The leak crawl, as a visitor, as another member of the body and as its secretariat, never finds a word
written in a private note; the author reads it where the note belongs."""

import pytest
from django.test import Client

from protokol.leak_crawl import Canaries, crawl_site, leak_report
from protokol.notes import services
from protokol.notes.tests.scene import scene

pytestmark = pytest.mark.django_db


def test_the_leak_crawl_never_finds_a_canary_written_in_a_private_note(system):
    from protokol.search import outbox

    s = scene()
    canaries = Canaries([s.body])
    words = set()

    def word(field: str) -> str:
        w = canaries.word(s.meeting, field)
        words.add(w)
        return w

    services.write_note(item=s.closed_item, text=f"Køber er {word('note')}.", by=s.author)
    services.write_note(
        item=s.open_item, text=f"Spørg om {word('note')}.", share_with_party=True, by=s.author
    )
    services.write_note(
        item=s.open_item, attachment=s.open_attachment, page=2, text=f"Side to: {word('note')}", by=s.author
    )
    services.write_note(
        item=s.closed_item, attachment=s.closed_attachment, page=1, text=f"Pris {word('note')}", by=s.author
    )
    outbox.drain()

    author = Client()
    author.force_login(s.author)
    seen = author.get(f"/workspace/meetings/{s.meeting.pk}/items/{s.closed_item.pk}/").content.decode()
    assert canaries.find(seen) & words  # the crawl looks for words that are really there

    org = s.body.organization
    for name, user in (("visitor", None), ("member of another party", s.rival), ("secretariat", s.secretary)):
        client = Client()
        if user is not None:
            client.force_login(user)
        crawl = crawl_site(client, name, org, canaries)
        leaked = set(crawl.found) & words
        assert not leaked, leak_report(crawl, canaries, leaked)
        assert len(crawl.seen) > 20  # it did walk the site
