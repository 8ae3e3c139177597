"""Creates the groups of DOMAIN §7 with their permissions."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.roles import GROUP_PERMISSIONS, create_role_groups


def create_groups(apps, schema_editor):
    for app_label in ("projects", "indicators"):
        app_config = apps.get_app_config(app_label)
        # Permissions are normally made after all migrations; make them now so the groups can hold them.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create_role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"),
                       using=schema_editor.connection.alias)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("projects", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
