"""Fill the SDG tables from veikart.sdg's catalogue (idempotent; `manage.py load_sdg` does the same)."""

from django.db import migrations


def load(apps, schema_editor):
    from veikart.web.sdgtags.catalogue import load_sdg_catalogue

    load_sdg_catalogue(apps.get_model("sdgtags", "SdgGoal"), apps.get_model("sdgtags", "SdgTarget"))


class Migration(migrations.Migration):
    dependencies = [("sdgtags", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
