"""Core records: organisations, users, the registry of all cooperations, documents,
deadlines, audit and notifications. Each kind's app extends `KerjaSama` (multi-table
inheritance) with its own data and django-fsm stage machine on the shared `tahap` field."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField
from django_fsm import ConcurrentTransitionMixin, FSMField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .alur import Isian, Tahap, daftar_tahapan, langkah
from .constants import (
    PELAKU_SISTEM,
    Asal,
    CaraHitung,
    Inisiatif,
    Jenis,
    JenisDokumen,
    JenisMitra,
    Klasifikasi,
    Peran,
    StatusDokumen,
    StatusTenggat,
)


class Wilayah(models.Model):
    """Indonesian provinces and kabupaten/kota (Kemendagri codes), with a point for the public map."""

    class Tingkat(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    kode = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    nama = models.CharField(_("nama"), max_length=120)
    tingkat = models.CharField(_("tingkat"), max_length=10, choices=Tingkat.choices)
    induk = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="anak")
    lintang = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    bujur = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["kode"]

    def __str__(self):
        return self.nama


class PerangkatDaerah(models.Model):
    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    nama_kepala = models.CharField(_("nama kepala"), max_length=120, blank=True)
    nip_kepala = models.CharField(_("NIP kepala"), max_length=30, blank=True)
    jabatan_kepala = models.CharField(_("jabatan kepala"), max_length=200, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    # Every user of this PD is in this group; a case grants it view access (guardian).
    grup = models.OneToOneField(Group, null=True, blank=True, on_delete=models.SET_NULL, editable=False)

    class Meta:
        verbose_name = _("Perangkat Daerah")
        verbose_name_plural = _("Perangkat Daerah")
        ordering = ["nama"]

    def __str__(self):
        return self.singkatan or self.nama


class Mitra(models.Model):
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis mitra"), max_length=30, choices=JenisMitra.choices)
    bentuk_hukum = models.CharField(_("bentuk hukum"), max_length=100, blank=True)
    nib = models.CharField(_("NIB"), max_length=30, blank=True)
    npwp = models.CharField(_("NPWP"), max_length=30, blank=True)
    negara = CountryField(_("negara"), default="ID")
    wilayah = models.ForeignKey(
        Wilayah, verbose_name=_("wilayah"), null=True, blank=True, on_delete=models.PROTECT,
        help_text=_("Untuk mitra daerah lain di Indonesia."),
    )
    alamat = models.TextField(_("alamat"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=40, blank=True)
    nama_pimpinan = models.CharField(_("nama pimpinan"), max_length=120, blank=True)
    jabatan_pimpinan = models.CharField(_("jabatan pimpinan"), max_length=200, blank=True)
    nama_perwakilan = models.CharField(_("nama perwakilan"), max_length=120, blank=True)
    lintang = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    bujur = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    grup = models.OneToOneField(Group, null=True, blank=True, on_delete=models.SET_NULL, editable=False)

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["nama"]

    def __str__(self):
        return self.nama


# Each language named in its own words: a user who cannot read the current one still finds theirs.
BAHASA_ANTARMUKA = [("id", "Bahasa Indonesia"), ("en", "English")]


class Pengguna(AbstractUser):
    """A user. Its role is its group (Peran); a PD or mitra user is linked to its organisation."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, verbose_name=_("Perangkat Daerah"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="pengguna",
    )
    mitra = models.ForeignKey(
        Mitra, verbose_name=_("mitra"), null=True, blank=True, on_delete=models.PROTECT, related_name="pengguna"
    )
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    # The interface language (issue 14): Indonesian by default; a foreign partner's staff may choose English.
    # Official documents (naskah dinas, letters) stay Indonesian whatever is chosen here.
    bahasa = models.CharField(_("bahasa antarmuka"), max_length=5, choices=BAHASA_ANTARMUKA, default="id")

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def peran(self) -> frozenset[str]:
        # Cached per instance: asked many times per request.
        if not hasattr(self, "_peran_cache"):
            names = set(self.groups.values_list("name", flat=True)) if self.pk else set()
            self._peran_cache = frozenset(names & set(Peran.values))
        return self._peran_cache

    def punya_peran(self, *peran: str) -> bool:
        return bool(self.peran & set(peran))


