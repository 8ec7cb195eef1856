"""The KSDPK case (Perwal 57/2023 BAB IV, Ps 36–50): the shared domestic stage machine
(kerjasama.domestik, "mutatis mutandis", Ps 47–49) plus what only a cooperation with a third party
carries: its kind and national legal basis (Ps 36), the feasibility study (Ps 38, 50(1)), object,
value, revenue, location and term, and the selection among several candidates (Ps 39(2)–(3))."""

from __future__ import annotations

import dataclasses

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kerjasama.alur import Isian, Tahap, langkah
from kerjasama.constants import PELAKU_PD, JenisMitra, Peran
from kerjasama.domestik import (
    SEKRETARIAT,
    TAHAP_DAPAT_DIUBAH,
    KasusDomestik,
    LaporanPelaksanaanDasar,
    PerpanjanganDasar,
    PerubahanPksDasar,
)
from kerjasama.models import KerjaSama, Mitra
from kerjasama.validators import MASA_WAJAR_MAKS_TAHUN

from .constants import (
    BADAN_USAHA_BERBADAN_HUKUM,
    NILAI_MAKS,
    PASAL_LANGKAH,
    PASAL_PEMILIHAN,
    PASAL_TAHAP,
    JenisKsdpk,
    KedudukanTim,
)

# Ps 42(1) caps the KB, not the cooperation: a KSDPK on asset use or infrastructure (Ps 36(1) huruf b, d)
# follows sectoral law with longer terms. Only a sanity bound against typing errors.
JANGKA_WAKTU_MAKS_BULAN = MASA_WAJAR_MAKS_TAHUN * 12


# Ps 46(5) "penambahan beban kepada masyarakat dan Daerah": read literally (both), unlike KSDD Ps 34(3), which
# names the public only. Shown on the form (and in docs/ksdpk.md) so that the user sees the reading applied.
BACAAN_PS46_5 = ("Bacaan SIKSD atas Pasal 46 ayat (5): persetujuan DPRD diperlukan bila perubahan menambah beban kepada "
                 "masyarakat DAN kepada Daerah (keduanya \u201cya\u201d), sesuai bunyi harfiah \u201cmasyarakat dan "
                 "Daerah\u201d.")


def validasi_pihak_ketiga(mitra: Mitra | None, jenis_ksdpk: str, field: str = "mitra") -> None:
    """Ps 1 angka 28: a KSDPK's partner is a third party; Ps 36(1) huruf d angka 1): infrastructure only
    with a legal business entity (badan usaha berbadan hukum)."""
    if mitra is None:
        return
    if mitra.jenis != JenisMitra.PIHAK_KETIGA:
        raise ValidationError({field: f"{mitra.nama} bukan pihak ketiga; mitra KSDPK adalah orang, badan usaha berbadan "
                                      "hukum, atau organisasi kemasyarakatan (Pasal 1 angka 28)."})
    if jenis_ksdpk == JenisKsdpk.INFRASTRUKTUR and mitra.bentuk_hukum not in BADAN_USAHA_BERBADAN_HUKUM:
        raise ValidationError({field: (
            f"Kerja sama penyediaan infrastruktur hanya dengan badan usaha berbadan hukum (Pasal 36 ayat (1) huruf d "
            f"angka 1)); bentuk hukum {mitra.nama}: {mitra.bentuk_hukum or 'belum dicatat'}.")})


def _pilihan_pihak_ketiga():
    return [(str(m.pk), m.nama) for m in Mitra.objects.filter(jenis=JenisMitra.PIHAK_KETIGA).order_by("nama")]


