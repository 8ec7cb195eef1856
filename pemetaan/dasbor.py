"""What pemetaan supplies to the approval dashboard (registered in PemetaanConfig.ready)."""

from __future__ import annotations

from kerjasama.registri_dasbor import daftar_sumber_persetujuan

from .constants import TahapSiklus
from .permissions import siklus_terlihat
from .selectors import dokumen_pemilik
from .services import transisi_tersedia

# --- pemetaan: the Keputusan Wali Kota on the Daftar Rencana Program dan Kegiatan (Ps 17–18) ---


def keputusan_pemetaan(user) -> list[dict]:
    """Perwal 57/2023 Ps 17–18: a mapping cycle sent to the Wali Kota waits for his Keputusan."""
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


def daftar() -> None:
    daftar_sumber_persetujuan(keputusan_pemetaan, aksi_riwayat=("tetapkan",))
