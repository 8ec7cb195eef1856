"""Teams: the Tim Pengawasan of each cooperation with the default make-up of Perwal 75/2021
Ps 8(2), whose members get per-object access; the Tim Pembinaan dan Pengawasan by Keputusan (Ps 84)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama.permissions import dapat_melihat, kerjasama_terlihat
from pengawasan import services
from pengawasan.models import AnggotaTimPengawasan, TimPengawasan
from tests.factories import PenggunaFactory, PerjanjianLamaFactory


@pytest.mark.django_db
def test_susunan_baku_perwal_75_2021_pasal_8_ayat_2(ks, pd_dishub):
    anggota = list(TimPengawasan.objects.get(kerjasama=ks).anggota.values_list("kedudukan", "jabatan",
                                                                               "perangkat_daerah"))
    assert anggota == [
        ("ketua", "Kepala Bagian Kerja Sama", None),
        ("sekretaris", "Kepala Sub Bagian Pengendalian Kerja Sama", None),
        ("anggota_tetap", "Kepala Sub Bagian Pengembangan Kerja Sama", None),
        ("anggota_tetap", "Kepala Sub Bagian Tata Kelola Kerja Sama", None),
        ("anggota_tetap", "Kepala Sub Bagian Bantuan Hukum pada Bagian Hukum Sekretariat Daerah", None),
        ("anggota_tidak_tetap", "Unsur Perangkat Daerah pemrakarsa kerja sama", pd_dishub.pk),
    ]


@pytest.mark.django_db
def test_jabatan_pengguna_mengisi_kedudukan_dan_memberi_akses(jam, pengguna, pd_dishub, mitra_bogor):
    from kerjasama.constants import Peran
    from kerjasama.services import pengguna_simpan

    kasubag = pengguna_simpan(username="kasubag", peran=[Peran.TIM_PENGAWASAN],
                              jabatan="Kepala Sub Bagian Pengendalian Kerja Sama", first_name="Rina", last_name="Putri")
    ks = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    sekretaris = AnggotaTimPengawasan.objects.get(tim__kerjasama=ks, kedudukan="sekretaris")
    assert sekretaris.pengguna == kasubag and sekretaris.nama == "Rina Putri"
    assert dapat_melihat(kasubag, ks)
    assert not dapat_melihat(pengguna["pengawas"], ks)  # a tim_pengawasan user sees only what it supervises


@pytest.mark.django_db
def test_anggota_baru_mendapat_akses_dan_kehilangannya_saat_dihapus(ks, pengguna, pd_lain):
    tim = TimPengawasan.objects.get(kerjasama=ks)
    ahli = PenggunaFactory(username="ahli", peran=["tim_pengawasan"])
    a = services.anggota_tim_tambah(tim=tim, by=pengguna["tkksd"], kedudukan="tenaga_profesional",
                                    jabatan="Ahli transportasi", nama="Dr. Ahli", pengguna=ahli)
    assert ks.pk in kerjasama_terlihat(ahli).values_list("pk", flat=True)
    pd = services.anggota_tim_tambah(tim=tim, by=pengguna["tkksd"], kedudukan="anggota_tidak_tetap",
                                     jabatan="PD terkait", perangkat_daerah=pd_lain)
    assert dapat_melihat(pengguna["pd_disbudpar"], ks)
    services.anggota_tim_hapus(anggota=a, by=pengguna["tkksd"])
    services.anggota_tim_hapus(anggota=pd, by=pengguna["tkksd"])
    assert not dapat_melihat(ahli, ks)
    assert not dapat_melihat(pengguna["pd_disbudpar"], ks)
    assert dapat_melihat(pengguna["pd_dishub"], ks)  # the PD Pemrakarsa keeps its own access


@pytest.mark.django_db
def test_aturan_susunan_tim(ks, pengguna, pd_lain):
    tim = TimPengawasan.objects.get(kerjasama=ks)
    with pytest.raises(ValidationError, match="sudah memiliki Ketua"):
        services.anggota_tim_tambah(tim=tim, by=pengguna["tkksd"], kedudukan="ketua", jabatan="Ketua kedua")
    with pytest.raises(ValidationError, match="unsur Perangkat Daerah"):
        services.anggota_tim_tambah(tim=tim, by=pengguna["tkksd"], kedudukan="anggota_tidak_tetap", jabatan="PD")
    with pytest.raises(ValidationError, match="mitra"):
        services.anggota_tim_tambah(tim=tim, by=pengguna["tkksd"], kedudukan="anggota_tetap", jabatan="X",
                                    pengguna=pengguna["mitra_bogor"])
    with pytest.raises(ValidationError, match="tidak dapat dihapus"):
        services.anggota_tim_hapus(anggota=tim.anggota.get(kedudukan="ketua"), by=pengguna["tkksd"])
    with pytest.raises(PermissionDenied):
        services.anggota_tim_tambah(tim=tim, by=pengguna["ketua"], kedudukan="anggota_tetap", jabatan="X")


@pytest.mark.django_db
def test_mengganti_orang_pada_kedudukan_memindahkan_akses(ks, pengguna, anggota):
    sekretaris = AnggotaTimPengawasan.objects.get(tim__kerjasama=ks, kedudukan="sekretaris")
    pengganti = PenggunaFactory(username="pengganti", peran=["tim_pengawasan"])
    services.anggota_tim_ubah(anggota=sekretaris, by=pengguna["tkksd"], nama="Pengganti", pengguna=pengganti)
    assert dapat_melihat(pengganti, ks)
    assert not dapat_melihat(anggota, ks)


@pytest.mark.django_db
def test_surat_tugas_dan_halaman_tim(ks, pengguna, klien):
    c = klien(pengguna["tkksd"])
    r = c.post(f"/pengawasan/kerjasama/{ks.pk}/tim/", {"aksi": "surat_tugas", "nomor_surat_tugas": "800/12-Setda",
                                                        "tanggal_surat_tugas": "2026-01-19"})
    assert r.status_code == 302
    tim = TimPengawasan.objects.get(kerjasama=ks)
    assert tim.nomor_surat_tugas == "800/12-Setda" and tim.tanggal_surat_tugas == datetime.date(2026, 1, 19)
    r = c.post(f"/pengawasan/kerjasama/{ks.pk}/tim/", {"aksi": "anggota", "kedudukan": "ketua", "jabatan": "Lagi"})
    assert r.status_code == 400 and "sudah memiliki Ketua" in r.content.decode()
    assert klien(pengguna["pd_dishub"]).post(f"/pengawasan/kerjasama/{ks.pk}/tim/",
                                              {"aksi": "anggota", "kedudukan": "anggota_tetap",
                                               "jabatan": "X"}).status_code == 403


@pytest.mark.django_db
def test_tim_pembinaan_dan_pengawasan_dengan_keputusan(pengguna, klien, jam):
    from tests.pengawasan.factories import berkas_pdf

    c = klien(pengguna["tkksd"])
    r = c.post("/pengawasan/tim-pembinaan/", {"nomor_keputusan": "100.3.3.2/Kep.1-Setda/2026",
                                              "tanggal_keputusan": "2026-01-05", "berkas": berkas_pdf("kep.pdf")})
    assert r.status_code == 302
    from pengawasan.models import TimPembinaanPengawasan

    tim = TimPembinaanPengawasan.objects.get()
    assert tim.dokumen.jenis == "keputusan" and tim.dokumen.kerjasama_id is None
    r = c.post(f"/pengawasan/tim-pembinaan/{tim.pk}/", {"kedudukan": "ketua", "jabatan": "Sekretaris Daerah",
                                                        "pengguna": pengguna["ketua"].pk})
    assert r.status_code == 302 and tim.anggota.get().pengguna == pengguna["ketua"]
    versi = tim.dokumen.versi_terakhir
    assert klien(pengguna["pd_dishub"]).get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 200
    assert klien(pengguna["mitra_bogor"]).get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 404
    c = klien(pengguna["tkksd"])  # the fixture's client was logged in as others meanwhile
    r = c.post("/pengawasan/tim-pembinaan/", {"nomor_keputusan": "X", "tanggal_keputusan": "2026-02-01"})
    assert r.status_code == 400 and "masa depan" in r.content.decode()
    assert klien(pengguna["pd_dishub"]).post("/pengawasan/tim-pembinaan/", {}).status_code == 403




@pytest.mark.django_db
def test_membuka_halaman_tim_tidak_membentuk_tim(jam, pengguna, pd_dishub, mitra_bogor, klien):
    """Issue 12 item 4: a GET never writes. Opening the page of a case without a team used to create the
    team, write an audit row and grant the `pengawas` account access (any stage; a cross-site link did it too)."""
    from kerjasama.models import KerjaSamaUserObjectPermission, RiwayatAudit
    from tests.ksdd.factories import KasusKsddFactory

    kasus = KasusKsddFactory(by=pengguna["tkksd"], penyusunan_kb=True, perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    sebelum = (RiwayatAudit.objects.count(), KerjaSamaUserObjectPermission.objects.count())
    c = klien(pengguna["tkksd"])
    r = c.get(f"/pengawasan/kerjasama/{kasus.pk}/tim/")
    assert r.status_code == 200 and "belum dibentuk" in r.content.decode()
    assert not TimPengawasan.objects.filter(kerjasama_id=kasus.pk).exists()
    assert (RiwayatAudit.objects.count(), KerjaSamaUserObjectPermission.objects.count()) == sebelum
    # forming it is an explicit POST, and only for a cooperation being carried out (Ps 85)
    r = c.post(f"/pengawasan/kerjasama/{kasus.pk}/tim/", {"aksi": "bentuk"})
    assert r.status_code == 400 and "tahap pelaksanaan" in r.content.decode()
    assert not TimPengawasan.objects.filter(kerjasama_id=kasus.pk).exists()


@pytest.mark.django_db
def test_tim_dibentuk_dengan_post_oleh_sekretariat(jam, pengguna, pd_dishub, mitra_bogor, klien):
    from tests.ksdd.factories import KasusKsddFactory

    kasus = KasusKsddFactory(by=pengguna["tkksd"], pelaksanaan=True, perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    assert klien(pengguna["ketua"]).post(f"/pengawasan/kerjasama/{kasus.pk}/tim/", {"aksi": "bentuk"}).status_code == 403
    r = klien(pengguna["tkksd"]).post(f"/pengawasan/kerjasama/{kasus.pk}/tim/", {"aksi": "bentuk"})
    assert r.status_code == 302
    assert TimPengawasan.objects.get(kerjasama_id=kasus.pk).anggota.count() == 6
