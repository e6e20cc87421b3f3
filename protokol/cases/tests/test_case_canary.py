"""Must show: after another body's secretariat has tried every way to reach or change a closed case (by
number, by title, by linking its own public item, by editing cases through the API and the item form),
the leak crawl of test_canary finds nothing as the public or as a member of another body, the attacks'
own answers tell nothing, and every approved minutes still read as approved.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from protokol.common.tests.test_canary import municipality  # noqa: F401 (a fixture)
from protokol.leak_crawl import crawl_site, leak_report

pytestmark = pytest.mark.django_db


def _attacks(org):
    """The attacker, and (what, answer, what the attacker typed) for every attempt they made."""
    from protokol.api.tokens import create_token
    from protokol.cases.models import Case
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.enums import Role
    from protokol.meetings.tests import factories

    by = system_user()
    body = services.create_body(organization=org, name="Revisionsudvalget", by=by)
    attacker = factories.member(body, role=Role.SECRETARIAT)
    _token, secret = create_token(name="Revision", body=body, by=by)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}", "content_type": "application/json"}
    closed = list(Case.objects.filter(organization=org, items__public=False).distinct())
    shared = list(Case.objects.filter(organization=org, items__public=True).distinct())
    meeting = services.create_meeting(body=body, date=org.bodies.first().meetings.first().date, by=attacker)

    def own_item(title: str):
        return services.add_item(meeting=meeting, title=title, by=attacker)

    # A public item of its own for every attempt, so that a link that went through stays for the crawl.
    by_web = {case.pk: own_item(f"Revisionens punkt {n}") for n, case in enumerate(closed)}
    by_api = {case.pk: own_item(f"Revisionens API-punkt {n}") for n, case in enumerate(closed)}
    for_shared = own_item("Revisionens fælles sag")
    services.publish_agenda(meeting, by=attacker)
    api, web = Client(), Client()
    web.force_login(attacker)
    answers = []

    def post_form(item, **fields):
        item.refresh_from_db()  # each post as if from a fresh page, so no version conflict stops it
        data = {"title": item.title, "public": "1", "version": item.version} | fields
        return web.post(reverse("workspace:item", args=[meeting.pk, item.pk]), data, follow=True)

    def forget(item, title: str) -> None:
        # A title typed as a number makes a new case of the attacker's own, in the attacker's own words:
        # it goes again, so that neither the next answer nor the crawl takes the attacker's typing for a leak.
        item.refresh_from_db()
        if item.case_id and item.case.number == title:
            services.update_item(item=item, case=None, by=attacker)
        Case.objects.filter(organization=org, number=title, items__isnull=True).delete()

    for case in closed:
        item = by_web[case.pk]
        for typed in (case.title, case.number):
            answers.append(("workspace link", post_form(item, case_number=typed), typed))
            forget(item, case.title)
        body_ = {"number": case.number, "title": "Gæt", "journal_number": "01.00.00"}
        answers.append(("POST /api/cases", api.post("/api/cases", body_, **auth), case.number))
        edit = {"title": "Offentlig nu", "journal_number": "01.00.00"}
        answers.append(("PATCH /api/cases", api.patch(f"/api/cases/{case.pk}", edit, **auth), ""))
        link = {"case_number": case.number}
        url = f"/api/items/{by_api[case.pk].pk}"
        answers.append(("PATCH /api/items", api.patch(url, link, **auth), case.number))
    for case in shared:  # cases on other bodies' public items, some in approved minutes
        edit = {"journal_number": "99.99.99", "title": "Kapret"}
        answers.append(("PATCH shared case", api.patch(f"/api/cases/{case.pk}", edit, **auth), ""))
        answers.append(
            ("workspace KLE", post_form(for_shared, case_number=case.number, case_kle="99.99.99"), "")
        )
    return attacker, [(what, r.content.decode("utf-8", "replace"), typed) for what, r, typed in answers]


def test_case_edits_and_relinking_leak_nothing_and_change_no_approved_minutes(municipality, monkeypatch):  # noqa: F811
    import protokol.cli
    from protokol.meetings import services
    from protokol.meetings.models import Meeting
    from protokol.meetings.tests import factories

    monkeypatch.setattr(protokol.cli, "_django", lambda: None)
    org, canaries = municipality
    frozen = [m for m in Meeting.objects.filter(body__organization=org) if m.is_frozen]
    assert frozen and all(services.minutes_match(m) for m in frozen)
    printed = {m.pk: json.dumps(services.minutes_digest(m)) for m in frozen}

    attacker, answers = _attacks(org)
    told = {(what, w) for what, text, typed in answers for w in canaries.find(text) - canaries.find(typed)}
    assert not told, f"the attacks' answers told {sorted((w, canaries.field(w), x) for x, w in told)[:10]}"
    for m in Meeting.objects.filter(pk__in=printed):
        assert services.minutes_match(m), f"{m}: approved minutes changed by a case edit"
        assert json.dumps(services.minutes_digest(m)) == printed[m.pk]

    anonymous = crawl_site(Client(), "anonymous", org, canaries)
    assert not anonymous.found, leak_report(anonymous, canaries, anonymous.found)
    other_body = services.create_body(organization=org, name="Kontroludvalget", by=factories.system_user())
    outsider = Client()
    outsider.force_login(factories.member(other_body))
    other = crawl_site(outsider, "other body's member", org, canaries)
    assert not other.found, leak_report(other, canaries, other.found)
    # The attacking secretariat itself, logged in, sees nothing of the closed cases either.
    secretariat = Client()
    secretariat.force_login(attacker)
    own = crawl_site(secretariat, "another body's secretariat", org, canaries)
    assert not own.found, leak_report(own, canaries, own.found)
