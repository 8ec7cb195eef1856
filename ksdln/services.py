"""Every write of KSDPL/KSDLL (CONVENTIONS "Writes go through services"): creating the case, the
side effects of its transitions (deadlines, access, letters), and the records kept around it
(Ps 51 checklist, penjajakan, annual plans, disputes, izin, annual reports, extension requests).

Each service checks who may act (403), locks the case (`select_for_update` inside
`transaction.atomic`), validates (`full_clean`, 400), refuses the wrong stage (409), writes the
audit row, and leaves notifications to `transaction.on_commit` (through the core)."""

from __future__ import annotations

import datetime
import functools

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kerjasama import alur, kalender
from kerjasama.alur import daftar_pembuat_kasus
from kerjasama.constants import PELAKU_PD, PELAKU_PENANDATANGAN, Asal, Inisiatif, Peran, StatusTenggat
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import Dokumen, Tenggat
from kerjasama.permissions import beri_akses, cabut_akses, dapat_bertindak
from kerjasama.services import (
    audit_catat,
    dokumen_hasilkan,
    kerjasama_buat,
    kerjasama_mulai_masa_berlaku,
    kerjasama_sinkron_akses,
    notifikasi_kirim,
    pengguna_untuk_pelaku,
    tenggat_mulai,
)
from kerjasama.validators import validasi_tidak_di_masa_depan

from .constants import (
    BAGIAN_LAPORAN,
    MODEL_LABEL,
    Bentuk,
    JenisIzin,
    JenisLangkahPerselisihan,
    JenisLembaga,
    StatusKegiatan,
    StatusLaporan,
    StatusPerselisihan,
    SumberPrakarsa,
    persyaratan_berlaku,
)
from .deadlines import batas_laporan_tahunan, batas_permohonan_perpanjangan
from .models import (
    IzinLembaga,
    KasusKsdln,
    KegiatanPenjajakan,
    KegiatanTahunan,
    LangkahPerselisihan,
    LaporanTahunanKsdln,
    PermohonanPerpanjangan,
    Perselisihan,
    PersyaratanKsdln,
    RencanaKegiatanTahunan,
)

SEKRETARIAT = Peran.SEKRETARIAT_TKKSD
TAHAP_SEBELUM_LOI = ("prakarsa", "penjajakan", "kajian", "menunggu_tanggapan_menteri", "tanggapan_diterima")
TAHAP_AKHIR = ("selesai", "ditolak_dprd")


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _kunci(kasus: KasusKsdln) -> KasusKsdln:
    return KasusKsdln.objects.select_for_update().get(pk=kasus.pk)


def _wajib_boleh(by, kasus, pelaku: tuple[str, ...], pesan: str) -> None:
    if not dapat_bertindak(by, kasus, pelaku):
        raise PermissionDenied(pesan)


def _wajib_tahap(kasus, tahap: tuple[str, ...], pesan: str) -> None:
    if kasus.tahap not in tahap:
        raise TransisiTidakTersedia(pesan)


def _dokumen_kasus(kasus, dokumen) -> Dokumen | None:
    """A document given by id or object must belong to this case."""
    if dokumen in (None, ""):
        return None
    pk = dokumen.pk if isinstance(dokumen, Dokumen) else dokumen
    try:
        return Dokumen.objects.get(pk=pk, kerjasama_id=kasus.pk)
    except (Dokumen.DoesNotExist, ValueError, TypeError):
        raise ValidationError({"dokumen": "Dokumen tidak ditemukan pada kerja sama ini. Unggah dokumennya terlebih dahulu."}) from None


