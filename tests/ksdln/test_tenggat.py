"""The legal clocks of KSDPL/KSDLL at their edges (Perwal 57/2023 Ps 62(3), 65(2)–(4), 66(3), 68(3),
78(3), 80(2)). Dates are read as a table; the weekday is in the comment. Days are calendar days by
default and working days with SIKSD_CARA_HITUNG_HARI="kerja" (weekends, national holidays and cuti
bersama skipped)."""

import datetime
import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection

import pytest
import time_machine

from kerjasama import services as inti
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import Notifikasi, RiwayatAudit, Tenggat
from ksdln.deadlines import batas_laporan_tahunan, batas_permohonan_perpanjangan
from ksdln.models import KasusKsdln
from tests.factories import naskah_bertanda_tangan
from tests.ksdln.conftest import wib
from tests.ksdln.factories import jalan, muat, unggah

D = datetime.date


def terima_dprd(kasus, pengguna, tanggal):
    jalan(kasus, "catat_penerimaan_dprd", pengguna["dprd"], tanggal_diterima_dprd=tanggal.isoformat())
    return Tenggat.objects.get(kerjasama=kasus, aturan="dprd_45_hari")


def setujui(kasus, pengguna, tanggal):
    surat = unggah(kasus, pengguna["dprd"], "surat_dprd")
    return jalan(kasus, "setujui_dprd", pengguna["dprd"], tanggal_keputusan=tanggal.isoformat(),
                 dokumen_surat_dprd=surat.pk)


# --- dprd_45_hari (Ps 65) ------------------------------------------------------------------------

# receipt Mon 02-03-2026. Calendar: day 45 = Thu 16-04-2026. Working days (holidays 18–24 Mar Nyepi,
# Idul Fitri and cuti bersama; 3 Apr Good Friday; 1 May; 14–15 May Ascension): day 45 = Wed 13-05-2026.
BATAS_DPRD = [("kalender", D(2026, 4, 16)), ("kerja", D(2026, 5, 13))]


@pytest.mark.django_db
@pytest.mark.parametrize(("cara", "hari_45"), BATAS_DPRD)
def test_keputusan_dprd_pada_hari_ke_45_diterima(settings, buat, pengguna, cara, hari_45):
    settings.SIKSD_CARA_HITUNG_HARI = cara
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False) as t:
        kasus = buat(persetujuan_dprd=True)
        tenggat = terima_dprd(kasus, pengguna, D(2026, 3, 2))
        assert tenggat.jatuh_tempo == wib(hari_45.year, hari_45.month, hari_45.day, 23, 59, 59)
        assert tenggat.cara_hitung == cara
        t.move_to(wib(hari_45.year, hari_45.month, hari_45.day, 23, 0))
        setujui(kasus, pengguna, hari_45)
        assert muat(kasus).tahap == "verifikasi"
        tenggat.refresh_from_db()
        assert tenggat.status == "terpenuhi"
        # the clock stopped: the sweep after day 45 does nothing to the case
        assert inti.tenggat_sweep(now=wib(hari_45.year, hari_45.month, hari_45.day + 1, 0, 0, 1)) == []
    kasus = muat(kasus)
    assert (kasus.keputusan_dprd, kasus.tanggal_keputusan_dprd) == ("disetujui", hari_45)


@pytest.mark.django_db
@pytest.mark.parametrize(("cara", "hari_45"), BATAS_DPRD)
def test_sapuan_akhir_hari_ke_45_tanpa_keputusan_dianggap_disetujui_sekali(
        settings, buat, pengguna, cara, hari_45, django_capture_on_commit_callbacks):
    settings.SIKSD_CARA_HITUNG_HARI = cara
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = buat(persetujuan_dprd=True)
        terima_dprd(kasus, pengguna, D(2026, 3, 2))
    akhir = wib(hari_45.year, hari_45.month, hari_45.day, 23, 59, 59)
    # at 23:59:59 of day 45 the DPRD still has time
    assert [x for x in inti.tenggat_sweep(now=akhir) if not x.startswith("peringatan")] == []
    assert muat(kasus).tahap == "persetujuan_dprd"
    sesudah = akhir + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        laporan1 = inti.tenggat_sweep(now=sesudah)
        laporan2 = inti.tenggat_sweep(now=sesudah + datetime.timedelta(minutes=5))
    assert len(laporan1) == 1 and "dprd_45_hari" in laporan1[0] and laporan2 == []
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.keputusan_dprd, kasus.tanggal_keputusan_dprd) == ("verifikasi", "dianggap_disetujui", hari_45)
    assert kasus.dprd_dianggap_setuju_pada == akhir
    audit = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="anggap_disetujui_dprd")
    assert audit.oleh is None  # the system did it
    assert (audit.dari_tahap, audit.ke_tahap) == ("persetujuan_dprd", "verifikasi")
    assert "Pasal 65 ayat (3)" in audit.komentar and f"{hari_45:%d-%m-%Y}" in audit.komentar
    assert RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="tenggat_diselesaikan_sistem").count() == 1
    assert Tenggat.objects.get(kerjasama=kasus, aturan="dprd_45_hari").status == "diselesaikan_sistem"
    # Ps 65(4): the TKKSD and the Wali Kota are told the request to the Menteri can be sent
    penerima = set(Notifikasi.objects.filter(judul__startswith="Dianggap disetujui DPRD").values_list(
        "penerima__username", flat=True))
    assert penerima == {"tkksd", "ketua", "walikota"}
    assert "Pasal 65 ayat (4)" in Notifikasi.objects.filter(judul__startswith="Dianggap disetujui DPRD").first().pesan


