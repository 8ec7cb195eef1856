"""Forms of the mapping UI. They only shape input; every rule is checked by the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kerjasama.constants import Jenis, JenisDokumen
from kerjasama.models import Mitra
from kerjasama.widgets import TanggalInput

from .constants import PeranTim
from .models import BAGIAN_REKOMENDASI

TANGGAL = TanggalInput()  # dd-mm-yyyy whatever the browser locale (issue 14)


class SiklusBukaForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun pemetaan"), min_value=2000, max_value=2100,
                               initial=lambda: timezone.localdate().year)
    batas_pengumpulan = forms.DateField(label=_("Batas penyampaian data dan rekomendasi"), widget=TANGGAL,
                                        help_text=_("Perwal 57/2023 Pasal 11 ayat (1): setiap Perangkat Daerah diberi tahu."))
    nomor_surat_permintaan = forms.CharField(label=_("Nomor surat permintaan data"), max_length=120, required=False)
    keterangan = forms.CharField(label=_("Keterangan untuk Perangkat Daerah"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))


class TimForm(forms.Form):
    nomor_keputusan = forms.CharField(label=_("Nomor Keputusan Kepala Perangkat Daerah"), max_length=120)
    tanggal_keputusan = forms.DateField(label=_("Tanggal Keputusan"), widget=TANGGAL)
    berkas = forms.FileField(label=_("Dokumen Keputusan"), help_text=_("PDF, DOCX, ODT, JPG atau PNG."))


class AnggotaForm(forms.Form):
    peran = forms.ChoiceField(label=_("Kedudukan"), choices=[("", "—"), *PeranTim.choices], required=False)
    nama = forms.CharField(label=_("Nama"), max_length=120, required=False)
    nip = forms.CharField(label=_("NIP"), max_length=30, required=False)
    jabatan = forms.CharField(label=_("Jabatan"), max_length=200, required=False)


AnggotaFormSet = forms.formset_factory(AnggotaForm, extra=2, min_num=4, max_num=30)


class RekomendasiForm(forms.Form):
    """The parts of Ps 12 and Ps 13(1) huruf b. Blank parts may be saved as a draft; the
    submission checks that every part is filled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama, label, pasal in BAGIAN_REKOMENDASI:
            widget = forms.TextInput() if nama == "jangka_waktu" else forms.Textarea(attrs={"rows": 3})
            self.fields[nama] = forms.CharField(label=label, help_text=f"Perwal 57/2023 {pasal}", required=False,
                                                widget=widget, max_length=200 if nama == "jangka_waktu" else None)


class ItemUsulanForm(forms.Form):
    """One proposed cooperation plan (Ps 13(1) huruf a)."""

    urusan = forms.CharField(label=_("Urusan pemerintahan"), max_length=200)
    program = forms.CharField(label=_("Program"), max_length=300)
    kegiatan = forms.CharField(label=_("Kegiatan"), max_length=300)
    jenis_usulan = forms.ChoiceField(label=_("Jenis kerja sama"), choices=[("", "—"), *Jenis.choices])
    calon_mitra = forms.CharField(label=_("Calon mitra (bila diketahui)"), max_length=200, required=False)
    mitra = forms.ModelChoiceField(label=_("Mitra terdaftar"), queryset=Mitra.objects.all(), required=False,
                                   empty_label="—")
    jangka_waktu_bulan = forms.IntegerField(label=_("Jangka waktu (bulan)"), min_value=1, max_value=60)
    ruang_lingkup = forms.CharField(label=_("Ruang lingkup"), widget=forms.Textarea(attrs={"rows": 2}))


ItemUsulanFormSet = forms.formset_factory(ItemUsulanForm, extra=1, can_delete=True, max_num=50)


class KehadiranForm(forms.Form):
    nama = forms.CharField(label=_("Nama"), max_length=120, required=False)
    jabatan = forms.CharField(label=_("Jabatan"), max_length=200, required=False)
    unsur = forms.CharField(label=_("Unsur/instansi"), max_length=200, required=False)


KehadiranFormSet = forms.formset_factory(KehadiranForm, extra=3, max_num=200)


class UnggahForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis dokumen"), choices=JenisDokumen.choices, initial=JenisDokumen.LAINNYA)
    judul = forms.CharField(label=_("Judul"), max_length=300, required=False)
    berkas = forms.FileField(label=_("Berkas"), help_text=_("PDF, DOCX, XLSX, ODT, JPG atau PNG."))
