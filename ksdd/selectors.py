"""Reads of the KSDD app, all through the permission selector (kerjasama.permissions)."""

from django.db.models import Q, QuerySet

from kerjasama.permissions import get_kerjasama_or_404, kerjasama_terlihat

from .models import KasusKsdd


def ksdd_list(*, user, tahap: str | None = None, sifat: str | None = None, inisiatif: str | None = None,
              q: str = "") -> QuerySet[KasusKsdd]:
    qs = kerjasama_terlihat(user, KasusKsdd.objects.all()).select_related("perangkat_daerah", "mitra")
    if tahap:
        qs = qs.filter(tahap=tahap)
    if sifat:
        qs = qs.filter(sifat=sifat)
    if inisiatif:
        qs = qs.filter(inisiatif=inisiatif)
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(nomor__icontains=q) | Q(mitra__nama__icontains=q))
    return qs.order_by("-dibuat_pada", "-id")


def ksdd_detail(*, user, pk) -> KasusKsdd:
    return get_kerjasama_or_404(user, pk, KasusKsdd.objects.select_related("perangkat_daerah", "mitra"))
