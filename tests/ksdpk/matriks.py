"""Permission-matrix providers for the KSDPK app's URLs (tests/quality/matriks.py). Two cases of different
owners: DISHUB's Daerah case in the selection stage (no mitra chosen yet: no partner sees it, Ps 39) and
mitra_pt's own application before the TKKSD (Ps 50; no PD yet). The sets are written from the rules:
data and obligations — the PD Pemrakarsa and the Sekretariat; the selection — whoever sees the case except
a partner; scoring without a team — the TKKSD (Sekretariat, Ketua); the ranking — not a scorer who has not
handed in (issue 9)."""

from __future__ import annotations

from tests.quality.matriks import MELIHAT_SEMUA, Dunia, Permintaan, penyedia

TKKSD = {"tkksd", "ketua"}


def _kasus(dunia: Dunia):
    """[(case, who sees it, the PD Pemrakarsa's user or None, a TKKSD step of its stage)]."""
    from kerjasama import services
    from ksdpk.models import CalonMitra, KasusKsdpk

    tkksd = dunia.pengguna["tkksd"]
    daerah = services.kerjasama_buat(
        model=KasusKsdpk, by=tkksd, tahap="pemilihan_mitra", jenis="KSDPK", judul="KSDPK matriks Dishub",
        perangkat_daerah=dunia.pd_dishub, inisiatif="daerah", jenis_ksdpk="pelayanan_publik", objek="Bus pengumpan",
        dasar_hukum="UU 25/2009")
    CalonMitra.objects.create(kerjasama=daerah, mitra=dunia.mitra_pt, memenuhi_syarat=True)
    permohonan = services.kerjasama_buat(
        model=KasusKsdpk, by=dunia.pengguna["mitra_pt"], tahap="kajian_tkksd", jenis="KSDPK", judul="KSDPK matriks PT",
        mitra=dunia.mitra_pt, inisiatif="mitra", jenis_ksdpk="investasi", objek="Reklame digital")
    return [(daerah, MELIHAT_SEMUA | {"pd_dishub"}, "pd_dishub", "tetapkan_mitra"),
            (permohonan, MELIHAT_SEMUA | {"mitra_pt"}, None, "terima_tawaran_mitra")]


def _tanpa_mitra(melihat):
    return melihat - {"mitra_pt", "mitra_bogor"}


@penyedia("ksdpk-detail")
def _(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang=m) for k, m, _pd, _l in _kasus(dunia)]


@penyedia("ksdpk-transisi")
def _(dunia):
    # The TKKSD's step of the stage: without its fields the TKKSD gets 400 (it passed the permission check).
    return [Permintaan({"pk": k.pk, "nama": langkah}, melihat=m, berwenang=TKKSD if langkah == "tetapkan_mitra" else {"tkksd"},
                       metode="post", data={}, berhasil=(400,), keterangan="tanpa isian")
            for k, m, _pd, langkah in _kasus(dunia)]


@penyedia("ksdpk-kewajiban")
def _(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang=m) for k, m, _pd, _l in _kasus(dunia)]


@penyedia("ksdpk:ubah", "ksdpk:kewajiban")
def _(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd", pd} - {None}) for k, m, pd, _l in _kasus(dunia)]


@penyedia("ksdpk:calon", "ksdpk:tim", "ksdpk:peringkat", "ksdpk-calon", "ksdpk-tim")
def _(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang=_tanpa_mitra(m)) for k, m, _pd, _l in _kasus(dunia)]


@penyedia("ksdpk:penilaian", "ksdpk-penilaian")
def _(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang=TKKSD) for k, m, _pd, _l in _kasus(dunia)]


@penyedia("ksdpk-peringkat")
def _(dunia):
    # The TKKSD scores when there is no team, so it reads the ranking only after handing in its own sheet.
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang=_tanpa_mitra(m) - TKKSD) for k, m, _pd, _l in _kasus(dunia)]
