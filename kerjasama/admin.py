"""Django admin for reference data and users. Cases change only through their transitions,
so the registry is read-only here; the audit trail is append-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from guardian.admin import GuardedModelAdmin

from .models import (
    HariLibur,
    KerjaSama,
    Mitra,
    Notifikasi,
    Pengguna,
    PerangkatDaerah,
    RiwayatAudit,
    Tenggat,
    Wilayah,
)


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "singkatan", "nama_kepala", "aktif"]
    search_fields = ["kode", "nama", "singkatan"]
    list_filter = ["aktif"]


@admin.register(Mitra)
class MitraAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "negara", "wilayah", "nama_pimpinan"]
    search_fields = ["nama", "nib", "npwp"]
    list_filter = ["jenis"]
    autocomplete_fields = ["wilayah"]


@admin.register(Wilayah)
class WilayahAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "tingkat", "induk"]
    search_fields = ["kode", "nama"]
    list_filter = ["tingkat"]


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "nama"]
    date_hierarchy = "tanggal"


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("SIKSD", {"fields": ("perangkat_daerah", "mitra", "nip", "jabatan")}))
    list_display = ["username", "first_name", "last_name", "perangkat_daerah", "mitra", "is_active"]
    list_filter = ["groups", "is_active"]


@admin.register(KerjaSama)
class KerjaSamaAdmin(GuardedModelAdmin):
    list_display = ["nomor", "judul", "jenis", "tahap", "perangkat_daerah", "mitra", "tanggal_berakhir"]
    list_filter = ["jenis", "tahap", "asal"]
    search_fields = ["nomor", "judul", "mitra__nama"]
    list_select_related = ["perangkat_daerah", "mitra"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Tenggat)
class TenggatAdmin(admin.ModelAdmin):
    list_display = ["judul", "aturan", "kerjasama", "jatuh_tempo", "status", "cara_hitung"]
    list_filter = ["aturan", "status"]
    readonly_fields = [f.name for f in Tenggat._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(RiwayatAudit)
class RiwayatAuditAdmin(admin.ModelAdmin):
    list_display = ["pada", "kerjasama", "aksi", "oleh", "dari_tahap", "ke_tahap"]
    list_filter = ["aksi"]
    readonly_fields = [f.name for f in RiwayatAudit._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin):
    list_display = ["penerima", "judul", "dibuat_pada", "dibaca_pada"]
