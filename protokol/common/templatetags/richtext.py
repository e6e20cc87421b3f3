"""`{{ text|richtext }}`: a section's, decision's or statement's text as HTML (protokol.common.richtext)."""

from django import template
from django.utils.safestring import SafeString

from protokol.common import richtext as rt

register = template.Library()


@register.filter
def richtext(text: str | None) -> SafeString:
    """Plain text escaped in paragraphs and line breaks, or the sanitised HTML."""
    return rt.to_html(text)


@register.filter
def is_richtext(text: str | None) -> bool:
    """Whether the text is HTML (and so shows as blocks, not inside a line)."""
    return rt.is_html(text)
