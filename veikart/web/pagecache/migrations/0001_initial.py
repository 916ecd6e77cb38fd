from django.db import migrations, models


def first_row(apps, schema_editor):
    apps.get_model("pagecache", "Generation").objects.create(pk=1, value=0)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "datagenerasjon"},
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
