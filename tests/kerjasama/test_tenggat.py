"""The deadline engine and its sweep (spec README "Deadlines"; CONVENTIONS "Deadlines")."""

import datetime
import threading
import zoneinfo

from django.core.management import call_command
from django.db import connection

import pytest
import time_machine

from kerjasama import services
from kerjasama.models import KerjaSama, Notifikasi, RiwayatAudit, Tenggat
from tests.factories import PerjanjianLamaFactory

JKT = zoneinfo.ZoneInfo("Asia/Jakarta")
D = datetime.date


def masa_berlaku(laporan):
    """The sweep's report lines of this rule (other apps' rules, e.g. supervision, also run)."""
    return [baris for baris in laporan if "masa_berlaku_perjanjian" in baris]


def wib(*args):
    return datetime.datetime(*args, tzinfo=JKT)


@pytest.fixture
def lama(pengguna, pd_dishub, mitra_bogor):
    # Term 1 March 2026 – 28 February 2027; the deadline ends 28-02-2027 23:59:59 WIB.
    return PerjanjianLamaFactory(
        by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
        tanggal_penandatanganan=D(2026, 2, 20), tanggal_mulai=D(2026, 3, 1), tanggal_berakhir=D(2027, 2, 28),
    )


@pytest.mark.django_db
def test_tenggat_disimpan_saat_jam_mulai_berjalan(lama):
    t = lama.tenggat.get(aturan="masa_berlaku_perjanjian")
    assert t.aturan == "masa_berlaku_perjanjian"
    assert t.jatuh_tempo == wib(2027, 2, 28, 23, 59, 59)
    assert t.status == "terbuka"
    assert "Pasal 26" in t.dasar_hukum


@pytest.mark.django_db
def test_sapuan_sebelum_jatuh_tempo_tidak_berbuat_apa_apa(lama):
    laporan = services.tenggat_sweep(now=wib(2027, 2, 28, 23, 59, 58))
    # only the "on the day" reminder; the deadline itself is not yet past
    pk = lama.tenggat.get(aturan="masa_berlaku_perjanjian").pk
    assert masa_berlaku(laporan) == [f"peringatan: masa_berlaku_perjanjian #{pk} jatuh tempo 2027-02-28 23:59 WIB"]
    assert lama.tenggat.get(aturan="masa_berlaku_perjanjian").status == "terbuka"
    lama.refresh_from_db()
    assert lama.tahap == "pelaksanaan"


@pytest.mark.django_db
def test_sapuan_idempoten_satu_tindakan_satu_audit(lama):
    laporan1 = services.tenggat_sweep(now=wib(2027, 3, 1, 0, 0, 1))
    laporan2 = services.tenggat_sweep(now=wib(2027, 3, 1, 0, 5))
    assert len(masa_berlaku(laporan1)) == 1 and masa_berlaku(laporan2) == []
    ks = KerjaSama.objects.get(pk=lama.pk)
    assert ks.tahap == "selesai"
    assert ks.tanggal_selesai == D(2027, 2, 28)
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="berakhir_masa_berlaku").count() == 1
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="tenggat_diselesaikan_sistem").count() == 1
    audit = RiwayatAudit.objects.get(kerjasama=ks, aksi="berakhir_masa_berlaku")
    assert audit.oleh is None and audit.dari_tahap == "pelaksanaan" and audit.ke_tahap == "selesai"
    assert Tenggat.objects.get(kerjasama=lama, aturan="masa_berlaku_perjanjian").status == "diselesaikan_sistem"


@pytest.mark.django_db
def test_sapuan_tanpa_batas_bawah_mengejar_ketertinggalan(lama):
    """A sweep missed for a year (downtime) still acts on the old deadline."""
    services.tenggat_sweep(now=wib(2028, 3, 1))
    assert KerjaSama.objects.get(pk=lama.pk).tahap == "selesai"


@pytest.mark.django_db
def test_perpanjangan_sebelum_jatuh_tempo_membatalkan_pengakhiran(lama):
    KerjaSama.objects.filter(pk=lama.pk).update(tanggal_berakhir=D(2028, 2, 28))
    services.tenggat_sweep(now=wib(2027, 3, 1, 1))
    assert KerjaSama.objects.get(pk=lama.pk).tahap == "pelaksanaan"
    assert "diperpanjang" in Tenggat.objects.get(kerjasama=lama, aturan="masa_berlaku_perjanjian").catatan


