"""The text of each kind of message, in the site's language (Danish), whoever's request caused it.

A message names a closed item only by its public title: what a member may read of a closed item
depends on the member (a disqualified member reads it as the public does), and an e-mail leaves the
system's rules behind."""

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Field
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from protokol.meetings.models import AgendaItem, Meeting, Organization
from protokol.notifications.models import Kind
from protokol.people.models import Person


def site_url(path: str, organization: Organization | None = None) -> str:
    """The address of a page of the site as the organisation's people reach it: on the organisation's own
    host where it has one (a tenant's workspace shows that organisation alone, meetings.tenancy), else
    on PROTOKOL_SITE_URL; the scheme is PROTOKOL_SITE_URL's."""
    base = getattr(settings, "PROTOKOL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    host = organization.hosts.order_by("pk").values_list("host", flat=True).first() if organization else None
    if host:
        base = f"{urlsplit(base).scheme or 'https'}://{host}"
    return base + path


def item_label(item: AgendaItem) -> str:
    number = item.shown_number
    title = item.shown_public_title
    return _("punkt %(n)s: %(t)s") % {"n": number, "t": title} if number else title


def _when(meeting: Meeting) -> str:
    day = date_format(meeting.date, "j. F Y")
    if meeting.start_time:
        day += " " + _("kl. %(t)s") % {"t": meeting.start_time.strftime("%H.%M")}
    if meeting.location:
        day += ", " + meeting.location
    return day


def compose(kind: str, *, meeting: Meeting, person: Person, details: Sequence[str] = ()) -> tuple[str, str]:
    """The subject and text of a message of this kind to this person."""
    with translation.override(settings.LANGUAGE_CODE):
        body_name = meeting.body.name
        day = date_format(meeting.date, "j. F Y")
        organization = meeting.body.organization
        link = site_url(reverse("workspace:meeting", args=[meeting.pk]), organization)
        if kind == Kind.AGENDA:
            subject = _("Dagsorden udsendt: %(body)s %(day)s") % {"body": body_name, "day": day}
            lead = _("Dagsordenen til mødet i %(body)s %(when)s er udsendt.") % {
                "body": body_name,
                "when": _when(meeting),
            }
        elif kind == Kind.CHANGE:
            subject = _("Dagsorden ændret: %(body)s %(day)s") % {"body": body_name, "day": day}
            lead = _("Dagsordenen til mødet i %(body)s %(when)s er ændret efter udsendelsen:") % {
                "body": body_name,
                "when": _when(meeting),
            }
            lead += "\n\n" + "\n".join(f"- {line}" for line in details)
        elif kind == Kind.SIGNATURE:
            subject = _("Referatet venter på din underskrift: %(body)s %(day)s") % {
                "body": body_name,
                "day": day,
            }
            lead = _("Referatet af mødet i %(body)s %(when)s venter på din underskrift.") % {
                "body": body_name,
                "when": _when(meeting),
            }
        else:
            subject = _("Påmindelse: møde i %(body)s %(day)s") % {"body": body_name, "day": day}
            lead = _("Påmindelse: %(body)s holder møde %(when)s.") % {
                "body": body_name,
                "when": _when(meeting),
            }
        text = "\n\n".join(
            [
                _("Kære %(name)s") % {"name": person.name},
                lead,
                _("Se mødet her: %(url)s") % {"url": link},
                "-- \n"
                + _(
                    "Du får denne e-mail som medlem eller stedfortræder i %(body)s. Du vælger selv, hvilke "
                    "e-mails du får: %(url)s"
                )
                % {"body": body_name, "url": site_url(reverse("workspace:notifications"), organization)},
            ]
        )
    return subject, text + "\n"


def _field_name(name: str) -> str:
    field = AgendaItem._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, Field) else name


def change_lines(
    action: str, *, meeting: Meeting, item: AgendaItem | None, before: object, after: object, reason: str
) -> list[str]:
    """What a change after sending was, in words a member reads (never a closed item's own text)."""
    with translation.override(settings.LANGUAGE_CODE):
        label = item_label(item) if item is not None else ""
        if action == "meeting.update":
            b = before if isinstance(before, dict) else {}
            a = after if isinstance(after, dict) else {}
            names = {
                "date": _("dato"),
                "start_time": _("starttid"),
                "end_time": _("sluttid"),
                "location": _("sted"),
            }
            changed = [
                _("%(what)s: %(before)s → %(after)s")
                % {"what": names[k], "before": b.get(k) or "–", "after": a.get(k) or "–"}
                for k in names
                if b.get(k) != a.get(k)
            ]
            return [_("Mødet er ændret: %(c)s") % {"c": "; ".join(changed)}] if changed else []
        if action == "meeting.cancelled":
            return [_("Mødet er aflyst: %(r)s") % {"r": reason}]
        if item is None:
            return []
        if action == "item.create":
            return [_("Tillægspunkt: %(item)s") % {"item": label}]
        if action in ("item.update", "item.open", "item.close"):
            b = before if isinstance(before, dict) else {}
            a = after if isinstance(after, dict) else {}
            fields = [
                _field_name(k)
                for k in a
                if k in b and a[k] != b[k] and k not in ("position", "version", "case")
            ]
            if action == "item.open":
                return [_("%(item)s er gjort til et åbent punkt.") % {"item": label}]
            if action == "item.close":
                return [_("%(item)s er gjort til et lukket punkt.") % {"item": label}]
            if not fields:
                return []
            return [_("%(item)s: ændret (%(fields)s).") % {"item": label, "fields": ", ".join(fields)}]
        texts = {
            "item.sections": _("%(item)s: sagsfremstillingen er ændret."),
            "item.route": _("%(item)s: sagens gang er ændret."),
            "item.case_journal_number": _("%(item)s: KLE-nummeret er ændret."),
            "attachment.add": _("%(item)s: bilag tilføjet."),
            "attachment.replace": _("%(item)s: et bilag er erstattet af en ny udgave."),
            "attachment.withdraw": _("%(item)s: et bilag er trukket tilbage."),
            "attachment.public": _("%(item)s: et bilags offentlighed er ændret."),
        }
        return [texts[action] % {"item": label}] if action in texts else []
