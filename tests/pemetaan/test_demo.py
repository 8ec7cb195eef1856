"""seed_demo's mapping part: last year's cycle set, this year's collecting data; idempotent."""

import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from kerjasama.constants import StatusTenggat
from kerjasama.models import Tenggat
from pemetaan.constants import ATURAN_EVALUASI, TahapRekomendasi, TahapSiklus
from pemetaan.models import ItemRencana, Rekomendasi, SiklusPemetaan, TimPemetaan


@pytest.mark.django_db
def test_seed_demo_pemetaan_dua_kali():
    call_command("seed_demo", password="demo-uji-123", izinkan_produksi=True, stdout=io.StringIO())
    tahun = timezone.localdate().year
    lalu = SiklusPemetaan.objects.get(tahun=tahun - 1)
    assert lalu.tahap == TahapSiklus.DITETAPKAN and lalu.nomor_keputusan
    daftar = list(lalu.daftar_rencana.order_by("peringkat"))
    assert len(daftar) >= 4 and [i.peringkat for i in daftar] == list(range(1, len(daftar) + 1))
    assert {i.jenis_usulan for i in daftar} == {"KSDD", "KSDPK", "KSDPL", "KSDLL"}
    # The KSDD app registers its creator: the first KSDD item became a case.
    assert lalu.daftar_rencana.filter(kerjasama__isnull=False, jenis_usulan="KSDD").count() == 1
    assert Tenggat.objects.filter(aturan=ATURAN_EVALUASI, objek_id=lalu.pk, status=StatusTenggat.TERBUKA).exists()
    ini = SiklusPemetaan.objects.get(tahun=tahun)
    assert ini.tahap == TahapSiklus.PENGUMPULAN_DATA
    assert {t.perangkat_daerah.kode for t in TimPemetaan.objects.filter(aktif=True)} == {"DISHUB", "DISBUDPAR"}
    assert all(t.sah for t in TimPemetaan.objects.all())
    assert list(ini.rekomendasi.values_list("perangkat_daerah__kode", "tahap")) == [("DISHUB", TahapRekomendasi.DIAJUKAN)]

    jumlah = (SiklusPemetaan.objects.count(), Rekomendasi.objects.count(), ItemRencana.objects.count(),
              TimPemetaan.objects.count(), ItemRencana.objects.filter(kerjasama__isnull=False).count())
    call_command("seed_demo", password="demo-uji-123", izinkan_produksi=True, stdout=io.StringIO())
    assert (SiklusPemetaan.objects.count(), Rekomendasi.objects.count(), ItemRencana.objects.count(),
            TimPemetaan.objects.count(), ItemRencana.objects.filter(kerjasama__isnull=False).count()) == jumlah
