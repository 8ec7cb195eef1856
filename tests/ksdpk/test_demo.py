"""seed_demo's KSDPK part: both initiatives, an application by mitra_pt waiting for the TKKSD, a selection
with three candidates scored by three members; a second run adds nothing. Ps 38(1): the Daerah initiatives start
from the set mapping list of pemetaan.demo (seeded before, as seed_demo does), one as the Sekretariat's urgent
exception with its reason."""

import pytest

from kerjasama import demo as demo_inti
from kerjasama.models import RiwayatAudit
from ksdpk import demo, selectors
from ksdpk.models import KasusKsdpk
from pemetaan import demo as demo_pemetaan

pytestmark = pytest.mark.django_db


def _jalankan_seed():
    ctx = demo_inti.DemoContext(password="demo-uji")
    for seed in (demo_inti.seed, demo_pemetaan.seed, demo.seed):
        seed(ctx)
    return ctx


def test_demo_ksdpk_dan_idempoten():
    ctx = _jalankan_seed()
    kasus = list(KasusKsdpk.objects.all())
    assert len({k.tahap for k in kasus}) >= 4 and {k.inisiatif for k in kasus} == {"daerah", "mitra"}

    permohonan = KasusKsdpk.objects.get(inisiatif="mitra", mitra=ctx.mitra["pt"])
    assert (permohonan.tahap, permohonan.dibuat_oleh) == ("kajian_tkksd", ctx.users["mitra_pt"])
    assert permohonan.studi_kelayakan_id

    seleksi = KasusKsdpk.objects.get(tahap="pemilihan_mitra")
    assert seleksi.calon.count() == 3 and seleksi.tim_pemilihan().anggota.count() == 3
    assert selectors.lembar_diserahkan(seleksi).count() == 3 and selectors.penilaian_belum_lengkap(seleksi) == []
    assert [b.peringkat for b in selectors.peringkat_calon(seleksi)] == [1, 2, 3]

    berjalan = KasusKsdpk.objects.get(tahap="pelaksanaan")
    assert berjalan.mitra == ctx.mitra["pt"] and berjalan.kewajiban.count() == 4
    assert berjalan.tenggat.filter(aturan="masa_berlaku_perjanjian", status="terbuka").exists()

    # Ps 38(1): every Daerah initiative rests on a set mapping item, or on the Sekretariat's recorded reason.
    for k in KasusKsdpk.objects.filter(inisiatif="daerah"):
        assert hasattr(k, "item_pemetaan") != bool(k.alasan_tanpa_pemetaan), k.judul
    assert berjalan.item_pemetaan.kegiatan == berjalan.judul and berjalan.asal == "pemetaan"
    assert KasusKsdpk.objects.get(judul="Optimalisasi Gedung Kesenian Kota Bekasi").item_pemetaan.perangkat_daerah.kode == \
        "DISBUDPAR"
    assert seleksi.alasan_tanpa_pemetaan.startswith("Arahan Wali Kota") and seleksi.dibuat_oleh == ctx.users["tkksd"]
    audit = RiwayatAudit.objects.get(kerjasama=seleksi, aksi="dimulai_tanpa_pemetaan")
    assert (audit.oleh, audit.dasar_hukum) == (ctx.users["tkksd"], "Pasal 38 ayat (1)")

    sebelum = sorted(KasusKsdpk.objects.values_list("judul", "tahap"))
    ulang = _jalankan_seed()
    assert sorted(KasusKsdpk.objects.values_list("judul", "tahap")) == sebelum
    assert [baris for baris in ulang.log if baris.startswith("KSDPK")] == []