def _tanggal_peristiwa(field: str, value) -> None:
    try:
        validasi_tidak_di_masa_depan(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _tenggat_tutup(*, aturan: str, kasus, status: str = StatusTenggat.TERPENUHI, catatan: str = "", objek=None) -> int:
    """Stop a running clock because the awaited event happened (what `tenggat_penuhi` does), but
    without waiting on a deadline row the sweep holds: the sweep locks the deadline and then the case,
    a transition holds the case and then touches the deadline, so waiting here could deadlock two
    workers. A row the sweep holds is left to it: it re-checks the case, finds it moved on, and
    closes the deadline itself."""
    qs = Tenggat.objects.select_for_update(skip_locked=True).filter(
        aturan=aturan, kerjasama_id=kasus.pk, status=StatusTenggat.TERBUKA)
    if objek is not None:
        qs = qs.filter(objek_tipe=ContentType.objects.get_for_model(objek), objek_id=objek.pk)
    ids = list(qs.values_list("pk", flat=True))
    return Tenggat.objects.filter(pk__in=ids).update(
        status=status, diselesaikan_pada=timezone.now(), catatan=catatan, peringatan_berikut=None)


def _rujukan_item(item) -> str:
    judul = getattr(item, "judul_kasus", None) or getattr(item, "judul", None) or str(item)
    siklus = getattr(item, "siklus", None)
    tahun = f" tahun {siklus.tahun}" if getattr(siklus, "tahun", None) else ""
    return f"Item pemetaan #{item.pk}{tahun}: {judul}"[:300]


def _jenis_item(item) -> str | None:
    return getattr(item, "jenis_usulan", None) or getattr(item, "jenis", None)


# ---------------------------------------------------------------------------------------------
# the case
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def kasus_ksdln_buat(
    *, by, jenis: str, bentuk: str, judul: str, perangkat_daerah, sumber_prakarsa: str, mitra=None,
    objek: list[str] | tuple[str, ...] = (), objek_lainnya: str = "", jenis_lembaga: str = "", uraian: str = "",
    item_pemetaan=None, periksa_izin: bool = True,
) -> KasusKsdln:
    """Record a KSDPL/KSDLL initiative (Ps 58) in prakarsa, with its Ps 51 checklist.

    Ps 58(3): an initiative of the Daerah must rest on an item of the mapping set by the Wali Kota.
    """
    if periksa_izin and not (by and by.is_authenticated and by.punya_peran(SEKRETARIAT)):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang dapat mencatat prakarsa KSDPL/KSDLL.")
    if sumber_prakarsa == SumberPrakarsa.DAERAH and item_pemetaan is None:
        raise ValidationError({"item_pemetaan": (
            "Prakarsa KSDPL/KSDLL dari Daerah harus berdasarkan dokumen pemetaan kerja sama yang ditetapkan Wali Kota "
            "(Perwal 57/2023 Pasal 58 ayat (3)): pilih item rencana kerja sama dari pemetaan.")})
    if sumber_prakarsa != SumberPrakarsa.DAERAH and item_pemetaan is not None:
        raise ValidationError({"item_pemetaan": "Item pemetaan hanya untuk prakarsa dari Daerah (Pasal 58 ayat (3))."})
    jenis_item = _jenis_item(item_pemetaan) if item_pemetaan is not None else None
    if jenis_item and jenis_item != jenis:
        raise ValidationError({"item_pemetaan": f"Item pemetaan ini untuk {jenis_item}, bukan {jenis}."})
    if sumber_prakarsa != SumberPrakarsa.DAERAH and mitra is None:
        raise ValidationError({"mitra": "Prakarsa dari mitra luar negeri menyebut mitranya."})
    kasus = kerjasama_buat(
        model=KasusKsdln, by=by, tahap="prakarsa", judul=judul, jenis=jenis,
        inisiatif=Inisiatif.DAERAH if sumber_prakarsa == SumberPrakarsa.DAERAH else Inisiatif.MITRA,
        asal=Asal.PEMETAAN if item_pemetaan is not None else Asal.BARU,
        perangkat_daerah=perangkat_daerah, mitra=mitra, uraian=uraian, bentuk=bentuk, sumber_prakarsa=sumber_prakarsa,
        item_pemetaan_id=item_pemetaan.pk if item_pemetaan is not None else None,
        rujukan_pemetaan=_rujukan_item(item_pemetaan) if item_pemetaan is not None else "",
        objek=list(objek), objek_lainnya=objek_lainnya, jenis_lembaga=jenis_lembaga,
    )
    persyaratan_sinkron(kasus=kasus)
    return kasus


def kasus_ksdln_dari_pemetaan(*, jenis: str, by, judul: str, perangkat_daerah, mitra=None, uraian: str = "",
                              item_pemetaan=None, **data) -> KasusKsdln:
    """The creator registered for the pemetaan app (Ps 58(3)): a case of `jenis` from a set mapping
    item. Who may start it is decided by pemetaan (`item_mulai_kasus`)."""
    bentuk = data.get("bentuk") or Bentuk.LAINNYA
    # The mapping may name a candidate partner of another kind; the foreign partner is then confirmed
    # during prakarsa (kasus_ksdln_ubah) rather than refusing the item.
    jenis_mitra = "pemda_luar_negeri" if jenis == "KSDPL" else "lembaga_luar_negeri"
    if mitra is not None and (mitra.jenis != jenis_mitra or (mitra.negara and mitra.negara.code == "ID")):
        mitra = None
    return kasus_ksdln_buat(
        by=by, jenis=jenis, bentuk=bentuk, judul=judul, perangkat_daerah=perangkat_daerah, mitra=mitra, uraian=uraian,
        sumber_prakarsa=SumberPrakarsa.DAERAH, item_pemetaan=item_pemetaan, objek=data.get("objek") or [],
        objek_lainnya=data.get("objek_lainnya", ""), jenis_lembaga=data.get("jenis_lembaga", ""), periksa_izin=False,
    )


daftar_pembuat_kasus("KSDPL", functools.partial(kasus_ksdln_dari_pemetaan, jenis="KSDPL"))
daftar_pembuat_kasus("KSDLL", functools.partial(kasus_ksdln_dari_pemetaan, jenis="KSDLL"))


@transaction.atomic
def kasus_ksdln_buat_dari_item(*, item, by, **ubah) -> KasusKsdln:
    """Start a Daerah initiative from a mapping item through pemetaan's own service (which links the
    item to the case), then complete the prakarsa data entered on our form."""
    from pemetaan.services import item_mulai_kasus  # lazy: pemetaan is a separate app

    kasus = item_mulai_kasus(item=item, by=by)
    kasus = KasusKsdln.objects.get(pk=kasus.pk)
    if ubah:
        kasus = kasus_ksdln_ubah(kasus=kasus, by=by, **ubah)
    return kasus


UBAH_FIELDS = ("judul", "uraian", "bentuk", "mitra", "perangkat_daerah", "objek", "objek_lainnya", "jenis_lembaga")


@transaction.atomic
def kasus_ksdln_ubah(*, kasus: KasusKsdln, by, **fields) -> KasusKsdln:
    """Complete or correct the initiative (partner, objects, kind) while in prakarsa or penjajakan."""
    kasus = _kunci(kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT,), "Hanya Sekretariat TKKSD yang dapat mengubah data prakarsa.")
    _wajib_tahap(kasus, ("prakarsa", "penjajakan"),
                 "Data prakarsa hanya dapat diubah pada tahap prakarsa atau penjajakan.")
    mitra_lama = kasus.mitra
    berubah = {}
    for field, value in fields.items():
        if field not in UBAH_FIELDS:
            raise ValidationError({field: "Isian ini tidak dapat diubah di sini."})
        if field == "objek":
            value = list(value)
        if getattr(kasus, field) != value:
            berubah[field] = value
            setattr(kasus, field, value)
    if not berubah:
        return kasus
    kasus.full_clean(exclude=["tahap"])
    kasus.save()
    if "mitra" in berubah or "perangkat_daerah" in berubah:
        if mitra_lama is not None and mitra_lama != kasus.mitra and mitra_lama.grup_id:
            cabut_akses(kasus, grup=mitra_lama.grup)
        kerjasama_sinkron_akses(kerjasama=kasus)
    persyaratan_sinkron(kasus=kasus)
    audit_catat(kerjasama=kasus, aksi="prakarsa_diubah", oleh=by, dasar_hukum="Pasal 58",
                komentar="Data prakarsa diubah: " + ", ".join(sorted(berubah)),
                data={k: alur.nilai_json(v) for k, v in berubah.items()})
    return kasus


# ---------------------------------------------------------------------------------------------
# Ps 51 requirements checklist
# ---------------------------------------------------------------------------------------------


def persyaratan_sinkron(*, kasus: KasusKsdln) -> list[PersyaratanKsdln]:
    """Keep one row per applicable Ps 51 requirement (kind- and object-dependent)."""
    berlaku = persyaratan_berlaku(jenis=kasus.jenis, objek=kasus.objek)
    kode_berlaku = [kode for kode, _u, _p in berlaku]
    kasus.persyaratan.exclude(kode__in=kode_berlaku).delete()
    ada = set(kasus.persyaratan.values_list("kode", flat=True))
    for urutan, (kode, uraian, pasal) in enumerate(berlaku, start=1):
        if kode not in ada:
            PersyaratanKsdln.objects.create(kasus=kasus, kode=kode, uraian=uraian, pasal=pasal, urutan=urutan)
        else:
            kasus.persyaratan.filter(kode=kode).update(urutan=urutan)
    return list(kasus.persyaratan.all())


@transaction.atomic
def persyaratan_konfirmasi(*, persyaratan: PersyaratanKsdln, by, terpenuhi: bool, catatan: str = "",
                           dokumen=None) -> PersyaratanKsdln:
    """Ps 51: the Sekretariat confirms (or withdraws) one requirement, with evidence: a note and/or a
    document of the case. Frozen once the LoI is signed (the signature rests on it)."""
    kasus = _kunci(persyaratan.kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT,), "Hanya Sekretariat TKKSD yang dapat mengonfirmasi persyaratan Pasal 51.")
    _wajib_tahap(kasus, TAHAP_SEBELUM_LOI,
                 "Persyaratan Pasal 51 tidak dapat diubah setelah Pernyataan Kehendak Kerja Sama ditandatangani.")
    persyaratan = PersyaratanKsdln.objects.select_for_update().get(pk=persyaratan.pk)
    dokumen = _dokumen_kasus(kasus, dokumen)
    catatan = (catatan or "").strip()
    if terpenuhi and not catatan and dokumen is None:
        raise ValidationError({"catatan": (
            f"Sertakan bukti terpenuhinya persyaratan ({persyaratan.pasal}): catatan dan/atau dokumen.")})
    if not terpenuhi and not catatan:
        raise ValidationError({"catatan": "Jelaskan mengapa konfirmasi dibatalkan."})
    persyaratan.terpenuhi = terpenuhi
    persyaratan.catatan = catatan
    persyaratan.dokumen = dokumen
    persyaratan.dikonfirmasi_oleh = by
    persyaratan.dikonfirmasi_pada = timezone.now()
    persyaratan.full_clean()
    persyaratan.save()
    audit_catat(
        kerjasama=kasus, objek=persyaratan, oleh=by, dasar_hukum=f"Perwal 57/2023 {persyaratan.pasal}",
        aksi="persyaratan_dikonfirmasi" if terpenuhi else "persyaratan_dibatalkan",
        komentar=f"{persyaratan.uraian}: {'terpenuhi' if terpenuhi else 'belum terpenuhi'}. {catatan}".strip(),
        data={"kode": persyaratan.kode, "terpenuhi": terpenuhi, "dokumen": dokumen.pk if dokumen else None},
    )
    return persyaratan


