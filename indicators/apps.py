from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_role_groups(sender, **kwargs):
    # The roles migration makes the groups once; a `flush` (and every transactional test) empties the table and only
    # post_migrate runs again, so the groups are re-made here by the migration's own function.
    from django.contrib.auth.models import Group, Permission

    from core.roles import create_role_groups

    create_role_groups(Group, Permission, using=kwargs.get("using", "default"))


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "填报与评价"

    def ready(self):
        # Runs after auth's own handler (indicators is installed after it), so the permissions exist.
        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="indicators.ensure_role_groups")
        # The one refresh every write transaction calls before it commits (projects never imports indicators).
        from indicators.services.results import refresh_results
        from projects.written import register_refresher

        register_refresher(refresh_results)