def _dokumen(label):
    return models.ForeignKey("kerjasama.Dokumen", verbose_name=label, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")


class KasusKsdpk(KasusDomestik, KerjaSama):
    # Ps 36(1) and the national rules the PD cites for that kind (Ps 36(2)–(6)).
    jenis_ksdpk = models.CharField(_("jenis KSDPK"), max_length=30, choices=JenisKsdpk.choices)
    dasar_hukum = models.TextField(_("dasar hukum nasional yang dirujuk"), blank=True)
    objek = models.TextField(_("objek kerja sama"))
    pendapatan_daerah = models.BigIntegerField(_("pendapatan bagi Daerah (Rp)"), null=True, blank=True,
                                               validators=[MinValueValidator(0)])
    lokasi = models.CharField(_("lokasi"), max_length=300, blank=True)
    lintang = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True,
                                  validators=[MinValueValidator(-90), MaxValueValidator(90)])
    bujur = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True,
                                validators=[MinValueValidator(-180), MaxValueValidator(180)])
    jangka_waktu_bulan = models.PositiveSmallIntegerField(
        _("rencana jangka waktu (bulan)"), null=True, blank=True,
        validators=[MaxValueValidator(JANGKA_WAKTU_MAKS_BULAN, f"Jangka waktu lebih dari {JANGKA_WAKTU_MAKS_BULAN} bulan "
                                                               "tidak wajar; periksa kembali.")])
    # Ps 38(1)–(2) (prakarsa Daerah) and Ps 50(1) (prakarsa pihak ketiga).
    studi_kelayakan = _dokumen(_("studi kelayakan"))
    # Ps 38(1): a Daerah initiative is prepared "berdasarkan hasil pemetaan, skala prioritas": it starts from an item
    # of a set list (pemetaan's ItemRencana links to the case). The audited exception for urgent cases: the
    # Sekretariat TKKSD starts it without an item and records why (who and when are in the audit row).
    alasan_tanpa_pemetaan = models.TextField(_("alasan dimulai tanpa item pemetaan"), blank=True)
    # Ps 39(2)–(3): the TKKSD's decision among the candidates.
    tanggal_pemilihan = models.DateField(_("tanggal keputusan pemilihan"), null=True, blank=True)
    alasan_pemilihan = models.TextField(_("alasan keputusan pemilihan"), blank=True)
    berita_acara_pemilihan = _dokumen(_("berita acara pemilihan"))

    template_panel = "ksdpk/_panel.html"

    PASAL_LANGKAH = PASAL_LANGKAH
    PASAL_TAHAP = PASAL_TAHAP
    MODEL_PERUBAHAN = "ksdpk.PerubahanPksKsdpk"
    MODEL_PERPANJANGAN = "ksdpk.PerpanjanganKsdpk"
    MODEL_LAPORAN = "ksdpk.LaporanPelaksanaanKsdpk"
    PASAL_MASA_BERLAKU = "Pasal 42 ayat (1)"
    # Ps 45(2): the Wali Kota may delegate signing the PKS by surat kuasa; an addendum (Ps 46(3)) or an
    # extension of the PKS (Ps 45(3)) is a PKS too, so the holder of the surat kuasa signs them as well.
    PENANDATANGAN_KUASA = frozenset({"tandatangani_perubahan", "tandatangani_perpanjangan"})
    KUASA_HANYA_KEPALA_PD = False  # Ps 45(2): "Kepala Perangkat Daerah atau Pejabat yang ditunjuk"
    NAMA_JENIS = "kerja sama dengan pihak ketiga"
    LAMPIRAN_PENAWARAN = "Kerangka Acuan Kerja (KAK) dan Studi Kelayakan"
    # Ps 39(1): the PD Pemrakarsa prepares the offer; Ps 40(1): the TKKSD prepares the KB with the third party.
    PELAKU = {
        "perbarui_surat_penawaran": (PELAKU_PD,),
        "kirim_penawaran": (PELAKU_PD,),
        "ajukan_rancangan_kb": (SEKRETARIAT,),
    }
    LABEL = {
        "ajukan_kak": "Ajukan KAK dan studi kelayakan ke TKKSD",
        "mitra_menerima": "Catat jawaban calon mitra: berminat",
        "mitra_menolak": "Catat: semua calon mitra menolak",
        "terima_tawaran_mitra": "Terima permohonan pihak ketiga dan tetapkan PD Pemrakarsa",
        "tolak_tawaran_mitra": "Tolak permohonan pihak ketiga",
        "ajukan_rancangan_kb": "Sampaikan rancangan KB (disusun TKKSD) untuk dibahas dengan pihak ketiga",
        "ajukan_perubahan": "Ajukan perubahan (addendum) PKS",
    }
    LABEL_TAHAP = {
        "persiapan": "Persiapan (KAK dan studi kelayakan)",
        "menunggu_jawaban": "Menunggu jawaban calon mitra",
        "ditolak_mitra": "Penawaran tidak berlanjut (tidak ada calon mitra)",
        "ditolak_daerah": "Permohonan pihak ketiga ditolak",
    }
    # Ps 39(2)–(3): the answers come back to the selection, which decides the partner before the KB.
    TUJUAN = {"mitra_menerima": "pemilihan_mitra"}
    TAHAP_TAMBAHAN = {"menunggu_jawaban": [
        Tahap("pemilihan_mitra", "Pemilihan calon mitra", PASAL_PEMILIHAN, pelaku=(SEKRETARIAT, Peran.KETUA_TKKSD),
              keterangan="Kualifikasi calon, Tim Pemilihan Calon Mitra (bila ditetapkan Ketua TKKSD), penilaian "
                         "bonafiditas, pengalaman dan komitmen, lalu keputusan TKKSD dengan alasannya."),
    ]}
    DOKUMEN_PERSIAPAN = (
        Isian("kak", "Kerangka Acuan Kerja (KAK)", "dokumen", jenis_dokumen=("kak",)),
        Isian("studi_kelayakan", "Studi kelayakan", "dokumen", jenis_dokumen=("studi_kelayakan",),
              bantuan="Disusun sesuai peraturan perundang-undangan (Pasal 38 ayat (1)).",
              pesan_wajib="Studi kelayakan wajib dilampirkan bersama KAK (Perwal 57/2023 Pasal 38 ayat (1)–(2)). "
                          "Unggah dokumen berjenis Studi kelayakan, lalu pilih di sini."),
    )

    class Meta:
        verbose_name = _("kasus KSDPK")
        verbose_name_plural = _("kasus KSDPK")

    def clean(self):
        super().clean()
        if self.mitra_id:
            validasi_pihak_ketiga(self.mitra, self.jenis_ksdpk)

    # --- hooks of the shared machine ---------------------------------------------------------------
    @property
    def dapat_diubah(self) -> bool:
        return self.tahap in TAHAP_DAPAT_DIUBAH_KSDPK

    @classmethod
    def isian_langkah(cls, nama, isian):
        isian = super().isian_langkah(nama, isian)
        if nama == "ajukan_perubahan":
            # Ps 46(5): DPRD approval when the change adds a burden on the public *and* the Daerah; two answers.
            ganti = (Isian("beban_masyarakat", "Perubahan menambah beban kepada masyarakat (Pasal 46 ayat (5))", "boolean",
                           bantuan=BACAAN_PS46_5),
                     Isian("beban_daerah", "Perubahan menambah beban kepada Daerah (Pasal 46 ayat (5))", "boolean",
                           bantuan=BACAAN_PS46_5))
            return tuple(x for i in isian for x in (ganti if i.nama == "menambah_beban" else (i,)))
        if nama == "terima_tawaran_mitra":
            # Ps 50(3): the study may involve related parties and/or experts.
            return tuple(dataclasses.replace(i, label="Pihak terkait dan/atau tenaga ahli yang dilibatkan (bila ada)")
                         if i.nama == "tenaga_ahli" else i for i in isian)
        if nama == "beri_surat_kuasa":
            return tuple(dataclasses.replace(i, label="Kepala Perangkat Daerah atau pejabat yang ditunjuk (penerima kuasa)")
                         if i.nama == "penerima_kuasa" else i for i in isian)
        return isian

    def data_perubahan(self, data: dict) -> dict:
        masyarakat, daerah = bool(data["beban_masyarakat"]), bool(data["beban_daerah"])
        return {"beban_masyarakat": masyarakat, "beban_daerah": daerah, "menambah_beban": masyarakat and daerah}

    def validasi_siap_diajukan(self) -> None:
        errors = {}
        if not self.calon.exists():
            errors["__all__"] = ["Calon mitra (pihak ketiga) belum dicatat: surat penawaran disampaikan kepada calon mitra "
                                 "(Pasal 39 ayat (1)). Tambahkan calon mitra terlebih dahulu."]
        if not (self.dasar_hukum or "").strip():
            errors["dasar_hukum"] = [f"Dasar hukum nasional untuk jenis \u201c{self.get_jenis_ksdpk_display()}\u201d belum "
                                     "dicatat (Pasal 36 ayat (2)–(6)). Lengkapi data kerja sama."]
        if errors:
            raise ValidationError(errors)

    def simpan_dokumen_persiapan(self, data: dict) -> None:
        super().simpan_dokumen_persiapan(data)
        self.studi_kelayakan = data["studi_kelayakan"]

    def penerima_penawaran(self) -> list:
        # Ps 39(1): the offer goes to the candidate third parties, with the KAK and the feasibility study.
        return [c.mitra for c in self.calon.select_related("mitra")] or super().penerima_penawaran()

    def konteks_surat_penawaran(self, **kwargs) -> dict:
        konteks = super().konteks_surat_penawaran(**kwargs)
        data = [f"jenis {self.get_jenis_ksdpk_display()}", f"objek {self.objek}"]
        if self.lokasi:
            data.append(f"lokasi {self.lokasi}")
        if self.nilai:
            data.append(f"nilai Rp {self.nilai:,}".replace(",", "."))
        if self.jangka_waktu_bulan:
            data.append(f"rencana jangka waktu {self.jangka_waktu_bulan} bulan")
        konteks["isi"].insert(1, "Rencana kerja sama tersebut meliputi " + "; ".join(data) + ".")
        return konteks

    # --- the selection (Ps 39(2)–(3)) ---------------------------------------------------------------
    def calon_memenuhi_syarat(self):
        return self.calon.filter(memenuhi_syarat=True).select_related("mitra")

    def tim_pemilihan(self):
        return TimPemilihan.objects.filter(kerjasama_id=self.pk).first()

    # Perwal 57/2023 Ps 39(2): TKKSD memilih calon mitra dengan mempertimbangkan bonafiditas, pengalaman, komitmen
    @langkah(source="pemilihan_mitra", target="penyusunan_kb", label="Tetapkan mitra terpilih (keputusan TKKSD)",
             pasal="Pasal 39 ayat (2)–(3)", pelaku=(SEKRETARIAT, Peran.KETUA_TKKSD), gaya="success",
             isian=(Isian("mitra_terpilih", "Calon mitra yang dipilih", "pilihan", pilihan_dari=_pilihan_pihak_ketiga),
                    Isian("tanggal_keputusan", "Tanggal keputusan TKKSD", "tanggal", peristiwa=True),
                    Isian("alasan", "Alasan keputusan", "teks", panjang=True)),
             keterangan="Berita acara pemilihan (PDF) dibuat otomatis dari kualifikasi, penilaian dan keputusan ini.")
    def tetapkan_mitra(self, *, by, data):
        from .selectors import penilaian_belum_lengkap

        calon = self.calon_memenuhi_syarat().filter(mitra_id=int(data["mitra_terpilih"])).first()
        if calon is None:
            raise ValidationError({"mitra_terpilih": "Pilih salah satu calon mitra yang memenuhi syarat pada kerja sama ini."})
        kurang = penilaian_belum_lengkap(self)
        if kurang:
            raise ValidationError({"__all__": kurang})
        self.mitra = calon.mitra
        self.tanggal_pemilihan = data["tanggal_keputusan"]
        self.alasan_pemilihan = data["alasan"]

    # Perwal 57/2023 Ps 39(2): "dalam hal terdapat … calon mitra yang memenuhi syarat" — none qualifies
    @langkah(source="pemilihan_mitra", target="ditolak_mitra", label="Tutup: tidak ada calon mitra yang memenuhi syarat",
             pasal="Pasal 39 ayat (2)", pelaku=(SEKRETARIAT,), komentar_wajib=True, gaya="danger")
    def tutup_tanpa_mitra(self, *, by, data):
        if self.calon_memenuhi_syarat().exists():
            raise ValidationError({"__all__": "Ada calon mitra yang memenuhi syarat: tetapkan mitra terpilih."})
        self.tanggal_selesai = timezone.localdate()
        self.alasan_selesai = "Tidak ada calon mitra yang memenuhi syarat (Pasal 39 ayat (2))."


