"""One package from disk into the database: read, store through store_document, make the committee's
members persons; one line for the user either way. A package that fails leaves nothing behind."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from protokol.common.actors import Actor
from protokol.common.errors import ProtokolError

from ..errors import ImportRefused
from ..store import StoreResult, store_document
from . import package
from .common import Reading
from .members import link_members


@dataclass
class PackageResult:
    reading: Reading
    stored: StoreResult
    seats: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = f"{self.stored.summary()} [{self.reading.system}"
        line += (", " + _("%(n)s nye medlemskaber") % {"n": self.seats} + "]") if self.seats else "]"
        return line + "".join(f"\n  {_('advarsel')}: {w}" for w in self.warnings)


def import_package(path: Path, *, by: Actor, organization: str | None = None) -> PackageResult:
    """Read and store the package at `path` (folder or zip); raises ImportRefused or ProtokolError."""
    with package.opened(path) as root:
        reading = package.read(root)
        warnings = list(reading.warnings)
        doc = reading.doc
        with transaction.atomic():
            stored = store_document(
                doc, by=by, organization=organization, source=path.name, files=reading.files
            )
            seats, more = link_members(meeting=stored.meeting, members=reading.committee, by=by)
    return PackageResult(reading=reading, stored=stored, seats=seats, warnings=warnings + more)


def import_path(path: Path, *, by: Actor, organization: str | None = None) -> tuple[bool, str]:
    """(True, summary) or (False, "path: reason"), as importers.run.import_file."""
    try:
        result = import_package(path, by=by, organization=organization)
    except (ImportRefused, ProtokolError) as err:
        return False, f"{path}: {err}"
    return True, result.summary()
