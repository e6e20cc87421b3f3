"""One file from disk into the database: parse, store, and one line for the user either way."""

from pathlib import Path

from protokol.common.errors import ProtokolError
from protokol.common.users import system_user
from protokol.importers.errors import ImportRefused
from protokol.importers.parse import parse_file
from protokol.importers.store import attachment_files, store_document


def import_file(path: Path, *, organization: str | None = None) -> tuple[bool, str]:
    """(True, summary) or (False, "file: reason"); a failed file leaves nothing behind."""
    try:
        doc = parse_file(path)
        result = store_document(
            doc, by=system_user(), organization=organization, source=path.name, files=attachment_files(path)
        )
    except (ImportRefused, ProtokolError) as err:
        return False, f"{path}: {err}"
    warnings = doc.get("warnings") or []
    return True, " ".join([result.summary(), *(f"({w})" for w in warnings)])


def import_package(path: Path, *, organization: str | None = None) -> tuple[bool, str]:
    """An ESDH package (folder or zip), as import_file a document."""
    from protokol.importers.esdh.importer import import_path

    return import_path(path, by=system_user(), organization=organization)


def import_path(path: Path, *, organization: str | None = None) -> tuple[bool, str]:
    """A document or an ESDH package, whichever the path is."""
    from protokol.importers.esdh.package import is_package

    return (import_package if is_package(path) else import_file)(path, organization=organization)
