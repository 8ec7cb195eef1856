from django.apps import AppConfig


class TteConfig(AppConfig):
    """Electronic signature (TTE), public verification and official documents (naskah dinas): issue 13."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tte"
    verbose_name = "Tanda tangan elektronik dan naskah dinas"

    def ready(self):
        from kerjasama.services import daftar_pasca_hasilkan

        from .naskah import cap_verifikasi_hasilkan

        daftar_pasca_hasilkan(cap_verifikasi_hasilkan)

        # The officials register and the numbering formats on the core's reference-data pages (issue 14).
        from . import referensi

        referensi.daftar()
