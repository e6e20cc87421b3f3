from django.contrib.auth import views as auth_views
from django.urls import path

from protokol.common.throttle import ThrottledAuthenticationForm
from protokol.workspace import (
    notification_views,
    people_views,
    planning_views,
    record_views,
    request_views,
    views,
)

app_name = "workspace"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="workspace/login.html",
            next_page="workspace:home",
            authentication_form=ThrottledAuthenticationForm,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="workspace:login"), name="logout"),
    path("", views.home, name="home"),
    path("bodies/<slug:slug>/meetings/new/", views.create_meeting, name="create_meeting"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.edit_meeting, name="edit_meeting"),
    path("meetings/<int:pk>/status/<str:action>/", views.change_status, name="status"),
    path("meetings/<int:pk>/cancel/", views.cancel_meeting, name="cancel_meeting"),
    path("meetings/<int:pk>/items/new/", views.item_new, name="item_new"),
    path("meetings/<int:pk>/items/<int:item_pk>/", views.item_edit, name="item"),
    path("meetings/<int:pk>/items/<int:item_pk>/move/", views.item_move, name="item_move"),
    path("meetings/<int:pk>/items/<int:item_pk>/remove/", views.item_remove, name="item_remove"),
    path("meetings/<int:pk>/items/<int:item_pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("meetings/<int:pk>/items/<int:item_pk>/decision/", views.decision, name="decision"),
    path("meetings/<int:pk>/items/<int:item_pk>/forward/", views.item_forward, name="item_forward"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/items/<int:item_pk>/record/", record_views.item_record, name="item_record"),
    path("meetings/<int:pk>/items/<int:item_pk>/votes/", record_views.vote_new, name="vote_new"),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/votes/<int:vote_pk>/remove/",
        record_views.vote_remove,
        name="vote_remove",
    ),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/statements/", record_views.statement_new, name="statement_new"
    ),
    path("meetings/<int:pk>/items/<int:item_pk>/disqualify/", record_views.disqualify, name="disqualify"),
    path("meetings/<int:pk>/sign/", views.sign, name="sign"),
    path("meetings/<int:pk>/log/", views.audit_log, name="log"),
    path("meetings/<int:pk>/attendance/prefill/", people_views.attendance_prefill, name="attendance_prefill"),
    path("meetings/<int:pk>/attendance/set/", people_views.attendance_set, name="attendance_set"),
    path("meetings/<int:pk>/attendance/all/", people_views.attendance_all, name="attendance_all"),
    path("meetings/<int:pk>/attendance/deputy/", people_views.attendance_deputy, name="attendance_deputy"),
    path("meetings/<int:pk>/attendance/guest/", people_views.attendance_guest, name="attendance_guest"),
    path(
        "meetings/<int:pk>/attendance/<int:attendance_pk>/remove/",
        people_views.attendance_remove,
        name="attendance_remove",
    ),
    path("meetings/<int:pk>/items/<int:item_pk>/absence/", people_views.item_absence, name="item_absence"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/withdraw/", views.attachment_withdraw, name="attachment_withdraw"),
    path("attachments/<int:pk>/replace/", views.attachment_replace, name="attachment_replace"),
    path("attachments/<int:pk>/close/", views.attachment_close, name="attachment_close"),
    path("meetings/<int:pk>/personal-data/", views.personal_data_check, name="personal_data"),
    path(
        "meetings/<int:pk>/personal-data/resolve/", views.personal_data_resolve, name="personal_data_resolve"
    ),
    path("bodies/<slug:slug>/members/", people_views.members, name="members"),
    path("bodies/<slug:slug>/requests/", request_views.body_requests, name="requests"),
    path(
        "meetings/<int:pk>/requests/<int:request_pk>/place/",
        request_views.place_request,
        name="request_place",
    ),
    path(
        "meetings/<int:pk>/requests/<int:request_pk>/answer/",
        request_views.answer_request,
        name="request_answer",
    ),
    path("bodies/<slug:slug>/members/parties/", people_views.party_new, name="party_new"),
    path("bodies/<slug:slug>/members/new/", people_views.membership_new, name="membership_new"),
    path("bodies/<slug:slug>/members/<int:pk>/end/", people_views.membership_end, name="membership_end"),
    path("bodies/<slug:slug>/plan/", planning_views.plan, name="plan"),
    path("bodies/<slug:slug>/plan/series/", planning_views.series_new, name="series_new"),
    path(
        "bodies/<slug:slug>/plan/series/<int:pk>/generate/",
        planning_views.series_generate,
        name="series_generate",
    ),
    path("bodies/<slug:slug>/plan/themes/", planning_views.theme_new, name="theme_new"),
    path("follow-ups/", planning_views.follow_ups_mine, name="follow_ups"),
    path("notifications/", notification_views.preferences, name="notifications"),
    path("follow-ups/<int:pk>/close/", planning_views.follow_up_close, name="follow_up_close"),
    path("follow-ups/<int:pk>/agenda/", planning_views.follow_up_to_agenda, name="follow_up_to_agenda"),
    path(
        "meetings/<int:pk>/items/<int:item_pk>/follow-ups/",
        planning_views.item_follow_ups,
        name="item_follow_ups",
    ),
    path("meetings/<int:pk>/communication/", planning_views.communication, name="communication"),
    path("meetings/<int:pk>/communication.txt", planning_views.communication_text, name="communication_text"),
]