# ---------------------------------------------------------------------------------------------
# Ps 59: penjajakan
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def penjajakan_catat(*, kasus: KasusKsdln, by, cara: str, tanggal: datetime.date, catatan: str,
                     dokumen=None) -> KegiatanPenjajakan:
    kasus = _kunci(kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT, PELAKU_PD),
                 "Hanya Sekretariat TKKSD atau PD pemrakarsa yang dapat mencatat kegiatan penjajakan.")
    _wajib_tahap(kasus, ("penjajakan",), "Kegiatan penjajakan dicatat pada tahap penjajakan (Pasal 59).")
    _tanggal_peristiwa("tanggal", tanggal)
    kegiatan = KegiatanPenjajakan(kasus=kasus, cara=cara, tanggal=tanggal, catatan=(catatan or "").strip(),
                                  dokumen=_dokumen_kasus(kasus, dokumen), dicatat_oleh=by)
    kegiatan.full_clean()
    kegiatan.save()
    audit_catat(kerjasama=kasus, objek=kegiatan, oleh=by, aksi="penjajakan_dicatat", dasar_hukum="Pasal 59 ayat (2)",
                komentar=f"{kegiatan.get_cara_display()} ({tanggal:%d-%m-%Y}): {kegiatan.catatan}",
                data={"cara": cara, "tanggal": tanggal.isoformat()})
    return kegiatan


# ---------------------------------------------------------------------------------------------
# Effects of transitions (same transaction as the transition, after the case is saved)
# ---------------------------------------------------------------------------------------------


def _mulai_loi(kasus) -> None:
    tenggat_mulai(aturan="loi_masa_berlaku", kerjasama=kasus, mulai=kasus.loi_tanggal_penandatanganan,
                  jatuh_tempo=kalender.akhir_hari(kasus.berlaku_sampai))


@alur.setelah(MODEL_LABEL, "tandatangani_loi")
@alur.setelah(MODEL_LABEL, "tandatangani_ulang_loi")
def _setelah_loi(*, kasus, by, data, dari):
    # Ps 62(3): the LoI's validity is a clock; warned 60 days before it lapses.
    _mulai_loi(kasus)


@alur.setelah(MODEL_LABEL, "ajukan_persetujuan_dprd")
def _setelah_ajukan_dprd(*, kasus, by, data, dari):
    # The DPRD sees the cases submitted to it (spec README "Actors and roles").
    grup, _ = Group.objects.get_or_create(name=Peran.DPRD)
    beri_akses(kasus, grup=grup)


@alur.setelah(MODEL_LABEL, "ajukan_persetujuan_dprd")
def _setelah_ajukan_dprd_penerimaan(*, kasus, by, data, dari):
    # Ps 65(2): a request whose receipt nobody records would hold the 45 days back for good: after
    # DPRD_PENERIMAAN_HARI days without a recorded receipt the Sekretariat is flagged.
    tenggat_mulai(aturan="dprd_penerimaan_belum_dicatat", kerjasama=kasus, mulai=kasus.tanggal_permohonan_dprd)


@alur.setelah(MODEL_LABEL, "catat_penerimaan_dprd")
def _setelah_penerimaan_dprd(*, kasus, by, data, dari):
    # Ps 65(2): 45 days from the receipt by the Sekretariat DPRD.
    _tenggat_tutup(aturan="dprd_penerimaan_belum_dicatat", kasus=kasus,
                   catatan=f"Diterima Sekretariat DPRD pada {kasus.tanggal_diterima_dprd:%d-%m-%Y}.")
    tenggat_mulai(aturan="dprd_45_hari", kerjasama=kasus, mulai=kasus.tanggal_diterima_dprd)


@alur.setelah(MODEL_LABEL, "koreksi_penolakan_dprd")
@alur.setelah(MODEL_LABEL, "koreksi_persetujuan_dprd")
def _setelah_koreksi_dprd(*, kasus, by, data, dari):
    """Ps 65(2)–(3): a decision dated within the 45 days replaces the deemed approval. One audit row
    holds both facts; a rejection ends the case and stops its clocks; everyone concerned is told."""
    dianggap = timezone.localtime(kasus.dprd_dianggap_setuju_pada) if kasus.dprd_dianggap_setuju_pada else None
    label = kasus.get_keputusan_dprd_display()
    fakta = (f"Anggapan persetujuan DPRD dicatat sistem pada {dianggap:%d-%m-%Y %H:%M} WIB (Pasal 65 ayat (3)) "
             if dianggap else "Anggapan persetujuan DPRD (Pasal 65 ayat (3)) ")
    fakta += (f"digantikan keputusan DPRD bertanggal {kasus.tanggal_keputusan_dprd:%d-%m-%Y} ({label}), dalam 45 hari "
              f"sejak diterima {kasus.tanggal_diterima_dprd:%d-%m-%Y} (Pasal 65 ayat (2)); dicatat kemudian pada tahap "
              f"\u201c{dari}\u201d.")
    audit_catat(kerjasama=kasus, aksi="koreksi_anggapan_dprd", oleh=by, dari_tahap=dari, ke_tahap=kasus.tahap,
                komentar=fakta, dasar_hukum="Pasal 65 ayat (2)–(3)",
                data={"dianggap_disetujui_pada": dianggap.isoformat() if dianggap else None,
                      "keputusan": kasus.keputusan_dprd, "tanggal_keputusan": kasus.tanggal_keputusan_dprd.isoformat(),
                      "tahap_saat_koreksi": dari})
    if kasus.tahap == "ditolak_dprd":
        ids = list(Tenggat.objects.select_for_update(skip_locked=True).filter(
            kerjasama_id=kasus.pk, status=StatusTenggat.TERBUKA).values_list("pk", flat=True))
        Tenggat.objects.filter(pk__in=ids).update(
            status=StatusTenggat.DISELESAIKAN_SISTEM, diselesaikan_pada=timezone.now(), peringatan_berikut=None,
            catatan="Rencana kerja sama ditolak DPRD dalam 45 hari (Pasal 65 ayat (2)); koreksi anggapan persetujuan.")
        judul = f"Koreksi: DPRD menolak {kasus.nomor} dalam 45 hari — kerja sama berakhir"
    else:
        judul = f"Koreksi: DPRD menyetujui {kasus.nomor} dalam 45 hari"
    notifikasi_kirim(
        penerima=pengguna_untuk_pelaku(kasus, (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD, PELAKU_PENANDATANGAN,
                                               PELAKU_PD)),
        kerjasama=kasus, judul=judul, pesan=f"{kasus.judul}\n{fakta}", tautan=f"/kerjasama/{kasus.pk}/")


