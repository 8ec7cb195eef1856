from django.apps import AppConfig


class KsdlnConfig(AppConfig):
    name = "ksdln"
    verbose_name = "KSDPL dan KSDLL (kerja sama luar negeri)"

    def ready(self):
        # Deadline rules, transition effects and the case creators for pemetaan register on import.
        from . import deadlines, services  # noqa: F401
