"""Bad input is refused with a clear message and changes nothing."""

import pytest
from django.db import IntegrityError, transaction
from typer.testing import CliRunner

from protokol.cases import services as case_services
from protokol.cases.models import Case
from protokol.cli import app
from protokol.common.errors import Conflict, ProtokolError
from protokol.common.models import AuditEntry
from protokol.meetings import services
from protokol.meetings.models import AgendaItem
from protokol.meetings.tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "ref", ["direktionen/2016-05-31", "ingen/2016-05-30", "999999", "direktionen/maj", ""]
)
def test_export_of_an_unknown_meeting_fails_with_a_clear_line(reference_meeting, ref):
    audit = AuditEntry.objects.count()
    result = CliRunner().invoke(app, ["export", ref])
    assert result.exit_code == 1
    assert "Intet møde hedder" in result.stderr
    assert result.stdout == ""
    assert AuditEntry.objects.count() == audit


@pytest.mark.parametrize("kle", ["0.01.00", "00-01-00", "00.01.00.00", "ab.cd.ef", "00.1.00"])
def test_an_invalid_kle_number_is_refused(system, kle):
    org = factories.organization()
    with pytest.raises(ProtokolError, match="KLE"):
        case_services.resolve_case(organization=org, number="16/3842", journal_number=kle, by=system)
    assert not Case.objects.exists()


@pytest.mark.parametrize("kle", ["00.01.00", "00.01", "85", ""])
def test_valid_kle_numbers_and_groups_are_accepted(system, kle):
    case = case_services.resolve_case(
        organization=factories.organization(), number="16/3842", journal_number=kle, by=system
    )
    assert case.journal_number == kle


def test_a_duplicate_item_number_is_refused(system):
    m = factories.meeting()
    factories.item(m, "Første", number=1)
    with pytest.raises(ProtokolError, match="nummer 1 findes allerede"):
        factories.item(m, "Anden", number=1)
    other = factories.item(m, "Anden", number=2)
    with pytest.raises(ProtokolError, match="nummer 1 findes allerede"):
        services.update_item(item=other, number=1, by=system)
    assert sorted(m.items.values_list("number", flat=True)) == [1, 2]


def test_the_database_itself_refuses_a_duplicate_item_number(system):
    m = factories.meeting()
    factories.item(m, "Første", number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=m, title="Snyd", number=1)


def test_the_database_itself_refuses_a_duplicate_case_number(system):
    org = factories.organization()
    case_services.resolve_case(organization=org, number="16/3842", by=system)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(organization=org, number="16/3842")


def test_an_item_without_title_is_refused(system):
    m = factories.meeting()
    with pytest.raises(ProtokolError, match="titel"):
        factories.item(m, "   ")
    assert not m.items.exists()


def test_a_stale_edit_is_refused_and_the_other_version_kept(system):
    item = factories.item(factories.meeting(), "Original")
    services.update_item(item=item, title="Første sekretærs rettelse", expected_version=1, by=system)
    with pytest.raises(Conflict):
        services.update_item(item=item, title="Anden sekretærs rettelse", expected_version=1, by=system)
    item.refresh_from_db()
    assert item.title == "Første sekretærs rettelse" and item.version == 2


def test_someone_without_a_role_cannot_write(system):
    from protokol.meetings.rules import Forbidden

    m = factories.meeting()
    outsider = factories.user()
    member = factories.member(m.body)
    for who in (outsider, member):
        with pytest.raises(Forbidden):
            services.add_item(meeting=m, title="Ulovligt", by=who)
    assert not m.items.exists()
