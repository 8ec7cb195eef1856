"""Every non-trivial read of the mapping. Lists start from the visibility selectors of
pemetaan.permissions."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet

from kerjasama.models import Dokumen, PerangkatDaerah, RiwayatAudit, Tenggat, VersiDokumen

from .constants import TAHAP_DAFTAR_DITETAPKAN, TahapRekomendasi
from .models import ItemRencana, ItemUsulan, Rekomendasi, SiklusPemetaan, TimPemetaan
from .permissions import melihat_semua, rekomendasi_terlihat, siklus_terlihat


def siklus_list(*, user) -> QuerySet[SiklusPemetaan]:
    return siklus_terlihat(user).annotate(
        jumlah_item=Count("daftar_rencana", distinct=True),
        jumlah_dimulai=Count("daftar_rencana", filter=Q(daftar_rencana__kerjasama__isnull=False), distinct=True),
    ).order_by("-tahun")


def rekomendasi_list(*, user, siklus=None, tahap=None, perangkat_daerah=None) -> QuerySet[Rekomendasi]:
    qs = rekomendasi_terlihat(user).select_related("siklus", "perangkat_daerah").annotate(jumlah_usulan=Count("item"))
    if siklus is not None:
        qs = qs.filter(siklus=siklus)
    if tahap:
        qs = qs.filter(tahap=tahap)
    if perangkat_daerah:
        qs = qs.filter(perangkat_daerah_id=perangkat_daerah)
    return qs.order_by("siklus__tahun", "perangkat_daerah__nama")


def rekomendasi_per_pd(*, siklus: SiklusPemetaan, user) -> list[dict]:
    """The status of each PD's recommendation in a cycle. The TKKSD sees every active PD (also
    those that sent nothing); a PD sees only its own row."""
    rekomendasi = {r.perangkat_daerah_id: r for r in rekomendasi_list(user=user, siklus=siklus)}
    if melihat_semua(user):
        daftar_pd = list(PerangkatDaerah.objects.filter(Q(aktif=True) | Q(pk__in=rekomendasi)).order_by("nama"))
    elif user.perangkat_daerah_id:
        daftar_pd = [user.perangkat_daerah]
    else:
        daftar_pd = []
    return [{"perangkat_daerah": pd, "rekomendasi": rekomendasi.get(pd.pk)} for pd in daftar_pd]


def ringkasan_rekomendasi(*, siklus: SiklusPemetaan) -> dict[str, int]:
    hasil = {kode: 0 for kode in TahapRekomendasi.values}
    for row in siklus.rekomendasi.values("tahap").annotate(n=Count("id")):
        hasil[row["tahap"]] = row["n"]
    return hasil


def rekomendasi_saya(*, user, siklus: SiklusPemetaan) -> Rekomendasi | None:
    if not user.perangkat_daerah_id:
        return None
    return Rekomendasi.objects.filter(siklus=siklus, perangkat_daerah_id=user.perangkat_daerah_id).first()


def tim_aktif(*, perangkat_daerah) -> TimPemetaan | None:
    return (TimPemetaan.objects.filter(perangkat_daerah=perangkat_daerah, aktif=True)
            .prefetch_related("anggota").select_related("dokumen_keputusan").first())


def tim_per_pd() -> list[dict]:
    """Every active PD with its active Tim Pemetaan (or None)."""
    tim = {t.perangkat_daerah_id: t for t in TimPemetaan.objects.filter(aktif=True).prefetch_related("anggota")}
    return [{"perangkat_daerah": pd, "tim": tim.get(pd.pk)}
            for pd in PerangkatDaerah.objects.filter(aktif=True).order_by("nama")]


def tim_riwayat(*, perangkat_daerah) -> QuerySet[TimPemetaan]:
    return TimPemetaan.objects.filter(perangkat_daerah=perangkat_daerah).prefetch_related("anggota")


def usulan_pleno(*, siklus: SiklusPemetaan) -> QuerySet[ItemUsulan]:
    """The proposed items the plenary discusses (Ps 15 huruf a), with their place in the list if any."""
    return (ItemUsulan.objects.filter(rekomendasi__siklus=siklus, rekomendasi__tahap=TahapRekomendasi.DIBAHAS)
            .select_related("rekomendasi__perangkat_daerah", "mitra", "item_rencana")
            .order_by("rekomendasi__perangkat_daerah__nama", "urutan", "id"))


def daftar_rencana(*, siklus: SiklusPemetaan) -> QuerySet[ItemRencana]:
    return siklus.daftar_rencana.select_related("perangkat_daerah", "mitra", "kerjasama").order_by("peringkat")


def item_rencana_tersedia(*, jenis: str | None = None) -> QuerySet[ItemRencana]:
    """Cross-app contract: items of lists set by the Wali Kota (cycle `ditetapkan`/`dievaluasi`)
    that have not started a case yet; `jenis` filters by proposed kind (KSDD/KSDPK/KSDPL/KSDLL).
    Ps 58(3): a foreign initiative of the Daerah rests on such an item."""
    qs = ItemRencana.objects.filter(siklus__tahap__in=TAHAP_DAFTAR_DITETAPKAN, kerjasama__isnull=True)
    if jenis:
        qs = qs.filter(jenis_usulan=jenis)
    return qs.select_related("siklus", "perangkat_daerah", "mitra").order_by("-siklus__tahun", "peringkat")


def _persen(dimulai: int, jumlah: int) -> int:
    return round(100 * dimulai / jumlah) if jumlah else 0


def realisasi_per_tahun(*, user) -> list[dict]:
    """For each set list: how many items became cooperation cases (spec pemetaan.md)."""
    hasil = []
    for s in siklus_list(user=user).filter(tahap__in=TAHAP_DAFTAR_DITETAPKAN).order_by("tahun"):
        hasil.append({"siklus": s, "tahun": s.tahun, "jumlah": s.jumlah_item, "dimulai": s.jumlah_dimulai,
                      "persen": _persen(s.jumlah_dimulai, s.jumlah_item)})
    return hasil


def realisasi_per_pd(*, user, siklus: SiklusPemetaan | None = None) -> list[dict]:
    qs = ItemRencana.objects.filter(siklus__in=siklus_terlihat(user).filter(tahap__in=TAHAP_DAFTAR_DITETAPKAN))
    if siklus is not None:
        qs = qs.filter(siklus=siklus)
    rows = (qs.values("perangkat_daerah_id", "perangkat_daerah__nama", "perangkat_daerah__singkatan")
            .annotate(jumlah=Count("id"), dimulai=Count("id", filter=Q(kerjasama__isnull=False)))
            .order_by("perangkat_daerah__nama"))
    return [{"perangkat_daerah": r["perangkat_daerah__singkatan"] or r["perangkat_daerah__nama"],
             "perangkat_daerah_id": r["perangkat_daerah_id"], "jumlah": r["jumlah"], "dimulai": r["dimulai"],
             "persen": _persen(r["dimulai"], r["jumlah"])} for r in rows]


def _objek_filter(obj) -> dict:
    return {"objek_tipe": ContentType.objects.get_for_model(type(obj)), "objek_id": obj.pk}


def tenggat_objek(obj) -> QuerySet[Tenggat]:
    return Tenggat.objects.filter(**_objek_filter(obj)).order_by("-status", "jatuh_tempo")


def riwayat_objek(obj) -> QuerySet[RiwayatAudit]:
    return RiwayatAudit.objects.filter(**_objek_filter(obj)).select_related("oleh").order_by("pada", "id")


def dokumen_pemilik(obj) -> QuerySet[Dokumen]:
    return Dokumen.objects.filter(
        pemilik_tipe=ContentType.objects.get_for_model(type(obj)), pemilik_id=obj.pk
    ).prefetch_related(
        Prefetch("versi", queryset=VersiDokumen.objects.select_related("diunggah_oleh").order_by("-nomor_versi"))
    )
