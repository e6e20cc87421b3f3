"""A cache of public pages as a visitor sees them, for the pages that get the traffic (a meeting).

What a visitor sees changes only when a service writes, and every service write logs to the audit log in
its transaction (protokol.common.audit). So the key holds the audit log's newest id: any write anywhere
makes a new key, and the old pages age out. A write that bypasses the services (an edit straight in the
database, which the minutes' checksum is there to reveal) shows after at most TTL seconds.

Only anonymous GETs without a query string are cached, per language; members and secretariats always get
a fresh page. The page's CSRF token (in the language switch) is not shared: it is cut out of the stored
page and each response gets its own.
"""

from __future__ import annotations

import re
from functools import wraps

from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from protokol.common.models import AuditEntry
from protokol.meetings import tenancy

TTL = 30
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_PLACEHOLDER = b"\x00csrf\x00"


def _generation() -> int:
    return AuditEntry.objects.aggregate(newest=Max("id"))["newest"] or 0


def cached_for_visitors(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.GET or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        # Per tenant: the same path is another organisation's page on another host (meetings.tenancy).
        organization = tenancy.current_organization()
        tenant = organization.pk if organization else ""
        key = f"portal-page:{get_language()}:{tenant}:{_generation()}:{request.path}"
        stored = cache.get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            stored = (response["Content-Type"], _TOKEN.sub(rb"\1" + _PLACEHOLDER + rb"\2", response.content))
            cache.set(key, stored, TTL)
        content_type, content = stored
        if _PLACEHOLDER in content:
            content = content.replace(_PLACEHOLDER, get_token(request).encode("ascii"))
        return HttpResponse(content, content_type=content_type)

    return wrapper
