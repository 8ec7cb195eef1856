from django.apps import AppConfig


class KsdpkConfig(AppConfig):
    name = "ksdpk"
    verbose_name = "KSDPK — Kerja Sama Daerah dengan Pihak Ketiga"

    def ready(self):
        # The case-creator for mapping items, the steps' effects and the deadline rules register on import.
        from kerjasama.menu import daftar_menu

        from . import deadlines, services  # noqa: F401

        daftar_menu("ksdpk", "KSDPK", "/ksdpk/", urutan=20)
