"""Reading offline: what a reader's tablet keeps is their bodies' sent agendas, with the items and the
attachments they may read, and nothing more; an ended membership drops it; logging out clears it."""

import os
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from protokol.meetings.models import BodyMembership
from protokol.notes.tests.scene import scene
from protokol.workspace.offline_views import offline_urls
from protokol.workspace.tests.conftest import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _urls(s):
    m = s.meeting
    return {
        "meeting": f"/workspace/meetings/{m.pk}/",
        "open": f"/workspace/meetings/{m.pk}/items/{s.open_item.pk}/",
        "closed": f"/workspace/meetings/{m.pk}/items/{s.closed_item.pk}/",
        "open_file": f"/workspace/attachments/{s.open_attachment.pk}/",
        "closed_file": f"/workspace/attachments/{s.closed_attachment.pk}/",
    }


@pytest.mark.django_db
def test_the_offline_list_is_the_readers_bodies_sent_agendas_only(system):
    from protokol.meetings.tests import factories

    s = scene()
    urls = _urls(s)
    assert set(urls.values()) <= set(offline_urls(s.author))
    draft = factories.meeting(s.body, day=timezone.localdate() + timedelta(days=30))
    assert f"/workspace/meetings/{draft.pk}/" not in offline_urls(s.author)  # not sent
    assert f"/workspace/meetings/{draft.pk}/" not in offline_urls(s.secretary)  # a draft is not an agenda yet
    outsider = factories.member(factories.body("Kulturudvalget", org=s.body.organization))
    assert not set(urls.values()) & set(offline_urls(outsider))  # another body's agenda is not theirs to keep
    # The membership ends: the next sync keeps nothing of the body.
    BodyMembership.objects.filter(user=s.author).delete()
    assert not set(urls.values()) & set(offline_urls(s.author))
    response = Client()
    response.force_login(s.author)
    assert set(response.get("/workspace/offline/list.json").json()["urls"]).isdisjoint(urls.values())


@pytest.mark.browser
def test_the_agenda_opens_with_the_network_switched_off_and_logout_clears_it(
    live_server, browser, transactional_db, system
):
    s = scene()
    urls = _urls(s)
    url = live_server.url
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/workspace/login/")
    page.get_by_label("Brugernavn").fill(s.author.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Arbejdsrum", level=1).wait_for()
    page.wait_for_function("() => Number(document.documentElement.dataset.offlineKept || 0) > 0")
    kept = page.evaluate(
        "() => caches.open('protokol-offline').then(c => c.keys()).then(ks => ks.map(r => new URL(r.url).pathname))"
    )
    assert set(urls.values()) <= set(kept)

    context.set_offline(True)
    page.goto(f"{url}{urls['closed']}")
    assert "Salg af grund" in page.locator("h1").inner_text()  # the closed item, read offline
    page.goto(f"{url}/workspace/follow-ups/")  # a page not kept: says so instead of the browser's error
    page.get_by_role("heading", name="Ingen forbindelse").wait_for()
    context.set_offline(False)

    page.goto(f"{url}/workspace/")  # starts a sync, which may still be running at the logout
    page.get_by_role("button", name="Log ud").click()
    page.get_by_label("Brugernavn").wait_for()
    # Clear-Site-Data, then the login page's clear, which also stops that sync from writing again: the
    # cache is gone, and stays gone once the sync has ended (it clears again at its end).
    page.wait_for_function("() => caches.keys().then(keys => keys.length === 0)")
    page.wait_for_timeout(1500)  # longer than the sync of this reader's few pages takes
    assert page.evaluate("() => caches.keys()") == []
    context.close()
