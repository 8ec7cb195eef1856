"""From a set list to a cooperation case (Perwal 57/2023 Ps 18–19, Ps 58(3); cross-app contract
`pemetaan.services.item_mulai_kasus`, `pemetaan.selectors.item_rencana_tersedia`)."""

from django.core.exceptions import PermissionDenied

import pytest

from kerjasama import alur
from kerjasama.constants import Asal
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import KerjaSama, RiwayatAudit
from pemetaan import selectors, services
from pemetaan.models import ItemRencana
from tests.pemetaan.factories import ItemRencanaFactory, ItemUsulanFactory, RekomendasiFactory, SiklusFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item_ditetapkan(pd_dishub, mitra_bogor):
    siklus = SiklusFactory(ditetapkan=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    usulan = ItemUsulanFactory(rekomendasi=rek, jenis_usulan="KSDPK", kegiatan="Park and ride Stasiun Bekasi",
                               program="Program LLAJ", urusan="Perhubungan", calon_mitra="pemerintah kota bogor",
                               jangka_waktu_bulan=48, ruang_lingkup="Kantong parkir stasiun.")
    return ItemRencanaFactory(item_usulan=usulan, peringkat=1)


def test_item_menjadi_kasus_membawa_datanya(pengguna, item_ditetapkan, pembuat_uji, mitra_bogor):
    dipanggil = pembuat_uji("KSDPK")
    kasus = services.item_mulai_kasus(item=item_ditetapkan, by=pengguna["pd_dishub"])
    panggilan = dipanggil[0]
    assert panggilan["judul"] == "Park and ride Stasiun Bekasi (Program LLAJ)"
    assert panggilan["perangkat_daerah"].kode == "DISHUB"
    assert panggilan["mitra"] == mitra_bogor  # the candidate partner's name matches a registered Mitra
    assert panggilan["item_pemetaan"].pk == item_ditetapkan.pk
    assert (panggilan["urusan"], panggilan["kegiatan"], panggilan["jangka_waktu_bulan"]) == (
        "Perhubungan", "Park and ride Stasiun Bekasi", 48)
    assert "Kantong parkir stasiun." in panggilan["uraian"] and "peringkat 1" in panggilan["uraian"]
    item_ditetapkan.refresh_from_db()
    assert item_ditetapkan.kerjasama_id == kasus.pk
    ks = KerjaSama.objects.get(pk=kasus.pk)
    assert ks.item_pemetaan == item_ditetapkan and ks.asal == Asal.PEMETAAN
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="dari_pemetaan").exists()
    assert RiwayatAudit.objects.filter(aksi="item_dimulai_kasus", objek_id=item_ditetapkan.siklus_id).exists()
    assert not selectors.item_rencana_tersedia(jenis="KSDPK").exists()


def test_cannot_mulai_dua_kali(pengguna, item_ditetapkan, pembuat_uji):
    dipanggil = pembuat_uji("KSDPK")
    services.item_mulai_kasus(item=item_ditetapkan, by=pengguna["tkksd"])
    with pytest.raises(KonflikTransisi, match="sudah dimulai"):
        services.item_mulai_kasus(item=ItemRencana.objects.get(pk=item_ditetapkan.pk), by=pengguna["tkksd"])
    assert len(dipanggil) == 1


def test_cannot_mulai_dari_daftar_belum_ditetapkan(pengguna, pd_dishub, pembuat_uji):
    dipanggil = pembuat_uji("KSDPK")
    siklus = SiklusFactory(diajukan_ke_wali_kota=True)
    item = ItemRencanaFactory(item_usulan=ItemUsulanFactory(
        rekomendasi=RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True), jenis_usulan="KSDPK"))
    with pytest.raises(TransisiTidakTersedia, match="belum ditetapkan"):
        services.item_mulai_kasus(item=item, by=pengguna["tkksd"])
    assert dipanggil == [] and not selectors.item_rencana_tersedia().exists()


def test_cannot_mulai_oleh_pd_lain_atau_auditor(pengguna, item_ditetapkan, pembuat_uji):
    pembuat_uji("KSDPK")
    for nama in ("pd_disbudpar", "auditor", "ketua"):
        with pytest.raises(PermissionDenied):
            services.item_mulai_kasus(item=item_ditetapkan, by=pengguna[nama])


def test_cannot_mulai_bila_jenis_belum_punya_pembuat(pengguna, item_ditetapkan, monkeypatch):
    monkeypatch.setattr(alur, "_PEMBUAT_KASUS", {})
    with pytest.raises(TransisiTidakTersedia, match="KSDPK"):
        services.item_mulai_kasus(item=item_ditetapkan, by=pengguna["tkksd"])
    item_ditetapkan.refresh_from_db()
    assert item_ditetapkan.kerjasama_id is None


def test_item_rencana_tersedia_menurut_jenis(item_ditetapkan, pd_dishub):
    ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=item_ditetapkan.item_usulan.rekomendasi, jenis_usulan="KSDD"),
                       siklus=item_ditetapkan.siklus, peringkat=2)
    assert [i.jenis_usulan for i in selectors.item_rencana_tersedia()] == ["KSDPK", "KSDD"]
    assert [i.jenis_usulan for i in selectors.item_rencana_tersedia(jenis="KSDD")] == ["KSDD"]


def test_item_menjadi_kasus_ksdd_membawa_datanya(pengguna, pd_dishub, mitra_bogor):
    """Integration with the KSDD app's registered creator (ksdd.services)."""
    from ksdd.models import KasusKsdd

    siklus = SiklusFactory(ditetapkan=True)
    usulan = ItemUsulanFactory(rekomendasi=RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True),
                               jenis_usulan="KSDD", urusan="Perhubungan", program="Program LLAJ",
                               kegiatan="Integrasi trayek Bekasi–Bogor", calon_mitra="", mitra=mitra_bogor,
                               ruang_lingkup="Trayek angkutan umum lintas batas.")
    item = ItemRencanaFactory(item_usulan=usulan, peringkat=1)
    kasus = services.item_mulai_kasus(item=item, by=pengguna["pd_dishub"])
    kasus = KasusKsdd.objects.get(pk=kasus.pk)
    assert kasus.jenis == "KSDD" and kasus.tahap == "persiapan"
    assert kasus.perangkat_daerah == pd_dishub and kasus.mitra == mitra_bogor
    assert kasus.asal == Asal.PEMETAAN
    assert kasus.judul == "Integrasi trayek Bekasi–Bogor (Program LLAJ)"
    assert (kasus.urusan, kasus.program, kasus.kegiatan) == ("Perhubungan", "Program LLAJ", "Integrasi trayek Bekasi–Bogor")
    assert "Trayek angkutan umum lintas batas." in kasus.uraian
    assert kasus.item_pemetaan == item