@pytest.mark.django_db
def test_process_deadlines_dengan_now_dua_kali(buat, pengguna, capsys):
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = buat(persetujuan_dprd=True)
        terima_dprd(kasus, pengguna, D(2026, 3, 2))  # day 45: Thu 16-04-2026
    call_command("process_deadlines", "--now", "2026-04-16T23:59:59+07:00")
    assert "dprd_45_hari" not in capsys.readouterr().out.replace("peringatan: dprd_45_hari", "")
    call_command("process_deadlines", "--now", "2026-04-17T00:00:00+07:00")
    out = capsys.readouterr().out
    assert "1 tindakan" in out and "Dianggap disetujui DPRD" in out
    call_command("process_deadlines", "--now", "2026-04-17T00:00:00+07:00")
    assert "0 tindakan" in capsys.readouterr().out
    assert muat(kasus).tahap == "verifikasi"
    assert RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="anggap_disetujui_dprd").count() == 1


@pytest.mark.django_db
def test_keputusan_setelah_dianggap_disetujui_ditolak_dengan_pesan(buat, pengguna, api, klien):
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False) as t:
        kasus = buat(persetujuan_dprd=True)
        terima_dprd(kasus, pengguna, D(2026, 3, 2))
        surat = unggah(kasus, pengguna["dprd"], "surat_dprd")  # filed while the case is before the DPRD
        inti.tenggat_sweep(now=wib(2026, 4, 17, 0, 5))
        t.move_to(wib(2026, 4, 20, 9))
        # Once deemed approved (Ps 65(3)) the DPRD still has a step of its own open: a decision dated within the
        # 45 days may still be entered with its letter (the correction path, issue 15), so it may file that letter.
        unggah(kasus, pengguna["dprd"], "surat_dprd")
        harap = "dianggap disetujui DPRD pada 16-04-2026 23:59 WIB"
        with pytest.raises(TransisiTidakTersedia, match=harap):
            jalan(kasus, "tolak_dprd", pengguna["dprd"], tanggal_keputusan="2026-04-15", komentar="Menolak.",
                  dokumen_surat_dprd=surat.pk)
        r = api(pengguna["dprd"]).post(f"/api/v1/ksdln/{kasus.pk}/transisi/setujui_dprd/",
                                       {"tanggal_keputusan": "2026-04-15", "dokumen_surat_dprd": surat.pk}, format="json")
        assert r.status_code == 409 and harap in r.json()["detail"] and "Pasal 65 ayat (3)" in r.json()["detail"]
        # the web form tells the same
        r = klien(pengguna["dprd"]).get(f"/kerjasama/{kasus.pk}/transisi/setujui_dprd/")
        assert r.status_code == 409 and harap in r.content.decode()
    assert muat(kasus).keputusan_dprd == "dianggap_disetujui"
    assert not RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi__in=("setujui_dprd", "tolak_dprd")).exists()


@pytest.mark.django_db
def test_keputusan_bertanggal_setelah_hari_ke_45_ditolak_meski_sapuan_belum_jalan(buat, pengguna):
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False) as t:
        kasus = buat(persetujuan_dprd=True)
        terima_dprd(kasus, pengguna, D(2026, 3, 2))
        t.move_to(wib(2026, 4, 17, 9))  # day 46, the sweep has not run yet
        with pytest.raises(ValidationError) as exc:
            setujui(kasus, pengguna, D(2026, 4, 17))
        assert "dianggap disetujui sejak berakhirnya 16-04-2026" in exc.value.message_dict["tanggal_keputusan"][0]
        # a decision letter dated on day 45 still counts: the DPRD did decide in time
        setujui(kasus, pengguna, D(2026, 4, 16))
    assert muat(kasus).keputusan_dprd == "disetujui"
    assert Tenggat.objects.get(kerjasama=kasus, aturan="dprd_45_hari").status == "terpenuhi"


