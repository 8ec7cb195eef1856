"""Reads of KSDPL/KSDLL. Every list starts from the permission selector."""

from __future__ import annotations

from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone

from kerjasama import alur
from kerjasama.constants import StatusTenggat

from .constants import LOI_PERINGATAN_HARI, MODEL_LABEL, StatusLaporan, StatusPerselisihan
from .models import (
    KasusKsdln,
    KegiatanTahunan,
    LangkahPerselisihan,
    LaporanTahunanKsdln,
    RencanaKegiatanTahunan,
)
from .permissions import kasus_ksdln_terlihat


def kasus_ksdln_list(*, user, jenis: str | None = None, tahap: str | None = None, q: str = "") -> QuerySet[KasusKsdln]:
    qs = kasus_ksdln_terlihat(user).select_related("perangkat_daerah", "mitra").annotate(
        tenggat_terdekat=Min("tenggat__jatuh_tempo", filter=Q(tenggat__status=StatusTenggat.TERBUKA)))
    if jenis:
        qs = qs.filter(jenis=jenis)
    if tahap:
        qs = qs.filter(tahap=tahap)
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(nomor__icontains=q) | Q(mitra__nama__icontains=q))
    return qs.order_by("-dibuat_pada", "-id")


def rencana_tahunan_list(*, kasus) -> QuerySet[RencanaKegiatanTahunan]:
    return kasus.rencana_tahunan.prefetch_related(
        Prefetch("kegiatan", queryset=KegiatanTahunan.objects.order_by("urutan", "id"))).order_by("-tahun")


def perselisihan_list(*, kasus):
    return kasus.perselisihan.prefetch_related(
        Prefetch("langkah", queryset=LangkahPerselisihan.objects.order_by("tanggal", "id")))


def laporan_list(*, kasus) -> QuerySet[LaporanTahunanKsdln]:
    return kasus.laporan_tahunan.select_related("dokumen").order_by("-tahun")


def item_pemetaan_pilihan(*, jenis: str | None = None) -> list:
    """Items of set mapping lists not yet started (Ps 58(3)); empty when pemetaan is not installed."""
    try:
        from pemetaan.selectors import item_rencana_tersedia
    except ImportError:
        return []
    return list(item_rencana_tersedia(jenis=jenis))


def item_pemetaan_get(pk):
    try:
        from pemetaan.models import ItemRencana
    except ImportError:
        return None
    return ItemRencana.objects.filter(pk=pk).first()


def ringkasan_panel(kasus: KasusKsdln) -> dict:
    """What the case page shows in the KSDPL/KSDLL panel: the requirements, the clocks, the records."""
    now = timezone.now()
    hari_ini = timezone.localdate()
    persyaratan = list(kasus.persyaratan.all())
    tenggat = {t.aturan: t for t in kasus.tenggat.order_by("dibuat_pada", "id")}
    loi_sisa = (kasus.berlaku_sampai - hari_ini).days if kasus.berlaku_sampai else None
    return {
        "tahap_label": alur.info_tahap(MODEL_LABEL, kasus.tahap).label,
        "persyaratan": persyaratan,
        "persyaratan_terpenuhi": sum(1 for p in persyaratan if p.terpenuhi),
        "loi_sisa_hari": loi_sisa,
        "loi_peringatan": loi_sisa is not None and 0 <= loi_sisa <= LOI_PERINGATAN_HARI,
        "loi_kedaluwarsa": loi_sisa is not None and loi_sisa < 0,
        "tenggat_dprd": tenggat.get("dprd_45_hari"),
        "tenggat_gubernur": tenggat.get("gubernur_5_hari_naskah") if kasus.tahap == "menunggu_gubernur_naskah"
        else tenggat.get("gubernur_5_hari_verifikasi"),
        "gubernur_lewat": bool(kasus.batas_gubernur and not kasus.tanggal_diteruskan_gubernur and now > kasus.batas_gubernur
                               and kasus.tahap in ("menunggu_gubernur_verifikasi", "menunggu_gubernur_naskah")),
        "tenggat_perpanjangan": tenggat.get("batas_permohonan_perpanjangan"),
        "permohonan_perpanjangan": list(kasus.permohonan_perpanjangan.all()),
        "penjajakan": list(kasus.kegiatan_penjajakan.all()),
        "izin": list(kasus.izin_lembaga.all()),
        "laporan": list(laporan_list(kasus=kasus)),
        "laporan_terbuka": kasus.laporan_tahunan.filter(status=StatusLaporan.DRAF).order_by("tahun").first(),
        "rencana_tahunan": list(kasus.rencana_tahunan.order_by("-tahun")),
        "perselisihan_berjalan": kasus.perselisihan.filter(status=StatusPerselisihan.BERJALAN).count(),
    }
