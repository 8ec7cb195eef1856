"""The mapping's stage machines use the core's step metadata (kerjasama.alur: label, Pasal,
`pelaku`, `isian`), so the web forms and the API drive them from the same definitions as a
case's. Only the permission differs: a cycle or a recommendation is not a cooperation case, so
who may act is decided by pemetaan.permissions, not by per-case grants."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django_fsm import transition

from kerjasama.alur import Isian, Tahap
from kerjasama.constants import PELAKU_SISTEM

from .permissions import izin_pelaku

__all__ = ["Isian", "Tahap", "langkah", "info_tahap"]


def langkah(
    *,
    source,
    target,
    label: str,
    pasal: str,
    pelaku: tuple[str, ...],
    isian: Iterable[Isian] = (),
    komentar_wajib: bool = False,
    conditions: Iterable[Callable] = (),
    pesan_syarat: str = "",
    keterangan: str = "",
    gaya: str = "primary",
    melalui_siklus: bool = False,
):
    """A django-fsm transition on `tahap` with SIKSD's metadata (see kerjasama.alur.langkah).
    `pesan_syarat` explains, in Indonesian, why the step is unavailable when a condition fails.
    `melalui_siklus`: the step is taken only as part of a cycle's step (never offered alone)."""
    return transition(
        field="tahap",
        source=source,
        target=target,
        permission=izin_pelaku(tuple(pelaku)),
        conditions=list(conditions),
        custom={
            "label": label,
            "pasal": pasal,
            "pelaku": tuple(pelaku),
            "isian": tuple(isian),
            "komentar_wajib": komentar_wajib,
            "keterangan": keterangan,
            "gaya": gaya,
            "pesan_syarat": pesan_syarat,
            "sistem": tuple(pelaku) == (PELAKU_SISTEM,),
            "melalui_siklus": melalui_siklus,
        },
    )


def info_tahap(tahapan: list[Tahap], kode: str) -> Tahap:
    for tahap in tahapan:
        if tahap.kode == kode:
            return tahap
    return Tahap(kode=kode, label=kode.replace("_", " ").capitalize())
