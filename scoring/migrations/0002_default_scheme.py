from django.db import migrations

from scoring import default_scheme


def install(apps, schema_editor):
    default_scheme.install(apps)


class Migration(migrations.Migration):
    dependencies = [("scoring", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
