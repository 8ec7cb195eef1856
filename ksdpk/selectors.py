"""Reads of the KSDPK app, all through the permission selector (kerjasama.permissions), and the
ranking of the candidates (Ps 39(2))."""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from kerjasama.constants import Peran
from kerjasama.permissions import get_kerjasama_or_404, kerjasama_terlihat

from .constants import KRITERIA, PASAL_PEMILIHAN
from .models import CalonMitra, KasusKsdpk, LembarPenilaian


def ksdpk_list(*, user, q: str = "", **saring) -> QuerySet[KasusKsdpk]:
    """The cases `user` sees; `saring` filters on fields (tahap, jenis_ksdpk, inisiatif), empty values ignored."""
    qs = kerjasama_terlihat(user, KasusKsdpk.objects.select_related("perangkat_daerah", "mitra", "item_pemetaan"))
    qs = qs.filter(**{nama: nilai for nama, nilai in saring.items() if nilai})
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(nomor__icontains=q) | Q(mitra__nama__icontains=q) | Q(objek__icontains=q))
    return qs.order_by("-dibuat_pada", "-id")


def ksdpk_detail(*, user, pk) -> KasusKsdpk:
    return get_kerjasama_or_404(user, pk, KasusKsdpk.objects.select_related("perangkat_daerah", "mitra"))


def item_pemetaan_pilihan(*, user) -> list:
    """Ps 38(1): the KSDPK items of mapping lists set by the Wali Kota, not yet started, that `user` may start
    (the Sekretariat TKKSD any; a PD its own). Empty when the pemetaan app is not installed."""
    try:
        from pemetaan.selectors import item_rencana_tersedia
    except ImportError:
        return []
    qs = item_rencana_tersedia(jenis="KSDPK")
    if not user.punya_peran(Peran.SEKRETARIAT_TKKSD):
        if not user.perangkat_daerah_id:
            return []
        qs = qs.filter(perangkat_daerah_id=user.perangkat_daerah_id)
    return list(qs)


def item_pemetaan_get(pk):
    """The mapping item `pk` (any list; item_mulai_kasus decides whether it may start), or None."""
    try:
        from pemetaan.models import ItemRencana
    except ImportError:
        return None
    return ItemRencana.objects.select_related("siklus", "perangkat_daerah", "mitra").filter(pk=pk).first()


def lembar_diserahkan(kasus) -> QuerySet[LembarPenilaian]:
    return (kasus.lembar_penilaian.filter(diserahkan_pada__isnull=False).select_related("penilai")
            .prefetch_related("nilai").order_by("diserahkan_pada", "id"))


def lembar_milik(kasus, user) -> LembarPenilaian | None:
    return kasus.lembar_penilaian.filter(penilai_id=user.pk).prefetch_related("nilai").first()


@dataclasses.dataclass
class BarisPeringkat:
    """One qualifying candidate's result over the handed-in sheets."""

    calon: CalonMitra
    jumlah: dict[str, int]  # per criterion, summed over the scorers
    rata: dict[str, Decimal]  # per criterion, averaged
    total: int  # every criterion of every scorer
    rata_total: Decimal
    penilai: int
    peringkat: int = 0


def _rata(jumlah: int, n: int) -> Decimal:
    return (Decimal(jumlah) / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if n else Decimal("0.00")


def peringkat_calon(kasus) -> list[BarisPeringkat]:
    """Ps 39(2): the qualifying candidates ranked by their total score over every handed-in sheet (each
    sheet scores every qualifying candidate, so the totals compare like the averages). Equal totals share
    a rank; the TKKSD decides between them, with its reasons."""
    lembar = list(lembar_diserahkan(kasus))
    baris = []
    for calon in kasus.calon_memenuhi_syarat():
        nilai = [n for lb in lembar for n in lb.nilai.all() if n.calon_id == calon.pk]
        jumlah = {kode: sum(getattr(n, kode) for n in nilai) for kode, _label, _pasal in KRITERIA}
        total = sum(jumlah.values())
        baris.append(BarisPeringkat(calon=calon, jumlah=jumlah, rata={k: _rata(v, len(nilai)) for k, v in jumlah.items()},
                                    total=total, rata_total=_rata(total, len(nilai)), penilai=len(nilai)))
    baris.sort(key=lambda b: (-b.total, b.calon.mitra.nama))
    for i, b in enumerate(baris):
        b.peringkat = baris[i - 1].peringkat if i and baris[i - 1].total == b.total else i + 1
    return baris


def penilaian_belum_lengkap(kasus) -> list[str]:
    """What still stands between the selection and the TKKSD's decision (empty: it may decide)."""
    if kasus.calon_memenuhi_syarat().count() < 2:
        return []  # one qualifying candidate: nothing to weigh against (Ps 39(2) "beberapa calon")
    tim = kasus.tim_pemilihan()
    if tim is not None:
        sudah = set(lembar_diserahkan(kasus).values_list("penilai_id", flat=True))
        belum = [a.pengguna.get_full_name() or a.pengguna.username
                 for a in tim.anggota.select_related("pengguna") if a.pengguna_id not in sudah]
        if belum:
            return [f"Penilaian belum lengkap: {', '.join(belum)} belum menyerahkan lembar penilaian "
                    f"(Tim Pemilihan Calon Mitra, {PASAL_PEMILIHAN})."]
        return []
    # Ps 39(2)–(3): the TKKSD "dapat" select and the Ketua "dapat" form a team. Without a team the TKKSD may
    # decide on its own reasons (score sheets are optional then); scores are required only from a team.
    return []


def pengguna_dapat_dipilih_tim() -> QuerySet:
    """The officials who may sit on a Tim Pemilihan Calon Mitra (Ps 39(3)): active users with a role, not a
    partner's representative nor the auditor."""
    return (get_user_model().objects.filter(is_active=True, groups__name__in=Peran.values)
            .exclude(groups__name__in=[Peran.MITRA, Peran.AUDITOR]).order_by("first_name", "username").distinct())
