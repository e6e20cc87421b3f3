"""Several organisations in one installation: the tenant a request is for.

Each organisation (municipality) is a tenant with its own public site, chosen by the request's host name
(`Organization.hosts`). `TenantMiddleware` sets the tenant for the duration of a request; every read in
meetings/queries.py (and the cases and search reads built on them) is then restricted to the tenant's
bodies, whoever asks, administrators included. A request on one tenant for an object of another finds
nothing (404), as for any object the asker may not see.

A host that names no organisation gets the default, `queries.site_organization()` (the one
settings.PROTOKOL_ORGANIZATION names, else the installation's only one); with several organisations and
no default it gets the shared portal of them all (tenant None). Outside requests (the CLI, the search
indexer, notifications) there is no tenant: everything, unless a caller says `with tenant(org):`.

A context variable rather than an argument through every query: the queries are the one place every read
passes, and a forgotten argument would silently show every organisation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from protokol.meetings.models import Organization


class _FromHost:
    """A request's tenant, looked up when a read first asks (a request that reads nothing, such as the
    OpenAPI document, touches no database)."""

    def __init__(self, host: str):
        self.host = host
        self.looked_up = False
        self.organization: Organization | None = None

    def get(self) -> Organization | None:
        if not self.looked_up:
            self.organization = organization_for_host(self.host)
            self.looked_up = True
        return self.organization


_current: ContextVar[Organization | _FromHost | None] = ContextVar("protokol_tenant", default=None)


def current_organization() -> Organization | None:
    """The tenant of this request; None: every organisation (the shared portal, the CLI)."""
    value = _current.get()
    return value.get() if isinstance(value, _FromHost) else value


@contextmanager
def tenant(organization: Organization | None) -> Iterator[Organization | None]:
    """Reads inside are restricted to `organization` (None: to none)."""
    token = _current.set(organization)
    try:
        yield organization
    finally:
        _current.reset(token)


def organization_for_host(host: str) -> Organization | None:
    """The organisation whose host names include `host`, else the default (module docstring); one query,
    the same answer as `queries.site_organization()` where no host matches."""
    from django.conf import settings
    from django.db.models import Exists, OuterRef, Value

    from protokol.meetings.models import Organization, OrganizationHost, normalize_host

    wanted = normalize_host(host)
    named = settings.PROTOKOL_ORGANIZATION
    candidates = list(
        Organization.objects.annotate(
            by_host=Exists(OrganizationHost.objects.filter(organization=OuterRef("pk"), host=wanted))
            if wanted
            else Value(False),
            by_name=Value(False)
            if not named
            else Exists(Organization.objects.filter(pk=OuterRef("pk"), slug=named)),
        ).order_by("-by_host", "-by_name", "pk")[:2]
    )
    if not candidates:
        return None
    first = candidates[0]
    if first.by_host or first.by_name:
        return first
    if named:
        return None  # the named organisation does not exist (yet)
    return first if len(candidates) == 1 else None


class TenantMiddleware:
    """Sets the request's tenant while the view runs (looked up from its host when first asked)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import DisallowedHost

        try:
            host = request.get_host()
        except DisallowedHost:
            host = ""  # CommonMiddleware answers 400 for it
        token = _current.set(_FromHost(host))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
