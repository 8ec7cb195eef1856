"""Permission-matrix providers for the KSDD app's URLs (BAB III). Until tests/ksdd/matriks.py
exists, they live here; the KSDD engineer may move them there."""

from __future__ import annotations

from .matriks import MELIHAT_SEMUA, Dunia, Permintaan, penyedia


def _ksdd(dunia: Dunia, tahap: str = "persiapan"):
    """A KSDD in `tahap` for each owner: (case, who sees it). The PD Pemrakarsa's group and the
    mitra's group see their case from its creation (kerjasama_buat)."""
    from kerjasama import services
    from ksdd.models import KasusKsdd
    from tests.factories import MitraFactory

    # Ps 1 angka 9: a KSDD's mitra is another region; the second one has no user in the matrix.
    depok = MitraFactory(nama="Pemerintah Kota Depok (matriks)", jenis="daerah_lain")
    hasil = []
    for pd, mitra, melihat in ((dunia.pd_dishub, dunia.mitra_bogor, MELIHAT_SEMUA | {"pd_dishub", "mitra_bogor"}),
                               (dunia.pd_disbudpar, depok, MELIHAT_SEMUA | {"pd_disbudpar"})):
        kasus = services.kerjasama_buat(
            model=KasusKsdd, by=dunia.pengguna["tkksd"], tahap=tahap, jenis="KSDD", judul=f"KSDD matriks {pd.kode}",
            perangkat_daerah=pd, mitra=mitra, sifat="sukarela", urusan="Perhubungan", inisiatif="daerah",
            membebani_masyarakat_daerah=False, sudah_dianggarkan_apbd=True,
        )
        hasil.append((kasus, melihat, "pd_dishub" if pd == dunia.pd_dishub else "pd_disbudpar"))
    return hasil


@penyedia("ksdd-detail")
def ksdd_detail(dunia: Dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang=m) for k, m, _ in _ksdd(dunia)]


@penyedia("ksdd-transisi")
def ksdd_transisi(dunia: Dunia):
    # Perwal 57/2023 Ps 22(1)–(2): the PD Pemrakarsa submits the KAK. Without its documents the
    # PD gets 400 (it passed the permission check); everyone else who sees the case 403.
    return [Permintaan({"pk": k.pk, "nama": "ajukan_kak"}, melihat=m, berwenang={pd}, metode="post", data={},
                       berhasil=(400,), keterangan="tanpa KAK") for k, m, pd in _ksdd(dunia)]


@penyedia("ksdd:ubah")
def ksdd_ubah(dunia: Dunia):
    # The case's data is changed by its PD Pemrakarsa or the Sekretariat TKKSD (ksdd.views.ubah).
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd", pd}) for k, m, pd in _ksdd(dunia)]
