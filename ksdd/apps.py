from django.apps import AppConfig


class KsddConfig(AppConfig):
    name = "ksdd"
    verbose_name = "KSDD — Kerja Sama Daerah dengan Daerah Lain"

    def ready(self):
        # The case-creator for mapping items and the deadline rules register on import.
        from kerjasama.menu import daftar_menu

        from . import deadlines, services  # noqa: F401

        daftar_menu("ksdd", "KSDD", "/ksdd/", urutan=10)
