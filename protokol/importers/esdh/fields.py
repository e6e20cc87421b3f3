"""An item's text cut into its fields, where a package gives the text but not the fields.

A field heading is a short line of its own that the system's template repeats from item to item
("Sammendrag", "Beslutningen træffes af", "Oplæg:"); a line that looks like a heading once only
("Centralisering af ejendomsdriften") is text of the field it stands in. The standard headings of the
genre count even where they stand once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import vocab

#: a field label with its text on the same line ("Referat: Alle skal have indhold.")
_INLINE = re.compile(r"^(?P<label>[A-ZÆØÅ][^:]{1,40}):\s+(?P<rest>\S.*)$")
_LABEL = re.compile(r"^[A-ZÆØÅ][\w ,/()'’\-–]{2,69}:?$")


@dataclass
class Field:
    heading: str | None
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Paragraphs (split at blank lines) joined by a blank line, the lines of one joined by a space."""
        paragraphs, current = [], []
        for line in [*self.lines, ""]:
            if line.strip():
                current.append(" ".join(line.split()))
            elif current:
                paragraphs.append(" ".join(current))
                current = []
        return "\n\n".join(paragraphs)


def _key(label: str) -> str:
    return vocab.key(label)


def label_at(lines: list[str], i: int, *, blank_before: bool) -> tuple[str, str] | None:
    """(label, rest of the line) where line `i` could be a field heading; None where it cannot."""
    line = " ".join(lines[i].split())
    if not line:
        return None
    if blank_before:
        if i > 0 and lines[i - 1].strip():
            return None
        if i + 1 >= len(lines) or not lines[i + 1].strip():
            return None
        if line.endswith((".", ",", ";", ")")) or not _LABEL.match(line):
            return None
        return line.rstrip(":").strip(), ""
    inline = _INLINE.match(line)
    if inline and not line.endswith(":"):
        return inline.group("label").strip(), inline.group("rest")
    if line.endswith(":") and _LABEL.match(line):
        return line[:-1].strip(), ""
    return None


def split_items(
    texts: list[list[str]],
    *,
    blank_before: bool,
    special: Callable[[str], str | None] = lambda line: None,
    repeats: int = 2,
) -> list[list[Field]]:
    """Each item's lines as fields; a field with heading None holds what stands before the first heading.

    `special` names a line that is a heading whatever the counts say (a decision heading that carries the
    item's own number or date); it returns the heading to use.
    """
    counts: Counter[str] = Counter()
    for lines in texts:
        seen = {
            _key(found[0])
            for i in range(len(lines))
            if (found := label_at(lines, i, blank_before=blank_before))
        }
        counts.update(seen)
    headings = (
        {k for k, n in counts.items() if n >= repeats} | set(vocab.SECTIONS) | vocab.ATTACHMENT_HEADINGS
    )
    out: list[list[Field]] = []
    for lines in texts:
        fields = [Field(None)]
        for i, raw in enumerate(lines):
            named = special(" ".join(raw.split()))
            if named is not None:
                fields.append(Field(named))
                continue
            found = label_at(lines, i, blank_before=blank_before)
            if found and _key(found[0]) in headings:
                fields.append(Field(found[0], [found[1]] if found[1] else []))
            else:
                fields[-1].lines.append(raw)
        out.append(fields)
    return out
