"""Perwal 75/2021 Ps 8(4): "dalam keadaan tertentu" the Tim Pengawasan may evaluate together with drafting the
extension, with the partner and the PD concerned. An extension request offers it (notification with the planning
link); the evaluation is planned with sifat `bersama_perpanjangan`, only while a request is open."""

import datetime

from django.core.exceptions import ValidationError

import pytest

from kerjasama import services as inti
from kerjasama.models import Notifikasi
from ksdd.models import KasusKsdd
from pengawasan import services
from tests.ksdd.factories import KasusKsddFactory
from tests.pengawasan.factories import berkas_pdf

pytestmark = pytest.mark.django_db


def test_permohonan_perpanjangan_menawarkan_evaluasi_bersamaan(jam, pengguna, pd_dishub, mitra_bogor,
                                                                django_capture_on_commit_callbacks):
    tkksd = pengguna["tkksd"]
    kasus = KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, pelaksanaan=True)
    with pytest.raises(ValidationError, match="Pasal 8 ayat .4."):
        services.kegiatan_rencanakan(kerjasama=kasus, by=tkksd, jenis="evaluasi", sifat="bersama_perpanjangan")
    kasus = KasusKsdd.objects.get(pk=kasus.pk)
    rencana = inti.dokumen_unggah(by=tkksd, kerjasama=kasus, jenis="rencana_aksi", judul="Rencana tindak",
                                  berkas=berkas_pdf("rt.pdf")).dokumen
    mulai = kasus.tanggal_berakhir + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        inti.transisi_jalankan(kasus=kasus, nama="ajukan_perpanjangan", by=tkksd, data={
            "pemohon": "daerah", "rencana_tindak": rencana.pk, "tahapan": [{"uraian": "Evaluasi"}],
            "tanggal_mulai": mulai.isoformat(), "tanggal_berakhir": mulai.replace(year=mulai.year + 2).isoformat()})
    tawaran = Notifikasi.objects.filter(penerima=tkksd, judul__startswith="Perpanjangan diajukan: evaluasi").get()
    assert "sifat=bersama_perpanjangan" in tawaran.tautan and "Pasal 8 ayat (4)" in tawaran.pesan
    with pytest.raises(ValidationError, match="Hanya evaluasi"):
        services.kegiatan_rencanakan(kerjasama=kasus, by=tkksd, jenis="pemantauan", sifat="bersama_perpanjangan")
    k = services.kegiatan_rencanakan(kerjasama=kasus, by=tkksd, jenis="evaluasi", sifat="bersama_perpanjangan")
    assert k.sifat == "bersama_perpanjangan" and "Pasal 8 ayat (4)" in k.keterangan