@pytest.mark.django_db
def test_penerimaan_dprd_oleh_dprd_atau_sekretariat_dengan_tanda_terima_dan_sekali(buat, pengguna):
    """Ps 65(2): the body whose silence counts must not be the only one able to start the 45 days; the
    Sekretariat TKKSD records the receipt from the Setwan's tanda terima (this test used to refuse the
    Sekretariat outright). Nobody else may."""

    kasus = buat(persetujuan_dprd=True)
    with pytest.raises(PermissionDenied):
        jalan(kasus, "catat_penerimaan_dprd", pengguna["pd_dishub"], tanggal_diterima_dprd=kasus.tanggal_permohonan_dprd.isoformat())
    with pytest.raises(ValidationError, match="tanda terima"):
        jalan(kasus, "catat_penerimaan_dprd", pengguna["tkksd"], tanggal_diterima_dprd=kasus.tanggal_permohonan_dprd.isoformat())
    k3 = buat(persetujuan_dprd=True)
    tanda = unggah(k3, pengguna["tkksd"], "surat_masuk", "Tanda terima Setwan")
    jalan(k3, "catat_penerimaan_dprd", pengguna["tkksd"], tanggal_diterima_dprd=k3.tanggal_permohonan_dprd.isoformat(),
          tanda_terima_dprd=tanda.pk)
    k3 = muat(k3)
    assert k3.tanggal_diterima_dprd == k3.tanggal_permohonan_dprd and k3.tanda_terima_dprd == tanda
    assert Tenggat.objects.filter(kerjasama=k3, aturan="dprd_45_hari", status="terbuka").exists()
    with pytest.raises(TransisiTidakTersedia, match="Catat terlebih dahulu tanggal"):
        setujui(kasus, pengguna, kasus.tanggal_permohonan_dprd)
    terima_dprd(kasus, pengguna, kasus.tanggal_permohonan_dprd)
    with pytest.raises(TransisiTidakTersedia, match="sudah dicatat"):
        terima_dprd(kasus, pengguna, kasus.tanggal_permohonan_dprd)
    with pytest.raises(ValidationError, match="sebelum tanggal surat permohonan"):
        k2 = buat(persetujuan_dprd=True)
        terima_dprd(k2, pengguna, k2.tanggal_permohonan_dprd - datetime.timedelta(days=1))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_sapuan_bersamaan_satu_anggapan_persetujuan(pengguna, pd_dishub):
    from tests.ksdln.factories import KasusKsdlnFactory, hamamatsu

    assert connection.vendor == "postgresql"
    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = KasusKsdlnFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=hamamatsu(),
                                  persetujuan_dprd=True)
        terima_dprd(kasus, pengguna, D(2026, 3, 2))
    mulai = threading.Barrier(2)
    hasil, galat = [], []

    def sapu():
        try:
            mulai.wait()
            hasil.append(inti.tenggat_sweep(now=wib(2026, 4, 17, 0, 0, 1)))
        except Exception as exc:  # pragma: no cover - reported below
            galat.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sapu) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert galat == []
    assert sum(1 for h in hasil for baris in h if "dprd_45_hari" in baris and not baris.startswith("peringatan")) == 1
    assert KasusKsdln.objects.get(pk=kasus.pk).tahap == "verifikasi"
    assert RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="anggap_disetujui_dprd").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_keputusan_dprd_dan_sapuan_bersamaan_tanpa_deadlock(pengguna, pd_dishub):
    """A decision recorded while the sweep acts on the same case: no deadlock, one outcome."""
    from tests.ksdln.factories import KasusKsdlnFactory, hamamatsu

    with time_machine.travel(wib(2026, 3, 2, 10), tick=False):
        kasus = KasusKsdlnFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=hamamatsu(),
                                  persetujuan_dprd=True)
        terima_dprd(kasus, pengguna, D(2026, 3, 2))
        surat = unggah(kasus, pengguna["dprd"], "surat_dprd")
    mulai = threading.Barrier(2)
    galat = []

    def sapu():
        try:
            mulai.wait()
            inti.tenggat_sweep(now=wib(2026, 4, 17, 0, 0, 1))
        except Exception as exc:  # pragma: no cover
            galat.append(exc)
        finally:
            connection.close()

    def putuskan():
        try:
            dprd = type(pengguna["dprd"]).objects.get(pk=pengguna["dprd"].pk)
            mulai.wait()
            with time_machine.travel(wib(2026, 4, 16, 23, 30), tick=False):
                jalan(kasus, "setujui_dprd", dprd, tanggal_keputusan="2026-04-16", dokumen_surat_dprd=surat.pk)
        except TransisiTidakTersedia:
            pass  # the sweep came first: refused with its message
        except Exception as exc:  # pragma: no cover
            galat.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sapu), threading.Thread(target=putuskan)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert galat == []
    kasus = KasusKsdln.objects.get(pk=kasus.pk)
    assert kasus.tahap == "verifikasi" and kasus.keputusan_dprd in ("disetujui", "dianggap_disetujui")
    assert RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi__in=("setujui_dprd", "anggap_disetujui_dprd")).count() == 1
    assert not Tenggat.objects.filter(kerjasama=kasus, aturan="dprd_45_hari", status="terbuka").exists()


