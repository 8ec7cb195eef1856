"""seed_demo's KSDD part: cases in at least five stages, both initiatives, idempotent."""

import pytest

from kerjasama.demo import DemoContext
from kerjasama.demo import seed as seed_inti
from ksdd import demo
from ksdd.models import KasusKsdd

pytestmark = pytest.mark.django_db


def test_demo_ksdd_in_five_stages_both_initiatives_and_idempotent():
    ctx = DemoContext(password="demo-uji")
    seed_inti(ctx)
    demo.seed(ctx)
    kasus = list(KasusKsdd.objects.all())
    assert len({k.tahap for k in kasus}) >= 5
    assert {k.inisiatif for k in kasus} == {"daerah", "mitra"}
    assert {k.perangkat_daerah.kode for k in kasus if k.perangkat_daerah_id} == {"DISHUB", "DISBUDPAR"}
    berjalan = KasusKsdd.objects.get(tahap="pelaksanaan", mitra=ctx.mitra["bogor"])
    assert (ctx.hari_ini - berjalan.tanggal_penandatanganan).days in range(180, 245)  # about seven months
    assert berjalan.tenggat.filter(aturan="masa_berlaku_perjanjian", status="terbuka").exists()
    assert KasusKsdd.objects.filter(tahap="penandatanganan_pks").exists()

    jumlah = KasusKsdd.objects.count()
    ctx2 = DemoContext(password="demo-uji")
    seed_inti(ctx2)
    demo.seed(ctx2)
    assert KasusKsdd.objects.count() == jumlah
    assert not [baris for baris in ctx2.log if baris.startswith("KSDD")]
