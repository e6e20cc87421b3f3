from django.urls import path

from protokol.portal import feeds, plan_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("calendar.ics", feeds.calendar, name="calendar"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("bodies/<slug:slug>/feed/", feeds.BodyFeed(), name="body-feed"),
    path("bodies/<slug:slug>/calendar.ics", feeds.body_calendar, name="body-calendar"),
    path("bodies/<slug:slug>/plan/", plan_views.plan, name="body-plan"),
    path("bodies/<slug:slug>/plan.ics", plan_views.plan_calendar, name="body-plan-calendar"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/agenda.pdf", views.meeting_pdf, {"kind": "agenda"}, name="agenda-pdf"),
    path("meetings/<int:meeting_id>/minutes.pdf", views.meeting_pdf, {"kind": "minutes"}, name="minutes-pdf"),
    path("meetings/<int:meeting_id>/minutes.json", views.public_minutes_json, name="minutes-json"),
    path("meetings/<int:meeting_id>/items/<int:number>/", views.item_detail, name="item"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("cases/<path:case_number>/", views.case_detail, name="case"),
    path("search/", views.search, name="search"),
    path("search/feed/", feeds.SearchFeed(), name="search-feed"),
    path("organization/logo", views.organization_logo, name="organization-logo"),
    path("organization/style.css", views.organization_css, name="organization-css"),
    path("communication/feed/", plan_views.CommunicatedDecisionsFeed(), name="communication-feed"),
]
