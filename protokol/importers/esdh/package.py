"""A publication package as a folder or a zip: which system made it, and its reading.

A zip is unpacked into a temporary folder (only regular files, inside that folder, within the size
limits); macOS' `__MACOSX/` and `._name` entries are not documents and are skipped.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from ..errors import ImportRefused
from ..readers import MAX_FILE_BYTES
from . import acadre, edoc, sbsys
from .common import Reading

#: a package unpacks to this much at the most
MAX_PACKAGE_BYTES = 2 * MAX_FILE_BYTES
MAX_ENTRIES = 5000


def _skipped(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not parts or parts[0] == "__MACOSX" or parts[-1].startswith("._") or parts[-1] == ".DS_Store"


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its maker meant it: macOS writes UTF-8 without the flag that says so, which
    Python then reads as code page 437 ("a╠èbent" for "åbent")."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


def _unzip(archive: Path, target: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as z:
            entries = [i for i in z.infolist() if not i.is_dir() and not _skipped(i.filename)]
            if len(entries) > MAX_ENTRIES:
                raise ImportRefused(f"{archive.name}: for mange filer i arkivet ({len(entries)})")
            if sum(i.file_size for i in entries) > MAX_PACKAGE_BYTES:
                raise ImportRefused(f"{archive.name}: arkivet er for stort udpakket")
            for info in entries:
                name = PurePosixPath(_entry_name(info))
                if name.is_absolute() or ".." in name.parts:
                    raise ImportRefused(f"{archive.name}: arkivet peger uden for sig selv ({info.filename})")
                out = target.joinpath(*name.parts)
                out.parent.mkdir(parents=True, exist_ok=True)
                with z.open(info) as src, out.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as err:
        raise ImportRefused(f"{archive.name}: ødelagt ZIP-arkiv ({err})") from err


def _find(root: Path) -> tuple[str, Path] | None:
    """(system, its XML) in `root` or one folder down."""
    for folder in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        names = {p.name: p for p in folder.iterdir() if p.is_file()}
        if edoc.XML_NAME in names:
            return "edoc", names[edoc.XML_NAME]
        outer = sorted(p for n, p in names.items() if n.startswith("XML_") and n.lower().endswith(".xml"))
        if outer:
            return "acadre", outer[0]
        if "publication.xml" in names:
            return "sbsys", names["publication.xml"]
        publication = sorted(
            p for n, p in names.items() if n.startswith("Publication") and n.lower().endswith(".xml")
        )
        if publication:
            return "sbsys", publication[0]
    return None


def is_package(path: Path) -> bool:
    """Whether `path` is a folder or zip holding an ESDH package (a DOCX, also a zip, is not)."""
    if path.is_dir():
        return _find(path) is not None
    if not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if not _skipped(n)]
    except (zipfile.BadZipFile, OSError):
        return False
    if "word/document.xml" in names:
        return False
    base = {PurePosixPath(n).name for n in names}
    return bool(
        base & {edoc.XML_NAME, "publication.xml"}
        or any(n.startswith(("XML_", "Publication")) and n.lower().endswith(".xml") for n in base)
    )


@contextmanager
def opened(path: Path) -> Iterator[Path]:
    """The package's folder: `path` itself, or a temporary unpacking of the zip, removed afterwards."""
    if path.is_dir():
        yield path
        return
    if not path.is_file():
        raise ImportRefused(f"{path}: findes ikke")
    with tempfile.TemporaryDirectory(prefix="protokol-esdh-") as tmp:
        _unzip(path, Path(tmp))
        yield Path(tmp)


_NOT_FOUND = (
    "ingen ESDH-pakke fundet (Acadre XML_*.xml, eDoc eDocAgendaPublishing.xml, SBSYS Publication*.xml)"
)


def detect(root: Path) -> str:
    """ "acadre", "edoc" or "sbsys"."""
    found = _find(root)
    if found is None:
        raise ImportRefused(_NOT_FOUND)
    return found[0]


def read(root: Path) -> Reading:
    """The reading of the package unpacked at `root`."""
    found = _find(root)
    if found is None:
        raise ImportRefused(_NOT_FOUND)
    system, xml = found
    if system == "acadre":
        return acadre.read(xml)
    if system == "edoc":
        return edoc.read(xml)
    return sbsys.read(xml)