# --- gubernur_5_hari_* (Ps 66(3), 68(3)) ---------------------------------------------------------

# sent Wed 11-03-2026. Calendar: day 5 = Mon 16-03-2026. Working days: Thu 12, Fri 13, Mon 16, Tue 17
# (18–24 March holidays and cuti bersama) → day 5 = Wed 25-03-2026.
BATAS_GUBERNUR = [("kalender", D(2026, 3, 16)), ("kerja", D(2026, 3, 25))]


@pytest.mark.django_db
@pytest.mark.parametrize(("cara", "hari_5"), BATAS_GUBERNUR)
def test_jalur_langsung_ke_menteri_ditolak_pada_hari_ke_5_dan_tersedia_sesudahnya(settings, buat, pengguna, cara, hari_5):
    settings.SIKSD_CARA_HITUNG_HARI = cara
    tkksd, wk = pengguna["tkksd"], pengguna["walikota"]
    with time_machine.travel(wib(2026, 3, 11, 9), tick=False) as t:
        kasus = buat(verifikasi=True)
        jalan(kasus, "kirim_verifikasi_gubernur", tkksd, tanggal_dikirim_gubernur="2026-03-11")
        akhir = wib(hari_5.year, hari_5.month, hari_5.day, 23, 59, 59)
        assert muat(kasus).batas_gubernur == akhir
        assert Tenggat.objects.get(kerjasama=kasus, aturan="gubernur_5_hari_verifikasi").jatuh_tempo == akhir
        t.move_to(akhir)
        assert "kirim_langsung_menteri_verifikasi" not in {x.name for x in inti.transisi_tersedia(muat(kasus), tkksd)}
        with pytest.raises(TransisiTidakTersedia, match=f"setelah {hari_5:%d-%m-%Y} 23:59 WIB .Pasal 66 ayat .3.."):
            jalan(kasus, "kirim_langsung_menteri_verifikasi", tkksd, tanggal_dikirim_menteri=hari_5.isoformat())
        t.move_to(akhir + datetime.timedelta(seconds=1))
        for user in (tkksd, wk):
            assert "kirim_langsung_menteri_verifikasi" in {x.name for x in inti.transisi_tersedia(muat(kasus), user)}
        # the letter may not be dated on day 5 itself
        with pytest.raises(ValidationError, match="hanya setelah 5 hari"):
            jalan(kasus, "kirim_langsung_menteri_verifikasi", wk, tanggal_dikirim_menteri=hari_5.isoformat())
        besok = hari_5 + datetime.timedelta(days=1)
        jalan(kasus, "kirim_langsung_menteri_verifikasi", wk, tanggal_dikirim_menteri=besok.isoformat(),
              nomor_surat="000.5/500/KS")
    kasus = muat(kasus)
    assert (kasus.tahap, kasus.tanggal_dikirim_langsung_menteri) == ("menunggu_pertimbangan_menteri", besok)
    assert Tenggat.objects.get(kerjasama=kasus, aturan="gubernur_5_hari_verifikasi").status == "lewat"
    surat = kasus.dokumen.get(judul="Surat langsung kepada Menteri — dokumen verifikasi")
    versi = surat.versi.first()
    assert versi.tipe_konten == "application/pdf" and versi.berkas.read(4) == b"%PDF"


@pytest.mark.django_db
def test_sapuan_gubernur_menyiapkan_surat_dan_menawarkan_jalur_langsung_sekali(buat, pengguna,
                                                                              django_capture_on_commit_callbacks):
    with time_machine.travel(wib(2026, 3, 11, 9), tick=False):
        kasus = buat(verifikasi=True)
        jalan(kasus, "kirim_verifikasi_gubernur", pengguna["tkksd"], tanggal_dikirim_gubernur="2026-03-11")
    with django_capture_on_commit_callbacks(execute=True):
        assert [x for x in inti.tenggat_sweep(now=wib(2026, 3, 16, 23, 59, 59)) if not x.startswith("peringatan")] == []
        hasil = inti.tenggat_sweep(now=wib(2026, 3, 17, 0, 0, 1))
        assert inti.tenggat_sweep(now=wib(2026, 3, 17, 0, 10)) == []
    assert len(hasil) == 1 and "gubernur_5_hari_verifikasi" in hasil[0] and "Pasal 66 ayat (3)" in hasil[0]
    kasus = muat(kasus)
    assert kasus.tahap == "menunggu_gubernur_verifikasi"  # the system offers; a person sends
    assert kasus.dokumen.get(judul__startswith="Surat langsung kepada Menteri").versi.count() == 1
    assert set(Notifikasi.objects.filter(judul__startswith="Kirim langsung ke Menteri kini tersedia")
               .values_list("penerima__username", flat=True)) == {"tkksd", "walikota"}


