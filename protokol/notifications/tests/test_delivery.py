"""Must show: e-mail to the members through a real SMTP server: one per member for a sent agenda, one for
a change after sending, none twice after a crash between commit and sending, retried after the server
was down, and given up visibly after the last attempt."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from typer.testing import CliRunner

from protokol import cli
from protokol.meetings import services
from protokol.notifications import outbox
from protokol.notifications.models import Kind, Message, Status

pytestmark = pytest.mark.django_db
# The members and the deputy with an address (Eva has none; Carl's is his user account's).
ADDRESSES = ["anna@testby.dk", "bo@testby.dk", "carl@testby.dk", "dorte@testby.dk"]


def recipients(smtp, *, subject: str = "") -> Counter:
    return Counter(a for r in smtp.inbox.received if subject in r.subject for a in r.to)


def test_a_sent_agenda_is_one_email_to_each_member_and_deputy(
    smtp, committee, system, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(committee, by=system)
    assert recipients(smtp) == Counter(ADDRESSES)
    anna = smtp.inbox.to("anna@testby.dk")[0]
    assert anna.subject == "Dagsorden udsendt: Teknik- og Miljøudvalget 2. september 2026"
    assert "Kære Anna Andersen" in anna.text
    assert f"/workspace/meetings/{committee.pk}/" in anna.text
    assert anna.message["Message-ID"] == outbox.message_id(
        f"agenda:{committee.pk}:{Message.objects.get(to='anna@testby.dk').person_id}"
    )
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}


def test_a_change_after_sending_is_one_email_each_saying_what_changed(
    smtp, committee, system, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(committee, by=system)
    closed = committee.items.get(public=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_item(item=closed, title="Køb af Vestergade 12", by=system)
    changed = [r for r in smtp.inbox.received if r.subject.startswith("Dagsorden ændret")]
    assert Counter(a for r in changed for a in r.to) == Counter(ADDRESSES)
    text = changed[0].text
    assert "punkt 2: Køb af ejendom: ændret (titel)." in text
    # A closed item is named by its public title only: the e-mail leaves the access rules behind.
    assert "Vestergade" not in text and "Køb af grund" not in text
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(meeting=committee, location="Byrådssalen", by=system)
    moved = smtp.inbox.to("bo@testby.dk")[-1]
    assert "sted: Mødelokale 1 → Byrådssalen" in moved.text


def test_changes_within_the_window_go_out_as_one_email(
    smtp, committee, system, settings, django_capture_on_commit_callbacks
):
    settings.PROTOKOL_NOTIFY_CHANGE_DELAY = 300
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(committee, by=system)
    opened = committee.items.get(public=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_item(item=opened, title="Cykelsti langs Ringvejen og Søvej", by=system)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_sections(item=opened, sections=[("Sagsfremstilling", "Ny tekst")], by=system)
    assert recipients(smtp, subject="ændret") == Counter()  # still gathering
    outbox.drain(now=timezone.now() + timedelta(minutes=6))
    assert recipients(smtp, subject="ændret") == Counter(ADDRESSES)
    text = smtp.inbox.to("anna@testby.dk")[-1].text
    assert "ændret (titel)" in text and "sagsfremstillingen er ændret" in text


def test_a_rolled_back_write_sends_nothing(smtp, committee, system, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        services.publish_agenda(committee, by=system)
        raise RuntimeError("the request failed after the service")
    assert not Message.objects.exists()
    assert smtp.inbox.received == []


def test_a_crash_between_commit_and_sending_leaves_rows_the_next_drain_sends_once(
    smtp, committee, system, django_capture_on_commit_callbacks
):
    # The process dies after the commit: its on-commit drain never runs.
    with django_capture_on_commit_callbacks(execute=False):
        services.publish_agenda(committee, by=system)
    assert smtp.inbox.received == []
    assert Message.objects.filter(status=Status.PENDING).count() == len(ADDRESSES)
    # The timer's run of `protokol notify` sends them; a second run (or a second drain) sends nothing.
    run = CliRunner().invoke(cli.app, ["notify"])
    assert run.exit_code == 0, run.output
    assert "4 sendt" in run.output
    outbox.drain()
    CliRunner().invoke(cli.app, ["notify"])
    assert recipients(smtp) == Counter(ADDRESSES)


def test_a_claimed_message_is_not_sent_by_a_second_drain_until_its_lease_runs_out(
    smtp, committee, system, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        services.publish_agenda(committee, by=system)
    first = Message.objects.order_by("id").first()
    now = timezone.now()
    assert outbox.claim(first.pk, now)
    assert not outbox.claim(first.pk, now)  # two drains: only one takes the row
    # The claiming process dies here (before or after the server had it). Other drains leave the row...
    outbox.drain(now=now)
    assert recipients(smtp)[first.to] == 0
    # ... until its lease runs out; then it is sent, with the Message-ID its key gives it every time.
    outbox.drain(now=now + timedelta(minutes=10))
    received = smtp.inbox.to(first.to)
    assert len(received) == 1 and received[0].message["Message-ID"] == outbox.message_id(first.key)
    assert recipients(smtp) == Counter(ADDRESSES)


def test_messages_are_retried_after_the_smtp_server_was_down(
    smtp, committee, system, django_capture_on_commit_callbacks
):
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(committee, by=system)
    tried = Message.objects.get(attempts=1)
    assert tried.status == Status.PENDING and tried.last_error and tried.not_before > timezone.now()
    # The drain stopped at the first refusal; the rest wait untried.
    assert Message.objects.filter(attempts=0, status=Status.PENDING).count() == len(ADDRESSES) - 1
    smtp.start()
    result = outbox.drain(now=timezone.now() + timedelta(minutes=2))
    assert result.sent == len(ADDRESSES)
    assert recipients(smtp) == Counter(ADDRESSES)
    tried.refresh_from_db()
    assert tried.status == Status.SENT and tried.attempts == 2 and tried.last_error == ""


def test_a_message_that_keeps_failing_ends_failed_after_the_last_attempt(
    smtp, committee, system, settings, django_capture_on_commit_callbacks
):
    settings.PROTOKOL_NOTIFY_MAX_ATTEMPTS = 3
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=False):
        services.publish_agenda(committee, by=system)
    later = timezone.now()
    for _attempt in range(3 * len(ADDRESSES)):
        later += timedelta(hours=7)  # past any backoff
        outbox.drain(now=later)
    assert set(Message.objects.values_list("status", "attempts")) == {(Status.FAILED, 3)}
    assert all("Connection" in m.last_error for m in Message.objects.all())
    smtp.start()
    outbox.drain(now=later + timedelta(days=1))
    assert smtp.inbox.received == []  # a failed message stays failed (and visible) until someone acts


def test_minutes_to_sign_and_the_reminder_before_the_meeting(
    smtp, committee, system, django_capture_on_commit_callbacks
):
    from protokol.notifications.due import enqueue_due
    from protokol.people import services as people_services

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(committee, by=system)
    # The day before the meeting the timer writes one reminder each; a second run writes none.
    eve = timezone.make_aware(timezone.datetime(2026, 9, 1, 8, 0))
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_due(now=eve) == len(ADDRESSES)
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_due(now=eve) == 0
    assert recipients(smtp, subject="Påmindelse") == Counter(ADDRESSES)
    # Those who took part (not the deputy, not called in) are asked to sign when the meeting is held.
    people_services.prefill_attendance(meeting=committee, by=system)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_held(committee, by=system)
    assert recipients(smtp, subject="underskrift") == Counter(
        ["anna@testby.dk", "bo@testby.dk", "carl@testby.dk"]
    )


def test_a_member_who_chose_not_to_get_agendas_gets_none(
    smtp, committee, system, django_capture_on_commit_callbacks
):
    from protokol.notifications.services import set_preferences
    from protokol.people.models import Person

    anna = Person.objects.get(name="Anna Andersen")
    set_preferences(person=anna, agenda=False, by=anna.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(committee, by=system)
    assert recipients(smtp) == Counter(a for a in ADDRESSES if a != "anna@testby.dk")
    assert Message.objects.filter(kind=Kind.AGENDA).count() == 3


def test_the_admin_lists_failed_messages_and_sends_them_again(
    smtp, committee, system, settings, admin_client, django_capture_on_commit_callbacks
):
    from protokol.common.models import AuditEntry

    settings.PROTOKOL_NOTIFY_MAX_ATTEMPTS = 1
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=False):
        services.publish_agenda(committee, by=system)
    outbox.drain()
    failed = Message.objects.get(status=Status.FAILED)
    listing = admin_client.get("/admin/notifications/message/?status__exact=failed").content.decode()
    assert failed.key in listing
    smtp.start()
    response = admin_client.post(
        "/admin/notifications/message/", {"action": "send_again", "_selected_action": [failed.pk]}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="notifications.send_again", object_id=str(failed.pk)).exists()
    outbox.drain()
    assert recipients(smtp) == Counter(ADDRESSES)


def test_the_demo_data_emails_nobody(system, mailoutbox):
    from protokol.meetings.demo import generate
    from protokol.meetings.enums import MeetingStatus
    from protokol.meetings.models import Meeting
    from protokol.people.models import Person

    generate(meetings=4, seed=3)
    assert Person.objects.exclude(email="").exists()
    assert Meeting.objects.exclude(status=MeetingStatus.DRAFT).exists()
    assert not Message.objects.exists() and mailoutbox == []


def test_the_links_lead_to_the_organisations_own_host_where_it_has_one(
    smtp, committee, system, settings, django_capture_on_commit_callbacks
):
    """A tenant's workspace shows that organisation alone, so its people's e-mails link to its host."""
    from protokol.meetings.models import OrganizationHost

    settings.PROTOKOL_SITE_URL = "https://dagsorden.example.dk"
    OrganizationHost.objects.create(organization=committee.body.organization, host="dagsorden.testby.dk")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(committee, by=system)
    text = smtp.inbox.to("anna@testby.dk")[0].text
    assert f"https://dagsorden.testby.dk/workspace/meetings/{committee.pk}/" in text
    assert "https://dagsorden.testby.dk/workspace/notifications/" in text  # where they choose their e-mails
    assert "dagsorden.example.dk" not in text


def test_without_a_host_of_its_own_the_links_use_the_site_address(
    smtp, committee, system, settings, django_capture_on_commit_callbacks
):
    settings.PROTOKOL_SITE_URL = "https://dagsorden.example.dk/"
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(committee, by=system)
    assert (
        f"https://dagsorden.example.dk/workspace/meetings/{committee.pk}/"
        in smtp.inbox.to("anna@testby.dk")[0].text
    )
