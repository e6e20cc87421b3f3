"""The agenda or minutes as one standalone HTML page: semantic, printable, readable without CSS."""

from functools import cache
from pathlib import Path

from django.template import Context, Engine

from protokol.rendering import present

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE = "rendering/document.html"


@cache
def _engine() -> Engine:
    # A standalone engine, not the project's: rendering must work without Django settings (CLI,
    # tests, workers), always autoescapes, and the view holds only strings, so no template
    # tag reaches for localisation settings.
    return Engine(dirs=[str(TEMPLATES_DIR)], autoescape=True)


def render_html(doc: dict) -> str:
    """The document as HTML; the edition is ``doc["edition"]``, the public one if absent."""
    view = present(doc)
    return _engine().get_template(TEMPLATE).render(Context(view, autoescape=True))
