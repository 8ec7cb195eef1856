from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Jenis, JenisDokumen, StatusDokumen
from .models import Mitra, PerangkatDaerah


class FilterRegistryForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=[("", "Semua jenis"), *Jenis.choices], required=False)
    tahap = forms.CharField(label=_("Tahap"), required=False)
    perangkat_daerah = forms.ModelChoiceField(
        label=_("Perangkat Daerah"), queryset=PerangkatDaerah.objects.all(), required=False, empty_label="Semua PD"
    )
    mitra = forms.ModelChoiceField(label=_("Mitra"), queryset=Mitra.objects.all(), required=False, empty_label="Semua mitra")
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=1990, max_value=2100)
    berakhir_dalam_hari = forms.IntegerField(label=_("Berakhir dalam (hari)"), required=False, min_value=0, max_value=3650)


class UnggahDokumenForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis dokumen"), choices=JenisDokumen.choices)
    judul = forms.CharField(label=_("Judul"), max_length=300, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=StatusDokumen.choices, initial=StatusDokumen.DRAFT)
    berkas = forms.FileField(label=_("Berkas"), help_text=_("PDF, DOCX, XLSX, ODT, JPG atau PNG."))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class VersiBaruForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas versi baru"))
    status = forms.ChoiceField(label=_("Status"), choices=StatusDokumen.choices, initial=StatusDokumen.DRAFT)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class PerjanjianLamaForm(forms.Form):
    judul = forms.CharField(label=_("Judul"), max_length=300)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=Jenis.choices)
    perangkat_daerah = forms.ModelChoiceField(label=_("PD Pemrakarsa"), queryset=PerangkatDaerah.objects.all())
    mitra = forms.ModelChoiceField(label=_("Mitra"), queryset=Mitra.objects.all())
    nomor_perjanjian = forms.CharField(label=_("Nomor naskah perjanjian"), max_length=120, required=False)
    tanggal_penandatanganan = forms.DateField(label=_("Tanggal penandatanganan"), widget=forms.DateInput(attrs={"type": "date"}))
    tanggal_mulai = forms.DateField(label=_("Tanggal mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    tanggal_berakhir = forms.DateField(label=_("Tanggal berakhir"), widget=forms.DateInput(attrs={"type": "date"}))
    uraian = forms.CharField(label=_("Ruang lingkup"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    nilai = forms.IntegerField(label=_("Nilai (Rp)"), required=False, min_value=0)
    sumber_dana = forms.CharField(label=_("Sumber pendanaan"), max_length=200, required=False)

    def clean_tanggal_penandatanganan(self):
        from .validators import validasi_tidak_di_masa_depan

        value = self.cleaned_data["tanggal_penandatanganan"]
        validasi_tidak_di_masa_depan(value)
        return value
