"""CachedComparison moves here from the search app: the table (search_cachedcomparison) stays as it is."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("search", "0007_semantic_key"),
        ("strategies", "0004_import_job_heartbeat"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CachedComparison",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("old_version", models.PositiveIntegerField()),
                        ("new_version", models.PositiveIntegerField()),
                        ("format", models.PositiveSmallIntegerField()),
                        ("data", models.JSONField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "new",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="strategies.strategy"
                            ),
                        ),
                        (
                            "old",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="strategies.strategy"
                            ),
                        ),
                    ],
                    options={
                        "db_table": "search_cachedcomparison",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("old", "new", "old_version", "new_version", "format"),
                                name="one_cached_comparison_per_versions",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
