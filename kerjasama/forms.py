import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .constants import Jenis, JenisDokumen, Klasifikasi, StatusDokumen
from .models import Mitra, PerangkatDaerah
from .widgets import TanggalInput


class PilihanCepat(forms.Select):
    """A <select> whose options are written in Python instead of one template render per option.
    The registry filter lists every partner: 2,000 at city scale took ~0.3 s through the widget
    templates, a few ms here (benchmarks/README.md)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        attrs["name"] = name
        terpilih = {str(v) for v in self.format_value(value)}
        # The standard library's escape (what Django's escape wraps) on each value: format_html per option
        # still cost ≈ 35 ms for 2,000 partners.
        opsi = "".join(
            f'<option value="{html.escape(str(v))}"{" selected" if str(v) in terpilih else ""}>{html.escape(str(label))}</option>'
            for v, label in self.choices
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(opsi))


def pilihan_tahap_per_jenis() -> list[tuple[str, list[tuple[str, str]]]]:
    """(kind, [(stage code, label)…]) for each kind's machine, in the machine's order."""
    from django.apps import apps

    from . import alur

    grup = []
    for label, tahapan in sorted(alur.semua_tahapan().items()):
        try:
            nama = str(apps.get_model(label)._meta.verbose_name)
        except LookupError:
            continue
        grup.append((nama[:1].upper() + nama[1:], [(t.kode, t.label) for t in tahapan]))
    return grup


# Sortable registry columns: the `urut` parameter → the ORDER BY (a "-" in front: descending).
URUTAN_REGISTRI = {
    "nomor": ("nomor",), "judul": ("judul",), "jenis": ("jenis", "nomor"), "tahap": ("tahap", "nomor"),
    "pd": ("perangkat_daerah__nama", "nomor"), "mitra": ("mitra__nama", "nomor"), "berakhir": ("tanggal_berakhir", "nomor"),
}


class FilterRegistryForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=[("", "Semua jenis"), *Jenis.choices], required=False)
    # Stages by their label, grouped by kind (issue 14: free text understood only the internal codes).
    tahap = forms.ChoiceField(label=_("Tahap"), required=False)
    perangkat_daerah = forms.ModelChoiceField(
        label=_("Perangkat Daerah"), queryset=PerangkatDaerah.objects.only("id", "nama", "singkatan"), required=False,
        empty_label="Semua PD", widget=PilihanCepat,
    )
    mitra = forms.ModelChoiceField(label=_("Mitra"), queryset=Mitra.objects.only("id", "nama"), required=False,
                                   empty_label="Semua mitra", widget=PilihanCepat)
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=1990, max_value=2100)
    berakhir_dalam_hari = forms.IntegerField(label=_("Berakhir dalam (hari)"), required=False, min_value=0, max_value=3650)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahap"].choices = [("", "Semua tahap"), *pilihan_tahap_per_jenis()]
        # The options as plain (id, label) rows: 2,000 partners without building 2,000 model objects.
        self.fields["mitra"].widget.choices = [("", "Semua mitra"), *Mitra.objects.order_by("nama").values_list("id", "nama")]
        self.fields["perangkat_daerah"].widget.choices = [("", "Semua PD"), *(
            (pk, singkatan or nama)
            for pk, nama, singkatan in PerangkatDaerah.objects.order_by("nama").values_list("id", "nama", "singkatan")
        )]


class UnggahDokumenForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis dokumen"), choices=[("", _("— Pilih jenis dokumen —")), *JenisDokumen.choices])
    judul = forms.CharField(label=_("Judul"), max_length=300, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=StatusDokumen.choices, initial=StatusDokumen.DRAFT)
    berkas = forms.FileField(label=_("Berkas"), help_text=_("PDF, DOCX, XLSX, ODT, JPG atau PNG."))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)
    # A correction of a signed or archived document is a new document that refers to it, with a reason.
    mengoreksi = forms.IntegerField(label=_("Koreksi atas dokumen (id)"), required=False, min_value=1,
                                    max_value=2**63 - 1)
    alasan_koreksi = forms.CharField(label=_("Alasan koreksi"), max_length=1000, required=False)

    def __init__(self, *args, jenis_boleh=None, **kwargs):
        super().__init__(*args, **kwargs)
        if jenis_boleh is not None:
            # Only the types the user may file here (permissions.jenis_boleh_diunggah).
            self.fields["jenis"].choices = [(k, v) for k, v in JenisDokumen.choices if k in set(jenis_boleh)]


class KlasifikasiForm(forms.Form):
    klasifikasi = forms.ChoiceField(label=_("Klasifikasi keamanan"), choices=Klasifikasi.choices)
    dibagikan_mitra = forms.BooleanField(label=_("Dibagikan dengan mitra"), required=False)
    alasan = forms.CharField(label=_("Alasan perubahan"), max_length=1000)


class VersiBaruForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas versi baru"))
    status = forms.ChoiceField(label=_("Status"), choices=StatusDokumen.choices, initial=StatusDokumen.DRAFT)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=300, required=False)


class PerjanjianLamaForm(forms.Form):
    judul = forms.CharField(label=_("Judul"), max_length=300)
    jenis = forms.ChoiceField(label=_("Jenis"), choices=[("", _("— Pilih jenis —")), *Jenis.choices])
    perangkat_daerah = forms.ModelChoiceField(label=_("PD Pemrakarsa"), queryset=PerangkatDaerah.objects.all(),
                                              empty_label=_("— Pilih Perangkat Daerah —"))
    mitra = forms.ModelChoiceField(label=_("Mitra"), queryset=Mitra.objects.all(), empty_label=_("— Pilih mitra —"))
    nomor_perjanjian = forms.CharField(label=_("Nomor naskah perjanjian"), max_length=120, required=False)
    tanggal_penandatanganan = forms.DateField(label=_("Tanggal penandatanganan"), widget=TanggalInput())
    tanggal_mulai = forms.DateField(label=_("Tanggal mulai"), widget=TanggalInput())
    tanggal_berakhir = forms.DateField(label=_("Tanggal berakhir"), widget=TanggalInput())
    uraian = forms.CharField(label=_("Ruang lingkup"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    nilai = forms.IntegerField(label=_("Nilai (Rp)"), required=False, min_value=0)
    sumber_dana = forms.CharField(label=_("Sumber pendanaan"), max_length=200, required=False)

    def clean_tanggal_penandatanganan(self):
        from .validators import validasi_tidak_di_masa_depan

        value = self.cleaned_data["tanggal_penandatanganan"]
        validasi_tidak_di_masa_depan(value)
        return value