class KerjaSama(ConcurrentTransitionMixin, models.Model):
    """One entry per cooperation of any kind: the registry (spec README, "One registry")."""

    nomor = models.CharField(_("nomor registrasi"), max_length=40, unique=True, editable=False)
    judul = models.CharField(_("judul"), max_length=300)
    jenis = models.CharField(_("jenis"), max_length=5, choices=Jenis.choices, db_index=True)
    inisiatif = models.CharField(_("inisiatif"), max_length=10, choices=Inisiatif.choices, default=Inisiatif.DAERAH)
    asal = models.CharField(_("asal"), max_length=10, choices=Asal.choices, default=Asal.BARU)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, verbose_name=_("PD Pemrakarsa"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="kerjasama",
    )
    mitra = models.ForeignKey(
        Mitra, verbose_name=_("mitra"), null=True, blank=True, on_delete=models.PROTECT, related_name="kerjasama"
    )
    # The stage machine of each kind lives in its app; transitions only (protected=True).
    tahap = FSMField(_("tahap"), max_length=50, protected=True, db_index=True)
    tahap_sejak = models.DateTimeField(_("di tahap ini sejak"), default=timezone.now)
    # The concrete model ("ksdd.kasusksdd") that holds this case's machine.
    kelas = models.CharField(max_length=60, editable=False)
    uraian = models.TextField(_("uraian/ruang lingkup"), blank=True)
    tanggal_penandatanganan = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    tanggal_mulai = models.DateField(_("tanggal mulai"), null=True, blank=True)
    tanggal_berakhir = models.DateField(_("tanggal berakhir"), null=True, blank=True, db_index=True)
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    alasan_selesai = models.TextField(_("alasan berakhir"), blank=True)
    nilai = models.BigIntegerField(_("nilai (Rp)"), null=True, blank=True)
    sumber_dana = models.CharField(_("sumber pendanaan"), max_length=200, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("kerja sama")
        verbose_name_plural = _("kerja sama")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [
            models.Index(fields=["jenis", "tahap"]),
            models.Index(fields=["perangkat_daerah", "tahap"]),
            models.Index(fields=["kelas", "tahap"]),
        ]
        permissions = [
            ("tandatangani_kerjasama", _("Menandatangani atas nama Wali Kota (surat kuasa)")),
            ("anggota_tidak_tetap", _("Anggota Tidak Tetap TKKSD untuk kerja sama ini")),
        ]

    def __str__(self):
        return f"{self.nomor} — {self.judul}"

    def clean(self):
        from .validators import validasi_urutan_masa

        # A legacy agreement is entered as it was signed: the Perwal caps only the KB (Ps 26(1), 42(1)) and the
        # KSDPL/KSDLL Naskah (Ps 78(1), checked by KasusKsdln.clean); here only order and sanity bounds.
        if self.tanggal_mulai and self.tanggal_berakhir:
            validasi_urutan_masa(self.tanggal_mulai, self.tanggal_berakhir)

    def kasus(self):
        """The concrete case (KasusKsdd, KasusKsdln…) holding this cooperation's stage machine."""
        model = apps.get_model(self.kelas)
        if isinstance(self, model):
            return self
        return model.objects.get(pk=self.pk)

    @property
    def model_kasus(self):
        return apps.get_model(self.kelas)


class KerjaSamaUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(KerjaSama, on_delete=models.CASCADE)


class KerjaSamaGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(KerjaSama, on_delete=models.CASCADE)


class Kewajiban(models.Model):
    """An obligation of one side under the PKS/KB: the checklist supervision evaluates
    (Perwal 57/2023 Ps 85(4) huruf a; KSDPK data, spec ksdpk.md)."""

    class Pihak(models.TextChoices):
        DAERAH = "daerah", _("Pemerintah Daerah Kota Bekasi")
        MITRA = "mitra", _("Mitra")

    kerjasama = models.ForeignKey(KerjaSama, on_delete=models.CASCADE, related_name="kewajiban")
    pihak = models.CharField(_("pihak"), max_length=10, choices=Pihak.choices)
    uraian = models.TextField(_("uraian kewajiban"))
    dasar = models.CharField(_("dasar (pasal PKS/KB)"), max_length=120, blank=True)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kewajiban")
        verbose_name_plural = _("kewajiban")
        ordering = ["kerjasama", "pihak", "urutan", "id"]

    def __str__(self):
        return f"{self.get_pihak_display()}: {self.uraian[:60]}"


class PengakhiranMixin:
    """How every cooperation ends, whatever its kind: at the end of its term (the sweep) or by
    termination with a reason."""

    # Perwal 57/2023 Ps 26(1), 42(1), 78(1): berakhir pada akhir jangka waktu
    @langkah(
        source="pelaksanaan", target="selesai", label="Berakhir karena masa berlaku habis",
        pasal="Pasal 26 ayat (1), Pasal 42 ayat (1), Pasal 78 ayat (1)", pelaku=(PELAKU_SISTEM,),
    )
    def berakhir_masa_berlaku(self, *, by, data):
        self.tanggal_selesai = self.tanggal_berakhir or timezone.localdate()
        self.alasan_selesai = "Masa berlaku berakhir."

    # Perwal 57/2023 Ps 79 (and by agreement, Ps 78(2)): pengakhiran kerja sama
    @langkah(
        source="pelaksanaan", target="selesai", label="Akhiri kerja sama", pasal="Pasal 78 ayat (2), Pasal 79",
        pelaku=(Peran.SEKRETARIAT_TKKSD,), komentar_wajib=True, gaya="danger",
        isian=(Isian("tanggal_selesai", "Tanggal berakhir", "tanggal", peristiwa=True),),
    )
    def akhiri(self, *, by, data):
        self.tanggal_selesai = data["tanggal_selesai"]


class PerjanjianLama(PengakhiranMixin, KerjaSama):
    """An agreement signed before SIKSD existed, entered by staff so that supervision covers it."""

    nomor_perjanjian = models.CharField(_("nomor naskah perjanjian"), max_length=120, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("perjanjian lama")
        verbose_name_plural = _("perjanjian lama")


class Dokumen(models.Model):
    """A typed document of a case (or of another record), whose content lives in its versions."""

    kerjasama = models.ForeignKey(
        KerjaSama, null=True, blank=True, on_delete=models.CASCADE, related_name="dokumen"
    )
    # For documents of records that are not a case (a mapping recommendation, a supervision report).
    pemilik_tipe = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    pemilik_id = models.PositiveBigIntegerField(null=True, blank=True)
    pemilik = GenericForeignKey("pemilik_tipe", "pemilik_id")
    jenis = models.CharField(_("jenis dokumen"), max_length=40, choices=JenisDokumen.choices)
    judul = models.CharField(_("judul"), max_length=300)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    # ANRI security classification and sharing with the partner; defaults per type
    # (constants.KLASIFIKASI_BAWAAN), changed by the Sekretariat with a reason (dokumen_ubah_klasifikasi).
    klasifikasi = models.CharField(_("klasifikasi keamanan"), max_length=20, choices=Klasifikasi.choices,
                                   default=Klasifikasi.TERBATAS)
    dibagikan_mitra = models.BooleanField(_("dibagikan dengan mitra"), default=False)
    # A signed or archived document is never re-versioned: a correction is a new document referring to it.
    mengoreksi = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="koreksi",
                                   verbose_name=_("mengoreksi dokumen"))
    alasan_koreksi = models.TextField(_("alasan koreksi"), blank=True)

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["jenis", "id"]
        indexes = [models.Index(fields=["pemilik_tipe", "pemilik_id"])]

    def __str__(self):
        return f"{self.get_jenis_display()}: {self.judul}"

    def clean(self):
        if self.dibagikan_mitra and self.klasifikasi in (Klasifikasi.RAHASIA, Klasifikasi.SANGAT_RAHASIA):
            raise ValidationError({"dibagikan_mitra": _("Dokumen Rahasia atau Sangat Rahasia tidak dapat dibagikan "
                                                        "dengan mitra.")})
        if self.mengoreksi_id and not (self.alasan_koreksi or "").strip():
            raise ValidationError({"alasan_koreksi": _("Tuliskan alasan koreksi.")})

    @property
    def versi_terakhir(self):
        # Uses the prefetched list when the selector prefetched it (no query per row).
        versi = list(self.versi.all())
        return versi[0] if versi else None

    @property
    def versi_terkunci(self):
        """The latest version when it is signed or archived (then nobody adds a version), else None."""
        from .constants import STATUS_DOKUMEN_TERKUNCI

        terakhir = self.versi.order_by("-nomor_versi").first()
        return terakhir if terakhir is not None and terakhir.status in STATUS_DOKUMEN_TERKUNCI else None


def _lokasi_berkas(instance, filename):
    # The stored name is our own, never the uploader's (path tricks): dokumen/2026/11/<uuid>.<ext>
    import uuid

    now = timezone.now()
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"dokumen/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{ext}"


class VersiDokumen(models.Model):
    """One immutable version of a document. A new upload adds a version; none is ever erased."""

    dokumen = models.ForeignKey(Dokumen, on_delete=models.CASCADE, related_name="versi")
    nomor_versi = models.PositiveIntegerField(_("versi"))
    berkas = models.FileField(_("berkas"), upload_to=_lokasi_berkas, max_length=200)
    nama_berkas = models.CharField(_("nama berkas"), max_length=200)
    tipe_konten = models.CharField(_("tipe konten"), max_length=120)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=StatusDokumen.choices, default=StatusDokumen.DRAFT)
    dihasilkan_sistem = models.BooleanField(_("dihasilkan sistem"), default=False)
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diunggah_pada = models.DateTimeField(_("diunggah pada"), default=timezone.now)

    class Meta:
        verbose_name = _("versi dokumen")
        verbose_name_plural = _("versi dokumen")
        ordering = ["-nomor_versi"]
        constraints = [models.UniqueConstraint(fields=["dokumen", "nomor_versi"], name="versi_dokumen_unik")]

    def __str__(self):
        return f"{self.dokumen} (v{self.nomor_versi})"


