from django.apps import AppConfig


class KerjasamaConfig(AppConfig):
    name = "kerjasama"
    verbose_name = "Kerja Sama Daerah (inti)"

    def ready(self):
        # Deadline rules register themselves when their module is imported.
        from . import deadlines  # noqa: F401
