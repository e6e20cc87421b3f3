"""Every action the audit log knows, each with the Danish label the log's pages show.

The services write the code (`item.open`, `decision.record`, ...); `common.audit.log_action` refuses a
code that is not a member here, and every page that lists the log shows `label_of(code)`, never the
code itself. A change to approved minutes is written as its action's code followed by
`.amendment` (`meetings.services.record_change`) and shown as that action's label, marked as a
correction.
"""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

AMENDMENT_SUFFIX = ".amendment"


class AuditAction(models.TextChoices):
    # Organisation, bodies and their secretariat roles (meetings)
    ORGANIZATION_CREATE = "organization.create", _("Organisation oprettet")
    BODY_CREATE = "body.create", _("Udvalg oprettet")
    BODY_STANDING_ITEMS = "body.standing_items", _("Faste punkter ændret")
    ROLE_ADD = "membership.add", _("Rolle i udvalget tildelt")
    ORGANIZATION_ADMIN_GRANT = "organization_admin.grant", _("Organisationsadministrator tildelt")
    ORGANIZATION_ADMIN_REVOKE = "organization_admin.revoke", _("Organisationsadministrator frataget")
    # Meetings and their lifecycle
    MEETING_CREATE = "meeting.create", _("Møde oprettet")
    MEETING_UPDATE = "meeting.update", _("Mødets oplysninger ændret")
    MEETING_AGENDA_PUBLISHED = "meeting.agenda_published", _("Dagsorden udsendt")
    MEETING_HELD = "meeting.held", _("Møde markeret som afholdt")
    MEETING_MINUTES_APPROVED = "meeting.minutes_approved", _("Referat godkendt")
    MEETING_MINUTES_PUBLISHED = "meeting.minutes_published", _("Referat offentliggjort")
    MEETING_CANCELLED = "meeting.cancelled", _("Møde aflyst")
    MEETING_IMPORTED_STATUS = "meeting.imported_status", _("Mødets status sat ved import")
    MEETING_SIGN_MINUTES = "meeting.sign_minutes", _("Referat underskrevet")
    # Items and decisions
    ITEM_CREATE = "item.create", _("Punkt oprettet")
    ITEM_UPDATE = "item.update", _("Punkt ændret")
    ITEM_OPEN = "item.open", _("Punkt gjort åbent")
    ITEM_CLOSE = "item.close", _("Punkt gjort lukket")
    ITEM_ROUTE = "item.route", _("Punktets behandlingsvej ændret")
    ITEM_SECTIONS = "item.sections", _("Punktets afsnit ændret")
    ITEM_DELETE = "item.delete", _("Punkt slettet")
    ITEM_MOVE = "item.move", _("Punkt flyttet")
    ITEM_CASE_JOURNAL_NUMBER = "item.case_journal_number", _("Punktets journalnummer ændret")
    DECISION_RECORD = "decision.record", _("Beslutning registreret")
    # The legal record (people)
    ITEM_VOTE = "item.vote", _("Afstemning registreret")
    ITEM_VOTE_REMOVE = "item.vote.remove", _("Afstemning fjernet")
    ITEM_STATEMENT = "item.statement", _("Protokoltilførsel registreret")
    ITEM_STATEMENT_REMOVE = "item.statement.remove", _("Protokoltilførsel fjernet")
    ITEM_DISQUALIFIED = "item.disqualified", _("Inhabilitet registreret")
    PARTY_CREATE = "party.create", _("Parti oprettet")
    PERSON_CREATE = "person.create", _("Person oprettet")
    PERSON_UPDATE = "person.update", _("Person ændret")
    MEMBERSHIP_CREATE = "membership.create", _("Medlemskab oprettet")
    MEMBERSHIP_END = "membership.end", _("Medlemskab afsluttet")
    ATTENDANCE_PREFILL = "attendance.prefill", _("Fremmøde udfyldt fra medlemslisten")
    ATTENDANCE_SET = "attendance.set", _("Fremmøde ændret")
    ATTENDANCE_MARK_ALL = "attendance.mark_all", _("Alle markeret som mødt")
    ATTENDANCE_DEPUTY = "attendance.deputy", _("Stedfortræder indkaldt")
    ATTENDANCE_GUEST = "attendance.guest", _("Deltager uden for udvalget tilføjet")
    ATTENDANCE_REMOVE = "attendance.remove", _("Deltager fjernet")
    ATTENDANCE_ITEM = "attendance.item", _("Fravær under et punkt ændret")
    ATTENDANCE_IMPORT = "attendance.import", _("Fremmøde importeret")
    # Cases and attachments
    CASE_CREATE = "case.create", _("Sag oprettet")
    CASE_UPDATE = "case.update", _("Sag ændret")
    ATTACHMENT_ADD = "attachment.add", _("Bilag tilføjet")
    ATTACHMENT_WITHDRAW = "attachment.withdraw", _("Bilag trukket tilbage")
    ATTACHMENT_REPLACE = "attachment.replace", _("Bilag erstattet")
    ATTACHMENT_PUBLIC = "attachment.public", _("Bilags offentlighed ændret")
    PERSONAL_DATA_FALSE_POSITIVE = "personal_data.false_positive", _("Fund af personoplysninger afvist")
    # Planning
    SERIES_CREATE = "series.create", _("Mødeserie oprettet")
    SERIES_UPDATE = "series.update", _("Mødeserie ændret")
    THEME_PLAN = "theme.plan", _("Tema planlagt")
    FOLLOW_UP_CREATE = "follow_up.create", _("Opfølgning oprettet")
    FOLLOW_UP_CLOSE = "follow_up.close", _("Opfølgning afsluttet")
    FOLLOW_UP_TO_AGENDA = "follow_up.to_agenda", _("Opfølgning sat på dagsordenen")
    COMMUNICATION_RECORD = "communication.record", _("Meddelelse af beslutning registreret")
    # Members' requests (kommunestyrelsesloven § 11)
    MEMBER_REQUEST_SUBMIT = "member_request.submit", _("Medlemsforslag indsendt")
    MEMBER_REQUEST_PLACE = "member_request.place", _("Medlemsforslag sat på dagsordenen")
    MEMBER_REQUEST_ANSWER = "member_request.answer", _("Medlemsforslag besvaret")
    # Notifications
    NOTIFICATIONS_PREFERENCES = "notifications.preferences", _("Valg af underretninger ændret")
    NOTIFICATIONS_SEND_AGAIN = "notifications.send_again", _("Underretning sendt igen")
    # API tokens and the admin
    APITOKEN_CREATE = "apitoken.create", _("API-nøgle oprettet")
    APITOKEN_REVOKE = "apitoken.revoke", _("API-nøgle tilbagekaldt")
    ADMIN_ADD = "admin.add", _("Oprettet i administrationen")
    ADMIN_CHANGE = "admin.change", _("Ændret i administrationen")
    ADMIN_DELETE = "admin.delete", _("Slettet i administrationen")
    ADMIN_PASSWORD = "admin.password", _("Adgangskode ændret i administrationen")
    # Logging in: logins, single sign-on's accounts and roles, the second factor
    LOGIN = "auth.login", _("Logget ind")
    LOGOUT = "auth.logout", _("Logget ud")
    LOGIN_FAILED = "auth.login_failed", _("Mislykket login")
    LOGIN_BREAK_GLASS = "auth.break_glass", _("Logget ind med nødadgang")
    ACCOUNT_CREATED_FROM_PROVIDER = (
        "account.created_from_provider",
        _("Konto oprettet ved login hos identitetsudbyderen"),
    )
    ACCOUNT_ROLES_FROM_PROVIDER = (
        "account.roles_from_provider",
        _("Roller sat efter grupperne hos identitetsudbyderen"),
    )
    PERSON_LINKED_TO_LOGIN = "person.linked_to_login", _("Person knyttet til sit login")
    SECOND_FACTOR_ENROLLED = "second_factor.enrolled", _("Tofaktorgodkendelse sat op")
    SECOND_FACTOR_RECOVERY_CODES = "second_factor.recovery_codes", _("Nye gendannelseskoder")
    SECOND_FACTOR_VERIFIED = "second_factor.verified", _("Anden faktor bekræftet")
    SECOND_FACTOR_FAILED = "second_factor.failed", _("Forkert kode til anden faktor")


class UnknownAuditAction(ValueError):
    """A write named an action the log does not know: a programming error, never shown to a user."""


def _base(code: str) -> str:
    return code.removesuffix(AMENDMENT_SUFFIX)


def require_known(code: str) -> str:
    """The code itself if it is a member (or a member's amendment); otherwise UnknownAuditAction."""
    if _base(code) not in AuditAction.values:
        raise UnknownAuditAction(f"unknown audit action {code!r}: add it to protokol.common.audit_actions")
    return code


def label_of(code: str) -> str | Promise:
    """The Danish label of an action code as the log's pages show it."""
    base = _base(code)
    if base not in AuditAction.values:
        return code  # an entry written before the enumeration: nothing better to show
    label = AuditAction(base).label
    if base != code:
        return gettext("%(action)s (rettelse af godkendt referat)") % {"action": label}
    return label
