"""监控口径 (DOMAIN §5) on every indicator: added, then filled for the rows already there by the import's inference."""
from django.db import migrations, models

from projects.vocabulary import infer_basis

CHOICES = [("累计", "累计"), ("时点", "时点"), ("定性", "定性")]
HELP = ("累计：随年度推进增长的数量，按序时进度判断；时点：任一时点都应达到的标准，达到为绿、未达到为红；"
        "定性：按完成档次。导入时按规则推断，可更正。")


def infer_existing(apps, schema_editor):
    # The historical rows too, so that an indicator's history does not show a change nobody made.
    for name in ("Indicator", "HistoricalIndicator"):
        model = apps.get_model("projects", name)
        rows = list(model.objects.only("pk", "name", "operator", "unit"))
        for row in rows:
            row.basis = str(infer_basis(name=row.name, operator=row.operator, unit=row.unit))
        model.objects.bulk_update(rows, ["basis"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_adjustment_withdrawn")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="basis",
            field=models.CharField(choices=CHOICES, default="", help_text=HELP, max_length=10, verbose_name="监控口径"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalindicator",
            name="basis",
            field=models.CharField(choices=CHOICES, default="", help_text=HELP, max_length=10, verbose_name="监控口径"),
            preserve_default=False,
        ),
        migrations.RunPython(infer_existing, migrations.RunPython.noop),
    ]