class HariLibur(models.Model):
    """Holidays staff add on top of the `holidays` package (e.g. a new cuti bersama decree)."""

    tanggal = models.DateField(_("tanggal"), unique=True)
    nama = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["tanggal"]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"


class Tenggat(models.Model):
    """A legal deadline, stored when its clock starts (spec README, "Deadlines")."""

    aturan = models.CharField(_("aturan"), max_length=60, db_index=True)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=200)
    judul = models.CharField(_("judul"), max_length=300)
    kerjasama = models.ForeignKey(
        KerjaSama, null=True, blank=True, on_delete=models.CASCADE, related_name="tenggat"
    )
    objek_tipe = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    objek_id = models.PositiveBigIntegerField(null=True, blank=True)
    objek = GenericForeignKey("objek_tipe", "objek_id")
    mulai = models.DateField(_("mulai"))
    jatuh_tempo = models.DateTimeField(_("jatuh tempo"))
    cara_hitung = models.CharField(_("cara hitung"), max_length=10, choices=CaraHitung.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=StatusTenggat.choices, default=StatusTenggat.TERBUKA
    )
    # The next reminder moment; the sweep reads it through an index instead of scanning.
    peringatan_berikut = models.DateTimeField(null=True, blank=True)
    diselesaikan_pada = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tenggat")
        verbose_name_plural = _("tenggat")
        ordering = ["jatuh_tempo"]
        indexes = [
            models.Index(fields=["status", "jatuh_tempo"]),
            models.Index(fields=["status", "peringatan_berikut"]),
            models.Index(fields=["objek_tipe", "objek_id"]),
        ]

    def __str__(self):
        return f"{self.judul} ({self.jatuh_tempo:%d-%m-%Y})"


