from django.apps import AppConfig


class KsdlnConfig(AppConfig):
    name = "ksdln"
    verbose_name = "KSDPL dan KSDLL (kerja sama luar negeri)"

    def ready(self):
        # Deadline rules, transition effects and the case creators for pemetaan register on import.
        from kerjasama.menu import daftar_menu

        from . import deadlines, services  # noqa: F401

        daftar_menu("ksdln", "KSDPL/KSDLL", "/ksdln/", urutan=30)