@alur.setelah(MODEL_LABEL, "setujui_dprd")
@alur.setelah(MODEL_LABEL, "tolak_dprd")
def _setelah_keputusan_dprd(*, kasus, by, data, dari):
    _tenggat_tutup(aturan="dprd_45_hari", kasus=kasus,
                   catatan=f"{kasus.get_keputusan_dprd_display()} pada {kasus.tanggal_keputusan_dprd:%d-%m-%Y}.")


def _mulai_gubernur(kasus, aturan: str) -> None:
    from .deadlines import GUBERNUR_NASKAH, GUBERNUR_VERIFIKASI

    rule = GUBERNUR_VERIFIKASI if aturan == "gubernur_5_hari_verifikasi" else GUBERNUR_NASKAH
    t = tenggat_mulai(aturan=rule.kode, kerjasama=kasus, mulai=kasus.tanggal_dikirim_gubernur)
    # The stored due moment the "kirim langsung ke Menteri" condition compares with.
    kasus.batas_gubernur = t.jatuh_tempo
    kasus.save(update_fields=["batas_gubernur"])


@alur.setelah(MODEL_LABEL, "kirim_verifikasi_gubernur")
def _setelah_kirim_verifikasi(*, kasus, by, data, dari):
    _mulai_gubernur(kasus, "gubernur_5_hari_verifikasi")
    # Ps 66(1) huruf b: the LoI went with the dossier; its clock has done its work.
    _tenggat_tutup(aturan="loi_masa_berlaku", kasus=kasus,
                   catatan="LoI dilampirkan pada dokumen verifikasi (Pasal 66 ayat (1) huruf b).")


@alur.setelah(MODEL_LABEL, "kirim_naskah_gubernur")
def _setelah_kirim_naskah(*, kasus, by, data, dari):
    _mulai_gubernur(kasus, "gubernur_5_hari_naskah")


@alur.setelah(MODEL_LABEL, "catat_penerusan_gubernur_verifikasi")
@alur.setelah(MODEL_LABEL, "catat_penerusan_gubernur_naskah")
def _setelah_diteruskan(*, kasus, by, data, dari):
    aturan = "gubernur_5_hari_verifikasi" if dari == "menunggu_gubernur_verifikasi" else "gubernur_5_hari_naskah"
    _tenggat_tutup(aturan=aturan, kasus=kasus,
                   catatan=f"Diteruskan Gubernur pada {kasus.tanggal_diteruskan_gubernur:%d-%m-%Y}.")


@alur.setelah(MODEL_LABEL, "kirim_langsung_menteri_verifikasi")
@alur.setelah(MODEL_LABEL, "kirim_langsung_menteri_naskah")
def _setelah_langsung(*, kasus, by, data, dari):
    aturan = "gubernur_5_hari_verifikasi" if dari == "menunggu_gubernur_verifikasi" else "gubernur_5_hari_naskah"
    _tenggat_tutup(aturan=aturan, kasus=kasus, status=StatusTenggat.LEWAT,
                   catatan=f"Gubernur tidak meneruskan dalam 5 hari; dikirim langsung kepada Menteri pada "
                           f"{kasus.tanggal_dikirim_langsung_menteri:%d-%m-%Y}.")
    surat_langsung_menteri_hasilkan(kasus=kasus, by=by, tahap=dari, tanggal=kasus.tanggal_dikirim_langsung_menteri,
                                    nomor=data.get("nomor_surat", ""))


@alur.setelah(MODEL_LABEL, "pertimbangan_perbaiki_rencana")
def _setelah_perbaiki_rencana(*, kasus, by, data, dari):
    # The Rencana goes round again with the same LoI: its validity matters again (Ps 64(2) huruf b).
    if kasus.berlaku_sampai and kasus.loi_tanggal_penandatanganan:
        _mulai_loi(kasus)


@alur.setelah(MODEL_LABEL, "tandatangani_naskah")
def _setelah_tandatangani_naskah(*, kasus, by, data, dari):
    pelaksanaan_mulai_tenggat(kasus=kasus)


def pelaksanaan_mulai_tenggat(*, kasus: KasusKsdln) -> None:
    """The clocks of a signed cooperation: its term (Ps 78(1)), the extension request (Ps 78(3)) and
    the annual report of the signing year (Ps 80(2))."""
    kerjasama_mulai_masa_berlaku(kerjasama=kasus)
    _mulai_batas_perpanjangan(kasus)
    laporan_tahunan_mulai(kasus=kasus, tahun=kasus.tanggal_penandatanganan.year)


def _mulai_batas_perpanjangan(kasus) -> Tenggat:
    batas = batas_permohonan_perpanjangan(kasus.tanggal_berakhir)
    return tenggat_mulai(aturan="batas_permohonan_perpanjangan", kerjasama=kasus,
                         mulai=kasus.tanggal_mulai or kasus.tanggal_penandatanganan,
                         jatuh_tempo=kalender.akhir_hari(batas),
                         judul=f"Permohonan perpanjangan kepada Menteri paling lambat {batas:%d-%m-%Y}")


@alur.setelah(MODEL_LABEL, "ajukan_perpanjangan")
def _setelah_ajukan_perpanjangan(*, kasus, by, data, dari):
    """Ps 78(3): a request sent on or before end − 6 months is on time; later it is recorded but late."""
    batas = batas_permohonan_perpanjangan(kasus.tanggal_berakhir)
    dikirim = data["tanggal_dikirim"]
    terlambat = dikirim > batas
    permohonan = PermohonanPerpanjangan(
        kasus=kasus, tanggal_berakhir_lama=kasus.tanggal_berakhir, batas=batas, tanggal_dikirim=dikirim,
        nomor_surat=data.get("nomor_surat", ""), terlambat=terlambat, dokumen=data.get("dokumen_surat"),
        dicatat_oleh=by,
    )
    permohonan.full_clean()
    permohonan.save()
    if terlambat:
        _tenggat_tutup(aturan="batas_permohonan_perpanjangan", kasus=kasus, status=StatusTenggat.LEWAT,
                       catatan=f"Permohonan dikirim {dikirim:%d-%m-%Y}, melewati batas {batas:%d-%m-%Y}: terlambat.")
    else:
        _tenggat_tutup(aturan="batas_permohonan_perpanjangan", kasus=kasus,
                       catatan=f"Permohonan dikirim {dikirim:%d-%m-%Y}, sebelum batas {batas:%d-%m-%Y}.")
    audit_catat(kerjasama=kasus, objek=permohonan, oleh=by, aksi="perpanjangan_diajukan",
                dasar_hukum="Pasal 78 ayat (3)",
                komentar=("TERLAMBAT: " if terlambat else "") + f"permohonan perpanjangan dikirim {dikirim:%d-%m-%Y} "
                         f"(batas {batas:%d-%m-%Y}), tembusan Gubernur dan DPRD.",
                data={"terlambat": terlambat, "batas": batas.isoformat()})


@alur.setelah(MODEL_LABEL, "catat_perpanjangan")
def _setelah_perpanjangan(*, kasus, by, data, dari):
    lama = kasus.tanggal_mulai - datetime.timedelta(days=1)
    PermohonanPerpanjangan.objects.filter(kasus=kasus, tanggal_berakhir_lama=lama).update(
        tanggal_disetujui=data["tanggal_persetujuan"], tanggal_berakhir_baru=kasus.tanggal_berakhir,
        dokumen=data["dokumen_perpanjangan"])
    kerjasama_mulai_masa_berlaku(kerjasama=kasus)
    _mulai_batas_perpanjangan(kasus)


