"""Factories for synthetic data; they write through the services so the rules and the audit log hold."""

import itertools
from datetime import date, time

from django.contrib.auth import get_user_model

from protokol.common.users import system_user
from protokol.meetings import services
from protokol.meetings.enums import ClosedReason, Role

_counter = itertools.count(1)


def user(username: str | None = None, **extra):
    username = username or f"bruger{next(_counter)}"
    return get_user_model().objects.create_user(username=username, password="test-password-123", **extra)


def organization(name: str = "Testby Kommune"):
    return services.get_or_create_organization(name=name, by=system_user())


def body(name: str | None = None, *, org=None, kind: str = "committee", aliases=()):
    org = org or organization()
    return services.create_body(
        organization=org,
        name=name or f"Udvalg {next(_counter)}",
        kind=kind,
        aliases=aliases,
        by=system_user(),
    )


def member(body, *, role: str = Role.MEMBER, username: str | None = None):
    u = user(username)
    services.add_membership(body=body, user=u, role=role, by=system_user())
    return u


def meeting(
    body=None, *, day: date | None = None, start: time | None = time(9, 0), location: str = "Mødelokale 1"
):
    body = body or globals()["body"]()
    return services.create_meeting(
        body=body,
        date=day or date(2026, 3, next(_counter) % 27 + 1),
        start_time=start,
        location=location,
        by=system_user(),
    )


def item(meeting, title: str | None = None, **fields):
    if fields.get("public") is False:
        # A closed item as the law asks it: a neutral public title and a reason for closing.
        fields.setdefault("public_title", f"Neutral titel {next(_counter)}")
        fields.setdefault("closed_reason", ClosedReason.OTHER)
    return services.add_item(
        meeting=meeting, title=title or f"Punkt {next(_counter)}", by=system_user(), **fields
    )
