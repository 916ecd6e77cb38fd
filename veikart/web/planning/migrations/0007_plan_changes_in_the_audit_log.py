"""The plans' change log joins the one audit log: planning_planchange's rows move to audit_changerecord
(version empty, every column and the time kept), and PlanChange becomes a proxy of ChangeRecord."""

from django.db import migrations

COLUMNS = "strategy_id, user_id, at, action, object_type, object_id, before, after"


def move_rows(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO audit_changerecord ({COLUMNS}, version) "
            f"SELECT {COLUMNS}, NULL FROM planning_planchange ORDER BY id"
        )


def move_rows_back(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO planning_planchange ({COLUMNS}) "
            f"SELECT {COLUMNS} FROM audit_changerecord WHERE version IS NULL ORDER BY id"
        )
        cursor.execute("DELETE FROM audit_changerecord WHERE version IS NULL")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_one_log_for_plans"),
        ("planning", "0006_job_error_as_message"),
    ]

    operations = [
        migrations.RunPython(move_rows, move_rows_back),
        migrations.DeleteModel(name="PlanChange"),
        migrations.CreateModel(
            name="PlanChange",
            fields=[],
            options={
                "verbose_name": "endring i plan",
                "verbose_name_plural": "endringer i planer",
                "ordering": ["-at", "-pk"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("audit.changerecord",),
        ),
    ]
