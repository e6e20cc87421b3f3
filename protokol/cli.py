"""The one command line: protokol init | demo | parse | import | export | render | search | serve | notify |
organization-admin."""

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import typer

from protokol.cli_language import _, activate, ngettext

app = typer.Typer(
    help=_("protokol: dagsordener og referater for kommunale udvalg."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _django() -> None:
    """Set Django up on first use; `parse` never needs it, so it starts fast."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protokol.settings")
    import django

    django.setup()
    activate()


def _fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"{_('fejl')}: {message}", err=True)
    raise typer.Exit(code)


@app.command(help=_("Opret eller opdatér databasen."))
def init() -> None:
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection

    typer.echo(
        _("Databasen er klar (%(vendor)s: %(name)s).")
        % {"vendor": connection.vendor, "name": connection.settings_dict["NAME"]}
    )


@app.command(help=_("Fyld databasen med en opdigtet kommune: udvalg, et års møder, sager og beslutninger."))
def demo(
    meetings: int = typer.Option(48, "--meetings", help=_("Antal møder i alt.")),
    seed: int = typer.Option(1, "--seed", help=_("Tilfældighedens frø: samme frø, samme data.")),
    if_empty: bool = typer.Option(
        False, "--if-empty", help=_("Gør intet, hvis databasen allerede har møder.")
    ),
) -> None:
    _django()
    from protokol.meetings.models import Meeting

    if if_empty and Meeting.objects.exists():
        typer.echo(_("Databasen har allerede møder; ingen demodata tilføjet."))
        return
    from protokol.meetings.demo import generate
    from protokol.planning.demo import generate as generate_plans

    typer.echo(generate(meetings=meetings, seed=seed, progress=True))
    typer.echo(generate_plans(seed=seed))


@app.command(help=_("Skriv et gemt møde i udvekslingsformatet (JSON)."))
def export(meeting: str = typer.Argument(..., help=_("Møde-id eller udvalg/ÅÅÅÅ-MM-DD."))) -> None:
    _django()
    from protokol.common.errors import ProtokolError
    from protokol.meetings.interchange import export_meeting
    from protokol.meetings.queries import meeting_by_reference

    try:
        found = meeting_by_reference(meeting)
    except ProtokolError as err:
        _fail(str(err))
    typer.echo(json.dumps(export_meeting(found), ensure_ascii=False, indent=2))


@app.command(help=_("Skriv udvekslings-JSON for ét dokument eller én ESDH-pakke; gemmer intet."))
def parse(
    file: Path = typer.Argument(
        ..., help=_("PDF-, DOCX-, HTML- eller tekstfil, eller en ESDH-pakke (mappe eller zip).")
    ),
) -> None:
    from protokol.importers.errors import ImportRefused
    from protokol.importers.esdh import package
    from protokol.importers.parse import parse_file

    try:
        if package.is_package(file):
            with package.opened(file) as root:
                reading = package.read(root)
            doc = reading.doc
            for warning in reading.warnings:
                typer.echo(f"{_('advarsel')}: {warning}", err=True)
        else:
            doc = parse_file(file)
    except ImportRefused as err:
        _fail(f"{file}: {err}")
    typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))


@app.command(
    "import",
    help=_(
        "Gem dokumenter eller ESDH-pakker: en genimport opdaterer og dublerer aldrig; en fil, der fejler, efterlader intet."
    ),
)
def import_(
    files: list[Path] = typer.Argument(
        None,
        help=_("Et eller flere dokumenter, eller ESDH-pakker (Acadre, eDoc, SBSYS) som mappe eller zip."),
    ),
    organization: str = typer.Option(None, "--organization", help=_("Kommunen, dokumenterne hører til.")),
    drop: Path = typer.Option(
        None,
        "--drop",
        help=_("En afleveringsmappe: hver pakke importeres én gang og flyttes til done/ eller failed/."),
    ),
    workers: int = typer.Option(
        0,
        "--workers",
        min=0,
        help=_("Importér som baggrundsjob med så mange arbejdsprocesser (0 = i denne proces, én ad gangen)."),
    ),
) -> None:
    _django()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from protokol.importers.run import import_path

    if organization is None:
        organization = _choose_organization()

    def store(path: Path) -> tuple[bool, str]:
        return import_path(path, organization=organization)

    def import_all(paths: list[Path]) -> Iterator[tuple[Path, bool, str]]:
        """Each path's outcome as it finishes: as jobs run by `workers` processes, or one by one here."""
        if workers:
            from protokol.importers.jobs import import_with_workers

            yield from import_with_workers(paths, organization=organization, workers=workers)
        else:
            for path in paths:
                yield (path, *store(path))

    console = Console(stderr=True)
    if drop is not None:
        from protokol.importers.esdh.drop import process

        if not drop.is_dir():
            _fail(_("%(path)s: ikke en mappe") % {"path": drop})
        results = process(drop, import_all=import_all)
        if results is None:
            console.print(
                _("%(path)s: en anden import kører allerede; intet gjort.") % {"path": drop},
                highlight=False,
                markup=False,
            )
            return
        for ok, line in results:
            console.print(line if ok else f"{_('fejl')}: {line}", highlight=False, markup=False)
        failed = sum(1 for ok, _line in results if not ok)
        console.print(
            ngettext(
                "%(ok)d af %(n)d pakke importeret fra %(path)s.",
                "%(ok)d af %(n)d pakker importeret fra %(path)s.",
                len(results),
            )
            % {"ok": len(results) - failed, "n": len(results), "path": drop}
        )
        raise typer.Exit(1 if failed else 0)
    if not files:
        _fail(_("angiv filer eller --drop MAPPE"))
    failed = 0
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(_("Importerer"), total=len(files))
        for path, ok, line in import_all(files):
            progress.update(task, description=f"{_('Importerer')} {path.name[:40]}")
            failed += not ok
            progress.console.print(line if ok else f"{_('fejl')}: {line}", highlight=False, markup=False)
            progress.advance(task)
    console.print(
        ngettext("%(ok)d af %(n)d dokument importeret.", "%(ok)d af %(n)d dokumenter importeret.", len(files))
        % {"ok": len(files) - failed, "n": len(files)}
    )
    if failed:
        raise typer.Exit(1)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _choose_organization() -> str | None:
    """With several organisations in the installation, the one the user picks (asked at a terminal);
    elsewhere the import stops and names them. With one or none, None: the importer decides."""
    from protokol.importers.store import several_organizations_message
    from protokol.meetings.models import Organization

    organizations = list(Organization.objects.order_by("name"))
    if len(organizations) < 2:
        return None
    if not _interactive():
        _fail(several_organizations_message(organizations))
    for number, org in enumerate(organizations, start=1):
        typer.echo(f"{number}. {org.name}")
    choice = typer.prompt(
        _("Hvilken organisation hører dokumenterne til? (1-%(n)d)") % {"n": len(organizations)}, type=int
    )
    if not 1 <= choice <= len(organizations):
        _fail(_("Vælg et tal fra 1 til %(n)d.") % {"n": len(organizations)})
    return organizations[choice - 1].name


@app.command(help=_("Skriv et mødes dagsorden eller referat som PDF eller HTML."))
def render(
    meeting: str = typer.Argument(..., help=_("Møde-id eller udvalg/ÅÅÅÅ-MM-DD.")),
    edition: str = typer.Option("public", "--edition", help=_("public (offentlig) eller internal (intern).")),
    fmt: str = typer.Option("pdf", "--format", help=_("pdf eller html.")),
    output: Path = typer.Option(..., "-o", "--output", help=_("Filen, der skrives.")),
) -> None:
    if edition not in ("public", "internal"):
        _fail(_("--edition skal være public eller internal."))
    if fmt not in ("pdf", "html"):
        _fail(_("--format skal være pdf eller html."))
    _django()
    from protokol.common.errors import ProtokolError
    from protokol.meetings.queries import meeting_by_reference
    from protokol.rendering.documents import render_meeting

    try:
        found = meeting_by_reference(meeting)
    except ProtokolError as err:
        _fail(str(err))
    data = render_meeting(found, edition=edition, fmt=fmt)
    output.write_bytes(data)
    typer.echo(f"{output}: {found.key}, {edition}, {fmt}, {len(data):,} bytes".replace(",", "."))


@app.command(help=_("Skriv hele databasen og de gemte filer til ét arkiv."))
def backup(file: Path = typer.Argument(..., help=_("Sikkerhedskopien, der skrives (.tar.gz)."))) -> None:
    _django()
    from protokol.backup import backup as write_backup

    manifest = write_backup(file)
    total = sum(manifest["counts"].values())
    typer.echo(
        _("%(file)s: %(rows)d rækker i %(tables)d tabeller.")
        % {"file": file, "rows": total, "tables": len(manifest["counts"])}
    )


@app.command(help=_("Indlæs en sikkerhedskopi i en tom database (kør protokol init først)."))
def restore(file: Path = typer.Argument(..., help=_("En sikkerhedskopi fra protokol backup."))) -> None:
    _django()
    from django.core.management import call_command

    from protokol.backup import restore as read_backup
    from protokol.common.errors import ProtokolError

    call_command("migrate", interactive=False, verbosity=0)
    try:
        manifest = read_backup(file)
    except ProtokolError as err:
        _fail(str(err))
    typer.echo(
        _("%(file)s: %(rows)d rækker indlæst (kopi fra %(created)s).")
        % {"file": file, "rows": sum(manifest["counts"].values()), "created": manifest["created"]}
    )


@app.command(help=_("Kør hjemmesiden, arbejdsrummet og API'erne med gunicorn (en produktionsserver)."))
def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    workers: int = typer.Option(0, "--workers", help=_("Antal arbejdsprocesser (0 = én pr. kerne).")),
) -> None:
    _django()
    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    count = workers or (os.cpu_count() or 1)
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "protokol.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(count),
        "--access-logfile",
        "-",
        "--timeout",
        "120",
    ]
    typer.echo(
        _("protokol kører på %(url)s (%(count)d processer, data i %(data)s)")
        % {"url": f"http://{host}:{port}/", "count": count, "data": settings.VAR_DIR}
    )
    os.execv(sys.executable, args)


