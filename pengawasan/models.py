"""Records of supervision (Perwal 57/2023 BAB VI and VIII, Ps 84–88; Perwal 75/2021).

Every cooperation in pelaksanaan, whatever its kind, is supervised through these records; they
hang off the registry (`kerjasama.KerjaSama`), never off a kind's model.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .constants import (
    PASAL_EVALUASI,
    PASAL_PEMANTAUAN,
    BentukPembinaan,
    HurufEvaluasi,
    JenisKegiatan,
    KedudukanTim,
    KedudukanTimPembinaan,
    PenilaianKewajibanStatus,
    Rekomendasi,
    SifatKegiatan,
    SifatLaporanMitra,
    StatusTindakLanjut,
    TahapKegiatan,
)

# --- Ps 84: Tim Pembinaan dan Pengawasan ------------------------------------------------------


class TimPembinaanPengawasan(models.Model):
    """The team the Wali Kota forms by Keputusan to carry out pembinaan and pengawasan (Ps 84(2)–(3))."""

    nomor_keputusan = models.CharField(_("nomor Keputusan Wali Kota"), max_length=120)
    tanggal_keputusan = models.DateField(_("tanggal Keputusan"))
    perihal = models.CharField(
        _("perihal"), max_length=300,
        default="Pembentukan Tim Pembinaan dan Pengawasan Kerja Sama Daerah Kota Bekasi",
    )
    berlaku_mulai = models.DateField(_("berlaku mulai"), null=True, blank=True)
    berlaku_sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)
    dokumen = models.ForeignKey(
        "kerjasama.Dokumen", verbose_name=_("dokumen Keputusan"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Tim Pembinaan dan Pengawasan")
        verbose_name_plural = _("Tim Pembinaan dan Pengawasan")
        ordering = ["-tanggal_keputusan", "-id"]

    def __str__(self):
        return f"Keputusan Wali Kota {self.nomor_keputusan}"


class AnggotaTimPembinaan(models.Model):
    tim = models.ForeignKey(TimPembinaanPengawasan, on_delete=models.CASCADE, related_name="anggota")
    kedudukan = models.CharField(_("kedudukan"), max_length=20, choices=KedudukanTimPembinaan.choices)
    nama = models.CharField(_("nama"), max_length=120, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200)
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("akun SIKSD"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("anggota Tim Pembinaan dan Pengawasan")
        verbose_name_plural = _("anggota Tim Pembinaan dan Pengawasan")
        ordering = ["tim", "urutan", "id"]

    def __str__(self):
        return f"{self.get_kedudukan_display()}: {self.jabatan}"


# --- Perwal 75/2021 Ps 8: Tim Pengawasan per cooperation ---------------------------------------


class TimPengawasan(models.Model):
    """The team the Ketua TKKSD assigns to review one cooperation (Perwal 75/2021 Ps 8(1))."""

    kerjasama = models.OneToOneField("kerjasama.KerjaSama", on_delete=models.CASCADE, related_name="tim_pengawasan")
    nomor_surat_tugas = models.CharField(_("nomor surat tugas"), max_length=120, blank=True)
    tanggal_surat_tugas = models.DateField(_("tanggal surat tugas"), null=True, blank=True)
    dibentuk_pada = models.DateTimeField(_("dibentuk pada"), auto_now_add=True)
    # Perwal 75/2021 Ps 8(1): the Sekretariat prepares the surat tugas, the Ketua TKKSD assigns the team.
    ditugaskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ditugaskan oleh Ketua TKKSD"),
                                        null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ditugaskan_pada = models.DateTimeField(_("ditugaskan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("Tim Pengawasan")
        verbose_name_plural = _("Tim Pengawasan")

    def __str__(self):
        return f"Tim Pengawasan {self.kerjasama.nomor}"

    @property
    def ditugaskan(self) -> bool:
        return self.ditugaskan_pada is not None


class AnggotaTimPengawasan(models.Model):
    tim = models.ForeignKey(TimPengawasan, on_delete=models.CASCADE, related_name="anggota")
    kedudukan = models.CharField(_("kedudukan"), max_length=20, choices=KedudukanTim.choices)
    jabatan = models.CharField(_("jabatan/unsur"), max_length=200)
    nama = models.CharField(_("nama"), max_length=120, blank=True)
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("akun SIKSD"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="keanggotaan_tim_pengawasan")
    perangkat_daerah = models.ForeignKey("kerjasama.PerangkatDaerah", verbose_name=_("Perangkat Daerah"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    urutan = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("anggota Tim Pengawasan")
        verbose_name_plural = _("anggota Tim Pengawasan")
        ordering = ["tim", "urutan", "id"]

    def __str__(self):
        siapa = self.nama or (self.pengguna.get_full_name() if self.pengguna_id else "") or self.jabatan
        return f"{self.get_kedudukan_display()}: {siapa}"


# --- Ps 85 (Pembinaan) ------------------------------------------------------------------------


class KegiatanPembinaan(models.Model):
    """One pembinaan activity for Perangkat Daerah (Pasal 85 (Pembinaan) huruf a–e)."""

    bentuk = models.CharField(_("bentuk pembinaan"), max_length=20, choices=BentukPembinaan.choices)
    judul = models.CharField(_("judul kegiatan"), max_length=300)
    tanggal = models.DateField(_("tanggal"), db_index=True)
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)
    perangkat_daerah = models.ManyToManyField("kerjasama.PerangkatDaerah", verbose_name=_("Perangkat Daerah sasaran"),
                                              related_name="pembinaan_diterima")
    jumlah_peserta = models.PositiveIntegerField(_("jumlah peserta"), default=0)
    peserta = models.TextField(_("peserta"), blank=True)
    materi = models.TextField(_("materi"))
    catatan = models.TextField(_("catatan"), blank=True)
    dokumen = models.ForeignKey("kerjasama.Dokumen", verbose_name=_("bahan/materi"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kegiatan pembinaan")
        verbose_name_plural = _("kegiatan pembinaan")
        ordering = ["-tanggal", "-id"]

    def __str__(self):
        return f"{self.get_bentuk_display()}: {self.judul} ({self.tanggal:%d-%m-%Y})"


# --- Ps 87: Laporan mitra -----------------------------------------------------------------------


class LaporanMitra(models.Model):
    """A partner's 6-monthly (or requested) report on the cooperation (Ps 87(1))."""

    kerjasama = models.ForeignKey("kerjasama.KerjaSama", on_delete=models.CASCADE, related_name="laporan_mitra")
    # The reporting period's deadline (rule `laporan_mitra`) this report answers; empty for a report
    # asked for "pada saat diperlukan".
    tenggat = models.ForeignKey("kerjasama.Tenggat", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    sifat = models.CharField(_("sifat"), max_length=20, choices=SifatLaporanMitra.choices,
                             default=SifatLaporanMitra.BERKALA)
    periode_mulai = models.DateField(_("periode mulai"))
    periode_selesai = models.DateField(_("periode selesai"))
    kemajuan = models.TextField(_("kemajuan pelaksanaan"))
    permasalahan = models.TextField(_("permasalahan"), blank=True)
    dokumen = models.ForeignKey("kerjasama.Dokumen", verbose_name=_("berkas laporan"), null=True,
                                on_delete=models.PROTECT, related_name="+")
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Staff entered a report the partner delivered on paper (on the partner's behalf).
    atas_nama_mitra = models.BooleanField(_("dicatat staf atas nama mitra"), default=False)
    tanggal_diterima = models.DateField(_("tanggal diterima"))
    terlambat = models.BooleanField(_("terlambat"), default=False)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("laporan mitra")
        verbose_name_plural = _("laporan mitra")
        ordering = ["-periode_selesai", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenggat"], condition=Q(tenggat__isnull=False),
                                    name="laporan_mitra_satu_per_periode"),
            models.CheckConstraint(condition=Q(periode_selesai__gte=models.F("periode_mulai")),
                                   name="laporan_mitra_periode_urut"),
        ]

    def __str__(self):
        return f"Laporan mitra {self.periode_mulai:%d-%m-%Y} s.d. {self.periode_selesai:%d-%m-%Y}"


# --- Ps 85(1)–(5), Ps 88: pemantauan and evaluasi ---------------------------------------------


def _izin_pengawas(instance, user) -> bool:
    from .permissions import dapat_mengawasi

    return dapat_mengawasi(user, instance.kerjasama)


def _izin_ketua(instance, user) -> bool:
    from .permissions import dapat_menerima_laporan

    return dapat_menerima_laporan(user, instance.kerjasama)


def _izin_batal(instance, user) -> bool:
    from .permissions import dapat_mengawasi

    return instance.sifat == SifatKegiatan.SAAT_DIPERLUKAN and dapat_mengawasi(user, instance.kerjasama)


class KegiatanPengawasan(ConcurrentTransitionMixin, models.Model):
    """One monitoring or evaluation of a cooperation, with its own stage machine:
    direncanakan → dilaksanakan → laporan diajukan → diterima Ketua TKKSD.
    Only services change `tahap` (protected), each audited on the cooperation."""

    kerjasama = models.ForeignKey("kerjasama.KerjaSama", on_delete=models.CASCADE, related_name="kegiatan_pengawasan")
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisKegiatan.choices)
    sifat = models.CharField(_("sifat"), max_length=20, choices=SifatKegiatan.choices)
    tahap = FSMField(_("tahap"), max_length=30, choices=TahapKegiatan.choices, default=TahapKegiatan.DIRENCANAKAN,
                     protected=True, db_index=True)
    # The cycle deadline (rule pemantauan/evaluasi) a scheduled activity answers.
    tenggat = models.ForeignKey("kerjasama.Tenggat", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    jatuh_tempo = models.DateField(_("jatuh tempo"), null=True, blank=True)
    tanggal_rencana = models.DateField(_("tanggal rencana"), null=True, blank=True)
    keterangan = models.TextField(_("keterangan/alasan"), blank=True)

    tanggal_pelaksanaan = models.DateField(_("tanggal pelaksanaan"), null=True, blank=True)
    lokasi = models.CharField(_("lokasi"), max_length=300, blank=True)
    # Methods: Ps 85(2) for pemantauan (a. dokumen laporan mitra; b. tinjau lokasi),
    # Ps 85(4) for evaluasi (FGD, analysing a. hak dan kewajiban; b. tinjau lokasi; c. wawancara dan dokumentasi).
    analisa_laporan_mitra = models.BooleanField(_("analisa dokumen laporan mitra"), default=False)
    tinjau_lokasi = models.BooleanField(_("tinjau lokasi"), default=False)
    fgd = models.BooleanField(_("forum group discussion dengan mitra dan PD"), default=False)
    wawancara_dokumentasi = models.BooleanField(_("wawancara dan dokumentasi"), default=False)
    peserta = models.TextField(_("peserta"), blank=True)
    hasil = models.TextField(_("hasil pengamatan/analisa"), blank=True)
    permasalahan = models.TextField(_("permasalahan yang diidentifikasi"), blank=True)
    solusi = models.TextField(_("solusi yang dirumuskan"), blank=True)
    saran = models.TextField(_("saran/masukan untuk Ketua TKKSD"), blank=True)

    ringkasan_laporan = models.TextField(_("ringkasan laporan"), blank=True)
    laporan_mitra = models.ManyToManyField(LaporanMitra, verbose_name=_("laporan mitra yang dianalisa"), blank=True,
                                           related_name="kegiatan")
    diajukan_pada = models.DateTimeField(_("laporan diajukan pada"), null=True, blank=True)
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    diterima_pada = models.DateTimeField(_("laporan diterima pada"), null=True, blank=True)
    diterima_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    catatan_ketua = models.TextField(_("catatan Ketua TKKSD"), blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kegiatan pengawasan")
        verbose_name_plural = _("kegiatan pengawasan")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [models.Index(fields=["kerjasama", "jenis", "tahap"])]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.kerjasama.nomor} ({self.get_sifat_display().lower()})"

    @property
    def pasal(self) -> str:
        return PASAL_PEMANTAUAN if self.jenis == JenisKegiatan.PEMANTAUAN else PASAL_EVALUASI

    @property
    def judul(self) -> str:
        return f"{self.get_jenis_display()} #{self.pk} — {self.kerjasama.nomor}"

    # Perwal 57/2023 Ps 85(2) (pemantauan) / Ps 85(4) (evaluasi): the team carries it out
    @transition(field=tahap, source=TahapKegiatan.DIRENCANAKAN, target=TahapKegiatan.DILAKSANAKAN,
                permission=_izin_pengawas,
                custom={"label": "Catat pelaksanaan", "pasal": "Pasal 85 ayat (2) dan (4)", "gaya": "primary"})
    def laksanakan(self):
        pass

    # Perwal 57/2023 Ps 88(1)–(2): the report goes to the Ketua TKKSD with its attachments
    @transition(field=tahap, source=TahapKegiatan.DILAKSANAKAN, target=TahapKegiatan.LAPORAN_DIAJUKAN,
                permission=_izin_pengawas,
                custom={"label": "Ajukan laporan ke Ketua TKKSD", "pasal": "Pasal 88 ayat (1)–(2)", "gaya": "primary"})
    def ajukan_laporan(self):
        pass

    # Perwal 57/2023 Ps 88; Perwal 75/2021 Ps 8(3) huruf d–e: the Ketua TKKSD receives the report
    @transition(field=tahap, source=TahapKegiatan.LAPORAN_DIAJUKAN, target=TahapKegiatan.DITERIMA,
                permission=_izin_ketua,
                custom={"label": "Terima laporan", "pasal": "Pasal 88; Perwal 75/2021 Pasal 8 ayat (3)", "gaya": "success"})
    def terima_laporan(self):
        pass

    # Returned for revision by the Ketua TKKSD (reason required)
    @transition(field=tahap, source=TahapKegiatan.LAPORAN_DIAJUKAN, target=TahapKegiatan.DILAKSANAKAN,
                permission=_izin_ketua,
                custom={"label": "Kembalikan laporan untuk diperbaiki", "pasal": "Pasal 88", "gaya": "warning",
                        "komentar_wajib": True})
    def kembalikan_laporan(self):
        pass

    # Only a "when needed" activity can be called off; a scheduled one is owed (Ps 85(3), 85(5))
    @transition(field=tahap, source=TahapKegiatan.DIRENCANAKAN, target=TahapKegiatan.DIBATALKAN,
                permission=_izin_batal,
                custom={"label": "Batalkan kegiatan", "pasal": "Pasal 85 ayat (3) dan (5)", "gaya": "danger",
                        "komentar_wajib": True})
    def batalkan(self):
        pass

    # The system ends planned activities when the cooperation leaves pelaksanaan
    @transition(field=tahap, source=TahapKegiatan.DIRENCANAKAN, target=TahapKegiatan.DIBATALKAN,
                permission=lambda instance, user: False, custom={"label": "Dihentikan sistem", "sistem": True})
    def hentikan_sistem(self):
        pass


class PenilaianKewajiban(models.Model):
    """How the partner carried out one obligation of the PKS/KB (Ps 85(4) huruf a).
    The obligation's text is kept, because the obligations list of a case can be replaced."""

    kegiatan = models.ForeignKey(KegiatanPengawasan, on_delete=models.CASCADE, related_name="penilaian")
    kewajiban = models.ForeignKey("kerjasama.Kewajiban", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    pihak = models.CharField(_("pihak"), max_length=10)
    uraian = models.TextField(_("uraian kewajiban"))
    dasar = models.CharField(_("dasar"), max_length=120, blank=True)
    status = models.CharField(_("penilaian"), max_length=20, choices=PenilaianKewajibanStatus.choices)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("penilaian kewajiban")
        verbose_name_plural = _("penilaian kewajiban")
        ordering = ["kegiatan", "id"]

    def __str__(self):
        return f"{self.uraian[:60]}: {self.get_status_display()}"


class BagianEvaluasi(models.Model):
    """One required part of an evaluation's analysis (Perwal 57/2023 Ps 85(4) huruf a, b, c): the
    finding and its evidence, a document (an attachment of the activity or a document of the case) or
    a reference to data recorded in SIKSD. An evaluation's report is not submitted, nor accepted,
    until each part is filled (services.kegiatan_ajukan_laporan / kegiatan_terima_laporan).

    Huruf a cannot be met vacuously: when the cooperation records no obligation of the partner, the
    team either records them first or states here, with its reason, that the agreement stipulates none
    (`tanpa_kewajiban`, audited)."""

    kegiatan = models.ForeignKey(KegiatanPengawasan, on_delete=models.CASCADE, related_name="bagian")
    huruf = models.CharField(_("huruf Pasal 85 ayat (4)"), max_length=1, choices=HurufEvaluasi.choices)
    temuan = models.TextField(_("temuan"))
    dokumen = models.ForeignKey("kerjasama.Dokumen", verbose_name=_("bukti: dokumen"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    rujukan = models.TextField(_("bukti: rujukan data tercatat"), blank=True)
    # Huruf a only: the agreement stipulates no obligation of the partner (stated, with reason).
    tanpa_kewajiban = models.BooleanField(_("perjanjian tidak menetapkan kewajiban mitra"), default=False)
    alasan_tanpa_kewajiban = models.TextField(_("alasan"), blank=True)
    diisi_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    diisi_pada = models.DateTimeField(_("diisi pada"), auto_now=True)

    class Meta:
        verbose_name = _("bagian analisa evaluasi")
        verbose_name_plural = _("bagian analisa evaluasi")
        ordering = ["kegiatan", "huruf"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "huruf"], name="bagian_evaluasi_satu_per_huruf"),
            models.CheckConstraint(condition=Q(tanpa_kewajiban=False) | Q(huruf="a"),
                                   name="bagian_evaluasi_tanpa_kewajiban_hanya_huruf_a"),
        ]

    def __str__(self):
        return f"Pasal 85 ayat (4) huruf {self.huruf}: {self.temuan[:60]}"

    @property
    def bukti_teks(self) -> str:
        """The evidence in words, for the matrix PDF/Excel and the report."""
        bagian = []
        if self.dokumen_id:
            bagian.append(f"Dokumen: {self.dokumen.get_jenis_display()} \u2014 {self.dokumen.judul}")
        if self.rujukan:
            bagian.append(f"Rujukan: {self.rujukan}")
        if self.tanpa_kewajiban:
            bagian.append(f"Perjanjian tidak menetapkan kewajiban bagi mitra: {self.alasan_tanpa_kewajiban}")
        return "; ".join(bagian)


class BarisMatrik(models.Model):
    """One row of the matrik hasil evaluasi (Ps 85(6) huruf a–h), its rekomendasi from Ps 85(7)."""

    kegiatan = models.ForeignKey(KegiatanPengawasan, on_delete=models.CASCADE, related_name="matrik")
    urutan = models.PositiveIntegerField(default=0)
    dasar_perjanjian = models.TextField(_("a. dasar perjanjian kerja sama/kesepakatan bersama"))
    materi_evaluasi = models.TextField(_("b. materi evaluasi"))
    permasalahan = models.TextField(_("c. permasalahan"))
    solusi = models.TextField(_("d. solusi"))
    tindak_lanjut = models.TextField(_("e. tindak lanjut"))
    perangkat_daerah = models.ForeignKey("kerjasama.PerangkatDaerah", verbose_name=_("f. Perangkat Daerah penanggung jawab"),
                                         on_delete=models.PROTECT, related_name="+")
    keterangan = models.TextField(_("g. keterangan"), blank=True)
    rekomendasi = models.CharField(_("h. rekomendasi"), max_length=30, choices=Rekomendasi.choices)
    kewajiban = models.ForeignKey("kerjasama.Kewajiban", verbose_name=_("kewajiban yang dievaluasi"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("baris matrik hasil evaluasi")
        verbose_name_plural = _("matrik hasil evaluasi")
        ordering = ["kegiatan", "urutan", "id"]

    def __str__(self):
        return f"{self.urutan}. {self.materi_evaluasi[:60]} → {self.get_rekomendasi_display()}"


class TindakLanjut(models.Model):
    """The follow-up of one recommendation, tracked until it is closed (Ps 85(7))."""

    baris = models.OneToOneField(BarisMatrik, on_delete=models.PROTECT, related_name="tindaklanjut")
    kerjasama = models.ForeignKey("kerjasama.KerjaSama", on_delete=models.CASCADE, related_name="tindak_lanjut")
    jenis = models.CharField(_("rekomendasi"), max_length=30, choices=Rekomendasi.choices)
    uraian = models.TextField(_("uraian tindak lanjut"))
    penanggung_jawab = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("penanggung jawab"), null=True,
                                         blank=True, on_delete=models.SET_NULL, related_name="tindak_lanjut_saya")
    perangkat_daerah = models.ForeignKey("kerjasama.PerangkatDaerah", verbose_name=_("Perangkat Daerah penanggung jawab"),
                                         null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    batas_waktu = models.DateField(_("batas waktu"), db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=StatusTindakLanjut.choices,
                              default=StatusTindakLanjut.TERBUKA, db_index=True)
    # What the follow-up opened: a new case, a warning letter, an extension… (see the registry in services)
    objek_tipe = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    objek_id = models.PositiveBigIntegerField(null=True, blank=True)
    objek = GenericForeignKey("objek_tipe", "objek_id")
    tautan = models.CharField(_("tautan"), max_length=300, blank=True)
    tautan_label = models.CharField(_("label tautan"), max_length=200, blank=True)
    catatan = models.TextField(_("catatan sistem"), blank=True)
    hasil = models.TextField(_("hasil/penyelesaian"), blank=True)
    diselesaikan_pada = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    diselesaikan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tindak lanjut rekomendasi")
        verbose_name_plural = _("tindak lanjut rekomendasi")
        ordering = ["status", "batas_waktu", "id"]

    def __str__(self):
        return f"{self.get_jenis_display()} — {self.kerjasama.nomor}"
