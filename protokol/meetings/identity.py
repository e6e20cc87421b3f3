"""An organisation's identity as the portal and the PDFs show it: its logo and accent colour, checked."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
# A logo is shown as an image from the site's own address: PNG or JPEG only (an SVG could carry script).
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
LOGO_MAX_BYTES = 512 * 1024


def validate_color(value: str) -> None:
    if value and not COLOR_RE.match(value):
        raise ValidationError(
            _("Ugyldig farve %(value)s: skriv den som #rrggbb, fx #1f3a5f."), params={"value": value}
        )


def logo_type(head: bytes) -> str | None:
    """The logo's media type from its first bytes, or None if it is neither PNG nor JPEG."""
    return next((kind for magic, kind in LOGO_TYPES.items() if head.startswith(magic)), None)


def validate_logo(file) -> None:  # noqa: ANN001  (a Django File)
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Logoet er for stort (højst 512 kB)."))
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if logo_type(head) is None:
        raise ValidationError(_("Logoet skal være et PNG- eller JPEG-billede."))
