"""Saved registry filters (issue 14): a user keeps the registry's current filter under a name and applies it again
with one click. Per user only: another user's filter does not exist (404). Only the query string is kept; applying it
sends the browser to the registry with it, where FilterRegistryForm validates it as any other filter (a stage code
that no longer exists shows the form's error). Writes (save, delete) and reads (list, one) of the filters live here."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, QueryDict

from .forms import URUTAN_REGISTRI, FilterRegistryForm
from .models import FilterRegistriTersimpan

BATAS_PER_PENGGUNA = 20
# What a saved filter may keep: the form's fields and the sort order (never the page number or anything else).
_KUNCI = (*FilterRegistryForm.base_fields, "urut")


def query_bersih(query: QueryDict) -> str:
    """The registry's query string reduced to the filter itself, in a stable order; empty values dropped."""
    pasangan = []
    for kunci in _KUNCI:
        for nilai in query.getlist(kunci):
            nilai = (nilai or "").strip()
            if nilai and not (kunci == "urut" and nilai.lstrip("-") not in URUTAN_REGISTRI):
                pasangan.append((kunci, nilai[:200]))
    return urlencode(pasangan)


# --- reads ---------------------------------------------------------------------------------------------------


def filter_list(*, user):
    return FilterRegistriTersimpan.objects.filter(pengguna=user).order_by("nama", "id")


def filter_get_or_404(*, user, pk) -> FilterRegistriTersimpan:
    try:
        return FilterRegistriTersimpan.objects.get(pengguna=user, pk=int(pk))
    except (FilterRegistriTersimpan.DoesNotExist, ValueError, OverflowError) as exc:
        raise Http404("Filter tersimpan tidak ditemukan.") from exc


# --- writes --------------------------------------------------------------------------------------------------


def filter_simpan(*, user, nama: str, query: QueryDict) -> tuple[FilterRegistriTersimpan, bool]:
    """Save the current filter under `nama` (the same name again replaces its filter). Returns (filter, new?)."""
    nama = " ".join((nama or "").split())
    if not nama:
        raise ValidationError({"nama": "Beri nama filter, mis. \u201cKSDD menunggu DPRD\u201d."})
    if len(nama) > 80:
        raise ValidationError({"nama": "Nama filter paling panjang 80 karakter."})
    bersih = query_bersih(query)
    if not bersih:
        raise ValidationError("Belum ada filter yang dipilih: pilih jenis, tahap, PD, mitra, tahun, atau kata kunci "
                              "lalu tekan Tampilkan sebelum menyimpan.")
    form = FilterRegistryForm(QueryDict(bersih))
    if not form.is_valid():
        raise ValidationError("Filter ini tidak sah sehingga tidak disimpan: "
                              + "; ".join(f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                                          for f, e in form.errors.items()))
    with transaction.atomic():
        # Lock the user's row: two saves at once cannot both pass the limit.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        ada = FilterRegistriTersimpan.objects.filter(pengguna=user, nama=nama).first()
        if ada is not None:
            ada.query = bersih
            ada.save(update_fields=["query"])
            return ada, False
        if FilterRegistriTersimpan.objects.filter(pengguna=user).count() >= BATAS_PER_PENGGUNA:
            raise ValidationError(f"Anda sudah menyimpan {BATAS_PER_PENGGUNA} filter (batas). Hapus filter yang tidak "
                                  "dipakai lagi, atau simpan dengan nama filter yang sudah ada untuk menggantinya.")
        return FilterRegistriTersimpan.objects.create(pengguna=user, nama=nama, query=bersih), True


def filter_hapus(*, user, pk) -> str:
    with transaction.atomic():
        f = filter_get_or_404(user=user, pk=pk)
        nama = f.nama
        f.delete()
    return nama