@alur.setelah(MODEL_LABEL, "akhiri")
@alur.setelah(MODEL_LABEL, "berakhir_masa_berlaku")
def _setelah_berakhir(*, kasus, by, data, dari):
    _tenggat_tutup(aturan="batas_permohonan_perpanjangan", kasus=kasus, status=StatusTenggat.DISELESAIKAN_SISTEM,
                   catatan="Kerja sama berakhir.")
    _tenggat_tutup(aturan="masa_berlaku_perjanjian", kasus=kasus, status=StatusTenggat.DISELESAIKAN_SISTEM,
                   catatan=f"Kerja sama berakhir: {kasus.alasan_selesai}")


# ---------------------------------------------------------------------------------------------
# Generated letters (formal layout, WeasyPrint through the core)
# ---------------------------------------------------------------------------------------------

KEPADA_MENTERI = ["Menteri Dalam Negeri Republik Indonesia", "u.p. Sekretaris Jenderal Kementerian Dalam Negeri",
                  "Jakarta"]


def _penandatangan() -> dict:
    return {"jabatan": "WALI KOTA BEKASI"}


def surat_langsung_menteri_hasilkan(*, kasus: KasusKsdln, by, tahap: str | None = None,
                                    tanggal: datetime.date | None = None, nomor: str = ""):
    """Ps 66(3) / 68(3): the Wali Kota's letter sending the dossier (or the draft Naskah) straight to
    the Menteri because the Gubernur did not forward it within 5 days. A new version each time."""
    tahap = tahap or kasus.tahap
    naskah = tahap == "menunggu_gubernur_naskah"
    pasal = "Pasal 68 ayat (3)" if naskah else "Pasal 66 ayat (3)"
    hal = "rancangan Naskah Kerja Sama" if naskah else "dokumen usulan rencana " + kasus.jenis
    lampiran = (["Rancangan Naskah Kerja Sama"] if naskah else
                [f"Rencana {kasus.jenis} yang telah {'disetujui' if kasus.keputusan_dprd else 'disusun'}"
                 + (f" ({kasus.get_keputusan_dprd_display()})" if kasus.keputusan_dprd else ""),
                 "Pernyataan Kehendak Kerja Sama (LoI)", "Rencana Kerja Sama"])
    dikirim = kasus.tanggal_dikirim_gubernur
    isi = [
        f"Sehubungan dengan rencana {kasus.get_jenis_display()} \u201c{kasus.judul}\u201d dengan "
        f"{kasus.mitra or 'mitra luar negeri'}{f' ({kasus.negara.name})' if kasus.negara else ''}, Pemerintah Kota Bekasi "
        f"telah menyampaikan {hal} kepada Gubernur Jawa Barat pada tanggal {dikirim:%d-%m-%Y} untuk diteruskan kepada "
        "Menteri melalui Sekretaris Jenderal." if dikirim else "",
        f"Sampai dengan berakhirnya jangka waktu 5 (lima) hari, dokumen tersebut belum diteruskan oleh Gubernur. "
        f"Oleh karena itu, sesuai Peraturan Wali Kota Bekasi Nomor 57 Tahun 2023 {pasal}, bersama ini kami "
        f"sampaikan secara langsung {hal} tersebut untuk mendapatkan "
        f"{'persetujuan' if naskah else 'pertimbangan'} Menteri.",
        "Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
    ]
    context = {
        "nomor": nomor, "sifat": "Penting", "lampiran": f"{len(lampiran)} berkas", "daftar_lampiran": lampiran,
        "perihal": f"Penyampaian langsung {hal} {kasus.jenis} \u201c{kasus.judul}\u201d",
        "tanggal": tanggal or timezone.localdate(), "kepada": KEPADA_MENTERI, "isi": [p for p in isi if p],
        "penandatangan": _penandatangan(), "tembusan": ["Gubernur Jawa Barat", "Ketua DPRD Kota Bekasi"],
        "kasus": kasus,
    }
    return dokumen_hasilkan(
        by=by, template="ksdln/surat.html", context=context, jenis="surat_keluar", kerjasama=kasus,
        judul=f"Surat langsung kepada Menteri — {'rancangan Naskah' if naskah else 'dokumen verifikasi'}",
    )


@transaction.atomic
def surat_langsung_menteri_siapkan(*, kasus: KasusKsdln, by):
    """Prepare (again) the direct letter, once the 5 days have passed (the step is then offered)."""
    from .models import gubernur_5_days_passed

    kasus = _kunci(kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT, PELAKU_PENANDATANGAN), "Anda tidak berwenang menyiapkan surat ini.")
    _wajib_tahap(kasus, ("menunggu_gubernur_verifikasi", "menunggu_gubernur_naskah"),
                 "Surat langsung kepada Menteri hanya pada tahap menunggu Gubernur.")
    if not gubernur_5_days_passed(kasus):
        raise TransisiTidakTersedia(kasus.pesan_langkah_tidak_tersedia(
            "kirim_langsung_menteri_verifikasi" if kasus.tahap.endswith("verifikasi") else "kirim_langsung_menteri_naskah"
        ) or "Jangka 5 hari belum berlalu.")
    return surat_langsung_menteri_hasilkan(kasus=kasus, by=by)


@transaction.atomic
def surat_perpanjangan_hasilkan(*, kasus: KasusKsdln, by, nomor: str = ""):
    """Ps 78(3): the extension request to the Menteri through the Sekjen, copied to the Gubernur and
    the DPRD."""
    kasus = _kunci(kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT,), "Hanya Sekretariat TKKSD yang dapat menyiapkan surat perpanjangan.")
    _wajib_tahap(kasus, ("pelaksanaan",), "Perpanjangan hanya untuk kerja sama dalam pelaksanaan.")
    batas = batas_permohonan_perpanjangan(kasus.tanggal_berakhir)
    context = {
        "nomor": nomor, "sifat": "Penting", "lampiran": "1 berkas", "daftar_lampiran": ["Naskah Kerja Sama"],
        "perihal": f"Permohonan perpanjangan {kasus.jenis} \u201c{kasus.judul}\u201d",
        "tanggal": timezone.localdate(), "kepada": KEPADA_MENTERI,
        "isi": [
            f"Naskah Kerja Sama {kasus.get_jenis_display()} \u201c{kasus.judul}\u201d antara Pemerintah Kota Bekasi "
            f"dan {kasus.mitra} yang ditandatangani pada tanggal {kasus.tanggal_penandatanganan:%d-%m-%Y} akan berakhir "
            f"pada tanggal {kasus.tanggal_berakhir:%d-%m-%Y}.",
            "Para pihak telah bersepakat untuk memperpanjang kerja sama tersebut. Sesuai Peraturan Wali Kota Bekasi "
            "Nomor 57 Tahun 2023 Pasal 78 ayat (2) dan ayat (3), bersama ini kami sampaikan permohonan perpanjangan "
            f"kerja sama tersebut (paling lambat {batas:%d-%m-%Y}, 6 bulan sebelum berakhir).",
            "Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
        ],
        "penandatangan": _penandatangan(), "tembusan": ["Gubernur Jawa Barat", "Ketua DPRD Kota Bekasi"],
        "kasus": kasus,
    }
    return dokumen_hasilkan(by=by, template="ksdln/surat.html", context=context, jenis="surat_keluar",
                            kerjasama=kasus, judul="Surat permohonan perpanjangan kepada Menteri")


