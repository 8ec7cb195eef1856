"""The annual mapping (Perwal 57/2023 BAB II, Ps 5–20; spec pemetaan.md).

A cycle (`SiklusPemetaan`) per year runs from the TKKSD's request for data (Ps 11) to the Wali
Kota's Keputusan on the Daftar Rencana Program dan Kegiatan (Ps 18) and its yearly evaluation
(Ps 20). Each PD has a Tim Pemetaan (Ps 10) and sends a `Rekomendasi` (Ps 12–13) with its
proposed items (`ItemUsulan`); the plenary picks and ranks items into the list (`ItemRencana`),
which, once set, starts cooperation cases. Neither a cycle nor a recommendation is a
cooperation case: each has its own django-fsm machine on its own `tahap` field.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_fsm import ConcurrentTransitionMixin, FSMField

from kerjasama.constants import PELAKU_PD, Jenis, Peran
from kerjasama.validators import MASA_WAJAR_MAKS_TAHUN

from .alur import Isian, Tahap, langkah
from .constants import (
    ANGGOTA_TIM_MINIMAL,
    TAHAP_DAFTAR_DITETAPKAN,
    TAHAP_REKOMENDASI_DAPAT_DIUBAH,
    PeranTim,
    TahapRekomendasi,
    TahapSiklus,
)

SEKRETARIAT = Peran.SEKRETARIAT_TKKSD
KETUA = Peran.KETUA_TKKSD
WALI_KOTA = Peran.WALI_KOTA


# ---------------------------------------------------------------------------------------------
# Tim Pemetaan (Ps 10)
# ---------------------------------------------------------------------------------------------


def validasi_susunan_tim(peran: list[str]) -> None:
    """Perwal 57/2023 Ps 10(2): 1 ketua, 1 wakil ketua, and at least 2 anggota."""
    galat = []
    ketua = peran.count(PeranTim.KETUA)
    wakil = peran.count(PeranTim.WAKIL_KETUA)
    anggota = peran.count(PeranTim.ANGGOTA)
    if ketua != 1:
        galat.append(f"harus ada tepat 1 (satu) ketua, yaitu Sekretaris Perangkat Daerah (tercatat {ketua})")
    if wakil != 1:
        galat.append(f"harus ada tepat 1 (satu) wakil ketua yang membidangi perencanaan (tercatat {wakil})")
    if anggota < ANGGOTA_TIM_MINIMAL:
        galat.append(f"anggota paling sedikit {ANGGOTA_TIM_MINIMAL} (dua) orang (tercatat {anggota})")
    if galat:
        raise ValidationError(
            {"anggota": "Susunan Tim Pemetaan tidak sesuai Perwal 57/2023 Pasal 10 ayat (2): " + "; ".join(galat) + "."},
            code="susunan_tim",
        )


class TimPemetaan(models.Model):
    """Tim Pemetaan Potensi Kerja Sama Daerah of a PD, set by a Keputusan Kepala PD (Ps 10(1)).
    A new Keputusan replaces the team: the earlier one stays for the record, inactive."""

    perangkat_daerah = models.ForeignKey(
        "kerjasama.PerangkatDaerah", verbose_name=_("Perangkat Daerah"), on_delete=models.PROTECT,
        related_name="tim_pemetaan",
    )
    nomor_keputusan = models.CharField(_("nomor Keputusan Kepala PD"), max_length=120)
    tanggal_keputusan = models.DateField(_("tanggal Keputusan"))
    dokumen_keputusan = models.ForeignKey(
        "kerjasama.Dokumen", verbose_name=_("dokumen Keputusan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("Tim Pemetaan")
        verbose_name_plural = _("Tim Pemetaan")
        ordering = ["perangkat_daerah", "-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah"], condition=Q(aktif=True), name="tim_pemetaan_aktif_unik"),
        ]

    def __str__(self):
        return f"Tim Pemetaan {self.perangkat_daerah} ({self.nomor_keputusan})"

    def kekurangan(self) -> list[str]:
        """What keeps this team from being valid (Ps 10): empty when it is valid."""
        hasil = []
        if not self.aktif:
            hasil.append("Tim Pemetaan ini sudah diganti oleh Keputusan yang lebih baru.")
        if not (self.nomor_keputusan and self.tanggal_keputusan):
            hasil.append("Nomor dan tanggal Keputusan Kepala Perangkat Daerah belum dicatat (Pasal 10 ayat (1)).")
        if not self.dokumen_keputusan_id:
            hasil.append("Dokumen Keputusan Kepala Perangkat Daerah belum diunggah (Pasal 10 ayat (1)).")
        try:
            validasi_susunan_tim(list(self.anggota.values_list("peran", flat=True)))
        except ValidationError as exc:
            hasil.extend(exc.message_dict["anggota"])
        return hasil

    @property
    def sah(self) -> bool:
        return not self.kekurangan()


class AnggotaTimPemetaan(models.Model):
    tim = models.ForeignKey(TimPemetaan, on_delete=models.CASCADE, related_name="anggota")
    peran = models.CharField(_("kedudukan dalam tim"), max_length=20, choices=PeranTim.choices)
    nama = models.CharField(_("nama"), max_length=120)
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("anggota Tim Pemetaan")
        verbose_name_plural = _("anggota Tim Pemetaan")
        ordering = ["tim", "urutan", "id"]

    def __str__(self):
        return f"{self.nama} ({self.get_peran_display()})"


# ---------------------------------------------------------------------------------------------
# The cycle (Ps 11, 15–18, 20)
# ---------------------------------------------------------------------------------------------

TAHAPAN_SIKLUS = [
    Tahap(TahapSiklus.PENGUMPULAN_DATA, "Pengumpulan data", "Pasal 11–14", pelaku=(PELAKU_PD, SEKRETARIAT),
          keterangan="Setiap Perangkat Daerah menyusun dan menyampaikan rekomendasi; TKKSD memeriksa kelengkapannya."),
    Tahap(TahapSiklus.PLENO, "Rapat pleno TKKSD", "Pasal 15", pelaku=(KETUA, SEKRETARIAT),
          keterangan="TKKSD memilih usulan ke dalam Daftar Rencana Program dan Kegiatan dan menetapkan skala prioritas."),
    Tahap(TahapSiklus.BERITA_ACARA, "Berita acara pemetaan", "Pasal 16", pelaku=(KETUA,),
          keterangan="Ketua TKKSD menyampaikan rancangan Keputusan Wali Kota."),
    Tahap(TahapSiklus.DIAJUKAN_KE_WALI_KOTA, "Diajukan ke Wali Kota", "Pasal 17", pelaku=(WALI_KOTA,),
          keterangan="Wali Kota menetapkan Keputusan tentang Daftar Rencana Program dan Kegiatan."),
    Tahap(TahapSiklus.DITETAPKAN, "Ditetapkan", "Pasal 18–19", pelaku=(SEKRETARIAT,),
          keterangan="Daftar dibekukan; setiap item dapat dimulai sebagai kerja sama. Evaluasi paling sedikit setahun sekali."),
    Tahap(TahapSiklus.DIEVALUASI, "Dievaluasi", "Pasal 20", pelaku=(SEKRETARIAT,),
          keterangan="Evaluasi pemetaan dilakukan paling sedikit 1 (satu) tahun sekali."),
]


class SiklusPemetaan(ConcurrentTransitionMixin, models.Model):
    """One mapping cycle per year, opened by the TKKSD (Ps 11(1))."""

    tahun = models.PositiveIntegerField(
        _("tahun"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={"unique": _("Siklus pemetaan untuk tahun ini sudah ada.")},
    )
    # Transitions only (protected=True); optimistic locking through ConcurrentTransitionMixin.
    tahap = FSMField(_("tahap"), max_length=40, protected=True, default=TahapSiklus.PENGUMPULAN_DATA,
                     choices=TahapSiklus.choices, db_index=True)
    tahap_sejak = models.DateTimeField(_("di tahap ini sejak"), default=timezone.now)
    tanggal_dibuka = models.DateField(_("tanggal dibuka"), default=timezone.localdate)
    batas_pengumpulan = models.DateField(_("batas penyampaian data dan rekomendasi"))
    nomor_surat_permintaan = models.CharField(_("nomor surat permintaan data"), max_length=120, blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    tanggal_pleno = models.DateField(_("tanggal rapat pleno"), null=True, blank=True)
    tempat_pleno = models.CharField(_("tempat rapat pleno"), max_length=200, blank=True)
    nomor_berita_acara = models.CharField(_("nomor berita acara"), max_length=120, blank=True)
    tanggal_berita_acara = models.DateField(_("tanggal berita acara"), null=True, blank=True)
    tanggal_diajukan = models.DateField(_("tanggal diajukan ke Wali Kota"), null=True, blank=True)
    nomor_keputusan = models.CharField(_("nomor Keputusan Wali Kota"), max_length=120, blank=True)
    tanggal_keputusan = models.DateField(_("tanggal Keputusan Wali Kota"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    tahapan = TAHAPAN_SIKLUS

    class Meta:
        verbose_name = _("siklus pemetaan")
        verbose_name_plural = _("siklus pemetaan")
        ordering = ["-tahun"]

    def __str__(self):
        return f"Pemetaan {self.tahun}"

    @property
    def daftar_ditetapkan(self) -> bool:
        return self.tahap in TAHAP_DAFTAR_DITETAPKAN

    # Perwal 57/2023 Ps 14(1) and 15 huruf a: the plenary discusses the complete recommendations,
    # after the TKKSD has checked every one it received.
    @langkah(
        source=TahapSiklus.PENGUMPULAN_DATA, target=TahapSiklus.PLENO, label="Mulai rapat pleno",
        pasal="Pasal 15", pelaku=(KETUA,),
        isian=(
            Isian("tanggal_pleno", "Tanggal rapat pleno", "tanggal", peristiwa=True),
            Isian("tempat_pleno", "Tempat rapat pleno", "teks"),
        ),
        keterangan="Rekomendasi yang lengkap menjadi agenda rapat pleno (Pasal 15 huruf a); "
                   "rekomendasi yang belum lengkap tidak ikut dibahas.",
    )
    def mulai_pleno(self, *, by, data):
        T = TahapRekomendasi
        menunggu = list(self.rekomendasi.filter(tahap=T.DIAJUKAN).select_related("perangkat_daerah"))
        if menunggu:
            raise ValidationError(
                "Masih ada rekomendasi yang belum diperiksa kelengkapannya (Pasal 14 ayat (1)): "
                + ", ".join(str(r.perangkat_daerah) for r in menunggu)
                + ". Terima atau kembalikan terlebih dahulu."
            )
        if not self.rekomendasi.filter(tahap=T.LENGKAP).exists():
            raise ValidationError("Belum ada rekomendasi yang lengkap untuk dibahas dalam rapat pleno (Pasal 14–15).")
        if data["tanggal_pleno"] < self.tanggal_dibuka:
            raise ValidationError({"tanggal_pleno": "Tanggal rapat pleno tidak boleh sebelum siklus dibuka."})
        self.tanggal_pleno = data["tanggal_pleno"]
        self.tempat_pleno = data["tempat_pleno"]

    # Perwal 57/2023 Ps 16(1): hasil rapat pleno dituangkan dalam berita acara pemetaan, berisi
    # daftar rencana program dan kegiatan (huruf a) dan skala prioritas (huruf b).
    @langkah(
        source=TahapSiklus.PLENO, target=TahapSiklus.BERITA_ACARA, label="Catat berita acara pemetaan",
        pasal="Pasal 16 ayat (1)", pelaku=(SEKRETARIAT,),
        isian=(
            Isian("nomor_berita_acara", "Nomor berita acara", "teks"),
            Isian("tanggal_berita_acara", "Tanggal berita acara", "tanggal", peristiwa=True),
        ),
        keterangan="Berita acara (PDF) dihasilkan dari daftar berperingkat dan daftar hadir rapat pleno.",
    )
    def catat_berita_acara(self, *, by, data):
        galat = []
        if not self.daftar_rencana.exists():
            galat.append("Daftar Rencana Program dan Kegiatan masih kosong: pilih usulan dan beri peringkat "
                         "(skala prioritas) terlebih dahulu (Pasal 16 ayat (1)).")
        if not self.kehadiran.exists():
            galat.append("Daftar hadir rapat pleno belum dicatat.")
        if galat:
            raise ValidationError(galat)
        if self.tanggal_pleno and data["tanggal_berita_acara"] < self.tanggal_pleno:
            raise ValidationError({"tanggal_berita_acara": "Tanggal berita acara tidak boleh sebelum tanggal rapat pleno."})
        self.nomor_berita_acara = data["nomor_berita_acara"]
        self.tanggal_berita_acara = data["tanggal_berita_acara"]

    # Perwal 57/2023 Ps 17: the list, in a draft Keputusan Wali Kota, is sent by the Ketua TKKSD
    # to the Wali Kota.
    @langkah(
        source=TahapSiklus.BERITA_ACARA, target=TahapSiklus.DIAJUKAN_KE_WALI_KOTA,
        label="Ajukan rancangan Keputusan ke Wali Kota", pasal="Pasal 17", pelaku=(KETUA,),
        keterangan="Rancangan Keputusan Wali Kota (PDF) dengan lampiran daftar dihasilkan saat diajukan.",
    )
    def ajukan_ke_wali_kota(self, *, by, data):
        self.tanggal_diajukan = timezone.localdate()

    # Perwal 57/2023 Ps 18: Wali Kota menetapkan Keputusan tentang Daftar Rencana Program dan
    # Kegiatan; from then on the list is frozen.
    @langkah(
        source=TahapSiklus.DIAJUKAN_KE_WALI_KOTA, target=TahapSiklus.DITETAPKAN, label="Tetapkan Keputusan Wali Kota",
        pasal="Pasal 18", pelaku=(WALI_KOTA,), gaya="success",
        isian=(
            Isian("nomor_keputusan", "Nomor Keputusan Wali Kota", "teks"),
            Isian("tanggal_keputusan", "Tanggal Keputusan", "tanggal", peristiwa=True),
        ),
        keterangan="Setelah ditetapkan, daftar tidak dapat diubah lagi dan evaluasi pemetaan "
                   "paling lambat 1 (satu) tahun kemudian mulai dihitung (Pasal 20).",
    )
    def tetapkan(self, *, by, data):
        if self.tanggal_berita_acara and data["tanggal_keputusan"] < self.tanggal_berita_acara:
            raise ValidationError({"tanggal_keputusan": "Tanggal Keputusan tidak boleh sebelum tanggal berita acara."})
        self.nomor_keputusan = data["nomor_keputusan"]
        self.tanggal_keputusan = data["tanggal_keputusan"]

    # Perwal 57/2023 Ps 20: TKKSD mengevaluasi pemetaan yang telah ditetapkan, paling sedikit
    # 1 (satu) tahun sekali — so an evaluated cycle may be evaluated again.
    @langkah(
        source=[TahapSiklus.DITETAPKAN, TahapSiklus.DIEVALUASI], target=TahapSiklus.DIEVALUASI,
        label="Catat evaluasi pemetaan", pasal="Pasal 20", pelaku=(SEKRETARIAT,),
        isian=(
            Isian("tanggal_evaluasi", "Tanggal evaluasi", "tanggal", peristiwa=True),
            Isian("hasil", "Hasil evaluasi", "teks", panjang=True),
            Isian("tindak_lanjut", "Rekomendasi tindak lanjut", "teks", wajib=False, panjang=True),
        ),
        keterangan="Tenggat evaluasi berikutnya (paling lambat 1 tahun) dihitung dari tanggal evaluasi ini.",
    )
    def evaluasi(self, *, by, data):
        terakhir = self.evaluasi_set_terakhir()
        awal = terakhir.tanggal_evaluasi if terakhir else self.tanggal_keputusan
        if awal and data["tanggal_evaluasi"] < awal:
            raise ValidationError({"tanggal_evaluasi": f"Tanggal evaluasi tidak boleh sebelum {awal:%d-%m-%Y} "
                                                       "(Keputusan atau evaluasi sebelumnya)."})

    def evaluasi_set_terakhir(self):
        return self.daftar_evaluasi.order_by("-tanggal_evaluasi", "-id").first() if self.pk else None


class KehadiranPleno(models.Model):
    """Who attended the TKKSD plenary (Ps 15), for the berita acara."""

    siklus = models.ForeignKey(SiklusPemetaan, on_delete=models.CASCADE, related_name="kehadiran")
    nama = models.CharField(_("nama"), max_length=120)
    jabatan = models.CharField(_("jabatan"), max_length=200)
    unsur = models.CharField(_("unsur/instansi"), max_length=200, blank=True)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kehadiran rapat pleno")
        verbose_name_plural = _("kehadiran rapat pleno")
        ordering = ["siklus", "urutan", "id"]

    def __str__(self):
        return f"{self.nama}, {self.jabatan}"


class EvaluasiPemetaan(models.Model):
    """One evaluation of a set mapping by the TKKSD (Ps 20)."""

    siklus = models.ForeignKey(SiklusPemetaan, on_delete=models.PROTECT, related_name="daftar_evaluasi")
    tanggal_evaluasi = models.DateField(_("tanggal evaluasi"))
    hasil = models.TextField(_("hasil evaluasi"))
    tindak_lanjut = models.TextField(_("rekomendasi tindak lanjut"), blank=True)
    dievaluasi_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    dibuat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluasi pemetaan")
        verbose_name_plural = _("evaluasi pemetaan")
        ordering = ["siklus", "tanggal_evaluasi", "id"]

    def __str__(self):
        return f"Evaluasi {self.siklus} ({self.tanggal_evaluasi:%d-%m-%Y})"


# ---------------------------------------------------------------------------------------------
# The recommendation of a PD (Ps 12–14)
# ---------------------------------------------------------------------------------------------

TAHAPAN_REKOMENDASI = [
    Tahap(TahapRekomendasi.DRAFT, "Draf", "Pasal 12–13 ayat (1)", pelaku=(PELAKU_PD,)),
    Tahap(TahapRekomendasi.DIAJUKAN, "Diajukan ke TKKSD", "Pasal 13 ayat (2), Pasal 14 ayat (1)", pelaku=(SEKRETARIAT,)),
    Tahap(TahapRekomendasi.DIKEMBALIKAN, "Dikembalikan untuk dilengkapi", "Pasal 14 ayat (2)", pelaku=(PELAKU_PD,)),
    Tahap(TahapRekomendasi.LENGKAP, "Lengkap", "Pasal 14 ayat (1)", pelaku=(KETUA,)),
    Tahap(TahapRekomendasi.DIBAHAS, "Dibahas dalam rapat pleno", "Pasal 15", akhir=True),
]


def siklus_menerima_rekomendasi(rekomendasi) -> bool:
    """Recommendations are sent and checked while the cycle collects data (Ps 11–14)."""
    return rekomendasi.siklus.tahap == TahapSiklus.PENGUMPULAN_DATA


PESAN_SIKLUS_TUTUP = "Siklus pemetaan sudah tidak dalam tahap pengumpulan data: rapat pleno sudah dimulai."

# Ps 12 and Ps 13(1): the parts a recommendation must contain, with the Pasal of each.
BAGIAN_REKOMENDASI = (
    ("identifikasi_masalah", "Identifikasi dan pemetaan masalah dalam mencapai target dan indikator kinerja", "Pasal 12 huruf a"),
    ("target_indikator", "Target dan indikator kinerja yang dapat dicapai melalui kerja sama daerah", "Pasal 12 huruf b"),
    ("kebijakan_tindakan", "Kebijakan dan tindakan yang diperlukan", "Pasal 12 huruf c"),
    ("jangka_waktu", "Jangka waktu kerja sama", "Pasal 12 huruf d"),
    ("ruang_lingkup", "Ruang lingkup kerja sama", "Pasal 12 huruf d"),
    ("usulan_kebijakan", "Usulan kebijakan dan tindakan untuk merealisasikan kerja sama", "Pasal 13 ayat (1) huruf b"),
)


class Rekomendasi(ConcurrentTransitionMixin, models.Model):
    """A PD's recommendation for a cycle (Ps 12–13), checked by the TKKSD (Ps 14)."""

    siklus = models.ForeignKey(SiklusPemetaan, on_delete=models.PROTECT, related_name="rekomendasi")
    perangkat_daerah = models.ForeignKey(
        "kerjasama.PerangkatDaerah", verbose_name=_("Perangkat Daerah"), on_delete=models.PROTECT,
        related_name="rekomendasi_pemetaan",
    )
    tahap = FSMField(_("tahap"), max_length=20, protected=True, default=TahapRekomendasi.DRAFT,
                     choices=TahapRekomendasi.choices, db_index=True)
    tahap_sejak = models.DateTimeField(_("di tahap ini sejak"), default=timezone.now)
    # Ps 12 huruf a–d
    identifikasi_masalah = models.TextField(_("identifikasi dan pemetaan masalah"), blank=True)
    target_indikator = models.TextField(_("target dan indikator kinerja yang dapat dicapai"), blank=True)
    kebijakan_tindakan = models.TextField(_("kebijakan dan tindakan yang diperlukan"), blank=True)
    jangka_waktu = models.CharField(_("jangka waktu kerja sama"), max_length=200, blank=True)
    ruang_lingkup = models.TextField(_("ruang lingkup kerja sama"), blank=True)
    # Ps 13(1) huruf b
    usulan_kebijakan = models.TextField(_("usulan kebijakan dan tindakan"), blank=True)
    # The team that stood behind the recommendation when it was submitted (Ps 10).
    tim = models.ForeignKey(TimPemetaan, verbose_name=_("Tim Pemetaan"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="+")
    catatan_pengembalian = models.TextField(_("kekurangan yang harus dilengkapi"), blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    tahapan = TAHAPAN_REKOMENDASI

    class Meta:
        verbose_name = _("rekomendasi pemetaan")
        verbose_name_plural = _("rekomendasi pemetaan")
        ordering = ["siklus", "perangkat_daerah__nama"]
        constraints = [
            models.UniqueConstraint(fields=["siklus", "perangkat_daerah"], name="rekomendasi_satu_per_pd_per_siklus"),
        ]

    def __str__(self):
        return f"Rekomendasi {self.perangkat_daerah} — {self.siklus}"

    @property
    def dapat_diubah(self) -> bool:
        return self.tahap in TAHAP_REKOMENDASI_DAPAT_DIUBAH and self.siklus.tahap == TahapSiklus.PENGUMPULAN_DATA

    def tim_aktif(self):
        return TimPemetaan.objects.filter(perangkat_daerah_id=self.perangkat_daerah_id, aktif=True).first()

    def kekurangan(self) -> list[str]:
        """Every missing part (Ps 10, 12, 13): what blocks submission, and the TKKSD's checklist."""
        hasil = []
        tim = self.tim_aktif()
        if tim is None:
            hasil.append("Perangkat Daerah belum memiliki Tim Pemetaan yang ditetapkan dengan Keputusan Kepala "
                         "Perangkat Daerah (Pasal 10).")
        else:
            hasil.extend(tim.kekurangan())
        for nama, label, pasal in BAGIAN_REKOMENDASI:
            if not (getattr(self, nama) or "").strip():
                hasil.append(f"{label} belum diisi ({pasal}).")
        if not self.pk or not self.item.exists():
            hasil.append("Belum ada usulan rencana kerja sama daerah (Pasal 13 ayat (1) huruf a): isi paling sedikit satu item.")
        return hasil

    def _periksa_siap_diajukan(self, by) -> None:
        kekurangan = self.kekurangan()
        if kekurangan:
            raise ValidationError(kekurangan, code="belum_lengkap")
        self.tim = self.tim_aktif()
        self.catatan_pengembalian = ""
        self.diajukan_pada = timezone.now()

    # Perwal 57/2023 Ps 13(2): PD menyampaikan rekomendasi kepada TKKSD — with a valid Tim
    # Pemetaan (Ps 10) and every part of Ps 12–13.
    @langkah(
        source=TahapRekomendasi.DRAFT, target=TahapRekomendasi.DIAJUKAN, label="Ajukan ke TKKSD",
        pasal="Pasal 13 ayat (2)", pelaku=(PELAKU_PD,), conditions=[siklus_menerima_rekomendasi],
        pesan_syarat=PESAN_SIKLUS_TUTUP,
    )
    def ajukan(self, *, by, data):
        self._periksa_siap_diajukan(by)

    # Perwal 57/2023 Ps 13(2) after Ps 14(2): the completed recommendation is sent again.
    @langkah(
        source=TahapRekomendasi.DIKEMBALIKAN, target=TahapRekomendasi.DIAJUKAN, label="Ajukan ulang ke TKKSD",
        pasal="Pasal 13 ayat (2), Pasal 14 ayat (2)", pelaku=(PELAKU_PD,), conditions=[siklus_menerima_rekomendasi],
        pesan_syarat=PESAN_SIKLUS_TUTUP,
    )
    def ajukan_ulang(self, *, by, data):
        self._periksa_siap_diajukan(by)

    # Perwal 57/2023 Ps 14(2): TKKSD menyampaikan kembali rekomendasi yang belum lengkap —
    # saying what is missing.
    @langkah(
        source=TahapRekomendasi.DIAJUKAN, target=TahapRekomendasi.DIKEMBALIKAN, label="Kembalikan untuk dilengkapi",
        pasal="Pasal 14 ayat (2)", pelaku=(SEKRETARIAT,), komentar_wajib=True, gaya="warning",
        conditions=[siklus_menerima_rekomendasi], pesan_syarat=PESAN_SIKLUS_TUTUP,
        keterangan="Tuliskan bagian yang belum lengkap; Perangkat Daerah melihatnya dan mengajukan ulang.",
    )
    def kembalikan(self, *, by, data):
        self.catatan_pengembalian = data["komentar"]

    # Perwal 57/2023 Ps 14(1): TKKSD memeriksa kelengkapan rekomendasi.
    @langkah(
        source=TahapRekomendasi.DIAJUKAN, target=TahapRekomendasi.LENGKAP, label="Terima sebagai lengkap",
        pasal="Pasal 14 ayat (1)", pelaku=(SEKRETARIAT,), gaya="success",
        conditions=[siklus_menerima_rekomendasi], pesan_syarat=PESAN_SIKLUS_TUTUP,
    )
    def terima(self, *, by, data):
        kekurangan = self.kekurangan()
        if kekurangan:
            raise ValidationError(["Rekomendasi belum lengkap sehingga tidak dapat diterima:", *kekurangan])

    # Perwal 57/2023 Ps 15 huruf a: the complete recommendations are the plenary's agenda. Taken
    # for every complete recommendation when the Ketua TKKSD opens the plenary.
    @langkah(
        source=TahapRekomendasi.LENGKAP, target=TahapRekomendasi.DIBAHAS, label="Dibahas dalam rapat pleno",
        pasal="Pasal 15 huruf a", pelaku=(KETUA,), melalui_siklus=True,
    )
    def bahas(self, *, by, data):
        pass


def validasi_jangka_waktu_bulan(value):
    # A mapping item's term is not capped by the Perwal: Ps 26(1), 42(1) and 78(1) cap the KB and the
    # KSDPL/KSDLL Naskah, not every cooperation (a KSDPK on assets or infrastructure runs for decades).
    # Only a sanity bound against typing errors.
    if value is not None and value > MASA_WAJAR_MAKS_TAHUN * 12:
        raise ValidationError(
            f"Jangka waktu lebih dari {MASA_WAJAR_MAKS_TAHUN} tahun ({MASA_WAJAR_MAKS_TAHUN * 12} bulan) tidak wajar; "
            "periksa kembali.",
            code="jangka_waktu",
        )


class DataItemMixin(models.Model):
    """The data of a proposed cooperation plan (Ps 13(1) huruf a), carried from the proposal
    into the list and from the list into the case."""

    urusan = models.CharField(_("urusan pemerintahan"), max_length=200)
    program = models.CharField(_("program"), max_length=300)
    kegiatan = models.CharField(_("kegiatan"), max_length=300)
    jenis_usulan = models.CharField(_("jenis kerja sama yang diusulkan"), max_length=5, choices=Jenis.choices)
    calon_mitra = models.CharField(_("calon mitra"), max_length=200, blank=True,
                                   help_text=_("Bila sudah diketahui."))
    mitra = models.ForeignKey("kerjasama.Mitra", verbose_name=_("mitra terdaftar"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              help_text=_("Bila calon mitra sudah terdaftar di SIKSD."))
    jangka_waktu_bulan = models.PositiveSmallIntegerField(
        _("jangka waktu (bulan)"), validators=[MinValueValidator(1), validasi_jangka_waktu_bulan],
    )
    ruang_lingkup = models.TextField(_("ruang lingkup"))

    class Meta:
        abstract = True

    @property
    def nama_calon_mitra(self) -> str:
        return self.calon_mitra or (self.mitra.nama if self.mitra_id else "")

    @property
    def jangka_waktu_label(self) -> str:
        tahun, bulan = divmod(self.jangka_waktu_bulan or 0, 12)
        bagian = ([f"{tahun} tahun"] if tahun else []) + ([f"{bulan} bulan"] if bulan else [])
        return " ".join(bagian) or "—"


class ItemUsulan(DataItemMixin):
    """One proposed cooperation plan of a recommendation (Ps 13(1) huruf a)."""

    rekomendasi = models.ForeignKey(Rekomendasi, on_delete=models.CASCADE, related_name="item")
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("usulan rencana kerja sama")
        verbose_name_plural = _("usulan rencana kerja sama")
        ordering = ["rekomendasi", "urutan", "id"]

    def __str__(self):
        return f"{self.jenis_usulan}: {self.kegiatan}"


class ItemRencana(DataItemMixin):
    """An item of the Daftar Rencana Program dan Kegiatan Kerja Sama Daerah, chosen in the
    plenary from the proposed items with its priority rank (Ps 15 huruf b–c, Ps 16(1)), set by the
    Keputusan Wali Kota (Ps 18), and the cooperation case it started (cross-app contract:
    `kerjasama` with related_name "item_pemetaan", `jenis_usulan`)."""

    siklus = models.ForeignKey(SiklusPemetaan, on_delete=models.PROTECT, related_name="daftar_rencana")
    item_usulan = models.OneToOneField(ItemUsulan, on_delete=models.PROTECT, related_name="item_rencana")
    perangkat_daerah = models.ForeignKey("kerjasama.PerangkatDaerah", verbose_name=_("Perangkat Daerah"),
                                         on_delete=models.PROTECT, related_name="item_rencana_pemetaan")
    peringkat = models.PositiveIntegerField(_("peringkat (skala prioritas)"), validators=[MinValueValidator(1)])
    catatan = models.CharField(_("catatan rapat pleno"), max_length=300, blank=True)
    kerjasama = models.OneToOneField(
        "kerjasama.KerjaSama", verbose_name=_("kerja sama"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="item_pemetaan",
    )
    dimulai_pada = models.DateTimeField(_("dimulai sebagai kerja sama pada"), null=True, blank=True)
    dimulai_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        verbose_name = _("item Daftar Rencana Program dan Kegiatan")
        verbose_name_plural = _("Daftar Rencana Program dan Kegiatan")
        ordering = ["siklus", "peringkat"]
        constraints = [
            models.UniqueConstraint(fields=["siklus", "peringkat"], name="item_rencana_peringkat_unik"),
        ]

    def __str__(self):
        return f"{self.siklus.tahun} #{self.peringkat} {self.kegiatan}"

    @property
    def judul_kasus(self) -> str:
        return f"{self.kegiatan} ({self.program})"[:300]

    def uraian_kasus(self) -> str:
        baris = [
            f"Dari Daftar Rencana Program dan Kegiatan Kerja Sama Daerah tahun {self.siklus.tahun}, "
            f"peringkat {self.peringkat}"
            + (f" (Keputusan Wali Kota Nomor {self.siklus.nomor_keputusan}"
               f" tanggal {self.siklus.tanggal_keputusan:%d-%m-%Y})" if self.siklus.tanggal_keputusan else "") + ".",
            f"Urusan: {self.urusan}",
            f"Program: {self.program}",
            f"Kegiatan: {self.kegiatan}",
            f"Jangka waktu yang diusulkan: {self.jangka_waktu_label}",
        ]
        if self.nama_calon_mitra:
            baris.append(f"Calon mitra: {self.nama_calon_mitra}")
        baris.append(f"Ruang lingkup: {self.ruang_lingkup}")
        return "\n".join(baris)
