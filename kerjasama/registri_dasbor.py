"""What the apps built on the core supply to the dashboards (the `dasbor` app), registered in their own
`ready()` so that neither the core nor the dashboards import them (CONVENTIONS "Layers").

Approval sources: items awaiting the Wali Kota that are not a case's stage (spec README, "What users
see": the approval dashboard shows everything awaiting signature or decision).

An app registers `fn(user) -> list[dict]`; each dict has `kunci` (unique on the page), `judul`,
`dasar_hukum`, `jatuh_tempo` (aware datetime or None), `tautan`, `dokumen_versi` (a VersiDokumen to
read, or None) and `aksi` (a list of `{label, url, gaya}` links to the page where the decision is
taken). A source must return only what `user` may see and decide.
"""

from __future__ import annotations

from collections.abc import Callable

_SUMBER: list[Callable] = []
# Audit actions of those decisions, for the signatory's history (besides the cases' signing steps).
_AKSI_RIWAYAT: set[str] = set()


def daftar_sumber_persetujuan(fn: Callable | None = None, *, aksi_riwayat: tuple[str, ...] = ()):
    """Register a source; `aksi_riwayat` names the audit actions its decisions write."""

    def decorator(f):
        if f not in _SUMBER:
            _SUMBER.append(f)
        _AKSI_RIWAYAT.update(aksi_riwayat)
        return f

    return decorator(fn) if fn is not None else decorator


def sumber_persetujuan() -> list[Callable]:
    return list(_SUMBER)


def aksi_riwayat_tambahan() -> set[str]:
    return set(_AKSI_RIWAYAT)


# --- deadlines met by a record of another app ---------------------------------------------------------
# A supervision deadline (pemantauan, evaluasi) is met when its activity was carried out; a partner's report
# deadline when the report arrived. The app that owns the record says which deadlines it met:
# `fn() -> QuerySet of Tenggat ids` (a values() query, so the dashboards exclude them in one SQL query).
_TENGGAT_TERPENUHI: dict[str, list[Callable]] = {}


def daftar_tenggat_terpenuhi(aturan: tuple[str, ...], fn: Callable) -> Callable:
    for kode in aturan:
        daftar = _TENGGAT_TERPENUHI.setdefault(kode, [])
        if fn not in daftar:
            daftar.append(fn)
    return fn


def tenggat_terpenuhi(aturan: str) -> list[Callable]:
    return list(_TENGGAT_TERPENUHI.get(aturan, ()))
