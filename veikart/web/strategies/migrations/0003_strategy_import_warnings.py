from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("strategies", "0002_import_job_error_en"),
    ]

    operations = [
        migrations.AddField(
            model_name="strategy",
            name="import_warnings",
            field=models.JSONField(blank=True, default=list, verbose_name="advarsler fra importen"),
        ),
    ]
