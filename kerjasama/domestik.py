"""The domestic stage machine, written once for KSDD (BAB III, Ps 21–35) and KSDPK (BAB IV, Ps 36–50).

Perwal 57/2023 runs both kinds through the same ten stages "mutatis mutandis" (Ps 35, Ps 47–49):
persiapan, penawaran, penyusunan KB, penandatanganan KB, persetujuan DPRD, penyusunan PKS,
penandatanganan PKS, pelaksanaan, penatausahaan, pelaporan. This module holds those stages, the
Ps 27/43 DPRD branch, the surat kuasa delegation (Ps 29(2)/45(2)), the partner-initiative entry
(Ps 35(3)/50), the amendment (Ps 34/46), the extension (Ps 26(2), 30/42(2)), the reports (Ps 33/48)
and the action plan (Ps 31), so that no stage logic exists twice.

How a kind uses it
------------------
    class KasusKsdd(KasusDomestik, KerjaSama):
        PASAL_LANGKAH = {...}          # one Pasal per step name (required, every step)
        PASAL_TAHAP = {...}            # one Pasal per stage code (required, every stage)
        MODEL_PERUBAHAN = "ksdd.PerubahanPksKsdd"       # concrete PerubahanPksDasar
        MODEL_PERPANJANGAN = "ksdd.PerpanjanganKsdd"    # concrete PerpanjanganDasar
        MODEL_LAPORAN = "ksdd.LaporanPelaksanaanKsdd"   # concrete LaporanPelaksanaanDasar

The steps are declared here as templates (`langkah_domestik`); `KasusDomestik.__init_subclass__`
turns each into a real django-fsm transition of the kind's class with that kind's metadata, and
`class_prepared` registers the kind's stage list (`tahapan_domestik()`) and the shared side effects
(`kerjasama.domestik_services.daftar_efek`). Nothing needs copying.

Extension points (class attributes and hooks a kind overrides)
---------------------------------------------------------------
- `PASAL_LANGKAH` / `PASAL_TAHAP`: the Pasal of each step and stage (KSDD Ps 22…, KSDPK Ps 38…).
- `DOKUMEN_PERSIAPAN`: the `Isian` documents the PD submits at persiapan (KSDD: KAK, Ps 22(1);
  KSDPK: KAK and studi kelayakan, Ps 38(1)–(2)). Each is stored by `simpan_dokumen_persiapan`.
- `PELAKU`: per-step actor overrides (KSDPK: the PD prepares the offer, Ps 39(1); the TKKSD drafts
  the KB, Ps 40(1)). `LABEL`: per-step label overrides. `TUJUAN`: per-step target overrides,
  e.g. KSDPK `{"mitra_menerima": "pemilihan_mitra"}` to put its selection step (Ps 39(2)–(3))
  between the answer and the KB; the kind then declares that step itself with `langkah(...)` and
  adds the stage with `TAHAP_TAMBAHAN = {"menunggu_jawaban": [Tahap("pemilihan_mitra", …)]}`
  (inserted after the named stage).
- `LANGKAH_TIDAK_ADA`: step names this kind does not have.
- `TEMPLATE_SURAT_PENAWARAN`, `konteks_surat_penawaran()` and `penerima_penawaran()`: the offer letter
  (Ps 23 / 39(1)) and whom it is addressed to,
  `LAMPIRAN_PENAWARAN` its annex line; `TEMPLATE_LAPORAN_EKSTERNAL` the external report (Ps 33(2)).
- `LABEL_BEBAN_PERUBAHAN`: the Ps 34(3)/46(5) question for amendments; `data_perubahan(data)`: what an
  amendment records from its step's fields (KSDPK asks two questions: Ps 46(5) needs a burden on the
  public *and* the Daerah, where KSDD Ps 34(3) names only the public).
- `LABEL_TAHAP`: per-stage label overrides (KSDPK: "Persiapan (KAK dan studi kelayakan)").
- `validasi_siap_diajukan()`: the kind's own checks before the persiapan documents go to the TKKSD
  (KSDD: wajib/sukarela and bordering regions).
- `isian_langkah(nama, isian)`: add or change the fields of a step.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import re
import types
from collections.abc import Callable, Iterable

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models.signals import class_prepared
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .alur import Isian, Tahap, daftar_tahapan, kandidat_sql, langkah
from .constants import PELAKU_MITRA, PELAKU_PD, PELAKU_PENANDATANGAN, PELAKU_SISTEM, Peran
from .models import PengakhiranMixin
from .validators import peringatan_melampaui_kb, validasi_masa_berlaku, validasi_urutan_masa

SEKRETARIAT = Peran.SEKRETARIAT_TKKSD

# Stages that end a case (besides `selesai`, which PengakhiranMixin reaches).
TAHAP_AKHIR = ("ditolak_mitra", "ditolak_daerah", "ditolak_dprd", "selesai")
# Stages in which the case's own data (partner, Ps 27 answers…) may still be changed: before the KB
# is signed, since the Ps 27 branch reads those answers at that moment.
TAHAP_DAPAT_DIUBAH = ("persiapan", "kajian_tkksd", "penawaran", "menunggu_jawaban", "penyusunan_kb", "pembahasan_kb")


def _pilihan_pd():
    from .models import PerangkatDaerah

    return [(str(pd.pk), str(pd.nama)) for pd in PerangkatDaerah.objects.filter(aktif=True).order_by("nama")]


def _pilihan_pejabat_pd():
    from .models import Pengguna

    qs = (Pengguna.objects.filter(is_active=True, groups__name=Peran.PD, perangkat_daerah__isnull=False)
          .select_related("perangkat_daerah").order_by("perangkat_daerah__nama", "username").distinct())
    return [(str(u.pk), f"{u.get_full_name() or u.username} — {u.jabatan or 'pejabat'} {u.perangkat_daerah}") for u in qs]


_PLT = re.compile(r"^\s*(plt\.?|plh\.?|pelaksana\s+tugas|pelaksana\s+harian)\s+", re.IGNORECASE)


def adalah_kepala_pd(pengguna) -> bool:
    """Ps 29(2): the surat kuasa goes to the *kepala* of a Perangkat Daerah (or its Plt/Plh), as the officials
    register says: the user's NIP is the PD's nip_kepala, or the user's jabatan (without a Plt./Plh. prefix) is
    the PD's jabatan_kepala or "Kepala <nama PD>"."""
    pd = getattr(pengguna, "perangkat_daerah", None)
    if pd is None:
        return False
    if pd.nip_kepala and pengguna.nip and pengguna.nip.replace(" ", "") == pd.nip_kepala.replace(" ", ""):
        return True
    jabatan = " ".join(_PLT.sub("", pengguna.jabatan or "").split()).casefold()
    sah = {" ".join(j.split()).casefold() for j in (pd.jabatan_kepala, f"Kepala {pd.nama}") if j}
    return bool(jabatan) and jabatan in sah


class CaraPenandatanganan(models.TextChoices):
    # Ps 25: "secara bersama atau sirkuler sesuai kesepakatan"
    BERSAMA = "bersama", _("Bersama (di satu tempat)")
    SIRKULER = "sirkuler", _("Sirkuler (bergantian)")


class Pemohon(models.TextChoices):
    DAERAH = "daerah", _("Pemerintah Daerah Kota Bekasi")
    MITRA = "mitra", _("Mitra")


# ---------------------------------------------------------------------------------------------
# Condition predicates (django-fsm `conditions=`), named after the rule they check
# ---------------------------------------------------------------------------------------------


def prakarsa_daerah(kasus) -> bool:
    return kasus.inisiatif == "daerah"


def prakarsa_mitra(kasus) -> bool:
    return kasus.inisiatif == "mitra"


def dprd_approval_required(kasus) -> bool:
    """Ps 27 / Ps 43: membebani masyarakat dan Daerah, dan/atau pendanaan belum teranggarkan."""
    return kasus.persetujuan_dprd_diperlukan


def dprd_approval_not_required(kasus) -> bool:
    return not kasus.persetujuan_dprd_diperlukan


def tanpa_perubahan_terbuka(kasus) -> bool:
    return kasus.perubahan_terbuka() is None


def perubahan_diajukan(kasus) -> bool:
    return kasus._status_perubahan() == "diajukan"