# ---------------------------------------------------------------------------------------------
# Ps 76: Izin Prinsip and Izin Operasional of a foreign non-profit
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def izin_lembaga_catat(*, kasus: KasusKsdln, by, jenis: str, nomor: str, tanggal: datetime.date, penerbit: str,
                       berlaku_sampai: datetime.date | None = None, dokumen=None) -> IzinLembaga:
    kasus = _kunci(kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT,), "Hanya Sekretariat TKKSD yang dapat mencatat izin lembaga.")
    if not (kasus.bentuk == Bentuk.PENERUSAN and kasus.jenis_lembaga == JenisLembaga.NONPROFIT):
        raise ValidationError({"jenis": "Izin Prinsip dan Izin Operasional hanya untuk KSDLL penerusan dengan lembaga "
                                        "nonprofit berbadan hukum di luar negeri (Pasal 76)."})
    _wajib_tahap(kasus, tuple(t for t in _semua_tahap() if t not in TAHAP_AKHIR),
                 "Kerja sama ini sudah berakhir.")
    _tanggal_peristiwa("tanggal", tanggal)
    izin = IzinLembaga.objects.filter(kasus=kasus, jenis=jenis).first() or IzinLembaga(kasus=kasus, jenis=jenis)
    izin.nomor, izin.tanggal, izin.penerbit, izin.berlaku_sampai = nomor, tanggal, penerbit, berlaku_sampai
    izin.dokumen = _dokumen_kasus(kasus, dokumen)
    izin.dicatat_oleh = by
    izin.full_clean()
    izin.save()
    audit_catat(kerjasama=kasus, objek=izin, oleh=by, aksi="izin_dicatat", dasar_hukum="Pasal 76 ayat (2) huruf a",
                komentar=f"{JenisIzin(jenis).label} nomor {nomor} tanggal {tanggal:%d-%m-%Y} ({penerbit}).")
    return izin


def _semua_tahap() -> list[str]:
    return [t.kode for t in alur.tahapan(MODEL_LABEL)]


# ---------------------------------------------------------------------------------------------
# Ps 72: Rencana Kegiatan Tahunan
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def rencana_tahunan_simpan(*, kasus: KasusKsdln, by, tahun: int, peran_para_pihak: str, hasil_diharapkan: str,
                           rencana_pembiayaan: str, tanggal_ditandatangani: datetime.date | None = None,
                           dokumen=None) -> RencanaKegiatanTahunan:
    kasus = _kunci(kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT, PELAKU_PD),
                 "Hanya Sekretariat TKKSD atau PD pemrakarsa yang dapat menyusun Rencana Kegiatan Tahunan.")
    _wajib_tahap(kasus, ("pelaksanaan",), "Rencana Kegiatan Tahunan disusun dalam tahap pelaksanaan (Pasal 72).")
    if not any(isi for _label, isi in kasus.bagian_rencana):
        raise ValidationError({"__all__": (
            "Rencana Kegiatan Tahunan disusun berdasarkan Rencana Kerja Sama (Pasal 72 ayat (3)), tetapi Rencana Kerja "
            "Sama kerja sama ini belum tercatat.")})
    awal = (kasus.tanggal_mulai or kasus.tanggal_penandatanganan).year
    akhir = kasus.tanggal_berakhir.year if kasus.tanggal_berakhir else awal + 5
    if not awal <= tahun <= akhir:
        raise ValidationError({"tahun": f"Tahun harus dalam masa berlaku kerja sama ({awal}–{akhir})."})
    if kasus.jenis_lembaga == JenisLembaga.NONPROFIT and not tanggal_ditandatangani:
        raise ValidationError({"tanggal_ditandatangani": (
            "Rencana kerja tahunan dengan lembaga nonprofit disusun bersama Pemerintah dan Daerah dan ditandatangani "
            "sebagai dasar pelaksanaan kegiatan (Pasal 76 ayat (2) huruf b dan ayat (3)).")})
    if tanggal_ditandatangani:
        _tanggal_peristiwa("tanggal_ditandatangani", tanggal_ditandatangani)
    rencana = (RencanaKegiatanTahunan.objects.select_for_update().filter(kasus=kasus, tahun=tahun).first()
               or RencanaKegiatanTahunan(kasus=kasus, tahun=tahun, dibuat_oleh=by))
    baru = rencana.pk is None
    rencana.peran_para_pihak = peran_para_pihak
    rencana.hasil_diharapkan = hasil_diharapkan
    rencana.rencana_pembiayaan = rencana_pembiayaan
    rencana.tanggal_ditandatangani = tanggal_ditandatangani
    rencana.dokumen = _dokumen_kasus(kasus, dokumen)
    rencana.full_clean()
    rencana.save()
    audit_catat(kerjasama=kasus, objek=rencana, oleh=by, aksi="rencana_tahunan_disimpan",
                dasar_hukum="Pasal 72 ayat (2)–(4)",
                komentar=f"Rencana Kegiatan Tahunan {tahun} {'disusun' if baru else 'diubah'}.")
    return rencana


@transaction.atomic
def kegiatan_tahunan_simpan(*, rencana: RencanaKegiatanTahunan, by, uraian: str, waktu: str = "",
                            pelaksana: str = "", anggaran: int | None = None, status: str = StatusKegiatan.DIRENCANAKAN,
                            hasil: str = "", kegiatan: KegiatanTahunan | None = None) -> KegiatanTahunan:
    """Ps 72(4) huruf a: an activity of the year; its result feeds the annual report (Ps 81(1) huruf e)."""
    kasus = _kunci(rencana.kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT, PELAKU_PD),
                 "Hanya Sekretariat TKKSD atau PD pemrakarsa yang dapat mencatat kegiatan tahunan.")
    _wajib_tahap(kasus, ("pelaksanaan", "selesai"), "Kegiatan tahunan dicatat selama kerja sama dilaksanakan.")
    if kegiatan is None:
        kegiatan = KegiatanTahunan(rencana=rencana, urutan=rencana.kegiatan.count() + 1)
    elif kegiatan.rencana_id != rencana.pk:
        raise ValidationError({"kegiatan": "Kegiatan bukan bagian dari rencana ini."})
    kegiatan.uraian, kegiatan.waktu, kegiatan.pelaksana = uraian, waktu, pelaksana
    kegiatan.anggaran, kegiatan.status, kegiatan.hasil = anggaran, status, hasil or ""
    kegiatan.full_clean()
    kegiatan.save()
    audit_catat(kerjasama=kasus, objek=kegiatan, oleh=by, aksi="kegiatan_tahunan_disimpan",
                dasar_hukum="Pasal 72 ayat (4) huruf a",
                komentar=f"{rencana.tahun}: {uraian} ({kegiatan.get_status_display()}).")
    return kegiatan


