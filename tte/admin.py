"""What the administrator configures (docs/tte.md): the officials register, letterhead emblems, numbering
formats; signing folders and verification records are read-only here (they are written by services)."""

from django.contrib import admin

from .models import (
    BerkasTandaTangan,
    DokumenResmi,
    FormatNomorSurat,
    NomorSuratUrut,
    Pejabat,
    PengaturanNaskah,
)


@admin.register(Pejabat)
class PejabatAdmin(admin.ModelAdmin):
    list_display = ("jabatan", "nama", "nip", "status", "kop", "mulai", "selesai")
    list_filter = ("status", "kop")
    search_fields = ("nama", "nip", "jabatan")
    autocomplete_fields = ("pengguna",)


@admin.register(PengaturanNaskah)
class PengaturanNaskahAdmin(admin.ModelAdmin):
    list_display = ("nama_pemda", "nama_kepala_daerah", "nama_setda")

    def has_add_permission(self, request):
        return not PengaturanNaskah.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class NomorSuratUrutInline(admin.TabularInline):
    model = NomorSuratUrut
    extra = 0


@admin.register(FormatNomorSurat)
class FormatNomorSuratAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "pola", "kode_klasifikasi", "unit")
    inlines = [NomorSuratUrutInline]


@admin.register(DokumenResmi)
class DokumenResmiAdmin(admin.ModelAdmin):
    list_display = ("kode", "judul", "nomor", "tanggal", "penandatangan_nama", "tanda_tangan")
    search_fields = ("kode", "judul", "nomor", "sha256")
    readonly_fields = [f.name for f in DokumenResmi._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BerkasTandaTangan)
class BerkasTandaTanganAdmin(admin.ModelAdmin):
    list_display = ("persiapan", "cara", "status", "penandatangan", "diubah_pada")
    list_filter = ("status", "cara")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
