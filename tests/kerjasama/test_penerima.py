"""Issue 12 item 1: one rule for who receives what (kerjasama.permissions.penerima_kasus). A recipient may
open the case and acts on it now; role-wide only for the roles that see every case."""

import pytest

from kerjasama.constants import Peran
from kerjasama.models import Notifikasi
from kerjasama.permissions import PERM_TANDATANGANI, beri_akses, penerima_kasus
from kerjasama.services import notifikasi_kirim
from tests.factories import PenggunaFactory, PerjanjianLamaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ks(pengguna, pd_dishub, mitra_bogor):
    return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)


def _nama(users):
    return {u.username for u in users}


def test_pelaku_hanya_milik_kasus(ks, pengguna):
    assert _nama(penerima_kasus(ks, ("pd",))) == {"pd_dishub"}  # not Disbudpar
    assert _nama(penerima_kasus(ks, ("mitra",))) == {"mitra_bogor"}  # not PT Lain
    assert _nama(penerima_kasus(ks, (Peran.SEKRETARIAT_TKKSD, Peran.KETUA_TKKSD))) == {"tkksd", "ketua"}


def test_dprd_hanya_bila_kasus_di_hadapannya(ks, pengguna):
    from django.contrib.auth.models import Group

    assert penerima_kasus(ks, (Peran.DPRD,)) == set()
    beri_akses(ks, grup=Group.objects.get(name=Peran.DPRD))
    assert _nama(penerima_kasus(ks, (Peran.DPRD,))) == {"dprd"}


def test_tim_pengawasan_hanya_anggota_tim_kasus(ks, pengguna):
    assert "pengawas" not in _nama(penerima_kasus(ks, (Peran.TIM_PENGAWASAN,)))
    beri_akses(ks, user=pengguna["pengawas"])
    assert "pengawas" in _nama(penerima_kasus(ks, (Peran.TIM_PENGAWASAN,)))


def test_penandatangan_wali_kota_dan_pemegang_kuasa_kasus_ini(ks, pengguna, pd_dishub):
    kepala = PenggunaFactory(username="kadishub", peran=[Peran.PD], perangkat_daerah=pd_dishub)
    lain = PenggunaFactory(username="kadisbudpar", peran=[Peran.PD], perangkat_daerah=pengguna["pd_disbudpar"].perangkat_daerah)
    kasus_lain = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=lain.perangkat_daerah,
                                       mitra=pengguna["mitra_pt"].mitra)
    beri_akses(ks, user=kepala, codename=PERM_TANDATANGANI)
    beri_akses(kasus_lain, user=lain, codename=PERM_TANDATANGANI)
    assert _nama(penerima_kasus(ks, ("wali_kota",))) == {"walikota", "kadishub"}


@pytest.mark.penerima_bukan_pembaca
def test_notifikasi_tidak_sampai_kepada_yang_tidak_dapat_membuka(ks, pengguna, django_capture_on_commit_callbacks, caplog):
    """The last line: the sending task drops, and logs, a recipient who cannot open the case (a caller that
    computed its recipients without the rule); the others are told."""
    with django_capture_on_commit_callbacks(execute=True):
        notifikasi_kirim(penerima=[pengguna["mitra_pt"], pengguna["mitra_bogor"]], judul="Uji", kerjasama=ks)
    assert list(Notifikasi.objects.values_list("penerima__username", flat=True)) == ["mitra_bogor"]
    assert any("tidak dapat membuka kerja sama" in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)
