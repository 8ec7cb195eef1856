"""KSDPL and KSDLL (Perwal 57/2023 BAB V, Ps 51–83): one case model for both kinds, its
eleven-stage machine (Ps 57) and the records around it (Ps 51 checklist, penjajakan, annual
plans, disputes, izin, annual reports, extension requests).

Transitions only validate and set the case's own fields; their side effects (deadlines,
access, generated letters, child rows) live in `ksdln/services.py` (`@alur.setelah`)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kerjasama import kalender
from kerjasama.alur import Isian, Tahap, daftar_tahapan, kandidat_sql, langkah
from kerjasama.constants import (
    PELAKU_PD,
    PELAKU_PENANDATANGAN,
    PELAKU_SISTEM,
    JenisMitra,
    Peran,
)
from kerjasama.models import Dokumen, KerjaSama, PengakhiranMixin
from kerjasama.validators import akhir_jangka_tahun, validasi_masa_berlaku

from .constants import (
    BAGIAN_KAJIAN,
    BAGIAN_LOI,
    BAGIAN_NASKAH,
    BAGIAN_RENCANA,
    BENTUK_PER_JENIS,
    LOI_MAKS_TAHUN,
    LOI_PERINGATAN_HARI,
    SUMBER_PER_JENIS,
    TAHAP_BERGANTUNG_LOI,
    AlasanPengakhiran,
    Bentuk,
    CaraPenjajakan,
    JenisIzin,
    JenisLangkahPerselisihan,
    JenisLembaga,
    KeputusanDprd,
    Objek,
    StatusKegiatan,
    StatusLaporan,
    StatusPerselisihan,
    SumberPrakarsa,
)

SEKRETARIAT = Peran.SEKRETARIAT_TKKSD
DPRD = Peran.DPRD


def _tgl(d: datetime.date | None) -> str:
    return d.strftime("%d-%m-%Y") if d else "—"


def _isian_bagian(bagian) -> tuple[Isian, ...]:
    return tuple(Isian(kode, label, "teks", panjang=True) for kode, label in bagian)


def _ambil_bagian(bagian, data) -> dict:
    return {kode: (data.get(kode) or "").strip() for kode, _label in bagian}


def loi_batas_berlaku(tanggal_penandatanganan: datetime.date) -> datetime.date:
    """Ps 62(3): an LoI is valid at most 1 year *since* it was signed. The same reading of "paling lama
    N tahun" as the KB's term (`akhir_jangka_tahun`): the signing day does not count (spec README "Days"),
    so the first day is the day after and the last valid day is the anniversary date: signed 10-03-2026
    → valid up to and including 10-03-2027; 11-03-2027 is one day too many. Signed 28-02-2027 → first day
    01-03-2027 → valid up to 29-02-2028."""
    return akhir_jangka_tahun(tanggal_penandatanganan + datetime.timedelta(days=1), LOI_MAKS_TAHUN)


# --- conditions (small named predicates, CONVENTIONS "Stage machines") ---------------------------


def dprd_approval_required(kasus) -> bool:
    """Ps 64(1): every KSDPL and a KSDLL "lainnya" need the DPRD; a forwarding KSDLL does not."""
    return not (kasus.jenis == "KSDLL" and kasus.bentuk == Bentuk.PENERUSAN)


def dprd_not_required(kasus) -> bool:
    return not dprd_approval_required(kasus)


def loi_still_valid(kasus) -> bool:
    """Ps 62(3): the LoI is valid up to and including `berlaku_sampai`."""
    return kasus.berlaku_sampai is not None and timezone.localdate() <= kasus.berlaku_sampai


def loi_holds(kasus) -> bool:
    """Ps 62(3) caps the LoI's validity only: it does not stop the Rencana, the DPRD request, verification or
    the dossier to the Gubernur. A lapse is warned and shown (`peringatan_loi`); the LoI-dependent steps stop
    only when the LoI has lapsed *and* the partner has withdrawn (`catat_mitra_mundur`)."""
    return loi_still_valid(kasus) or kasus.mitra_mundur_pada is None


@kandidat_sql(lambda model: models.Q(
    berlaku_sampai__lt=timezone.localdate() + datetime.timedelta(days=LOI_PERINGATAN_HARI)))
def loi_due_for_renewal(kasus) -> bool:
    """A new LoI may be signed once the old one lapses or is within its warning window."""
    if kasus.berlaku_sampai is None:
        return False
    return timezone.localdate() > kasus.berlaku_sampai - datetime.timedelta(days=LOI_PERINGATAN_HARI)


def konsultasi_menlu_selesai(kasus) -> bool:
    """Ps 61(1) (and Ps 58(5)): the Wali Kota consults the Menteri *and* the minister for foreign affairs before the
    LoI: the latter's answer is recorded, or its lapse with the Sekretariat's note."""
    return kasus.tanggal_tanggapan_menlu is not None or bool(kasus.menlu_tanpa_tanggapan)


def ps51_requirements_confirmed(kasus) -> bool:
    """Ps 51: every applicable requirement confirmed before the LoI is signed."""
    rows = list(kasus.persyaratan.all())
    return bool(rows) and all(r.terpenuhi for r in rows)


def penjajakan_recorded(kasus) -> bool:
    return kasus.kegiatan_penjajakan.exists()


def rencana_ready(kasus) -> bool:
    """Ps 63(3): all seven parts, the document, and no pending correction asked by the Menteri."""
    return (
        not kasus.rencana_perlu_perbaikan
        and kasus.dokumen_rencana_id is not None
        and all((kasus.rencana or {}).get(kode) for kode, _l in BAGIAN_RENCANA)
    )


def dprd_receipt_recorded(kasus) -> bool:
    return kasus.tanggal_diterima_dprd is not None


def dprd_receipt_not_recorded(kasus) -> bool:
    return kasus.tanggal_diterima_dprd is None


def dprd_deemed_approved(kasus) -> bool:
    """Ps 65(3): the sweep recorded a deemed approval; a decision the DPRD made in time may still surface."""
    return kasus.keputusan_dprd == KeputusanDprd.DIANGGAP_DISETUJUI


# Ps 65(2)–(3): the stages a case may be in after a deemed approval and before the Naskah is signed. A DPRD
# decision dated within the 45 days, entered later, corrects the record there (`koreksi_*_dprd`).
TAHAP_SETELAH_DPRD = ("verifikasi", "menunggu_gubernur_verifikasi", "menunggu_pertimbangan_menteri",
                      "penyusunan_naskah", "menunggu_gubernur_naskah", "pembahasan_naskah",
                      "menunggu_persetujuan_menteri", "penandatanganan")


@kandidat_sql(lambda model: (models.Q(batas_gubernur__lt=timezone.now()) | models.Q(gubernur_lewat_dicatat_pada__isnull=False))
              & models.Q(batas_gubernur__isnull=False, tanggal_diteruskan_gubernur__isnull=True))
def gubernur_5_days_passed(kasus) -> bool:
    """Ps 66(3), 68(3): the direct route opens after the stored 5-day due moment, or as soon as the sweep
    recorded the lapse (a catch-up sweep, `process_deadlines --now`): the screen then agrees with the
    sweep's "kini tersedia" notification."""
    return (
        kasus.batas_gubernur is not None
        and kasus.tanggal_diteruskan_gubernur is None
        and (timezone.now() > kasus.batas_gubernur or kasus.gubernur_lewat_dicatat_pada is not None)
    )


def _permohonan_untuk_masa_ini(kasus) -> list:
    """Extension requests for the current term (Ps 82), from the prefetched rows when a list prefetched them."""
    return [p for p in kasus.permohonan_perpanjangan.all() if p.tanggal_berakhir_lama == kasus.tanggal_berakhir]


def no_extension_request_yet(kasus) -> bool:
    return kasus.tanggal_berakhir is not None and not _permohonan_untuk_masa_ini(kasus)


def extension_requested(kasus) -> bool:
    return kasus.tanggal_berakhir is not None and any(
        p.tanggal_disetujui is None for p in _permohonan_untuk_masa_ini(kasus))


# --- transition fields -------------------------------------------------------------------------

_ISIAN_LOI = (
    *_isian_bagian(BAGIAN_LOI),
    Isian("tempat_penandatanganan", "Tempat penandatanganan"),
    Isian("tanggal_penandatanganan", "Tanggal penandatanganan", "tanggal", peristiwa=True),
    Isian("berlaku_sampai", "Berlaku sampai", "tanggal",
          bantuan="Paling lama 1 tahun sejak ditandatangani (Pasal 62 ayat (3)): ditandatangani 10-03-2026, "
                  "paling lambat berlaku sampai 10-03-2027."),
    Isian("dokumen_loi", "Dokumen LoI yang ditandatangani", "dokumen", jenis_dokumen=("loi",)),
)
_ISIAN_RENCANA = (
    *_isian_bagian(BAGIAN_RENCANA),
    Isian("dokumen_rencana", "Dokumen Rencana Kerja Sama", "dokumen", jenis_dokumen=("rencana_kerja_sama",)),
)
_ISIAN_SURAT_KELUAR = (
    Isian("nomor_surat", "Nomor surat", wajib=False),
    Isian("dokumen_surat", "Surat (bila sudah diunggah)", "dokumen", wajib=False,
          jenis_dokumen=("surat_keluar",)),
)
_ISIAN_PERTIMBANGAN = (
    Isian("tanggal_pertimbangan", "Tanggal surat pertimbangan Menteri", "tanggal", peristiwa=True),
    Isian("pertimbangan", "Ringkasan pertimbangan tertulis Menteri", panjang=True),
    Isian("dokumen_surat_menteri", "Surat pertimbangan Menteri", "dokumen", jenis_dokumen=("surat_menteri",)),
)
_ISIAN_DPRD_KEPUTUSAN = (
    Isian("tanggal_keputusan", "Tanggal keputusan DPRD", "tanggal", peristiwa=True),
    Isian("dokumen_surat_dprd", "Surat keputusan DPRD", "dokumen", jenis_dokumen=("surat_dprd",)),
)
_ISIAN_KIRIM_GUBERNUR = (
    Isian("tanggal_dikirim_gubernur", "Tanggal dikirim kepada Gubernur", "tanggal", peristiwa=True),
    *_ISIAN_SURAT_KELUAR,
)
_ISIAN_DITERUSKAN = (
    Isian("tanggal_diteruskan_gubernur", "Tanggal Gubernur meneruskan kepada Menteri", "tanggal", peristiwa=True),
    Isian("dokumen_surat_gubernur", "Surat pengantar Gubernur", "dokumen", wajib=False,
          jenis_dokumen=("surat_gubernur",)),
)
_ISIAN_LANGSUNG = (
    Isian("tanggal_dikirim_menteri", "Tanggal dikirim langsung kepada Menteri", "tanggal", peristiwa=True),
    Isian("nomor_surat", "Nomor surat", wajib=False),
)


