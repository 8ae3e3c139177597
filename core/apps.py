from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Pieces every door shares: roles and access, the domain error, ids in URLs, number parsing and display."""

    name = "core"
    verbose_name = "公共"