# The data may change until the KB is signed (the Ps 43 branch reads it then): also during the selection and
# while the KB awaits its signatures (a third party's application leaves the Ps 43 answers to the TKKSD).
TAHAP_DAPAT_DIUBAH_KSDPK = (*TAHAP_DAPAT_DIUBAH, "pemilihan_mitra", "penandatanganan_kb")


class CalonMitra(models.Model):
    """A candidate third party the offer goes to (Ps 39(1)), and whether it qualifies (Ps 39(2))."""

    kerjasama = models.ForeignKey(KasusKsdpk, on_delete=models.CASCADE, related_name="calon")
    mitra = models.ForeignKey(Mitra, on_delete=models.PROTECT, related_name="+", verbose_name=_("pihak ketiga"))
    memenuhi_syarat = models.BooleanField(_("memenuhi syarat"), null=True, blank=True)
    tanggal_jawaban = models.DateField(_("tanggal jawaban atas penawaran"), null=True, blank=True)
    catatan_syarat = models.TextField(_("catatan kualifikasi"), blank=True)
    ditambahkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    ditambahkan_pada = models.DateTimeField(_("ditambahkan pada"), default=timezone.now)

    class Meta:
        verbose_name = _("calon mitra")
        verbose_name_plural = _("calon mitra")
        ordering = ["kerjasama", "id"]
        constraints = [models.UniqueConstraint(fields=["kerjasama", "mitra"], name="ksdpk_calon_unik")]

    def __str__(self):
        return self.mitra.nama