@pytest.mark.django_db
def test_peringatan_180_90_30_dan_hari_h_masing_masing_sekali(pengguna, pd_dishub, mitra_bogor,
                                                              django_capture_on_commit_callbacks):
    with time_machine.travel(wib(2026, 2, 20, 10)):
        lama = PerjanjianLamaFactory(
            by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
            tanggal_penandatanganan=D(2026, 2, 20), tanggal_mulai=D(2026, 3, 1), tanggal_berakhir=D(2027, 2, 28),
        )
    t = lama.tenggat.get(aturan="masa_berlaku_perjanjian")
    # masa_berlaku_perjanjian warns 180, 90, 30 days before and on the day (00:00 WIB of each day).
    assert t.peringatan_berikut == wib(2026, 9, 1, 0, 0)  # 28-02-2027 − 180 days
    penerima = {u.pk for u in services.pengguna_untuk_pelaku(lama, ("sekretariat_tkksd", "pd"))}
    assert penerima == {pengguna["tkksd"].pk, pengguna["pd_dishub"].pk}
    with django_capture_on_commit_callbacks(execute=True):
        services.tenggat_sweep(now=wib(2026, 9, 1, 0, 1))
        services.tenggat_sweep(now=wib(2026, 9, 1, 0, 2))
    assert Notifikasi.objects.filter(judul="Tenggat 180 hari lagi: Berakhirnya masa berlaku perjanjian").count() == 2
    t.refresh_from_db()
    assert t.peringatan_berikut == wib(2026, 11, 30, 0, 0)  # − 90 days
    # The sweep was down from December to the due day: one catch-up reminder, not two.
    with django_capture_on_commit_callbacks(execute=True):
        services.tenggat_sweep(now=wib(2027, 2, 28, 8))
    assert Notifikasi.objects.filter(judul="Tenggat hari ini: Berakhirnya masa berlaku perjanjian").count() == 2
    t.refresh_from_db()
    assert t.peringatan_berikut is None
    # No duplicates (issue 14): each later reminder refreshes the recipient's one open action notification about
    # this deadline (new wording, unread again) instead of adding a second one.
    assert Notifikasi.objects.filter(judul__endswith="Berakhirnya masa berlaku perjanjian").count() == 2
    assert not Notifikasi.objects.filter(kunci=f"tenggat:{t.pk}", dibaca_pada__isnull=False).exists()


@pytest.mark.django_db
def test_perintah_process_deadlines_dengan_now(lama, capsys):
    call_command("process_deadlines", "--now", "2027-03-01T00:00:00+07:00")
    out = capsys.readouterr().out
    assert "diselesaikan_sistem: masa_berlaku_perjanjian" in out
    call_command("process_deadlines", "--now", "2027-03-01T00:00:00+07:00")
    assert "masa_berlaku_perjanjian" not in capsys.readouterr().out


@pytest.mark.django_db
def test_perintah_menolak_now_yang_salah():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("process_deadlines", "--now", "kemarin")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_sapuan_bersamaan_di_postgres_bertindak_sekali(pengguna, pd_dishub, mitra_bogor):
    assert connection.vendor == "postgresql"
    kasus = [
        PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul=f"Lama {i}",
                              tanggal_penandatanganan=D(2026, 1, 1), tanggal_mulai=D(2026, 1, 1),
                              tanggal_berakhir=D(2026, 6, 30))
        for i in range(20)
    ]
    mulai = threading.Barrier(2)
    hasil, galat = [], []

    def sapu():
        try:
            mulai.wait()
            hasil.append(services.tenggat_sweep(now=wib(2026, 7, 1, 1)))
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
    assert sum(len(masa_berlaku(h)) for h in hasil) == 20
    for ks in kasus:
        assert KerjaSama.objects.get(pk=ks.pk).tahap == "selesai"
        assert RiwayatAudit.objects.filter(kerjasama_id=ks.pk, aksi="berakhir_masa_berlaku").count() == 1
        assert RiwayatAudit.objects.filter(kerjasama_id=ks.pk, aksi="tenggat_diselesaikan_sistem").count() == 1


@pytest.mark.django_db
def test_satu_tenggat_gagal_tidak_menghentikan_sapuan(pengguna, pd_dishub, mitra_bogor, monkeypatch):
    """A deadline whose action fails stays open (retried next run); the others are still acted on."""
    from kerjasama import deadlines

    kasus = [
        PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul=f"L{i}",
                              tanggal_penandatanganan=D(2026, 1, 1), tanggal_mulai=D(2026, 1, 1),
                              tanggal_berakhir=D(2026, 6, 30))
        for i in range(2)
    ]
    asli = deadlines._akhiri_masa_berlaku

    def kadang_gagal(tenggat, now):
        if tenggat.kerjasama_id == kasus[0].pk:
            raise RuntimeError("data rusak")
        return asli(tenggat, now)

    aturan = deadlines.aturan_tenggat("masa_berlaku_perjanjian")
    monkeypatch.setitem(deadlines._ATURAN, "masa_berlaku_perjanjian",
                        deadlines.dataclasses.replace(aturan, saat_jatuh_tempo_fn=kadang_gagal))
    laporan = services.tenggat_sweep(now=wib(2026, 7, 1, 1))
    assert any(baris.startswith("galat:") and "data rusak" in baris for baris in laporan)
    assert KerjaSama.objects.get(pk=kasus[0].pk).tahap == "pelaksanaan"
    assert Tenggat.objects.get(kerjasama=kasus[0], aturan="masa_berlaku_perjanjian").status == "terbuka"
    assert KerjaSama.objects.get(pk=kasus[1].pk).tahap == "selesai"
