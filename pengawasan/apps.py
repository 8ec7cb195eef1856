from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "pengawasan"
    verbose_name = "Pembinaan dan Pengawasan"

    def ready(self):
        # Deadline rules (pemantauan, evaluasi, laporan_mitra), the hooks on entering/leaving
        # pelaksanaan (alur.saat_masuk), the follow-up registry defaults, and the document checks.
        from kerjasama.constants import Peran
        from kerjasama.menu import daftar_menu
        from kerjasama.permissions import melihat_semua

        from . import deadlines, permissions, selectors, services  # noqa: F401

        # A partner sees its own reports (Ps 87), not the Pemda's supervision overview.
        daftar_menu("pengawasan", "Pengawasan", "/pengawasan/",
                    boleh=lambda u: not u.punya_peran(Peran.MITRA) or melihat_semua(u), urutan=50)
        daftar_menu("laporan_saya", "Laporan saya", "/pengawasan/laporan-saya/",
                    boleh=lambda u: u.punya_peran(Peran.MITRA), urutan=50)
        # The dashboards' overdue lists leave out the deadlines these records met (kerjasama.registri_dasbor).
        from kerjasama.registri_dasbor import daftar_tenggat_terpenuhi

        daftar_tenggat_terpenuhi(("pemantauan", "evaluasi"), selectors.tenggat_kegiatan_terlaksana)
        daftar_tenggat_terpenuhi(("laporan_mitra",), selectors.tenggat_laporan_diterima)
