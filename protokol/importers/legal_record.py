"""The legal record in a decision's printed text: votes, protokoltilførsler and disqualification.

The genre prints them as sentences under the decision ("For stemte: A, C, V (15). Imod stemte: F, Ø
(10).", "Protokoltilførsel fra Finn Fisk (F): …", "X (A) erklærede sig inhabil", Aarhus' "Alternativet
kunne ikke tiltræde indstillingen"). They become the decision's `votes` and `statements` and the item's
`disqualified` (DESIGN.md, interchange); the decision text keeps the printed words.

What is read, and as what:
- the vote lines by party letters, party names or persons, with or without counts, and the sentences of
  a result with its counts ("Forslaget blev vedtaget med 15 stemmer mod 10"); a question is what "… blev
  sat under afstemning" names, or a short unpunctuated line right above the vote lines;
- "X stemte imod" / "X undlod at stemme", and "X kunne (ikke) tiltræde indstillingen": a group of a
  vote without counts on what they could not agree to;
- "X ønskede følgende tilført protokollen: …", "Protokoltilførsel fra X og Y: …", and "X tog forbehold"
  (a reservation the minutes record at the group's request): statements;
- "X (A) erklærede sig inhabil", "X deltog ikke i behandlingen … på grund af inhabilitet": disqualified,
  by name without the party letter, from the meeting's own decisions only (an earlier body's
  disqualification is not this meeting's). "X deltog ikke i sagens behandling" alone is an absence, not
  a disqualification, and is left to the text.

Sentences are short and the patterns anchored with bounded repetition, so reading stays linear in the
text's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CHOICES = ("for", "against", "abstain")
_WORD_HYPHEN_END = re.compile(r"\w-$")
_MAX_SENTENCE = 600
_MAX_NAMES = 40

# --- names -------------------------------------------------------------------------------------------
_LETTER = re.compile(r"^[A-ZÆØÅ]{1,3}$")
_PARTY_SUFFIX = re.compile(r"\s*\((?P<letter>[A-ZÆØÅ]{1,3})\)$")
_WORD = re.compile(r"^[A-ZÆØÅÉÈÜÖÄÁÓÍ][\w'’.\-]{0,40}$")
_PARTICLES = {"de", "det", "den", "von", "van", "der", "af", "la", "le", "el", "bin", "ibn", "da", "di"}
# What stands where names stand but names no one: bodies, majorities, the proposal itself.
_NOT_NAMES = {
    "udvalget", "byrådet", "kommunalbestyrelsen", "regionsrådet", "magistraten", "direktionen",
    "forvaltningen", "administrationen", "flertallet", "mindretallet", "alle", "ingen", "sagen",
    "forslaget", "indstillingen", "ændringsforslaget", "den", "det", "der", "de", "han", "hun",
    "borgmesteren", "formanden", "medlemmerne", "partierne", "begge", "øvrige", "resten",
}  # fmt: skip
_PARTY_WORDS = re.compile(
    r"(?i)parti|liste|venstre|alliance|demokrat|borgerlige|grønne|alternativet|moderaterne|konservative"
)
# "Socialdemokratiets byrådsgruppe", "Radikale Venstres og Alternativets byrådsgrupper"
_GROUP_WORD = re.compile(
    r"\s+(?:byråds|kommunalbestyrelses|udvalgs|regionsråds)?(?:gruppe|grupper|medlem|medlemmer)"
    r"(?:\s+(?:i|af)\s+(?:byrådet|udvalget|kommunalbestyrelsen|regionsrådet))?$"
)
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+(?:og|samt)\s+")


def _is_name(part: str) -> bool:
    if _LETTER.match(part):
        return True
    bare = _PARTY_SUFFIX.sub("", part)
    words = bare.split()
    if not words or len(words) > 7 or bare.casefold() in _NOT_NAMES:
        return False
    if not any(_WORD.match(w) for w in words):
        return False
    return all(_WORD.match(w) or w in _PARTICLES for w in words)


def names_of(subject: str) -> list[str] | None:
    """The names a list prints ("A, C og V", "Finn Fisk (F) og Gitte Gram (Ø)", "Radikale Venstres og
    Alternativets byrådsgrupper" -> the parties), or None where it is not a list of names."""
    subject = subject.strip().strip(":").strip()
    if not subject or len(subject) > 400:
        return None
    parts = [p.strip() for p in _NAME_SPLIT.split(subject)]
    if len(parts) > _MAX_NAMES:
        return None
    out: list[str] = []
    pending: list[int] = []  # parts that may be genitives of a group word further on
    for part in parts:
        group = _GROUP_WORD.search(part)
        if group:
            part = part[: group.start()]
            pending.append(len(out))
            out.append(part)
            for i in pending:  # "Radikale Venstres og Alternativets byrådsgrupper": all genitive
                if out[i].endswith("s") and not out[i].endswith("ss"):
                    out[i] = out[i][:-1]
            pending = []
            continue
        pending.append(len(out))
        out.append(part)
    if not out or not all(_is_name(p) for p in out):
        return None
    return out


def is_person(name: str) -> bool:
    """A person's name rather than a party's letter or name: "Finn Fisk (F)", "Eva Borchorst Mejnertz"."""
    if _PARTY_SUFFIX.search(name) and not _LETTER.match(name):
        return True
    words = name.split()
    return len(words) >= 2 and not _LETTER.match(name) and not _PARTY_WORDS.search(name)


def bare_name(name: str) -> str:
    """ "Dan Dahl (V)" -> "Dan Dahl": the interchange names disqualified members without their party."""
    return _PARTY_SUFFIX.sub("", name).strip()


# --- sentences ---------------------------------------------------------------------------------------
_ABBREVIATIONS = {
    "jf", "jfr", "pkt", "nr", "kl", "ca", "mv", "evt", "iht", "vedr", "stk", "dvs", "mio", "mia", "kr",
    "bl.a", "f.eks", "m.fl", "m.m", "inkl", "ekskl", "pga", "ift", "mht", "tlf", "hhv", "el", "ang",
}  # fmt: skip
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'«“(]?[A-ZÆØÅÉ0-9])")
# Where a vote line, statement or disqualification starts, a new sentence starts, full stop or not.
_STRONG = re.compile(
    r"(?:For|Imod)\s+stemte\b|Undlod\s+at\s+stemme\b|Hverken\s+for\s+eller\s+imod\b|Protokoltilførsel\b"
)
_STRONG_ANYWHERE = re.compile(
    r"\s(?=(?:For|Imod)\s+stemte\b|Undlod\s+at\s+stemme\s*:|Protokoltilførsel\s+(?:fra|ved)\b)"
)


@dataclass(slots=True)
class _Sentence:
    text: str
    start: int  # offset in the paragraph
    end: int


def _paragraph(lines: list[str]) -> tuple[str, list[int]]:
    """One paragraph's lines joined as the layout wrapped them (join_wrapped), and the offsets where its
    lines started."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if parts and not _WORD_HYPHEN_END.search(parts[-1]):
            parts.append(" ")
            length += 1
        starts.append(length)
        parts.append(line)
        length += len(line)
    return "".join(parts), starts


def _sentences(text: str) -> list[_Sentence]:
    cuts = [0]
    for m in _BOUNDARY.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()].rsplit(None, 1)[-1].rstrip(".").casefold()
        if before in _ABBREVIATIONS or (
            len(before) == 1 and before.isalpha() and not _STRONG.match(text, m.end())
        ):
            continue
        cuts.append(m.end())
    for m in _STRONG_ANYWHERE.finditer(text):
        cuts.append(m.end())
    cuts = sorted(set(cuts))
    out = []
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        piece = text[start:end].strip()
        if piece:
            out.append(_Sentence(piece, start, end))
    return out


# --- the patterns of the genre -----------------------------------------------------------------------
_GROUP_LABELS = (
    (re.compile(r"^For\s+stemte\b\s*"), "for"),
    (re.compile(r"^Imod\s+stemte\b\s*"), "against"),
    (
        re.compile(
            r"^(?:Undlod\s+at\s+stemme|Hverken\s+for\s+eller\s+imod(?:\s+stemte)?|Stemte\s+hverken\s+for\s+eller\s+imod|Blanke?\s+stemmer)\b\s*"
        ),
        "abstain",
    ),  # noqa: E501
    (re.compile(r"^For\s*:\s*"), "for"),
    (re.compile(r"^Imod\s*:\s*"), "against"),
    (re.compile(r"^Undlod\s*:\s*"), "abstain"),
)
_LEADING_COUNT = re.compile(r"^(?P<n>\d{1,4})(?:\s+stemmer?)?\s*:?\s*")
_TRAILING_COUNT = re.compile(r"\s*\((?:i\s+alt\s+)?(?P<n>\d{1,4})(?:\s+stemmer?)?\)$")
_ONLY_COUNT = re.compile(r"^(?P<n>\d{1,4})(?:\s+stemmer?)?$")
_NONE = re.compile(r"(?i)^(?:ingen|0)$")

_QUESTION = (
    re.compile(
        r"^(?P<q>.{2,200}?)\s+blev\s+(?:herefter\s+|derefter\s+|så\s+)?(?:sat|bragt)\s+(?:under|til)\s+afstemning\b"
    ),  # noqa: E501
    re.compile(
        r"^(?:Der\s+blev\s+(?:herefter\s+)?)?(?:[Ss]temt|Afstemning)\s+om\s+(?P<q>.{2,200}?)\s*[:.]?$"
    ),
)
_RESULT = re.compile(
    r"^(?P<subject>.{0,200}?)\s*(?:blev\s+|er\s+)?(?P<verb>ikke\s+godkendt|ikke\s+vedtaget|vedtaget|godkendt|"
    r"tiltrådt|anbefalet|forkastet|afvist|nedstemt)\b(?P<rest>.{0,300})$",
    re.IGNORECASE,
)
_WITH_VOTES = re.compile(r"^\s*med\s+(?P<n>\d{1,4})\s+stemmer?\b(?P<rest>.{0,250})$")
_FOR_N = re.compile(r"^\s*for\b")
_MOD_N = re.compile(r"^\s*(?:,\s*)?(?:og\s+)?(?:i?mod)\s+(?P<n>\d{1,4})\b")
_N_AGAINST = re.compile(r"(?:,|\bog)\s+(?P<n>\d{1,4})\s+(?:stemmer?\s+)?imod\b")
_N_ABSTAIN = re.compile(
    r"(?P<n>\d{1,4})\s+(?:medlemmer?\s+)?(?:undlod|undlader|stemte\s+hverken|hverken\s+for|stemte\s+blankt|blanke?)"
)
_ADOPTED = {"vedtaget", "godkendt", "tiltrådt", "anbefalet"}

_DISSENT = (
    (re.compile(r"\s+(?:stemte|stemmer)\s+(?:imod|mod|nej)\b(?P<obj>.{0,200})$"), "against"),
    (re.compile(r"\s+(?:stemte|stemmer)\s+(?:for|ja)\b(?P<obj>.{0,200})$"), "for"),
    (re.compile(r"\s+(?:undlod|undlader)\s+at\s+stemme\b(?P<obj>.{0,200})$"), "abstain"),
    (
        re.compile(r"\s+(?:stemte|stemmer)\s+(?:hverken\s+for\s+eller\s+imod|blankt)\b(?P<obj>.{0,200})$"),
        "abstain",
    ),
    (
        re.compile(r"\s+(?:kunne|kan)\s+ikke\s+(?:tiltræde|godkende|anbefale|støtte)\s+(?P<obj>.{0,200})$"),
        "against",
    ),
    (re.compile(r"\s+(?:kunne|kan)\s+(?:tiltræde|godkende|anbefale|støtte)\s+(?P<obj>.{0,200})$"), "for"),
)
# What was voted on, where a dissent names it: "indstillingen", "indstillingens beslutningspunkt 5"
_OBJECT = re.compile(
    r"^\s*(?P<o>(?:det\s+|den\s+)?(?:indstilling|forslag|ændringsforslag|beslutningspunkt|punkt|budget|sagen)"
    r"[^,.;]{0,120}?)\s*(?=,|;|\.|$|\s+men\s|\s+idet\s|\s+da\s|\s+og\s+henholdt\s)"
)
_RESERVATION = re.compile(r"\s+(?:tog|tager)\s+(?:et\s+)?forbehold\b")
_DISQUALIFIED = re.compile(
    r"\s+(?:(?:erklærede|erklærer|anså|anser)\s+sig(?:\s+selv)?\s+(?:for\s+)?inhabile?\b"
    r"|blev\s+erklæret\s+inhabile?\b|var\s+inhabile?\b"
    r"|deltog\b.{0,160}\binhabil|forlod\s+mødet\b.{0,160}\binhabil)"
)
_DISQUALIFIED_FRONT = re.compile(
    r"^(?:På\s+grund\s+af|Grundet|Som\s+følge\s+af)\s+inhabilitet\s+deltog\s+(?P<names>.{2,300}?)\s+ikke\b"
)
_STATEMENT_FROM = re.compile(r"^Protokoltilførsel(?:\s+(?:fra|ved)\s+(?P<names>[^:]{2,300}?))?\s*:\s*")
_STATEMENT_ASKED = re.compile(
    r"\s+(?:ønskede|ønsker|bad\s+om\s+at\s+få)\b(?P<what>.{0,200}?)\s*"
    r"(?:tilført|tilføjet|ført\s+til|indført\s+i)\s+(?:til\s+)?protokol(?:len)?\b(?P<colon>\s*:)?"
)
_SUBJECT_TAIL = re.compile(r"(?:^|,\s*|\s)(?:idet|men|dog|hvor|mens|hvorefter)\s+(?P<s>.{1,300})$")
_DECISION_ADOPTED = re.compile(
    r"(?i)^(?:godkendt|vedtaget|tiltrådt|anbefales|indstillingen\s+(?:blev\s+)?(?:godkendt|tiltrådt|vedtaget))"
    r"|\b(?:har|blev)\s+(?:vedtaget|godkendt|tiltrådt)\b|\bflertal\b.{0,60}?\bkunne\s+tiltræde\b"
)
_DECISION_REJECTED = re.compile(r"(?i)^(?:ikke\s+godkendt|forkastet|afvist)|\bblev\s+(?:forkastet|afvist)\b")


def _subject_names(prefix: str) -> list[str] | None:
    """The names before a verb; after a conjunction where the sentence opens with something else
    ("Godkendt, idet Peter Munk (O) stemte imod")."""
    names = names_of(prefix)
    if names is None:
        tail = _SUBJECT_TAIL.search(prefix)
        if tail:
            names = names_of(tail.group("s"))
    return names


def _capital(text: str) -> str:
    text = text.strip().rstrip(".:")
    return text[:1].upper() + text[1:]


# --- reading -----------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Vote:
    question: str | None = None
    result: str | None = None
    groups: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CHOICES})
    counts: dict[str, int] = field(default_factory=dict)
    closed: bool = False  # a result printed after its groups: the next group line is another vote

    def named(self) -> bool:
        return any(self.groups.values())

    def as_dict(self, default_result: str | None) -> dict:
        result = self.result
        counts = self._counts()
        if result is None and counts is not None:
            result = "adopted" if counts[0] > counts[1] else "rejected"
        if result is None and not self.groups["for"] and not self.counts:
            # only who dissented: the decision the text records was taken over their votes
            result = default_result or "adopted"
        out: dict = {"question": self.question, "result": result or default_result}
        for c in CHOICES:
            out[c] = list(self.groups[c])
        if counts is not None:
            out["counts"] = counts
        return out

    def _counts(self) -> list[int] | None:
        if not self.counts:
            return None
        out = []
        for c in CHOICES:
            if c in self.counts:
                out.append(self.counts[c])
            elif not self.groups[c]:
                out.append(0)
            elif all(is_person(n) for n in self.groups[c]):
                out.append(len(self.groups[c]))
            else:
                return None  # a group of parties without its count: the numbers are not known
        return out


@dataclass(slots=True)
class LegalRecord:
    votes: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    disqualified: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self) -> None:
        self.votes: list[_Vote] = []
        self.current: _Vote | None = None
        self.question: str | None = None  # named by "… blev sat under afstemning", for the next vote
        self.result: str | None = None  # a result sentence seen before any vote it belongs to
        self.statements: list[dict] = []
        self.disqualified: list[str] = []

    # a vote line: "For stemte: A, C, V (15)."
    def group(self, choice: str, names: list[str], count: int | None) -> None:
        vote = self.current
        if (
            vote is None
            or vote.closed
            or vote.groups[choice]
            or (count is not None and choice in vote.counts and vote.counts[choice] != count)
        ):
            vote = self._new(self.question)
            self.question = None
        vote.groups[choice] = names
        if count is not None:
            vote.counts[choice] = count

    def _new(self, question: str | None) -> _Vote:
        vote = _Vote(question=question)
        self.votes.append(vote)
        self.current = vote
        return vote

    # "Peter Munk (O) stemte imod", "Alternativet kunne ikke tiltræde indstillingen"
    def dissent(self, choice: str, names: list[str], question: str | None) -> None:
        if question is None:
            question = self.question or (self.current.question if self.current else None)
        self.question = None
        key = (question or "").casefold()
        vote = next((v for v in reversed(self.votes) if (v.question or "").casefold() == key), None)
        if vote is None or (vote.closed and vote.named() and vote is not self.current):
            vote = self._new(question)
            vote.result = self.result
        self.current = vote
        for name in names:
            if name not in vote.groups[choice]:
                vote.groups[choice].append(name)

    # "Forslaget blev vedtaget med 15 stemmer mod 10."
    def outcome(self, subject: str, result: str, counts: dict[str, int]) -> None:
        vote = self.current
        fits = vote is not None and vote.result is None and not vote.closed
        if fits and vote is not None and all(vote.counts.get(c, n) == n for c, n in counts.items()):
            vote.result = result
            for c, n in counts.items():
                vote.counts.setdefault(c, n)
            vote.closed = vote.named()
            return
        named = _capital(subject) if subject and subject.casefold() not in ("det", "den", "dette") else None
        if counts:
            vote = self._new(self.question or named)
            self.question = None
            vote.result = result
            vote.counts.update(counts)
            return
        self.result = result
        if named and self.question is None:
            self.question = named

    def read_sentence(self, s: str) -> bool:
        """File one sentence; False where it is none of the legal record's."""
        if len(s) > _MAX_SENTENCE:
            return False
        for pattern, choice in _GROUP_LABELS:
            m = pattern.match(s)
            if m:
                return self._group_line(choice, s[m.end() :])
        for pattern in _QUESTION:
            m = pattern.match(s)
            if m:
                self.current = None
                self.question = _capital(m.group("q"))
                return True
        m = _DISQUALIFIED_FRONT.match(s)
        if m:
            names = names_of(m.group("names"))
            if names:
                self._disqualify(names)
                return True
        m = _DISQUALIFIED.search(s)
        if m:
            names = _subject_names(s[: m.start()])
            if names:
                self._disqualify(names)
                return True
        m = _RESERVATION.search(s)
        if m:
            names = _subject_names(s[: m.start()])
            if names:
                self.statements.append({"by": names, "text": s})
                return True
        for pattern, choice in _DISSENT:
            m = pattern.search(s)
            if m:
                names = _subject_names(s[: m.start()])
                if names:
                    obj = _OBJECT.match(m.group("obj"))
                    self.dissent(choice, names, _capital(obj.group("o")) if obj else None)
                    return True
        m = _RESULT.match(s)
        if m:
            return self._result(m)
        return False

    def question_line(self, line: str, following: str) -> None:
        """A short line without a full stop right above the vote lines names what is voted on
        ("Ændringsforslag fra V")."""
        line = line.strip()
        if (
            _GROUP_START.match(following)
            and not line.endswith((".", ":", "!", "?"))
            and len(line.split()) <= 15
        ):
            self.current = None
            self.question = _capital(line)

    def _group_line(self, choice: str, rest: str) -> bool:
        rest = rest.strip().rstrip(".").strip().lstrip(":").strip()
        count: int | None = None
        lead = _LEADING_COUNT.match(rest)
        if lead and not _ONLY_COUNT.match(rest):
            count, rest = int(lead.group("n")), rest[lead.end() :]
        only = _ONLY_COUNT.match(rest)
        if only:
            self.group(choice, [], int(only.group("n")))
            return True
        if _NONE.match(rest):
            self.group(choice, [], 0)
            return True
        trailing = _TRAILING_COUNT.search(rest)
        if trailing:
            count, rest = int(trailing.group("n")), rest[: trailing.start()]
        rest = rest.strip()
        if rest.startswith("(") and rest.endswith(")"):  # "For stemte 15 (A, C og V)"
            rest = rest[1:-1]
        names = names_of(rest)
        if names is None:
            return False
        self.group(choice, names, count)
        return True

    def _result(self, m: re.Match[str]) -> bool:
        verb = " ".join(m.group("verb").split()).casefold()
        result = "adopted" if verb in _ADOPTED else "rejected"
        counts: dict[str, int] = {}
        votes = _WITH_VOTES.match(m.group("rest"))
        if votes:
            n, rest = int(votes.group("n")), votes.group("rest")
            against = _N_AGAINST.search(rest)
            mod = _MOD_N.match(rest)
            if _FOR_N.match(rest):
                counts["for"] = n
                if against:
                    counts["against"] = int(against.group("n"))
            elif mod:
                # "N stemmer mod M": the larger number carried the result
                other = int(mod.group("n"))
                high, low = max(n, other), min(n, other)
                counts["for"], counts["against"] = (high, low) if result == "adopted" else (low, high)
            elif re.match(r"^\s*imod\b", rest):
                counts["against"] = n
            abstain = _N_ABSTAIN.search(rest)
            if abstain:
                counts["abstain"] = int(abstain.group("n"))
        elif m.group("rest").strip(" .") and not m.group("rest").lstrip().startswith(","):
            return False  # "godkendt som ansøgt af …": no vote in it
        subject = m.group("subject").strip(" ,")
        if len(subject.split()) > 12:
            return False
        self.outcome(subject, result, counts)
        return True

    def _disqualify(self, names: list[str]) -> None:
        for name in names:
            bare = bare_name(name)
            if bare not in self.disqualified:
                self.disqualified.append(bare)

    # "X ønskede følgende tilført protokollen: …", "Protokoltilførsel fra X: …"
    def statement(self, s: _Sentence, paragraph: str, starts: list[int], following: list[str]) -> int:
        """A statement opening at this sentence: its text runs to the end of the paragraph, or to a
        line of the legal record that starts a line of its own; returns where it ends (-1: none)."""
        text = s.text
        m = _STATEMENT_FROM.match(text)
        names: list[str] | None
        if m:
            names = names_of(m.group("names")) if m.group("names") else []
            if names is None:
                return -1
            body_from = paragraph.index(text, s.start) + m.end()
        else:
            asked = _STATEMENT_ASKED.search(text[:_MAX_SENTENCE])
            if not asked:
                return -1
            names = _subject_names(text[: asked.start()])
            if not names:
                return -1
            if asked.group("colon"):
                body_from = paragraph.index(text, s.start) + asked.end()
            else:
                body_from = paragraph.index(text, s.start)  # "… tilført protokollen, at …": the sentence
        end = len(paragraph)
        for start in starts:
            if start > body_from and _starts_record(paragraph[start : start + _MAX_SENTENCE]):
                end = start
                break
        body = paragraph[body_from:end].strip()
        if not body and following:
            body = following[0]  # "… tilført protokollen:" with the statement as the next paragraph
            end = -2
        if body:
            self.statements.append({"by": names, "text": body})
        return end


_RECORD_START = re.compile(
    r"^(?:(?:For|Imod)\s+stemte\b|Undlod\s+at\s+stemme\b|Protokoltilførsel\b|Forslaget\s+blev\b)"
)


def _starts_record(text: str) -> bool:
    if _RECORD_START.match(text):
        return True
    head = text[:_MAX_SENTENCE]
    m = _DISQUALIFIED.search(head)
    return bool(m and names_of(head[: m.start()]))


def read(text: str) -> LegalRecord:
    """The votes, statements and disqualified members a decision's text prints."""
    reader = _Reader()
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text or "") if p.strip()]
    skip_next = False
    for n, raw in enumerate(paragraphs):
        if skip_next:
            skip_next = False
            continue
        paragraph, starts = _paragraph(raw.split("\n"))
        sentences = _sentences(paragraph)
        done_to = 0
        unfiled = ""  # the paragraph's last sentence, where it is none of the record's
        for i, s in enumerate(sentences):
            unfiled = ""
            if s.start < done_to:
                continue
            following = paragraphs[n + 1 : n + 2] if s.end >= len(paragraph) - 1 else []
            end = reader.statement(s, paragraph, starts, [" ".join(f.split()) for f in following])
            if end == -2:
                skip_next = True
                break
            if end >= 0:
                done_to = end
                continue
            if reader.read_sentence(s.text.strip()):
                continue
            unfiled = s.text
            nxt = sentences[i + 1].text if i + 1 < len(sentences) else ""
            if nxt:
                reader.question_line(s.text, nxt)
        # the vote lines may be a paragraph of their own under the question's line
        if unfiled and n + 1 < len(paragraphs) and not skip_next:
            reader.question_line(unfiled, paragraphs[n + 1].lstrip())
    default = _decision_result(text)
    return LegalRecord(
        votes=[v.as_dict(default) for v in reader.votes],
        statements=reader.statements,
        disqualified=reader.disqualified,
    )


_GROUP_START = re.compile(r"^(?:(?:For|Imod)\s+stemte\b|Undlod\s+at\s+stemme\b|For\s*:|Imod\s*:)")


def _decision_result(text: str) -> str | None:
    head = (text or "").lstrip()[:400]
    if _DECISION_REJECTED.search(head):
        return "rejected"
    if _DECISION_ADOPTED.search(head):
        return "adopted"
    return None


def annotate(item: dict, *, own: list[bool]) -> None:
    """Add `votes` and `statements` to the item's decisions and `disqualified` to the item, where their
    texts print them; `own` says which decisions are the meeting's own (the others are earlier steps)."""
    disqualified: list[str] = []
    for decision, is_own in zip(item.get("decisions") or [], own, strict=False):
        record = read(decision.get("text") or "")
        if record.votes:
            decision["votes"] = record.votes
        if record.statements:
            decision["statements"] = record.statements
        if is_own:
            disqualified.extend(n for n in record.disqualified if n not in disqualified)
    if disqualified:
        item["disqualified"] = disqualified
