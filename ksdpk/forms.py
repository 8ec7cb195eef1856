"""Forms of the KSDPK pages (the stage steps use the core's generic forms built from their Isian)."""

from django import forms

from kerjasama.alur import YaTidakField
from kerjasama.constants import JenisMitra
from kerjasama.models import Mitra, PerangkatDaerah
from kerjasama.widgets import TanggalInput

from .constants import BENTUK_HUKUM, KRITERIA, NILAI_MAKS, JenisKsdpk, KedudukanTim
from .selectors import pengguna_dapat_dipilih_tim

TANGGAL = TanggalInput()  # dd-mm-yyyy whatever the browser locale (issue 14)
PILIHAN_BENTUK = [("", "—"), *((b, b) for b in BENTUK_HUKUM)]


def _pihak_ketiga():
    return Mitra.objects.filter(jenis=JenisMitra.PIHAK_KETIGA).order_by("nama")


class DataKsdpkForm(forms.Form):
    """What a KSDPK carries (spec ksdpk.md "Data a KSDPK case carries"; Ps 36, 38, 42, 43)."""

    judul = forms.CharField(label="Judul kerja sama", max_length=300)
    jenis_ksdpk = forms.ChoiceField(label="Jenis KSDPK (Pasal 36 ayat (1))", choices=JenisKsdpk.choices)
    dasar_hukum = forms.CharField(
        label="Dasar hukum nasional yang dirujuk (Pasal 36 ayat (2)–(6))", widget=forms.Textarea(attrs={"rows": 2}),
        required=False, help_text="Mis. peraturan tentang pelayanan publik, pengelolaan barang milik daerah, investasi, "
                                  "penyediaan infrastruktur, atau pengadaan barang/jasa.")
    objek = forms.CharField(label="Objek kerja sama", widget=forms.Textarea(attrs={"rows": 2}))
    uraian = forms.CharField(label="Ruang lingkup", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    nilai = forms.IntegerField(label="Nilai kerja sama (Rp)", required=False, min_value=0)
    pendapatan_daerah = forms.IntegerField(label="Pendapatan bagi Daerah (Rp, bila ada)", required=False, min_value=0)
    sumber_dana = forms.CharField(label="Sumber pendanaan", max_length=200, required=False)
    lokasi = forms.CharField(label="Lokasi", max_length=300, required=False)
    lintang = forms.DecimalField(label="Lintang (peta, bila ada)", required=False, max_digits=9, decimal_places=6)
    bujur = forms.DecimalField(label="Bujur (peta, bila ada)", required=False, max_digits=9, decimal_places=6)
    jangka_waktu_bulan = forms.IntegerField(label="Rencana jangka waktu (bulan; paling lama 60, Pasal 42 ayat (1))",
                                            required=False, min_value=1)
    membebani_masyarakat_daerah = YaTidakField(label="Rencana kerja sama membebani masyarakat dan Daerah? (Pasal 43)",
                                               required=False)
    sudah_dianggarkan_apbd = YaTidakField(
        label="Pendanaannya sudah teranggarkan dalam APBD tahun anggaran berjalan? (Pasal 43)", required=False)


def label_item(item) -> str:
    return (f"Pemetaan {item.siklus.tahun} · peringkat {item.peringkat} · {item.kegiatan} ({item.perangkat_daerah})")


class KsdpkBaruForm(DataKsdpkForm):
    """Ps 38(1): the PD Pemrakarsa's new case, prepared from a mapping item (the hasil pemetaan and its priority
    scale), with the candidate third parties the offer will go to. The Sekretariat TKKSD also names the PD and,
    for an urgent case, may start without an item by writing why."""

    item_pemetaan = forms.TypedChoiceField(
        label="Item pemetaan (Pasal 38 ayat (1))", coerce=int, empty_value=None, required=False,
        help_text="Item Daftar Rencana Program dan Kegiatan Kerja Sama Daerah yang telah ditetapkan dengan Keputusan "
                  "Wali Kota; peringkatnya adalah skala prioritas. Datanya dibawa ke kerja sama ini.")
    alasan_tanpa_pemetaan = forms.CharField(
        label="atau alasan memulai tanpa item pemetaan (keadaan mendesak)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hanya Sekretariat TKKSD. Alasan ditampilkan di halaman kasus dan dicatat di riwayat (Pasal 38 ayat (1)).")
    perangkat_daerah = forms.ModelChoiceField(label="PD Pemrakarsa", queryset=PerangkatDaerah.objects.filter(aktif=True),
                                              required=False,
                                              help_text="Untuk item pemetaan: Perangkat Daerah pengusul item itu.")
    calon_mitra = forms.ModelMultipleChoiceField(
        label="Calon mitra (pihak ketiga)", queryset=Mitra.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text="Satu atau beberapa; pihak ketiga baru dapat ditambahkan di halaman calon mitra.")

    field_order = ["item_pemetaan", "alasan_tanpa_pemetaan", "perangkat_daerah"]

    def __init__(self, *args, pilih_pd: bool, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["calon_mitra"].queryset = _pihak_ketiga()
        self.fields["item_pemetaan"].choices = [("", "—"), *((i.pk, label_item(i)) for i in items)]
        if not pilih_pd:
            # Ps 38(1): a PD starts from its own mapping item only; the urgent exception is the Sekretariat's.
            del self.fields["perangkat_daerah"]
            del self.fields["alasan_tanpa_pemetaan"]
            self.fields["item_pemetaan"].required = True
            self.fields["item_pemetaan"].error_messages["required"] = (
                "Pilih item pemetaan: KSDPK atas prakarsa Daerah disiapkan berdasarkan hasil pemetaan dan skala "
                "prioritas (Perwal 57/2023 Pasal 38 ayat (1)).")

    @staticmethod
    def awal_dari_item(item) -> dict:
        """What the form starts with when opened from an item (?item=): the item's own data."""
        awal = {"item_pemetaan": item.pk, "judul": item.judul_kasus, "objek": item.ruang_lingkup or item.kegiatan,
                "jangka_waktu_bulan": item.jangka_waktu_bulan or None}
        if item.mitra_id and item.mitra.jenis == JenisMitra.PIHAK_KETIGA:
            awal["calon_mitra"] = [item.mitra_id]
        return awal


class PihakKetigaForm(forms.Form):
    """A third party's own details (Ps 1 angka 28; spec: legal form, NIB/NPWP where it has them, representative)."""

    bentuk_hukum = forms.ChoiceField(label="Bentuk hukum", choices=PILIHAN_BENTUK, required=False)
    nib = forms.CharField(label="NIB (bila ada)", max_length=30, required=False)
    npwp = forms.CharField(label="NPWP (bila ada)", max_length=30, required=False)
    alamat = forms.CharField(label="Alamat", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    email = forms.EmailField(label="E-mail", required=False)
    telepon = forms.CharField(label="Telepon", max_length=40, required=False)
    nama_pimpinan = forms.CharField(label="Nama pimpinan", max_length=120, required=False)
    jabatan_pimpinan = forms.CharField(label="Jabatan pimpinan", max_length=200, required=False)
    nama_perwakilan = forms.CharField(label="Nama perwakilan", max_length=120, required=False)

    def pihak_ketiga(self) -> dict:
        return {nama: self.cleaned_data.get(nama) for nama in PihakKetigaForm.base_fields}


class PermohonanForm(PihakKetigaForm, DataKsdpkForm):
    """Ps 50(1): a third party's application to the Wali Kota with its feasibility study."""

    studi_kelayakan = forms.FileField(label="Studi kelayakan (Pasal 50 ayat (1))")
    surat_permohonan = forms.FileField(label="Surat permohonan kepada Wali Kota", required=False)
    mitra = forms.ModelChoiceField(label="Pihak ketiga pemohon (terdaftar)", queryset=Mitra.objects.none(), required=False)
    nama_pihak_ketiga = forms.CharField(label="atau nama pihak ketiga (belum terdaftar)", max_length=200, required=False)
    nomor_surat = forms.CharField(label="Nomor surat permohonan", max_length=120, required=False)
    tanggal_surat = forms.DateField(label="Tanggal surat permohonan", widget=TANGGAL, required=False)

    def __init__(self, *args, kertas: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # Ps 43's two answers are the TKKSD's to give, after its study.
        for nama in ("membebani_masyarakat_daerah", "sudah_dianggarkan_apbd"):
            del self.fields[nama]
        if kertas:
            self.fields["mitra"].queryset = _pihak_ketiga()
            self.fields["surat_permohonan"].required = True
            self.fields["tanggal_surat"].required = True
        else:
            for nama in ("mitra", "nama_pihak_ketiga", "nomor_surat", "tanggal_surat"):
                del self.fields[nama]

    def data_kasus(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in DataKsdpkForm.base_fields}


class KewajibanForm(forms.Form):
    """The obligations of each side, one per line; "uraian | pasal PKS" gives the clause (Ps 85(4) huruf a)."""

    daerah = forms.CharField(label="Kewajiban Pemerintah Daerah Kota Bekasi", required=False,
                             widget=forms.Textarea(attrs={"rows": 5}))
    mitra = forms.CharField(label="Kewajiban mitra (pihak ketiga)", required=False, widget=forms.Textarea(attrs={"rows": 5}))

    @staticmethod
    def awal(kewajiban) -> dict:
        teks = {"daerah": [], "mitra": []}
        for k in kewajiban:
            teks[k.pihak].append(f"{k.uraian} | {k.dasar}" if k.dasar else k.uraian)
        return {pihak: "\n".join(baris) for pihak, baris in teks.items()}

    def daftar(self) -> list[dict]:
        hasil = []
        for pihak in ("daerah", "mitra"):
            for baris in (self.cleaned_data.get(pihak) or "").splitlines():
                uraian, _sep, dasar = baris.partition("|")
                if uraian.strip():
                    hasil.append({"pihak": pihak, "uraian": uraian.strip(), "dasar": dasar.strip()})
        return hasil


class CalonTambahForm(PihakKetigaForm):
    mitra = forms.ModelChoiceField(label="Pihak ketiga terdaftar", queryset=Mitra.objects.none(), required=False)
    nama = forms.CharField(label="atau nama pihak ketiga baru", max_length=200, required=False)

    def __init__(self, *args, kasus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mitra"].queryset = _pihak_ketiga().exclude(pk__in=kasus.calon.values("mitra_id"))


class KualifikasiForm(forms.Form):
    calon = forms.IntegerField(widget=forms.HiddenInput)
    memenuhi_syarat = YaTidakField(label="Memenuhi syarat (Pasal 39 ayat (2))")
    tanggal_jawaban = forms.DateField(label="Tanggal jawaban", widget=TANGGAL, required=False)
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TimForm(forms.Form):
    """Ps 39(3): the Ketua TKKSD's decision setting the Tim Pemilihan Calon Mitra."""

    nomor_keputusan = forms.CharField(label="Nomor keputusan Ketua TKKSD", max_length=120)
    tanggal_keputusan = forms.DateField(label="Tanggal keputusan", widget=TANGGAL)
    keputusan = forms.FileField(label="Berkas keputusan (bila ada)", required=False)
    ketua = forms.ModelChoiceField(label="Ketua tim", queryset=None)
    sekretaris = forms.ModelChoiceField(label="Sekretaris tim (bila ada)", queryset=None, required=False)
    anggota = forms.ModelMultipleChoiceField(label="Anggota", queryset=None, required=False,
                                             widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama in ("ketua", "sekretaris", "anggota"):
            self.fields[nama].queryset = pengguna_dapat_dipilih_tim()

    def susunan(self) -> list[tuple]:
        d = self.cleaned_data
        hasil = [(d["ketua"], KedudukanTim.KETUA)]
        if d.get("sekretaris"):
            hasil.append((d["sekretaris"], KedudukanTim.SEKRETARIS))
        hasil += [(u, KedudukanTim.ANGGOTA) for u in d.get("anggota") or []]
        return hasil


class PenilaianForm(forms.Form):
    """One scorer's sheet: per qualifying candidate, a score 0–100 and a note per criterion of Ps 39(2)."""

    def __init__(self, *args, calon, lembar=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.calon = list(calon)
        ada = {n.calon_id: n for n in lembar.nilai.all()} if lembar else {}
        for c in self.calon:
            for kode, label, pasal in KRITERIA:
                nilai = ada.get(c.pk)
                self.fields[f"{c.pk}_{kode}"] = forms.IntegerField(
                    label=f"{label} ({pasal})", min_value=0, max_value=NILAI_MAKS, required=False,
                    initial=getattr(nilai, kode, None))
                self.fields[f"{c.pk}_catatan_{kode}"] = forms.CharField(
                    label=f"Catatan {label.lower()}", required=False, initial=getattr(nilai, f"catatan_{kode}", ""),
                    widget=forms.Textarea(attrs={"rows": 1}))

    def baris(self) -> list[dict]:
        """The rows for penilaian_simpan: the candidates the scorer filled in (all three scores)."""
        hasil = []
        for c in self.calon:
            row = {"calon": c.pk}
            for kode, _label, _pasal in KRITERIA:
                row[kode] = self.cleaned_data.get(f"{c.pk}_{kode}")
                row[f"catatan_{kode}"] = self.cleaned_data.get(f"{c.pk}_catatan_{kode}", "")
            if any(row[kode] is not None for kode, _l, _p in KRITERIA):
                hasil.append(row)
        return hasil

    def per_calon(self):
        """(candidate, [(score field, note field) per criterion]) for the template."""
        return [(c, [(self[f"{c.pk}_{kode}"], self[f"{c.pk}_catatan_{kode}"]) for kode, _l, _p in KRITERIA])
                for c in self.calon]


def _saringan(label):
    return forms.Select(attrs={"class": "form-select form-select-sm w-auto", "aria-label": label})


class FilterKsdpkForm(forms.Form):
    q = forms.CharField(label="Cari", required=False)
    jenis_ksdpk = forms.ChoiceField(label="Jenis", choices=[("", "Semua jenis"), *JenisKsdpk.choices], required=False,
                                    widget=_saringan("Jenis"))
    inisiatif = forms.ChoiceField(label="Prakarsa", required=False, widget=_saringan("Prakarsa"),
                                  choices=[("", "Semua prakarsa"), ("daerah", "Daerah"), ("mitra", "Pihak ketiga")])
    tahap = forms.CharField(label="Tahap", required=False)
