from django.apps import AppConfig
from django.db.models.signals import post_migrate


def install_data_version_triggers(sender, using="default", **kwargs):
    # After every migrate (and flush): a table a later migration adds gets its triggers too.
    from projects.data_version import install_triggers

    install_triggers(using)


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "项目与绩效目标"

    def ready(self):
        post_migrate.connect(
            install_data_version_triggers, sender=self, dispatch_uid="projects.install_data_version_triggers"
        )
