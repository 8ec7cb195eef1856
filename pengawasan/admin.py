"""Read-mostly admin: every change goes through the services (and so through audit)."""

from django.contrib import admin

from .models import (
    AnggotaTimPembinaan,
    AnggotaTimPengawasan,
    BarisMatrik,
    KegiatanPembinaan,
    KegiatanPengawasan,
    LaporanMitra,
    TimPembinaanPengawasan,
    TimPengawasan,
    TindakLanjut,
)


class HanyaBaca(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AnggotaTimPembinaanInline(admin.TabularInline):
    model = AnggotaTimPembinaan
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TimPembinaanPengawasan)
class TimPembinaanAdmin(HanyaBaca):
    list_display = ["nomor_keputusan", "tanggal_keputusan", "berlaku_mulai", "berlaku_sampai"]
    inlines = [AnggotaTimPembinaanInline]


@admin.register(TimPengawasan)
class TimPengawasanAdmin(HanyaBaca):
    list_display = ["kerjasama", "nomor_surat_tugas", "tanggal_surat_tugas"]
    search_fields = ["kerjasama__nomor", "kerjasama__judul"]


@admin.register(AnggotaTimPengawasan)
class AnggotaTimPengawasanAdmin(HanyaBaca):
    list_display = ["tim", "kedudukan", "jabatan", "nama", "pengguna", "perangkat_daerah"]


@admin.register(KegiatanPembinaan)
class KegiatanPembinaanAdmin(HanyaBaca):
    list_display = ["tanggal", "bentuk", "judul", "jumlah_peserta"]
    list_filter = ["bentuk"]


@admin.register(KegiatanPengawasan)
class KegiatanPengawasanAdmin(HanyaBaca):
    list_display = ["id", "kerjasama", "jenis", "sifat", "tahap", "jatuh_tempo", "tanggal_pelaksanaan"]
    list_filter = ["jenis", "sifat", "tahap"]


@admin.register(BarisMatrik)
class BarisMatrikAdmin(HanyaBaca):
    list_display = ["kegiatan", "urutan", "materi_evaluasi", "rekomendasi"]


@admin.register(TindakLanjut)
class TindakLanjutAdmin(HanyaBaca):
    list_display = ["kerjasama", "jenis", "status", "batas_waktu", "penanggung_jawab"]
    list_filter = ["jenis", "status"]


@admin.register(LaporanMitra)
class LaporanMitraAdmin(HanyaBaca):
    list_display = ["kerjasama", "periode_mulai", "periode_selesai", "tanggal_diterima", "terlambat", "atas_nama_mitra"]
