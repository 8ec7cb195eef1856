"""The officials register and the numbering formats as reference data the Sekretariat TKKSD keeps in the app
(issue 14), on the core's reference pages (kerjasama/referensi.py): tte registers them from its ready()."""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError

from kerjasama.models import Pengguna
from kerjasama.referensi import FormReferensi, JenisReferensi, daftar_jenis_referensi
from kerjasama.widgets import TanggalInput

from .models import FormatNomorSurat, Pejabat

UNSUR_POLA = {"klasifikasi", "urut", "unit", "tahun", "bulan_romawi"}


class PejabatForm(FormReferensi):
    class Meta:
        model = Pejabat
        fields = ["jabatan", "nama", "nip", "nik", "pangkat_golongan", "status", "kop", "dasar", "pengguna", "mulai",
                  "selesai"]
        widgets = {"mulai": TanggalInput(), "selesai": TanggalInput()}
        help_texts = {"pengguna": "Akun SIKSD pejabat ini (untuk blok tanda tangan naskah yang ia tandatangani).",
                      "selesai": "Kosong selama masih menjabat."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pengguna"].queryset = Pengguna.objects.filter(is_active=True).order_by("username")

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("selesai", "Tanggal selesai menjabat tidak boleh sebelum tanggal mulai.")
        nip = (data.get("nip") or "").replace(" ", "")
        if nip and not (nip.isdigit() and len(nip) == 18):
            self.add_error("nip", "NIP terdiri dari 18 angka.")
        nik = data.get("nik") or ""
        if nik and not (nik.isdigit() and len(nik) == 16):
            self.add_error("nik", "NIK terdiri dari 16 angka.")
        return data


class FormatNomorSuratForm(FormReferensi):
    class Meta:
        model = FormatNomorSurat
        fields = ["kode", "nama", "kode_klasifikasi", "unit", "pola"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The code names a format by its kode (tte.naskah.nomor_surat): it never changes once created.
            self.fields["kode"].disabled = True
            self.fields["kode"].help_text = "Kode tidak dapat diubah: naskah yang dihasilkan sistem memakainya."

    def clean_pola(self):
        pola = self.cleaned_data.get("pola") or ""
        try:
            unsur = {nama for _t, nama, _f, _k in string.Formatter().parse(pola) if nama is not None}
        except ValueError as exc:
            raise ValidationError("Pola tidak sah: periksa tanda kurung kurawal { }.") from exc
        asing = unsur - UNSUR_POLA
        if asing:
            raise ValidationError(f"Unsur tidak dikenal: {', '.join(sorted(asing))}. Unsur yang dapat dipakai: "
                                  "{klasifikasi}, {urut}, {unit}, {tahun}, {bulan_romawi}.")
        if "urut" not in unsur:
            raise ValidationError("Pola harus memuat {urut} (nomor urut), agar setiap nomor berbeda.")
        return pola


def daftar() -> None:
    daftar_jenis_referensi(JenisReferensi(
        "pejabat", Pejabat, PejabatForm, "Pejabat penandatangan", "pejabat",
        kolom=(("jabatan", "Jabatan"), ("nama", "Nama"), ("get_status_display", "Status"), ("mulai", "Mulai"),
               ("selesai", "Selesai")),
        cari=("nama", "nip", "jabatan"), urut=("jabatan", "-mulai"),
        keterangan="Nama, NIP, pangkat, dan jabatan yang mengisi blok tanda tangan naskah dinas (Permendagri 1/2023). "
                   "Perubahan berlaku untuk naskah yang dihasilkan sesudahnya; naskah yang sudah dihasilkan tidak "
                   "berubah. Pejabat yang berhenti tidak dihapus: isi tanggal selesai menjabat.",
    ))
    daftar_jenis_referensi(JenisReferensi(
        "format-nomor-surat", FormatNomorSurat, FormatNomorSuratForm, "Format nomor surat", "format nomor surat",
        kolom=(("kode", "Kode"), ("nama", "Nama"), ("pola", "Pola"), ("kode_klasifikasi", "Klasifikasi"),
               ("unit", "Unit")),
        cari=("kode", "nama"), urut=("kode",), boleh_hapus=False,
        keterangan="Penomoran surat keluar (kode klasifikasi / nomor urut / unit / tahun). Perubahan berlaku untuk "
                   "nomor berikutnya; nomor urut tahun berjalan tidak diatur ulang.",
    ))
