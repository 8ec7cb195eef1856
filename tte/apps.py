from django.apps import AppConfig


class TteConfig(AppConfig):
    """Electronic signature (TTE), public verification and official documents (naskah dinas): issue 13."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tte"
    verbose_name = "Tanda tangan elektronik dan naskah dinas"

    def ready(self):
        from kerjasama.alur import daftar_penjaga_langkah
        from kerjasama.services import daftar_pasca_hasilkan

        from .aturan import PENJAGA
        from .naskah import cap_verifikasi_hasilkan

        daftar_pasca_hasilkan(cap_verifikasi_hasilkan)
        # Issue 13: a signing step closes only on a signed text, on every path (tte/aturan.py).
        daftar_penjaga_langkah(PENJAGA)

        # The officials register and the numbering formats on the core's reference-data pages (issue 14).
        from . import referensi

        referensi.daftar()
