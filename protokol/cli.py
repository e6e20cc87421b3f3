"""The one command line: protokol init | demo | parse | import | export | render | search | serve | notify."""

import json
import os
import sys
from pathlib import Path

import typer

app = typer.Typer(
    help="protokol: dagsordener og referater for kommunale udvalg.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _django() -> None:
    """Set Django up on first use; `parse` never needs it, so it starts fast."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protokol.settings")
    import django

    django.setup()


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"fejl: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def init() -> None:
    """Create or migrate the database."""
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection

    typer.echo(f"Databasen er klar ({connection.vendor}: {connection.settings_dict['NAME']}).")


@app.command()
def demo(
    meetings: int = typer.Option(48, "--meetings", help="Antal møder i alt."),
    seed: int = typer.Option(1, "--seed", help="Tilfældighedens frø: samme frø, samme data."),
    if_empty: bool = typer.Option(False, "--if-empty", help="Gør intet, hvis databasen allerede har møder."),
) -> None:
    """Fill the database with a fictional municipality: bodies, a year of meetings, cases, decisions."""
    _django()
    from protokol.meetings.models import Meeting

    if if_empty and Meeting.objects.exists():
        typer.echo("Databasen har allerede møder; ingen demodata tilføjet.")
        return
    from protokol.meetings.demo import generate
    from protokol.planning.demo import generate as generate_plans

    typer.echo(generate(meetings=meetings, seed=seed, progress=True))
    typer.echo(generate_plans(seed=seed))


@app.command()
def export(meeting: str = typer.Argument(..., help="Møde-id eller udvalg/ÅÅÅÅ-MM-DD.")) -> None:
    """Print a stored meeting in the interchange format (JSON)."""
    _django()
    from protokol.common.errors import ProtokolError
    from protokol.meetings.interchange import export_meeting
    from protokol.meetings.queries import meeting_by_reference

    try:
        found = meeting_by_reference(meeting)
    except ProtokolError as err:
        _fail(str(err))
    typer.echo(json.dumps(export_meeting(found), ensure_ascii=False, indent=2))


@app.command()
def parse(
    file: Path = typer.Argument(
        ..., help="PDF-, DOCX-, HTML- eller tekstfil, eller en ESDH-pakke (mappe eller zip)."
    ),
) -> None:
    """Print the interchange JSON of one document or ESDH package; stores nothing."""
    from protokol.importers.errors import ImportRefused
    from protokol.importers.esdh import package
    from protokol.importers.parse import parse_file

    try:
        if package.is_package(file):
            with package.opened(file) as root:
                reading = package.read(root)
            doc = reading.doc
            for warning in reading.warnings:
                typer.echo(f"advarsel: {warning}", err=True)
        else:
            doc = parse_file(file)
    except ImportRefused as err:
        _fail(f"{file}: {err}")
    typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))


@app.command("import")
def import_(
    files: list[Path] = typer.Argument(
        None, help="Et eller flere dokumenter, eller ESDH-pakker (Acadre, eDoc, SBSYS) som mappe eller zip."
    ),
    organization: str = typer.Option(None, "--organization", help="Kommunen, dokumenterne hører til."),
    drop: Path = typer.Option(
        None,
        "--drop",
        help="En afleveringsmappe: hver pakke importeres én gang og flyttes til done/ eller failed/.",
    ),
) -> None:
    """Store documents or ESDH packages: a re-import updates, never duplicates; a file that fails leaves
    nothing behind."""
    _django()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from protokol.importers.esdh.package import is_package
    from protokol.importers.run import import_file, import_package

    def store(path: Path) -> tuple[bool, str]:
        return (import_package if is_package(path) else import_file)(path, organization=organization)

    console = Console(stderr=True)
    if drop is not None:
        from protokol.importers.esdh.drop import process

        if not drop.is_dir():
            _fail(f"{drop}: ikke en mappe")
        results = process(drop, store)
        if results is None:
            console.print(
                f"{drop}: en anden import kører allerede; intet gjort.", highlight=False, markup=False
            )
            return
        for ok, line in results:
            console.print(line if ok else f"fejl: {line}", highlight=False, markup=False)
        failed = sum(1 for ok, _ in results if not ok)
        console.print(f"{len(results) - failed} af {len(results)} importeret fra {drop}.")
        raise typer.Exit(1 if failed else 0)
    if not files:
        _fail("angiv filer eller --drop MAPPE")
    failed = 0
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("Importerer", total=len(files))
        for path in files:
            progress.update(task, description=f"Importerer {path.name[:40]}")
            ok, line = store(path)
            failed += not ok
            progress.console.print(line if ok else f"fejl: {line}", highlight=False, markup=False)
            progress.advance(task)
    console.print(f"{len(files) - failed} af {len(files)} dokumenter importeret.")
    if failed:
        raise typer.Exit(1)


@app.command()
def render(
    meeting: str = typer.Argument(..., help="Møde-id eller udvalg/ÅÅÅÅ-MM-DD."),
    edition: str = typer.Option("public", "--edition", help="public (offentlig) eller internal (intern)."),
    fmt: str = typer.Option("pdf", "--format", help="pdf eller html."),
    output: Path = typer.Option(..., "-o", "--output", help="Filen, der skrives."),
) -> None:
    """Write the agenda or minutes of a meeting as PDF or HTML."""
    if edition not in ("public", "internal"):
        _fail("--edition skal være public eller internal.")
    if fmt not in ("pdf", "html"):
        _fail("--format skal være pdf eller html.")
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


@app.command()
def backup(file: Path = typer.Argument(..., help="Sikkerhedskopien, der skrives (.tar.gz).")) -> None:
    """Write the whole database and the stored files to one archive."""
    _django()
    from protokol.common.backup import backup as write_backup

    manifest = write_backup(file)
    total = sum(manifest["counts"].values())
    typer.echo(f"{file}: {total} rækker i {len(manifest['counts'])} tabeller.")


@app.command()
def restore(file: Path = typer.Argument(..., help="En sikkerhedskopi fra protokol backup.")) -> None:
    """Load a backup into an empty database (run protokol init first)."""
    _django()
    from django.core.management import call_command

    from protokol.common.backup import restore as read_backup
    from protokol.common.errors import ProtokolError

    call_command("migrate", interactive=False, verbosity=0)
    try:
        manifest = read_backup(file)
    except ProtokolError as err:
        _fail(str(err))
    typer.echo(f"{file}: {sum(manifest['counts'].values())} rækker indlæst (kopi fra {manifest['created']}).")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    workers: int = typer.Option(0, "--workers", help="Antal arbejdsprocesser (0 = én pr. kerne)."),
) -> None:
    """Serve the web site, workspace and APIs with gunicorn (a production server)."""
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
    typer.echo(f"protokol kører på http://{host}:{port}/ ({count} processer, data i {settings.VAR_DIR})")
    os.execv(sys.executable, args)


@app.command()
def search(
    query: str = typer.Argument(
        ..., help='Søgeord; "en frase" i anførselstegn, skole* for ord, der begynder med.'
    ),
    body: str = typer.Option(None, "--body", help="Kun dette udvalg (kortnavn eller navn)."),
    since: str = typer.Option(None, "--since", help="Møder fra denne dato (ÅÅÅÅ-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Møder til og med denne dato (ÅÅÅÅ-MM-DD)."),
    limit: int = typer.Option(10, "--limit", help="Antal resultater."),
    as_json: bool = typer.Option(False, "--json", help="Skriv resultatet som JSON."),
) -> None:
    """What the public may find: ranked, with snippets."""
    from datetime import date

    try:
        since_d = date.fromisoformat(since) if since else None
        until_d = date.fromisoformat(until) if until else None
    except ValueError:
        _fail("--since og --until skal være datoer som ÅÅÅÅ-MM-DD.")
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
    typer.echo(f"{page.count_display} resultater for {query!r}.")
    for h in page.hits:
        prefix = "" if h.public else "Lukket: "
        typer.echo(f"\n{h.meeting.key} punkt {h.number or '–'}: {prefix}{h.title}")
        if h.snippet:
            snippet = re.sub(r"</?mark>", "**", str(h.snippet))
            typer.echo("  " + " ".join(html.unescape(snippet).split()))


@app.command()
def reindex() -> None:
    """Rebuild both search indexes (public and internal) from the database."""
    _django()
    from protokol.search.outbox import reindex as rebuild

    n = rebuild()
    typer.echo(f"Søgeindekset er genopbygget: {n} dokumenter.")


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
