"""The registry and "Tugas saya" tables speak the user's language: each stage by its Indonesian label, and a
cooperation started from the mapping shows its item (Perwal 57/2023 Ps 17–18), without a query per row."""

import pytest

from tests.factories import MitraFactory, PerjanjianLamaFactory
from tests.ksdd.factories import KasusKsddFactory
from tests.pemetaan.factories import ItemRencanaFactory

pytestmark = pytest.mark.django_db


def test_registri_menampilkan_label_tahap_dan_item_pemetaan(klien, pengguna, pd_dishub, mitra_bogor):
    kasus = KasusKsddFactory(by=pengguna["tkksd"], penandatanganan_pks=True, perangkat_daerah=pd_dishub,
                             mitra=mitra_bogor, judul="Angkutan umum terpadu")
    item = ItemRencanaFactory(peringkat=3)
    item.kerjasama = kasus
    item.save(update_fields=["kerjasama"])
    PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=MitraFactory(), judul="Tanpa pemetaan")

    html = klien(pengguna["tkksd"]).get("/kerjasama/").content.decode()
    assert "<td data-label=\"Tahap\">Penandatanganan PKS</td>" in html and "penandatanganan_pks</td>" not in html
    assert f"Pemetaan {item.siklus.tahun}, peringkat 3" in html
    assert html.count("Pemetaan ") == 1


def test_registri_saringan_tahap_berlabel_per_jenis_urut_dan_jumlah(klien, pengguna, pd_dishub, mitra_bogor):
    """Issue 14: the stage filter is a choice list of labels grouped by kind; columns sort; the count is shown."""
    KasusKsddFactory(by=pengguna["tkksd"], penandatanganan_pks=True, perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                     judul="Beta")
    KasusKsddFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="Alfa")
    c = klien(pengguna["tkksd"])
    html = c.get("/kerjasama/").content.decode()
    pilihan = html.split('name="tahap"', 1)[1].split("</select>", 1)[0]
    assert "<optgroup" in pilihan and ">Penandatanganan PKS</option>" in pilihan
    saring = c.get("/kerjasama/?tahap=penandatanganan_pks").content.decode()
    assert ">1 kerja sama.<" in saring and "Beta" in saring and "Alfa" not in saring
    naik = c.get("/kerjasama/?urut=judul").content.decode()
    turun = c.get("/kerjasama/?urut=-judul").content.decode()
    assert naik.index(">Alfa") < naik.index(">Beta") and turun.index(">Beta") < turun.index(">Alfa")
    assert 'aria-sort="ascending"' in naik and 'href="?urut=-judul"' in naik
    assert c.get("/kerjasama/?urut=password").status_code == 200
