"""Must show: every URL and API endpoint answers each kind of user as the rules say, from one table.

The table below has a row for every URL pattern in the URLconf (the admin's own patterns are one row);
a new URL without a row fails `test_every_url_pattern_has_a_row`. Each row gives the status of a GET (and
of a POST, PATCH for the write endpoints) for: the public, a member of the body, a member of another
body, the body's secretariat, another body's secretariat, and an administrator. Writes run in a savepoint
that is rolled back, so one cell never changes the next.

Status codes in the table: 200 ok, 302 a redirect (to the login page for the public, back to the page
after a form), 400 a refused form, 401 no API token, 403 not allowed, 404 not found (or not told), 405 the
wrong method.
"""

from __future__ import annotations

import json
import os
from datetime import date, time, timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "other_member", "secretariat", "other_secretariat", "admin")
A = ROLES  # the column order of the table

# fmt: off
# pattern, method, url (placeholders from the `world` fixture), expected status per role in ROLES order
TABLE: list[tuple[str, str, str, tuple[int, ...]]] = [
    # The public portal: the same for everyone who may see the meeting; drafts are not told.
    ("", "GET", "/", (200, 200, 200, 200, 200, 200)),
    ("calendar.ics", "GET", "/calendar.ics", (200, 200, 200, 200, 200, 200)),
    ("bodies/<slug:slug>/", "GET", "/bodies/{slug}/", (200, 200, 200, 200, 200, 200)),
    ("bodies/<slug:slug>/feed/", "GET", "/bodies/{slug}/feed/", (200, 200, 200, 200, 200, 200)),
    ("bodies/<slug:slug>/calendar.ics", "GET", "/bodies/{slug}/calendar.ics", (200, 200, 200, 200, 200, 200)),
    ("bodies/<slug:slug>/plan/", "GET", "/bodies/{slug}/plan/", (200, 200, 200, 200, 200, 200)),
    ("bodies/<slug:slug>/plan.ics", "GET", "/bodies/{slug}/plan.ics", (200, 200, 200, 200, 200, 200)),
    ("meetings/<int:meeting_id>/", "GET", "/meetings/{pub}/", (200, 200, 200, 200, 200, 200)),
    ("meetings/<int:meeting_id>/", "GET", "/meetings/{draft}/", (404, 404, 404, 200, 404, 200)),
    ("meetings/<int:meeting_id>/agenda.pdf", "GET", "/meetings/{pub}/agenda.pdf", (200, 200, 200, 200, 200, 200)),
    ("meetings/<int:meeting_id>/agenda.pdf", "GET", "/meetings/{draft}/agenda.pdf", (404, 404, 404, 200, 404, 200)),
    ("meetings/<int:meeting_id>/minutes.pdf", "GET", "/meetings/{pub}/minutes.pdf", (404, 404, 404, 404, 404, 404)),
    # Held: the body reads the minutes; everyone else the agenda as sent.
    ("meetings/<int:meeting_id>/minutes.pdf", "GET", "/meetings/{held}/minutes.pdf", (404, 200, 404, 200, 404, 200)),
    ("meetings/<int:meeting_id>/agenda.pdf", "GET", "/meetings/{held}/agenda.pdf", (200, 200, 200, 200, 200, 200)),
    # The public edition of the minutes (what the public checksum covers): only once they are published.
    ("meetings/<int:meeting_id>/minutes.json", "GET", "/meetings/{pub}/minutes.json", (404, 404, 404, 404, 404, 404)),
    ("meetings/<int:meeting_id>/items/<int:number>/", "GET", "/meetings/{pub}/items/{closed_no}/", (200, 200, 200, 200, 200, 200)),
    ("meetings/<int:meeting_id>/items/<int:number>/", "GET", "/meetings/{draft}/items/1/", (404, 404, 404, 404, 404, 404)),
    ("attachments/<int:pk>/", "GET", "/attachments/{att_public}/", (200, 200, 200, 200, 200, 200)),
    ("attachments/<int:pk>/", "GET", "/attachments/{att_closed}/", (404, 200, 404, 200, 404, 200)),
    ("attachments/<int:pk>/", "GET", "/attachments/{att_of_closed_item}/", (404, 200, 404, 200, 404, 200)),
    ("cases/<path:case_number>/", "GET", "/cases/{open_case}/", (200, 200, 200, 200, 200, 200)),
    ("cases/<path:case_number>/", "GET", "/cases/{closed_case}/", (404, 200, 404, 200, 404, 200)),
    ("search/", "GET", "/search/?q=budget", (200, 200, 200, 200, 200, 200)),
    ("search/feed/", "GET", "/search/feed/?q=budget", (200, 200, 200, 200, 200, 200)),
    ("communication/feed/", "GET", "/communication/feed/", (200, 200, 200, 200, 200, 200)),
    # The organisation's identity, as public as the header that shows it (no logo in the world: 404).
    ("organization/logo", "GET", "/organization/logo", (404, 404, 404, 404, 404, 404)),
    ("organization/style.css", "GET", "/organization/style.css", (200, 200, 200, 200, 200, 200)),
    ("i18n/setlang/", "POST", "/i18n/setlang/", (302, 302, 302, 302, 302, 302)),
    ("i18n/setlang/", "GET", "/i18n/setlang/", (302, 302, 302, 302, 302, 302)),
    # The workspace: a login first; drafts and closed content by the rules; edits for the secretariat.
    ("workspace/login/", "GET", "/workspace/login/", (200, 200, 200, 200, 200, 200)),
    ("workspace/logout/", "POST", "/workspace/logout/", (302, 302, 302, 302, 302, 302)),
    # Break-glass: the password form for the named accounts when password login is off (on here: the form).
    ("workspace/login/break-glass/", "GET", "/workspace/login/break-glass/", (200, 200, 200, 200, 200, 200)),
    # Single sign-on: not there without a provider (PROTOKOL_OIDC_ISSUER; test_sso.py runs it with one).
    ("workspace/oidc/authenticate/", "GET", "/workspace/oidc/authenticate/", (404, 404, 404, 404, 404, 404)),
    ("workspace/oidc/callback/", "GET", "/workspace/oidc/callback/?code=x&state=y", (404, 404, 404, 404, 404, 404)),
    # The second factor: a login's own; without an authenticator the code page sends to the enrolment,
    # and new recovery codes ask for a verified session first.
    ("workspace/second-factor/", "GET", "/workspace/second-factor/", (302, 302, 302, 302, 302, 302)),
    ("workspace/second-factor/", "POST", "/workspace/second-factor/", (302, 302, 302, 302, 302, 302)),
    ("workspace/second-factor/setup/", "GET", "/workspace/second-factor/setup/", (302, 200, 200, 200, 200, 200)),
    ("workspace/second-factor/setup/", "POST", "/workspace/second-factor/setup/", (302, 400, 400, 400, 400, 400)),
    ("workspace/second-factor/recovery-codes/", "POST", "/workspace/second-factor/recovery-codes/", (302, 302, 302, 302, 302, 302)),
    ("workspace/", "GET", "/workspace/", (302, 200, 200, 200, 200, 200)),
    ("workspace/bodies/<slug:slug>/meetings/new/", "GET", "/workspace/bodies/{slug}/meetings/new/", (302, 405, 405, 405, 405, 405)),
    ("workspace/bodies/<slug:slug>/meetings/new/", "POST", "/workspace/bodies/{slug}/meetings/new/", (302, 302, 302, 302, 302, 302)),
    ("workspace/meetings/<int:pk>/", "GET", "/workspace/meetings/{pub}/", (302, 200, 200, 200, 200, 200)),
    ("workspace/meetings/<int:pk>/", "GET", "/workspace/meetings/{draft}/", (302, 404, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/edit/", "POST", "/workspace/meetings/{draft}/edit/", (302, 404, 404, 302, 404, 302)),
    ("workspace/meetings/<int:pk>/edit/", "POST", "/workspace/meetings/{pub}/edit/", (302, 302, 302, 302, 302, 302)),
    # The confirmation before a step (it only reads): the body's secretariat's.
    ("workspace/meetings/<int:pk>/status/<str:action>/", "GET", "/workspace/meetings/{draft}/status/publish-agenda/", (302, 404, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/status/<str:action>/", "GET", "/workspace/meetings/{pub}/status/held/", (302, 403, 403, 200, 403, 200)),
    ("workspace/meetings/<int:pk>/status/<str:action>/", "POST", "/workspace/meetings/{draft}/status/publish-agenda/", (302, 404, 404, 302, 404, 302)),
    ("workspace/meetings/<int:pk>/status/<str:action>/", "POST", "/workspace/meetings/{pub}/status/held/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/items/new/", "GET", "/workspace/meetings/{pub}/items/new/", (302, 403, 403, 200, 403, 200)),
    ("workspace/meetings/<int:pk>/items/new/", "POST", "/workspace/meetings/{draft}/items/new/", (302, 404, 404, 400, 404, 400)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/", "GET", "/workspace/meetings/{pub}/items/{closed_item}/", (302, 200, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/", "GET", "/workspace/meetings/{pub}/items/{open_item}/", (302, 200, 200, 200, 200, 200)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/", "POST", "/workspace/meetings/{pub}/items/{closed_item}/", (302, 400, 404, 400, 404, 400)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/move/", "POST", "/workspace/meetings/{draft}/items/{draft_item}/move/", (302, 404, 404, 302, 404, 302)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/remove/", "POST", "/workspace/meetings/{draft}/items/{draft_item}/remove/", (302, 404, 404, 302, 404, 302)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/attachments/", "POST", "/workspace/meetings/{pub}/items/{closed_item}/attachments/", (302, 302, 404, 302, 404, 302)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/decision/", "POST", "/workspace/meetings/{pub}/items/{closed_item}/decision/", (302, 302, 404, 302, 404, 302)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/forward/", "POST", "/workspace/meetings/{pub}/items/{open_item}/forward/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/minutes/", "GET", "/workspace/meetings/{pub}/minutes/", (302, 200, 200, 200, 200, 200)),
    ("workspace/meetings/<int:pk>/minutes/", "GET", "/workspace/meetings/{draft}/minutes/", (302, 404, 404, 200, 404, 200)),
    # Attendance: the secretariat records it; a member of the body reads it but records nothing.
    ("workspace/meetings/<int:pk>/attendance/prefill/", "POST", "/workspace/meetings/{pub}/attendance/prefill/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/attendance/set/", "POST", "/workspace/meetings/{pub}/attendance/set/", (302, 403, 403, 404, 403, 404)),
    ("workspace/meetings/<int:pk>/attendance/all/", "POST", "/workspace/meetings/{pub}/attendance/all/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/attendance/deputy/", "POST", "/workspace/meetings/{pub}/attendance/deputy/", (302, 403, 403, 404, 403, 404)),
    ("workspace/meetings/<int:pk>/attendance/guest/", "POST", "/workspace/meetings/{pub}/attendance/guest/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/attendance/<int:attendance_pk>/remove/", "POST", "/workspace/meetings/{pub}/attendance/999999/remove/", (302, 403, 403, 404, 403, 404)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/absence/", "POST", "/workspace/meetings/{pub}/items/{open_item}/absence/", (302, 403, 403, 404, 403, 404)),
    # An item's votes, statements and disqualification: the body reads them, its secretariat records them.
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/record/", "GET", "/workspace/meetings/{pub}/items/{open_item}/record/", (302, 200, 403, 200, 403, 200)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/record/", "GET", "/workspace/meetings/{pub}/items/{closed_item}/record/", (302, 200, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/votes/", "POST", "/workspace/meetings/{pub}/items/{open_item}/votes/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/votes/<int:vote_pk>/remove/", "POST", "/workspace/meetings/{pub}/items/{open_item}/votes/999999/remove/", (302, 404, 404, 404, 404, 404)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/statements/", "POST", "/workspace/meetings/{pub}/items/{open_item}/statements/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/statements/<int:statement_pk>/remove/", "POST", "/workspace/meetings/{pub}/items/{open_item}/statements/999999/remove/", (302, 404, 404, 404, 404, 404)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/disqualify/", "POST", "/workspace/meetings/{pub}/items/{closed_item}/disqualify/", (302, 404, 404, 404, 404, 404)),
    # Only those who took part sign: a login of the body that is no participant of the meeting may not.
    ("workspace/meetings/<int:pk>/sign/", "POST", "/workspace/meetings/{held}/sign/", (302, 403, 403, 403, 403, 403)),
    ("workspace/meetings/<int:pk>/cancel/", "POST", "/workspace/meetings/{draft}/cancel/", (302, 404, 404, 302, 404, 302)),
    ("workspace/meetings/<int:pk>/cancel/", "POST", "/workspace/meetings/{pub}/cancel/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/log/", "GET", "/workspace/meetings/{pub}/log/", (302, 404, 404, 200, 404, 200)),
    ("workspace/attachments/<int:pk>/", "GET", "/workspace/attachments/{att_public}/", (302, 200, 200, 200, 200, 200)),
    ("workspace/attachments/<int:pk>/", "GET", "/workspace/attachments/{att_closed}/", (302, 200, 404, 200, 404, 200)),
    ("workspace/attachments/<int:pk>/", "GET", "/workspace/attachments/{att_of_closed_item}/", (302, 200, 404, 200, 404, 200)),
    ("workspace/attachments/<int:pk>/withdraw/", "POST", "/workspace/attachments/{att_public}/withdraw/", (302, 403, 403, 302, 403, 302)),
    ("workspace/attachments/<int:pk>/withdraw/", "POST", "/workspace/attachments/{att_of_closed_item}/withdraw/", (302, 403, 404, 302, 404, 302)),
    # Reading offline: the worker and the manifest are the same for all; the list is the reader's own.
    ("workspace/sw.js", "GET", "/workspace/sw.js", (200, 200, 200, 200, 200, 200)),
    ("workspace/manifest.webmanifest", "GET", "/workspace/manifest.webmanifest", (200, 200, 200, 200, 200, 200)),
    ("workspace/offline/", "GET", "/workspace/offline/", (200, 200, 200, 200, 200, 200)),
    ("workspace/offline/list.json", "GET", "/workspace/offline/list.json", (302, 200, 200, 200, 200, 200)),
    # Private notes: anyone who reads the item writes their own; nobody reaches another's note.
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/notes/", "POST", "/workspace/meetings/{pub}/items/{closed_item}/notes/", (302, 302, 404, 302, 404, 302)),
    ("workspace/attachments/<int:pk>/notes/", "GET", "/workspace/attachments/{att_public}/notes/", (302, 200, 200, 200, 200, 200)),
    ("workspace/attachments/<int:pk>/notes/", "GET", "/workspace/attachments/{att_closed}/notes/", (302, 200, 404, 200, 404, 200)),
    ("workspace/notes/<int:pk>/remove/", "POST", "/workspace/notes/999999/remove/", (302, 404, 404, 404, 404, 404)),
    ("workspace/attachments/<int:pk>/replace/", "POST", "/workspace/attachments/{att_public}/replace/", (302, 403, 403, 302, 403, 302)),
    ("workspace/attachments/<int:pk>/close/", "POST", "/workspace/attachments/{att_public}/close/", (302, 403, 403, 302, 403, 302)),
    ("workspace/meetings/<int:pk>/personal-data/", "GET", "/workspace/meetings/{pub}/personal-data/", (302, 403, 403, 200, 403, 200)),
    ("workspace/meetings/<int:pk>/personal-data/", "GET", "/workspace/meetings/{draft}/personal-data/", (302, 404, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/personal-data/resolve/", "POST", "/workspace/meetings/{pub}/personal-data/resolve/", (302, 403, 403, 302, 403, 302)),
    # A body's members and their history: its secretariat.
    ("workspace/bodies/<slug:slug>/members/", "GET", "/workspace/bodies/{slug}/members/", (302, 403, 403, 200, 403, 200)),
    ("workspace/bodies/<slug:slug>/members/parties/", "POST", "/workspace/bodies/{slug}/members/parties/", (302, 403, 403, 302, 403, 302)),
    ("workspace/bodies/<slug:slug>/members/new/", "POST", "/workspace/bodies/{slug}/members/new/", (302, 403, 403, 302, 403, 302)),
    ("workspace/bodies/<slug:slug>/members/<int:pk>/end/", "POST", "/workspace/bodies/{slug}/members/999999/end/", (302, 403, 403, 404, 403, 404)),
    ("workspace/bodies/<slug:slug>/plan/", "GET", "/workspace/bodies/{slug}/plan/", (302, 404, 404, 200, 404, 200)),
    ("workspace/bodies/<slug:slug>/plan/series/", "POST", "/workspace/bodies/{slug}/plan/series/", (302, 404, 404, 302, 404, 302)),
    ("workspace/bodies/<slug:slug>/plan/series/<int:pk>/", "GET", "/workspace/bodies/{slug}/plan/series/{series}/", (302, 404, 404, 200, 404, 200)),
    ("workspace/bodies/<slug:slug>/plan/series/<int:pk>/", "POST", "/workspace/bodies/{slug}/plan/series/{series}/", (302, 404, 404, 400, 404, 400)),
    ("workspace/bodies/<slug:slug>/plan/series/<int:pk>/generate/", "POST", "/workspace/bodies/{slug}/plan/series/{series}/generate/", (302, 404, 404, 302, 404, 302)),
    ("workspace/bodies/<slug:slug>/plan/themes/", "POST", "/workspace/bodies/{slug}/plan/themes/", (302, 404, 404, 302, 404, 302)),
    ("workspace/follow-ups/", "GET", "/workspace/follow-ups/", (302, 200, 200, 200, 200, 200)),
    # Each logged-in user their own choice of e-mails (a user without a person is told so, on a GET or a POST).
    # Members' requests (§ 11): the body's seat holders ask (the matrix's member holds no seat), its
    # secretariat reads them all and places or answers them on its meetings.
    ("workspace/bodies/<slug:slug>/requests/", "GET", "/workspace/bodies/{slug}/requests/", (302, 404, 404, 200, 404, 200)),
    ("workspace/bodies/<slug:slug>/requests/", "POST", "/workspace/bodies/{slug}/requests/", (302, 404, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/requests/<int:request_pk>/place/", "POST", "/workspace/meetings/{draft}/requests/{member_request}/place/", (302, 404, 404, 302, 404, 302)),
    ("workspace/meetings/<int:pk>/requests/<int:request_pk>/answer/", "POST", "/workspace/meetings/{draft}/requests/{member_request}/answer/", (302, 404, 404, 302, 404, 302)),
    ("workspace/notifications/", "GET", "/workspace/notifications/", (302, 200, 200, 200, 200, 200)),
    ("workspace/notifications/", "POST", "/workspace/notifications/", (302, 200, 200, 200, 200, 200)),
    ("workspace/follow-ups/<int:pk>/close/", "POST", "/workspace/follow-ups/{follow_up}/close/", (302, 404, 404, 302, 404, 302)),
    ("workspace/follow-ups/<int:pk>/agenda/", "POST", "/workspace/follow-ups/{follow_up}/agenda/", (302, 404, 404, 404, 404, 404)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/follow-ups/", "GET", "/workspace/meetings/{pub}/items/{closed_item}/follow-ups/", (302, 404, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/items/<int:item_pk>/follow-ups/", "POST", "/workspace/meetings/{pub}/items/{closed_item}/follow-ups/", (302, 404, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/communication/", "GET", "/workspace/meetings/{pub}/communication/", (302, 404, 404, 200, 404, 200)),
    ("workspace/meetings/<int:pk>/communication.txt", "GET", "/workspace/meetings/{pub}/communication.txt", (302, 404, 404, 200, 404, 200)),
    # OParl: public data only, the same for everyone (a login changes nothing).
    ("oparl/v1/", "GET", "/oparl/v1/", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/system", "GET", "/oparl/v1/system", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body", "GET", "/oparl/v1/body", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>", "GET", "/oparl/v1/body/{body}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/organization", "GET", "/oparl/v1/body/{body}/organization", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/person", "GET", "/oparl/v1/body/{body}/person", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/meeting", "GET", "/oparl/v1/body/{body}/meeting", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/paper", "GET", "/oparl/v1/body/{body}/paper", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/agendaItem", "GET", "/oparl/v1/body/{body}/agendaItem", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/consultation", "GET", "/oparl/v1/body/{body}/consultation", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/file", "GET", "/oparl/v1/body/{body}/file", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/location", "GET", "/oparl/v1/body/{body}/location", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/legislativeTerm", "GET", "/oparl/v1/body/{body}/legislativeTerm", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/body/<oparl_id:pk>/legislativeTerm/<oparl_id:year>", "GET", "/oparl/v1/body/{body}/legislativeTerm/{year}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/organization/<oparl_id:pk>", "GET", "/oparl/v1/organization/{organization}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/organization/<oparl_id:pk>/meeting", "GET", "/oparl/v1/organization/{organization}/meeting", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/organization/<oparl_id:pk>/consultation", "GET", "/oparl/v1/organization/{organization}/consultation", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/meeting/<oparl_id:pk>", "GET", "/oparl/v1/meeting/{pub}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/meeting/<oparl_id:pk>", "GET", "/oparl/v1/meeting/{draft}", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/meeting/<oparl_id:pk>/invitation", "GET", "/oparl/v1/meeting/{pub}/invitation", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/meeting/<oparl_id:pk>/resultsProtocol", "GET", "/oparl/v1/meeting/{pub}/resultsProtocol", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/agendaItem/<oparl_id:pk>", "GET", "/oparl/v1/agendaItem/{closed_item}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/agendaItem/<oparl_id:pk>", "GET", "/oparl/v1/agendaItem/{draft_item}", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/paper/<oparl_id:pk>", "GET", "/oparl/v1/paper/{open_case_id}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/paper/<oparl_id:pk>", "GET", "/oparl/v1/paper/{closed_case_id}", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/consultation/<oparl_id:pk>", "GET", "/oparl/v1/consultation/{open_item}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/consultation/<oparl_id:pk>", "GET", "/oparl/v1/consultation/{closed_item}", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/file/<oparl_id:pk>", "GET", "/oparl/v1/file/{att_public}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/file/<oparl_id:pk>", "GET", "/oparl/v1/file/{att_closed}", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/file/<oparl_id:pk>/access", "GET", "/oparl/v1/file/{att_public}/access", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/file/<oparl_id:pk>/access", "GET", "/oparl/v1/file/{att_of_closed_item}/access", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/file/<oparl_id:pk>/download", "GET", "/oparl/v1/file/{att_public}/download", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/file/<oparl_id:pk>/download", "GET", "/oparl/v1/file/{att_closed}/download", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/location/<str:key>", "GET", "/oparl/v1/location/{location}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/person/<oparl_id:pk>", "GET", "/oparl/v1/person/{person}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/person/<oparl_id:pk>", "GET", "/oparl/v1/person/{loner}", (404, 404, 404, 404, 404, 404)),
    ("oparl/v1/membership/<oparl_id:pk>", "GET", "/oparl/v1/membership/{membership}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/party/<oparl_id:pk>", "GET", "/oparl/v1/party/{party}", (200, 200, 200, 200, 200, 200)),
    ("oparl/v1/^(?P<rest>.*)$", "GET", "/oparl/v1/nothing/here", (404, 404, 404, 404, 404, 404)),
    # The JSON API: reads as the public (or a token's user), whoever is logged in; writes only with a token.
    ("api/", "GET", "/api/", (404, 404, 404, 404, 404, 404)),
    ("api/openapi.json", "GET", "/api/openapi.json", (200, 200, 200, 200, 200, 200)),
    ("api/docs", "GET", "/api/docs", (200, 200, 200, 200, 200, 200)),
    ("api/bodies", "GET", "/api/bodies", (200, 200, 200, 200, 200, 200)),
    ("api/meetings", "GET", "/api/meetings", (200, 200, 200, 200, 200, 200)),
    ("api/meetings", "POST", "/api/meetings", (401, 401, 401, 401, 401, 401)),
    ("api/meetings/<meeting_id>", "GET", "/api/meetings/{pub}", (200, 200, 200, 200, 200, 200)),
    ("api/meetings/<meeting_id>", "GET", "/api/meetings/{draft}", (404, 404, 404, 404, 404, 404)),
    ("api/meetings/<meeting_id>", "PATCH", "/api/meetings/{pub}", (401, 401, 401, 401, 401, 401)),
    ("api/meetings/<meeting_id>/status", "POST", "/api/meetings/{pub}/status", (401, 401, 401, 401, 401, 401)),
    ("api/meetings/<meeting_id>/items", "POST", "/api/meetings/{pub}/items", (401, 401, 401, 401, 401, 401)),
    ("api/items", "GET", "/api/items", (200, 200, 200, 200, 200, 200)),
    ("api/items/<item_id>", "GET", "/api/items/{closed_item}", (200, 200, 200, 200, 200, 200)),
    ("api/items/<item_id>", "GET", "/api/items/{draft_item}", (404, 404, 404, 404, 404, 404)),
    ("api/items/<item_id>", "PATCH", "/api/items/{open_item}", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/decisions", "POST", "/api/items/{open_item}/decisions", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/attachments", "POST", "/api/items/{open_item}/attachments", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/attachments/upload", "POST", "/api/items/{open_item}/attachments/upload", (401, 401, 401, 401, 401, 401)),
    ("api/cases", "GET", "/api/cases", (200, 200, 200, 200, 200, 200)),
    ("api/cases", "POST", "/api/cases", (401, 401, 401, 401, 401, 401)),
    ("api/cases/<case_id>", "GET", "/api/cases/{open_case_id}", (200, 200, 200, 200, 200, 200)),
    ("api/cases/<case_id>", "GET", "/api/cases/{closed_case_id}", (404, 404, 404, 404, 404, 404)),
    ("api/cases/<case_id>", "PATCH", "/api/cases/{open_case_id}", (401, 401, 401, 401, 401, 401)),
    ("api/attachments/<attachment_id>", "GET", "/api/attachments/{att_public}", (200, 200, 200, 200, 200, 200)),
    ("api/attachments/<attachment_id>", "GET", "/api/attachments/{att_closed}", (404, 404, 404, 404, 404, 404)),
    ("api/attachments/<attachment_id>/download", "GET", "/api/attachments/{att_public}/download", (200, 200, 200, 200, 200, 200)),
    ("api/attachments/<attachment_id>/download", "GET", "/api/attachments/{att_of_closed_item}/download", (404, 404, 404, 404, 404, 404)),
    # Persons: their public part for everyone; someone without a seat or attendance is not told of.
    ("api/persons", "GET", "/api/persons", (200, 200, 200, 200, 200, 200)),
    ("api/persons", "POST", "/api/persons", (401, 401, 401, 401, 401, 401)),
    ("api/persons/<person_id>", "GET", "/api/persons/{person}", (200, 200, 200, 200, 200, 200)),
    ("api/persons/<person_id>", "GET", "/api/persons/{loner}", (404, 404, 404, 404, 404, 404)),
    ("api/parties", "POST", "/api/parties", (401, 401, 401, 401, 401, 401)),
    ("api/memberships", "GET", "/api/memberships", (200, 200, 200, 200, 200, 200)),
    ("api/memberships", "POST", "/api/memberships", (401, 401, 401, 401, 401, 401)),
    ("api/memberships/<membership_id>/end", "POST", "/api/memberships/{membership}/end", (401, 401, 401, 401, 401, 401)),
    ("api/meetings/<meeting_id>/attendance", "POST", "/api/meetings/{pub}/attendance", (401, 401, 401, 401, 401, 401)),
    ("api/meetings/<meeting_id>/deputies", "POST", "/api/meetings/{pub}/deputies", (401, 401, 401, 401, 401, 401)),
    ("api/meetings/<meeting_id>/guests", "POST", "/api/meetings/{pub}/guests", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/absences", "POST", "/api/items/{open_item}/absences", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/votes", "POST", "/api/items/{held_item}/votes", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/votes/<vote_id>/remove", "POST", "/api/items/{held_item}/votes/{vote}/remove", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/statements", "POST", "/api/items/{held_item}/statements", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/statements/<statement_id>/remove", "POST", "/api/items/{held_item}/statements/{statement}/remove", (401, 401, 401, 401, 401, 401)),
    ("api/items/<item_id>/disqualifications", "POST", "/api/items/{held_item}/disqualifications", (401, 401, 401, 401, 401, 401)),
    # The admin: staff only (the secretariat is not staff); everything else is sent to its login.
    ("admin/", "GET", "/admin/", (302, 302, 302, 302, 302, 200)),
    ("admin/", "GET", "/admin/meetings/meeting/", (302, 302, 302, 302, 302, 200)),
    ("admin/", "GET", "/admin/meetings/agendaitem/{closed_item}/change/", (302, 302, 302, 302, 302, 200)),
    ("admin/", "GET", "/admin/cases/attachment/", (302, 302, 302, 302, 302, 200)),
    ("admin/", "GET", "/admin/auth/user/", (302, 302, 302, 302, 302, 200)),
]
# fmt: on

# API writes with a token: the token of the body, of another body, and none.
TOKEN_ROLES = ("no token", "body's token", "other body's token")
TOKEN_TABLE: list[tuple[str, str, dict, tuple[int, ...]]] = [
    ("POST", "/api/meetings", {"body_id": "{body_id}", "date": "2031-01-01"}, (401, 201, 403)),
    ("PATCH", "/api/meetings/{pub}", {"location": "Byrådssalen"}, (401, 200, 403)),
    ("POST", "/api/meetings/{draft}/status", {"status": "agenda_published"}, (401, 200, 404)),
    ("POST", "/api/meetings/{draft}/items", {"title": "Nyt punkt"}, (401, 201, 404)),
    ("PATCH", "/api/items/{open_item}", {"title": "Ny titel"}, (401, 200, 403)),
    ("PATCH", "/api/items/{closed_item}", {"title": "Ny titel"}, (401, 200, 403)),
    ("POST", "/api/items/{open_item}/decisions", {"text": "Godkendt."}, (401, 201, 403)),
    ("POST", "/api/items/{closed_item}/attachments", {"title": "Bilag"}, (401, 201, 403)),
    ("POST", "/api/cases", {"number": "2031-01-000001", "title": "Ny sag"}, (401, 201, 201)),
    ("PATCH", "/api/cases/{closed_case_id}", {"title": "Ny titel"}, (401, 200, 404)),
    # Persons and parties are the organisation's (both bodies'); seats and attendance the body's own.
    ("POST", "/api/parties", {"letter": "Z", "name": "Zliste"}, (401, 201, 201)),
    ("POST", "/api/persons", {"name": "Ny Person", "party_letter": "A"}, (401, 201, 201)),
    (
        "POST",
        "/api/memberships",
        {"person_id": "{loner}", "body_id": "{body_id}", "start_date": "2031-01-01"},
        (401, 201, 403),
    ),
    ("POST", "/api/memberships/{membership}/end", {"end_date": "2031-12-31"}, (401, 200, 403)),
    (
        "POST",
        "/api/meetings/{pub}/attendance",
        {"person_id": "{person}", "status": "excused"},
        (401, 200, 403),
    ),
    ("POST", "/api/meetings/{pub}/deputies", {"for_person_id": "{person}"}, (401, 400, 403)),  # present
    ("POST", "/api/meetings/{pub}/guests", {"person_id": "{loner}"}, (401, 201, 403)),
    ("POST", "/api/items/{open_item}/absences", {"person_id": "{person}"}, (401, 200, 403)),
    # Votes, protokoltilførsler and inhabilitet: the body's own, on a held meeting.
    ("POST", "/api/items/{held_item}/votes", {"question": "X", "parties": {"A": "for"}}, (401, 201, 403)),
    ("POST", "/api/items/{held_item}/votes/{vote}/remove", {}, (401, 200, 403)),
    ("POST", "/api/items/{held_item}/statements/{statement}/remove", {}, (401, 200, 403)),
    (
        "POST",
        "/api/items/{held_item}/statements",
        {"author_ids": ["{person}"], "text": "Imod."},
        (401, 201, 403),
    ),
    ("POST", "/api/items/{held_item}/disqualifications", {"person_id": "{person}"}, (401, 400, 403)),  # voted
    ("POST", "/api/items/{held_item}/disqualifications", {"person_id": "{loner}"}, (401, 201, 403)),
]


def _patterns(patterns, prefix: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            route = prefix + str(p.pattern)
            if route == "admin/":
                yield route
                continue
            yield from _patterns(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def test_every_url_pattern_has_a_row():
    patterns = set(_patterns(get_resolver().url_patterns))
    rows = {row[0] for row in TABLE}
    assert not patterns - rows, f"URLs without a row in the authorization table: {sorted(patterns - rows)}"
    assert not rows - patterns, f"rows for URLs that no longer exist: {sorted(rows - patterns)}"


@pytest.fixture
def world(db, settings):
    """Two bodies of one municipality; body A has a sent agenda (an open item with a public and a closed
    attachment, a closed item with an attachment), a held meeting and a draft; users in every role."""
    from django.contrib.auth import get_user_model

    from protokol.cases import services as case_services
    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.enums import Role
    from protokol.meetings.tests import factories
    from protokol.planning import services as planning

    by = system_user()
    org = factories.organization("Matrixby Kommune")
    a = factories.body("Direktionen", org=org)
    b = factories.body("Kulturudvalget", org=org)
    users = {
        "member": factories.member(a),
        "other_member": factories.member(b),
        "secretariat": factories.member(a, role=Role.SECRETARIAT),
        "other_secretariat": factories.member(b, role=Role.SECRETARIAT),
        "admin": get_user_model().objects.create_superuser(
            "matrixadmin", "a@example.dk", "test-password-123"
        ),
    }
    soon = timezone.localdate() + timedelta(days=5)
    pub = services.create_meeting(body=a, date=soon, start_time=time(9), location="Rådhuset", by=by)
    open_case = case_services.resolve_case(organization=org, number="2026-01-000001", title="Åben", by=by)
    closed_case = case_services.resolve_case(organization=org, number="2026-01-000002", title="Lukket", by=by)
    open_item = services.add_item(
        meeting=pub,
        title="Budget",
        case=open_case,
        route=["Direktionen", "Kulturudvalget"],
        sections=[("Sagsfremstilling", "Budgettet for næste år.")],
        by=by,
    )
    closed_item = services.add_item(
        meeting=pub,
        title="Personalesag",
        public=False,
        subject_confidential=True,
        case=closed_case,
        sections=[("Sag", "Hemmeligt.")],
        by=by,
    )
    pdf = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    att_public = case_services.add_attachment(
        item=open_item, title="Notat", content=pdf, file_name="notat.pdf", mime_type="application/pdf", by=by
    )
    att_closed = case_services.add_attachment(
        item=open_item, title="Tilbud", public=False, content=pdf, file_name="tilbud.pdf", by=by
    )
    att_of_closed_item = case_services.add_attachment(
        item=closed_item,
        title="Bilag",
        content=pdf,
        file_name="bilag.pdf",
        mime_type="application/pdf",
        by=by,
    )
    services.publish_agenda(pub, by=by)
    held = services.create_meeting(body=a, date=soon - timedelta(days=14), start_time=time(9), by=by)
    held_item = services.add_item(meeting=held, title="Orientering", by=by)
    services.publish_agenda(held, by=by)
    services.mark_held(held, by=by)
    draft = services.create_meeting(body=a, date=soon + timedelta(days=30), by=by)
    draft_item = services.add_item(meeting=draft, title="Kladde", by=by)
    services.add_item(meeting=draft, title="Kladde 2", by=by)
    services.create_meeting(body=b, date=soon + timedelta(days=40), by=by)  # forward_item's target
    follow_up = planning.create_follow_up(item=closed_item, what="Følg op", by=by)
    series = planning.create_series(
        body=a,
        name="Møder",
        rule="FREQ=MONTHLY;BYDAY=1MO",
        first_date=date(2031, 1, 6),
        horizon_days=0,
        by=by,
    )
    from protokol.people import services as people
    from protokol.people import votes
    from protokol.people.tests.factories import seat

    membership = seat(a, "Anna Andersen", letter="A", start=date(2020, 1, 1))
    people.set_attendance(meeting=pub, person=membership.person, status="present", by=by)
    # A held meeting's vote in which Anna abstained: she may add a protokoltilførsel, and not be inhabil.
    people.set_attendance(meeting=held, person=membership.person, status="present", by=by)
    vote = votes.record_vote(item=held_item, question="Indstillingen", parties={"A": "abstain"}, by=by)
    statement = votes.add_printed_statement(item=held_item, authors=["Anna Andersen"], text="Imod.", by=by)
    loner = people.create_person(organization=org, name="Dorte Direktør", title="Kommunaldirektør", by=by)
    from protokol.people.models import MemberRequest

    # Answered already, so that it does not hold back the draft's sending in the rows that send it; the
    # secretariat's place/answer on it are refused with a message (302), the others' never reach it.
    member_request = MemberRequest.objects.create(
        body=a,
        person=membership.person,
        title="Cykelsti",
        text="Sæt cykelstien på dagsordenen.",
        status="answered",
        answer="Hører under et andet udvalg.",
    )
    closed_item.refresh_from_db()
    admin = Client()
    admin.force_login(users["admin"])
    locations = admin.get(f"/oparl/v1/body/{org.pk}/location").json()["data"]
    values = {
        "slug": a.slug,
        "body": org.pk,  # an OParl Body is the municipality, an OParl Organization a committee
        "organization": a.pk,
        "body_id": a.pk,
        "year": soon.year,
        "pub": pub.pk,
        "held": held.pk,
        "held_item": held_item.pk,
        "vote": vote.pk,
        "statement": statement.pk,
        "draft": draft.pk,
        "open_item": open_item.pk,
        "closed_item": closed_item.pk,
        "closed_no": closed_item.number,
        "draft_item": draft_item.pk,
        "open_case": open_case.number,
        "closed_case": closed_case.number,
        "open_case_id": open_case.pk,
        "closed_case_id": closed_case.pk,
        "att_public": att_public.pk,
        "att_closed": att_closed.pk,
        "att_of_closed_item": att_of_closed_item.pk,
        "follow_up": follow_up.pk,
        "series": series.pk,
        "person": membership.person_id,
        "membership": membership.pk,
        "party": membership.person.party_id,
        "loner": loner.pk,
        "member_request": member_request.pk,
        "location": locations[0]["id"].rstrip("/").rsplit("/", 1)[-1] if locations else "x",
    }
    return {"users": users, "values": values, "a": a, "b": b}


# Who may write through a row's URL (an audit entry): the secretariat and the administrator; members sign.
# A logout and a wrong second-factor code are audited for whoever it is.
WRITERS = {
    "/workspace/meetings/{held}/sign/": {"member"},
    "/workspace/logout/": set(ROLES),
    "/workspace/second-factor/setup/": set(ROLES),
}


def _status(client: Client, method: str, url: str, data=None) -> tuple[int, bool]:
    """The status of one request, and whether it wrote anything (an audit entry), rolled back after."""
    from protokol.common.models import AuditEntry

    with transaction.atomic():
        entries = AuditEntry.objects.count()
        if method == "GET":
            response = client.get(url)
        elif method == "POST":
            response = (
                client.post(url, data or {}, content_type="application/json")
                if url.startswith("/api/")
                else client.post(url, data or {})
            )
        else:
            response = client.generic(method, url, data="{}", content_type="application/json")
        wrote = AuditEntry.objects.count() > entries
        transaction.set_rollback(True)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code, wrote


def test_every_url_answers_every_role_as_the_table_says(world):
    def client(role: str) -> Client:  # a fresh one per cell: a logout in one cell ends no other's session
        c = Client()
        if role != "anonymous":
            c.force_login(world["users"][role])
        return c

    wrong = []
    actual_rows = []
    for pattern, method, template, expected in TABLE:
        url = template.format(**world["values"])
        results = [_status(client(role), method, url) for role in ROLES]
        actual = tuple(status for status, _wrote in results)
        writers = WRITERS.get(template, {"secretariat", "admin"})
        for role, (_status_code, wrote) in zip(ROLES, results, strict=True):
            if wrote and role not in writers:
                wrong.append(f"{method} {url}: {role} changed something (an audit entry was written)")
        actual_rows.append((pattern, method, template, actual))
        if actual != expected:
            wrong.append(
                f"{method} {url} ({pattern}):\n"
                + "\n".join(
                    f"    {role:18} expected {e}, got {g}{'  <--' if e != g else ''}"
                    for role, e, g in zip(ROLES, expected, actual, strict=True)
                )
            )
    if os.environ.get("PROTOKOL_MATRIX_PRINT"):
        for row in actual_rows:
            print(row)
    assert not wrong, f"{len(wrong)} cells differ from the table:\n" + "\n".join(wrong)


def test_api_writes_need_the_bodys_own_token(world):
    from protokol.api.tokens import create_token
    from protokol.common.users import system_user

    _token, secret_a = create_token(name="ESDH A", body=world["a"], by=system_user())
    _token, secret_b = create_token(name="ESDH B", body=world["b"], by=system_user())
    headers = [{}, {"HTTP_AUTHORIZATION": f"Bearer {secret_a}"}, {"HTTP_AUTHORIZATION": f"Bearer {secret_b}"}]
    wrong = []
    for method, template, data, expected in TOKEN_TABLE:
        url = template.format(**world["values"])
        payload = {k: (v.format(**world["values"]) if isinstance(v, str) else v) for k, v in data.items()}
        for key in [k for k in payload if k.endswith("_id")]:
            payload[key] = int(payload[key])
        for key in [k for k in payload if k.endswith("_ids")]:
            payload[key] = [int(str(v).format(**world["values"])) for v in payload[key]]
        actual = []
        for extra in headers:
            client = Client(**extra)
            with transaction.atomic():
                response = client.generic(
                    method, url, data=json.dumps(payload), content_type="application/json"
                )
                transaction.set_rollback(True)
            actual.append(response.status_code)
        if tuple(actual) != expected:
            wrong.append(
                f"{method} {url}: "
                + ", ".join(f"{r} {e}->{g}" for r, e, g in zip(TOKEN_ROLES, expected, actual, strict=True))
            )
    assert not wrong, "\n".join(wrong)


def test_with_the_second_factor_required_every_row_asks_for_it_first(world, settings):
    """PROTOKOL_REQUIRE_2FA on (the default outside the tests): a login in any role, without a verified
    second factor, reaches no URL of the table (workspace, admin, portal) but the login's own pages, the
    language switch and the APIs, which never read the login cookie."""
    from protokol.workspace.second_factor import OPEN_PREFIXES

    settings.PROTOKOL_REQUIRE_2FA = True
    wrong = []
    for _pattern, method, template, _expected in TABLE:
        url = template.format(**world["values"])
        if url.startswith(OPEN_PREFIXES) or method not in ("GET", "POST"):
            continue
        for role in ROLES[1:]:
            c = Client()
            c.force_login(world["users"][role])
            with transaction.atomic():
                response = c.get(url) if method == "GET" else c.post(url, {})
                transaction.set_rollback(True)
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith(
                "/workspace/second-factor/setup/?next="
            ):
                wrong.append(f"{method} {url} as {role}: {response.status_code} {location}")
    assert not wrong, "\n".join(wrong)