@app.command(help=_("Det, offentligheden kan finde: rangordnet, med uddrag."))
def search(
    query: str = typer.Argument(
        ..., help=_('Søgeord; "en frase" i anførselstegn, skole* for ord, der begynder med.')
    ),
    body: str = typer.Option(None, "--body", help=_("Kun dette udvalg (kortnavn eller navn).")),
    since: str = typer.Option(None, "--since", help=_("Møder fra denne dato (ÅÅÅÅ-MM-DD).")),
    until: str = typer.Option(None, "--until", help=_("Møder til og med denne dato (ÅÅÅÅ-MM-DD).")),
    limit: int = typer.Option(10, "--limit", help=_("Antal resultater.")),
    as_json: bool = typer.Option(False, "--json", help=_("Skriv resultatet som JSON.")),
) -> None:
    from datetime import date

    try:
        since_d = date.fromisoformat(since) if since else None
        until_d = date.fromisoformat(until) if until else None
    except ValueError:
        _fail(_("--since og --until skal være datoer som ÅÅÅÅ-MM-DD."))
    _django()
    import html
    import re

    from protokol.search.query import search as run_search

    page = run_search(query, user=None, body=body, since=since_d, until=until_d, page_size=max(1, limit))

    def plain(snippet: str) -> str:
        return html.unescape(re.sub(r"</?mark>", "", snippet))

    if as_json:
        payload = {
            "query": query,
            "count": page.count,
            "count_display": page.count_display,
            "hits": [
                {
                    "meeting": h.meeting.key,
                    "meeting_id": h.meeting.pk,
                    "body": h.meeting.body.name,
                    "date": h.meeting.date.isoformat(),
                    "number": h.number,
                    "title": h.title,
                    "public": h.public,
                    "snippet": plain(h.snippet),
                    "snippet_html": str(h.snippet),
                    "url": h.url,
                    "score": round(h.score, 4),
                }
                for h in page.hits
            ],
            "facets": {
                k: [{"value": f.value, "label": f.label, "count": f.count} for f in v]
                for k, v in page.facets.items()
            },
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(
        ngettext("%(count)s resultat for »%(query)s«.", "%(count)s resultater for »%(query)s«.", page.count)
        % {"count": page.count_display, "query": query}
    )
    for h in page.hits:
        prefix = "" if h.public else f"{_('Lukket')}: "
        typer.echo(f"\n{h.meeting.key} {_('punkt')} {h.number or '–'}: {prefix}{h.title}")
        if h.snippet:
            snippet = re.sub(r"</?mark>", "**", str(h.snippet))
            typer.echo("  " + " ".join(html.unescape(snippet).split()))


@app.command(
    "organization-admin",
    help=_(
        "Gør en bruger til administrator af en organisation (sekretariat i alle dens udvalg og "
        "administrationen af dens data), eller fratag det med --revoke."
    ),
)
def organization_admin(
    username: str = typer.Argument(..., help=_("Brugernavnet.")),
    organization: str = typer.Argument(..., help=_("Organisationens kortnavn.")),
    revoke: bool = typer.Option(False, "--revoke", help=_("Fratag brugeren administrationen.")),
) -> None:
    _django()
    from django.contrib.auth import get_user_model

    from protokol.common.users import system_user
    from protokol.meetings import services
    from protokol.meetings.models import Organization

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        _fail(_("Brugeren %(name)s findes ikke.") % {"name": username})
    org = Organization.objects.filter(slug=organization).first()
    if org is None:
        _fail(_("Organisationen %(slug)s findes ikke.") % {"slug": organization})
    if revoke:
        services.revoke_organization_administrator(user=user, organization=org, by=system_user())
        typer.echo(_("%(user)s administrerer ikke længere %(org)s.") % {"user": username, "org": org.name})
    else:
        services.grant_organization_administrator(user=user, organization=org, by=system_user())
        typer.echo(_("%(user)s administrerer nu %(org)s.") % {"user": username, "org": org.name})


@app.command(help=_("Genopbyg begge søgeindeks (det offentlige og det interne) fra databasen."))
def reindex(
    background: bool = typer.Option(
        False,
        "--background",
        help=_(
            "Læg genopbygningen i køen som et job pr. søgeknude; en arbejdsproces på hver knude kører det."
        ),
    ),
) -> None:
    _django()
    if background:
        from protokol.search.jobs import enqueue_reindex

        nodes = enqueue_reindex()
        if not nodes:
            _fail(_("ingen søgeknude er registreret endnu; kør protokol reindex uden --background."))
        typer.echo(
            ngettext(
                "Genopbygning sat i kø for %(n)d søgeknude; protokol worker på knuden kører den.",
                "Genopbygning sat i kø for %(n)d søgeknuder; protokol worker på hver knude kører den.",
                len(nodes),
            )
            % {"n": len(nodes)}
        )
        return
    from protokol.search.outbox import reindex as rebuild

    n = rebuild()
    typer.echo(
        ngettext(
            "Søgeindekset er genopbygget: %(n)d dokument.",
            "Søgeindekset er genopbygget: %(n)d dokumenter.",
            n,
        )
        % {"n": n}
    )


@app.command(
    help=_(
        "Kør baggrundsjob (import, PDF'er, søgeindeks) fra køen i databasen; start så mange, som maskinerne har kerner. "
        "Et job, hvis arbejdsproces døde, gives tilbage og køres igen."
    )
)
def worker(
    until_empty: bool = typer.Option(
        False, "--until-empty", help=_("Stop, når ingen job venter eller kører (ellers: vent på nye).")
    ),
) -> None:
    _django()
    from protokol.common.jobs import work

    work(until_empty=until_empty)


@app.command(
    help=_("Baggrundsjobbene: hvor mange venter, kører, lykkedes og fejlede, og hvorfor hvert fejlede.")
)
def jobs(
    failed: bool = typer.Option(False, "--failed", help=_("Vis hvert fejlet job med begrundelsen.")),
) -> None:
    _django()
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from protokol.common.jobs import BACKEND, label, reason

    queue = DBTaskResult.objects.filter(backend_name=BACKEND)
    counts = dict(queue.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    typer.echo(
        _("%(ready)d venter, %(running)d kører, %(ok)d lykkedes, %(failed)d fejlede.")
        % {
            "ready": counts.get("READY", 0),
            "running": counts.get("RUNNING", 0),
            "ok": counts.get("SUCCESSFUL", 0),
            "failed": counts.get("FAILED", 0),
        }
    )
    if failed:
        for job in queue.filter(status="FAILED").order_by("finished_at"):
            when = job.finished_at.strftime("%d.%m.%Y %H:%M") if job.finished_at else "–"
            args = ", ".join(str(a) for a in job.args_kwargs.get("args", ()))
            typer.echo(f"{when}  {label(job)} ({args}): {reason(job)}")


@app.command()
def notify(
    due: bool = typer.Option(
        False, "--due", help="Skriv også de påmindelser og underskriftsanmodninger, der er forfaldne."
    ),
) -> None:
    """Send the e-mails waiting in the outbox (retries included); run it from a timer every few minutes."""
    _django()
    from protokol.notifications import outbox
    from protokol.notifications.due import enqueue_due
    from protokol.notifications.queries import failed_messages

    written = enqueue_due() if due else 0
    result = outbox.drain()
    typer.echo(
        f"{written} nye, {result.sent} sendt, {result.retrying} prøves igen, "
        f"{result.failed} opgivet ({failed_messages().count()} mislykkede i alt)."
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
