from django.apps import AppConfig


class TteConfig(AppConfig):
    """Electronic signature (TTE), public verification and official documents (naskah dinas): issue 13."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tte"
    verbose_name = "Tanda tangan elektronik dan naskah dinas"