@pytest.mark.django_db
def test_penerusan_gubernur_dalam_5_hari_menghentikan_jam(buat, pengguna):
    with time_machine.travel(wib(2026, 3, 11, 9), tick=False) as t:
        kasus = buat(verifikasi=True)
        jalan(kasus, "kirim_verifikasi_gubernur", pengguna["tkksd"], tanggal_dikirim_gubernur="2026-03-11")
        t.move_to(wib(2026, 3, 16, 15))
        with pytest.raises(ValidationError, match="sebelum dikirim kepada Gubernur"):
            jalan(kasus, "catat_penerusan_gubernur_verifikasi", pengguna["tkksd"], tanggal_diteruskan_gubernur="2026-03-10")
        jalan(kasus, "catat_penerusan_gubernur_verifikasi", pengguna["tkksd"], tanggal_diteruskan_gubernur="2026-03-16")
    assert Tenggat.objects.get(kerjasama=kasus, aturan="gubernur_5_hari_verifikasi").status == "terpenuhi"
    assert inti.tenggat_sweep(now=wib(2026, 3, 20)) == []
    assert muat(kasus).tahap == "menunggu_pertimbangan_menteri"


@pytest.mark.django_db
def test_rancangan_naskah_5_hari_ke_menteri(buat, pengguna):
    """Ps 68(2)–(3): the same clock for the draft Naskah."""
    from ksdln.constants import BAGIAN_NASKAH
    from tests.ksdln.factories import bagian

    tkksd = pengguna["tkksd"]
    with time_machine.travel(wib(2026, 4, 20, 9), tick=False) as t:
        kasus = buat(penyusunan_naskah=True)
        naskah = unggah(kasus, tkksd, "naskah")
        jalan(kasus, "kirim_naskah_gubernur", tkksd, dokumen_naskah=naskah.pk, tanggal_dikirim_gubernur="2026-04-20",
              **bagian(BAGIAN_NASKAH))
        assert Tenggat.objects.get(kerjasama=kasus, aturan="gubernur_5_hari_naskah").jatuh_tempo == wib(2026, 4, 25, 23, 59, 59)
        t.move_to(wib(2026, 4, 25, 23, 59, 59))
        with pytest.raises(TransisiTidakTersedia, match="Pasal 68 ayat .3."):
            jalan(kasus, "kirim_langsung_menteri_naskah", tkksd, tanggal_dikirim_menteri="2026-04-25")
        t.move_to(wib(2026, 4, 26, 0, 0, 0))
        jalan(kasus, "kirim_langsung_menteri_naskah", tkksd, tanggal_dikirim_menteri="2026-04-26")
    assert muat(kasus).tahap == "pembahasan_naskah"
    assert muat(kasus).dokumen.filter(judul="Surat langsung kepada Menteri — rancangan Naskah").exists()


# --- loi_masa_berlaku (Ps 62(3)) ---------------------------------------------------------------


def tandatangani_loi(kasus, pengguna, tanggal, sampai, nama="tandatangani_loi"):
    from ksdln.constants import BAGIAN_LOI
    from tests.ksdln.factories import bagian

    loi = naskah_bertanda_tangan(kasus, "loi")
    return jalan(kasus, nama, pengguna["walikota"], tempat_penandatanganan="Hamamatsu",
                 tanggal_penandatanganan=tanggal.isoformat(), berlaku_sampai=sampai.isoformat(), dokumen_loi=loi.pk,
                 **bagian(BAGIAN_LOI))


@pytest.mark.django_db
@pytest.mark.parametrize(("ditandatangani", "sampai", "diterima"), [
    # "1 tahun sejak ditandatangani": the signing day does not count, so the last valid day is the anniversary
    (D(2026, 3, 10), D(2027, 3, 10), True),   # exactly 1 year (Wed)
    (D(2026, 3, 10), D(2027, 3, 11), False),  # 1 year and 1 day
    (D(2028, 2, 29), D(2029, 2, 28), True),   # from a leap day: 1 year ends 28 February
    (D(2028, 2, 29), D(2029, 3, 1), False),
    # Ps 62(3) and Ps 26(1) read alike (kerjasama.validators.akhir_jangka_tahun): the first counted day is
    # 01-03-2027, so one year runs to 29-02-2028 (it used to stop at 28-02-2028).
    (D(2027, 2, 28), D(2028, 2, 29), True),
    (D(2027, 2, 28), D(2028, 3, 1), False),
    (D(2026, 3, 10), D(2026, 3, 10), False),  # must end after signing
])
def test_masa_berlaku_loi_paling_lama_1_tahun(buat, pengguna, ditandatangani, sampai, diterima):
    with time_machine.travel(wib(ditandatangani.year, ditandatangani.month, ditandatangani.day, 15), tick=False):
        kasus = buat(tanggapan_diterima=True, tanggal_permohonan_tanggapan=ditandatangani - datetime.timedelta(days=30),
                     tanggal_tanggapan_menteri=ditandatangani)
        if diterima:
            tandatangani_loi(kasus, pengguna, ditandatangani, sampai)
            kasus = muat(kasus)
            assert (kasus.tahap, kasus.berlaku_sampai) == ("loi_ditandatangani", sampai)
            t = Tenggat.objects.get(kerjasama=kasus, aturan="loi_masa_berlaku")
            assert t.jatuh_tempo == wib(sampai.year, sampai.month, sampai.day, 23, 59, 59)
            # warned 60 days before it lapses
            peringatan = sampai - datetime.timedelta(days=60)
            assert t.peringatan_berikut == wib(peringatan.year, peringatan.month, peringatan.day, 0, 0)
        else:
            with pytest.raises(ValidationError) as exc:
                tandatangani_loi(kasus, pengguna, ditandatangani, sampai)
            assert "berlaku_sampai" in exc.value.message_dict
            assert muat(kasus).tahap == "tanggapan_diterima"
            assert not RiwayatAudit.objects.filter(kerjasama_id=kasus.pk, aksi="tandatangani_loi").exists()