# ---------------------------------------------------------------------------------------------
# Ps 82–83: disputes
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def perselisihan_catat(*, kasus: KasusKsdln, by, uraian: str, tanggal_mulai: datetime.date) -> Perselisihan:
    kasus = _kunci(kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT,), "Hanya Sekretariat TKKSD yang dapat mencatat perselisihan.")
    _wajib_tahap(kasus, ("pelaksanaan",), "Perselisihan dicatat dalam penyelenggaraan kerja sama (Pasal 82 ayat (1)).")
    _tanggal_peristiwa("tanggal_mulai", tanggal_mulai)
    p = Perselisihan(kasus=kasus, uraian=(uraian or "").strip(), tanggal_mulai=tanggal_mulai, dicatat_oleh=by)
    p.full_clean()
    p.save()
    audit_catat(kerjasama=kasus, objek=p, oleh=by, aksi="perselisihan_dicatat", dasar_hukum="Pasal 82 ayat (1)",
                komentar=p.uraian)
    return p


@transaction.atomic
def perselisihan_langkah_catat(*, perselisihan: Perselisihan, by, jenis: str, tanggal: datetime.date, uraian: str,
                               berhasil: bool | None = None, dokumen=None) -> LangkahPerselisihan:
    """Ps 82: negotiation and consultation (the Menteri may be consulted along the way, Ps 82(2));
    Ps 83: when they fail, the Daerah consults the Menteri for a solution."""
    kasus = _kunci(perselisihan.kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT,), "Hanya Sekretariat TKKSD yang dapat mencatat langkah penyelesaian.")
    perselisihan = Perselisihan.objects.select_for_update().get(pk=perselisihan.pk)
    if perselisihan.status != StatusPerselisihan.BERJALAN:
        raise TransisiTidakTersedia("Perselisihan ini sudah selesai.")
    _tanggal_peristiwa("tanggal", tanggal)
    if tanggal < perselisihan.tanggal_mulai:
        raise ValidationError({"tanggal": "Langkah tidak mungkin sebelum perselisihan timbul."})
    langkah = LangkahPerselisihan(perselisihan=perselisihan, jenis=jenis, tanggal=tanggal, uraian=(uraian or "").strip(),
                                  berhasil=berhasil, dokumen=_dokumen_kasus(kasus, dokumen), dicatat_oleh=by)
    langkah.full_clean()
    langkah.save()
    gagal_sebelumnya = perselisihan.langkah.filter(
        jenis__in=(JenisLangkahPerselisihan.NEGOSIASI, JenisLangkahPerselisihan.KONSULTASI), berhasil=False).exists()
    pasal = "Pasal 82 ayat (1)"
    if jenis == JenisLangkahPerselisihan.KONSULTASI_MENTERI:
        pasal = "Pasal 83" if gagal_sebelumnya else "Pasal 82 ayat (2)"
    audit_catat(kerjasama=kasus, objek=perselisihan, oleh=by, aksi="perselisihan_langkah", dasar_hukum=pasal,
                komentar=f"{langkah.get_jenis_display()} ({tanggal:%d-%m-%Y}): {langkah.uraian}")
    return langkah


@transaction.atomic
def perselisihan_selesaikan(*, perselisihan: Perselisihan, by, hasil: str, tanggal_selesai: datetime.date) -> Perselisihan:
    kasus = _kunci(perselisihan.kasus)
    _wajib_boleh(by, kasus, (SEKRETARIAT,), "Hanya Sekretariat TKKSD yang dapat menyelesaikan perselisihan.")
    perselisihan = Perselisihan.objects.select_for_update().get(pk=perselisihan.pk)
    if perselisihan.status != StatusPerselisihan.BERJALAN:
        raise TransisiTidakTersedia("Perselisihan ini sudah selesai.")
    if not perselisihan.langkah.exists():
        raise ValidationError({"hasil": "Perselisihan diselesaikan melalui negosiasi dan konsultasi (Pasal 82 ayat (1)): "
                                        "catat dahulu langkah penyelesaiannya."})
    if not (hasil or "").strip():
        raise ValidationError({"hasil": "Catat hasil penyelesaian perselisihan."})
    _tanggal_peristiwa("tanggal_selesai", tanggal_selesai)
    if tanggal_selesai < perselisihan.tanggal_mulai:
        raise ValidationError({"tanggal_selesai": "Tanggal selesai tidak boleh sebelum perselisihan timbul."})
    perselisihan.status = StatusPerselisihan.SELESAI
    perselisihan.hasil = hasil.strip()
    perselisihan.tanggal_selesai = tanggal_selesai
    perselisihan.full_clean()
    perselisihan.save()
    audit_catat(kerjasama=kasus, objek=perselisihan, oleh=by, aksi="perselisihan_selesai", dasar_hukum="Pasal 82–83",
                komentar=perselisihan.hasil)
    return perselisihan


# ---------------------------------------------------------------------------------------------
# Ps 80–81: the annual report to the Gubernur
# ---------------------------------------------------------------------------------------------


def laporan_tahunan_mulai(*, kasus: KasusKsdln, tahun: int) -> LaporanTahunanKsdln:
    """Open the report of `tahun` and its deadline (7 January of the next year). Idempotent: the
    sweep and the sending of the previous report may both ask for it."""
    laporan, dibuat = LaporanTahunanKsdln.objects.get_or_create(
        kasus=kasus, tahun=tahun, defaults={"batas": batas_laporan_tahunan(tahun)})
    if dibuat:
        _laporan_isi_kosong(laporan)
        laporan.save()
        tenggat_mulai(aturan="laporan_tahunan_ksdln", kerjasama=kasus, objek=laporan, mulai=datetime.date(tahun, 1, 1),
                      jatuh_tempo=kalender.akhir_hari(laporan.batas),
                      judul=f"Laporan tahunan {tahun} kepada Gubernur (paling lambat {laporan.batas:%d-%m-%Y})")
    return laporan


def laporan_kegiatan(laporan: LaporanTahunanKsdln) -> list[KegiatanTahunan]:
    return list(KegiatanTahunan.objects.filter(rencana__kasus_id=laporan.kasus_id, rencana__tahun=laporan.tahun)
                .select_related("rencana").order_by("urutan", "id"))


def _laporan_isi_kosong(laporan: LaporanTahunanKsdln) -> list[str]:
    """Fill the empty parts from the case and the year's records (Ps 81(1)); staff edit them after."""
    kasus = laporan.kasus
    rencana, naskah = kasus.rencana or {}, kasus.naskah or {}
    rkt = RencanaKegiatanTahunan.objects.filter(kasus=kasus, tahun=laporan.tahun).first()
    kegiatan = laporan_kegiatan(laporan)
    perselisihan = list(kasus.perselisihan.filter(tanggal_mulai__year=laporan.tahun))
    usul = {
        "judul": f"Laporan Pelaksanaan {kasus.jenis} \u201c{kasus.judul}\u201d Tahun {laporan.tahun}",
        "latar_belakang": rencana.get("latar_belakang") or (kasus.kajian or {}).get("latar_belakang", ""),
        "maksud_tujuan_sasaran": rencana.get("maksud_tujuan_sasaran") or naskah.get("maksud_tujuan", ""),
        "ruang_lingkup": naskah.get("ruang_lingkup") or rencana.get("ruang_lingkup") or kasus.uraian,
        "perkembangan_hasil": "\n".join(
            f"- {k.uraian} ({k.get_status_display().lower()})" + (f": {k.hasil}" if k.hasil else "") for k in kegiatan),
        "penerima_manfaat": rkt.hasil_diharapkan if rkt else "",
        "pendanaan": "\n".join(filter(None, [
            rkt.rencana_pembiayaan if rkt else "",
            f"Total anggaran kegiatan: Rp {sum(k.anggaran or 0 for k in kegiatan):,}".replace(",", ".") if kegiatan else "",
        ])),
        "hambatan_tantangan": "\n".join(f"- Perselisihan: {p.uraian} ({p.get_status_display().lower()})"
                                        for p in perselisihan),
    }
    diisi = []
    for kode, _label in BAGIAN_LAPORAN:
        if not getattr(laporan, kode) and usul.get(kode):
            setattr(laporan, kode, usul[kode])
            diisi.append(kode)
    return diisi


