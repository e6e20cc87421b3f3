"""Backup and restore round-trip every meeting, on whichever database the tests run on."""

import pytest
from django.core.management import call_command
from typer.testing import CliRunner

from protokol.cli import app
from protokol.meetings.interchange import export_meeting
from protokol.meetings.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)


def every_meeting() -> dict:
    return {m.key + f"#{m.pk}": export_meeting(m) for m in Meeting.objects.order_by("pk")}


def test_backup_and_restore_give_back_every_meeting(reference_meeting, tmp_path, settings):
    from protokol.cases import services as case_services
    from protokol.common.users import system_user

    settings.MEDIA_ROOT = tmp_path / "files"
    item = reference_meeting.items.get(number=1)
    case_services.add_attachment(
        item=item,
        title="Bilag med fil",
        content=b"%PDF-1.4 fil",
        file_name="bilag.pdf",
        by=system_user(),
        reason="Test",
    )
    before = every_meeting()
    archive = tmp_path / "backup.tar.gz"
    result = CliRunner().invoke(app, ["backup", str(archive)])
    assert result.exit_code == 0, result.output

    refused = CliRunner().invoke(app, ["restore", str(archive)])
    assert refused.exit_code == 1 and "ikke tom" in refused.stderr

    call_command("flush", interactive=False, verbosity=0)
    stored = list((tmp_path / "files").rglob("bilag*.pdf"))
    assert len(stored) == 1
    stored[0].unlink()  # the files go too, as on a new machine
    assert not Meeting.objects.exists()
    result = CliRunner().invoke(app, ["restore", str(archive)])
    assert result.exit_code == 0, result.output
    assert every_meeting() == before
    restored = Meeting.objects.get(pk=reference_meeting.pk)
    assert restored.minutes_hash == reference_meeting.minutes_hash
    attachment = restored.items.get(number=1).attachments.get(title="Bilag med fil")
    assert attachment.file.read() == b"%PDF-1.4 fil"


def test_restore_refuses_what_is_not_a_backup(tmp_path, db):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tarball")
    result = CliRunner().invoke(app, ["restore", str(bogus)])
    assert result.exit_code == 1 and "sikkerhedskopi" in result.stderr
