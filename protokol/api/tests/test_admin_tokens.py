"""API tokens in the admin: created and revoked through the token service, so both are in the audit log."""

import pytest
from django.urls import reverse

from protokol.api.models import ApiToken
from protokol.api.tokens import create_token, token_for_secret
from protokol.common.models import AuditEntry
from protokol.common.tests.admin_forms import shown_form
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(chef):
    return create_token(name="Acadre", body=factories.body("Direktionen"), by=chef)


def test_revoking_a_token_on_its_admin_page_is_audited(admin_client, chef, token):
    token, secret = token
    url = reverse("admin:api_apitoken_change", args=[token.pk])
    data = shown_form(admin_client, url)
    assert data.pop("active") == "on"  # the box is cleared
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    token.refresh_from_db()
    assert token.active is False and token_for_secret(secret) is None
    entry = AuditEntry.objects.get(action="apitoken.revoke", object_id=str(token.pk))
    assert entry.actor == chef


def test_revoking_tokens_by_the_admin_action_is_audited(admin_client, chef, token):
    token, _secret = token
    response = admin_client.post(
        reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [str(token.pk)]}
    )
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).active is False
    assert AuditEntry.objects.filter(action="apitoken.revoke", object_id=str(token.pk), actor=chef).exists()


def test_a_revoked_token_stays_revoked_in_the_admin(admin_client, token):
    token, secret = token
    admin_client.post(
        reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [str(token.pk)]}
    )
    response = admin_client.post(
        reverse("admin:api_apitoken_change", args=[token.pk]), {"name": "Acadre", "active": "on"}
    )
    assert response.status_code == 403
    assert token_for_secret(secret) is None


def test_a_token_made_in_the_admin_is_made_by_the_service(admin_client, chef):
    body = factories.body("Direktionen")
    response = admin_client.post(
        reverse("admin:api_apitoken_add"), {"name": "ESDH", "body": str(body.pk)}, follow=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="ESDH")
    assert token.created_by == chef and token.user.memberships.get().body == body
    assert AuditEntry.objects.filter(action="apitoken.create", object_id=str(token.pk), actor=chef).exists()
    shown = next(str(m) for m in response.context["messages"] if "pk_" in str(m))
    assert token_for_secret(shown.split(": ", 1)[1].split(" ")[0]) == token


def test_staff_who_are_not_administrators_cannot_make_or_revoke_tokens(client, token):
    from django.contrib.auth.models import Permission

    token, secret = token
    staff = factories.user("kontor", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename__endswith="_apitoken"))
    client.force_login(staff)
    assert client.get(reverse("admin:api_apitoken_add")).status_code == 403
    client.post(
        reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [str(token.pk)]}
    )
    assert token_for_secret(secret) == token