@pytest.mark.django_db
def test_loi_yang_lewat_diperingatkan_menahan_hanya_bila_mitra_mundur(buat, pengguna, django_capture_on_commit_callbacks):
    """Ps 62(3) caps the LoI's validity only: a lapsed LoI is warned and shown, the Rencana may still be drawn up
    (this test used to assert the block); the steps stop only when the partner has also withdrawn."""
    from ksdln.constants import BAGIAN_RENCANA
    from tests.ksdln.factories import bagian

    pd = pengguna["pd_dishub"]
    with time_machine.travel(wib(2026, 3, 10, 15), tick=False) as t:
        kasus = buat(tanggapan_diterima=True)
        tandatangani_loi(kasus, pengguna, D(2026, 3, 10), D(2027, 3, 10))
        with django_capture_on_commit_callbacks(execute=True):
            inti.tenggat_sweep(now=wib(2027, 1, 9, 0, 1))  # 60 days before
        assert Notifikasi.objects.filter(judul__startswith="Tenggat 60 hari lagi: Masa berlaku").exists()
        t.move_to(wib(2026, 6, 1, 9))
        # more than 60 days left: no new LoI offered yet
        assert "tandatangani_ulang_loi" not in {x.name for x in inti.transisi_tersedia(muat(kasus), pengguna["walikota"])}
        t.move_to(wib(2027, 3, 11, 9))  # lapsed
        dok = unggah(kasus, pd, "rencana_kerja_sama")
        assert "susun_rencana" in {x.name for x in inti.transisi_tersedia(muat(kasus), pd)}
        assert "berakhir pada 10-03-2027 (Pasal 62 ayat (3))" in muat(kasus).peringatan_loi
        hasil = inti.tenggat_sweep(now=wib(2027, 3, 11, 9))
        assert any("lewat: loi_masa_berlaku" in h for h in hasil)
        # the partner withdraws: now the LoI-dependent steps stop until a new LoI
        jalan(kasus, "catat_mitra_mundur", pengguna["tkksd"], tanggal_mundur="2027-03-11", komentar="Mitra mundur.")
        with pytest.raises(TransisiTidakTersedia, match="berakhir pada 10-03-2027 .Pasal 62 ayat .3.. dan mitra"):
            jalan(kasus, "susun_rencana", pd, dokumen_rencana=dok.pk, **bagian(BAGIAN_RENCANA))
        assert "susun_rencana" not in {x.name for x in inti.transisi_tersedia(muat(kasus), pd)}
        tandatangani_loi(kasus, pengguna, D(2027, 3, 11), D(2028, 3, 11), nama="tandatangani_ulang_loi")
        assert muat(kasus).tahap == "loi_ditandatangani"
        jalan(kasus, "susun_rencana", pd, dokumen_rencana=dok.pk, **bagian(BAGIAN_RENCANA))
    assert muat(kasus).tahap == "penyusunan_rencana"
    assert Tenggat.objects.get(kerjasama=kasus, aturan="loi_masa_berlaku", status="terbuka").jatuh_tempo == \
        wib(2028, 3, 11, 23, 59, 59)


# --- batas_permohonan_perpanjangan (Ps 78(3)) ----------------------------------------------------


def test_batas_permohonan_perpanjangan_fungsi_murni():
    assert batas_permohonan_perpanjangan(D(2031, 6, 30)) == D(2030, 12, 30)
    assert batas_permohonan_perpanjangan(D(2031, 8, 31)) == D(2031, 2, 28)  # no 31 February
    assert batas_permohonan_perpanjangan(D(2032, 8, 31)) == D(2032, 2, 29)  # leap year


