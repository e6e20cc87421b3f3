from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    DONE = "done", _("Afsluttet")
    ON_AGENDA = "on_agenda", _("Sat på dagsorden")


class Audience(models.TextChoices):
    ORGANISATION = "organisation", _("Organisationen")
    MANAGERS = "managers", _("Ledere")
    STAFF = "staff", _("Medarbejdere")
    PUBLIC = "public", _("Offentligheden")


class Channel(models.TextChoices):
    INTRANET = "intranet", _("Intranet")
    NEWSLETTER = "newsletter", _("Nyhedsbrev")
    WEBSITE = "website", _("Hjemmeside")
    SOCIAL = "social", _("Sociale medier")
    MEETING = "meeting", _("Ledermøde")
