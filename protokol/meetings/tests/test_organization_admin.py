"""An organisation's administrator: secretariat of its bodies and the admin for its objects, and nothing of
another organisation's, though both have a body of the same name."""

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from protokol.cases import services as case_services
from protokol.common.models import AuditEntry
from protokol.common.users import system_user
from protokol.meetings import queries, rules, services
from protokol.meetings.admin_tenant import TenantScopedAdmin
from protokol.meetings.enums import Role
from protokol.meetings.models import Body, Meeting, Organization, OrganizationAdministrator
from protokol.meetings.services.bodies import (
    ORGANIZATION_ADMINISTRATORS_GROUP,
    organization_administrators_group,
)
from protokol.meetings.tests import factories
from protokol.people.tests import factories as people_factories

pytestmark = pytest.mark.django_db

# Every string of organisation B's objects carries this word: no page an administrator of A sees may.
B_MARK = "Betamark"


class Tenants:
    def __init__(self) -> None:
        by = system_user()
        self.org_a = factories.organization("Alfamark Kommune")
        self.org_b = factories.organization(f"{B_MARK} Kommune")
        # The same body name in both; the slugs differ (unique per installation until they are per tenant).
        self.body_a = services.create_body(
            organization=self.org_a, name="Økonomiudvalget", slug="oeu-a", by=by
        )
        self.body_b = services.create_body(
            organization=self.org_b, name="Økonomiudvalget", slug="oeu-b", by=by
        )
        self.case_a = case_services.resolve_case(
            organization=self.org_a, number="26/0001", title="Alfamark vejsag", by=by
        )
        self.case_b = case_services.resolve_case(
            organization=self.org_b, number="26/0002", title=f"{B_MARK} vejsag", by=by
        )
        self.meeting_a = factories.meeting(self.body_a, location="Alfamark rådhus")
        self.meeting_b = factories.meeting(self.body_b, location=f"{B_MARK} rådhus")
        self.closed_a = factories.item(self.meeting_a, "Zebraalfa grundsalg", public=False, case=self.case_a)
        self.closed_b = factories.item(self.meeting_b, f"Zebrabeta grundsalg {B_MARK}", public=False)
        self.closed_b.public_title = f"{B_MARK} lukket punkt"
        self.closed_b.save(update_fields=["public_title"])
        self.person_a = people_factories.person(self.org_a, "Alfamark Person")
        self.person_b = people_factories.person(self.org_b, f"{B_MARK} Person", letter="B")
        self.admin_a = factories.user("admin-a")
        services.grant_organization_administrator(user=self.admin_a, organization=self.org_a, by=by)
        self.admin_a.refresh_from_db()

    def client(self) -> Client:
        client = Client()
        client.force_login(self.admin_a)
        return client


@pytest.fixture
def tenants(system) -> Tenants:
    return Tenants()


# Granting and the rules ------------------------------------------------------------------------------


def test_granting_makes_staff_in_the_group_and_is_audited_and_revoking_undoes_it(tenants):
    t = tenants
    assert t.admin_a.is_staff and not t.admin_a.is_superuser
    assert t.admin_a.groups.filter(name=ORGANIZATION_ADMINISTRATORS_GROUP).exists()
    assert t.admin_a.has_perm("meetings.change_meeting") and not t.admin_a.has_perm("auth.change_user")
    grant = AuditEntry.objects.get(action="organization_admin.grant")
    assert grant.after == {"user": "admin-a", "organization": "Alfamark Kommune"}

    services.revoke_organization_administrator(user=t.admin_a, organization=t.org_a, by=system_user())
    assert not OrganizationAdministrator.objects.filter(user=t.admin_a).exists()
    assert not t.admin_a.groups.filter(name=ORGANIZATION_ADMINISTRATORS_GROUP).exists()
    assert AuditEntry.objects.filter(action="organization_admin.revoke").count() == 1
    assert not rules.is_secretariat(t.admin_a, t.body_a)


