"""Perwal 57/2023 Ps 45(2): the Wali Kota may delegate signing the KSDPK's PKS to the head of a PD by surat
kuasa; an addendum (Ps 46(3)) and an extension (Ps 45(3)) of the PKS are signed by that holder as well.
They used to be reserved to the Wali Kota (stricter than the law). In KSDD they stay with the Wali Kota."""

import pytest

from kerjasama.permissions import PERM_TANDATANGANI, beri_akses
from kerjasama.services import transisi_cari
from ksdd.models import KasusKsdd
from tests.ksdd.factories import KasusKsddFactory

from .factories import KasusKsdpkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nama", ["tandatangani_perubahan", "tandatangani_perpanjangan"])
def test_pemegang_surat_kuasa_menandatangani_adendum_dan_perpanjangan_ksdpk(beku, pengguna, kadishub, pd_dishub, pt,
                                                                           mitra_bogor, nama):
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], pelaksanaan=True)
    t = transisi_cari(kasus, nama)
    assert not t.has_perm(kasus, kadishub)  # no surat kuasa yet
    beri_akses(kasus, user=kadishub, codename=PERM_TANDATANGANI)
    assert t.has_perm(kasus, kadishub) and t.has_perm(kasus, pengguna["walikota"])
    assert not t.has_perm(kasus, pengguna["pd_dishub"])
    ksdd = KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, pelaksanaan=True)
    beri_akses(ksdd, user=kadishub, codename=PERM_TANDATANGANI)
    assert not transisi_cari(KasusKsdd.objects.get(pk=ksdd.pk), nama).has_perm(ksdd, kadishub)