def pelaksanaan_sampai_2031(buat):
    # signed Mon 30-06-2026, term 01-07-2026 … 30-06-2031; the request is due by Mon 30-12-2030
    with time_machine.travel(wib(2026, 6, 30, 10), tick=False):
        return buat(pelaksanaan=True, tanggal_penandatanganan=D(2026, 6, 30), tanggal_mulai=D(2026, 7, 1),
                    tanggal_berakhir=D(2031, 6, 30))


@pytest.mark.django_db
@pytest.mark.parametrize(("dikirim", "terlambat"), [
    (D(2030, 12, 29), False),  # 6 months and 1 day before the end (Sun)
    (D(2030, 12, 30), False),  # exactly 6 months before: the last day on time (Mon)
    (D(2030, 12, 31), True),
    (D(2031, 1, 30), True),    # 5 months before (Thu)
])
def test_permohonan_perpanjangan_tepat_waktu_atau_terlambat(buat, pengguna, dikirim, terlambat):
    kasus = pelaksanaan_sampai_2031(buat)
    t = Tenggat.objects.get(kerjasama=kasus, aturan="batas_permohonan_perpanjangan")
    assert t.jatuh_tempo == wib(2030, 12, 30, 23, 59, 59)
    assert t.peringatan_berikut == wib(2030, 11, 30, 0, 0)  # warned 30 days before that day
    with time_machine.travel(wib(dikirim.year, dikirim.month, dikirim.day, 16), tick=False):
        jalan(kasus, "ajukan_perpanjangan", pengguna["tkksd"], tanggal_dikirim=dikirim.isoformat(), nomor_surat="000.5/1")
    permohonan = muat(kasus).permohonan_perpanjangan.get()
    assert (permohonan.terlambat, permohonan.batas) == (terlambat, D(2030, 12, 30))
    t.refresh_from_db()
    assert t.status == ("lewat" if terlambat else "terpenuhi")
    audit = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="perpanjangan_diajukan")
    assert audit.komentar.startswith("TERLAMBAT") == terlambat
    # one request per term
    with time_machine.travel(wib(2031, 2, 1, 9), tick=False):
        with pytest.raises(TransisiTidakTersedia, match="sudah dicatat"):
            jalan(kasus, "ajukan_perpanjangan", pengguna["tkksd"], tanggal_dikirim="2031-02-01")


@pytest.mark.django_db
def test_tanpa_permohonan_ditandai_terlambat_setelah_batas(buat, pengguna):
    kasus = pelaksanaan_sampai_2031(buat)
    inti.tenggat_sweep(now=wib(2030, 12, 30, 23, 59, 59))
    assert Tenggat.objects.get(kerjasama=kasus, aturan="batas_permohonan_perpanjangan").status == "terbuka"
    inti.tenggat_sweep(now=wib(2030, 12, 31, 0, 0, 0))
    t = Tenggat.objects.get(kerjasama=kasus, aturan="batas_permohonan_perpanjangan")
    assert t.status == "lewat" and "terlambat" in t.catatan
    assert muat(kasus).tahap == "pelaksanaan"  # only flagged: the term still runs


@pytest.mark.django_db
def test_persetujuan_perpanjangan_memulai_masa_berlaku_baru(buat, pengguna):
    kasus = pelaksanaan_sampai_2031(buat)
    tkksd = pengguna["tkksd"]
    with time_machine.travel(wib(2030, 12, 1, 9), tick=False) as t:
        with pytest.raises(TransisiTidakTersedia, match="permohonan perpanjangan"):
            jalan(kasus, "catat_perpanjangan", tkksd, tanggal_persetujuan="2030-12-01", tanggal_berakhir="2036-06-30")
        jalan(kasus, "ajukan_perpanjangan", tkksd, tanggal_dikirim="2030-12-01")
        t.move_to(wib(2031, 3, 1, 9))
        adendum = unggah(kasus, tkksd, "adendum")
        with pytest.raises(ValidationError, match="paling lama 5 tahun"):
            jalan(kasus, "catat_perpanjangan", tkksd, tanggal_persetujuan="2031-03-01", tanggal_berakhir="2036-07-01",
                  dokumen_perpanjangan=adendum.pk)
        jalan(kasus, "catat_perpanjangan", tkksd, tanggal_persetujuan="2031-03-01", tanggal_berakhir="2036-06-30",
              dokumen_perpanjangan=adendum.pk)
    kasus = muat(kasus)
    assert (kasus.tanggal_mulai, kasus.tanggal_berakhir) == (D(2031, 7, 1), D(2036, 6, 30))
    terbuka = dict(Tenggat.objects.filter(kerjasama=kasus, status="terbuka",
                                          aturan__in=("masa_berlaku_perjanjian", "batas_permohonan_perpanjangan"))
                   .values_list("aturan", "jatuh_tempo"))
    assert terbuka == {"masa_berlaku_perjanjian": wib(2036, 6, 30, 23, 59, 59),
                       "batas_permohonan_perpanjangan": wib(2035, 12, 30, 23, 59, 59)}
    assert kasus.permohonan_perpanjangan.get().tanggal_berakhir_baru == D(2036, 6, 30)
    # the old term's end does not end the cooperation
    inti.tenggat_sweep(now=wib(2031, 7, 1, 1))
    assert muat(kasus).tahap == "pelaksanaan"