def test_only_a_superuser_grants(tenants):
    t = tenants
    with pytest.raises(rules.Forbidden):
        services.grant_organization_administrator(user=factories.user(), organization=t.org_a, by=t.admin_a)
    with pytest.raises(rules.Forbidden):
        services.revoke_organization_administrator(user=t.admin_a, organization=t.org_a, by=t.admin_a)


def test_an_organisation_administrator_is_secretariat_of_its_bodies_only(tenants):
    t = tenants
    assert rules.is_secretariat(t.admin_a, t.body_a) and rules.can_edit(t.admin_a, t.body_a)
    assert not rules.is_secretariat(t.admin_a, t.body_b) and not rules.can_see_drafts(t.admin_a, t.body_b)
    assert rules.body_ids_with_role(t.admin_a, Role.SECRETARIAT) == {t.body_a.pk}
    assert rules.body_ids_with_role(t.admin_a, Role.MEMBER) == set()
    assert not rules.is_admin(t.admin_a)
    scope = queries.search_scope(t.admin_a)
    assert not scope.everything and scope.restricted_all_body_ids == frozenset({t.body_a.pk})


def test_search_finds_the_own_organisations_closed_content_only(tenants):
    from protokol.search import outbox
    from protokol.search.query import search

    t = tenants
    outbox.drain()
    assert search("zebrabeta", user=system_user()).count == 1  # it is in the index
    assert search("zebraalfa", user=t.admin_a).count == 1
    found = search("zebrabeta", user=t.admin_a)
    assert found.count == 0 and not found.hits and not any(found.facets.values())
    assert search("zebraalfa", user=None).count == 0  # closed: not the public's


# The workspace -------------------------------------------------------------------------------------------


def test_the_workspace_offers_the_own_bodies_and_refuses_the_others(tenants):
    t = tenants
    client = t.client()
    home = client.get(reverse("workspace:home")).content.decode()
    assert 'id="h-oeu-a"' in home and reverse("workspace:meeting", args=[t.meeting_a.pk]) in home
    assert "oeu-b" not in home and reverse("workspace:meeting", args=[t.meeting_b.pk]) not in home
    own = client.get(reverse("workspace:meeting", args=[t.meeting_a.pk]))
    assert own.status_code == 200 and "Zebraalfa" in own.content.decode()
    assert client.get(reverse("workspace:item", args=[t.meeting_a.pk, t.closed_a.pk])).status_code == 200
    assert client.get(reverse("workspace:plan", args=[t.body_a.slug])).status_code == 200
    assert client.get(reverse("workspace:members", args=[t.body_a.slug])).status_code == 200
    for url in (
        reverse("workspace:meeting", args=[t.meeting_b.pk]),
        reverse("workspace:item", args=[t.meeting_b.pk, t.closed_b.pk]),
        reverse("workspace:plan", args=[t.body_b.slug]),
        reverse("workspace:members", args=[t.body_b.slug]),
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert B_MARK not in response.content.decode()
    edit = client.post(reverse("workspace:edit_meeting", args=[t.meeting_b.pk]), {"location": "Indtrængt"})
    assert edit.status_code in (403, 404)
    assert Meeting.objects.get(pk=t.meeting_b.pk).location == f"{B_MARK} rådhus"
    response = client.post(
        reverse("workspace:create_meeting", args=[t.body_b.slug]),
        {"date": "2026-12-10", "start_time": "10:00"},
    )
    assert response.status_code in (302, 403, 404)
    assert not Meeting.objects.filter(body=t.body_b).exclude(pk=t.meeting_b.pk).exists()


def test_on_the_shared_host_a_slug_two_organisations_share_leads_each_administrator_to_their_own(system):
    """Without a tenant (one host for several organisations), "okonomiudvalget" is A's body for A's
    administrator and B's for B's; neither is led to the other's (which they would be refused)."""
    a, b = factories.organization("Aby Kommune"), factories.organization("Bby Kommune")
    body_a = services.create_body(organization=a, name="Økonomiudvalget", slug="okonomiudvalget", by=system)
    body_b = services.create_body(organization=b, name="Økonomiudvalget", slug="okonomiudvalget", by=system)
    admins = {}
    for org, name in ((a, "admin-aby"), (b, "admin-bby")):
        admins[org.pk] = factories.user(name)
        services.grant_organization_administrator(user=admins[org.pk], organization=org, by=system)
    for org, body in ((a, body_a), (b, body_b)):
        client = Client()
        client.force_login(admins[org.pk])
        page = client.get(reverse("workspace:members", args=["okonomiudvalget"]))
        assert page.status_code == 200, org
        assert page.context["body"] == body
    # Someone with no role in either gets the body that had the slug first, and the rules decide.
    assert queries.body_by_slug(Body.objects.all(), "okonomiudvalget", user=factories.user()) == body_a


# The admin -----------------------------------------------------------------------------------------------


def test_every_registered_admin_is_scoped_by_organisation():
    unscoped = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, TenantScopedAdmin)
    ]
    # Others' admins (second factor devices, the task queue) are the operator's: the administrators'
    # group has no permission on them, so an organisation's administrator is refused there.
    assert [label for label in unscoped if label.split(".")[0] in PROTOKOL_APPS] == []
    group = organization_administrators_group()
    granted = {p.content_type.app_label for p in group.permissions.select_related("content_type")}
    assert not granted & {label.split(".")[0] for label in unscoped}


