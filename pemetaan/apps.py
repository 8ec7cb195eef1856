from django.apps import AppConfig


class PemetaanConfig(AppConfig):
    name = "pemetaan"
    verbose_name = "Pemetaan kerja sama daerah"

    def ready(self):
        # Deadline rules register themselves when their module is imported; document owners
        # register who may see their documents.
        from . import deadlines  # noqa: F401
        from .permissions import daftar_pemeriksa_pemetaan

        daftar_pemeriksa_pemetaan()
        from kerjasama.menu import daftar_menu

        from .permissions import dapat_melihat_siklus

        daftar_menu("pemetaan", "Pemetaan", "/pemetaan/", boleh=dapat_melihat_siklus, urutan=40)
        # The Keputusan Wali Kota (Ps 17–18) waits on the approval dashboard.
        from . import dasbor

        dasbor.daftar()
