"""The signing folder's integrity record, official documents' verification codes, the register of
officials who sign, letterhead emblems and outgoing-letter numbering (issue 13).

Kept in its own app so that the core's Dokumen/VersiDokumen stay as they are: a signed document is
simply a new VersiDokumen with status `ditandatangani`; this app records what was prepared, by whom it
was signed, and the short code that the QR code on the paper points to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BerkasTandaTangan(models.Model):
    """The document part of a signing folder (PersiapanPenandatanganan): the exact FINAL version the
    Sekretariat prepared, its SHA-256 at preparation, the signatory and how he signs. Signing refuses
    when the version's bytes or the document's latest version changed since (issue 12 item 3)."""

    class Cara(models.TextChoices):
        ELEKTRONIK = "elektronik", _("Tanda tangan elektronik (TTE)")
        BASAH = "basah", _("Tanda tangan basah (di atas kertas)")

    class Status(models.TextChoices):
        SIAP = "siap", _("Siap ditandatangani")
        PINDAIAN = "pindaian", _("Pindaian bertanda tangan diunggah")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan ke Sekretariat")
        DITANDATANGANI = "ditandatangani", _("Ditandatangani")

    persiapan = models.OneToOneField(
        "kerjasama.PersiapanPenandatanganan", on_delete=models.CASCADE, related_name="berkas_tte"
    )
    versi = models.ForeignKey("kerjasama.VersiDokumen", verbose_name=_("versi final yang disiapkan"),
                              on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField(_("SHA-256 saat disiapkan"), max_length=64)
    penandatangan = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("penandatangan"),
                                      on_delete=models.PROTECT, related_name="+")
    cara = models.CharField(_("cara penandatanganan"), max_length=12, choices=Cara.choices, default=Cara.ELEKTRONIK)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SIAP)
    versi_ditandatangani = models.ForeignKey("kerjasama.VersiDokumen", null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    alasan_dikembalikan = models.TextField(_("alasan dikembalikan"), blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("berkas tanda tangan")
        verbose_name_plural = _("berkas tanda tangan")

    def __str__(self):
        return f"{self.persiapan} · v{self.versi.nomor_versi} · {self.get_status_display()}"


class DokumenResmi(models.Model):
    """A signed or generated official document as the public verification page knows it: what the paper
    itself says (title, number, date, signatory) and the SHA-256 of the stored file."""

    class TandaTangan(models.TextChoices):
        ELEKTRONIK = "elektronik", _("Tanda tangan elektronik")
        BASAH = "basah", _("Tanda tangan basah (pindaian)")
        TANPA = "tanpa", _("Belum ditandatangani")

    kode = models.CharField(_("kode verifikasi"), max_length=16, unique=True)
    versi = models.OneToOneField("kerjasama.VersiDokumen", on_delete=models.CASCADE, related_name="resmi")
    judul = models.CharField(_("judul"), max_length=300)
    nomor = models.CharField(_("nomor"), max_length=120, blank=True)
    tanggal = models.DateField(_("tanggal"), null=True, blank=True)
    penandatangan_nama = models.CharField(_("penandatangan"), max_length=200, blank=True)
    penandatangan_jabatan = models.CharField(_("jabatan penandatangan"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    tanda_tangan = models.CharField(_("tanda tangan"), max_length=12, choices=TandaTangan.choices)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("dokumen resmi")
        verbose_name_plural = _("dokumen resmi")

    def __str__(self):
        return f"{self.kode} {self.judul}"


class Pejabat(models.Model):
    """The register of officials whose names fill signature blocks (Permendagri 1/2023: nama, NIP,
    pangkat/golongan, jabatan), with the period of office, and Plt/Plh and surat kuasa holders."""

    class Kop(models.TextChoices):
        WALI_KOTA = "wali_kota", _("Wali Kota (lambang negara)")
        SETDA = "setda", _("Sekretariat Daerah (lambang daerah)")

    class Status(models.TextChoices):
        DEFINITIF = "definitif", _("Definitif")
        PLT = "plt", _("Pelaksana Tugas (Plt.)")
        PLH = "plh", _("Pelaksana Harian (Plh.)")
        KUASA = "kuasa", _("Penerima surat kuasa")

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="jabatan_pejabat")
    nama = models.CharField(_("nama"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=30, blank=True, help_text=_("Kosong untuk pejabat negara (Wali Kota)."))
    nik = models.CharField(_("NIK (untuk BSrE)"), max_length=16, blank=True)
    pangkat_golongan = models.CharField(_("pangkat/golongan"), max_length=120, blank=True)
    jabatan = models.CharField(_("jabatan"), max_length=200)
    kop = models.CharField(_("kop naskah"), max_length=12, choices=Kop.choices, default=Kop.SETDA)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DEFINITIF)
    dasar = models.CharField(_("dasar (nomor SK/surat kuasa)"), max_length=200, blank=True)
    mulai = models.DateField(_("mulai menjabat"))
    selesai = models.DateField(_("selesai menjabat"), null=True, blank=True)

    class Meta:
        verbose_name = _("pejabat penandatangan")
        verbose_name_plural = _("pejabat penandatangan")
        ordering = ["jabatan", "-mulai"]

    def __str__(self):
        return f"{self.awalan_jabatan}{self.jabatan}: {self.nama}"

    @property
    def awalan_jabatan(self) -> str:
        return {self.Status.PLT: "Plt. ", self.Status.PLH: "Plh. "}.get(self.status, "")


class PengaturanNaskah(models.Model):
    """Letterhead settings, one row (pk=1), edited by the administrator. Without emblem images a neutral
    placeholder is drawn (the demo must not pass for the real Kota Bekasi)."""

    nama_pemda = models.CharField(_("nama pemerintah daerah"), max_length=120, default="PEMERINTAH KOTA BEKASI")
    nama_kepala_daerah = models.CharField(_("kop Wali Kota"), max_length=120, default="WALI KOTA BEKASI")
    nama_setda = models.CharField(_("kop Sekretariat Daerah"), max_length=120, default="SEKRETARIAT DAERAH")
    alamat = models.CharField(_("alamat"), max_length=300,
                              default="Jalan Jenderal Ahmad Yani Nomor 1, Kota Bekasi, Jawa Barat 17141")
    kontak = models.CharField(_("telepon/laman"), max_length=300, default="Telepon (021) 8897 0190")
    tempat = models.CharField(_("tempat penandatanganan"), max_length=60, default="Bekasi")
    lambang_negara = models.ImageField(_("lambang negara (Garuda Pancasila)"), upload_to="naskah/", blank=True)
    lambang_daerah = models.ImageField(_("lambang daerah Kota Bekasi"), upload_to="naskah/", blank=True)

    class Meta:
        verbose_name = _("pengaturan naskah dinas")
        verbose_name_plural = _("pengaturan naskah dinas")

    def __str__(self):
        return "Pengaturan naskah dinas"

    @classmethod
    def aktif(cls) -> PengaturanNaskah:
        # A read (a PDF rendered on a GET): the saved row, or the defaults unsaved; never an INSERT.
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class FormatNomorSurat(models.Model):
    """The Pemda's numbering format for one kind of outgoing letter: kode klasifikasi / nomor urut / unit /
    tahun (Permendagri 1/2023 tata naskah dinas), from a per-year counter."""

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=120)
    kode_klasifikasi = models.CharField(_("kode klasifikasi arsip"), max_length=30, default="000.3")
    unit = models.CharField(_("kode unit pengolah"), max_length=40, default="Kerja Sama")
    pola = models.CharField(_("pola"), max_length=120, default="{klasifikasi}/{urut}/{unit}/{tahun}",
                            help_text=_("Unsur: {klasifikasi}, {urut}, {unit}, {tahun}, {bulan_romawi}."))

    class Meta:
        verbose_name = _("format nomor surat")
        verbose_name_plural = _("format nomor surat")

    def __str__(self):
        return f"{self.nama} ({self.pola})"


class NomorSuratUrut(models.Model):
    format = models.ForeignKey(FormatNomorSurat, on_delete=models.CASCADE, related_name="penghitung")
    tahun = models.PositiveIntegerField()
    terakhir = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["format", "tahun"], name="nomor_surat_per_tahun")]

    def __str__(self):
        return f"{self.format.kode} {self.tahun}: {self.terakhir}"
