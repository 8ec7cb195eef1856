from django.apps import AppConfig


class KerjasamaConfig(AppConfig):
    name = "kerjasama"
    verbose_name = "Kerja Sama Daerah (inti)"

    def ready(self):
        # Deadline rules register themselves when their module is imported.
        from . import (
            deadlines,  # noqa: F401
            masukan,
        )

        # Dates between 1900 and 2100 in every form, model and serializer (issue 12 item 7).
        masukan.pasang()
