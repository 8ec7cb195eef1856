"""A cooperation ended by a person stops its term's clock (Perwal 57/2023 Ps 78(2), 79): no reminder of an end
that already happened."""

import datetime

from django.utils import timezone

import pytest

from kerjasama import services
from kerjasama.constants import StatusTenggat
from kerjasama.models import Tenggat
from tests.factories import PerjanjianLamaFactory

pytestmark = pytest.mark.django_db


def test_diakhiri_sebelum_masa_berlaku_habis_tenggatnya_ditutup_dan_tidak_diingatkan(pengguna, pd_dishub, mitra_bogor):
    hari_ini = timezone.localdate()
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                 tanggal_mulai=hari_ini - datetime.timedelta(days=400),
                                 tanggal_berakhir=hari_ini + datetime.timedelta(days=200))
    tenggat = Tenggat.objects.get(kerjasama=lama, aturan="masa_berlaku_perjanjian")
    assert tenggat.status == StatusTenggat.TERBUKA and tenggat.peringatan_berikut is not None

    services.transisi_jalankan(kasus=lama, nama="akhiri", by=pengguna["tkksd"],
                               data={"tanggal_selesai": hari_ini.isoformat(), "komentar": "Tujuan tercapai (Ps 79 huruf b)."})

    tenggat.refresh_from_db()
    assert tenggat.status == StatusTenggat.DISELESAIKAN_SISTEM
    assert tenggat.peringatan_berikut is None and "diakhiri" in tenggat.catatan
    # the sweep at the 30-day reminder and after the old term says nothing more about it
    for saat in (tenggat.jatuh_tempo - datetime.timedelta(days=30), tenggat.jatuh_tempo + datetime.timedelta(days=1)):
        assert not [b for b in services.tenggat_sweep(now=saat) if f"#{tenggat.pk}" in b]


def test_berakhir_karena_masa_berlaku_tetap_ditutup_oleh_sapuan_dengan_catatannya(pengguna, pd_dishub, mitra_bogor):
    hari_ini = timezone.localdate()
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                 tanggal_mulai=hari_ini - datetime.timedelta(days=400),
                                 tanggal_berakhir=hari_ini - datetime.timedelta(days=1))
    tenggat = Tenggat.objects.get(kerjasama=lama, aturan="masa_berlaku_perjanjian")
    [baris] = [b for b in services.tenggat_sweep() if f"#{tenggat.pk}" in b]
    tenggat.refresh_from_db()
    lama.refresh_from_db()
    assert lama.tahap == "selesai"
    assert tenggat.status == StatusTenggat.DISELESAIKAN_SISTEM and "masa berlakunya habis" in tenggat.catatan
