from django.db import migrations

from evalportal.db import NoOverlap


class Migration(migrations.Migration):
    dependencies = [("stations", "0001_initial")]

    operations = [
        NoOverlap(
            model_name="contract",
            group="station",
            start="start_date",
            end="end_date",
            name="contract_periods_no_overlap",
        ),
        NoOverlap(
            model_name="operatorterm",
            group="contract",
            start="start_date",
            end="end_date",
            name="operatorterm_periods_no_overlap",
        ),
    ]
