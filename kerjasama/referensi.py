"""Reference data the Sekretariat TKKSD keeps in the app itself (issue 14): partners, regions, Perangkat Daerah and
holidays. One declaration per kind (`JENIS_REFERENSI`): its model, form, list columns, search fields and what a change
means. Pages: kerjasama/referensi_views.py; reads: referensi_selectors.py; writes: referensi_services.py; who may:
permissions.dapat_melihat_referensi / dapat_mengelola_referensi."""

from __future__ import annotations

import dataclasses
import re

from django import forms
from django.core.exceptions import ValidationError

from .constants import JenisMitra
from .models import HariLibur, Mitra, PerangkatDaerah, Wilayah
from .widgets import TanggalInput

ALASAN_LABEL = "Alasan perubahan (opsional, dicatat di riwayat audit)"


class FormReferensi(forms.ModelForm):
    """Every reference form carries an optional reason: it goes into the audit row, not into the record."""

    alasan = forms.CharField(label=ALASAN_LABEL, required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


class MitraForm(FormReferensi):
    class Meta:
        model = Mitra
        fields = ["nama", "jenis", "negara", "wilayah", "bentuk_hukum", "nib", "npwp", "alamat", "email", "telepon",
                  "nama_pimpinan", "jabatan_pimpinan", "nama_perwakilan", "lintang", "bujur"]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "negara": "Untuk daerah lain dan pihak ketiga di Indonesia: Indonesia. Untuk mitra luar negeri: negaranya.",
            "wilayah": "Wajib untuk mitra daerah lain (provinsi/kabupaten/kota).",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wilayah"].queryset = Wilayah.objects.order_by("kode")
        self.fields["wilayah"].label_from_instance = lambda w: f"{w.kode} — {w.nama}"

    def clean(self):
        data = super().clean()
        jenis, negara, wilayah = data.get("jenis"), str(data.get("negara") or ""), data.get("wilayah")
        # Perwal 57/2023 Ps 4: KSDD is with another Indonesian region; KSDPL/KSDLL with a body abroad.
        if jenis == JenisMitra.DAERAH_LAIN:
            if not wilayah:
                self.add_error("wilayah", "Pilih wilayah (provinsi/kabupaten/kota) untuk mitra daerah lain.")
            if negara and negara != "ID":
                self.add_error("negara", "Mitra daerah lain berada di Indonesia.")
        elif jenis in (JenisMitra.PEMDA_LUAR_NEGERI, JenisMitra.LEMBAGA_LUAR_NEGERI):
            if negara == "ID":
                self.add_error("negara", "Pilih negara mitra luar negeri (bukan Indonesia).")
            if wilayah:
                self.add_error("wilayah", "Wilayah hanya untuk mitra di Indonesia; kosongkan untuk mitra luar negeri.")
        nama = (data.get("nama") or "").strip()
        if nama and jenis:
            sama = Mitra.objects.filter(nama__iexact=nama, jenis=jenis).exclude(pk=self.instance.pk)
            if sama.exists():
                self.add_error("nama", "Mitra dengan nama dan jenis ini sudah terdaftar.")
        return data


_KODE_WILAYAH = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


class WilayahForm(FormReferensi):
    class Meta:
        model = Wilayah
        fields = ["kode", "nama", "tingkat", "induk", "lintang", "bujur"]
        help_texts = {"kode": "Kode Kemendagri, mis. 32 (provinsi) atau 32.75 (kabupaten/kota).",
                      "induk": "Provinsi induk, untuk kabupaten/kota."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["induk"].queryset = Wilayah.objects.filter(tingkat=Wilayah.Tingkat.PROVINSI).order_by("kode")
        self.fields["induk"].label_from_instance = lambda w: f"{w.kode} — {w.nama}"

    def clean_kode(self):
        kode = (self.cleaned_data.get("kode") or "").strip()
        if not _KODE_WILAYAH.match(kode):
            raise ValidationError("Kode Kemendagri berupa angka bertitik, mis. 32 atau 32.75.")
        return kode

    def clean(self):
        data = super().clean()
        tingkat, induk, kode = data.get("tingkat"), data.get("induk"), data.get("kode") or ""
        if tingkat == Wilayah.Tingkat.PROVINSI:
            if induk:
                self.add_error("induk", "Provinsi tidak mempunyai induk.")
            if kode and "." in kode:
                self.add_error("kode", "Kode provinsi terdiri dari dua angka, mis. 32.")
        elif tingkat:
            if not induk:
                self.add_error("induk", "Pilih provinsi induk kabupaten/kota.")
            elif kode and not kode.startswith(induk.kode + "."):
                self.add_error("kode", f"Kode kabupaten/kota di {induk.nama} diawali {induk.kode}.")
        return data


class PerangkatDaerahForm(FormReferensi):
    class Meta:
        model = PerangkatDaerah
        fields = ["kode", "nama", "singkatan", "nama_kepala", "nip_kepala", "jabatan_kepala", "aktif"]
        help_texts = {"aktif": "Perangkat Daerah yang tidak aktif tidak dihapus: kerja sama dan penggunanya tetap "
                               "tercatat."}


class HariLiburForm(FormReferensi):
    class Meta:
        model = HariLibur
        fields = ["tanggal", "nama"]
        widgets = {"tanggal": TanggalInput()}
        help_texts = {"nama": "Mis. \u201cCuti bersama Idulfitri (SKB 3 Menteri 2027)\u201d."}


@dataclasses.dataclass(frozen=True)
class JenisReferensi:
    kode: str  # the URL segment
    model: type
    form: type
    judul: str  # plural, for the list
    satuan: str  # singular, for "Tambah …"
    kolom: tuple[tuple[str, str], ...]  # (attribute or get_FOO_display, header)
    cari: tuple[str, ...]  # fields searched by q
    urut: tuple[str, ...]
    keterangan: str = ""  # shown on the list and the form: what a change means
    select_related: tuple[str, ...] = ()
    # False: never removed, even unused (e.g. a numbering format the code names by its kode)
    boleh_hapus: bool = True


JENIS_REFERENSI: dict[str, JenisReferensi] = {j.kode: j for j in (
    JenisReferensi(
        "mitra", Mitra, MitraForm, "Mitra", "mitra",
        kolom=(("nama", "Nama"), ("get_jenis_display", "Jenis"), ("negara.name", "Negara"), ("wilayah", "Wilayah"),
               ("nama_pimpinan", "Pimpinan")),
        cari=("nama", "nib", "npwp", "wilayah__nama"), urut=("nama",), select_related=("wilayah",),
        keterangan="Mitra kerja sama: daerah lain (KSDD), pihak ketiga (KSDPK), pemerintah daerah atau lembaga di luar "
                   "negeri (KSDPL/KSDLL). Perubahan nama atau pimpinan tampil pada kerja sama yang sudah ada; naskah "
                   "yang sudah dihasilkan tidak berubah.",
    ),
    JenisReferensi(
        "wilayah", Wilayah, WilayahForm, "Wilayah", "wilayah",
        kolom=(("kode", "Kode"), ("nama", "Nama"), ("get_tingkat_display", "Tingkat"), ("induk", "Induk")),
        cari=("kode", "nama"), urut=("kode",), select_related=("induk",),
        keterangan="Provinsi dan kabupaten/kota (kode Kemendagri), dengan titik koordinat untuk peta publik.",
    ),
    JenisReferensi(
        "perangkat-daerah", PerangkatDaerah, PerangkatDaerahForm, "Perangkat Daerah", "Perangkat Daerah",
        kolom=(("kode", "Kode"), ("nama", "Nama"), ("singkatan", "Singkatan"), ("nama_kepala", "Kepala"),
               ("aktif", "Aktif")),
        cari=("kode", "nama", "singkatan", "nama_kepala"), urut=("nama",),
        keterangan="Perangkat Daerah yang sudah dipakai tidak dihapus; nonaktifkan saja.",
    ),
    JenisReferensi(
        "hari-libur", HariLibur, HariLiburForm, "Hari libur", "hari libur",
        kolom=(("tanggal", "Tanggal"), ("nama", "Nama")), cari=("nama",), urut=("-tanggal",),
        keterangan="Hari libur tambahan (mis. cuti bersama) di luar libur nasional yang sudah dikenal sistem. "
                   "Perubahan di sini memengaruhi perhitungan tenggat hari kerja: tenggat yang dimulai sesudah "
                   "perubahan memakai daftar baru; tenggat yang sudah berjalan tetap pada tanggal jatuh temponya.",
    ),
)}


def daftar_jenis_referensi(jenis: JenisReferensi) -> None:
    """An app above the core adds its own reference data to these pages (tte: officials, numbering formats), from
    its `apps.ready()`, as it registers menu entries and deadline rules: the core imports no app."""
    JENIS_REFERENSI[jenis.kode] = jenis


def nilai_kolom(obj, jalur: str):
    """A list cell: an attribute path ("negara.name"), calling a get_FOO_display."""
    nilai = obj
    for bagian in jalur.split("."):
        nilai = getattr(nilai, bagian, "") if nilai is not None else ""
        if callable(nilai):
            nilai = nilai()
    if nilai is True:
        return "Ya"
    if nilai is False:
        return "Tidak"
    return "" if nilai is None else nilai
