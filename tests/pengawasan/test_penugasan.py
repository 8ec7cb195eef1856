"""Who supervises: Perwal 75/2021 Ps 8(1) (the Ketua TKKSD assigns the Tim Pengawasan the Sekretariat
prepared) and Perwal 57/2023 Ps 84(2)–(3) (the Tim Pembinaan dan Pengawasan set by Keputusan Wali Kota
supervises: its members get supervision rights, not only a record)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama.models import RiwayatAudit
from kerjasama.permissions import dapat_melihat
from pengawasan import services
from pengawasan.models import AnggotaTimPengawasan
from pengawasan.permissions import dapat_mengawasi

pytestmark = pytest.mark.django_db


def _sekretaris_tanpa_penugasan(ks, pengguna):
    sekretaris = AnggotaTimPengawasan.objects.get(tim__kerjasama=ks, kedudukan="sekretaris")
    services.anggota_tim_ubah(anggota=sekretaris, by=pengguna["tkksd"], nama="Pengawas", pengguna=pengguna["pengawas"])
    return sekretaris.tim


def test_ketua_tkksd_menugaskan_tim_yang_disiapkan_sekretariat(ks, pengguna):
    """Perwal 75/2021 Ps 8(1): before the Ketua's assignment a member does not act; the Sekretariat cannot
    assign; the Ketua assigns only a prepared surat tugas; a new letter needs a new assignment."""
    tim = _sekretaris_tanpa_penugasan(ks, pengguna)
    pengawas = pengguna["pengawas"]
    assert dapat_melihat(pengawas, ks) and not dapat_mengawasi(pengawas, ks)
    with pytest.raises(PermissionDenied, match="Ketua TKKSD"):
        services.tim_pengawasan_tugaskan(tim=tim, by=pengguna["tkksd"])
    with pytest.raises(ValidationError, match="surat tugas"):
        services.tim_pengawasan_tugaskan(tim=tim, by=pengguna["ketua"])
    services.tim_pengawasan_ubah(tim=tim, by=pengguna["tkksd"], nomor_surat_tugas="800/7/TKKSD",
                                 tanggal_surat_tugas=datetime.date(2026, 1, 16))
    assert not dapat_mengawasi(pengawas, ks)  # prepared is not assigned
    tim = services.tim_pengawasan_tugaskan(tim=tim, by=pengguna["ketua"])
    assert tim.ditugaskan_oleh == pengguna["ketua"] and dapat_mengawasi(pengawas, ks)
    audit = RiwayatAudit.objects.get(kerjasama_id=ks.pk, aksi="pengawasan_tim_ditugaskan")
    assert audit.oleh == pengguna["ketua"] and "800/7/TKKSD" in audit.komentar and "Pasal 8" in audit.dasar_hukum
    services.tim_pengawasan_ubah(tim=tim, by=pengguna["tkksd"], nomor_surat_tugas="800/8/TKKSD",
                                 tanggal_surat_tugas=datetime.date(2026, 1, 19))
    assert not dapat_mengawasi(pengawas, ks)


def test_halaman_tim_tombol_tugaskan_untuk_ketua(ks, pengguna, client):
    tim = _sekretaris_tanpa_penugasan(ks, pengguna)
    services.tim_pengawasan_ubah(tim=tim, by=pengguna["tkksd"], nomor_surat_tugas="800/7/TKKSD",
                                 tanggal_surat_tugas=datetime.date(2026, 1, 16))
    client.force_login(pengguna["ketua"])
    assert "Tugaskan tim" in client.get(f"/pengawasan/kerjasama/{ks.pk}/tim/").content.decode()
    r = client.post(f"/pengawasan/kerjasama/{ks.pk}/tim/", {"aksi": "tugaskan"})
    assert r.status_code == 302
    tim.refresh_from_db()
    assert tim.ditugaskan
    client.force_login(pengguna["tkksd"])
    assert client.post(f"/pengawasan/kerjasama/{ks.pk}/tim/", {"aksi": "tugaskan"}).status_code == 403


def test_anggota_tim_pembinaan_berhak_mengawasi(ks, pengguna):
    """Perwal 57/2023 Ps 84(2)–(3): a member (with an account) of the Tim Pembinaan dan Pengawasan set by
    Keputusan Wali Kota sees and supervises the cooperations under supervision, with no per-case team seat."""
    pd = pengguna["pd_disbudpar"]
    assert not dapat_melihat(pd, ks) and not dapat_mengawasi(pd, ks)
    tim = services.tim_pembinaan_buat(by=pengguna["tkksd"], nomor_keputusan="100/Kep.1/2026",
                                      tanggal_keputusan=datetime.date(2026, 1, 5))
    services.anggota_tim_pembinaan_tambah(tim=tim, by=pengguna["tkksd"], kedudukan="anggota",
                                          jabatan="Kepala Dinas Kebudayaan dan Pariwisata", pengguna=pd)
    assert dapat_melihat(pd, ks) and dapat_mengawasi(pd, ks)
