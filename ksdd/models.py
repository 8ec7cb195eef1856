"""The KSDD case (Perwal 57/2023 BAB III): the shared domestic stage machine (kerjasama.domestik) plus
what only a cooperation with another region carries: wajib or sukarela (Ps 1 angka 14–15), the
bordering regions and cross-border affair of a kerja sama wajib, the affair, program and kegiatan."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.constants import JenisMitra
from kerjasama.domestik import KasusDomestik, LaporanPelaksanaanDasar, PerpanjanganDasar, PerubahanPksDasar
from kerjasama.models import KerjaSama, Wilayah

from .constants import PASAL_LANGKAH, PASAL_TAHAP, Sifat


class KasusKsdd(KasusDomestik, KerjaSama):
    sifat = models.CharField(_("sifat kerja sama"), max_length=10, choices=Sifat.choices)
    daerah_berbatasan = models.ManyToManyField(
        Wilayah, verbose_name=_("daerah yang berbatasan"), blank=True, related_name="+",
        help_text=_("Untuk kerja sama wajib (Pasal 1 angka 14)."),
    )
    eksternalitas = models.TextField(
        _("urusan dengan eksternalitas lintas daerah"), blank=True,
        help_text=_("Untuk kerja sama wajib: urusan pemerintahan yang dampaknya melintasi batas daerah."),
    )
    urusan = models.CharField(_("urusan pemerintahan"), max_length=200)
    program = models.CharField(_("program"), max_length=300, blank=True)
    kegiatan = models.CharField(_("kegiatan"), max_length=300, blank=True)

    template_panel = "ksdd/_panel.html"

    PASAL_LANGKAH = PASAL_LANGKAH
    PASAL_TAHAP = PASAL_TAHAP
    MODEL_PERUBAHAN = "ksdd.PerubahanPksKsdd"
    MODEL_PERPANJANGAN = "ksdd.PerpanjanganKsdd"
    MODEL_LAPORAN = "ksdd.LaporanPelaksanaanKsdd"
    TEMPLATE_SURAT_PENAWARAN = "ksdd/surat_penawaran.html"
    LABEL_BEBAN_PERUBAHAN = "Perubahan mengakibatkan penambahan beban kepada masyarakat (Pasal 34 ayat (3))"
    NAMA_JENIS = "kerja sama daerah"

    class Meta:
        verbose_name = _("kasus KSDD")
        verbose_name_plural = _("kasus KSDD")

    def clean(self):
        super().clean()
        if self.mitra_id and self.mitra.jenis != JenisMitra.DAERAH_LAIN:
            raise ValidationError({"mitra": "Mitra KSDD harus daerah lain (provinsi/kabupaten/kota), Pasal 1 angka 9."})

    def validasi_siap_diajukan(self) -> None:
        super().validasi_siap_diajukan()
        validasi_sifat(sifat=self.sifat, mitra=self.mitra, daerah_berbatasan=list(self.daerah_berbatasan.all()),
                       eksternalitas=self.eksternalitas)

    def konteks_surat_penawaran(self, **kwargs) -> dict:
        konteks = super().konteks_surat_penawaran(**kwargs)
        konteks["isi"][0] = (
            f"Dalam rangka penyelenggaraan urusan pemerintahan {self.urusan}, Pemerintah Daerah Kota Bekasi bermaksud "
            f"menjalin {self.get_sifat_display().lower()} dengan {self.mitra.nama} mengenai \u201c{self.judul}\u201d, "
            "dengan pokok-pokok sebagai berikut."
        )
        return konteks


def validasi_sifat(*, sifat, mitra, daerah_berbatasan, eksternalitas) -> None:
    """Ps 1 angka 14: a kerja sama wajib is between bordering regions, for an affair with cross-border
    externalities. The partner must be one of the bordering regions (or the province holding it)."""
    if sifat != Sifat.WAJIB:
        return
    errors = {}
    if not daerah_berbatasan:
        errors["daerah_berbatasan"] = "Kerja sama wajib dilaksanakan oleh daerah yang berbatasan (Pasal 1 angka 14): pilih daerahnya."
    if not (eksternalitas or "").strip():
        errors["eksternalitas"] = "Kerja sama wajib menyangkut urusan dengan eksternalitas lintas daerah (Pasal 1 angka 14): uraikan."
    if daerah_berbatasan and mitra is not None and mitra.wilayah_id:
        cocok = {w.pk for w in daerah_berbatasan} | {w.induk_id for w in daerah_berbatasan if w.induk_id}
        if mitra.wilayah_id not in cocok:
            errors["mitra"] = (f"{mitra.nama} tidak termasuk daerah berbatasan yang dicatat; kerja sama wajib hanya "
                               "dengan daerah yang berbatasan (Pasal 1 angka 14). Pilih kerja sama sukarela bila tidak berbatasan.")
    if errors:
        raise ValidationError(errors)


class PerubahanPksKsdd(PerubahanPksDasar):
    """Ps 34: an amendment of a KSDD's PKS."""


class PerpanjanganKsdd(PerpanjanganDasar):
    """Ps 26(2), Ps 30: an extension of a KSDD's term."""


class LaporanPelaksanaanKsdd(LaporanPelaksanaanDasar):
    """Ps 33: an internal or external report on a KSDD."""
