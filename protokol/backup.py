"""Backup and restore of the whole database and the stored files, as one .tar.gz.

The archive holds manifest.json (what, when, counts), data.json (Django's serialisation with natural keys,
so it loads into SQLite or PostgreSQL alike) and files/ (attachments). A restore goes only into an empty
database, in one transaction, and ends by rebuilding the search index from the restored rows.

It knows the domain's models, so it sits above every part (like `cli`), not in `common`.
"""

import io
import json
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _

from protokol.common.errors import ProtokolError

FORMAT = "protokol/backup@1"
# Rebuilt by Django or by protokol itself; not data.
SKIPPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
    "search.outboxentry",
    "rendering.storedpdf",  # made again from the meeting on first request
}


def _models():
    return [m for m in apps.get_models() if m._meta.label_lower not in SKIPPED and not m._meta.proxy]


def backup(path: Path) -> dict:
    """Write the archive; returns the manifest."""
    objects = []
    counts = {}
    for model in serializers.sort_dependencies([(app, None) for app in apps.get_app_configs()]):
        if model not in _models():
            continue
        rows = list(model._base_manager.order_by("pk"))  # withdrawn attachments too
        counts[model._meta.label_lower] = len(rows)
        objects.extend(rows)
    data = serializers.serialize("json", objects, use_natural_foreign_keys=True, indent=None).encode("utf-8")
    manifest = {"format": FORMAT, "created": datetime.now(UTC).isoformat(), "counts": counts}
    with tarfile.open(path, "w:gz") as tar:
        for name, payload in (
            ("manifest.json", json.dumps(manifest, indent=2).encode()),
            ("data.json", data),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
        files = Path(settings.MEDIA_ROOT) / "attachments"
        if files.is_dir():
            tar.add(files, arcname="files/attachments")
    return manifest


def _database_is_empty() -> bool:
    from protokol.meetings.models import Meeting, Organization

    return not Meeting.objects.exists() and not Organization.objects.exists()


def restore(path: Path) -> dict:
    """Load an archive into an empty, migrated database; returns the manifest."""
    try:
        with tarfile.open(path, "r:gz") as tar, tempfile.TemporaryDirectory() as tmp:
            return _restore(tar, Path(tmp), path)
    except (OSError, tarfile.TarError) as err:
        raise ProtokolError(_("%(f)s er ikke en protokol-sikkerhedskopi.") % {"f": path}) from err


def _read(tar: tarfile.TarFile, member: str | tarfile.TarInfo) -> bytes:
    """A regular file of the archive; one that is not a regular file is as missing (KeyError)."""
    handle = tar.extractfile(member)
    if handle is None:
        raise KeyError(member)
    return handle.read()


def _restore(tar: tarfile.TarFile, tmp: Path, path: Path) -> dict:
    try:
        manifest = json.loads(_read(tar, "manifest.json"))
        data = _read(tar, "data.json")
    except (KeyError, AttributeError, ValueError) as err:
        raise ProtokolError(_("%(f)s er ikke en protokol-sikkerhedskopi.") % {"f": path}) from err
    if manifest.get("format") != FORMAT:
        raise ProtokolError(_("Ukendt format: %(v)s") % {"v": manifest.get("format")})
    if not _database_is_empty():
        raise ProtokolError(_("Databasen er ikke tom: en sikkerhedskopi indlæses kun i en tom database."))
    fixture = tmp / "data.json"
    fixture.write_bytes(data)
    with transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
    target = Path(settings.MEDIA_ROOT)
    for member in tar.getmembers():
        if not (member.name.startswith("files/") and member.isfile()):
            continue
        relative = Path(member.name).relative_to("files")
        if ".." in relative.parts or relative.is_absolute():
            raise ProtokolError(_("Ugyldigt filnavn i sikkerhedskopien: %(n)s") % {"n": member.name})
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(_read(tar, member))
    return manifest
