"""Provisions that had nothing behind them: Perwal 57/2023 Ps 65(1) (the DPRD commission's discussion with the
TKKSD: date, commission, attendance, minutes) and Ps 77(3) (coordination with the Menteri on goods whose
ownership the Naskah did not settle)."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama.models import RiwayatAudit
from kerjasama.validators import hari_ini
from tests.ksdln.factories import jalan, muat, unggah

pytestmark = pytest.mark.django_db


def test_ps65_ayat1_rapat_komisi_dprd_dicatat_dengan_notulensi(buat, pengguna):
    kasus = buat(persetujuan_dprd=True)
    tkksd = pengguna["tkksd"]
    with pytest.raises(ValidationError) as exc:
        jalan(kasus, "catat_rapat_komisi_dprd", tkksd, tanggal_rapat=hari_ini().isoformat(), komisi="Komisi I",
              kehadiran="x", ringkasan="y")
    assert "notulensi" in exc.value.message_dict
    notulensi = unggah(kasus, tkksd, "notulensi")
    jalan(kasus, "catat_rapat_komisi_dprd", pengguna["dprd"], tanggal_rapat=hari_ini().isoformat(), komisi="Komisi I",
          kehadiran="7 anggota Komisi I; Kepala Bagian Kerja Sama", ringkasan="Komisi mendukung.", notulensi=notulensi.pk)
    kasus = muat(kasus)
    assert kasus.tahap == "persetujuan_dprd"
    [rapat] = kasus.rapat_komisi_dprd
    assert (rapat["komisi"], rapat["notulensi"]) == ("Komisi I", notulensi.pk)
    assert RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="catat_rapat_komisi_dprd").dasar_hukum == "Pasal 65 ayat (1)"


def test_ps77_ayat3_koordinasi_kepemilikan_barang_dengan_menteri(buat, pengguna):
    kasus = buat(pelaksanaan=True)
    tkksd = pengguna["tkksd"]
    surat = unggah(kasus, tkksd, "surat_keluar")
    jalan(kasus, "catat_koordinasi_kepemilikan_barang", tkksd, barang="Peralatan laboratorium hibah mitra",
          tanggal_surat=hari_ini().isoformat(), dokumen_surat=surat.pk)
    [k] = muat(kasus).koordinasi_kepemilikan_barang
    assert (k["barang"], k["dokumen_surat"]) == ("Peralatan laboratorium hibah mitra", surat.pk)
    with pytest.raises(PermissionDenied):
        jalan(kasus, "catat_koordinasi_kepemilikan_barang", pengguna["pd_dishub"], barang="x",
              tanggal_surat=hari_ini().isoformat(), dokumen_surat=surat.pk)
