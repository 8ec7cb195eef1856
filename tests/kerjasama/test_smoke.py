import pytest

from kerjasama import services
from kerjasama.exceptions import TransisiTidakTersedia
from tests.factories import PerjanjianLamaFactory


@pytest.mark.django_db
def test_perjanjian_lama_masuk_pelaksanaan_dengan_tenggat_masa_berlaku(pengguna, pd_dishub, mitra_bogor):
    ks = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    assert ks.tahap == "pelaksanaan"
    assert ks.nomor.startswith("KS/")
    assert "masa_berlaku_perjanjian" in set(ks.tenggat.values_list("aturan", flat=True))
    with pytest.raises(TransisiTidakTersedia):
        services.transisi_jalankan(kasus=ks, nama="tidak_ada", by=pengguna["tkksd"], data={})