PROTOKOL_APPS = {"meetings", "cases", "people", "planning", "notes", "notifications", "api", "common", "auth"}


def _changelists() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def test_every_changelist_shows_the_own_organisations_rows_only(tenants):
    client = tenants.client()
    shown = 0
    for url in _changelists():
        response = client.get(url)
        assert response.status_code in (200, 403), url
        text = response.content.decode()
        assert B_MARK not in text, url
        shown += response.status_code == 200
    assert shown >= 15  # the permissions of the group let them in to most lists
    bodies = client.get(reverse("admin:meetings_body_changelist"))
    assert list(bodies.context["cl"].queryset) == [tenants.body_a]
    meetings = client.get(reverse("admin:meetings_meeting_changelist"))
    assert list(meetings.context["cl"].queryset) == [tenants.meeting_a]
    log = client.get(reverse("admin:common_auditentry_changelist"))
    actions = {code for code, _label in log.context["cl"].filter_specs[0].lookup_choices}
    assert "organization_admin.grant" not in actions  # an entry on the administrator, not on A's objects
    assert all(str(e.meeting_id) != str(tenants.meeting_b.pk) for e in log.context["cl"].queryset)
    assert log.context["cl"].result_count > 0


def test_a_superuser_sees_both(tenants, admin_client):
    bodies = admin_client.get(reverse("admin:meetings_body_changelist"))
    assert set(bodies.context["cl"].queryset) == {tenants.body_a, tenants.body_b}


def test_another_organisations_objects_are_not_found(tenants):
    t = tenants
    client = t.client()
    objects = [t.org_b, t.body_b, t.meeting_b, t.closed_b, t.case_b, t.person_b]
    for obj in objects:
        name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
        for view in ("change", "delete", "history"):
            response = client.get(reverse(f"{name}_{view}", args=[obj.pk]))
            assert response.status_code in (302, 403, 404), (name, view)
            assert B_MARK not in response.content.decode()
        client.post(reverse(f"{name}_delete", args=[obj.pk]), {"post": "yes"})
        assert type(obj).objects.filter(pk=obj.pk).exists()
    # Their own they open.
    assert client.get(reverse("admin:meetings_body_change", args=[t.body_a.pk])).status_code == 200
    assert client.get(reverse("admin:meetings_organization_change", args=[t.org_a.pk])).status_code == 200


def test_a_bulk_action_on_another_organisations_rows_touches_nothing(tenants):
    t = tenants
    client = t.client()
    client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "delete_selected", "_selected_action": [t.meeting_b.pk], "post": "yes"},
    )
    assert Meeting.objects.filter(pk=t.meeting_b.pk).exists()