def perubahan_menunggu_dprd(kasus) -> bool:
    return kasus._status_perubahan() == "persetujuan_dprd"


def _q_ada(nama_model: str, status: str):
    """SQL pre-filter: cases having a row of the model named by `nama_model` (MODEL_PERUBAHAN…) in `status`."""
    def q(model):
        anak = apps.get_model(getattr(model, nama_model))
        return models.Q(pk__in=anak.objects.filter(status=status).values("kerjasama_id"))
    return q


@kandidat_sql(_q_ada("MODEL_PERUBAHAN", "penandatanganan"))
def perubahan_menunggu_tanda_tangan(kasus) -> bool:
    return kasus._status_perubahan() == "penandatanganan"


def tanpa_perpanjangan_terbuka(kasus) -> bool:
    return kasus.perpanjangan_terbuka() is None


def perpanjangan_diajukan(kasus) -> bool:
    return kasus._status_perpanjangan() == "diajukan"


@kandidat_sql(_q_ada("MODEL_PERPANJANGAN", "disetujui"))
def perpanjangan_disetujui(kasus) -> bool:
    return kasus._status_perpanjangan() == "disetujui"


@kandidat_sql(_q_ada("MODEL_LAPORAN", "menunggu_tanda_tangan"))
def laporan_menunggu_tanda_tangan(kasus) -> bool:
    return kasus.laporan_eksternal(status="menunggu_tanda_tangan") is not None


def laporan_belum_dikirim(kasus) -> bool:
    return kasus.laporan_eksternal(status="ditandatangani") is not None


def hanya_wali_kota(kasus, user) -> bool:
    """Signatures the law gives to the Wali Kota alone (KB Ps 25, amendment Ps 34(1), report Ps 33(2),
    surat kuasa Ps 29(2)): a holder of a surat kuasa for the PKS does not take them."""
    return user.punya_peran(Peran.WALI_KOTA)


# ---------------------------------------------------------------------------------------------
# Step templates
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass
class LangkahDomestik:
    """A domestic step before it is bound to a kind: the body and its default metadata."""

    fn: Callable
    source: str | tuple[str, ...]
    target: str
    label: str
    pelaku: tuple[str, ...]
    isian: tuple[Isian, ...] = ()
    komentar_wajib: bool = False
    conditions: tuple[Callable, ...] = ()
    keterangan: str = ""
    gaya: str = "primary"
    izin: Callable | None = None  # an extra (kasus, user) check on top of `pelaku`


def langkah_domestik(*, source, target, label, pelaku, isian=(), komentar_wajib=False, conditions=(),
                     keterangan="", gaya="primary", izin=None):
    def decorator(fn):
        return LangkahDomestik(fn=fn, source=source, target=target, label=label, pelaku=tuple(pelaku),
                               isian=tuple(isian), komentar_wajib=komentar_wajib, conditions=tuple(conditions),
                               keterangan=keterangan, gaya=gaya, izin=izin)

    return decorator


def _langkah_rancangan(naskah: str, nama: str, i_rancangan: Isian) -> tuple[LangkahDomestik, ...]:
    """The drafting of a naskah, the same for the KB (KSDD Ps 24–25, KSDPK Ps 40–41) and the PKS (Ps 28, Ps 44):
    the PD submits its draft to the TKKSD, which returns it with a reason or records that the parties agreed it
    (with the minutes of the discussion) and sends it to signing. Returns (ajukan, kembalikan, setujui)."""

    def ajukan(self, *, by, data):
        setattr(self, i_rancangan.nama, data[i_rancangan.nama])

    def tanpa_isian(self, *, by, data):
        pass

    return (
        langkah_domestik(source=f"penyusunan_{naskah}", target=f"pembahasan_{naskah}",
                         label=f"Sampaikan rancangan {nama} ke TKKSD", pelaku=(PELAKU_PD,), isian=(i_rancangan,))(ajukan),
        langkah_domestik(source=f"pembahasan_{naskah}", target=f"penyusunan_{naskah}", label=f"Kembalikan rancangan {nama}",
                         pelaku=(SEKRETARIAT,), komentar_wajib=True, gaya="warning")(tanpa_isian),
        langkah_domestik(source=f"pembahasan_{naskah}", target=f"penandatanganan_{naskah}",
                         label=f"Rancangan {nama} disepakati para pihak", pelaku=(SEKRETARIAT,),
                         isian=(I_BERITA_ACARA,))(tanpa_isian),
    )


def _salin_fungsi(fn, cls, nama):
    # django-fsm keeps a transition's metadata on its function: each kind needs its own function object,
    # and its own qualname (django-fsm compares transitions by qualname).
    baru = types.FunctionType(fn.__code__, fn.__globals__, nama, fn.__defaults__, fn.__closure__)
    baru.__kwdefaults__ = copy.copy(fn.__kwdefaults__)
    baru.__doc__ = fn.__doc__
    baru.__module__ = cls.__module__
    baru.__qualname__ = f"{cls.__qualname__}.{nama}"
    return baru


def _dengan_izin(dasar, tambahan):
    def izin(instance, user) -> bool:
        return dasar(instance, user) and tambahan(instance, user)

    izin.pelaku = getattr(dasar, "pelaku", ())
    return izin


# ---------------------------------------------------------------------------------------------
# Isian used by several steps
# ---------------------------------------------------------------------------------------------

I_KAJIAN = Isian("kajian", "Hasil kajian TKKSD", "dokumen", jenis_dokumen=("kajian",),
                 bantuan="Unggah dokumen kajian (jenis: Kajian) terlebih dahulu.")
I_TENAGA_AHLI = Isian("tenaga_ahli", "Tenaga ahli/profesional yang terlibat (bila ada)", "teks", wajib=False)
I_BERITA_ACARA = Isian("berita_acara", "Berita acara/notulensi pembahasan", "dokumen", wajib=False,
                       jenis_dokumen=("berita_acara", "notulensi"))
I_TANGGAL_TTD = Isian("tanggal_penandatanganan", "Tanggal penandatanganan", "tanggal", peristiwa=True)
I_MULAI = Isian("tanggal_mulai", "Tanggal mulai berlaku", "tanggal")
I_BERAKHIR = Isian("tanggal_berakhir", "Tanggal berakhir", "tanggal",
                   bantuan="Masa PKS tidak dibatasi Perwal; bila melampaui KB, sistem memberi peringatan.")
# Ps 26(1) / 42(1): the KB only.
I_BERAKHIR_KB = Isian("tanggal_berakhir", "Tanggal berakhir", "tanggal", bantuan="Paling lama 5 tahun sejak tanggal mulai.")
I_PENANDATANGAN_MITRA = Isian("penandatangan_mitra", "Nama dan jabatan penanda tangan pihak mitra", "teks")
I_DPRD = (
    Isian("tanggal_diterima_dprd", "Tanggal surat permohonan diterima Sekretariat DPRD", "tanggal", peristiwa=True),
    Isian("tanggal_keputusan", "Tanggal keputusan DPRD", "tanggal", peristiwa=True),
    Isian("nomor_surat_dprd", "Nomor surat DPRD", "teks", wajib=False),
    Isian("surat_dprd", "Surat keputusan DPRD", "dokumen", jenis_dokumen=("surat_dprd",)),
)
I_PERIODE = (
    Isian("periode_awal", "Periode dari", "tanggal"),
    Isian("periode_akhir", "Periode sampai", "tanggal", peristiwa=True),
)


def _urutan_tanggal(awal, akhir, field: str, pesan: str):
    if awal and akhir and akhir < awal:
        raise ValidationError({field: pesan})


# ---------------------------------------------------------------------------------------------
# Related records, shared (abstract; each kind declares its concrete table)
# ---------------------------------------------------------------------------------------------


