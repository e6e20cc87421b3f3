from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def printed_kle(apps, schema_editor):
    """Items already stored state their case's KLE number as it stands now (the best we know)."""
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    Case = apps.get_model("cases", "Case")
    AgendaItem.objects.filter(case__isnull=False).update(
        case_journal_number=Subquery(Case.objects.filter(pk=OuterRef("case_id")).values("journal_number")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("cases", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="case_journal_number",
            field=models.CharField(blank=True, max_length=8, verbose_name="KLE-nr. (som punktet angiver)"),
        ),
        migrations.RunPython(printed_kle, migrations.RunPython.noop),
    ]
