"""Rendering public PDFs as jobs, with a real `protokol worker` on a database of the test's own: the
job stores the public edition and the portal serves it; a job that cannot render ends failed with its
reason in `protokol jobs --failed`; a job run again stores the same bytes."""

from __future__ import annotations

import subprocess
import sys

from protokol.common.testing import REPO_ROOT
from protokol.common.tests.subprocess_db import RUN_TIMEOUT_S

GONE = 999999

ASK = """
import django, json
django.setup()
from django.test import Client
from protokol.meetings.models import Meeting
m = Meeting.objects.filter(status="minutes_published").order_by("pk").first()
r = Client().get(f"/meetings/{m.pk}/minutes.pdf")
print(json.dumps({"meeting": m.pk, "status": r.status_code, "retry": r.get("Retry-After")}))
"""

ENQUEUE_GONE = f"""
import django
django.setup()
from protokol.rendering.stored import enqueue
print(enqueue({GONE}, "minutes"))
"""

CHECK = """
import django, hashlib, json, sys
django.setup()
from django.test import Client
from protokol.meetings.models import Meeting
from protokol.rendering.documents import meeting_document
from protokol.rendering.models import StoredPdf
from protokol.rendering.pdf import render_pdf
m = Meeting.objects.get(pk=int(sys.argv[1]))
r = Client().get(f"/meetings/{m.pk}/minutes.pdf")
stored = bytes(StoredPdf.objects.get(meeting=m, kind="minutes").data)
public = render_pdf(meeting_document(m, edition="public", kind="minutes"))
print(json.dumps({
    "status": r.status_code,
    "served_is_stored": r.content == stored,
    "stored_is_public": stored == public,
    "sha": hashlib.sha256(stored).hexdigest(),
}))
"""


def _python(database, script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO_ROOT,
        env=database.env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_render_job_stores_the_public_edition_the_portal_serves_and_a_failing_one_says_why(database):
    import json

    database.env["PROTOKOL_PDF_INLINE_CHARS"] = "0"  # every PDF is made by a job
    database.run("init")
    database.run("demo", "--meetings", "1")

    asked = json.loads(_python(database, ASK))
    assert asked["status"] == 503 and asked["retry"] == "10", asked
    assert _python(database, ENQUEUE_GONE) == "True"
    assert "2 venter, 0 kører" in database.run("jobs").stdout

    database.run("worker", "--until-empty")
    report = database.run("jobs", "--failed").stdout
    assert "0 venter, 0 kører, 1 lykkedes, 1 fejlede." in report, report
    failed = [line for line in report.splitlines() if str(GONE) in line]
    assert len(failed) == 1, report
    assert "PDF af offentlig dagsorden eller referat" in failed[0], report
    assert f"Møde {GONE} findes ikke længere." in failed[0], report

    served = json.loads(_python(database, CHECK, str(asked["meeting"])))
    assert served["status"] == 200 and served["served_is_stored"] and served["stored_is_public"], served

    # The same job again (as after a killed worker): the same bytes.
    rerun = f"""
import django
django.setup()
from protokol.rendering.jobs import render_public_pdf
render_public_pdf.enqueue({asked["meeting"]}, "minutes")
"""
    _python(database, rerun + "print('ok')")
    database.run("worker", "--until-empty")
    assert "2 lykkedes, 1 fejlede" in database.run("jobs").stdout
    assert json.loads(_python(database, CHECK, str(asked["meeting"])))["sha"] == served["sha"]
