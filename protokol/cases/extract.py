"""An attachment's text, read in a child process with bounded memory and time.

A file that passes every check before reading can still cost a reader far more than its size (a DOCX of
millions of tiny paragraphs, a PDF whose pages draw without end). The reader runs in a fresh Python
process whose address space (RLIMIT_AS) and CPU time (RLIMIT_CPU) are limited and which is killed after
`PROTOKOL_TEXT_EXTRACTION_SECONDS`; the web worker waits for it and stays as small as it was.

The child (`python -m protokol.cases.extract MIME MAX_MB SECONDS`) reads the file on stdin and writes the
text, UTF-8, on stdout; its exit status says otherwise why there is none.
"""

import resource
import subprocess
import sys

from django.conf import settings

from protokol.documents.errors import DocumentRefused

#: the most text kept of one attachment (UTF-8 bytes); more is cut off, so the parent never holds more
MAX_TEXT_BYTES = 16 * 1024 * 1024
REFUSED, UNREADABLE, TOO_COSTLY = 2, 3, 4
#: a reader that fails after using this share of its memory ran out of it (lxml, for one, reports a
#: failed allocation as a syntax error)
NEAR_LIMIT = 0.75


class TooCostly(Exception):
    """The reader needed more memory or time than it may have."""


class Unreadable(Exception):
    """The reader failed on the file: it is not a readable PDF or DOCX."""


def extract(content: bytes, mime_type: str) -> str:
    """The text of a PDF or DOCX. DocumentRefused carries a limit's reason; Unreadable and TooCostly say
    that the reader failed, or needed more than it may have."""
    max_mb = settings.PROTOKOL_TEXT_EXTRACTION_MAX_MB
    seconds = settings.PROTOKOL_TEXT_EXTRACTION_SECONDS
    try:
        done = subprocess.run(
            [sys.executable, "-m", "protokol.cases.extract", mime_type, str(max_mb), str(seconds)],
            input=content,
            capture_output=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as err:  # run() has killed the child
        raise TooCostly from err
    if done.returncode == 0:
        return done.stdout.decode("utf-8")
    if done.returncode == REFUSED:
        raise DocumentRefused(done.stderr.decode("utf-8", errors="replace").strip()[:300])
    if done.returncode == UNREADABLE:
        raise Unreadable
    raise TooCostly  # out of memory, out of CPU time (killed by SIGXCPU), or TOO_COSTLY


def _cut(text: str) -> bytes:
    return text.encode("utf-8")[:MAX_TEXT_BYTES].decode("utf-8", errors="ignore").encode("utf-8")


def _peak_bytes() -> int:
    """This process's peak resident memory since exec. ru_maxrss would also count the pages shared with
    the (possibly large) web worker between fork and exec; the kernel's VmHWM is of this image alone."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(mime_type: str, max_mb: int, seconds: int) -> int:
    limit = max_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    data = sys.stdin.buffer.read()
    from protokol.documents.plain import Unreadable as ReaderFailed
    from protokol.documents.plain import plain_text

    try:
        text = plain_text(data, mime_type)
    except ReaderFailed:
        return TOO_COSTLY if _peak_bytes() >= NEAR_LIMIT * limit else UNREADABLE
    except DocumentRefused as err:
        sys.stderr.write(str(err))
        return REFUSED
    except MemoryError:
        return TOO_COSTLY
    sys.stdout.buffer.write(_cut(text))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
