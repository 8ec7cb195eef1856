"""Forms of the KSDPL/KSDLL pages. They only shape input; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kerjasama.constants import JenisMitra
from kerjasama.models import Dokumen, Mitra, PerangkatDaerah
from kerjasama.permissions import dokumen_terlihat
from kerjasama.validators import validasi_tidak_di_masa_depan
from kerjasama.widgets import TanggalInput

from .constants import (
    BAGIAN_LAPORAN,
    Bentuk,
    CaraPenjajakan,
    JenisIzin,
    JenisLangkahPerselisihan,
    JenisLembaga,
    Objek,
    StatusKegiatan,
    SumberPrakarsa,
)

TANGGAL = TanggalInput()  # dd-mm-yyyy whatever the browser locale (issue 14)


def _mitra_luar_negeri():
    return Mitra.objects.filter(jenis__in=(JenisMitra.PEMDA_LUAR_NEGERI, JenisMitra.LEMBAGA_LUAR_NEGERI)).order_by("nama")


class TanggalPeristiwaField(forms.DateField):
    """A date of an outside event: never in the future (interfaces.md)."""

    widget = TANGGAL
    default_validators = [validasi_tidak_di_masa_depan]


class DokumenKasusField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Dokumen.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Dokumen (dari dokumen kerja sama)"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.get_jenis_display()}: {obj.judul}"


class _DenganDokumen(forms.Form):
    def __init__(self, *args, kasus=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, DokumenKasusField) and kasus is not None:
                # Only the documents this user may see (classification and sharing: the one read rule).
                field.queryset = dokumen_terlihat(
                    user, Dokumen.objects.filter(kerjasama_id=kasus.pk), kerjasama=kasus).order_by("jenis", "id")


class KasusBaruForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), choices=[("KSDPL", "KSDPL — Pemerintah Daerah di luar negeri"),
                                                          ("KSDLL", "KSDLL — Lembaga di luar negeri")])
    bentuk = forms.ChoiceField(label=_("Bentuk kerja sama"), choices=Bentuk.choices,
                               help_text=_("KSDPL: kota kembar/bersaudara atau lainnya (Pasal 52). KSDLL: penerusan "
                                           "kerja sama Pemerintah Pusat atau lainnya (Pasal 53)."))
    jenis_lembaga = forms.ChoiceField(label=_("Jenis lembaga mitra penerusan (Pasal 74)"),
                                      choices=[("", "—"), *JenisLembaga.choices], required=False)
    judul = forms.CharField(label=_("Judul"), max_length=300)
    perangkat_daerah = forms.ModelChoiceField(label=_("PD Pemrakarsa"), queryset=PerangkatDaerah.objects.filter(aktif=True))
    sumber_prakarsa = forms.ChoiceField(label=_("Sumber prakarsa (Pasal 58)"), choices=SumberPrakarsa.choices)
    item_pemetaan = forms.TypedChoiceField(label=_("Item pemetaan (Pasal 58 ayat (3))"), required=False, coerce=int,
                                           empty_value=None, help_text=_("Wajib untuk prakarsa dari Daerah."))
    mitra = forms.ModelChoiceField(label=_("Mitra luar negeri"), queryset=Mitra.objects.none(), required=False)
    objek = forms.MultipleChoiceField(label=_("Objek kerja sama (Pasal 55)"), choices=Objek.choices,
                                      widget=forms.CheckboxSelectMultiple, required=False)
    objek_lainnya = forms.CharField(label=_("Objek lainnya"), max_length=300, required=False)
    uraian = forms.CharField(label=_("Uraian/ruang lingkup"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mitra"].queryset = _mitra_luar_negeri()
        self.fields["item_pemetaan"].choices = [("", "—")] + [
            (item.pk, f"[{getattr(item, 'jenis_usulan', '')}] {getattr(item, 'judul_kasus', item)}") for item in items
        ]


class UbahPrakarsaForm(forms.Form):
    judul = forms.CharField(label=_("Judul"), max_length=300)
    bentuk = forms.ChoiceField(label=_("Bentuk kerja sama"), choices=Bentuk.choices)
    jenis_lembaga = forms.ChoiceField(label=_("Jenis lembaga mitra penerusan (Pasal 74)"),
                                      choices=[("", "—"), *JenisLembaga.choices], required=False)
    mitra = forms.ModelChoiceField(label=_("Mitra luar negeri"), queryset=Mitra.objects.none(), required=False)
    objek = forms.MultipleChoiceField(label=_("Objek kerja sama (Pasal 55)"), choices=Objek.choices,
                                      widget=forms.CheckboxSelectMultiple, required=False)
    objek_lainnya = forms.CharField(label=_("Objek lainnya"), max_length=300, required=False)
    uraian = forms.CharField(label=_("Uraian/ruang lingkup"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mitra"].queryset = _mitra_luar_negeri()


class KonfirmasiPersyaratanForm(_DenganDokumen):
    persyaratan = forms.IntegerField(widget=forms.HiddenInput)
    terpenuhi = forms.TypedChoiceField(label=_("Terpenuhi?"), choices=[("ya", "Ya, terpenuhi"), ("tidak", "Belum")],
                                       coerce=lambda v: v == "ya")
    catatan = forms.CharField(label=_("Catatan/bukti"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    dokumen = DokumenKasusField(label=_("Dokumen bukti"))


class PenjajakanForm(_DenganDokumen):
    cara = forms.ChoiceField(label=_("Mekanisme (Pasal 59 ayat (2))"), choices=CaraPenjajakan.choices)
    tanggal = TanggalPeristiwaField(label=_("Tanggal"))
    catatan = forms.CharField(label=_("Catatan/hasil"), widget=forms.Textarea(attrs={"rows": 3}))
    dokumen = DokumenKasusField()


class IzinForm(_DenganDokumen):
    jenis = forms.ChoiceField(label=_("Jenis izin"), choices=JenisIzin.choices)
    nomor = forms.CharField(label=_("Nomor"), max_length=120)
    tanggal = TanggalPeristiwaField(label=_("Tanggal"))
    penerbit = forms.CharField(label=_("Penerbit"), max_length=200)
    berlaku_sampai = forms.DateField(label=_("Berlaku sampai"), widget=TANGGAL, required=False)
    dokumen = DokumenKasusField()


class RencanaTahunanForm(_DenganDokumen):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    peran_para_pihak = forms.CharField(label=_("Peran para pihak"), widget=forms.Textarea(attrs={"rows": 3}))
    hasil_diharapkan = forms.CharField(label=_("Hasil yang diharapkan"), widget=forms.Textarea(attrs={"rows": 3}))
    rencana_pembiayaan = forms.CharField(label=_("Rencana pembiayaan"), widget=forms.Textarea(attrs={"rows": 2}))
    tanggal_ditandatangani = TanggalPeristiwaField(label=_("Tanggal ditandatangani"), required=False)
    dokumen = DokumenKasusField()


class KegiatanForm(forms.Form):
    kegiatan = forms.IntegerField(widget=forms.HiddenInput, required=False)
    uraian = forms.CharField(label=_("Uraian kegiatan"), max_length=300)
    waktu = forms.CharField(label=_("Waktu"), max_length=100, required=False)
    pelaksana = forms.CharField(label=_("Pelaksana"), max_length=200, required=False)
    anggaran = forms.IntegerField(label=_("Anggaran (Rp)"), min_value=0, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=StatusKegiatan.choices)
    hasil = forms.CharField(label=_("Hasil/realisasi"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PerselisihanForm(forms.Form):
    uraian = forms.CharField(label=_("Uraian perselisihan"), widget=forms.Textarea(attrs={"rows": 3}))
    tanggal_mulai = TanggalPeristiwaField(label=_("Tanggal timbul"))


class LangkahPerselisihanForm(_DenganDokumen):
    jenis = forms.ChoiceField(label=_("Langkah"), choices=JenisLangkahPerselisihan.choices)
    tanggal = TanggalPeristiwaField(label=_("Tanggal"))
    uraian = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 2}))
    berhasil = forms.TypedChoiceField(label=_("Mencapai penyelesaian?"), required=False, empty_value=None,
                                      choices=[("", "—"), ("ya", "Ya"), ("tidak", "Tidak")],
                                      coerce=lambda v: v == "ya")
    dokumen = DokumenKasusField()


class SelesaikanPerselisihanForm(forms.Form):
    hasil = forms.CharField(label=_("Hasil penyelesaian"), widget=forms.Textarea(attrs={"rows": 2}))
    tanggal_selesai = TanggalPeristiwaField(label=_("Tanggal selesai"))


class LaporanForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kode, label in BAGIAN_LAPORAN:
            self.fields[kode] = forms.CharField(label=f"{label}", widget=forms.Textarea(attrs={"rows": 3}),
                                                required=False)


class KirimLaporanForm(forms.Form):
    tanggal_dikirim = TanggalPeristiwaField(label=_("Tanggal dikirim kepada Gubernur"))