def test_no_new_organisation_and_nothing_attached_to_another(tenants):
    t = tenants
    client = t.client()
    assert client.get(reverse("admin:meetings_organization_add")).status_code == 403
    count = Body.objects.count()
    response = client.post(
        reverse("admin:meetings_body_add"),
        {
            "organization": t.org_b.pk,
            "name": "Indsmuglet udvalg",
            "slug": "indsmuglet",
            "kind": "committee",
            "aliases": "[]",
            "active": "on",
            "agenda_deadline_working_days": 4,
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
            "standing_items-TOTAL_FORMS": 0,
            "standing_items-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200  # the form again, with an error
    assert "organization" in response.context["adminform"].form.errors
    assert Body.objects.count() == count
    # The choices offered are the own organisation's only.
    form = client.get(reverse("admin:meetings_meeting_add")).context["adminform"].form
    assert list(form.fields["body"].queryset) == [t.body_a]
    form = client.get(reverse("admin:meetings_body_add")).context["adminform"].form
    assert list(form.fields["organization"].queryset) == [t.org_a]


def test_autocomplete_answers_with_the_own_organisations_objects_only(tenants):
    t = tenants
    client = t.client()

    def ids(app_label: str, model_name: str, field_name: str, term: str = "") -> set[str]:
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
        )
        assert response.status_code == 200, (model_name, field_name)
        assert B_MARK not in response.content.decode()
        return {r["id"] for r in json.loads(response.content)["results"]}

    assert ids("meetings", "bodymembership", "body", "Økonomi") == {str(t.body_a.pk)}
    assert ids("meetings", "agendaitem", "case") == {str(t.case_a.pk)}
    assert ids("meetings", "agendaitem", "meeting") == {str(t.meeting_a.pk)}
    assert ids("people", "membership", "person") == {str(t.person_a.pk)}
    users = ids("meetings", "bodymembership", "user")
    assert str(t.admin_a.pk) in users and str(system_user().pk) not in users


def test_organisation_administrators_are_granted_by_superusers_only_in_the_admin(tenants, admin_client):
    t = tenants
    assert t.client().get(reverse("admin:meetings_organizationadministrator_changelist")).status_code == 403
    other = factories.user("admin-b")
    response = admin_client.post(
        reverse("admin:meetings_organizationadministrator_add"),
        {"user": other.pk, "organization": t.org_b.pk},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.is_staff and rules.body_ids_with_role(other, Role.SECRETARIAT) == {t.body_b.pk}
    assert AuditEntry.objects.filter(action="organization_admin.grant", actor__username="chef").exists()
    link = OrganizationAdministrator.objects.get(user=other)
    admin_client.post(
        reverse("admin:meetings_organizationadministrator_delete", args=[link.pk]), {"post": "yes"}
    )
    assert not OrganizationAdministrator.objects.filter(user=other).exists()
    assert AuditEntry.objects.filter(action="organization_admin.revoke").exists()
    assert Group.objects.get(name=ORGANIZATION_ADMINISTRATORS_GROUP).user_set.filter(pk=other.pk).count() == 0
    assert Organization.objects.count() == 2


def test_the_command_line_grants_and_revokes(tenants):
    from typer.testing import CliRunner

    from protokol.cli import app

    t = tenants
    other = factories.user("admin-b2")
    runner = CliRunner()
    result = runner.invoke(app, ["organization-admin", "admin-b2", t.org_b.slug])
    assert result.exit_code == 0, result.output
    assert rules.body_ids_with_role(other, Role.SECRETARIAT) == {t.body_b.pk}
    result = runner.invoke(app, ["organization-admin", "admin-b2", t.org_b.slug, "--revoke"])
    assert result.exit_code == 0, result.output
    assert rules.body_ids_with_role(other, Role.SECRETARIAT) == set()
    assert runner.invoke(app, ["organization-admin", "nobody", t.org_b.slug]).exit_code == 1
    assert [
        e.action for e in AuditEntry.objects.filter(object_type="meetings.organizationadministrator")
    ] == [
        "organization_admin.revoke",
        "organization_admin.grant",
        "organization_admin.grant",
    ]


def test_the_leak_crawl_as_an_administrator_of_a_finds_nothing_of_b(tenants):
    """B's drafts and closed items carry canary words; A's administrator walks the whole site (the leak
    crawl, with its searches and direct URLs for B's objects) and every admin list, search and autocomplete."""
    from protokol.leak_crawl import PREFIX, Canaries, Crawl, crawl_site, leak_report
    from protokol.search import outbox

    t = tenants
    by = system_user()
    canaries = Canaries([t.body_b])
    sent = factories.meeting(t.body_b, location=f"{B_MARK} byråd")
    words = set()

    def word(meeting, field: str) -> str:
        w = canaries.word(meeting, field)
        words.add(w)
        return w

    factories.item(
        sent,
        f"Salg af {word(sent, 'closed title')}",
        public=False,
        sections=[("Sagsfremstilling", f"Køber er {word(sent, 'closed text')}.")],
    )
    factories.item(sent, "Godkendelse af dagsorden")
    services.publish_agenda(sent, by=by)
    factories.item(t.meeting_b, f"Udkast om {word(t.meeting_b, 'draft title')}")
    outbox.drain()

    chef = Client()
    chef.force_login(factories.user("operatoer", is_superuser=True, is_staff=True))
    seen = chef.get(reverse("admin:meetings_agendaitem_changelist"), {"q": PREFIX}).content.decode()
    assert canaries.find(seen) & words  # the words are there to be found

    client = t.client()
    crawl = crawl_site(client, "administrator of A", t.org_b, canaries)
    admin_crawl = Crawl(client, "administrator of A in the admin", canaries)
    for url in _changelists():
        admin_crawl.get(url)
        admin_crawl.get(f"{url}?q={PREFIX}")
    for model, model_admin in admin.site._registry.items():
        for field_name in getattr(model_admin, "autocomplete_fields", ()):
            params = f"app_label={model._meta.app_label}&model_name={model._meta.model_name}"
            admin_crawl.get(f"{reverse('admin:autocomplete')}?{params}&field_name={field_name}&term={PREFIX}")
    for found in (crawl, admin_crawl):
        leaked = set(found.found) & words
        assert not leaked, leak_report(found, canaries, leaked)
    assert len(crawl.seen) > 20 and len(admin_crawl.seen) > 40


def test_a_login_through_the_identity_provider_keeps_the_organisation_administrator_staff(tenants):
    from protokol.people import accounts

    t = tenants
    by = system_user()
    user = accounts.sign_in(subject="sub-a", groups=[], by=by, username_hint="sso-a")
    services.grant_organization_administrator(user=user, organization=t.org_a, by=by)
    user = accounts.sign_in(subject="sub-a", groups=["protokol-noget-andet"], by=by)
    assert user.is_staff and not user.is_superuser
    assert not AuditEntry.objects.filter(
        action="account.roles_from_provider", object_id=str(user.pk)
    ).exists()
    assert accounts.needs_second_factor(user)
    services.revoke_organization_administrator(user=user, organization=t.org_a, by=by)
    assert not accounts.sign_in(subject="sub-a", groups=[], by=by).is_staff


def test_a_save_that_lands_in_another_organisation_is_refused(tenants):
    """The last guard, behind the limited choices: a form that put the object in B is not saved."""
    from django.core.exceptions import PermissionDenied
    from django.db import transaction
    from django.forms import modelform_factory
    from django.test import RequestFactory

    from protokol.cases.models import PersonalDataWord

    t = tenants
    request = RequestFactory().post("/admin/")
    request.user = t.admin_a
    model_admin = admin.site._registry[PersonalDataWord]
    form = modelform_factory(PersonalDataWord, fields=["organization", "word"])(
        data={"organization": t.org_b.pk, "word": "tvangsfjernelse"}
    )
    assert form.is_valid()  # an unlimited form, as a gap in the choices would be
    with pytest.raises(PermissionDenied), transaction.atomic():
        model_admin.save_model(request, form.save(commit=False), form, False)
    assert not PersonalDataWord.objects.filter(word="tvangsfjernelse").exists()
    own = modelform_factory(PersonalDataWord, fields=["organization", "word"])(
        data={"organization": t.org_a.pk, "word": "tvangsfjernelse"}
    )
    assert own.is_valid()
    model_admin.save_model(request, own.save(commit=False), own, False)
    assert PersonalDataWord.objects.filter(word="tvangsfjernelse", organization=t.org_a).exists()
