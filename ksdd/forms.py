from django import forms
from django.db.models import Q

from kerjasama.alur import YaTidakField
from kerjasama.constants import JenisMitra
from kerjasama.models import Mitra, PerangkatDaerah, Wilayah
from kerjasama.widgets import TanggalInput

from .constants import Sifat

TANGGAL = TanggalInput()  # dd-mm-yyyy whatever the browser locale (issue 14)


class KasusKsddForm(forms.Form):
    """The data of a KSDD (Ps 1 angka 14–15, Ps 22(1), Ps 27)."""

    judul = forms.CharField(label="Judul kerja sama", max_length=300)
    # No default on a legal choice (issue 14): the PD says which it is.
    sifat = forms.ChoiceField(label="Sifat kerja sama (Pasal 1 angka 14–15)",
                              choices=[("", "— Pilih sifat kerja sama —"), *Sifat.choices])
    perangkat_daerah = forms.ModelChoiceField(label="PD Pemrakarsa", queryset=PerangkatDaerah.objects.filter(aktif=True))
    mitra = forms.ModelChoiceField(label="Daerah mitra", queryset=Mitra.objects.filter(jenis=JenisMitra.DAERAH_LAIN))
    urusan = forms.CharField(label="Urusan pemerintahan", max_length=200)
    program = forms.CharField(label="Program", max_length=300, required=False)
    kegiatan = forms.CharField(label="Kegiatan", max_length=300, required=False)
    uraian = forms.CharField(label="Ruang lingkup", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    daerah_berbatasan = forms.ModelMultipleChoiceField(
        label="Daerah yang berbatasan (kerja sama wajib)", required=False,
        queryset=Wilayah.objects.filter(Q(kode__startswith="31") | Q(kode__startswith="32") | Q(kode__startswith="36")),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    eksternalitas = forms.CharField(label="Urusan dengan eksternalitas lintas daerah (kerja sama wajib)",
                                    widget=forms.Textarea(attrs={"rows": 2}), required=False)
    membebani_masyarakat_daerah = YaTidakField(label="Rencana kerja sama membebani masyarakat dan Daerah? (Pasal 27)")
    sudah_dianggarkan_apbd = YaTidakField(
        label="Pendanaannya sudah teranggarkan dalam APBD tahun anggaran berjalan? (Pasal 27)")
    nilai = forms.IntegerField(label="Nilai (Rp)", required=False, min_value=0)
    sumber_dana = forms.CharField(label="Sumber pendanaan", max_length=200, required=False)

    def __init__(self, *args, pilih_pd: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not pilih_pd:
            del self.fields["perangkat_daerah"]


class TawaranMitraForm(KasusKsddForm):
    """Ps 35(3): the offer letter of another region with its draft KB."""

    nomor_surat = forms.CharField(label="Nomor surat penawaran", max_length=120)
    tanggal_surat = forms.DateField(label="Tanggal surat penawaran", widget=TANGGAL)
    surat_penawaran = forms.FileField(label="Surat penawaran bertanda tangan kepala daerah mitra")
    rancangan_kb = forms.FileField(label="Rancangan naskah Kesepakatan Bersama")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, pilih_pd=False, **kwargs)
        self.fields["mitra"].label = "Daerah yang menawarkan"


class FilterKsddForm(forms.Form):
    q = forms.CharField(label="Cari", required=False)
    sifat = forms.ChoiceField(label="Sifat", choices=[("", "Semua"), *Sifat.choices], required=False)
    inisiatif = forms.ChoiceField(label="Prakarsa", choices=[("", "Semua"), ("daerah", "Daerah"), ("mitra", "Daerah lain")],
                                  required=False)
    tahap = forms.CharField(label="Tahap", required=False)
