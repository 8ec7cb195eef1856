"""seed_demo's KSDPL/KSDLL cases: where the issue asks them to be, idempotent, and the DPRD clock of the
Hamamatsu case deems it approved when the sweep runs a week later (Ps 65(3))."""

import datetime

from django.core.management import call_command

import pytest

from kerjasama import kalender
from kerjasama.demo import DemoContext
from kerjasama.demo import seed as seed_inti
from kerjasama.models import RiwayatAudit
from ksdln import demo
from ksdln.models import KasusKsdln


@pytest.fixture
def kota(db):
    ctx = DemoContext(password="demo-uji")
    seed_inti(ctx)
    demo.seed(ctx)
    return ctx


@pytest.mark.django_db
def test_kasus_demo_dan_idempoten(kota, capsys):
    hari_ini = kota.hari_ini
    ham = KasusKsdln.objects.get(judul=demo.JUDUL_HAMAMATSU)
    assert (ham.jenis, ham.bentuk, ham.tahap, ham.mitra.nama) == ("KSDPL", "kota_kembar", "persetujuan_dprd", "Hamamatsu City")
    assert ham.tanggal_diterima_dprd == hari_ini - datetime.timedelta(days=40)
    assert ham.tenggat.get(aturan="dprd_45_hari").jatuh_tempo == kalender.jatuh_tempo(
        ham.tanggal_diterima_dprd, hari=45)
    jica = KasusKsdln.objects.get(judul=demo.JUDUL_JICA)
    assert (jica.jenis, jica.tahap, jica.mitra.nama) == ("KSDLL", "menunggu_gubernur_verifikasi",
                                                          "Japan International Cooperation Agency (JICA)")
    assert jica.tanggal_dikirim_gubernur == hari_ini - datetime.timedelta(days=2)
    assert KasusKsdln.objects.get(judul=demo.JUDUL_GWANGMYEONG).tahap == "pelaksanaan"
    penerusan = KasusKsdln.objects.get(judul=demo.JUDUL_PENERUSAN)
    assert (penerusan.bentuk, penerusan.tahap, penerusan.keputusan_dprd) == ("penerusan", "verifikasi", "")
    jumlah = (KasusKsdln.objects.count(), RiwayatAudit.objects.count())
    demo.seed(kota)
    assert (KasusKsdln.objects.count(), RiwayatAudit.objects.count()) == jumlah


@pytest.mark.django_db
def test_sapuan_seminggu_kemudian_menganggap_disetujui(kota, capsys):
    ham = KasusKsdln.objects.get(judul=demo.JUDUL_HAMAMATSU)
    nanti = kalender.awal_hari(kota.hari_ini + datetime.timedelta(days=7))
    call_command("process_deadlines", "--now", nanti.isoformat())
    assert "Dianggap disetujui DPRD" in capsys.readouterr().out
    ham.refresh_from_db()
    assert (ham.tahap, ham.keputusan_dprd) == ("verifikasi", "dianggap_disetujui")
    # and the JICA dossier has waited more than 5 days: the direct route is prepared
    jica = KasusKsdln.objects.get(judul=demo.JUDUL_JICA)
    assert jica.dokumen.filter(judul__startswith="Surat langsung kepada Menteri").exists()
