"""A committee with a sent agenda (an open and a closed item, each with an attachment), two members of
list A, one of list V, and the committee's secretariat."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from protokol.cases import services as case_services
from protokol.cases.models import Attachment
from protokol.cases.tests.files import pdf_bytes
from protokol.common.users import system_user
from protokol.meetings import services as meeting_services
from protokol.meetings.enums import Role
from protokol.meetings.models import AgendaItem, Body, Meeting
from protokol.meetings.tests import factories
from protokol.people.tests.factories import seat


@dataclass
class Scene:
    body: Body
    meeting: Meeting
    open_item: AgendaItem
    closed_item: AgendaItem
    open_attachment: Attachment
    closed_attachment: Attachment
    author: object  # a member of list A
    partner: object  # another member of list A
    rival: object  # a member of list V
    secretary: object


def scene(name: str = "Ejendomsudvalget") -> Scene:
    by = system_user()
    body = factories.body(name)
    meeting = factories.meeting(body, day=timezone.localdate() + timedelta(days=7))
    open_item = factories.item(meeting, "Ny skole")
    closed_item = factories.item(meeting, "Salg af grund", public=False)
    open_attachment = case_services.add_attachment(
        item=open_item, title="Skitseprojekt", content=pdf_bytes("Skitse"), file_name="skitse.pdf", by=by
    )
    closed_attachment = case_services.add_attachment(
        item=closed_item,
        title="Købsaftale",
        public=False,
        content=pdf_bytes("Aftale"),
        file_name="aftale.pdf",
        by=by,
    )
    meeting_services.publish_agenda(meeting, by=by)
    start = date(2020, 1, 1)
    author = seat(body, "Anna Andersen", letter="A", with_login=True, start=start).person.user
    partner = seat(body, "Bent Bach", letter="A", with_login=True, start=start).person.user
    rival = seat(body, "Vera Vang", letter="V", with_login=True, start=start).person.user
    secretary = factories.member(body, role=Role.SECRETARIAT)
    return Scene(
        body,
        meeting,
        open_item,
        closed_item,
        open_attachment,
        closed_attachment,
        author,
        partner,
        rival,
        secretary,
    )
