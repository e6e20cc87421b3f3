"""Reading offline: a service worker keeps the sent agendas of the reader's bodies, with their items and
attachments, for a tablet without a connection. The list it keeps is asked here at every visit, so an ended
membership drops its meetings at the next sync; logging out clears everything (Clear-Site-Data)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from protokol.common.actors import Actor, acting_user
from protokol.meetings import queries, rules
from protokol.meetings.enums import agenda_sent_q

#: how far back a sent agenda stays on the tablet
KEEP_DAYS = 60
STATIC_FILES = (
    "protokol/site.css",
    "protokol/workspace.css",
    "protokol/htmx.min.js",
    "protokol/workspace.js",
)


def offline_urls(user: Actor) -> list[str]:
    """The pages and files a reader keeps offline: their bodies' sent agendas from KEEP_DAYS ago on."""
    since = timezone.localdate() - timedelta(days=KEEP_DAYS)
    meetings = (
        queries.visible_meetings(user)
        .filter(agenda_sent_q(), date__gte=since, body__memberships__user=user)
        .distinct()
        .select_related("body")
        .order_by("date", "pk")
    )
    urls = [reverse("workspace:home"), reverse("workspace:offline")] + [static(f) for f in STATIC_FILES]
    for meeting in meetings:
        urls.append(reverse("workspace:meeting", args=[meeting.pk]))
        closed = rules.can_see_closed(user, meeting)
        items = queries.items_with_content(user).filter(meeting=meeting).prefetch_related("attachments")
        for item in items:
            urls.append(reverse("workspace:item", args=[meeting.pk, item.pk]))
            urls += [
                reverse("workspace:attachment", args=[a.pk])
                for a in item.attachments.all()
                if a.file and (a.public or closed)
            ]
    return urls


@never_cache
@login_required
def offline_list(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"urls": offline_urls(acting_user(request))})


def offline_page(request: HttpRequest) -> HttpResponse:
    """What a page not kept offline shows without a connection."""
    return render(request, "workspace/offline.html")


@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    response = render(request, "workspace/sw.js", content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("workspace:home")
    return response


def web_manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/manifest.webmanifest", content_type="application/manifest+json")


class LogoutClearingOffline(auth_views.LogoutView):
    """Logging out also clears what the browser kept for reading offline (its caches and the worker)."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
