from django.shortcuts import render
from django.utils import timezone

from protokol.meetings.queries import visible_bodies, visible_meetings


def home(request):
    today = timezone.localdate()
    meetings = visible_meetings(request.user)
    return render(
        request,
        "portal/home.html",
        {
            "bodies": visible_bodies(request.user),
            "upcoming": meetings.filter(date__gte=today).order_by("date", "start_time")[:10],
            "recent": meetings.filter(date__lt=today).order_by("-date", "-start_time")[:10],
        },
    )