class PerubahanPksDasar(models.Model):
    """An amendment of the PKS (Ps 34; KSDPK addendum Ps 46): its own small flow, kept as history."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan ke TKKSD")
        PERSETUJUAN_DPRD = "persetujuan_dprd", _("Menunggu persetujuan DPRD")
        PENANDATANGANAN = "penandatanganan", _("Menunggu penandatanganan")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan TKKSD")
        DITOLAK_DPRD = "ditolak_dprd", _("Ditolak DPRD")

    TERBUKA = (Status.DIAJUKAN, Status.PERSETUJUAN_DPRD, Status.PENANDATANGANAN)

    kerjasama = models.ForeignKey("kerjasama.KerjaSama", on_delete=models.CASCADE, related_name="%(app_label)s_perubahan")
    ke = models.PositiveIntegerField(_("perubahan ke-"))
    uraian = models.TextField(_("materi perubahan"))
    alasan = models.TextField(_("alasan yang kuat"))
    menambah_beban = models.BooleanField(_("menambah beban masyarakat"))
    rancangan = models.ForeignKey("kerjasama.Dokumen", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DIAJUKAN)
    tanggal_diterima_dprd = models.DateField(_("tanggal diterima DPRD"), null=True, blank=True)
    tanggal_keputusan_dprd = models.DateField(_("tanggal keputusan DPRD"), null=True, blank=True)
    surat_dprd = models.ForeignKey("kerjasama.Dokumen", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    nomor = models.CharField(_("nomor naskah perubahan"), max_length=120, blank=True)
    tanggal_penandatanganan = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    naskah = models.ForeignKey("kerjasama.Dokumen", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    catatan = models.TextField(_("catatan"), blank=True)
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    diajukan_pada = models.DateTimeField(_("diajukan pada"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["kerjasama", "ke"]
        verbose_name = _("perubahan PKS")
        verbose_name_plural = _("perubahan PKS")

    def __str__(self):
        return f"Perubahan ke-{self.ke}"


class PerpanjanganDasar(models.Model):
    """An extension of the term (Ps 26(2), Ps 30; KSDPK Ps 42(2), 45(3)): action plan, stages, new term."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disepakati, menunggu penandatanganan")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")
        DITOLAK = "ditolak", _("Ditolak")

    TERBUKA = (Status.DIAJUKAN, Status.DISETUJUI)

    kerjasama = models.ForeignKey("kerjasama.KerjaSama", on_delete=models.CASCADE,
                                  related_name="%(app_label)s_perpanjangan")
    pemohon = models.CharField(_("pemohon"), max_length=10, choices=Pemohon.choices)
    rencana_tindak = models.ForeignKey("kerjasama.Dokumen", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    tahapan = models.JSONField(_("tahapan yang akan dilaksanakan"), default=list, blank=True)
    tanggal_mulai_lama = models.DateField(_("mulai (masa lama)"), null=True, blank=True)
    tanggal_berakhir_lama = models.DateField(_("berakhir (masa lama)"), null=True, blank=True)
    tanggal_mulai = models.DateField(_("mulai masa baru"))
    tanggal_berakhir = models.DateField(_("berakhir masa baru"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DIAJUKAN)
    tanggal_kesepakatan = models.DateField(_("tanggal kesepakatan para pihak"), null=True, blank=True)
    tanggal_penandatanganan = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    naskah = models.ForeignKey("kerjasama.Dokumen", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    catatan = models.TextField(_("catatan"), blank=True)
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    diajukan_pada = models.DateTimeField(_("diajukan pada"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["kerjasama", "diajukan_pada", "id"]
        verbose_name = _("perpanjangan")
        verbose_name_plural = _("perpanjangan")

    def __str__(self):
        return f"Perpanjangan {self.tanggal_mulai:%d-%m-%Y} s.d. {self.tanggal_berakhir:%d-%m-%Y}"



class LaporanPelaksanaanDasar(models.Model):
    """Pelaporan (Ps 33; KSDPK Ps 48): internal reports of the PD to the Wali Kota, external reports of the
    TKKSD signed by the Wali Kota for the Gubernur and the partner's head."""

    class Jenis(models.TextChoices):
        INTERNAL = "internal", _("Internal (PD kepada Wali Kota)")
        EKSTERNAL = "eksternal", _("Eksternal (kepada Gubernur dan kepala daerah mitra)")

    class Status(models.TextChoices):
        DISAMPAIKAN = "disampaikan", _("Disampaikan")
        MENUNGGU_TANDA_TANGAN = "menunggu_tanda_tangan", _("Menunggu tanda tangan Wali Kota")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani, belum dikirim")
        DIKIRIM = "dikirim", _("Dikirim")

    kerjasama = models.ForeignKey("kerjasama.KerjaSama", on_delete=models.CASCADE, related_name="%(app_label)s_laporan")
    jenis = models.CharField(_("jenis laporan"), max_length=10, choices=Jenis.choices)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    periode_awal = models.DateField(_("periode dari"))
    periode_akhir = models.DateField(_("periode sampai"))
    ringkasan = models.TextField(_("ringkasan pelaksanaan"))
    dokumen = models.ForeignKey("kerjasama.Dokumen", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tanggal_penandatanganan = models.DateField(_("tanggal ditandatangani"), null=True, blank=True)
    tanggal_dikirim = models.DateField(_("tanggal dikirim"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["kerjasama", "-periode_akhir", "-id"]
        verbose_name = _("laporan pelaksanaan")
        verbose_name_plural = _("laporan pelaksanaan")

    def __str__(self):
        return f"Laporan {self.get_jenis_display()} {self.periode_awal:%d-%m-%Y} s.d. {self.periode_akhir:%d-%m-%Y}"


# ---------------------------------------------------------------------------------------------
# The case
# ---------------------------------------------------------------------------------------------


def _dokumen_fk(label):
    return models.ForeignKey("kerjasama.Dokumen", verbose_name=label, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")


class KasusDomestik(PengakhiranMixin, models.Model):
    """The data and stage machine every domestic case (KSDD, KSDPK) shares. Mix in before KerjaSama."""

    # Ps 27 / Ps 43: the two answers that decide whether the DPRD must approve.
    membebani_masyarakat_daerah = models.BooleanField(_("membebani masyarakat dan Daerah"), null=True, blank=True)
    sudah_dianggarkan_apbd = models.BooleanField(
        _("pendanaan sudah teranggarkan dalam APBD tahun anggaran berjalan"), null=True, blank=True)
    alasan_dprd = models.TextField(_("alasan persetujuan DPRD diperlukan/tidak"), blank=True)
    kak = _dokumen_fk(_("KAK"))
    kajian = _dokumen_fk(_("kajian TKKSD"))
    tenaga_ahli = models.CharField(_("tenaga ahli/profesional"), max_length=300, blank=True)
    surat_penawaran = _dokumen_fk(_("surat penawaran"))
    nomor_surat_penawaran = models.CharField(_("nomor surat penawaran"), max_length=120, blank=True)
    tanggal_surat_penawaran = models.DateField(_("tanggal surat penawaran"), null=True, blank=True)
    tanggal_penawaran_dikirim = models.DateField(_("tanggal penawaran dikirim"), null=True, blank=True)
    tanggal_jawaban_mitra = models.DateField(_("tanggal jawaban mitra"), null=True, blank=True)
    rancangan_kb = _dokumen_fk(_("rancangan KB"))
    kesepakatan_bersama = _dokumen_fk(_("Kesepakatan Bersama"))
    nomor_kb = models.CharField(_("nomor KB"), max_length=120, blank=True)
    cara_penandatanganan_kb = models.CharField(_("cara penandatanganan KB"), max_length=10,
                                               choices=CaraPenandatanganan.choices, blank=True)
    kb_tanggal_penandatanganan = models.DateField(_("tanggal penandatanganan KB"), null=True, blank=True)
    kb_tanggal_mulai = models.DateField(_("KB berlaku mulai"), null=True, blank=True)
    kb_tanggal_berakhir = models.DateField(_("KB berlaku sampai"), null=True, blank=True)
    tanggal_diterima_dprd = models.DateField(_("tanggal diterima DPRD"), null=True, blank=True)
    tanggal_keputusan_dprd = models.DateField(_("tanggal keputusan DPRD"), null=True, blank=True)
    surat_dprd = _dokumen_fk(_("surat DPRD"))
    rancangan_pks = _dokumen_fk(_("rancangan PKS"))
    pks = _dokumen_fk(_("PKS"))
    nomor_pks = models.CharField(_("nomor PKS"), max_length=120, blank=True)
    penandatangan_mitra = models.CharField(_("penanda tangan pihak mitra"), max_length=300, blank=True)
    penandatangan_pks = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("PKS ditandatangani oleh"),
                                          null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    atas_dasar_surat_kuasa = models.BooleanField(_("ditandatangani atas dasar surat kuasa"), default=False)
    surat_kuasa = _dokumen_fk(_("surat kuasa"))
    rencana_aksi = _dokumen_fk(_("rencana aksi"))

    class Meta:
        abstract = True

    # --- what a kind sets (see the module docstring) ---------------------------------------------
    PASAL_LANGKAH: dict[str, str] = {}
    PASAL_TAHAP: dict[str, str] = {}
    PELAKU: dict[str, tuple[str, ...]] = {}
    LABEL: dict[str, str] = {}
    TUJUAN: dict[str, str] = {}
    LANGKAH_TIDAK_ADA: frozenset[str] = frozenset()
    # Steps whose template reserves the signature to the Wali Kota (`hanya_wali_kota`) but which this kind's
    # Pasal lets the surat kuasa holder sign too.
    PENANDATANGAN_KUASA: frozenset[str] = frozenset()
    # KSDD Ps 29(2): the surat kuasa goes to the kepala of a PD only (KSDPK Ps 45(2) adds "pejabat yang ditunjuk").
    KUASA_HANYA_KEPALA_PD = True
    TAHAP_TAMBAHAN: dict[str, list[Tahap]] = {}
    LABEL_TAHAP: dict[str, str] = {}
    DOKUMEN_PERSIAPAN: tuple[Isian, ...] = (
        Isian("kak", "Kerangka Acuan Kerja (KAK)", "dokumen", jenis_dokumen=("kak",)),
    )
    MODEL_PERUBAHAN = ""
    MODEL_PERPANJANGAN = ""
    MODEL_LAPORAN = ""
    TEMPLATE_SURAT_PENAWARAN = "dokumen/surat_pengantar.html"
    TEMPLATE_LAPORAN_EKSTERNAL = "domestik/laporan_eksternal.html"
    LAMPIRAN_PENAWARAN = "Kerangka Acuan Kerja (KAK)"
    PASAL_MASA_BERLAKU = "Pasal 26 ayat (1)"  # the five-year limit of the agreement's term
    LABEL_BEBAN_PERUBAHAN = "Perubahan menambah beban kepada masyarakat"
    NAMA_JENIS = "kerja sama"

    # --- binding the templates to the kind -------------------------------------------------------
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        templates: dict[str, LangkahDomestik] = {}
        for klass in reversed(cls.__mro__):
            for nama, nilai in vars(klass).items():
                if isinstance(nilai, LangkahDomestik):
                    templates[nama] = nilai
        for nama, tpl in templates.items():
            if nama in cls.LANGKAH_TIDAK_ADA:
                setattr(cls, nama, None)
                continue
            if nama not in cls.PASAL_LANGKAH:
                raise ImproperlyConfigured(f"{cls.__name__}.PASAL_LANGKAH tidak memuat Pasal untuk langkah '{nama}'.")
            fn = _salin_fungsi(tpl.fn, cls, nama)
            dibuat = langkah(
                source=tpl.source, target=cls.TUJUAN.get(nama, tpl.target), label=cls.LABEL.get(nama, tpl.label),
                pasal=cls.PASAL_LANGKAH[nama], pelaku=cls.PELAKU.get(nama, tpl.pelaku),
                isian=cls.isian_langkah(nama, tpl.isian), komentar_wajib=tpl.komentar_wajib,
                conditions=tpl.conditions, keterangan=tpl.keterangan, gaya=tpl.gaya,
            )(fn)
            if tpl.izin is not None and nama not in cls.PENANDATANGAN_KUASA:
                for t in dibuat._django_fsm.transitions.values():
                    t.permission = _dengan_izin(t.permission, tpl.izin)
            setattr(cls, nama, dibuat)

    @classmethod
    def isian_langkah(cls, nama: str, isian: tuple[Isian, ...]) -> tuple[Isian, ...]:
        """Hook: the fields of step `nama` for this kind (default: the template's)."""
        if nama == "ajukan_kak":
            return tuple(cls.DOKUMEN_PERSIAPAN)
        if nama == "ajukan_perubahan":
            return tuple(
                dataclasses.replace(i, label=cls.LABEL_BEBAN_PERUBAHAN) if i.nama == "menambah_beban" else i for i in isian
            )
        return isian

    @classmethod
    def tahapan_domestik(cls) -> list[Tahap]:
        """The kind's stages, in order, with its Pasal and who acts in each."""
        p = cls.PASAL_TAHAP
        pelaku_penawaran = cls.PELAKU.get("kirim_penawaran", (SEKRETARIAT,))
        pelaku_kb = cls.PELAKU.get("ajukan_rancangan_kb", (PELAKU_PD,))
        dasar = [
            Tahap("persiapan", "Persiapan (KAK)", p["persiapan"], pelaku=(PELAKU_PD,)),
            Tahap("kajian_tkksd", "Pengkajian oleh TKKSD", p["kajian_tkksd"], pelaku=(SEKRETARIAT,)),
            Tahap("penawaran", "Penawaran", p["penawaran"], pelaku=pelaku_penawaran),
            Tahap("menunggu_jawaban", "Menunggu jawaban mitra", p["menunggu_jawaban"], pelaku=(SEKRETARIAT, PELAKU_MITRA)),
            Tahap("penyusunan_kb", "Penyusunan Kesepakatan Bersama", p["penyusunan_kb"], pelaku=pelaku_kb),
            Tahap("pembahasan_kb", "Pembahasan rancangan KB", p["pembahasan_kb"], pelaku=(SEKRETARIAT,)),
            Tahap("penandatanganan_kb", "Penandatanganan KB", p["penandatanganan_kb"], pelaku=(PELAKU_PENANDATANGAN,)),
            Tahap("kb_ditandatangani", "KB ditandatangani: perlu persetujuan DPRD?", p["kb_ditandatangani"],
                  pelaku=(PELAKU_SISTEM,)),
            Tahap("persetujuan_dprd", "Persetujuan DPRD", p["persetujuan_dprd"], pelaku=(Peran.DPRD,)),
            Tahap("penyusunan_pks", "Penyusunan PKS", p["penyusunan_pks"], pelaku=(PELAKU_PD,)),
            Tahap("pembahasan_pks", "Pembahasan rancangan PKS", p["pembahasan_pks"], pelaku=(SEKRETARIAT,)),
            Tahap("penandatanganan_pks", "Penandatanganan PKS", p["penandatanganan_pks"], pelaku=(PELAKU_PENANDATANGAN,)),
            Tahap("pelaksanaan", "Pelaksanaan, penatausahaan dan pelaporan", p["pelaksanaan"],
                  pelaku=(PELAKU_PD, SEKRETARIAT)),
            Tahap("selesai", "Selesai", p["selesai"], akhir=True),
            Tahap("ditolak_mitra", "Penawaran ditolak mitra", p["ditolak_mitra"], akhir=True),
            Tahap("ditolak_daerah", "Tawaran mitra tidak diterima Daerah", p["ditolak_daerah"], akhir=True),
            Tahap("ditolak_dprd", "Tidak disetujui DPRD", p["ditolak_dprd"], akhir=True),
        ]
        hasil = []
        for tahap in dasar:
            hasil.append(dataclasses.replace(tahap, label=cls.LABEL_TAHAP.get(tahap.kode, tahap.label)))
            hasil.extend(cls.TAHAP_TAMBAHAN.get(tahap.kode, []))
        return hasil

    # --- reads the machine and the pages use -----------------------------------------------------
    @property
    def dapat_diubah(self) -> bool:
        return self.tahap in TAHAP_DAPAT_DIUBAH

    @property
    def peringatan_masa(self) -> str:
        """Shown on the case page: a PKS (or its extension) running past the KB's end (Ps 26(1)/42(1) cap the KB)."""
        return peringatan_melampaui_kb(tanggal_berakhir=self.tanggal_berakhir, kb_tanggal_berakhir=self.kb_tanggal_berakhir,
                                       pasal=self.PASAL_MASA_BERLAKU)

    @property
    def persetujuan_dprd_diperlukan(self) -> bool:
        return bool(self.membebani_masyarakat_daerah) or self.sudah_dianggarkan_apbd is False

    def uraian_persetujuan_dprd(self) -> str:
        """Why the DPRD must (or need not) approve, as the audit row and the case page say it."""
        pasal = self.PASAL_LANGKAH.get("perlu_persetujuan_dprd", "")
        alasan = []
        if self.membebani_masyarakat_daerah:
            alasan.append("rencana kerja sama membebani masyarakat dan Daerah")
        if self.sudah_dianggarkan_apbd is False:
            alasan.append("pendanaannya belum teranggarkan dalam APBD tahun anggaran berjalan")
        if alasan:
            return f"Persetujuan DPRD diperlukan ({pasal}): {' dan '.join(alasan)}."
        return (f"Persetujuan DPRD tidak diperlukan ({pasal}): rencana kerja sama tidak membebani masyarakat dan "
                "Daerah, dan pendanaannya sudah teranggarkan dalam APBD tahun anggaran berjalan.")

    @classmethod
    def model_perubahan(cls):
        return apps.get_model(cls.MODEL_PERUBAHAN)

    @classmethod
    def _nama_relasi(cls, model) -> str:
        return model._meta.get_field("kerjasama").remote_field.get_accessor_name()

    @classmethod
    def prefetch_daftar(cls) -> tuple[str, ...]:
        """What the pelaksanaan conditions read (open amendment, extension, external report): prefetched when a
        list shows each case's transitions (selectors.kasus_konkret), one query per relation for the page."""
        return tuple(cls._nama_relasi(m) for m in (cls.model_perubahan(), cls.model_perpanjangan(), cls.model_laporan()))

    def _prasaji(self, model):
        """The prefetched rows of `model` for this case, or None when they were not prefetched."""
        return getattr(self, "_prefetched_objects_cache", {}).get(self._nama_relasi(model))

    @classmethod
    def model_perpanjangan(cls):
        return apps.get_model(cls.MODEL_PERPANJANGAN)

    @classmethod
    def model_laporan(cls):
        return apps.get_model(cls.MODEL_LAPORAN)

    def daftar_perubahan(self):
        return self.model_perubahan().objects.filter(kerjasama_id=self.pk).order_by("ke")

    def perubahan_terbuka(self):
        m = self.model_perubahan()
        if (rows := self._prasaji(m)) is not None:
            return max((p for p in rows if p.status in m.TERBUKA), key=lambda p: p.ke, default=None)
        return m.objects.filter(kerjasama_id=self.pk, status__in=m.TERBUKA).order_by("-ke").first()

    def _status_perubahan(self):
        p = self.perubahan_terbuka()
        return p.status if p else None

    def daftar_perpanjangan(self):
        return self.model_perpanjangan().objects.filter(kerjasama_id=self.pk).order_by("diajukan_pada", "id")

    def ada_permohonan_perpanjangan(self) -> bool:
        """An extension request is open (read by supervision: Perwal 75/2021 Ps 8(4))."""
        return self.perpanjangan_terbuka() is not None

    def perpanjangan_terbuka(self):
        m = self.model_perpanjangan()
        if (rows := self._prasaji(m)) is not None:
            return max((p for p in rows if p.status in m.TERBUKA), key=lambda p: p.pk, default=None)
        return m.objects.filter(kerjasama_id=self.pk, status__in=m.TERBUKA).order_by("-id").first()

    def _status_perpanjangan(self):
        p = self.perpanjangan_terbuka()
        return p.status if p else None

    def daftar_laporan(self):
        return self.model_laporan().objects.filter(kerjasama_id=self.pk).select_related("dokumen")

    def laporan_eksternal(self, *, status):
        if (rows := self._prasaji(self.model_laporan())) is not None:
            cocok = [r for r in rows if r.jenis == "eksternal" and r.status == status]
            return min(cocok, key=lambda r: (r.dibuat_pada, r.pk), default=None)
        return (self.model_laporan().objects.filter(kerjasama_id=self.pk, jenis="eksternal", status=status)
                .order_by("dibuat_pada", "id").first())

    # --- hooks -----------------------------------------------------------------------------------
    def validasi_siap_diajukan(self) -> None:
        """Hook: the kind's checks before the persiapan documents go to the TKKSD. KSDD Ps 22 asks for the KAK
        only: the partner is needed at the offer (Ps 23), not before (`validasi_siap_ditawarkan`)."""

    def validasi_siap_ditawarkan(self) -> None:
        """Hook: the offer letter goes to a recorded partner (KSDD Ps 23; KSDPK Ps 39(1))."""
        if not self.penerima_penawaran():
            raise ValidationError({"__all__": (
                f"Calon mitra belum dicatat: surat penawaran disampaikan kepada calon mitra "
                f"({self.PASAL_LANGKAH.get('kirim_penawaran', '')}). Lengkapi data kerja sama terlebih dahulu.")})

    def simpan_dokumen_persiapan(self, data: dict) -> None:
        """Hook: keep the persiapan documents (KSDD: the KAK; KSDPK adds its studi kelayakan)."""
        self.kak = data["kak"]

    def data_perubahan(self, data: dict) -> dict:
        """Hook: the fields of the amendment record from `ajukan_perubahan`'s data; `menambah_beban` decides
        whether the DPRD must approve (Ps 34(3); KSDPK Ps 46(5))."""
        return {"menambah_beban": bool(data["menambah_beban"])}

    def penerima_penawaran(self) -> list:
        """Hook: the partners the offer letter is addressed to (KSDD: the partner region, Ps 23; KSDPK: every
        candidate third party, Ps 39(1))."""
        return [self.mitra] if self.mitra_id else []

    def konteks_surat_penawaran(self, *, nomor: str = "", tanggal=None, penandatangan=None) -> dict:
        """Hook: the context of the offer letter template (Ps 23; KSDPK Ps 39(1))."""
        penerima = self.penerima_penawaran()
        if len(penerima) == 1:
            mitra = penerima[0]
            kepada = [mitra.jabatan_pimpinan or mitra.nama_pimpinan or f"Pimpinan {mitra.nama}", mitra.nama]
            if mitra.alamat:
                kepada.append(mitra.alamat)
        else:
            kepada = [f"{i}. Pimpinan {m.nama}" for i, m in enumerate(penerima, start=1)]
        nama_mitra = ", ".join(m.nama for m in penerima) or "calon mitra"
        return {
            "kasus": self,
            "nomor": nomor,
            "tanggal": tanggal or timezone.localdate(),
            "sifat": "Penting",
            "lampiran": f"1 (satu) berkas: {self.LAMPIRAN_PENAWARAN}",
            "perihal": f"Penawaran Rencana Kerja Sama: {self.judul}",
            "kepada": kepada,
            "isi": [
                f"Dalam rangka penyelenggaraan urusan pemerintahan yang menjadi kewenangan Daerah, Pemerintah Daerah "
                f"Kota Bekasi bermaksud menjalin {self.NAMA_JENIS} dengan {nama_mitra} mengenai \u201c{self.judul}\u201d.",
                self.uraian or "",
                f"Bersama ini kami sampaikan penawaran rencana kerja sama tersebut, dilengkapi dengan "
                f"{self.LAMPIRAN_PENAWARAN} sebagaimana terlampir "
                f"(Perwal Bekasi 57/2023 {self.PASAL_LANGKAH.get('kirim_penawaran', '')}).",
                "Kami mengharapkan jawaban atas penawaran ini. Atas perhatian dan kerja samanya, kami ucapkan terima kasih.",
            ],
            "penandatangan": penandatangan or {"jabatan": "WALI KOTA BEKASI"},
            "tembusan": ["Sekretaris Daerah Kota Bekasi selaku Ketua TKKSD",
                         f"Kepala {self.perangkat_daerah.nama}" if self.perangkat_daerah_id else "Perangkat Daerah Pemrakarsa"],
        }

    # =============================================================================================
    # Persiapan and kajian (KSDD Ps 22; KSDPK Ps 38)
    # =============================================================================================

    @langkah_domestik(source="persiapan", target="kajian_tkksd", label="Ajukan KAK ke TKKSD", pelaku=(PELAKU_PD,))
    def ajukan_kak(self, *, by, data):
        self.validasi_siap_diajukan()
        self.simpan_dokumen_persiapan(data)

    @langkah_domestik(source="kajian_tkksd", target="persiapan", label="Kembalikan untuk perbaikan",
                      pelaku=(SEKRETARIAT,), komentar_wajib=True, conditions=(prakarsa_daerah,), gaya="warning",
                      isian=(dataclasses.replace(I_KAJIAN, wajib=False),))
    def kembalikan_kak(self, *, by, data):
        if data.get("kajian"):
            self.kajian = data["kajian"]

    @langkah_domestik(source="kajian_tkksd", target="penawaran", label="Terima hasil kajian", pelaku=(SEKRETARIAT,),
                      conditions=(prakarsa_daerah,), isian=(I_KAJIAN, I_TENAGA_AHLI),
                      keterangan="PD Pemrakarsa menjadi Anggota Tidak Tetap TKKSD untuk kerja sama ini.")
    def terima_kajian(self, *, by, data):
        self.kajian = data["kajian"]
        self.tenaga_ahli = data.get("tenaga_ahli") or ""

    # --- initiative of the partner (KSDD Ps 35(3); KSDPK Ps 50) ----------------------------------

    @langkah_domestik(source="kajian_tkksd", target="penyusunan_kb", label="Terima tawaran mitra dan tetapkan PD Pemrakarsa",
                      pelaku=(SEKRETARIAT,), conditions=(prakarsa_mitra,),
                      isian=(Isian("perangkat_daerah", "PD Pemrakarsa", "pilihan", pilihan_dari=_pilihan_pd),
                             I_KAJIAN, I_TENAGA_AHLI))
    def terima_tawaran_mitra(self, *, by, data):
        from .models import PerangkatDaerah

        self.perangkat_daerah = PerangkatDaerah.objects.get(pk=int(data["perangkat_daerah"]))
        self.kajian = data["kajian"]
        self.tenaga_ahli = data.get("tenaga_ahli") or ""

    @langkah_domestik(source="kajian_tkksd", target="ditolak_daerah", label="Tolak tawaran mitra", pelaku=(SEKRETARIAT,),
                      komentar_wajib=True, conditions=(prakarsa_mitra,), gaya="danger",
                      isian=(dataclasses.replace(I_KAJIAN, wajib=False),))
    def tolak_tawaran_mitra(self, *, by, data):
        if data.get("kajian"):
            self.kajian = data["kajian"]
        self.tanggal_selesai = timezone.localdate()
        self.alasan_selesai = "Tawaran mitra tidak diterima Daerah."

    # =============================================================================================
    # Penawaran (KSDD Ps 23–24(1); KSDPK Ps 39)
    # =============================================================================================

    @langkah_domestik(source="penawaran", target="penawaran", label="Perbarui draf surat penawaran (PDF)",
                      pelaku=(SEKRETARIAT,), gaya="outline-secondary",
                      isian=(Isian("nomor_surat", "Nomor surat", "teks", wajib=False),
                             Isian("tanggal_surat", "Tanggal surat", "tanggal", wajib=False)),
                      keterangan="Membuat draf surat penawaran dari data kerja sama untuk ditandatangani Wali Kota.")
    def perbarui_surat_penawaran(self, *, by, data):
        pass  # the PDF is produced by domestik_services (a side effect)

    @langkah_domestik(source="penawaran", target="menunggu_jawaban", label="Catat surat penawaran terkirim",
                      pelaku=(SEKRETARIAT,),
                      isian=(Isian("surat_penawaran", "Surat penawaran yang ditandatangani Wali Kota", "dokumen",
                                   jenis_dokumen=("surat_penawaran",)),
                             Isian("nomor_surat", "Nomor surat", "teks"),
                             Isian("tanggal_surat", "Tanggal surat", "tanggal", peristiwa=True),
                             Isian("tanggal_dikirim", "Tanggal dikirim ke mitra", "tanggal", peristiwa=True)))
    def kirim_penawaran(self, *, by, data):
        self.validasi_siap_ditawarkan()
        if not self.kak_id:
            raise ValidationError({"__all__": "Surat penawaran dilengkapi KAK, tetapi KAK belum tercatat."})
        _urutan_tanggal(data["tanggal_surat"], data["tanggal_dikirim"], "tanggal_dikirim",
                        "Tanggal dikirim tidak boleh sebelum tanggal surat.")
        self.surat_penawaran = data["surat_penawaran"]
        self.nomor_surat_penawaran = data["nomor_surat"]
        self.tanggal_surat_penawaran = data["tanggal_surat"]
        self.tanggal_penawaran_dikirim = data["tanggal_dikirim"]

    @langkah_domestik(source="menunggu_jawaban", target="penyusunan_kb", label="Catat: mitra menerima penawaran",
                      pelaku=(SEKRETARIAT, PELAKU_MITRA), gaya="success",
                      isian=(Isian("tanggal_jawaban", "Tanggal jawaban mitra", "tanggal", peristiwa=True),
                             Isian("surat_jawaban", "Surat jawaban mitra", "dokumen", wajib=False,
                                   jenis_dokumen=("surat_jawaban", "surat_masuk"))))
    def mitra_menerima(self, *, by, data):
        _urutan_tanggal(self.tanggal_penawaran_dikirim, data["tanggal_jawaban"], "tanggal_jawaban",
                        "Tanggal jawaban tidak boleh sebelum penawaran dikirim.")
        self.tanggal_jawaban_mitra = data["tanggal_jawaban"]

    @langkah_domestik(source="menunggu_jawaban", target="ditolak_mitra", label="Catat: mitra menolak penawaran",
                      pelaku=(SEKRETARIAT, PELAKU_MITRA), komentar_wajib=True, gaya="danger",
                      isian=(Isian("tanggal_jawaban", "Tanggal jawaban mitra", "tanggal", peristiwa=True),
                             Isian("surat_jawaban", "Surat jawaban mitra", "dokumen", wajib=False,
                                   jenis_dokumen=("surat_jawaban", "surat_masuk"))))
    def mitra_menolak(self, *, by, data):
        _urutan_tanggal(self.tanggal_penawaran_dikirim, data["tanggal_jawaban"], "tanggal_jawaban",
                        "Tanggal jawaban tidak boleh sebelum penawaran dikirim.")
        self.tanggal_jawaban_mitra = data["tanggal_jawaban"]
        self.tanggal_selesai = data["tanggal_jawaban"]
        self.alasan_selesai = "Penawaran ditolak mitra."

    # =============================================================================================
    # Kesepakatan Bersama (KSDD Ps 24–26; KSDPK Ps 40–42)
    # =============================================================================================

    ajukan_rancangan_kb, kembalikan_rancangan_kb, setujui_rancangan_kb = _langkah_rancangan(
        "kb", "KB", Isian("rancangan_kb", "Rancangan Kesepakatan Bersama", "dokumen", jenis_dokumen=("kesepakatan_bersama",)))

    @langkah_domestik(source="penandatanganan_kb", target="kb_ditandatangani", label="Catat penandatanganan KB",
                      pelaku=(PELAKU_PENANDATANGAN,), izin=hanya_wali_kota, gaya="success",
                      isian=(Isian("kesepakatan_bersama", "Naskah KB yang telah ditandatangani kedua pihak", "dokumen",
                                   jenis_dokumen=("kesepakatan_bersama",)),
                             Isian("nomor_kb", "Nomor KB", "teks"),
                             Isian("cara_penandatanganan", "Cara penandatanganan", "pilihan",
                                   pilihan=tuple(CaraPenandatanganan.choices)),
                             dataclasses.replace(I_TANGGAL_TTD, bantuan="Bila sirkuler: tanggal tanda tangan terakhir."),
                             I_MULAI, I_BERAKHIR_KB, I_PENANDATANGAN_MITRA))
    def tandatangani_kb(self, *, by, data):
        if self.membebani_masyarakat_daerah is None or self.sudah_dianggarkan_apbd is None:
            raise ValidationError({"__all__": (
                f"Jawaban {self.PASAL_LANGKAH.get('perlu_persetujuan_dprd', '')} (membebani masyarakat dan Daerah; "
                "pendanaan sudah teranggarkan dalam APBD) belum diisi pada data kerja sama.")})
        validasi_masa_berlaku(data["tanggal_mulai"], data["tanggal_berakhir"], pasal=self.PASAL_MASA_BERLAKU)
        self.kesepakatan_bersama = data["kesepakatan_bersama"]
        self.nomor_kb = data["nomor_kb"]
        self.cara_penandatanganan_kb = data["cara_penandatanganan"]
        self.kb_tanggal_penandatanganan = data["tanggal_penandatanganan"]
        self.kb_tanggal_mulai = data["tanggal_mulai"]
        self.kb_tanggal_berakhir = data["tanggal_berakhir"]
        self.penandatangan_mitra = data["penandatangan_mitra"]

    # --- Ps 27 / Ps 43: a system step right after the KB signature --------------------------------

    @langkah_domestik(source="kb_ditandatangani", target="persetujuan_dprd", label="Perlu persetujuan DPRD",
                      pelaku=(PELAKU_SISTEM,), conditions=(dprd_approval_required,))
    def perlu_persetujuan_dprd(self, *, by, data):
        self.alasan_dprd = self.uraian_persetujuan_dprd()

    @langkah_domestik(source="kb_ditandatangani", target="penyusunan_pks", label="Tanpa persetujuan DPRD",
                      pelaku=(PELAKU_SISTEM,), conditions=(dprd_approval_not_required,))
    def tanpa_persetujuan_dprd(self, *, by, data):
        self.alasan_dprd = self.uraian_persetujuan_dprd()

    @langkah_domestik(source="persetujuan_dprd", target="penyusunan_pks", label="Catat persetujuan DPRD",
                      pelaku=(Peran.DPRD,), isian=I_DPRD, gaya="success")
    def setujui_dprd(self, *, by, data):
        self._catat_dprd(data)

    @langkah_domestik(source="persetujuan_dprd", target="ditolak_dprd", label="Catat penolakan DPRD",
                      pelaku=(Peran.DPRD,), isian=I_DPRD, komentar_wajib=True, gaya="danger")
    def tolak_dprd(self, *, by, data):
        self._catat_dprd(data)
        self.tanggal_selesai = data["tanggal_keputusan"]
        self.alasan_selesai = "Rencana kerja sama tidak disetujui DPRD."

    def _catat_dprd(self, data):
        _urutan_tanggal(data["tanggal_diterima_dprd"], data["tanggal_keputusan"], "tanggal_keputusan",
                        "Tanggal keputusan DPRD tidak boleh sebelum tanggal diterima.")
        self.tanggal_diterima_dprd = data["tanggal_diterima_dprd"]
        self.tanggal_keputusan_dprd = data["tanggal_keputusan"]
        self.surat_dprd = data["surat_dprd"]

    # =============================================================================================
    # PKS (KSDD Ps 28–29; KSDPK Ps 44–45)
    # =============================================================================================

    ajukan_rancangan_pks, kembalikan_rancangan_pks, setujui_rancangan_pks = _langkah_rancangan(
        "pks", "PKS", Isian("rancangan_pks", "Rancangan PKS", "dokumen", jenis_dokumen=("pks",)))

    @langkah_domestik(source="penandatanganan_pks", target="penandatanganan_pks", label="Beri surat kuasa penandatanganan PKS",
                      pelaku=(PELAKU_PENANDATANGAN,), izin=hanya_wali_kota, gaya="outline-secondary",
                      isian=(Isian("penerima_kuasa", "Kepala Perangkat Daerah penerima kuasa", "pilihan",
                                   pilihan_dari=_pilihan_pejabat_pd),
                             Isian("surat_kuasa", "Surat kuasa", "dokumen", jenis_dokumen=("surat_kuasa",)),
                             Isian("nomor_surat_kuasa", "Nomor surat kuasa", "teks"),
                             Isian("tanggal_surat_kuasa", "Tanggal surat kuasa", "tanggal", peristiwa=True)),
                      keterangan="Tembusan kepada Ketua TKKSD dan Bagian Kerja Sama.")
    def beri_surat_kuasa(self, *, by, data):
        from .models import Pengguna

        penerima = Pengguna.objects.filter(pk=int(data["penerima_kuasa"]), is_active=True,
                                           groups__name=Peran.PD).select_related("perangkat_daerah").first()
        if penerima is None:
            raise ValidationError({"penerima_kuasa": "Penerima kuasa harus pejabat Perangkat Daerah yang aktif."})
        if self.KUASA_HANYA_KEPALA_PD and not adalah_kepala_pd(penerima):
            raise ValidationError({"penerima_kuasa": (
                f"Surat kuasa diberikan kepada kepala Perangkat Daerah (atau Plt./Plh.-nya) menurut data pejabat "
                f"({self.PASAL_LANGKAH.get('beri_surat_kuasa', '')}); {penerima.get_full_name() or penerima.username} "
                f"tercatat sebagai \u201c{penerima.jabatan or 'tanpa jabatan'}\u201d.")})
        self.surat_kuasa = data["surat_kuasa"]

    @langkah_domestik(source="penandatanganan_pks", target="pelaksanaan", label="Catat penandatanganan PKS",
                      pelaku=(PELAKU_PENANDATANGAN,), gaya="success",
                      isian=(Isian("pks", "Naskah PKS yang telah ditandatangani kedua pihak", "dokumen", jenis_dokumen=("pks",)),
                             Isian("nomor_pks", "Nomor PKS", "teks"),
                             I_TANGGAL_TTD, I_MULAI, I_BERAKHIR, I_PENANDATANGAN_MITRA))
    def tandatangani_pks(self, *, by, data):
        # Ps 28–29 / 44–45 set no term for the PKS: it may outlast the KB (shown as a warning, `peringatan_masa`).
        validasi_urutan_masa(data["tanggal_mulai"], data["tanggal_berakhir"])
        self.pks = data["pks"]
        self.nomor_pks = data["nomor_pks"]
        self.tanggal_penandatanganan = data["tanggal_penandatanganan"]
        self.tanggal_mulai = data["tanggal_mulai"]
        self.tanggal_berakhir = data["tanggal_berakhir"]
        self.penandatangan_mitra = data["penandatangan_mitra"]
        self.penandatangan_pks = by
        self.atas_dasar_surat_kuasa = not by.punya_peran(Peran.WALI_KOTA)

    # =============================================================================================
    # Pelaksanaan, penatausahaan, pelaporan (KSDD Ps 31–33; KSDPK Ps 46–48): steps that keep the stage
    # =============================================================================================

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Lampirkan rencana aksi", pelaku=(PELAKU_PD,),
                      gaya="outline-primary",
                      isian=(Isian("rencana_aksi", "Rencana aksi", "dokumen", jenis_dokumen=("rencana_aksi",)),))
    def lampirkan_rencana_aksi(self, *, by, data):
        self.rencana_aksi = data["rencana_aksi"]

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Sampaikan laporan internal kepada Wali Kota",
                      pelaku=(PELAKU_PD,), gaya="outline-primary",
                      isian=(*I_PERIODE, Isian("ringkasan", "Ringkasan pelaksanaan", "teks", panjang=True),
                             Isian("laporan", "Berkas laporan", "dokumen", jenis_dokumen=("laporan",))))
    def sampaikan_laporan_internal(self, *, by, data):
        _urutan_tanggal(data["periode_awal"], data["periode_akhir"], "periode_akhir", "Periode sampai sebelum periode dari.")

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Susun laporan eksternal (PDF)",
                      pelaku=(SEKRETARIAT,), gaya="outline-primary",
                      isian=(*I_PERIODE, Isian("ringkasan", "Ringkasan pelaksanaan", "teks", panjang=True)),
                      keterangan="Laporan disusun TKKSD, ditandatangani Wali Kota, disampaikan kepada Gubernur dan "
                                 "kepala daerah mitra.")
    def susun_laporan_eksternal(self, *, by, data):
        _urutan_tanggal(data["periode_awal"], data["periode_akhir"], "periode_akhir", "Periode sampai sebelum periode dari.")

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Tandatangani laporan eksternal",
                      pelaku=(PELAKU_PENANDATANGAN,), izin=hanya_wali_kota, conditions=(laporan_menunggu_tanda_tangan,),
                      gaya="outline-success",
                      isian=(I_TANGGAL_TTD,
                             Isian("laporan_ditandatangani", "Pindaian laporan bertanda tangan", "dokumen", wajib=False,
                                   jenis_dokumen=("laporan",))))
    def tandatangani_laporan_eksternal(self, *, by, data):
        laporan = self.laporan_eksternal(status="menunggu_tanda_tangan")
        _urutan_tanggal(laporan.periode_akhir, data["tanggal_penandatanganan"], "tanggal_penandatanganan",
                        "Laporan tidak dapat ditandatangani sebelum akhir periodenya.")

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Catat laporan eksternal terkirim",
                      pelaku=(SEKRETARIAT,), conditions=(laporan_belum_dikirim,), gaya="outline-success",
                      isian=(Isian("tanggal_dikirim", "Tanggal dikirim kepada Gubernur dan kepala daerah mitra", "tanggal",
                                   peristiwa=True),))
    def kirim_laporan_eksternal(self, *, by, data):
        laporan = self.laporan_eksternal(status="ditandatangani")
        _urutan_tanggal(laporan.tanggal_penandatanganan, data["tanggal_dikirim"], "tanggal_dikirim",
                        "Tanggal dikirim tidak boleh sebelum laporan ditandatangani.")

    # --- amendment (KSDD Ps 34; KSDPK Ps 46(2)–(5)) ----------------------------------------------

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Ajukan perubahan PKS", pelaku=(PELAKU_PD,),
                      conditions=(tanpa_perubahan_terbuka,), gaya="outline-warning",
                      isian=(Isian("uraian", "Materi perubahan", "teks", panjang=True),
                             Isian("alasan", "Alasan yang kuat", "teks", panjang=True),
                             Isian("menambah_beban", "Perubahan menambah beban", "boolean"),
                             Isian("rancangan", "Rancangan naskah perubahan", "dokumen", jenis_dokumen=("adendum",))))
    def ajukan_perubahan(self, *, by, data):
        pass  # the amendment record is written by domestik_services

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Kembalikan usulan perubahan",
                      pelaku=(SEKRETARIAT,), komentar_wajib=True, conditions=(perubahan_diajukan,), gaya="outline-warning")
    def kembalikan_perubahan(self, *, by, data):
        pass

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Setujui materi perubahan (TKKSD)",
                      pelaku=(SEKRETARIAT,), conditions=(perubahan_diajukan,), gaya="outline-success")
    def setujui_perubahan(self, *, by, data):
        pass

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Catat persetujuan DPRD atas perubahan",
                      pelaku=(Peran.DPRD,), conditions=(perubahan_menunggu_dprd,), isian=I_DPRD, gaya="outline-success")
    def setujui_perubahan_dprd(self, *, by, data):
        _urutan_tanggal(data["tanggal_diterima_dprd"], data["tanggal_keputusan"], "tanggal_keputusan",
                        "Tanggal keputusan DPRD tidak boleh sebelum tanggal diterima.")

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Catat penolakan DPRD atas perubahan",
                      pelaku=(Peran.DPRD,), conditions=(perubahan_menunggu_dprd,), isian=I_DPRD, komentar_wajib=True,
                      gaya="outline-danger")
    def tolak_perubahan_dprd(self, *, by, data):
        _urutan_tanggal(data["tanggal_diterima_dprd"], data["tanggal_keputusan"], "tanggal_keputusan",
                        "Tanggal keputusan DPRD tidak boleh sebelum tanggal diterima.")

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Catat penandatanganan perubahan PKS",
                      pelaku=(PELAKU_PENANDATANGAN,), izin=hanya_wali_kota, conditions=(perubahan_menunggu_tanda_tangan,),
                      gaya="outline-success",
                      isian=(Isian("naskah", "Naskah perubahan yang ditandatangani", "dokumen", jenis_dokumen=("adendum",)),
                             Isian("nomor", "Nomor naskah perubahan", "teks"), I_TANGGAL_TTD))
    def tandatangani_perubahan(self, *, by, data):
        pass

    # --- extension (KSDD Ps 26(2), Ps 30; KSDPK Ps 42(2), 45(3)) -------------------------------

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Ajukan perpanjangan jangka waktu",
                      pelaku=(PELAKU_PD, SEKRETARIAT, PELAKU_MITRA), conditions=(tanpa_perpanjangan_terbuka,),
                      gaya="outline-primary",
                      isian=(Isian("pemohon", "Pemohon perpanjangan", "pilihan", pilihan=tuple(Pemohon.choices)),
                             Isian("rencana_tindak", "Rencana tindak", "dokumen", jenis_dokumen=("rencana_aksi",)),
                             Isian("tahapan", "Tahapan yang akan dilaksanakan", "daftar", isian=(
                                 Isian("uraian", "Tahapan", "teks"), Isian("waktu", "Waktu", "teks", wajib=False))),
                             Isian("tanggal_mulai", "Masa baru mulai", "tanggal"),
                             Isian("tanggal_berakhir", "Masa baru berakhir", "tanggal",
                                   bantuan="Perwal tidak membatasi masa PKS; bila melampaui KB, sistem memberi "
                                           "peringatan.")))
    def ajukan_perpanjangan(self, *, by, data):
        # Ps 30 / 45(3): an extension of the PKS has no statutory cap (Ps 26(1)/42(1) cap the KB only).
        validasi_urutan_masa(data["tanggal_mulai"], data["tanggal_berakhir"])
        if self.tanggal_mulai and data["tanggal_mulai"] <= self.tanggal_mulai:
            raise ValidationError({"tanggal_mulai": "Masa baru harus mulai setelah masa berlaku sekarang mulai."})
        if self.tanggal_berakhir and data["tanggal_mulai"] > self.tanggal_berakhir + datetime.timedelta(days=1):
            raise ValidationError({"tanggal_mulai": (
                f"Masa baru harus menyambung masa sekarang (mulai paling lambat "
                f"{self.tanggal_berakhir + datetime.timedelta(days=1):%d-%m-%Y}).")})

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Perpanjangan disepakati para pihak",
                      pelaku=(SEKRETARIAT,), conditions=(perpanjangan_diajukan,), gaya="outline-success",
                      isian=(Isian("tanggal_kesepakatan", "Tanggal kesepakatan para pihak", "tanggal", peristiwa=True),))
    def setujui_perpanjangan(self, *, by, data):
        pass

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Tolak perpanjangan", pelaku=(SEKRETARIAT,),
                      komentar_wajib=True, conditions=(perpanjangan_diajukan,), gaya="outline-danger")
    def tolak_perpanjangan(self, *, by, data):
        pass

    @langkah_domestik(source="pelaksanaan", target="pelaksanaan", label="Catat penandatanganan perpanjangan",
                      pelaku=(PELAKU_PENANDATANGAN,), izin=hanya_wali_kota, conditions=(perpanjangan_disetujui,),
                      gaya="outline-success",
                      isian=(Isian("naskah", "Naskah perpanjangan yang ditandatangani", "dokumen",
                                   jenis_dokumen=("adendum", "pks")), I_TANGGAL_TTD))
    def tandatangani_perpanjangan(self, *, by, data):
        perpanjangan = self.perpanjangan_terbuka()
        # The registry shows the running term: the new one replaces it (the old is kept on the extension).
        self.tanggal_mulai = perpanjangan.tanggal_mulai
        self.tanggal_berakhir = perpanjangan.tanggal_berakhir


def _daftarkan_kasus_domestik(sender, **kwargs):
    """A concrete domestic kind: register its stages and the shared side effects of its steps."""
    if not issubclass(sender, KasusDomestik) or sender._meta.abstract:
        return
    label = sender._meta.label_lower
    daftar_tahapan(label, sender.tahapan_domestik())
    from . import domestik_services

    domestik_services.daftar_efek(label)


class_prepared.connect(_daftarkan_kasus_domestik)


def nama_langkah_domestik() -> Iterable[str]:
    """The names of the shared steps (documentation, tests)."""
    return [nama for nama, nilai in vars(KasusDomestik).items() if isinstance(nilai, LangkahDomestik)]
