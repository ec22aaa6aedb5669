from django.db import migrations


def drop_figures_without_upload(apps, schema_editor):
    # Before uploads existed, figures were typed in by the demo only; they are re-entered from
    # the seed's filled template by `loaddemo`.
    for name in ("IndicatorActual", "StaffingFigure"):
        apps.get_model("indicators", name).objects.filter(upload__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_self_assessment_uploads")]

    operations = [migrations.RunPython(drop_figures_without_upload, migrations.RunPython.noop)]
