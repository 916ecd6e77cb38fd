"""Imported values' sources as the importer writes them now: the file's own words, none of ours.

Until now a file import wrote "…; fil / file verdier.csv; oppdatert / updated 2024-02-21"; the same
row is "…; verdier.csv; 2024-02-21" now (veikart/web/planning/values.py, ``_source_text``). One UPDATE
per marker, only on rows that have it; a source a person typed that happens to contain a marker loses
only those words.
"""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace

MARKERS = ("fil / file ", "oppdatert / updated ")


def drop_markers(apps, schema_editor) -> None:
    values = apps.get_model("planning", "Value")
    for marker in MARKERS:
        values.objects.filter(source__contains=marker).update(source=Replace("source", Value(marker), Value("")))


class Migration(migrations.Migration):

    dependencies = [
        ("planning", "0007_plan_changes_in_the_audit_log"),
    ]

    operations = [
        migrations.RunPython(drop_markers, migrations.RunPython.noop, elidable=True),
    ]
