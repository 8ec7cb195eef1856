from django.apps import AppConfig


class DasborConfig(AppConfig):
    """The dashboards, reports, calendar and public page sit on top of every other app: they read
    the core's registries (approval sources, fulfilled deadlines), which the apps below fill in their
    own `ready()`; nothing below imports this app (CONVENTIONS "Layers")."""

    name = "dasbor"
    verbose_name = "Dasbor dan laporan"
