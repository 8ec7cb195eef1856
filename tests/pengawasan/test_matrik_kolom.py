"""Perwal 57/2023 Ps 85(6): the matrik hasil evaluasi has its columns (huruf a–h); a row missing one is refused."""

from django.core.exceptions import ValidationError

import pytest

from pengawasan import services
from pengawasan.models import BarisMatrik

from .factories import KegiatanPengawasanFactory, baris_matrik

pytestmark = pytest.mark.django_db

KOLOM = ["dasar_perjanjian", "materi_evaluasi", "permasalahan", "solusi", "tindak_lanjut", "rekomendasi"]


@pytest.mark.parametrize("kolom", KOLOM)
def test_ps85_ayat6_baris_matrik_tanpa_kolom_ditolak(ks, pengguna, kolom):
    tkksd = pengguna["tkksd"]
    kegiatan = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, ketua=pengguna["ketua"], jenis="evaluasi",
                                         dilaksanakan=True)
    with pytest.raises(ValidationError) as exc:
        baris_matrik(kegiatan, by=tkksd, **{kolom: ""})
    assert kolom in exc.value.message_dict
    assert not BarisMatrik.objects.filter(kegiatan=kegiatan).exists()


def test_ps85_ayat6_baris_matrik_tanpa_perangkat_daerah_ditolak(ks, pengguna):
    """Ps 85(6) huruf f: the PD responsible for the follow-up."""
    tkksd = pengguna["tkksd"]
    kegiatan = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, ketua=pengguna["ketua"], jenis="evaluasi",
                                         dilaksanakan=True)
    with pytest.raises(ValidationError) as exc:
        services.baris_matrik_simpan(kegiatan=kegiatan, by=tkksd, dasar_perjanjian="PKS Pasal 5", materi_evaluasi="M",
                                     permasalahan="P", solusi="S", tindak_lanjut="T", perangkat_daerah=None,
                                     rekomendasi="surat_teguran")
    assert "perangkat_daerah" in exc.value.message_dict