class RiwayatAudit(models.Model):
    """Append-only audit trail: who, when, from, to, why, on what legal basis."""

    kerjasama = models.ForeignKey(
        KerjaSama, null=True, blank=True, on_delete=models.PROTECT, related_name="riwayat"
    )
    objek_tipe = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    objek_id = models.PositiveBigIntegerField(null=True, blank=True)
    objek = GenericForeignKey("objek_tipe", "objek_id")
    aksi = models.CharField(_("aksi"), max_length=60)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Kosong bila dilakukan oleh sistem."),
    )
    pada = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    dari_tahap = models.CharField(_("dari tahap"), max_length=50, blank=True)
    ke_tahap = models.CharField(_("ke tahap"), max_length=50, blank=True)
    komentar = models.TextField(_("komentar/alasan"), blank=True)
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=200, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat audit")
        verbose_name_plural = _("riwayat audit")
        ordering = ["pada", "id"]
        indexes = [models.Index(fields=["objek_tipe", "objek_id"])]

    def __str__(self):
        return f"{self.pada:%Y-%m-%d %H:%M} {self.aksi}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Riwayat audit tidak dapat diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Riwayat audit tidak dapat dihapus."))

    @property
    def oleh_label(self):
        return self.oleh.get_full_name() or self.oleh.username if self.oleh_id else _("Sistem")