class KasusKsdln(PengakhiranMixin, KerjaSama):
    """A KSDPL (with a foreign regional government) or KSDLL (with a foreign institution)."""

    template_panel = "ksdln/_panel.html"
    @classmethod
    def prefetch_daftar(cls) -> tuple[str, ...]:
        """What the conditions read (Ps 51 checklist, Ps 82 extension requests) when a list or the case page shows
        each case's transitions (selectors.kasus_konkret, kerjasama_detail)."""
        return ("persyaratan", "permohonan_perpanjangan")

    bentuk = models.CharField(_("bentuk kerja sama"), max_length=20, choices=Bentuk.choices)
    sumber_prakarsa = models.CharField(_("sumber prakarsa"), max_length=20, choices=SumberPrakarsa.choices)
    # Ps 58(3): a Daerah initiative cites an item of a set mapping. The pemetaan app owns the item;
    # we keep its id and a readable reference rather than a hard FK (decoupled apps).
    item_pemetaan_id = models.PositiveBigIntegerField(_("item pemetaan"), null=True, blank=True, db_index=True)
    rujukan_pemetaan = models.CharField(_("rujukan pemetaan"), max_length=300, blank=True)
    objek = models.JSONField(_("objek kerja sama (Pasal 55)"), default=list, blank=True)
    objek_lainnya = models.CharField(_("objek lainnya"), max_length=300, blank=True)
    jenis_lembaga = models.CharField(_("jenis lembaga (Pasal 74)"), max_length=30, choices=JenisLembaga.choices,
                                     blank=True)

    # Ps 60: kajian
    kajian = models.JSONField(_("kajian"), default=dict, blank=True)
    kajian_lembaga = models.CharField(_("lembaga peneliti/pendidikan yang terlibat"), max_length=300, blank=True)
    dokumen_kajian = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Ps 61: the Menteri's response
    tanggal_permohonan_tanggapan = models.DateField(_("tanggal permohonan tanggapan Menteri"), null=True, blank=True)
    tanggal_tanggapan_menteri = models.DateField(_("tanggal tanggapan Menteri"), null=True, blank=True)
    tanggapan_menteri = models.TextField(_("tanggapan Menteri"), blank=True)
    # Ps 62: the LoI (Pernyataan Kehendak Kerja Sama)
    loi = models.JSONField(_("Pernyataan Kehendak Kerja Sama"), default=dict, blank=True)
    loi_tanggal_penandatanganan = models.DateField(_("tanggal penandatanganan LoI"), null=True, blank=True)
    loi_tempat_penandatanganan = models.CharField(_("tempat penandatanganan LoI"), max_length=200, blank=True)
    berlaku_sampai = models.DateField(_("LoI berlaku sampai"), null=True, blank=True)
    # Ps 62(3): the partner's withdrawal after the LoI lapsed (only then do the LoI-dependent steps stop).
    mitra_mundur_pada = models.DateField(_("mitra mengundurkan diri pada"), null=True, blank=True)
    dokumen_loi = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Ps 63: the Rencana Kerja Sama
    rencana = models.JSONField(_("Rencana Kerja Sama"), default=dict, blank=True)
    rencana_perlu_perbaikan = models.BooleanField(_("Rencana perlu diperbaiki (Pasal 67 ayat (2) huruf a)"),
                                                  default=False)
    dokumen_rencana = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Ps 64–65: DPRD
    tanggal_permohonan_dprd = models.DateField(_("tanggal surat permohonan persetujuan DPRD"), null=True, blank=True)
    tanggal_diterima_dprd = models.DateField(_("tanggal diterima Sekretariat DPRD"), null=True, blank=True)
    keputusan_dprd = models.CharField(_("keputusan DPRD"), max_length=20, choices=KeputusanDprd.choices, blank=True)
    tanggal_keputusan_dprd = models.DateField(_("tanggal keputusan DPRD"), null=True, blank=True)
    dprd_dianggap_setuju_pada = models.DateTimeField(_("dianggap disetujui pada"), null=True, blank=True)
    # Ps 61(1): the consultation with the minister for foreign affairs (answer, or the lapse noted).
    tanggal_permohonan_menlu = models.DateField(_("tanggal konsultasi Menteri Luar Negeri"), null=True, blank=True)
    tanggal_tanggapan_menlu = models.DateField(_("tanggal tanggapan Menteri Luar Negeri"), null=True, blank=True)
    tanggapan_menlu = models.TextField(_("tanggapan Menteri Luar Negeri"), blank=True)
    menlu_tanpa_tanggapan = models.TextField(_("catatan tanpa tanggapan Menteri Luar Negeri"), blank=True)
    # Ps 65(1): the DPRD commission's discussions with the TKKSD (date, commission, attendance, minutes).
    rapat_komisi_dprd = models.JSONField(_("pembahasan Komisi DPRD (Pasal 65 ayat (1))"), default=list, blank=True)
    # Ps 77(3): coordination with the Menteri on goods whose ownership the Naskah did not settle.
    koordinasi_kepemilikan_barang = models.JSONField(_("koordinasi kepemilikan barang (Pasal 77 ayat (3))"),
                                                     default=list, blank=True)
    # Ps 65(2): the Setwan's receipt when the Sekretariat TKKSD recorded the date; the late decision letter.
    tanda_terima_dprd = models.ForeignKey("kerjasama.Dokumen", verbose_name=_("tanda terima Sekretariat DPRD"), null=True,
                                          blank=True, on_delete=models.SET_NULL, related_name="+")
    surat_koreksi_dprd = models.ForeignKey("kerjasama.Dokumen", verbose_name=_("surat DPRD (koreksi anggapan)"),
                                           null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Ps 66–68: the Gubernur and the Menteri
    tanggal_dikirim_gubernur = models.DateField(_("tanggal dikirim kepada Gubernur"), null=True, blank=True)
    batas_gubernur = models.DateTimeField(_("batas Gubernur meneruskan (5 hari)"), null=True, blank=True)
    # Ps 66(3), 68(3): when the sweep recorded that the 5 days lapsed (the direct route opens from it).
    gubernur_lewat_dicatat_pada = models.DateTimeField(_("lewat 5 hari dicatat sapuan pada"), null=True, blank=True)
    tanggal_diteruskan_gubernur = models.DateField(_("tanggal diteruskan Gubernur"), null=True, blank=True)
    tanggal_dikirim_langsung_menteri = models.DateField(_("tanggal dikirim langsung kepada Menteri"), null=True,
                                                        blank=True)
    tanggal_pertimbangan_menteri = models.DateField(_("tanggal pertimbangan Menteri"), null=True, blank=True)
    pertimbangan_menteri = models.TextField(_("pertimbangan Menteri"), blank=True)
    # Ps 68(4): the draft Naskah; Ps 69: the discussions
    naskah = models.JSONField(_("rancangan Naskah Kerja Sama"), default=dict, blank=True)
    dokumen_naskah = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pembahasan = models.JSONField(_("pembahasan Naskah"), default=list, blank=True)
    # Ps 70–71
    tanggal_persetujuan_menteri = models.DateField(_("tanggal persetujuan Menteri"), null=True, blank=True)
    rencana_tempat_penandatanganan = models.CharField(_("rencana tempat penandatanganan"), max_length=200,
                                                      blank=True)
    rencana_tanggal_penandatanganan = models.DateField(_("rencana tanggal penandatanganan"), null=True, blank=True)
    tempat_penandatanganan = models.CharField(_("tempat penandatanganan Naskah"), max_length=200, blank=True)
    tanggal_naskah_asli_dikirim = models.DateField(_("naskah asli disampaikan kepada Menteri"), null=True,
                                                   blank=True)
    tanggal_salinan_sekjen = models.DateField(_("salinan Naskah dari Sekretaris Jenderal diterima"), null=True,
                                              blank=True)
    # Ps 79
    alasan_pengakhiran = models.CharField(_("alasan berakhir"), max_length=20, choices=AlasanPengakhiran.choices,
                                          blank=True)

    class Meta:
        verbose_name = _("kasus KSDPL/KSDLL")
        verbose_name_plural = _("kasus KSDPL/KSDLL")

    # --- derived ----------------------------------------------------------------------------------

    @property
    def negara(self):
        """The partner's country (from the Mitra)."""
        return self.mitra.negara if self.mitra_id else None

    @property
    def bentuk_singkat(self) -> str:
        return {Bentuk.KOTA_KEMBAR: "Kota kembar/bersaudara", Bentuk.PENERUSAN: "Penerusan kerja sama Pemerintah Pusat",
                Bentuk.LAINNYA: "Kerja sama lainnya"}.get(self.bentuk, self.bentuk)

    @property
    def tahap_label(self) -> str:
        from kerjasama.alur import info_tahap

        return info_tahap(self._meta.label_lower, self.tahap).label

    @property
    def dprd_diperlukan(self) -> bool:
        return dprd_approval_required(self)

    @property
    def objek_label(self) -> list[str]:
        labels = dict(Objek.choices)
        return [str(labels.get(k, k)) + (f": {self.objek_lainnya}" if k == Objek.LAINNYA and self.objek_lainnya else "")
                for k in self.objek or []]

    @property
    def loi_kedaluwarsa(self) -> bool:
        return self.berlaku_sampai is not None and timezone.localdate() > self.berlaku_sampai

    @property
    def panel(self) -> dict:
        """The data of the case-page panel (template_panel), read once per page."""
        if not hasattr(self, "_panel"):
            from .selectors import ringkasan_panel

            self._panel = ringkasan_panel(self)
        return self._panel

    @property
    def batas_dprd(self) -> datetime.datetime | None:
        t = self.tenggat.filter(aturan="dprd_45_hari").order_by("-dibuat_pada", "-id").first()
        return t.jatuh_tempo if t else None

    def clean(self):
        errors: dict[str, list[str]] = {}

        def tambah(field, pesan):
            errors.setdefault(field, []).append(pesan)

        if self.jenis not in BENTUK_PER_JENIS:
            tambah("jenis", "Kasus aplikasi ini hanya KSDPL atau KSDLL.")
        else:
            if self.bentuk and self.bentuk not in BENTUK_PER_JENIS[self.jenis]:
                tambah("bentuk", f"Bentuk \u201c{Bentuk(self.bentuk).label}\u201d bukan bentuk {self.jenis} "
                                 "(Pasal 52 ayat (1) untuk KSDPL, Pasal 53 untuk KSDLL).")
            if self.sumber_prakarsa and self.sumber_prakarsa not in SUMBER_PER_JENIS[self.jenis]:
                tambah("sumber_prakarsa", "Prakarsa KSDLL berasal dari Pemerintah Daerah Kota atau dari mitra luar "
                                          "negeri melalui Menteri (Pasal 58 ayat (2)).")
            if self.mitra_id:
                harap = JenisMitra.PEMDA_LUAR_NEGERI if self.jenis == "KSDPL" else JenisMitra.LEMBAGA_LUAR_NEGERI
                if self.mitra.jenis != harap:
                    tambah("mitra", f"Mitra {self.jenis} harus berjenis \u201c{JenisMitra(harap).label}\u201d"
                                    " (Pasal 1 angka 20–21, Pasal 52–53).")
                elif self.mitra.negara and self.mitra.negara.code == "ID":
                    tambah("mitra", "Mitra kerja sama luar negeri harus berkedudukan di luar Indonesia.")
        if self.bentuk == Bentuk.PENERUSAN and self.jenis == "KSDLL":
            if not self.jenis_lembaga:
                tambah("jenis_lembaga", "Pilih jenis lembaga mitra penerusan kerja sama (Pasal 74 ayat (1)).")
        elif self.jenis_lembaga:
            tambah("jenis_lembaga", "Jenis lembaga (Pasal 74) hanya untuk KSDLL penerusan kerja sama Pemerintah Pusat.")
        if not isinstance(self.objek, list) or any(k not in Objek.values for k in self.objek):
            tambah("objek", "Objek kerja sama harus dipilih dari daftar Pasal 55 ayat (1).")
        elif len(set(self.objek)) != len(self.objek):
            tambah("objek", "Objek kerja sama tidak boleh berulang.")
        elif Objek.LAINNYA in self.objek and not self.objek_lainnya.strip():
            tambah("objek_lainnya", "Sebutkan objek lainnya (Pasal 55 ayat (1) huruf f).")
        if self.sumber_prakarsa == SumberPrakarsa.DAERAH and not self.item_pemetaan_id:
            tambah("item_pemetaan_id", "Prakarsa dari Daerah harus berdasarkan item dokumen pemetaan kerja sama yang "
                                       "ditetapkan Wali Kota (Pasal 58 ayat (3)).")
        if self.tanggal_mulai and self.tanggal_berakhir:
            try:
                validasi_masa_berlaku(self.tanggal_mulai, self.tanggal_berakhir, pasal="Pasal 78 ayat (1)")
            except ValidationError as exc:
                for field, msgs in exc.message_dict.items():
                    errors.setdefault(field, []).extend(msgs)
        if errors:
            raise ValidationError(errors)

    # --- messages for refused steps (read by the core when a step is not available) ---------------

    @property
    def bagian_rencana(self) -> list[tuple[str, str]]:
        """Ps 72(3): the Rencana Kerja Sama (Ps 63(3), seven parts) the annual plans are based on, as shown."""
        return [(label, (self.rencana or {}).get(kode, "")) for kode, label in BAGIAN_RENCANA]

    def ada_permohonan_perpanjangan(self) -> bool:
        """An extension request for the current term (Ps 78(3)); read by supervision (Perwal 75/2021 Ps 8(4))."""
        return bool(_permohonan_untuk_masa_ini(self))

    def pesan_langkah_tidak_tersedia(self, nama: str) -> str | None:
        """A precise Indonesian reason why step `nama` cannot be taken now (else None)."""
        if nama in ("setujui_dprd", "tolak_dprd", "catat_penerimaan_dprd"):
            if self.keputusan_dprd == KeputusanDprd.DIANGGAP_DISETUJUI:
                pada = timezone.localtime(self.dprd_dianggap_setuju_pada) if self.dprd_dianggap_setuju_pada else None
                return (
                    "Permohonan persetujuan ini telah dianggap disetujui DPRD pada "
                    f"{pada:%d-%m-%Y %H:%M} WIB" if pada else "Permohonan persetujuan ini telah dianggap disetujui DPRD"
                ) + (
                    f", karena 45 hari sejak diterima Sekretariat DPRD ({_tgl(self.tanggal_diterima_dprd)}) berlalu "
                    "tanpa pernyataan persetujuan atau penolakan (Perwal 57/2023 Pasal 65 ayat (3)). "
                    "Keputusan DPRD bertanggal dalam 45 hari yang baru diterima dicatat dengan langkah "
                    "\u201cKoreksi: DPRD menolak/menyetujui dalam 45 hari\u201d beserta suratnya."
                )
            if self.keputusan_dprd in (KeputusanDprd.DISETUJUI, KeputusanDprd.DITOLAK) and self.tahap != "persetujuan_dprd":
                return (f"DPRD telah memutuskan ({KeputusanDprd(self.keputusan_dprd).label}) pada "
                        f"{_tgl(self.tanggal_keputusan_dprd)}.")
            if self.tahap == "persetujuan_dprd" and nama != "catat_penerimaan_dprd" and not self.tanggal_diterima_dprd:
                return "Catat terlebih dahulu tanggal surat permohonan diterima Sekretariat DPRD (Pasal 65 ayat (2))."
            if self.tahap == "persetujuan_dprd" and nama == "catat_penerimaan_dprd":
                return (f"Tanggal diterima Sekretariat DPRD sudah dicatat ({_tgl(self.tanggal_diterima_dprd)}); "
                        "jangka 45 hari sudah berjalan.")
        if nama in ("kirim_langsung_menteri_verifikasi", "kirim_langsung_menteri_naskah") and self.batas_gubernur:
            if self.tanggal_diteruskan_gubernur:
                return f"Gubernur telah meneruskan dokumen pada {_tgl(self.tanggal_diteruskan_gubernur)}."
            if self.tahap in ("menunggu_gubernur_verifikasi", "menunggu_gubernur_naskah"):
                batas = timezone.localtime(self.batas_gubernur)
                pasal = "Pasal 66 ayat (3)" if nama.endswith("verifikasi") else "Pasal 68 ayat (3)"
                return (f"Penyampaian langsung kepada Menteri baru dapat dilakukan bila Gubernur tidak meneruskan "
                        f"dalam 5 hari sejak dikirim ({_tgl(self.tanggal_dikirim_gubernur)}), yaitu setelah "
                        f"{batas:%d-%m-%Y %H:%M} WIB ({pasal}).")
        if nama == "tandatangani_loi" and self.tahap == "tanggapan_diterima" and not konsultasi_menlu_selesai(self):
            return ("LoI belum dapat ditandatangani: konsultasi dengan menteri yang menyelenggarakan urusan "
                    "pemerintahan di bidang luar negeri belum dicatat (tanggapan, atau catatan tanpa tanggapan) "
                    "(Pasal 61 ayat (1)).")
        if nama == "tandatangani_loi" and self.tahap == "tanggapan_diterima":
            belum = [r.uraian for r in self.persyaratan.all() if not r.terpenuhi]
            if belum or not self.persyaratan.exists():
                return ("LoI belum dapat ditandatangani: persyaratan Pasal 51 belum semuanya dikonfirmasi"
                        + (": " + "; ".join(belum) if belum else "") + ".")
        if nama in ("susun_rencana", "ajukan_persetujuan_dprd", "ajukan_verifikasi", "kirim_verifikasi_gubernur"):
            if self.tahap in ("loi_ditandatangani", "penyusunan_rencana", "verifikasi") and not loi_holds(self):
                return (f"Masa berlaku LoI telah berakhir pada {_tgl(self.berlaku_sampai)} (Pasal 62 ayat (3)) dan mitra "
                        f"telah mengundurkan diri ({_tgl(self.mitra_mundur_pada)}). Tandatangani LoI baru bila mitra "
                        "kembali berkehendak.")
        if nama in ("ajukan_persetujuan_dprd", "ajukan_verifikasi") and self.tahap == "penyusunan_rencana":
            if nama == "ajukan_persetujuan_dprd" and not dprd_approval_required(self):
                return "KSDLL penerusan kerja sama Pemerintah Pusat tidak memerlukan persetujuan DPRD (Pasal 64 ayat (1))."
            if nama == "ajukan_verifikasi" and dprd_approval_required(self):
                return f"Rencana {self.jenis} ini harus memperoleh persetujuan DPRD terlebih dahulu (Pasal 64 ayat (1))."
            if self.rencana_perlu_perbaikan:
                return "Rencana Kerja Sama harus diperbaiki dahulu sesuai pertimbangan Menteri (Pasal 67 ayat (2) huruf a)."
            if not rencana_ready(self):
                return "Rencana Kerja Sama belum lengkap (tujuh bagian Pasal 63 ayat (3) dan dokumennya)."
        if nama == "lampirkan_kajian" and self.tahap == "penjajakan" and not penjajakan_recorded(self):
            return "Catat dahulu kegiatan penjajakan yang telah dilakukan (Pasal 59 ayat (2))."
        if (nama == "tandatangani_ulang_loi" and self.berlaku_sampai and not loi_due_for_renewal(self)
                and self.tahap in ("loi_ditandatangani", "penyusunan_rencana", "verifikasi")):
            return (f"LoI masih berlaku sampai {_tgl(self.berlaku_sampai)}; LoI baru dapat ditandatangani mulai "
                    f"{LOI_PERINGATAN_HARI} hari sebelum berakhir.")
        if nama == "ajukan_perpanjangan" and self.tahap == "pelaksanaan":
            return "Permohonan perpanjangan untuk masa berlaku ini sudah dicatat."
        if nama == "catat_perpanjangan" and self.tahap == "pelaksanaan":
            return "Catat dahulu permohonan perpanjangan kepada Menteri (Pasal 78 ayat (3))."
        return None

    # --- the stage machine (Ps 57) ----------------------------------------------------------------

    # Perwal 57/2023 Ps 58(4), 59(1): berdasarkan prakarsa, Wali Kota melakukan penjajakan
    @langkah(source="prakarsa", target="penjajakan", label="Mulai penjajakan", pasal="Pasal 58 ayat (4), Pasal 59",
             pelaku=(SEKRETARIAT,))
    def mulai_penjajakan(self, *, by, data):
        errors = {}
        if not self.mitra_id:
            errors["mitra"] = "Tetapkan calon mitra luar negeri sebelum penjajakan (Pasal 59 ayat (2) huruf a)."
        if not self.objek:
            errors["objek"] = "Pilih paling sedikit satu objek kerja sama (Pasal 55 ayat (1))."
        if errors:
            raise ValidationError(errors)

    # Perwal 57/2023 Ps 60: hasil penjajakan disepakati → kajian oleh PD pemrakarsa
    @langkah(source="penjajakan", target="kajian", label="Lampirkan kajian (penjajakan mencapai kesepakatan)",
             pasal="Pasal 60", pelaku=(PELAKU_PD,), conditions=[penjajakan_recorded],
             isian=(*_isian_bagian(BAGIAN_KAJIAN),
                    Isian("lembaga_terlibat", "Lembaga peneliti/pendidikan yang dilibatkan", wajib=False,
                          bantuan="Pasal 60 ayat (2): boleh melibatkan lembaga peneliti/lembaga pendidikan."),
                    Isian("dokumen_kajian", "Dokumen kajian", "dokumen", jenis_dokumen=("kajian",))))
    def lampirkan_kajian(self, *, by, data):
        self.kajian = _ambil_bagian(BAGIAN_KAJIAN, data)
        self.kajian_lembaga = data.get("lembaga_terlibat") or ""
        self.dokumen_kajian = data["dokumen_kajian"]

    # Perwal 57/2023 Ps 60: kajian dikembalikan untuk diperbaiki
    @langkah(source="kajian", target="penjajakan", label="Kembalikan kajian untuk diperbaiki", pasal="Pasal 60",
             pelaku=(SEKRETARIAT,), komentar_wajib=True, gaya="warning")
    def kembalikan_kajian(self, *, by, data):
        pass

    # Perwal 57/2023 Ps 61(2) huruf a: permohonan tanggapan kepada Menteri dengan melampirkan kajian
    @langkah(source="kajian", target="menunggu_tanggapan_menteri", label="Ajukan permohonan tanggapan Menteri",
             pasal="Pasal 61 ayat (2) huruf a", pelaku=(SEKRETARIAT,),
             isian=(Isian("tanggal_surat", "Tanggal surat permohonan", "tanggal", peristiwa=True), *_ISIAN_SURAT_KELUAR))
    def minta_tanggapan_menteri(self, *, by, data):
        self.tanggal_permohonan_tanggapan = data["tanggal_surat"]

    # Perwal 57/2023 Ps 61(1), Ps 58(5): konsultasi juga dengan menteri urusan luar negeri sebelum LoI
    @langkah(source=("kajian", "menunggu_tanggapan_menteri", "tanggapan_diterima"), target=None,
             label="Catat konsultasi Menteri Luar Negeri", pasal="Pasal 61 ayat (1)", pelaku=(SEKRETARIAT,),
             gaya="outline-secondary",
             isian=(Isian("tanggal_permohonan", "Tanggal surat konsultasi kepada Menteri Luar Negeri", "tanggal",
                          peristiwa=True),
                    Isian("tanggal_tanggapan", "Tanggal tanggapan (bila sudah ada)", "tanggal", wajib=False,
                          peristiwa=True),
                    Isian("tanggapan", "Ringkasan tanggapan", wajib=False, panjang=True),
                    Isian("dokumen_surat", "Surat tanggapan", "dokumen", wajib=False,
                          jenis_dokumen=("surat_masuk", "surat_menteri")),
                    Isian("tanpa_tanggapan", "Bila tidak ada tanggapan: catatan Sekretariat (lewat waktu)", wajib=False,
                          panjang=True)))
    def catat_konsultasi_menlu(self, *, by, data):
        tanggal = data["tanggal_permohonan"]
        jawab = data.get("tanggal_tanggapan")
        if jawab and jawab < tanggal:
            raise ValidationError({"tanggal_tanggapan": "Tanggapan tidak mungkin sebelum surat konsultasi."})
        if jawab and not (data.get("tanggapan") or "").strip():
            raise ValidationError({"tanggapan": "Ringkas tanggapan Menteri Luar Negeri."})
        self.tanggal_permohonan_menlu = tanggal
        self.tanggal_tanggapan_menlu = jawab
        self.tanggapan_menlu = (data.get("tanggapan") or "").strip()
        self.menlu_tanpa_tanggapan = "" if jawab else (data.get("tanpa_tanggapan") or "").strip()

    # Perwal 57/2023 Ps 61(2) huruf b: tanggapan tertulis Menteri melalui Sekretaris Jenderal
    @langkah(source="menunggu_tanggapan_menteri", target="tanggapan_diterima", label="Catat tanggapan Menteri",
             pasal="Pasal 61 ayat (2) huruf b", pelaku=(SEKRETARIAT,),
             isian=(Isian("tanggal_tanggapan", "Tanggal surat tanggapan", "tanggal", peristiwa=True),
                    Isian("tanggapan", "Ringkasan tanggapan tertulis Menteri", panjang=True),
                    Isian("dokumen_surat_menteri", "Surat tanggapan Menteri", "dokumen",
                          jenis_dokumen=("surat_menteri",))))
    def catat_tanggapan_menteri(self, *, by, data):
        if self.tanggal_permohonan_tanggapan and data["tanggal_tanggapan"] < self.tanggal_permohonan_tanggapan:
            raise ValidationError({"tanggal_tanggapan": "Tanggapan tidak mungkin sebelum permohonan "
                                                        f"({_tgl(self.tanggal_permohonan_tanggapan)})."})
        self.tanggal_tanggapan_menteri = data["tanggal_tanggapan"]
        self.tanggapan_menteri = data["tanggapan"]

    def _isi_loi(self, data):
        tanggal = data["tanggal_penandatanganan"]
        sampai = data["berlaku_sampai"]
        batas = loi_batas_berlaku(tanggal)
        if sampai <= tanggal:
            raise ValidationError({"berlaku_sampai": "Masa berlaku LoI harus berakhir setelah tanggal penandatanganan."})
        if sampai > batas:
            raise ValidationError({"berlaku_sampai": (
                f"Masa berlaku LoI paling lama 1 tahun sejak ditandatangani (Perwal 57/2023 Pasal 62 ayat (3)): "
                f"untuk LoI yang ditandatangani {_tgl(tanggal)}, paling lambat berlaku sampai {_tgl(batas)}.")})
        self.loi = _ambil_bagian(BAGIAN_LOI, data)
        self.loi_tempat_penandatanganan = data["tempat_penandatanganan"]
        self.loi_tanggal_penandatanganan = tanggal
        self.berlaku_sampai = sampai
        self.dokumen_loi = data["dokumen_loi"]

    # Perwal 57/2023 Ps 62: LoI ditandatangani Wali Kota berdasarkan kajian dan tanggapan Menteri,
    # setelah persyaratan Ps 51 dipenuhi
    @langkah(source="tanggapan_diterima", target="loi_ditandatangani", label="Tandatangani LoI",
             pasal="Pasal 62, Pasal 51", pelaku=(PELAKU_PENANDATANGAN,),
             conditions=[ps51_requirements_confirmed, konsultasi_menlu_selesai],
             isian=_ISIAN_LOI)
    def tandatangani_loi(self, *, by, data):
        if self.tanggal_tanggapan_menteri and data["tanggal_penandatanganan"] < self.tanggal_tanggapan_menteri:
            raise ValidationError({"tanggal_penandatanganan": (
                "LoI ditandatangani berdasarkan tanggapan Menteri (Pasal 62 ayat (1)); tanggal penandatanganan "
                f"tidak boleh sebelum tanggapan ({_tgl(self.tanggal_tanggapan_menteri)}).")})
        self._isi_loi(data)

    # Perwal 57/2023 Ps 62(3): LoI yang berakhir masa berlakunya diganti LoI baru
    @langkah(source="loi_ditandatangani", target="loi_ditandatangani", label="Tandatangani LoI baru",
             pasal="Pasal 62 ayat (3)", pelaku=(PELAKU_PENANDATANGAN,), conditions=[loi_due_for_renewal],
             isian=_ISIAN_LOI, gaya="warning")
    @langkah(source="penyusunan_rencana", target="penyusunan_rencana", label="Tandatangani LoI baru",
             pasal="Pasal 62 ayat (3)", pelaku=(PELAKU_PENANDATANGAN,), conditions=[loi_due_for_renewal],
             isian=_ISIAN_LOI, gaya="warning")
    @langkah(source="verifikasi", target="verifikasi", label="Tandatangani LoI baru",
             pasal="Pasal 62 ayat (3)", pelaku=(PELAKU_PENANDATANGAN,), conditions=[loi_due_for_renewal],
             isian=_ISIAN_LOI, gaya="warning")
    def tandatangani_ulang_loi(self, *, by, data):
        if self.loi_tanggal_penandatanganan and data["tanggal_penandatanganan"] <= self.loi_tanggal_penandatanganan:
            raise ValidationError({"tanggal_penandatanganan": (
                f"LoI baru harus ditandatangani setelah LoI sebelumnya ({_tgl(self.loi_tanggal_penandatanganan)}).")})
        self._isi_loi(data)
        self.mitra_mundur_pada = None  # a new LoI: the partner states its intent again

    # Perwal 57/2023 Ps 62(3): setelah LoI berakhir, mitra menyatakan tidak melanjutkan
    @langkah(source=("loi_ditandatangani", "penyusunan_rencana", "verifikasi"), target=None,
             label="Catat mitra mengundurkan diri", pasal="Pasal 62 ayat (3)", pelaku=(SEKRETARIAT,),
             komentar_wajib=True, gaya="outline-danger",
             isian=(Isian("tanggal_mundur", "Tanggal pernyataan mitra", "tanggal", peristiwa=True),
                    Isian("dokumen_surat", "Surat mitra", "dokumen", wajib=False, jenis_dokumen=("surat_masuk",))),
             keterangan="Setelah masa berlaku LoI berakhir, langkah berikutnya tertahan sampai LoI baru ditandatangani.")
    def catat_mitra_mundur(self, *, by, data):
        self.mitra_mundur_pada = data["tanggal_mundur"]

    @property
    def peringatan_loi(self) -> str:
        """Ps 62(3): a lapsed LoI is warned, not a block (see `loi_holds`)."""
        if self.berlaku_sampai and self.tahap in TAHAP_BERGANTUNG_LOI and not loi_still_valid(self):
            return (f"Masa berlaku LoI telah berakhir pada {_tgl(self.berlaku_sampai)} (Pasal 62 ayat (3)). Proses dapat "
                    "berlanjut; tandatangani LoI baru bila para pihak menghendaki"
                    + (f". Mitra mengundurkan diri pada {_tgl(self.mitra_mundur_pada)}: langkah berikutnya tertahan."
                       if self.mitra_mundur_pada else "."))
        return ""

    def _isi_rencana(self, data):
        self.rencana = _ambil_bagian(BAGIAN_RENCANA, data)
        self.dokumen_rencana = data["dokumen_rencana"]
        self.rencana_perlu_perbaikan = False

    # Perwal 57/2023 Ps 63: Rencana Kerja Sama disusun PD pemrakarsa berdasarkan LoI yang ditandatangani
    @langkah(source="loi_ditandatangani", target="penyusunan_rencana", label="Susun Rencana Kerja Sama",
             pasal="Pasal 63", pelaku=(PELAKU_PD,), conditions=[loi_holds], isian=_ISIAN_RENCANA)
    def susun_rencana(self, *, by, data):
        self._isi_rencana(data)

    # Perwal 57/2023 Ps 63, 67(2) huruf a: Rencana diperbarui (juga atas pertimbangan Menteri)
    @langkah(source="penyusunan_rencana", target="penyusunan_rencana", label="Perbarui Rencana Kerja Sama",
             pasal="Pasal 63, Pasal 67 ayat (2) huruf a", pelaku=(PELAKU_PD, SEKRETARIAT), isian=_ISIAN_RENCANA,
             gaya="secondary")
    def perbarui_rencana(self, *, by, data):
        self._isi_rencana(data)

    # Perwal 57/2023 Ps 64: permohonan persetujuan DPRD dengan Rencana dan LoI yang ditandatangani
    @langkah(source="penyusunan_rencana", target="persetujuan_dprd", label="Ajukan persetujuan DPRD",
             pasal="Pasal 64", pelaku=(SEKRETARIAT,),
             conditions=[dprd_approval_required, loi_holds, rencana_ready],
             isian=(Isian("tanggal_surat", "Tanggal surat Wali Kota kepada DPRD", "tanggal", peristiwa=True),
                    *_ISIAN_SURAT_KELUAR))
    def ajukan_persetujuan_dprd(self, *, by, data):
        self.tanggal_permohonan_dprd = data["tanggal_surat"]
        # A new request (also after the Menteri asked to fix the Rencana) starts a new decision.
        self.tanggal_diterima_dprd = None
        self.keputusan_dprd = ""
        self.tanggal_keputusan_dprd = None
        self.dprd_dianggap_setuju_pada = None

    # Perwal 57/2023 Ps 64(1) a contrario, Ps 73–76: KSDLL penerusan tidak memerlukan persetujuan DPRD
    @langkah(source="penyusunan_rencana", target="verifikasi", label="Lanjut ke verifikasi (tanpa persetujuan DPRD)",
             pasal="Pasal 64 ayat (1), Pasal 75–76", pelaku=(SEKRETARIAT,),
             conditions=[dprd_not_required, loi_holds, rencana_ready],
             isian=(Isian("dokumen_kak", "Kerangka acuan kegiatan (Pasal 75 ayat (2) huruf b)", "dokumen", wajib=False,
                          jenis_dokumen=("kak",)),
                    Isian("dokumen_pernyataan_kesediaan", "Surat pernyataan kesediaan kerja sama (Pasal 75 ayat (2) "
                          "huruf d)", "dokumen", wajib=False, jenis_dokumen=("surat_keluar", "lainnya")),
                    Isian("menggunakan_aset_daerah", "Kegiatan bersifat teknis dan membebani/menggunakan aset Daerah?",
                          "boolean", wajib=False),
                    Isian("dokumen_studi_kelayakan", "Studi kelayakan (Pasal 75 ayat (2) huruf c)", "dokumen",
                          wajib=False, jenis_dokumen=("studi_kelayakan",))))
    def ajukan_verifikasi(self, *, by, data):
        errors = {}
        if self.jenis_lembaga in (JenisLembaga.ORGANISASI_INTERNASIONAL, JenisLembaga.MITRA_PEMBANGUNAN):
            # Ps 75(2): the Rencana to the Menteri carries these attachments (a: the kajian's mapping).
            if not data.get("dokumen_kak"):
                errors["dokumen_kak"] = "Lampirkan kerangka acuan kegiatan (Pasal 75 ayat (2) huruf b)."
            if not data.get("dokumen_pernyataan_kesediaan"):
                errors["dokumen_pernyataan_kesediaan"] = "Lampirkan surat pernyataan kesediaan kerja sama (Pasal 75 ayat (2) huruf d)."
            if data.get("menggunakan_aset_daerah") and not data.get("dokumen_studi_kelayakan"):
                errors["dokumen_studi_kelayakan"] = ("Kegiatan teknis yang membebani/menggunakan aset Daerah harus "
                                                     "disertai studi kelayakan (Pasal 75 ayat (2) huruf c).")
        if self.jenis_lembaga == JenisLembaga.NONPROFIT:
            ada = set(self.izin_lembaga.values_list("jenis", flat=True))
            kurang = [str(JenisIzin(j).label) for j in JenisIzin.values if j not in ada]
            if kurang:
                errors["__all__"] = (f"Lembaga nonprofit berbadan hukum di luar negeri harus mempunyai Izin Prinsip dan "
                                     f"Izin Operasional (Pasal 76 ayat (2) huruf a); belum dicatat: {', '.join(kurang)}.")
        if errors:
            raise ValidationError(errors)

    # Perwal 57/2023 Ps 65(2): Sekretariat DPRD menerima surat permohonan; jangka 45 hari mulai berjalan.
    # The body whose silence counts must not be the only one able to start the clock: the Sekretariat TKKSD
    # records the receipt from the Setwan's tanda terima (required then).
    @langkah(source="persetujuan_dprd", target="persetujuan_dprd", label="Catat tanggal diterima Sekretariat DPRD",
             pasal="Pasal 65 ayat (2)", pelaku=(DPRD, SEKRETARIAT), conditions=[dprd_receipt_not_recorded],
             isian=(Isian("tanggal_diterima_dprd", "Tanggal diterima Sekretariat DPRD", "tanggal", peristiwa=True),
                    Isian("tanda_terima_dprd", "Tanda terima Sekretariat DPRD (Setwan)", "dokumen", wajib=False,
                          jenis_dokumen=("surat_masuk", "berita_acara", "lainnya"),
                          bantuan="Wajib bila dicatat oleh Sekretariat TKKSD.")))
    def catat_penerimaan_dprd(self, *, by, data):
        if self.tanggal_permohonan_dprd and data["tanggal_diterima_dprd"] < self.tanggal_permohonan_dprd:
            raise ValidationError({"tanggal_diterima_dprd": (
                f"Tanggal diterima tidak boleh sebelum tanggal surat permohonan ({_tgl(self.tanggal_permohonan_dprd)}).")})
        if not data.get("tanda_terima_dprd") and not (by and by.punya_peran(DPRD)):
            raise ValidationError({"tanda_terima_dprd": (
                "Lampirkan tanda terima Sekretariat DPRD (Setwan) sebagai bukti tanggal diterima (Pasal 65 ayat (2)).")})
        self.tanggal_diterima_dprd = data["tanggal_diterima_dprd"]
        self.tanda_terima_dprd = data.get("tanda_terima_dprd")

    def _keputusan_dprd(self, data, keputusan):
        tanggal = data["tanggal_keputusan"]
        batas = self._batas_keputusan_dprd(tanggal)
        if kalender.akhir_hari(tanggal) > batas:
            raise ValidationError({"tanggal_keputusan": (
                f"Keputusan bertanggal {_tgl(tanggal)} melewati 45 hari sejak diterima ({_tgl(self.tanggal_diterima_dprd)}): "
                f"permohonan telah dianggap disetujui sejak berakhirnya {timezone.localtime(batas):%d-%m-%Y} "
                "(Perwal 57/2023 Pasal 65 ayat (3)).")})
        self.keputusan_dprd = keputusan
        self.tanggal_keputusan_dprd = tanggal

    def _batas_keputusan_dprd(self, tanggal):
        from .deadlines import DPRD_45

        if tanggal < self.tanggal_diterima_dprd:
            raise ValidationError({"tanggal_keputusan": (
                f"Tanggal keputusan tidak boleh sebelum surat diterima ({_tgl(self.tanggal_diterima_dprd)}).")})
        return self.batas_dprd or DPRD_45.hitung_jatuh_tempo(self.tanggal_diterima_dprd, settings.SIKSD_CARA_HITUNG_HARI)

    def _koreksi_dprd(self, data, keputusan):
        """Ps 65(2)–(3): the deemed approval follows the legal fact. A decision dated within the 45 days and
        entered later with its letter replaces it; the moment of the deemed approval is kept (both facts)."""
        self._keputusan_dprd(data, keputusan)
        self.surat_koreksi_dprd = data["dokumen_surat_dprd"]

    # Perwal 57/2023 Ps 65(2)–(3): penolakan DPRD dalam 45 hari yang baru diterima setelah anggapan persetujuan
    @langkah(source=TAHAP_SETELAH_DPRD, target="ditolak_dprd", label="Koreksi: DPRD menolak dalam 45 hari",
             pasal="Pasal 65 ayat (2)–(3)", pelaku=(DPRD, SEKRETARIAT), conditions=[dprd_deemed_approved],
             isian=_ISIAN_DPRD_KEPUTUSAN, komentar_wajib=True, gaya="danger",
             keterangan="Surat penolakan DPRD bertanggal dalam 45 hari sejak diterima menggantikan anggapan "
                        "persetujuan; kerja sama berakhir.")
    def koreksi_penolakan_dprd(self, *, by, data):
        self._koreksi_dprd(data, KeputusanDprd.DITOLAK)

    # Perwal 57/2023 Ps 65(2): persetujuan DPRD dalam 45 hari yang baru diterima; tahap tetap
    @langkah(source=TAHAP_SETELAH_DPRD, target=None, label="Koreksi: DPRD menyetujui dalam 45 hari",
             pasal="Pasal 65 ayat (2)", pelaku=(DPRD, SEKRETARIAT), conditions=[dprd_deemed_approved],
             isian=_ISIAN_DPRD_KEPUTUSAN, gaya="outline-success",
             keterangan="Surat persetujuan DPRD bertanggal dalam 45 hari menggantikan anggapan persetujuan; "
                        "proses berlanjut pada tahap sekarang.")
    def koreksi_persetujuan_dprd(self, *, by, data):
        self._koreksi_dprd(data, KeputusanDprd.DISETUJUI)

    # Perwal 57/2023 Ps 65(1): pembahasan oleh Komisi DPRD yang membidangi kerja sama, dengan melibatkan TKKSD
    @langkah(source="persetujuan_dprd", target="persetujuan_dprd", label="Catat rapat pembahasan Komisi DPRD",
             pasal="Pasal 65 ayat (1)", pelaku=(SEKRETARIAT, DPRD), gaya="outline-secondary",
             isian=(Isian("tanggal_rapat", "Tanggal rapat", "tanggal", peristiwa=True),
                    Isian("komisi", "Komisi DPRD yang membidangi kerja sama"),
                    Isian("kehadiran", "Kehadiran (anggota Komisi dan unsur TKKSD)", panjang=True),
                    Isian("ringkasan", "Ringkasan pembahasan", panjang=True),
                    Isian("notulensi", "Notulensi/risalah rapat", "dokumen", jenis_dokumen=("notulensi", "berita_acara")),
                    Isian("daftar_hadir", "Daftar hadir", "dokumen", wajib=False, jenis_dokumen=("daftar_hadir",))))
    def catat_rapat_komisi_dprd(self, *, by, data):
        if self.tanggal_permohonan_dprd and data["tanggal_rapat"] < self.tanggal_permohonan_dprd:
            raise ValidationError({"tanggal_rapat": (
                f"Rapat Komisi tidak mungkin sebelum surat permohonan ({_tgl(self.tanggal_permohonan_dprd)}).")})
        self.rapat_komisi_dprd = [*(self.rapat_komisi_dprd or []), {
            "tanggal": data["tanggal_rapat"].isoformat(), "komisi": data["komisi"], "kehadiran": data["kehadiran"],
            "ringkasan": data["ringkasan"], "notulensi": data["notulensi"].pk,
            "daftar_hadir": data["daftar_hadir"].pk if data.get("daftar_hadir") else None}]

    # Perwal 57/2023 Ps 77(3): hasil berupa barang yang belum ditegaskan kepemilikannya → koordinasi dengan Menteri
    @langkah(source="pelaksanaan", target="pelaksanaan", label="Catat koordinasi kepemilikan barang dengan Menteri",
             pasal="Pasal 77 ayat (3)", pelaku=(SEKRETARIAT,), gaya="outline-secondary",
             isian=(Isian("barang", "Barang hasil kerja sama yang belum ditegaskan kepemilikannya", panjang=True),
                    Isian("tanggal_surat", "Tanggal surat koordinasi kepada Menteri", "tanggal", peristiwa=True),
                    Isian("dokumen_surat", "Surat koordinasi", "dokumen", jenis_dokumen=("surat_keluar",)),
                    Isian("hasil", "Hasil penyelesaian (bila sudah ada)", wajib=False, panjang=True)))
    def catat_koordinasi_kepemilikan_barang(self, *, by, data):
        self.koordinasi_kepemilikan_barang = [*(self.koordinasi_kepemilikan_barang or []), {
            "barang": data["barang"], "tanggal_surat": data["tanggal_surat"].isoformat(),
            "dokumen_surat": data["dokumen_surat"].pk, "hasil": data.get("hasil") or ""}]

    # Perwal 57/2023 Ps 65(2): DPRD menyatakan persetujuan dalam 45 hari
    @langkah(source="persetujuan_dprd", target="verifikasi", label="DPRD menyetujui", pasal="Pasal 65 ayat (2)",
             pelaku=(DPRD,), conditions=[dprd_receipt_recorded], isian=_ISIAN_DPRD_KEPUTUSAN, gaya="success")
    def setujui_dprd(self, *, by, data):
        self._keputusan_dprd(data, KeputusanDprd.DISETUJUI)

    # Perwal 57/2023 Ps 65(2): DPRD menyatakan penolakan dalam 45 hari
    @langkah(source="persetujuan_dprd", target="ditolak_dprd", label="DPRD menolak", pasal="Pasal 65 ayat (2)",
             pelaku=(DPRD,), conditions=[dprd_receipt_recorded], isian=_ISIAN_DPRD_KEPUTUSAN, komentar_wajib=True,
             gaya="danger")
    def tolak_dprd(self, *, by, data):
        self._keputusan_dprd(data, KeputusanDprd.DITOLAK)

    # Perwal 57/2023 Ps 65(3): dianggap disetujui setelah 45 hari
    @langkah(source="persetujuan_dprd", target="verifikasi", label="Dianggap disetujui DPRD (45 hari tanpa keputusan)",
             pasal="Pasal 65 ayat (3)–(4)", pelaku=(PELAKU_SISTEM,))
    def anggap_disetujui_dprd(self, *, by, data):
        self.keputusan_dprd = KeputusanDprd.DIANGGAP_DISETUJUI
        self.tanggal_keputusan_dprd = kalender.tanggal_lokal(data["jatuh_tempo"])
        self.dprd_dianggap_setuju_pada = data["jatuh_tempo"]

    def _kirim_gubernur(self, data):
        self.tanggal_dikirim_gubernur = data["tanggal_dikirim_gubernur"]
        self.tanggal_diteruskan_gubernur = None
        self.tanggal_dikirim_langsung_menteri = None
        self.gubernur_lewat_dicatat_pada = None
        # batas_gubernur is set by the effect that starts the 5-day clock (services)

    # Perwal 57/2023 Ps 66(1)–(2): dokumen verifikasi disampaikan kepada Gubernur
    @langkah(source="verifikasi", target="menunggu_gubernur_verifikasi", label="Kirim dokumen verifikasi ke Gubernur",
             pasal="Pasal 66 ayat (1)–(2)", pelaku=(SEKRETARIAT,), conditions=[loi_holds],
             isian=_ISIAN_KIRIM_GUBERNUR)
    def kirim_verifikasi_gubernur(self, *, by, data):
        self._kirim_gubernur(data)

    def _diteruskan(self, data):
        if self.tanggal_dikirim_gubernur and data["tanggal_diteruskan_gubernur"] < self.tanggal_dikirim_gubernur:
            raise ValidationError({"tanggal_diteruskan_gubernur": (
                f"Tanggal diteruskan tidak boleh sebelum dikirim kepada Gubernur ({_tgl(self.tanggal_dikirim_gubernur)}).")})
        self.tanggal_diteruskan_gubernur = data["tanggal_diteruskan_gubernur"]

    # Perwal 57/2023 Ps 66(2): Gubernur meneruskan kepada Menteri melalui Sekretaris Jenderal
    @langkah(source="menunggu_gubernur_verifikasi", target="menunggu_pertimbangan_menteri",
             label="Catat penerusan oleh Gubernur", pasal="Pasal 66 ayat (2)", pelaku=(SEKRETARIAT,),
             isian=_ISIAN_DITERUSKAN)
    def catat_penerusan_gubernur_verifikasi(self, *, by, data):
        self._diteruskan(data)

    def _langsung(self, data):
        if data["tanggal_dikirim_menteri"] <= kalender.tanggal_lokal(self.batas_gubernur):
            raise ValidationError({"tanggal_dikirim_menteri": (
                "Penyampaian langsung kepada Menteri hanya setelah 5 hari berlalu "
                f"(batas {timezone.localtime(self.batas_gubernur):%d-%m-%Y %H:%M} WIB).")})
        self.tanggal_dikirim_langsung_menteri = data["tanggal_dikirim_menteri"]

    # Perwal 57/2023 Ps 66(3): Gubernur tidak meneruskan dalam 5 hari → Wali Kota langsung kepada Menteri
    @langkah(source="menunggu_gubernur_verifikasi", target="menunggu_pertimbangan_menteri",
             label="Kirim langsung ke Menteri", pasal="Pasal 66 ayat (3)",
             pelaku=(SEKRETARIAT, PELAKU_PENANDATANGAN), conditions=[gubernur_5_days_passed], isian=_ISIAN_LANGSUNG,
             gaya="warning")
    def kirim_langsung_menteri_verifikasi(self, *, by, data):
        self._langsung(data)

    def _pertimbangan(self, data):
        self.tanggal_pertimbangan_menteri = data["tanggal_pertimbangan"]
        self.pertimbangan_menteri = data["pertimbangan"]

    # Perwal 57/2023 Ps 67(2) huruf a: pertimbangan Menteri — memperbaiki Rencana Kerja Sama
    @langkah(source="menunggu_pertimbangan_menteri", target="penyusunan_rencana",
             label="Pertimbangan Menteri: perbaiki Rencana", pasal="Pasal 67 ayat (2) huruf a", pelaku=(SEKRETARIAT,),
             isian=_ISIAN_PERTIMBANGAN, gaya="warning")
    def pertimbangan_perbaiki_rencana(self, *, by, data):
        self._pertimbangan(data)
        self.rencana_perlu_perbaikan = True

    # Perwal 57/2023 Ps 67(2) huruf b: pertimbangan Menteri — menyusun rancangan Naskah
    @langkah(source="menunggu_pertimbangan_menteri", target="penyusunan_naskah",
             label="Pertimbangan Menteri: susun rancangan Naskah", pasal="Pasal 67 ayat (2) huruf b",
             pelaku=(SEKRETARIAT,), isian=_ISIAN_PERTIMBANGAN)
    def pertimbangan_lanjut_naskah(self, *, by, data):
        self._pertimbangan(data)

    # Perwal 57/2023 Ps 68(1)–(2), (4): rancangan Naskah disampaikan kepada Gubernur
    @langkah(source="penyusunan_naskah", target="menunggu_gubernur_naskah", label="Kirim rancangan Naskah ke Gubernur",
             pasal="Pasal 68 ayat (1), (2) dan (4)", pelaku=(SEKRETARIAT,),
             isian=(*_isian_bagian(BAGIAN_NASKAH),
                    Isian("dokumen_naskah", "Rancangan Naskah Kerja Sama", "dokumen", jenis_dokumen=("naskah",)),
                    *_ISIAN_KIRIM_GUBERNUR))
    def kirim_naskah_gubernur(self, *, by, data):
        self.naskah = _ambil_bagian(BAGIAN_NASKAH, data)
        self.dokumen_naskah = data["dokumen_naskah"]
        self._kirim_gubernur(data)

    # Perwal 57/2023 Ps 68(2): Gubernur meneruskan rancangan Naskah kepada Menteri
    @langkah(source="menunggu_gubernur_naskah", target="pembahasan_naskah", label="Catat penerusan oleh Gubernur",
             pasal="Pasal 68 ayat (2)", pelaku=(SEKRETARIAT,), isian=_ISIAN_DITERUSKAN)
    def catat_penerusan_gubernur_naskah(self, *, by, data):
        self._diteruskan(data)

    # Perwal 57/2023 Ps 68(3): Gubernur tidak meneruskan dalam 5 hari → langsung kepada Menteri
    @langkah(source="menunggu_gubernur_naskah", target="pembahasan_naskah", label="Kirim langsung ke Menteri",
             pasal="Pasal 68 ayat (3)", pelaku=(SEKRETARIAT, PELAKU_PENANDATANGAN),
             conditions=[gubernur_5_days_passed], isian=_ISIAN_LANGSUNG, gaya="warning")
    def kirim_langsung_menteri_naskah(self, *, by, data):
        self._langsung(data)

    # Perwal 57/2023 Ps 69: pembahasan antar kementerian/lembaga dan dengan mitra, dikoordinasikan Menteri
    @langkah(source="pembahasan_naskah", target="menunggu_persetujuan_menteri", label="Catat hasil pembahasan Naskah",
             pasal="Pasal 69", pelaku=(SEKRETARIAT,),
             isian=(Isian("pembahasan", "Pembahasan", "daftar", min_baris=2, isian=(
                 Isian("jenis", "Jenis pembahasan", "pilihan", pilihan=(
                     ("antar_kementerian", "Rapat antar kementerian/lembaga (Pasal 69 ayat (1) huruf a)"),
                     ("dengan_mitra", "Pembahasan dengan mitra luar negeri (Pasal 69 ayat (1) huruf b)"))),
                 Isian("tanggal", "Tanggal", "tanggal", peristiwa=True),
                 Isian("tempat", "Tempat", wajib=False),
                 Isian("hasil", "Hasil pembahasan", panjang=True))),))
    def catat_pembahasan(self, *, by, data):
        jenis = {row["jenis"] for row in data["pembahasan"]}
        if jenis != {"antar_kementerian", "dengan_mitra"}:
            raise ValidationError({"pembahasan": (
                "Pembahasan Naskah terdiri atas rapat antar kementerian/lembaga dan pembahasan dengan mitra luar negeri "
                "(Pasal 69 ayat (1)); catat keduanya.")})
        self.pembahasan = [{**row, "tanggal": row["tanggal"].isoformat()} for row in data["pembahasan"]]

    # Perwal 57/2023 Ps 70: surat persetujuan Menteri dan Naskah; rencana tempat dan tanggal penandatanganan.
    # Ps 56: KSDPL/KSDLL rest on the Government's approval, coordinated by the Menteri: this is that approval.
    @langkah(source="menunggu_persetujuan_menteri", target="penandatanganan", label="Catat persetujuan Menteri",
             pasal="Pasal 70", pelaku=(SEKRETARIAT,),
             isian=(Isian("tanggal_persetujuan", "Tanggal surat persetujuan Menteri", "tanggal", peristiwa=True),
                    Isian("dokumen_surat_menteri", "Surat persetujuan Menteri", "dokumen", jenis_dokumen=("surat_menteri",)),
                    Isian("dokumen_naskah", "Naskah Kerja Sama yang disetujui", "dokumen", jenis_dokumen=("naskah",)),
                    Isian("rencana_tempat_penandatanganan", "Rencana tempat penandatanganan"),
                    Isian("rencana_tanggal_penandatanganan", "Rencana tanggal penandatanganan", "tanggal"),
                    Isian("tanggal_pemberitahuan_menteri", "Tanggal rencana tempat dan tanggal disampaikan kepada "
                          "Menteri (Pasal 70 ayat (2))", "tanggal", peristiwa=True)))
    def catat_persetujuan_menteri(self, *, by, data):
        if data["rencana_tanggal_penandatanganan"] < data["tanggal_persetujuan"]:
            raise ValidationError({"rencana_tanggal_penandatanganan": (
                "Penandatanganan direncanakan setelah persetujuan Menteri (Pasal 70 ayat (1)).")})
        self.tanggal_persetujuan_menteri = data["tanggal_persetujuan"]
        self.dokumen_naskah = data["dokumen_naskah"]
        self.rencana_tempat_penandatanganan = data["rencana_tempat_penandatanganan"]
        self.rencana_tanggal_penandatanganan = data["rencana_tanggal_penandatanganan"]

    # Perwal 57/2023 Ps 71, 78(1): Wali Kota dan mitra menandatangani Naskah; jangka waktu paling lama 5 tahun.
    # Ps 54(1)–(2): the Wali Kota represents the Daerah (PELAKU_PENANDATANGAN); the TKKSD coordinates (Sekretariat).
    @langkah(source="penandatanganan", target="pelaksanaan", label="Tandatangani Naskah Kerja Sama",
             pasal="Pasal 71, Pasal 78 ayat (1)", pelaku=(PELAKU_PENANDATANGAN,),
             isian=(Isian("tanggal_penandatanganan", "Tanggal penandatanganan", "tanggal", peristiwa=True),
                    Isian("tempat_penandatanganan", "Tempat penandatanganan"),
                    Isian("tanggal_mulai", "Tanggal mulai berlaku", "tanggal"),
                    Isian("tanggal_berakhir", "Tanggal berakhir", "tanggal",
                          bantuan="Paling lama 5 tahun (Pasal 78 ayat (1))."),
                    Isian("dokumen_naskah_ditandatangani", "Naskah yang ditandatangani", "dokumen",
                          jenis_dokumen=("naskah",)),
                    Isian("tanggal_naskah_asli_dikirim", "Tanggal naskah asli disampaikan kepada Menteri "
                          "(Pasal 71 ayat (2))", "tanggal", wajib=False, peristiwa=True)))
    def tandatangani_naskah(self, *, by, data):
        if self.tanggal_persetujuan_menteri and data["tanggal_penandatanganan"] < self.tanggal_persetujuan_menteri:
            raise ValidationError({"tanggal_penandatanganan": (
                f"Naskah ditandatangani setelah persetujuan Menteri ({_tgl(self.tanggal_persetujuan_menteri)}).")})
        validasi_masa_berlaku(data["tanggal_mulai"], data["tanggal_berakhir"], pasal="Pasal 78 ayat (1)")
        asli = data.get("tanggal_naskah_asli_dikirim")
        if asli and asli < data["tanggal_penandatanganan"]:
            raise ValidationError({"tanggal_naskah_asli_dikirim": "Naskah asli dikirim setelah ditandatangani."})
        self.tanggal_penandatanganan = data["tanggal_penandatanganan"]
        self.tempat_penandatanganan = data["tempat_penandatanganan"]
        self.tanggal_mulai = data["tanggal_mulai"]
        self.tanggal_berakhir = data["tanggal_berakhir"]
        self.dokumen_naskah = data["dokumen_naskah_ditandatangani"]
        self.tanggal_naskah_asli_dikirim = asli

    # Perwal 57/2023 Ps 71(2)–(3): naskah asli kepada Menteri; salinan dari Sekretaris Jenderal
    @langkah(source="pelaksanaan", target="pelaksanaan", label="Catat naskah asli dan salinan Sekjen",
             pasal="Pasal 71 ayat (2)–(3)", pelaku=(SEKRETARIAT,), gaya="secondary",
             isian=(Isian("tanggal_naskah_asli_dikirim", "Tanggal naskah asli disampaikan kepada Menteri", "tanggal",
                          wajib=False, peristiwa=True),
                    Isian("tanggal_salinan_sekjen", "Tanggal salinan Naskah dari Sekretaris Jenderal diterima",
                          "tanggal", wajib=False, peristiwa=True),
                    Isian("dokumen_salinan", "Salinan Naskah dari Sekretaris Jenderal", "dokumen", wajib=False,
                          jenis_dokumen=("naskah",))))
    def catat_naskah_asli_salinan(self, *, by, data):
        if not data.get("tanggal_naskah_asli_dikirim") and not data.get("tanggal_salinan_sekjen"):
            raise ValidationError({"tanggal_salinan_sekjen": "Isi paling sedikit satu tanggal."})
        if data.get("tanggal_naskah_asli_dikirim"):
            self.tanggal_naskah_asli_dikirim = data["tanggal_naskah_asli_dikirim"]
        if data.get("tanggal_salinan_sekjen"):
            self.tanggal_salinan_sekjen = data["tanggal_salinan_sekjen"]

    # Perwal 57/2023 Ps 78(3): permohonan perpanjangan kepada Menteri paling lama 6 bulan sebelum berakhir,
    # ditembuskan kepada Gubernur dan DPRD
    @langkah(source="pelaksanaan", target="pelaksanaan", label="Catat permohonan perpanjangan kepada Menteri",
             pasal="Pasal 78 ayat (2)–(3)", pelaku=(SEKRETARIAT,), conditions=[no_extension_request_yet],
             gaya="secondary",
             isian=(Isian("tanggal_dikirim", "Tanggal surat permohonan dikirim", "tanggal", peristiwa=True),
                    *_ISIAN_SURAT_KELUAR))
    def ajukan_perpanjangan(self, *, by, data):
        if self.tanggal_penandatanganan and data["tanggal_dikirim"] < self.tanggal_penandatanganan:
            raise ValidationError({"tanggal_dikirim": "Permohonan perpanjangan tidak mungkin sebelum penandatanganan."})

    # Perwal 57/2023 Ps 78(1)–(2): perpanjangan atas persetujuan para pihak, paling lama 5 tahun
    @langkah(source="pelaksanaan", target="pelaksanaan", label="Catat persetujuan perpanjangan",
             pasal="Pasal 78 ayat (1)–(2)", pelaku=(SEKRETARIAT,), conditions=[extension_requested], gaya="secondary",
             isian=(Isian("tanggal_persetujuan", "Tanggal persetujuan perpanjangan", "tanggal", peristiwa=True),
                    Isian("tanggal_berakhir", "Tanggal berakhir yang baru", "tanggal",
                          bantuan="Perpanjangan paling lama 5 tahun sejak hari setelah berakhirnya masa berlaku lama."),
                    Isian("dokumen_perpanjangan", "Naskah perpanjangan/adendum", "dokumen",
                          jenis_dokumen=("adendum", "naskah"))))
    def catat_perpanjangan(self, *, by, data):
        lama = self.tanggal_berakhir
        baru = data["tanggal_berakhir"]
        if baru <= lama:
            raise ValidationError({"tanggal_berakhir": f"Tanggal berakhir baru harus setelah {_tgl(lama)}."})
        mulai = lama + datetime.timedelta(days=1)
        validasi_masa_berlaku(mulai, baru, pasal="Pasal 78 ayat (1)")
        self.tanggal_mulai = mulai
        self.tanggal_berakhir = baru

    # Perwal 57/2023 Ps 78(1): berakhir pada akhir jangka waktu tanpa perpanjangan
    @langkah(source="pelaksanaan", target="selesai", label="Berakhir karena masa berlaku habis",
             pasal="Pasal 78 ayat (1)", pelaku=(PELAKU_SISTEM,))
    def berakhir_masa_berlaku(self, *, by, data):
        self.tanggal_selesai = self.tanggal_berakhir or timezone.localdate()
        self.alasan_pengakhiran = AlasanPengakhiran.MASA_BERLAKU
        self.alasan_selesai = str(AlasanPengakhiran.MASA_BERLAKU.label)

    # Perwal 57/2023 Ps 78(2), 79: pengakhiran dengan salah satu alasan Pasal 79
    @langkah(source="pelaksanaan", target="selesai", label="Akhiri kerja sama", pasal="Pasal 78 ayat (2), Pasal 79",
             pelaku=(SEKRETARIAT,), komentar_wajib=True, gaya="danger",
             isian=(Isian("alasan_pengakhiran", "Alasan berakhir (Pasal 79)", "pilihan",
                          pilihan=tuple((k, str(v)) for k, v in AlasanPengakhiran.choices
                                        if k != AlasanPengakhiran.MASA_BERLAKU)),
                    Isian("tanggal_selesai", "Tanggal berakhir", "tanggal", peristiwa=True)))
    def akhiri(self, *, by, data):
        self.tanggal_selesai = data["tanggal_selesai"]
        self.alasan_pengakhiran = data["alasan_pengakhiran"]
        self.alasan_selesai = str(AlasanPengakhiran(data["alasan_pengakhiran"]).label)


daftar_tahapan(
    "ksdln.kasusksdln",
    [
        Tahap("prakarsa", "Prakarsa", "Pasal 58", pelaku=(SEKRETARIAT,),
              keterangan="Prakarsa dicatat; lengkapi calon mitra, objek, dan persyaratan Pasal 51, lalu mulai penjajakan."),
        Tahap("penjajakan", "Penjajakan", "Pasal 59–60", pelaku=(PELAKU_PD, SEKRETARIAT),
              keterangan="Catat kegiatan penjajakan (Pasal 59 ayat (2)); bila disepakati, PD melampirkan kajian."),
        Tahap("kajian", "Kajian", "Pasal 60", pelaku=(SEKRETARIAT,)),
        Tahap("menunggu_tanggapan_menteri", "Menunggu tanggapan Menteri", "Pasal 61 ayat (2)", pelaku=(SEKRETARIAT,)),
        Tahap("tanggapan_diterima", "Tanggapan Menteri diterima", "Pasal 61–62",
              pelaku=(PELAKU_PENANDATANGAN, SEKRETARIAT),
              keterangan="LoI dapat ditandatangani setelah seluruh persyaratan Pasal 51 dikonfirmasi."),
        Tahap("loi_ditandatangani", "Pernyataan Kehendak Kerja Sama (LoI) ditandatangani", "Pasal 62",
              pelaku=(PELAKU_PD,)),
        Tahap("penyusunan_rencana", "Penyusunan Rencana Kerja Sama", "Pasal 63", pelaku=(PELAKU_PD, SEKRETARIAT)),
        Tahap("persetujuan_dprd", "Persetujuan DPRD", "Pasal 64–65", pelaku=(DPRD,),
              keterangan="DPRD memutuskan dalam 45 hari sejak surat diterima Sekretariat DPRD; bila tidak, "
                         "permohonan dianggap disetujui (Pasal 65 ayat (3))."),
        Tahap("verifikasi", "Verifikasi", "Pasal 66 ayat (1)", pelaku=(SEKRETARIAT,)),
        Tahap("menunggu_gubernur_verifikasi", "Menunggu Gubernur meneruskan dokumen verifikasi", "Pasal 66 ayat (2)–(3)",
              pelaku=(SEKRETARIAT,),
              keterangan="Bila Gubernur tidak meneruskan dalam 5 hari, Wali Kota menyampaikan langsung kepada Menteri."),
        Tahap("menunggu_pertimbangan_menteri", "Menunggu pertimbangan Menteri", "Pasal 67", pelaku=(SEKRETARIAT,)),
        Tahap("penyusunan_naskah", "Penyusunan rancangan Naskah Kerja Sama", "Pasal 68 ayat (1), (4)",
              pelaku=(SEKRETARIAT,)),
        Tahap("menunggu_gubernur_naskah", "Menunggu Gubernur meneruskan rancangan Naskah", "Pasal 68 ayat (2)–(3)",
              pelaku=(SEKRETARIAT,)),
        Tahap("pembahasan_naskah", "Pembahasan Naskah Kerja Sama", "Pasal 69", pelaku=(SEKRETARIAT,)),
        Tahap("menunggu_persetujuan_menteri", "Menunggu persetujuan Menteri", "Pasal 70", pelaku=(SEKRETARIAT,)),
        Tahap("penandatanganan", "Penandatanganan Naskah Kerja Sama", "Pasal 71", pelaku=(PELAKU_PENANDATANGAN,)),
        Tahap("pelaksanaan", "Pelaksanaan", "Pasal 72, 78–83", pelaku=()),
        Tahap("selesai", "Selesai", "Pasal 78–79", akhir=True),
        Tahap("ditolak_dprd", "Ditolak DPRD", "Pasal 65 ayat (2)", akhir=True),
    ],
)


# --- records around the case -----------------------------------------------------------------


class PersyaratanKsdln(models.Model):
    """One Ps 51 requirement of a case, confirmed item by item with evidence."""

    kasus = models.ForeignKey(KasusKsdln, on_delete=models.CASCADE, related_name="persyaratan")
    kode = models.CharField(_("kode"), max_length=40)
    uraian = models.CharField(_("persyaratan"), max_length=300)
    pasal = models.CharField(_("pasal"), max_length=60)
    urutan = models.PositiveSmallIntegerField(default=0)
    terpenuhi = models.BooleanField(_("terpenuhi"), default=False)
    catatan = models.TextField(_("catatan/bukti"), blank=True)
    dokumen = models.ForeignKey(Dokumen, verbose_name=_("dokumen bukti"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    dikonfirmasi_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    dikonfirmasi_pada = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("persyaratan Pasal 51")
        verbose_name_plural = _("persyaratan Pasal 51")
        ordering = ["kasus", "urutan"]
        constraints = [models.UniqueConstraint(fields=["kasus", "kode"], name="ksdln_persyaratan_unik")]

    def __str__(self):
        return f"{self.pasal}: {self.uraian}"


class KegiatanPenjajakan(models.Model):
    """Ps 59(2): one exploration activity."""

    kasus = models.ForeignKey(KasusKsdln, on_delete=models.CASCADE, related_name="kegiatan_penjajakan")
    cara = models.CharField(_("mekanisme"), max_length=20, choices=CaraPenjajakan.choices)
    tanggal = models.DateField(_("tanggal"))
    catatan = models.TextField(_("catatan/hasil"))
    dokumen = models.ForeignKey(Dokumen, verbose_name=_("dokumen"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kegiatan penjajakan")
        verbose_name_plural = _("kegiatan penjajakan")
        ordering = ["kasus", "tanggal", "id"]

    def __str__(self):
        return f"{self.get_cara_display()} ({self.tanggal:%d-%m-%Y})"


class IzinLembaga(models.Model):
    """Ps 76(2) huruf a: Izin Prinsip and Izin Operasional of a foreign non-profit partner."""

    kasus = models.ForeignKey(KasusKsdln, on_delete=models.CASCADE, related_name="izin_lembaga")
    jenis = models.CharField(_("jenis izin"), max_length=20, choices=JenisIzin.choices)
    nomor = models.CharField(_("nomor izin"), max_length=120)
    tanggal = models.DateField(_("tanggal izin"))
    penerbit = models.CharField(_("penerbit"), max_length=200)
    berlaku_sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)
    dokumen = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("izin lembaga nonprofit")
        verbose_name_plural = _("izin lembaga nonprofit")
        ordering = ["kasus", "jenis"]
        constraints = [models.UniqueConstraint(fields=["kasus", "jenis"], name="ksdln_izin_unik")]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nomor}"

    def clean(self):
        if self.berlaku_sampai and self.tanggal and self.berlaku_sampai < self.tanggal:
            raise ValidationError({"berlaku_sampai": "Masa berlaku izin tidak boleh berakhir sebelum tanggal izin."})


class RencanaKegiatanTahunan(models.Model):
    """Ps 72(2)–(4) (and Ps 76(2) huruf b–(3) for a forwarding KSDLL with a non-profit)."""

    kasus = models.ForeignKey(KasusKsdln, on_delete=models.CASCADE, related_name="rencana_tahunan")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    peran_para_pihak = models.TextField(_("peran para pihak"))
    hasil_diharapkan = models.TextField(_("hasil yang diharapkan"))
    rencana_pembiayaan = models.TextField(_("rencana pembiayaan"))
    tanggal_ditandatangani = models.DateField(_("tanggal ditandatangani"), null=True, blank=True,
                                              help_text=_("Wajib untuk lembaga nonprofit (Pasal 76 ayat (2)–(3))."))
    dokumen = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Rencana Kegiatan Tahunan")
        verbose_name_plural = _("Rencana Kegiatan Tahunan")
        ordering = ["kasus", "tahun"]
        constraints = [models.UniqueConstraint(fields=["kasus", "tahun"], name="ksdln_rkt_unik")]

    def __str__(self):
        return f"Rencana Kegiatan Tahunan {self.tahun}"

    @property
    def total_anggaran(self) -> int:
        return sum(k.anggaran or 0 for k in self.kegiatan.all())


class KegiatanTahunan(models.Model):
    """Ps 72(4) huruf a: one activity of the year, and what came of it (read by the annual report)."""

    rencana = models.ForeignKey(RencanaKegiatanTahunan, on_delete=models.CASCADE, related_name="kegiatan")
    uraian = models.CharField(_("uraian kegiatan"), max_length=300)
    waktu = models.CharField(_("waktu pelaksanaan"), max_length=100, blank=True)
    pelaksana = models.CharField(_("pelaksana/penanggung jawab"), max_length=200, blank=True)
    anggaran = models.BigIntegerField(_("anggaran (Rp)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StatusKegiatan.choices,
                              default=StatusKegiatan.DIRENCANAKAN)
    hasil = models.TextField(_("hasil/realisasi"), blank=True)
    urutan = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kegiatan tahunan")
        verbose_name_plural = _("kegiatan tahunan")
        ordering = ["rencana", "urutan", "id"]

    def __str__(self):
        return self.uraian

    def clean(self):
        if self.anggaran is not None and self.anggaran < 0:
            raise ValidationError({"anggaran": "Anggaran tidak boleh negatif."})
        if self.status == StatusKegiatan.TERLAKSANA and not self.hasil.strip():
            raise ValidationError({"hasil": "Kegiatan yang terlaksana dicatat dengan hasilnya."})


class Perselisihan(models.Model):
    """Ps 82–83: a dispute, its steps and its outcome."""

    kasus = models.ForeignKey(KasusKsdln, on_delete=models.CASCADE, related_name="perselisihan")
    uraian = models.TextField(_("uraian perselisihan"))
    tanggal_mulai = models.DateField(_("tanggal timbul"))
    status = models.CharField(_("status"), max_length=20, choices=StatusPerselisihan.choices,
                              default=StatusPerselisihan.BERJALAN)
    hasil = models.TextField(_("hasil penyelesaian"), blank=True)
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("perselisihan")
        verbose_name_plural = _("perselisihan")
        ordering = ["kasus", "-tanggal_mulai", "-id"]

    def __str__(self):
        return self.uraian[:80]


class LangkahPerselisihan(models.Model):
    perselisihan = models.ForeignKey(Perselisihan, on_delete=models.CASCADE, related_name="langkah")
    jenis = models.CharField(_("langkah"), max_length=20, choices=JenisLangkahPerselisihan.choices)
    tanggal = models.DateField(_("tanggal"))
    uraian = models.TextField(_("uraian"))
    berhasil = models.BooleanField(_("mencapai penyelesaian"), null=True, blank=True)
    dokumen = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("langkah penyelesaian perselisihan")
        verbose_name_plural = _("langkah penyelesaian perselisihan")
        ordering = ["perselisihan", "tanggal", "id"]

    def __str__(self):
        return f"{self.get_jenis_display()} ({self.tanggal:%d-%m-%Y})"


class LaporanTahunanKsdln(models.Model):
    """Ps 80–81: the annual report of year `tahun`, due to the Gubernur by 7 January of the next year."""

    kasus = models.ForeignKey(KasusKsdln, on_delete=models.CASCADE, related_name="laporan_tahunan")
    tahun = models.PositiveSmallIntegerField(_("tahun yang dilaporkan"))
    judul = models.TextField(_("judul"), blank=True)
    latar_belakang = models.TextField(_("latar belakang"), blank=True)
    maksud_tujuan_sasaran = models.TextField(_("maksud, tujuan dan sasaran"), blank=True)
    ruang_lingkup = models.TextField(_("ruang lingkup kerja sama"), blank=True)
    perkembangan_hasil = models.TextField(_("perkembangan/hasil kerja sama"), blank=True)
    penerima_manfaat = models.TextField(_("penerima manfaat"), blank=True)
    pendanaan = models.TextField(_("pendanaan"), blank=True)
    hambatan_tantangan = models.TextField(_("hambatan dan tantangan"), blank=True)
    analisis_tindak_lanjut = models.TextField(_("analisis dan rencana tindak lanjut"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StatusLaporan.choices, default=StatusLaporan.DRAF)
    batas = models.DateField(_("batas penyampaian"))
    tanggal_dikirim = models.DateField(_("tanggal dikirim kepada Gubernur"), null=True, blank=True)
    terlambat = models.BooleanField(_("terlambat"), default=False)
    dokumen = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("laporan tahunan KSDPL/KSDLL")
        verbose_name_plural = _("laporan tahunan KSDPL/KSDLL")
        ordering = ["kasus", "-tahun"]
        constraints = [models.UniqueConstraint(fields=["kasus", "tahun"], name="ksdln_laporan_unik")]

    def __str__(self):
        return f"Laporan tahunan {self.tahun}"


class PermohonanPerpanjangan(models.Model):
    """Ps 78(3): an extension request to the Menteri, on time or flagged late."""

    kasus = models.ForeignKey(KasusKsdln, on_delete=models.CASCADE, related_name="permohonan_perpanjangan")
    tanggal_berakhir_lama = models.DateField(_("berakhirnya masa berlaku yang dimohonkan perpanjangan"))
    batas = models.DateField(_("batas penyampaian (6 bulan sebelum berakhir)"))
    tanggal_dikirim = models.DateField(_("tanggal dikirim"))
    nomor_surat = models.CharField(_("nomor surat"), max_length=120, blank=True)
    terlambat = models.BooleanField(_("terlambat"), default=False)
    dokumen = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    tanggal_disetujui = models.DateField(_("tanggal disetujui"), null=True, blank=True)
    tanggal_berakhir_baru = models.DateField(_("tanggal berakhir baru"), null=True, blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("permohonan perpanjangan")
        verbose_name_plural = _("permohonan perpanjangan")
        ordering = ["kasus", "-tanggal_dikirim", "-id"]
        constraints = [models.UniqueConstraint(fields=["kasus", "tanggal_berakhir_lama"],
                                               name="ksdln_perpanjangan_unik")]

    def __str__(self):
        return f"Permohonan perpanjangan ({self.tanggal_dikirim:%d-%m-%Y})"
