"""Codes and keys for the tables imported before keys existed, by the rule of projects.keys (years in order, so a
project takes the code of last year's project of the same name)."""
from django.db import migrations


def give_keys(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Indicator = apps.get_model("projects", "Indicator")
    years = Project.objects.order_by().values_list("department_id", "year").distinct()
    for department_id, year in sorted(set(years), key=lambda pair: (pair[0], pair[1])):
        previous = {p.name.strip(): p for p in Project.objects.filter(department_id=department_id, year=year - 1)}
        taken = set()
        for project in Project.objects.filter(department_id=department_id, year=year).select_related("department") \
                .order_by("seq"):
            before = previous.get(project.name.strip())
            code = project.code or (before.code if before is not None and before.code not in taken else "")
            code = code or f"{project.department.code}-{year}-{project.seq:02d}"
            taken.add(code)
            Project.objects.filter(pk=project.pk).update(code=code)
            earlier = {line.name.strip(): line.key for line in Indicator.objects.filter(project=before)} if before else {}
            keys = set()
            for line in Indicator.objects.filter(project=project).order_by("order"):
                key = line.key or earlier.get(line.name.strip(), "")
                if not key or key in keys:
                    key = f"{code}-{line.order:02d}"
                    while key in keys:
                        key += "+"
                keys.add(key)
                Indicator.objects.filter(pk=line.pk).update(key=key)


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_stable_keys")]

    operations = [migrations.RunPython(give_keys, migrations.RunPython.noop)]