class Notifikasi(models.Model):
    """An in-app message. "Perlu tindakan" ones are resolved (`selesai_pada`) when the step they ask for is done, by
    anyone, or is no longer possible; the bell counts only what is unread and unresolved (issue 14)."""

    class Jenis(models.TextChoices):
        TINDAKAN = "tindakan", _("Perlu tindakan")
        INFORMASI = "informasi", _("Informasi")

    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi")
    judul = models.CharField(_("judul"), max_length=300)
    pesan = models.TextField(_("pesan"), blank=True)
    tautan = models.CharField(_("tautan"), max_length=300, blank=True)
    kerjasama = models.ForeignKey(KerjaSama, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.INFORMASI)
    # What an action notification waits for ("tahap:persetujuan_dprd", "tenggat:42"): one open per recipient,
    # resolved together when that step is done.
    kunci = models.CharField(_("kunci"), max_length=100, blank=True, db_index=True)
    dibuat_pada = models.DateTimeField(default=timezone.now)
    dibaca_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    selesai_alasan = models.CharField(_("alasan selesai"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [
            models.Index(fields=["penerima", "dibaca_pada"]),
            models.Index(fields=["penerima", "selesai_pada", "dibaca_pada"]),
            models.Index(fields=["kerjasama", "jenis", "selesai_pada"]),
        ]

    def __str__(self):
        return self.judul

    @property
    def perlu_tindakan(self) -> bool:
        return self.jenis == self.Jenis.TINDAKAN and self.selesai_pada is None


class NomorUrut(models.Model):
    """Counters for registry numbers, locked per (prefix) so that two creations never collide."""

    awalan = models.CharField(max_length=40, unique=True)
    terakhir = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.awalan}{self.terakhir:04d}"


daftar_tahapan(
    "kerjasama.perjanjianlama",
    [
        Tahap("pelaksanaan", "Pelaksanaan", "Pasal 31", pelaku=()),
        Tahap("selesai", "Selesai", akhir=True),
    ],
)


# ---------------------------------------------------------------------------------------------
# Dashboards, calendar feed, notification preferences, public page (dasbor, issue 7)
# ---------------------------------------------------------------------------------------------


class PreferensiNotifikasi(models.Model):
    """How a user wants to be told. In-app notifications always arrive: legal deadlines must reach
    the user somewhere (spec README, "Deadlines"); e-mail is immediate, a daily digest, or off."""

    class Surel(models.TextChoices):
        SEGERA = "segera", _("Segera, setiap ada notifikasi")
        HARIAN = "harian", _("Ringkasan harian (pukul 06.00 WIB)")
        TIDAK = "tidak", _("Tidak dikirim lewat e-mail")

    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferensi_notifikasi"
    )
    surel = models.CharField(_("notifikasi e-mail"), max_length=10, choices=Surel.choices, default=Surel.SEGERA)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")

    def __str__(self):
        return f"{self.pengguna}: {self.get_surel_display()}"


