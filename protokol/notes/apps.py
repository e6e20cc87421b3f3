from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    name = "protokol.notes"
    verbose_name = _("Private noter")
