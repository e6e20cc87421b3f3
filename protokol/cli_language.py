"""The language of the command line: Danish, or the one PROTOKOL_LANGUAGE names (da, en).

The same catalogue as the web site's (locale/<language>/LC_MESSAGES/django.mo, whose msgids are Danish),
read with the standard library so that `--help` works before Django is set up; `activate()` then switches
Django's translation too, for what the domain code says (an import's summary, an error). Typer's own
English words in the help (Usage, Options, ...) go through the catalogue as well, by their Danish msgids;
its parse errors ("Missing argument ...") are f-strings in its copy of Click and stay English.
"""

import gettext
import os
from pathlib import Path

import typer._click.decorators
import typer._click.formatting
import typer.core
import typer.rich_utils

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SUPPORTED = ("da", "en")
LANGUAGE = "da"
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def use(language: str | None) -> str:
    """Speak this language from now on (an unknown one: Danish); returns the one chosen."""
    global LANGUAGE, _catalogue
    code = (language or "da").strip().lower()[:2]
    LANGUAGE = code if code in SUPPORTED else "da"
    _catalogue = gettext.translation("django", localedir=LOCALE_DIR, languages=[LANGUAGE], fallback=True)
    for name, english in TYPER_TEXTS:
        setattr(typer.rich_utils, name, framework_text(english))
    return LANGUAGE


def _(message: str) -> str:
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue.ngettext(singular, plural, n)


def gettext_noop(message: str) -> str:
    return message


# Typer's English (its own copy of Click, typer._click, and typer.core), by the Danish msgid that carries it.
FRAMEWORK_TEXTS = {
    "Usage:": gettext_noop("Brug:"),
    "Options": gettext_noop("Tilvalg"),
    "Commands": gettext_noop("Kommandoer"),
    "Arguments": gettext_noop("Argumenter"),
    "Show this message and exit.": gettext_noop("Vis denne hjælp og afslut."),
    "Error": gettext_noop("Fejl"),
    "Missing command.": gettext_noop("Mangler en kommando."),
    "No such command {name!r}.": gettext_noop("Kommandoen {name!r} findes ikke."),
    "required": gettext_noop("påkrævet"),
    "default: {default}": gettext_noop("standard: {default}"),
    "Aborted!": gettext_noop("Afbrudt!"),
    "[default: {}]": gettext_noop("[standard: {}]"),
    "[required]": gettext_noop("[påkrævet]"),
    "Aborted.": gettext_noop("Afbrudt."),
    "Try [blue]'{command_path} {help_option}'[/] for help.": gettext_noop(
        "Se [blue]'{command_path} {help_option}'[/] for hjælp."
    ),
}


def framework_text(message: str) -> str:
    danish = FRAMEWORK_TEXTS.get(message)
    return _(danish) if danish is not None else message


typer.core._ = framework_text
_write_usage = typer._click.formatting.HelpFormatter.write_usage
_help_option = typer._click.decorators.help_option


def _usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
    _write_usage(self, prog, args, f"{framework_text('Usage:')} " if prefix is None else prefix)


def _translated_help_option(param_decls: list[str]):
    add = _help_option(param_decls)

    def decorator(command):
        add(command)
        command.params[-1].help = framework_text("Show this message and exit.")
        return command

    return decorator


typer._click.formatting.HelpFormatter.write_usage = _usage  # type: ignore[method-assign]
typer._click.decorators.help_option = _translated_help_option


# Typer's own words, fixed when it is imported: set again by use().
TYPER_TEXTS = [
    ("ARGUMENTS_PANEL_TITLE", "Arguments"),
    ("OPTIONS_PANEL_TITLE", "Options"),
    ("COMMANDS_PANEL_TITLE", "Commands"),
    ("ERRORS_PANEL_TITLE", "Error"),
    ("DEFAULT_STRING", "[default: {}]"),
    ("REQUIRED_LONG_STRING", "[required]"),
    ("ABORTED_TEXT", "Aborted."),
    ("RICH_HELP", "Try [blue]'{command_path} {help_option}'[/] for help."),
]


def activate() -> None:
    """Django's translation in the command line's language (after django.setup())."""
    from django.utils import translation

    translation.activate(LANGUAGE)


use(os.environ.get("PROTOKOL_LANGUAGE"))
