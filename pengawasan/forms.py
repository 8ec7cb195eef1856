"""Forms check field types; the rules live in the services. The web pages and the API use the
same forms, so a field means the same thing in both."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.constants import Jenis, Peran
from kerjasama.models import Dokumen, Kewajiban, Mitra, Pengguna, PerangkatDaerah
from kerjasama.widgets import TanggalInput

from .constants import (
    JENIS_LAMPIRAN,
    BentukPembinaan,
    HurufEvaluasi,
    JenisKegiatan,
    KedudukanTim,
    KedudukanTimPembinaan,
    PenilaianKewajibanStatus,
    Rekomendasi,
    SifatKegiatan,
    SifatLaporanMitra,
    StatusTindakLanjut,
)

TANGGAL = TanggalInput()  # dd-mm-yyyy whatever the browser locale (issue 14)


def _pejabat():
    # Accounts of the city's own officials (never a partner's representative).
    return Pengguna.objects.filter(is_active=True).exclude(groups__name=Peran.MITRA).order_by("username")


class FilterIkhtisarForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=[("", "Semua jenis"), *Jenis.choices], required=False)
    perangkat_daerah = forms.ModelChoiceField(label=_("Perangkat Daerah"), queryset=PerangkatDaerah.objects.all(),
                                              required=False, empty_label="Semua PD")
    mitra = forms.ModelChoiceField(label=_("Mitra"), queryset=Mitra.objects.all(), required=False,
                                   empty_label="Semua mitra")
    hanya_terlambat = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)


class TimPengawasanForm(forms.Form):
    nomor_surat_tugas = forms.CharField(label=_("Nomor surat tugas Ketua TKKSD"), max_length=120, required=False)
    tanggal_surat_tugas = forms.DateField(label=_("Tanggal surat tugas"), widget=TANGGAL, required=False)


class AnggotaTimForm(forms.Form):
    kedudukan = forms.ChoiceField(label=_("Kedudukan"), choices=KedudukanTim.choices)
    jabatan = forms.CharField(label=_("Jabatan/unsur"), max_length=200)
    nama = forms.CharField(label=_("Nama"), max_length=120, required=False)
    pengguna = forms.ModelChoiceField(label=_("Akun SIKSD"), queryset=Pengguna.objects.none(), required=False,
                                      help_text=_("Anggota yang memiliki akun dapat melihat dan mengawasi kerja sama ini."))
    perangkat_daerah = forms.ModelChoiceField(label=_("Perangkat Daerah"), queryset=PerangkatDaerah.objects.all(),
                                              required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pengguna"].queryset = _pejabat()


class AnggotaUbahForm(forms.Form):
    nama = forms.CharField(label=_("Nama"), max_length=120, required=False)
    pengguna = forms.ModelChoiceField(label=_("Akun SIKSD"), queryset=Pengguna.objects.none(), required=False)
    perangkat_daerah = forms.ModelChoiceField(label=_("Perangkat Daerah"), queryset=PerangkatDaerah.objects.all(),
                                              required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pengguna"].queryset = _pejabat()


class TimPembinaanForm(forms.Form):
    nomor_keputusan = forms.CharField(label=_("Nomor Keputusan Wali Kota"), max_length=120)
    tanggal_keputusan = forms.DateField(label=_("Tanggal Keputusan"), widget=TANGGAL)
    perihal = forms.CharField(label=_("Perihal"), max_length=300, required=False)
    berlaku_mulai = forms.DateField(label=_("Berlaku mulai"), widget=TANGGAL, required=False)
    berlaku_sampai = forms.DateField(label=_("Berlaku sampai"), widget=TANGGAL, required=False)
    berkas = forms.FileField(label=_("Dokumen Keputusan"), required=False)


class AnggotaTimPembinaanForm(forms.Form):
    kedudukan = forms.ChoiceField(label=_("Kedudukan"), choices=KedudukanTimPembinaan.choices)
    jabatan = forms.CharField(label=_("Jabatan"), max_length=200)
    nama = forms.CharField(label=_("Nama"), max_length=120, required=False)
    pengguna = forms.ModelChoiceField(label=_("Akun SIKSD"), queryset=Pengguna.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pengguna"].queryset = _pejabat()


class PembinaanForm(forms.Form):
    bentuk = forms.ChoiceField(label=_("Bentuk pembinaan"), choices=BentukPembinaan.choices)
    judul = forms.CharField(label=_("Judul kegiatan"), max_length=300)
    tanggal = forms.DateField(label=_("Tanggal"), widget=TANGGAL)
    tempat = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    perangkat_daerah = forms.ModelMultipleChoiceField(
        label=_("Perangkat Daerah sasaran"), queryset=PerangkatDaerah.objects.filter(aktif=True),
        widget=forms.SelectMultiple(attrs={"size": 8}))
    jumlah_peserta = forms.IntegerField(label=_("Jumlah peserta"), min_value=0, required=False)
    peserta = forms.CharField(label=_("Peserta"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    materi = forms.CharField(label=_("Materi"), widget=forms.Textarea(attrs={"rows": 3}))
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    berkas = forms.FileField(label=_("Bahan/materi (berkas)"), required=False)


class KegiatanBaruForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis kegiatan"), choices=JenisKegiatan.choices)
    sifat = forms.ChoiceField(label=_("Sifat"), choices=SifatKegiatan.choices)
    tanggal_rencana = forms.DateField(label=_("Tanggal rencana"), widget=TANGGAL, required=False)
    keterangan = forms.CharField(label=_("Keterangan/alasan"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                 help_text=_("Wajib untuk kegiatan pada saat diperlukan."))


class LaksanakanForm(forms.Form):
    """Carrying out an activity (Ps 85(2) pemantauan, 85(4) evaluasi). For an evaluation, one
    assessment per obligation of the case is added as `penilaian_<id>` / `catatan_<id>`."""

    tanggal_pelaksanaan = forms.DateField(label=_("Tanggal pelaksanaan"), widget=TANGGAL)
    lokasi = forms.CharField(label=_("Lokasi"), max_length=300, required=False)
    analisa_laporan_mitra = forms.BooleanField(label=_("Analisa dokumen laporan mitra (Ps 85(2) huruf a)"), required=False)
    tinjau_lokasi = forms.BooleanField(label=_("Tinjau lokasi"), required=False)
    fgd = forms.BooleanField(label=_("FGD dengan mitra dan PD yang membidangi (Ps 85(4))"), required=False)
    wawancara_dokumentasi = forms.BooleanField(label=_("Wawancara dan dokumentasi (Ps 85(4) huruf c)"), required=False)
    peserta = forms.CharField(label=_("Peserta"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    hasil = forms.CharField(label=_("Hasil pengamatan/analisa"), widget=forms.Textarea(attrs={"rows": 4}))
    permasalahan = forms.CharField(label=_("Permasalahan yang diidentifikasi"), widget=forms.Textarea(attrs={"rows": 3}),
                                   required=False)
    solusi = forms.CharField(label=_("Solusi yang dirumuskan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    saran = forms.CharField(label=_("Saran/masukan untuk Ketua TKKSD"), widget=forms.Textarea(attrs={"rows": 3}),
                            required=False)
    komentar = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, kegiatan, **kwargs):
        super().__init__(*args, **kwargs)
        self.kegiatan = kegiatan
        self.kewajiban = []
        if kegiatan.jenis == JenisKegiatan.PEMANTAUAN:
            for nama in ("fgd", "wawancara_dokumentasi"):
                del self.fields[nama]
        else:
            del self.fields["analisa_laporan_mitra"]
            self.kewajiban = list(Kewajiban.objects.filter(kerjasama_id=kegiatan.kerjasama_id))
            for kw in self.kewajiban:
                wajib = kw.pihak == Kewajiban.Pihak.MITRA
                label = f"{kw.get_pihak_display()}: {kw.uraian}" + (f" ({kw.dasar})" if kw.dasar else "")
                self.fields[f"penilaian_{kw.pk}"] = forms.ChoiceField(
                    label=label, required=False, choices=[("", "—"), *PenilaianKewajibanStatus.choices],
                    help_text=_("Wajib: kewajiban mitra (Ps 85(4) huruf a).") if wajib else "")
                self.fields[f"catatan_{kw.pk}"] = forms.CharField(label=_("Catatan"), required=False, max_length=500)

    def penilaian(self) -> dict[int, tuple[str, str]]:
        hasil = {}
        for kw in self.kewajiban:
            status = self.cleaned_data.get(f"penilaian_{kw.pk}")
            if status:
                hasil[kw.pk] = (status, self.cleaned_data.get(f"catatan_{kw.pk}", ""))
        return hasil

    def argumen(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items()
                if not k.startswith(("penilaian_", "catatan_"))}
        data["penilaian"] = self.penilaian()
        return data


class BagianEvaluasiForm(forms.Form):
    """One part of the evaluation's analysis (Perwal 57/2023 Ps 85(4) huruf a, b or c): the finding
    and its evidence. For huruf a, one assessment per obligation (`penilaian_<id>`, `catatan_<id>`) and
    the statement that the agreement stipulates no obligation of the partner, with its reason."""

    temuan = forms.CharField(label=_("Temuan"), widget=forms.Textarea(attrs={"rows": 4}))
    dokumen = forms.ModelChoiceField(label=_("Bukti: dokumen"), queryset=Dokumen.objects.none(), required=False,
                                     help_text=_("Lampiran kegiatan ini atau dokumen kerja sama."))
    rujukan = forms.CharField(label=_("Bukti: rujukan data tercatat"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False,
                              help_text=_("Mis. laporan mitra periode …, penilaian kewajiban, notulensi FGD. Wajib bila "
                                          "tidak memilih dokumen."))
    tanpa_kewajiban = forms.BooleanField(
        label=_("Perjanjian tidak menetapkan kewajiban bagi mitra"), required=False,
        help_text=_("Hanya bila kerja sama memang tidak mencatat kewajiban mitra; pernyataan ini dicatat dalam "
                    "riwayat."))
    alasan_tanpa_kewajiban = forms.CharField(label=_("Alasan (pasal PKS/KB yang menunjukkannya)"),
                                             widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, kegiatan, huruf, **kwargs):
        from . import selectors

        super().__init__(*args, **kwargs)
        self.kegiatan = kegiatan
        self.huruf = huruf
        self.kewajiban = []
        milik_kegiatan = selectors.dokumen_kegiatan(kegiatan).values("pk")
        self.fields["dokumen"].queryset = Dokumen.objects.filter(
            models.Q(pk__in=milik_kegiatan) | models.Q(kerjasama_id=kegiatan.kerjasama_id)).order_by("jenis", "id")
        if huruf != HurufEvaluasi.A:
            del self.fields["tanpa_kewajiban"]
            del self.fields["alasan_tanpa_kewajiban"]
            return
        self.kewajiban = list(Kewajiban.objects.filter(kerjasama_id=kegiatan.kerjasama_id))
        for kw in self.kewajiban:
            label = f"{kw.get_pihak_display()}: {kw.uraian}" + (f" ({kw.dasar})" if kw.dasar else "")
            self.fields[f"penilaian_{kw.pk}"] = forms.ChoiceField(
                label=label, required=False, choices=[("", "—"), *PenilaianKewajibanStatus.choices],
                help_text=_("Wajib: kewajiban mitra (Ps 85(4) huruf a).") if kw.pihak == Kewajiban.Pihak.MITRA else "")
            self.fields[f"catatan_{kw.pk}"] = forms.CharField(label=_("Catatan"), required=False, max_length=500)

    def argumen(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith(("penilaian_", "catatan_"))}
        data.setdefault("tanpa_kewajiban", False)
        data.setdefault("alasan_tanpa_kewajiban", "")
        penilaian = {}
        for kw in self.kewajiban:
            status = self.cleaned_data.get(f"penilaian_{kw.pk}")
            if status:
                penilaian[kw.pk] = (status, self.cleaned_data.get(f"catatan_{kw.pk}", ""))
        data["penilaian"] = penilaian
        return data


class KewajibanEvaluasiForm(forms.Form):
    """The obligations of the PKS/KB, recorded from the evaluation when the cooperation has none yet
    (Ps 85(4) huruf a). One per line: `uraian | dasar (pasal PKS/KB)`."""

    kewajiban_mitra = forms.CharField(label=_("Kewajiban mitra"), widget=forms.Textarea(attrs={"rows": 5}),
                                      help_text=_("Satu kewajiban per baris; tambahkan “| Pasal … PKS”."))
    kewajiban_daerah = forms.CharField(label=_("Kewajiban Pemerintah Daerah Kota Bekasi"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 4}))

    def daftar(self) -> list[dict]:
        hasil = []
        for pihak, nama in ((Kewajiban.Pihak.MITRA, "kewajiban_mitra"), (Kewajiban.Pihak.DAERAH, "kewajiban_daerah")):
            for baris in (self.cleaned_data.get(nama) or "").splitlines():
                uraian, _sep, dasar = baris.partition("|")
                if uraian.strip():
                    hasil.append({"pihak": pihak, "uraian": uraian.strip(), "dasar": dasar.strip()})
        return hasil


class AjukanLaporanForm(forms.Form):
    ringkasan_laporan = forms.CharField(label=_("Ringkasan laporan untuk Ketua TKKSD"),
                                        widget=forms.Textarea(attrs={"rows": 5}))
    komentar = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TerimaLaporanForm(forms.Form):
    catatan = forms.CharField(label=_("Catatan Ketua TKKSD"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AlasanForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class LampiranForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis lampiran"), choices=JENIS_LAMPIRAN)
    judul = forms.CharField(label=_("Judul"), max_length=300, required=False)
    berkas = forms.FileField(label=_("Berkas"), help_text=_("PDF, DOCX, XLSX, ODT, JPG atau PNG."))


class BarisMatrikForm(forms.Form):
    dasar_perjanjian = forms.CharField(label=_("a. Dasar perjanjian kerja sama/kesepakatan bersama"),
                                       widget=forms.Textarea(attrs={"rows": 2}))
    materi_evaluasi = forms.CharField(label=_("b. Materi evaluasi"), widget=forms.Textarea(attrs={"rows": 2}))
    permasalahan = forms.CharField(label=_("c. Permasalahan"), widget=forms.Textarea(attrs={"rows": 2}))
    solusi = forms.CharField(label=_("d. Solusi"), widget=forms.Textarea(attrs={"rows": 2}))
    tindak_lanjut = forms.CharField(label=_("e. Tindak lanjut"), widget=forms.Textarea(attrs={"rows": 2}))
    perangkat_daerah = forms.ModelChoiceField(label=_("f. Perangkat Daerah penanggung jawab"),
                                              queryset=PerangkatDaerah.objects.all())
    keterangan = forms.CharField(label=_("g. Keterangan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    rekomendasi = forms.ChoiceField(label=_("h. Rekomendasi (Ps 85(7))"), choices=Rekomendasi.choices)
    kewajiban = forms.ModelChoiceField(label=_("Kewajiban yang dievaluasi"), queryset=Kewajiban.objects.none(),
                                       required=False)

    def __init__(self, *args, kegiatan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kewajiban"].queryset = Kewajiban.objects.filter(kerjasama_id=kegiatan.kerjasama_id)


class TindakLanjutUbahForm(forms.Form):
    penanggung_jawab = forms.ModelChoiceField(label=_("Penanggung jawab"), queryset=Pengguna.objects.none(),
                                              required=False)
    perangkat_daerah = forms.ModelChoiceField(label=_("Perangkat Daerah"), queryset=PerangkatDaerah.objects.all(),
                                              required=False)
    batas_waktu = forms.DateField(label=_("Batas waktu"), widget=TANGGAL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penanggung_jawab"].queryset = _pejabat()


class TindakLanjutTutupForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[(StatusTindakLanjut.SELESAI, "Selesai"),
                                                           (StatusTindakLanjut.DIBATALKAN, "Dibatalkan")])
    hasil = forms.CharField(label=_("Hasil/penyelesaian"), widget=forms.Textarea(attrs={"rows": 3}))


def _terlambat(tenggat) -> bool:
    """Overdue: flagged by the sweep, or past its due moment even before the sweep ran."""
    from django.utils import timezone

    return tenggat.status == "lewat" or tenggat.jatuh_tempo < timezone.now()


class LaporanMitraForm(forms.Form):
    """The partner's 6-monthly report (Ps 87(1)). `tenggat` lists the periods owed."""

    sifat = forms.ChoiceField(label=_("Sifat laporan"), choices=SifatLaporanMitra.choices,
                              initial=SifatLaporanMitra.BERKALA, required=False)
    tenggat = forms.ChoiceField(label=_("Periode laporan"), required=False)
    periode_mulai = forms.DateField(label=_("Periode mulai"), widget=TANGGAL, required=False,
                                    help_text=_("Hanya untuk laporan pada saat diperlukan."))
    periode_selesai = forms.DateField(label=_("Periode selesai"), widget=TANGGAL, required=False)
    kemajuan = forms.CharField(label=_("Kemajuan pelaksanaan"), widget=forms.Textarea(attrs={"rows": 4}))
    permasalahan = forms.CharField(label=_("Permasalahan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    tanggal_diterima = forms.DateField(label=_("Tanggal laporan kertas diterima"), widget=TANGGAL, required=False,
                                       help_text=_("Diisi staf yang mencatat laporan atas nama mitra."))
    berkas = forms.FileField(label=_("Berkas laporan"), help_text=_("PDF, DOCX, XLSX, ODT, JPG atau PNG."))

    def __init__(self, *args, terutang=(), atas_nama=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.terutang = list(terutang)
        self.fields["tenggat"].choices = [("", "— otomatis: periode yang sedang berjalan, atau yang terlambat paling awal —")] + [
            (str(t.pk), t.judul + (" — TERLAMBAT" if _terlambat(t) else "")) for t in self.terutang]
        if not atas_nama:
            del self.fields["tanggal_diterima"]
        # Issue 14: a late report is filed by default under the oldest overdue period, not the current one.
        terlambat = [t for t in self.terutang if _terlambat(t)]
        if terlambat or self.terutang:
            self.fields["tenggat"].initial = str((terlambat or self.terutang)[0].pk)

    def clean_sifat(self):
        return self.cleaned_data.get("sifat") or SifatLaporanMitra.BERKALA

    def clean_tenggat(self):
        nilai = self.cleaned_data.get("tenggat")
        if not nilai:
            return None
        for t in self.terutang:
            if str(t.pk) == str(nilai):
                return t
        raise forms.ValidationError("Periode laporan tidak terutang pada kerja sama ini.")

