import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# KLE: main group, group, subject, two digits each ("00.01.00"); a prefix of it names a group ("00.01").
KLE_RE = re.compile(r"^\d{2}(\.\d{2}){0,2}$")


def validate_kle(value: str) -> None:
    if value and not KLE_RE.match(value):
        raise ValidationError(
            _("Ugyldigt KLE-nummer %(value)s: det skal have formen NN.NN.NN, fx 00.01.00."),
            params={"value": value},
            code="kle",
        )
