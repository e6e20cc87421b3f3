"""Date and time fields come back filled in: an edit form shows the stored value in the form the browser's
date picker reads (ISO), and posting the form unchanged keeps it (a Danish-formatted value, 25.02.2026, is
an empty field to <input type="date">, and the next save would wipe it)."""

from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import translation

from protokol.planning import services as planning_services
from protokol.planning.models import Communication
from protokol.workspace import forms, people_forms, planning_forms
from protokol.workspace.tests.conftest import login
from protokol.workspace.tests.formdata import form_data

pytestmark = pytest.mark.django_db


def test_the_meeting_form_shows_the_stored_date_and_an_unchanged_save_keeps_it(client, meeting, secretary):
    login(client, secretary)
    url = reverse("workspace:meeting", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert 'value="2030-06-03"' in page
    action = reverse("workspace:edit_meeting", args=[meeting.pk])
    data = form_data(page, action=action)
    assert data["date"] == ["2030-06-03"] and data["start_time"] == ["12:30"]
    data["location"] = ["Byrådssalen"]  # only the room changes
    response = client.post(action, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.location, meeting.date, meeting.start_time) == (
        "Byrådssalen",
        date(2030, 6, 3),
        time(12, 30),
    )


def test_saving_a_communication_record_unchanged_keeps_its_date(client, meeting, secretary):
    from protokol.meetings import services

    item = services.add_item(meeting=meeting, title="Budget", by=secretary)
    planning_services.record_communication(
        item=item, by=secretary, audiences=[], channels=[], date=date(2026, 2, 25), message="Nyhedsbrev"
    )
    login(client, secretary)
    url = reverse("workspace:communication", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert 'value="2026-02-25"' in page
    response = client.post(url, form_data(page, form_id=f"punkt-{item.pk}"))
    assert response.status_code == 302
    assert Communication.objects.get(item=item).date == date(2026, 2, 25)


DATE_FIELDS = [
    (forms.MeetingForm, {"date": date(2026, 2, 25), "start_time": time(9, 5), "end_time": time(16, 0)}),
    (planning_forms.SeriesForm, {"first_date": date(2026, 2, 25), "start_time": time(9, 5)}),
    (planning_forms.FollowUpForm, {"due": date(2026, 2, 25)}),
    (planning_forms.CommunicationForm, {"date": date(2026, 2, 25)}),
    (planning_forms.ThemeForm, {"month": date(2026, 2, 1)}),
    (people_forms.EndMembershipForm, {"end_date": date(2026, 2, 25)}),
]
EXPECTED = {
    date(2026, 2, 25): "2026-02-25",
    time(9, 5): "09:05",
    time(16, 0): "16:00",
    date(2026, 2, 1): "2026-02",
}


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(("form_class", "initial"), DATE_FIELDS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_date_and_time_field_of_the_workspace_renders_what_the_browser_reads(
    form_class, initial, language
):
    with translation.override(language):
        form = form_class(initial=initial)
        for name, value in initial.items():
            html = str(form[name])
            assert f'value="{EXPECTED[value]}"' in html, html
            # and the same text reads back as the same value
            assert form.fields[name].clean(EXPECTED[value]) == value


def test_the_membership_form_dates_read_back(board):
    with translation.override("da"):
        form = people_forms.MembershipForm(initial={"start_date": date(2026, 2, 25)}, body=board)
        assert 'value="2026-02-25"' in str(form["start_date"])


def test_no_workspace_form_has_a_date_or_time_widget_with_a_localized_format():
    """Any new date field goes through the ISO widgets (a guard for forms added later)."""
    from django import forms as django_forms

    classes = [
        c
        for module in (forms, planning_forms, people_forms)
        for c in vars(module).values()
        if isinstance(c, type) and issubclass(c, django_forms.Form) and c.__module__ == module.__name__
    ]
    checked = 0
    for form_class in classes:
        for name, field in form_class.base_fields.items():
            if isinstance(
                field, django_forms.DateField | django_forms.TimeField | django_forms.DateTimeField
            ):
                assert isinstance(field.widget, forms.IsoDateInput | forms.IsoTimeInput), (form_class, name)
                checked += 1
    assert checked >= 9