class TimPemilihan(models.Model):
    """Tim Pemilihan Calon Mitra Kerja Sama, set by the Ketua TKKSD (Ps 39(3))."""

    kerjasama = models.OneToOneField(KasusKsdpk, on_delete=models.CASCADE, related_name="+")
    nomor_keputusan = models.CharField(_("nomor keputusan Ketua TKKSD"), max_length=120)
    tanggal_keputusan = models.DateField(_("tanggal keputusan"))
    keputusan = _dokumen(_("keputusan pembentukan tim"))
    ditetapkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), default=timezone.now)

    class Meta:
        verbose_name = _("Tim Pemilihan Calon Mitra")
        verbose_name_plural = _("Tim Pemilihan Calon Mitra")

    def __str__(self):
        return f"Tim Pemilihan Calon Mitra ({self.nomor_keputusan})"


class AnggotaTimPemilihan(models.Model):
    tim = models.ForeignKey(TimPemilihan, on_delete=models.CASCADE, related_name="anggota")
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kedudukan = models.CharField(_("kedudukan"), max_length=12, choices=KedudukanTim.choices, default=KedudukanTim.ANGGOTA)

    class Meta:
        verbose_name = _("anggota Tim Pemilihan")
        verbose_name_plural = _("anggota Tim Pemilihan")
        ordering = ["tim", "id"]
        constraints = [models.UniqueConstraint(fields=["tim", "pengguna"], name="ksdpk_anggota_tim_unik")]

    def __str__(self):
        return f"{self.pengguna} ({self.get_kedudukan_display()})"