class TokenKalender(models.Model):
    """The secret of a user's personal iCalendar feed. Revoking it (or making a new one) makes the
    old URL answer 404; revoked tokens stay for the record."""

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_kalender")
    token = models.CharField(max_length=64, unique=True, editable=False)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("token kalender")
        verbose_name_plural = _("token kalender")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pengguna"], condition=models.Q(dicabut_pada__isnull=True),
                                    name="token_kalender_aktif_unik"),
        ]

    def __str__(self):
        return f"Kalender {self.pengguna} ({'dicabut' if self.dicabut_pada else 'aktif'})"


class PublikasiKerjaSama(models.Model):
    """What the public transparency page may show of one cooperation. Without a row the cooperation
    is shown with the public fields only (dasbor.publik.FIELD_PUBLIK); the Sekretariat
    may hide it, or also publish its value."""

    kerjasama = models.OneToOneField(KerjaSama, on_delete=models.CASCADE, related_name="publikasi")
    tampil = models.BooleanField(_("tampil di halaman publik"), default=True)
    nilai_publik = models.BooleanField(_("nilai kerja sama dipublikasikan"), default=False)
    catatan = models.CharField(_("catatan internal"), max_length=300, blank=True)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("publikasi kerja sama")
        verbose_name_plural = _("publikasi kerja sama")

    def __str__(self):
        return f"Publikasi {self.kerjasama_id}: {'tampil' if self.tampil else 'disembunyikan'}"


class PersiapanPenandatanganan(models.Model):
    """The signing folder the Sekretariat prepares for the Wali Kota (agreement number, term,
    the partner's signatory…): the values the approval dashboard puts in a signing step's form,
    so that the signatory only checks and confirms. The step itself still validates everything."""

    kerjasama = models.ForeignKey(KerjaSama, on_delete=models.CASCADE, related_name="persiapan_penandatanganan")
    langkah = models.CharField(_("langkah"), max_length=60)
    data = models.JSONField(_("isian yang disiapkan"), default=dict, blank=True)
    disiapkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    disiapkan_pada = models.DateTimeField(_("disiapkan pada"), auto_now=True)

    class Meta:
        verbose_name = _("persiapan penandatanganan")
        verbose_name_plural = _("persiapan penandatanganan")
        constraints = [
            models.UniqueConstraint(fields=["kerjasama", "langkah"], name="persiapan_penandatanganan_unik"),
        ]

    def __str__(self):
        return f"Persiapan {self.langkah} #{self.kerjasama_id}"


class FilterRegistriTersimpan(models.Model):
    """A registry filter a user saved under a name (issue 14): the query string only, checked again by
    FilterRegistryForm whenever it is applied (a stage that no longer exists shows the form's error)."""

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="filter_registri")
    nama = models.CharField(_("nama"), max_length=80)
    query = models.CharField(_("query string"), max_length=1000, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("filter registri tersimpan")
        verbose_name_plural = _("filter registri tersimpan")
        ordering = ["nama", "id"]
        constraints = [models.UniqueConstraint(fields=["pengguna", "nama"], name="filter_registri_nama_unik")]

    def __str__(self):
        return self.nama
