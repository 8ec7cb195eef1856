"""Perwal 57/2023 Ps 65(2)–(3): the deemed approval follows the legal fact (did the DPRD decide within
45 days of receipt?), not the moment a clerk typed it in; and a request whose receipt nobody records
is flagged to the Sekretariat."""

import datetime

from django.core.exceptions import ValidationError

import pytest
import time_machine

from kerjasama import services as inti
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import Notifikasi, RiwayatAudit, Tenggat
from tests.ksdln.conftest import wib
from tests.ksdln.factories import jalan, muat, unggah

D = datetime.date
pytestmark = pytest.mark.django_db


def _dianggap_disetujui(buat, pengguna):
    """Receipt Mon 02-03-2026; day 45 Thu 16-04-2026; the sweep deems it approved on 17-04-2026."""
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = buat(persetujuan_dprd=True)
        jalan(kasus, "catat_penerimaan_dprd", pengguna["dprd"], tanggal_diterima_dprd="2026-03-02")
    inti.tenggat_sweep(now=wib(2026, 4, 17, 0, 5))
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.keputusan_dprd) == ("verifikasi", "dianggap_disetujui")
    return kasus


def test_penolakan_dprd_hari_ke_44_dicatat_setelah_sapuan_menggantikan_anggapan_persetujuan(
        buat, pengguna, django_capture_on_commit_callbacks):
    """Ps 65(2)–(3): a rejection dated day 44 (Wed 15-04-2026) entered after the sweep used to be refused
    forever; now it replaces the deemed approval, the case ends, both facts are audited, people are told."""
    kasus = _dianggap_disetujui(buat, pengguna)
    with time_machine.travel(wib(2026, 4, 20, 9), tick=False):
        surat = unggah(kasus, pengguna["dprd"], "surat_dprd", "Penolakan DPRD 15-04-2026")
        with django_capture_on_commit_callbacks(execute=True):
            jalan(kasus, "koreksi_penolakan_dprd", pengguna["dprd"], tanggal_keputusan="2026-04-15",
                  dokumen_surat_dprd=surat.pk, komentar="Membebani APBD.")
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.keputusan_dprd, kasus.tanggal_keputusan_dprd) == ("ditolak_dprd", "ditolak", D(2026, 4, 15))
    assert kasus.dprd_dianggap_setuju_pada == wib(2026, 4, 16, 23, 59, 59)  # the first fact is kept
    assert kasus.surat_koreksi_dprd == surat
    audit = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="koreksi_anggapan_dprd")
    assert "16-04-2026 23:59" in audit.komentar and "15-04-2026" in audit.komentar
    assert audit.data["dianggap_disetujui_pada"].startswith("2026-04-16T23:59:59")
    assert audit.data["keputusan"] == "ditolak" and audit.dasar_hukum == "Pasal 65 ayat (2)–(3)"
    assert RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="koreksi_penolakan_dprd").ke_tahap == "ditolak_dprd"
    assert not Tenggat.objects.filter(kerjasama=kasus, status="terbuka").exists()
    penerima = set(Notifikasi.objects.filter(judul__startswith="Koreksi: DPRD menolak").values_list(
        "penerima__username", flat=True))
    assert {"tkksd", "walikota"} <= penerima


def test_persetujuan_dprd_dalam_45_hari_dicatat_kemudian_tahap_tetap(buat, pengguna):
    """Ps 65(2): an approval letter dated within the 45 days replaces the deemed approval; the case stays."""
    kasus = _dianggap_disetujui(buat, pengguna)
    with time_machine.travel(wib(2026, 4, 20, 9), tick=False):
        surat = unggah(kasus, pengguna["tkksd"], "surat_dprd", "Persetujuan DPRD 10-04-2026")
        jalan(kasus, "koreksi_persetujuan_dprd", pengguna["tkksd"], tanggal_keputusan="2026-04-10",
              dokumen_surat_dprd=surat.pk)
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.keputusan_dprd, kasus.tanggal_keputusan_dprd) == ("verifikasi", "disetujui", D(2026, 4, 10))
    assert RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="koreksi_anggapan_dprd").count() == 1


def test_koreksi_dprd_bertanggal_setelah_hari_ke_45_ditolak(buat, pengguna):
    """Ps 65(3): a decision dated day 46 does not undo the deemed approval: nothing changes."""
    kasus = _dianggap_disetujui(buat, pengguna)
    with time_machine.travel(wib(2026, 4, 20, 9), tick=False):
        surat = unggah(kasus, pengguna["dprd"], "surat_dprd")
        with pytest.raises(ValidationError) as exc:
            jalan(kasus, "koreksi_penolakan_dprd", pengguna["dprd"], tanggal_keputusan="2026-04-17",
                  dokumen_surat_dprd=surat.pk, komentar="Terlambat.")
    assert "Pasal 65 ayat (3)" in exc.value.message_dict["tanggal_keputusan"][0]
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.keputusan_dprd) == ("verifikasi", "dianggap_disetujui")
    assert not RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="koreksi_anggapan_dprd").exists()


def test_koreksi_dprd_hanya_setelah_anggapan_persetujuan(buat, pengguna):
    """Ps 65(2): with a real decision already recorded there is nothing to correct."""
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = buat(persetujuan_dprd=True)
        jalan(kasus, "catat_penerimaan_dprd", pengguna["dprd"], tanggal_diterima_dprd="2026-03-02")
        surat = unggah(kasus, pengguna["dprd"], "surat_dprd")
        jalan(kasus, "setujui_dprd", pengguna["dprd"], tanggal_keputusan="2026-03-02", dokumen_surat_dprd=surat.pk)
        with pytest.raises(TransisiTidakTersedia):
            jalan(kasus, "koreksi_penolakan_dprd", pengguna["dprd"], tanggal_keputusan="2026-03-02",
                  dokumen_surat_dprd=surat.pk, komentar="x")


def test_permohonan_dprd_tanpa_penerimaan_tercatat_ditandai_ke_sekretariat(buat, pengguna,
                                                                          django_capture_on_commit_callbacks):
    """Ps 65(2): after DPRD_PENERIMAAN_HARI (7) days without a recorded receipt the Sekretariat is flagged."""
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = buat(penyusunan_rencana=True)
        jalan(kasus, "ajukan_persetujuan_dprd", pengguna["tkksd"], tanggal_surat="2026-03-02")  # Mon
    t = Tenggat.objects.get(kerjasama=kasus, aturan="dprd_penerimaan_belum_dicatat")
    assert t.jatuh_tempo == wib(2026, 3, 9, 23, 59, 59)  # Mon 09-03-2026
    with django_capture_on_commit_callbacks(execute=True):
        inti.tenggat_sweep(now=t.jatuh_tempo + datetime.timedelta(seconds=1))
    t.refresh_from_db()
    assert t.status == "lewat" and "Pasal 65 ayat (2)" in t.catatan
    assert Notifikasi.objects.filter(penerima=pengguna["tkksd"], judul__startswith="Penerimaan DPRD belum dicatat").exists()


def test_penerimaan_tercatat_menutup_penanda(buat, pengguna):
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = buat(penyusunan_rencana=True)
        jalan(kasus, "ajukan_persetujuan_dprd", pengguna["tkksd"], tanggal_surat="2026-03-02")
        jalan(kasus, "catat_penerimaan_dprd", pengguna["dprd"], tanggal_diterima_dprd="2026-03-02")
    assert Tenggat.objects.get(kerjasama=kasus, aturan="dprd_penerimaan_belum_dicatat").status == "terpenuhi"
