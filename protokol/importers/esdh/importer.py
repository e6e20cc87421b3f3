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
from .common import Doc, Reading
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


def storable(doc: Doc, warnings: list[str]) -> Doc:
    """The document as the store can hold it: items numbered by whole numbers. An outline ("1.1") has no
    place in an item's number yet, so such items are numbered 1..N in their order, with a warning."""
    items = doc.get("items") or []
    if all(isinstance(it.get("number"), int) for it in items):
        return doc
    printed = ", ".join(str(it.get("number")) for it in items)
    warnings.append(
        _("punktnumrene (%(numbers)s) er ikke hele tal; punkterne er gemt som 1-%(n)s i rækkefølge")
        % {"numbers": printed, "n": len(items)}
    )
    return {**doc, "items": [{**it, "number": n} for n, it in enumerate(items, start=1)]}


def import_package(path: Path, *, by: Actor, organization: str | None = None) -> PackageResult:
    """Read and store the package at `path` (folder or zip); raises ImportRefused or ProtokolError."""
    with package.opened(path) as root:
        reading = package.read(root)
        warnings = list(reading.warnings)
        doc = storable(reading.doc, warnings)
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
