"""`seed_demo`: the Sekretariat prepares the signing folder of each PKS awaiting signature, so that the
demo `walikota` signs it from the approval dashboard in three clicks. Idempotent."""

from __future__ import annotations

from kerjasama.models import KerjaSama, PersiapanPenandatanganan
from kerjasama.services import transisi_cari

from .services import persiapan_penandatanganan_simpan


def seed(ctx) -> None:
    for ks in KerjaSama.objects.filter(tahap="penandatanganan_pks").order_by("pk"):
        if PersiapanPenandatanganan.objects.filter(kerjasama=ks, langkah="tandatangani_pks").exists():
            continue
        kasus = ks.kasus()
        if transisi_cari(kasus, "tandatangani_pks") is None:
            continue
        persiapan_penandatanganan_simpan(kasus=kasus, langkah="tandatangani_pks", by=ctx.users["tkksd"],
                                         data={"nomor_pks": f"PKS/{kasus.pk:03d}/Ks/{ctx.hari_ini.year}"})
        ctx.log.append(f"dasbor: berkas penandatanganan PKS disiapkan untuk {kasus.nomor}")
