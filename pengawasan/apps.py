from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "pengawasan"
    verbose_name = "Pembinaan dan Pengawasan"

    def ready(self):
        # Deadline rules (pemantauan, evaluasi, laporan_mitra), the hooks on entering/leaving
        # pelaksanaan (alur.saat_masuk), the follow-up registry defaults, and the document checks.
        from . import deadlines, permissions, services  # noqa: F401
