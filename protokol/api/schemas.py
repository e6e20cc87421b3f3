"""Request and response shapes of the JSON API (/api/); the OpenAPI document is generated from them."""

import base64
import binascii
import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints, create_model


def _storable(value: str) -> str:
    """Text every database stores: no NUL character, no lone surrogate."""
    if "\x00" in value:
        raise ValueError("Teksten må ikke indeholde tegnet NUL.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError("Teksten er ikke gyldig Unicode.") from err
    return value


def _base64(value: str | None) -> str | None:
    if value is not None:
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as err:
            raise ValueError("content_base64 er ikke gyldig base64.") from err
    return value


def _email(value: str) -> str:
    value = value.strip()
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as err:
            raise ValueError("Ugyldig e-mailadresse.") from err
    return value


# Storable text up to a length; one alias per length, as a type checker needs real types, not calls.
Text8 = Annotated[str, StringConstraints(max_length=8), AfterValidator(_storable)]
Text20 = Annotated[str, StringConstraints(max_length=20), AfterValidator(_storable)]
Text100 = Annotated[str, StringConstraints(max_length=100), AfterValidator(_storable)]
Text200 = Annotated[str, StringConstraints(max_length=200), AfterValidator(_storable)]
Text255 = Annotated[str, StringConstraints(max_length=255), AfterValidator(_storable)]
Text300 = Annotated[str, StringConstraints(max_length=300), AfterValidator(_storable)]
Text500 = Annotated[str, StringConstraints(max_length=500), AfterValidator(_storable)]
Text2000 = Annotated[str, StringConstraints(max_length=2_000), AfterValidator(_storable)]
Text5000 = Annotated[str, StringConstraints(max_length=5_000), AfterValidator(_storable)]
Text100k = Annotated[str, StringConstraints(max_length=100_000), AfterValidator(_storable)]
Text1M = Annotated[str, StringConstraints(max_length=1_000_000), AfterValidator(_storable)]


# Local wall-clock time (Europe/Copenhagen) as HH:MM or HH:MM:SS; no offset, as the agenda prints it.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
LocalTime = Annotated[str, StringConstraints(pattern=TIME_PATTERN)] | None
TimeOut = LocalTime
Number = Annotated[int, Field(ge=0, le=100_000)]
# Spelled out so a type checker can read it; a test keeps it equal to Outcome.values.
OutcomeValue = Literal["approved", "recommended", "noted", "discussed", "postponed", "rejected", "other"]
NextStatus = Literal["agenda_published", "held", "minutes_approved", "minutes_published"]
StandingValue = Literal["", "start", "end"]
# As OutcomeValue: spelled out, kept equal to the people app's choices by a test.
MembershipRoleValue = Literal["formand", "naestformand", "medlem", "stedfortraeder"]
AttendanceStatusValue = Literal["present", "excused", "absent"]
ItemAbsenceKindValue = Literal["not_taking_part", "arrived_late", "left_early"]
VoteChoiceValue = Literal["for", "against", "abstain"]
Email = Annotated[str, StringConstraints(max_length=254), AfterValidator(_storable), AfterValidator(_email)]
Id = Annotated[int, Field(ge=1, le=2**62)]


class ErrorDetail(Schema):
    loc: list[str] = []
    msg: str


class Error(Schema):
    message: str
    errors: list[ErrorDetail] | None = None


# Output -----------------------------------------------------------------------------------------


class BodyOut(Schema):
    id: int
    name: str
    slug: str
    kind: str
    active: bool
    organization: str


class BodyRef(Schema):
    id: int
    name: str
    slug: str


class CaseRef(Schema):
    id: int
    number: str
    title: str
    journal_number: str


class SectionOut(Schema):
    heading: str
    kind: str
    text: str


class DecisionOut(Schema):
    id: int
    body_name: str
    body_id: int | None
    date: dt.date | None
    text: str
    outcome: str


class PublicDecisionOut(Schema):
    """A closed item's decision as the public reads it (published minutes only)."""

    body_name: str
    date: dt.date | None
    public_text: str
    public_text_withheld: str


class AttachmentOut(Schema):
    id: int
    item_id: int
    title: str
    document_number: str
    public: bool
    file_name: str
    mime_type: str
    size: int | None
    sha512: str
    has_file: bool
    text: str
    download_url: str | None


# "for" is a Python keyword: the vote's shape is made by name rather than written as a class.
_VOTE_FIELDS: dict[str, Any] = {
    "id": (int, ...),
    "question": (str, ...),
    "result": (str, Field(description='"adopted" or "rejected".')),
    "for": (list[str], ...),
    "against": (list[str], ...),
    "abstain": (list[str], ...),
    "counts": (
        dict[str, int] | None,
        Field(description='{"for", "against", "abstain"}; null where old minutes printed only the groups.'),
    ),
}
VoteOut = create_model(
    "VoteOut",
    __base__=Schema,
    __doc__="A vote as the minutes print it: the groups by party letter where a list voted as one, else by name.",
    **_VOTE_FIELDS,
)


class StatementOut(Schema):
    """A protokoltilførsel under the decision, with its authors as the minutes name them."""

    id: int
    by: list[str]
    text: str


class ItemOut(Schema):
    """An item; where the caller may not see its content (content_visible false), a closed item by its
    public fields only: number, neutral public title as `title`, reason, public decision texts.
    `decisions` holds only those the agenda quotes from earlier treatment (another body's, or dated before
    the meeting) until the caller may read the minutes (the public: once they are published)."""

    id: int
    meeting_id: int
    number: int | None
    position: int
    title: str
    public: bool
    content_visible: bool
    supplementary: bool = False
    closed_reason: str | None = None
    closed_reason_text: str | None = None
    public_title: str | None = None
    public_decisions: list[PublicDecisionOut] = []
    version: int | None = None
    case: CaseRef | None = None
    document_number: str | None = None
    case_type: str | None = None
    standing: str | None = None
    route: list[str] = []
    sections: list[SectionOut] = []
    decisions: list[DecisionOut] = []
    attachments: list[AttachmentOut] = []
    absent: list[str] = Field(
        [], description="Those who did not take part in this item (the interchange's item `absent`)."
    )
    votes: list[VoteOut] = Field(  # type: ignore[valid-type]  # made by create_model
        [], description="Where the caller reads the item's decisions."
    )
    statements: list[StatementOut] = Field([], description="Protokoltilførsler, as `votes`.")
    disqualified: list[str] = Field(
        [], description="Members disqualified (inhabile) on the item, by name; the grounds are internal."
    )


class MeetingOut(Schema):
    id: int
    body: BodyRef
    date: dt.date
    start_time: TimeOut
    end_time: TimeOut
    location: str
    status: str
    kind: str = Field(description='"minutes" where the caller may read the minutes, else "agenda" (as sent).')
    agenda_published_at: dt.datetime | None
    minutes_published_at: dt.datetime | None
    cancelled_at: dt.datetime | None = Field(None, description="When the meeting was called off (aflyst).")
    cancelled_reason: str = Field("", description="Why it was called off, as the public reads it.")


class Participant(Schema):
    """One person's attendance at a meeting, as the minutes print it (DESIGN.md, `participants`)."""

    name: str
    party: str | None = None
    role: str | None = None
    present: bool
    substitute_for: str | None = None
    excused: bool | None = None
    voting: bool | None = None


class PartyOut(Schema):
    id: int
    letter: str
    name: str


class PersonRef(Schema):
    """A person as the minutes name them. An e-mail address or user account is never part of it."""

    id: int
    name: str
    party: str | None = Field(description="The party's (list's) letter.")


class PersonOut(Schema):
    id: int
    name: str
    party: PartyOut | None
    title: str = Field(description="What a participant without a seat takes part as (Kommunaldirektør).")


class MembershipOut(Schema):
    id: int
    person: PersonRef
    body: BodyRef
    role: str
    voting_right: bool
    start_date: dt.date
    end_date: dt.date | None
    deputy_position: int | None = Field(description="A deputy's place on the list's order of call-in.")


class PersonDetail(PersonOut):
    memberships: list[MembershipOut]


class PersonPage(Schema):
    count: int
    results: list[PersonOut]


class MembershipPage(Schema):
    count: int
    results: list[MembershipOut]


class AttendanceOut(Schema):
    """One person's attendance, with ids for writing: status present, excused (afbud) or absent."""

    person: PersonRef
    status: str
    role: str = Field(description='The role that day; "" for a participant without a seat (a guest).')
    voting_right: bool
    substitute_for: PersonRef | None


class MeetingDetail(MeetingOut):
    participants: list[Participant]
    absent: list[str]
    attendance: list[AttendanceOut]
    items: list[ItemOut]


class MeetingPage(Schema):
    count: int
    results: list[MeetingOut]


class CaseOut(CaseRef):
    items: list[ItemOut]


class ItemPage(Schema):
    count: int
    results: list[ItemOut]


class CasePage(Schema):
    count: int
    results: list[CaseRef]


# Input ------------------------------------------------------------------------------------------


class SectionIn(Schema):
    heading: Text200
    text: Text100k = ""


class MeetingIn(Schema):
    body_id: int = Field(ge=1, le=2**62)
    date: dt.date
    start_time: LocalTime = None
    end_time: LocalTime = None
    location: Text300 = ""


class MeetingPatch(Schema):
    date: dt.date | None = None
    start_time: LocalTime = None
    end_time: LocalTime = None
    location: Text300 | None = None
    reason: Text2000 = ""


class StatusIn(Schema):
    status: NextStatus


class ItemIn(Schema):
    title: Text500
    public: bool = True
    number: Number | None = None
    position: Number | None = None
    case_number: Text100 | None = None
    case_title: Text500 = ""
    journal_number: Text8 = ""
    document_number: Text100 = ""
    case_type: Text100 = ""
    standing: StandingValue = ""
    route: list[Text200] = Field([], max_length=20)
    sections: list[SectionIn] = Field([], max_length=20)
    public_title: Text500 = ""
    subject_confidential: bool = False
    closed_reason: Text20 = ""
    closed_reason_text: Text5000 = ""
    reason: Text2000 = ""


class ItemPatch(Schema):
    title: Text500 | None = None
    public: bool | None = None
    number: Number | None = None
    position: Number | None = None
    case_number: Text100 | None = None
    document_number: Text100 | None = None
    case_type: Text100 | None = None
    standing: StandingValue | None = None
    route: list[Text200] | None = Field(None, max_length=20)
    sections: list[SectionIn] | None = Field(None, max_length=20)
    public_title: Text500 | None = None
    subject_confidential: bool | None = None
    closed_reason: Text20 | None = None
    closed_reason_text: Text5000 | None = None
    expected_version: int | None = Field(None, ge=0, le=2**31)
    reason: Text2000 = ""


class DecisionIn(Schema):
    text: Text100k
    body_name: Text200 | None = None
    date: dt.date | None = None
    outcome: OutcomeValue | None = None
    public_text: Text100k | None = None
    public_text_withheld: Text2000 | None = None
    reason: Text2000 = ""


class CaseIn(Schema):
    number: Text100
    title: Text500 = ""
    journal_number: Text8 = ""


class CasePatch(Schema):
    title: Text500 | None = None
    journal_number: Text8 | None = None


class AttachmentIn(Schema):
    title: Text500
    document_number: Text100 = ""
    public: bool = True
    file_name: Text255 = ""
    mime_type: Text100 = ""
    text: Text1M = ""
    content_base64: Annotated[str | None, Field(None, max_length=1_000_000), AfterValidator(_base64)] = None
    reason: Text2000 = ""


class PartyIn(Schema):
    letter: Annotated[str, StringConstraints(min_length=1, max_length=8), AfterValidator(_storable)]
    name: Text200


class PersonIn(Schema):
    name: Text200
    party_letter: Text8 | None = Field(None, description="The letter of a party of the token's organisation.")
    title: Text200 = ""
    email: Email = Field("", description="Kept for notifications; never shown by any read.")


class MembershipIn(Schema):
    person_id: Id
    body_id: Id
    role: MembershipRoleValue = "medlem"
    voting_right: bool = True
    start_date: dt.date
    end_date: dt.date | None = None
    deputy_position: int | None = Field(None, ge=1, le=10_000)


class MembershipEndIn(Schema):
    end_date: dt.date


class AttendanceIn(Schema):
    person_id: Id
    status: AttendanceStatusValue
    reason: Text2000 = Field("", description="Needed once the minutes are approved (an amendment).")


class DeputyIn(Schema):
    for_person_id: Id
    deputy_person_id: Id | None = Field(None, description="Another than the next on the list, with `reason`.")
    reason: Text2000 = Field("", description="Why another deputy than the next on the list.")
    amendment: Text2000 = Field("", description="Needed once the minutes are approved.")


class GuestIn(Schema):
    person_id: Id
    reason: Text2000 = ""


class ItemAbsenceIn(Schema):
    person_id: Id
    kind: ItemAbsenceKindValue | None = Field("not_taking_part", description="null clears the absence.")
    reason: Text2000 = ""


class VoteIn(Schema):
    question: Text500 = Field(
        description='What is put to the vote ("Ændringsforslag fra V", "Indstillingen").'
    )
    parties: dict[Text8, VoteChoiceValue] = Field(
        {}, description="A party letter's choice, for its members taking part in the item with a vote."
    )
    persons: dict[Id, VoteChoiceValue] = Field({}, description="Exceptions by person id, after the parties.")
    by_party: bool = Field(True, description="Print by party letter where a list voted as one.")
    reason: Text2000 = Field("", description="Needed once the minutes are approved (an amendment).")


class ReasonIn(Schema):
    reason: Text2000 = Field("", description="Needed once the minutes are approved (an amendment).")


class StatementIn(Schema):
    author_ids: list[Id] = Field(min_length=1, max_length=100)
    text: Text5000
    reason: Text2000 = Field("", description="Needed once the minutes are approved (an amendment).")


class DisqualificationIn(Schema):
    person_id: Id
    grounds: Text2000 = Field("", description="Why; kept internal, never shown by any read.")
    self_declared: bool = True
    reason: Text2000 = Field("", description="Needed once the minutes are approved (an amendment).")
