from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "protokol.planning"
    verbose_name = _("Årshjul og opfølgning")
