"""atheris target: the importer on arbitrary input of one kind refuses with ImportRefused or reads it; nothing
else. The kind (text, html, pdf, docx) picks the seeds the fuzzer starts from.

Run through `make fuzz` (bounded in time), or: python fuzz/fuzz_importer.py pdf -max_total_time=60 CORPUS_DIR
"""

import contextlib
import sys
from pathlib import Path

import atheris
from _common import write_seeds  # puts the repository on the path

with atheris.instrument_imports():
    from protokol.importers.errors import ImportRefused
    from protokol.importers.parse import parse_bytes
    from protokol.importers.readers import read_bytes


def test_one_input(data: bytes) -> None:
    try:
        read_bytes(data)
    except ImportRefused as err:
        message = str(err)
        assert message and "\n" not in message, repr(message)
    with contextlib.suppress(ImportRefused):
        parse_bytes(data)


def main() -> None:
    kind = sys.argv.pop(1)  # libFuzzer must not see it
    if len(sys.argv) > 1 and not sys.argv[-1].startswith("-"):
        write_seeds(kind, Path(sys.argv[-1]))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