class LembarPenilaian(models.Model):
    """One scorer's sheet for a case: a draft until handed in, then fixed (Ps 39(2)). Until a scorer hands
    in their own sheet they see no one else's."""

    kerjasama = models.ForeignKey(KasusKsdpk, on_delete=models.CASCADE, related_name="lembar_penilaian")
    penilai = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diserahkan_pada = models.DateTimeField(_("diserahkan pada"), null=True, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("lembar penilaian calon mitra")
        verbose_name_plural = _("lembar penilaian calon mitra")
        ordering = ["kerjasama", "id"]
        constraints = [models.UniqueConstraint(fields=["kerjasama", "penilai"], name="ksdpk_lembar_unik")]

    def __str__(self):
        return f"Penilaian oleh {self.penilai}"

    @property
    def diserahkan(self) -> bool:
        return self.diserahkan_pada is not None


def _skor(label):
    return models.PositiveSmallIntegerField(label, validators=[MaxValueValidator(NILAI_MAKS)])


class NilaiCalon(models.Model):
    """A scorer's score and notes per criterion of Ps 39(2) huruf a–c for one candidate."""

    lembar = models.ForeignKey(LembarPenilaian, on_delete=models.CASCADE, related_name="nilai")
    calon = models.ForeignKey(CalonMitra, on_delete=models.CASCADE, related_name="nilai")
    bonafiditas = _skor(_("bonafiditas"))
    catatan_bonafiditas = models.TextField(_("catatan bonafiditas"), blank=True)
    pengalaman = _skor(_("pengalaman"))
    catatan_pengalaman = models.TextField(_("catatan pengalaman"), blank=True)
    komitmen = _skor(_("komitmen"))
    catatan_komitmen = models.TextField(_("catatan komitmen"), blank=True)

    class Meta:
        verbose_name = _("nilai calon mitra")
        verbose_name_plural = _("nilai calon mitra")
        ordering = ["lembar", "calon"]
        constraints = [models.UniqueConstraint(fields=["lembar", "calon"], name="ksdpk_nilai_unik")]

    def __str__(self):
        return f"{self.calon}: {self.jumlah}"

    @property
    def jumlah(self) -> int:
        return self.bonafiditas + self.pengalaman + self.komitmen


class PerubahanPksKsdpk(PerubahanPksDasar):
    """Ps 46(2)–(5): an addendum of a KSDPK's PKS. `menambah_beban` (DPRD needed) is true only when the
    change burdens both the public and the Daerah (Ps 46(5))."""

    beban_masyarakat = models.BooleanField(_("menambah beban kepada masyarakat"), null=True, blank=True)
    beban_daerah = models.BooleanField(_("menambah beban kepada Daerah"), null=True, blank=True)


class PerpanjanganKsdpk(PerpanjanganDasar):
    """Ps 42(2), 45(3): an extension of a KSDPK's term."""


class LaporanPelaksanaanKsdpk(LaporanPelaksanaanDasar):
    """Ps 48 (Ps 33 mutatis mutandis): an internal or external report on a KSDPK."""
