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

        # Reference data in the app itself (issue 14): the menu shows it to whom the pages answer 200.
        from .menu import daftar_menu
        from .permissions import dapat_melihat_referensi

        daftar_menu("referensi", "Data referensi", "/kerjasama/referensi/", boleh=dapat_melihat_referensi, urutan=90)

        # Dates between 1900 and 2100 in every form, model and serializer (issue 12 item 7).
        masukan.pasang()