# --- laporan_tahunan_ksdln (Ps 80(2)) ------------------------------------------------------------


@pytest.mark.parametrize(("tahun", "batas"), [
    (2026, D(2027, 1, 7)), (2027, D(2028, 1, 7)), (2031, D(2032, 1, 7)), (2099, D(2100, 1, 7)), (1999, D(2000, 1, 7)),
])
def test_batas_laporan_tahunan_untuk_tahun_mana_pun(tahun, batas):
    assert batas_laporan_tahunan(tahun) == batas


def test_batas_laporan_tahunan_selalu_minggu_pertama_januari_tahun_berikutnya():
    for tahun in range(2000, 2101):
        b = batas_laporan_tahunan(tahun)
        assert (b.year, b.month) == (tahun + 1, 1) and b.day == 7


@pytest.mark.django_db
def test_laporan_tahunan_terlambat_lalu_tepat_waktu(buat, pengguna):
    from ksdln import services

    tkksd = pengguna["tkksd"]
    with time_machine.travel(wib(2026, 8, 17, 10), tick=False):
        kasus = buat(pelaksanaan=True, tanggal_penandatanganan=D(2026, 8, 17), tanggal_mulai=D(2026, 9, 1),
                     tanggal_berakhir=D(2031, 8, 31))
    lap2026 = kasus.laporan_tahunan.get(tahun=2026)
    t2026 = Tenggat.objects.get(kerjasama=kasus, aturan="laporan_tahunan_ksdln")
    assert (lap2026.batas, t2026.jatuh_tempo) == (D(2027, 1, 7), wib(2027, 1, 7, 23, 59, 59))
    # Thu 07-01-2027 23:59:59: still in time (only the on-the-day reminder)
    assert all(baris.startswith("peringatan") for baris in inti.tenggat_sweep(now=wib(2027, 1, 7, 23, 59, 59)))
    assert Tenggat.objects.get(pk=t2026.pk).status == "terbuka"
    # Fri 08-01-2027: not sent → flagged late, and the report on 2027 is opened
    inti.tenggat_sweep(now=wib(2027, 1, 8, 0, 0, 0))
    assert Tenggat.objects.get(pk=t2026.pk).status == "lewat"
    lap2027 = kasus.laporan_tahunan.get(tahun=2027)
    assert lap2027.batas == D(2028, 1, 7)
    with time_machine.travel(wib(2027, 1, 11, 9), tick=False):
        services.laporan_tahunan_isi_otomatis(laporan=lap2026, by=tkksd)
        services.laporan_tahunan_ubah(laporan=lap2026, by=tkksd, penerima_manfaat="Warga kedua kota.",
                                      analisis_tindak_lanjut="Diteruskan.", hambatan_tantangan="Tidak ada.",
                                      perkembangan_hasil="Penjajakan program pertukaran pelajar.", pendanaan="APBD.")
        lap2026 = services.laporan_tahunan_kirim(laporan=lap2026, by=tkksd, tanggal_dikirim=D(2027, 1, 11))
    assert lap2026.terlambat and lap2026.status == "dikirim"
    assert kasus.laporan_tahunan.count() == 2  # no duplicate of 2027
    with time_machine.travel(wib(2028, 1, 5, 9), tick=False):
        services.laporan_tahunan_isi_otomatis(laporan=lap2027, by=tkksd)
        services.laporan_tahunan_ubah(laporan=lap2027, by=tkksd, penerima_manfaat="Warga.", analisis_tindak_lanjut="Lanjut.",
                                      hambatan_tantangan="Tidak ada.", perkembangan_hasil="Kegiatan berjalan.",
                                      pendanaan="APBD.")
        lap2027 = services.laporan_tahunan_kirim(laporan=lap2027, by=tkksd, tanggal_dikirim=D(2028, 1, 5))
    assert not lap2027.terlambat
    t2027 = Tenggat.objects.get(kerjasama=kasus, aturan="laporan_tahunan_ksdln", objek_id=lap2027.pk)
    assert t2027.status == "terpenuhi"
    # recording it sent started next year's
    lap2028 = kasus.laporan_tahunan.get(tahun=2028)
    assert Tenggat.objects.get(kerjasama=kasus, aturan="laporan_tahunan_ksdln", objek_id=lap2028.pk).jatuh_tempo == \
        wib(2029, 1, 7, 23, 59, 59)