def _laporan_boleh(by, kasus, kirim: bool = False):
    pelaku = (SEKRETARIAT,) if kirim else (SEKRETARIAT, PELAKU_PD)
    _wajib_boleh(by, kasus, pelaku, "Anda tidak berwenang " + ("mengirim" if kirim else "menyusun") + " laporan ini.")


@transaction.atomic
def laporan_tahunan_isi_otomatis(*, laporan: LaporanTahunanKsdln, by) -> list[str]:
    kasus = _kunci(laporan.kasus)
    _laporan_boleh(by, kasus)
    laporan = LaporanTahunanKsdln.objects.select_for_update().get(pk=laporan.pk)
    if laporan.status == StatusLaporan.DIKIRIM:
        raise TransisiTidakTersedia("Laporan sudah dikirim kepada Gubernur dan tidak dapat diubah.")
    diisi = _laporan_isi_kosong(laporan)
    laporan.diubah_oleh = by
    laporan.save()
    if diisi:
        audit_catat(kerjasama=kasus, objek=laporan, oleh=by, aksi="laporan_tahunan_diisi", dasar_hukum="Pasal 81 ayat (1)",
                    komentar=f"Laporan {laporan.tahun}: diisi dari data kasus ({', '.join(diisi)}).")
    return diisi


@transaction.atomic
def laporan_tahunan_ubah(*, laporan: LaporanTahunanKsdln, by, **bagian) -> LaporanTahunanKsdln:
    kasus = _kunci(laporan.kasus)
    _laporan_boleh(by, kasus)
    laporan = LaporanTahunanKsdln.objects.select_for_update().get(pk=laporan.pk)
    if laporan.status == StatusLaporan.DIKIRIM:
        raise TransisiTidakTersedia("Laporan sudah dikirim kepada Gubernur dan tidak dapat diubah.")
    kode_sah = {k for k, _l in BAGIAN_LAPORAN}
    for kode, nilai in bagian.items():
        if kode not in kode_sah:
            raise ValidationError({kode: "Bukan bagian laporan (Pasal 81 ayat (1))."})
        setattr(laporan, kode, (nilai or "").strip())
    laporan.diubah_oleh = by
    laporan.full_clean()
    laporan.save()
    audit_catat(kerjasama=kasus, objek=laporan, oleh=by, aksi="laporan_tahunan_diubah", dasar_hukum="Pasal 81 ayat (1)",
                komentar=f"Laporan tahunan {laporan.tahun} diubah: {', '.join(sorted(bagian))}.")
    return laporan


TEMPLATE_LAPORAN = "ksdln/laporan_tahunan.html"


def laporan_konteks(laporan: LaporanTahunanKsdln) -> dict:
    """What the annual report PDF shows: the nine parts of Ps 81(1) and the year's activities (Ps 72)."""
    return {"laporan": laporan, "kasus": laporan.kasus,
            "bagian": [(label, getattr(laporan, kode)) for kode, label in BAGIAN_LAPORAN],
            "kegiatan": laporan_kegiatan(laporan), "tanggal": laporan.tanggal_dikirim or timezone.localdate()}


def _laporan_pdf(laporan, by):
    return dokumen_hasilkan(by=by, template=TEMPLATE_LAPORAN, jenis="laporan", kerjasama=laporan.kasus,
                            judul=f"Laporan tahunan {laporan.tahun} kepada Gubernur", context=laporan_konteks(laporan))


@transaction.atomic
def laporan_tahunan_hasilkan_pdf(*, laporan: LaporanTahunanKsdln, by):
    kasus = _kunci(laporan.kasus)
    _laporan_boleh(by, kasus)
    laporan = LaporanTahunanKsdln.objects.select_for_update().get(pk=laporan.pk)
    versi = _laporan_pdf(laporan, by)
    if laporan.dokumen_id != versi.dokumen_id:
        laporan.dokumen = versi.dokumen
        laporan.save(update_fields=["dokumen"])
    return versi


@transaction.atomic
def laporan_tahunan_kirim(*, laporan: LaporanTahunanKsdln, by, tanggal_dikirim: datetime.date) -> LaporanTahunanKsdln:
    """Ps 80: the report is sent to the Gubernur (for the Menteri). Meets the deadline when on time
    (by 7 January), is flagged late after it, and opens next year's report while the cooperation runs."""
    kasus = _kunci(laporan.kasus)
    _laporan_boleh(by, kasus, kirim=True)
    laporan = LaporanTahunanKsdln.objects.select_for_update().get(pk=laporan.pk)
    if laporan.status == StatusLaporan.DIKIRIM:
        raise TransisiTidakTersedia(f"Laporan tahunan {laporan.tahun} sudah dikirim pada {laporan.tanggal_dikirim:%d-%m-%Y}.")
    _tanggal_peristiwa("tanggal_dikirim", tanggal_dikirim)
    if tanggal_dikirim.year < laporan.tahun:
        raise ValidationError({"tanggal_dikirim": f"Laporan tahun {laporan.tahun} tidak mungkin dikirim sebelum tahun itu."})
    kosong = [str(label) for kode, label in BAGIAN_LAPORAN if not getattr(laporan, kode).strip()]
    if kosong:
        raise ValidationError({"__all__": "Laporan paling sedikit memuat sembilan bagian Pasal 81 ayat (1); belum diisi: "
                                          + ", ".join(kosong) + "."})
    laporan.status = StatusLaporan.DIKIRIM
    laporan.tanggal_dikirim = tanggal_dikirim
    laporan.terlambat = tanggal_dikirim > laporan.batas
    laporan.diubah_oleh = by
    laporan.save()
    versi = _laporan_pdf(laporan, by)
    laporan.dokumen = versi.dokumen
    laporan.save(update_fields=["dokumen"])
    if laporan.terlambat:
        _tenggat_tutup(aturan="laporan_tahunan_ksdln", kasus=kasus, objek=laporan, status=StatusTenggat.LEWAT,
                       catatan=f"Dikirim {tanggal_dikirim:%d-%m-%Y}, melewati batas {laporan.batas:%d-%m-%Y}.")
    else:
        _tenggat_tutup(aturan="laporan_tahunan_ksdln", kasus=kasus, objek=laporan,
                       catatan=f"Dikirim {tanggal_dikirim:%d-%m-%Y}.")
    if kasus.tahap == "pelaksanaan":
        laporan_tahunan_mulai(kasus=kasus, tahun=laporan.tahun + 1)
    audit_catat(kerjasama=kasus, objek=laporan, oleh=by, aksi="laporan_tahunan_dikirim", dasar_hukum="Pasal 80",
                komentar=("TERLAMBAT: " if laporan.terlambat else "")
                + f"Laporan tahunan {laporan.tahun} dikirim kepada Gubernur pada {tanggal_dikirim:%d-%m-%Y} "
                  f"(batas {laporan.batas:%d-%m-%Y}).",
                data={"terlambat": laporan.terlambat})
    return laporan
