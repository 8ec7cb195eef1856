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
    assert "<td>Penandatanganan PKS</td>" in html and "penandatanganan_pks</td>" not in html
    assert f"Pemetaan {item.siklus.tahun}, peringkat 3" in html
    assert html.count("Pemetaan ") == 1
