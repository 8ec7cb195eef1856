"""Reads of the reference-data pages (issue 14): the list with search, one record, its audit trail, and what still
uses a record (a record in use is never deleted)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import RiwayatAudit
from .referensi import JENIS_REFERENSI, JenisReferensi


def jenis_referensi_or_404(kode: str) -> JenisReferensi:
    jenis = JENIS_REFERENSI.get(kode)
    if jenis is None:
        raise Http404("Jenis data referensi tidak dikenal.")
    return jenis


def referensi_list(*, jenis: JenisReferensi, q: str = "") -> QuerySet:
    qs = jenis.model.objects.all()
    if jenis.select_related:
        qs = qs.select_related(*jenis.select_related)
    q = (q or "").strip()[:100]
    if q:
        syarat = Q()
        for field in jenis.cari:
            syarat |= Q(**{f"{field}__icontains": q})
        qs = qs.filter(syarat)
    return qs.order_by(*jenis.urut, "pk")


def referensi_get_or_404(*, jenis: JenisReferensi, pk):
    try:
        return jenis.model.objects.get(pk=int(pk))
    except (jenis.model.DoesNotExist, ValueError, OverflowError) as exc:
        raise Http404("Data referensi tidak ditemukan.") from exc


def referensi_riwayat(*, obj) -> QuerySet[RiwayatAudit]:
    """The audit rows of one reference record (created, changed), newest first."""
    tipe = ContentType.objects.get_for_model(obj)
    return RiwayatAudit.objects.filter(objek_tipe=tipe, objek_id=obj.pk, kerjasama__isnull=True).select_related(
        "oleh").order_by("-pada", "-id")


def referensi_dipakai(obj) -> list[str]:
    """What still points at `obj` (any relation, also the hidden related_name="+" ones), by its model's name:
    ["kerja sama (3)", "pengguna (1)"]. Empty: nothing uses it."""
    hasil = []
    for rel in obj._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one or rel.many_to_many)):
            continue
        model = rel.related_model
        try:
            n = model._base_manager.filter(**{rel.field.name: obj}).count()
        except Exception:  # noqa: BLE001 - a relation that cannot be asked this way (none known) is "in use"
            n = 1
        if n:
            hasil.append(f"{model._meta.verbose_name} ({n})")
    return sorted(set(hasil))
