"""A DOCX package checked before anything of it is inflated (a zip bomb is refused), or rebuilt
from its whole parts when it is damaged."""

from __future__ import annotations

import io
import zipfile

from .errors import DocumentRefused
from .notes import warn

#: the sum of the uncompressed sizes of all parts; a zip bomb is refused before it is inflated
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_PARTS = 20_000


def check_package(data: bytes) -> bytes:
    """The package to read: refuses one that is no DOCX or would inflate past the limits, before
    anything is inflated; a damaged one (cut off, or with a broken central directory) is rebuilt
    from its whole parts, with a warning."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        if not data.startswith(b"PK\x03\x04"):
            raise DocumentRefused("DOCX-filen er ikke et gyldigt ZIP-arkiv") from err
        from .salvage import WARNING, rebuild_docx

        rebuilt = rebuild_docx(data, MAX_UNCOMPRESSED_BYTES)
        warn(WARNING)
        return rebuilt
    if len(infos) > MAX_PARTS:
        raise DocumentRefused("DOCX-filen har for mange dele (ZIP-bombe?)")
    total = sum(max(info.file_size, 0) for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise DocumentRefused(
            f"DOCX-filen fylder {total // (1024 * 1024)} MB udpakket (over {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB;"
            " ZIP-bombe?)"
        )
    if not any(info.filename == "word/document.xml" for info in infos):
        raise DocumentRefused("ZIP-arkivet er ikke et Word-dokument (mangler word/document.xml)")
    return data
