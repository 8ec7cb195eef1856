"""interfaces.md: "a client can drive any transition from `isian` alone". A `dokumen` field says which
document types it accepts (`jenis_dokumen`): rancangan_kb (Perwal 57/2023 Ps 24–25) wants a
`kesepakatan_bersama`, which a client used to have to guess."""

import pytest

from kerjasama.constants import JenisDokumen

from .factories import KasusKsddFactory

pytestmark = pytest.mark.django_db


def test_isian_dokumen_menyebut_jenis_dokumen_yang_diterima(beku, pengguna, pd_dishub, mitra_bogor, rest):
    kasus = KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, penyusunan_kb=True)
    pd = rest(pengguna["pd_dishub"])
    obj = pd.c.get(f"/api/v1/ksdd/{kasus.pk}/").json()
    [t] = [t for t in obj["transisi_tersedia"] if t["nama"] == "ajukan_rancangan_kb"]
    [isian] = [i for i in t["isian"] if i["nama"] == "rancangan_kb"]
    assert (isian["tipe"], isian["jenis_dokumen"]) == ("dokumen", ["kesepakatan_bersama"])
    # driven from isian alone: upload a document of the advertised type, then take the step
    dok = pd.unggah(kasus.pk, isian["jenis_dokumen"][0], "Rancangan KB")
    assert pd.langkah(kasus.pk, "ajukan_rancangan_kb", rancangan_kb=dok)["tahap"] != "penyusunan_kb"


def test_isian_bukan_dokumen_tanpa_jenis_dokumen_dan_dokumen_bebas_semua_jenis():
    from kerjasama.alur import Isian

    assert "jenis_dokumen" not in Isian("tanggal", "Tanggal", "tanggal").as_dict()
    assert Isian("lampiran", "Lampiran", "dokumen", wajib=False).as_dict()["jenis_dokumen"] == list(JenisDokumen.values)
