"""Sources of items awaiting the Wali Kota that are not a case's stage (spec README, "What users
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


# --- pemetaan: the Keputusan Wali Kota on the Daftar Rencana Program dan Kegiatan (Ps 17–18) ---


@daftar_sumber_persetujuan(aksi_riwayat=("tetapkan",))
def keputusan_pemetaan(user) -> list[dict]:
    """Perwal 57/2023 Ps 17–18: a mapping cycle sent to the Wali Kota waits for his Keputusan."""
    try:
        from pemetaan.constants import TahapSiklus
        from pemetaan.permissions import siklus_terlihat
        from pemetaan.selectors import dokumen_pemilik
        from pemetaan.services import transisi_tersedia
    except ImportError:  # the app is not installed
        return []
    hasil = []
    for siklus in siklus_terlihat(user).filter(tahap=TahapSiklus.DIAJUKAN_KE_WALI_KOTA).order_by("tahun"):
        langkah = [t for t in transisi_tersedia(siklus, user) if t.name == "tetapkan"]
        if not langkah:
            continue
        dokumen = dokumen_pemilik(siklus).filter(jenis="keputusan").order_by("-id").first()
        versi = dokumen.versi_terakhir if dokumen else None
        hasil.append({
            "kunci": f"pemetaan-{siklus.pk}",
            "judul": f"Keputusan Wali Kota tentang Daftar Rencana Program dan Kegiatan Kerja Sama Daerah {siklus.tahun}",
            "subjudul": f"Pemetaan {siklus.tahun} · diajukan {siklus.tanggal_diajukan:%d-%m-%Y}" if siklus.tanggal_diajukan
                        else f"Pemetaan {siklus.tahun}",
            "dasar_hukum": "Perwal 57/2023 Pasal 17–18",
            "jatuh_tempo": None,
            "sejak": siklus.tahap_sejak,
            "tautan": f"/pemetaan/siklus/{siklus.pk}/",
            "dokumen_versi": versi,
            "aksi": [{"label": str(t.custom.get("label", t.name)), "gaya": t.custom.get("gaya", "primary"),
                      "url": f"/pemetaan/siklus/{siklus.pk}/transisi/{t.name}/"} for t in langkah],
        })
    return hasil
