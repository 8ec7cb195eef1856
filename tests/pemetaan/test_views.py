"""The mapping's web pages: who sees what (404/403), forms (400), conflicts (409), exports."""

import datetime
import io

from django.utils import timezone

import pytest

from kerjasama.models import KerjaSama, VersiDokumen
from pemetaan.constants import TahapRekomendasi, TahapSiklus
from pemetaan.models import ItemRencana, Rekomendasi, SiklusPemetaan, TimPemetaan
from tests.pemetaan.factories import (
    ISI_REKOMENDASI,
    ItemRencanaFactory,
    ItemUsulanFactory,
    KehadiranFactory,
    RekomendasiFactory,
    SiklusFactory,
    TimPemetaanFactory,
    pdf_kecil,
)

pytestmark = pytest.mark.django_db


def _isi_item(prefix="item", n=1, **ubah):
    data = {f"{prefix}-TOTAL_FORMS": str(n), f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "50"}
    for i in range(n):
        data.update({f"{prefix}-{i}-urusan": "Perhubungan", f"{prefix}-{i}-program": "Program LLAJ",
                     f"{prefix}-{i}-kegiatan": f"Kegiatan {i}", f"{prefix}-{i}-jenis_usulan": "KSDD",
                     f"{prefix}-{i}-calon_mitra": "Kota Bogor", f"{prefix}-{i}-jangka_waktu_bulan": "24",
                     f"{prefix}-{i}-ruang_lingkup": "Lingkup"})
    data.update(ubah)
    return data


def test_halaman_pemetaan_tertutup_bagi_mitra_dan_dprd(klien, pengguna):
    siklus = SiklusFactory()
    for nama in ("mitra_bogor", "dprd"):
        c = klien(pengguna[nama])
        assert c.get("/pemetaan/").status_code == 404
        assert c.get(f"/pemetaan/siklus/{siklus.pk}/").status_code == 404


def test_indeks_dan_detail_siklus_menampilkan_tahap_dan_pasal(klien, pengguna, pd_dishub, pd_lain):
    siklus = SiklusFactory()
    RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, diajukan=True)
    RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_lain)
    c = klien(pengguna["tkksd"])
    assert str(siklus.tahun) in c.get("/pemetaan/").content.decode()
    html = c.get(f"/pemetaan/siklus/{siklus.pk}/").content.decode()
    assert "Pengumpulan data" in html and "Perwal 57/2023 Pasal 11–14" in html
    assert 'data-pd="DISHUB"' in html and 'data-pd="DISBUDPAR"' in html


def test_pd_hanya_melihat_rekomendasinya_sendiri(klien, pengguna, pd_dishub, pd_lain):
    siklus = SiklusFactory()
    milik = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub)
    lain = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_lain)
    c = klien(pengguna["pd_dishub"])
    html = c.get(f"/pemetaan/siklus/{siklus.pk}/").content.decode()
    assert 'data-pd="DISHUB"' in html and 'data-pd="DISBUDPAR"' not in html
    assert c.get(f"/pemetaan/rekomendasi/{milik.pk}/").status_code == 200
    assert c.get(f"/pemetaan/rekomendasi/{lain.pk}/").status_code == 404
    assert c.get(f"/pemetaan/rekomendasi/{lain.pk}/transisi/ajukan/").status_code == 404


def test_pd_menyusun_dan_mengajukan_rekomendasi_lewat_formulir(klien, pengguna, pd_dishub):
    siklus = SiklusFactory()
    TimPemetaanFactory(perangkat_daerah=pd_dishub)
    c = klien(pengguna["pd_dishub"])
    assert c.get(f"/pemetaan/siklus/{siklus.pk}/rekomendasi/").status_code == 200
    resp = c.post(f"/pemetaan/siklus/{siklus.pk}/rekomendasi/", {**ISI_REKOMENDASI, **_isi_item(n=2), "ajukan": "1"})
    rek = Rekomendasi.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/pemetaan/rekomendasi/{rek.pk}/"
    assert rek.tahap == TahapRekomendasi.DIAJUKAN and rek.item.count() == 2
    # Once submitted, the form answers 409.
    assert c.get(f"/pemetaan/siklus/{siklus.pk}/rekomendasi/").status_code == 409


def test_formulir_rekomendasi_salah_400_dan_draf_tanpa_tim_tidak_diajukan(klien, pengguna, pd_dishub):
    siklus = SiklusFactory()
    c = klien(pengguna["pd_dishub"])
    resp = c.post(f"/pemetaan/siklus/{siklus.pk}/rekomendasi/", {**ISI_REKOMENDASI, **_isi_item(**{"item-0-jangka_waktu_bulan": "99"})})
    assert resp.status_code == 400 and not Rekomendasi.objects.exists()
    resp = c.post(f"/pemetaan/siklus/{siklus.pk}/rekomendasi/", {**ISI_REKOMENDASI, **_isi_item(), "ajukan": "1"}, follow=True)
    assert "Tim Pemetaan" in resp.content.decode()
    assert Rekomendasi.objects.get().tahap == TahapRekomendasi.DRAFT


def test_tkksd_mengembalikan_dengan_kekurangan(klien, pengguna, pd_dishub):
    rek = RekomendasiFactory(perangkat_daerah=pd_dishub, diajukan=True)
    c = klien(pengguna["tkksd"])
    html = c.get(f"/pemetaan/rekomendasi/{rek.pk}/").content.decode()
    assert 'data-transisi="kembalikan"' in html and 'data-transisi="terima"' in html
    resp = c.post(f"/pemetaan/rekomendasi/{rek.pk}/transisi/kembalikan/", {"_tahap": "diajukan", "komentar": ""})
    assert resp.status_code == 400
    resp = c.post(f"/pemetaan/rekomendasi/{rek.pk}/transisi/kembalikan/",
                  {"_tahap": "diajukan", "komentar": "Lampirkan data kinerja."})
    assert resp.status_code == 302
    rek.refresh_from_db()
    assert rek.tahap == TahapRekomendasi.DIKEMBALIKAN
    html = klien(pengguna["pd_dishub"]).get(f"/pemetaan/rekomendasi/{rek.pk}/").content.decode()
    assert "Lampirkan data kinerja." in html


def test_pd_tidak_boleh_menerima_403_dan_tahap_basi_409(klien, pengguna, pd_dishub):
    rek = RekomendasiFactory(perangkat_daerah=pd_dishub, diajukan=True)
    assert klien(pengguna["pd_dishub"]).post(f"/pemetaan/rekomendasi/{rek.pk}/transisi/terima/").status_code == 403
    c = klien(pengguna["tkksd"])
    assert c.post(f"/pemetaan/rekomendasi/{rek.pk}/transisi/terima/", {"_tahap": "draft"}).status_code == 409
    assert c.get(f"/pemetaan/rekomendasi/{rek.pk}/transisi/ajukan_ulang/").status_code == 409


def test_tim_pemetaan_lewat_formulir(klien, pengguna, pd_dishub):
    c = klien(pengguna["pd_dishub"])
    data = {"nomor_keputusan": "800/1/Kep/2026", "tanggal_keputusan": "2026-01-05", "berkas": pdf_kecil(),
            "anggota-TOTAL_FORMS": "6", "anggota-INITIAL_FORMS": "0", "anggota-MIN_NUM_FORMS": "4",
            "anggota-MAX_NUM_FORMS": "30"}
    peran = ["ketua", "wakil_ketua", "anggota"]
    for i, p in enumerate(peran):
        data.update({f"anggota-{i}-peran": p, f"anggota-{i}-nama": f"Orang {i}", f"anggota-{i}-jabatan": "Jabatan"})
    resp = c.post("/pemetaan/tim/", data)
    assert resp.status_code == 400 and "paling sedikit 2" in resp.content.decode()
    assert not TimPemetaan.objects.exists()
    data.update({"anggota-3-peran": "anggota", "anggota-3-nama": "Orang 3", "anggota-3-jabatan": "Jabatan",
                 "berkas": pdf_kecil()})
    assert c.post("/pemetaan/tim/", data).status_code == 302
    assert TimPemetaan.objects.get().sah
    assert 'data-testid="tim-sah"' in c.get("/pemetaan/tim/").content.decode()
    assert klien(pengguna["mitra_bogor"]).get("/pemetaan/tim/").status_code == 404


def test_pleno_pilih_peringkat_dan_daftar_hadir_lewat_halaman(klien, pengguna, pd_dishub):
    siklus = SiklusFactory(pleno=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    a, b = ItemUsulanFactory(rekomendasi=rek, kegiatan="A"), ItemUsulanFactory(rekomendasi=rek, kegiatan="B")
    c = klien(pengguna["tkksd"])
    html = c.get(f"/pemetaan/siklus/{siklus.pk}/").content.decode()
    assert f'name="pilih_{a.pk}"' in html
    resp = c.post(f"/pemetaan/siklus/{siklus.pk}/daftar/", {f"pilih_{a.pk}": "1", f"peringkat_{a.pk}": "2",
                                                           f"pilih_{b.pk}": "1", f"peringkat_{b.pk}": "1"})
    assert resp.status_code == 302
    assert list(siklus.daftar_rencana.values_list("kegiatan", flat=True)) == ["B", "A"]
    resp = c.post(f"/pemetaan/siklus/{siklus.pk}/kehadiran/", {
        "hadir-TOTAL_FORMS": "2", "hadir-INITIAL_FORMS": "0", "hadir-MIN_NUM_FORMS": "0", "hadir-MAX_NUM_FORMS": "200",
        "hadir-0-nama": "Sekda", "hadir-0-jabatan": "Ketua TKKSD", "hadir-0-unsur": "TKKSD"})
    assert resp.status_code == 302 and siklus.kehadiran.get().nama == "Sekda"
    assert klien(pengguna["pd_dishub"]).post(f"/pemetaan/siklus/{siklus.pk}/daftar/", {}).status_code == 403


def test_daftar_beku_setelah_ditetapkan_409(klien, pengguna, pd_dishub):
    siklus = SiklusFactory(ditetapkan=True)
    ItemRencanaFactory(item_usulan=ItemUsulanFactory(
        rekomendasi=RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)))
    resp = klien(pengguna["tkksd"]).post(f"/pemetaan/siklus/{siklus.pk}/daftar/", {})
    assert resp.status_code == 409 and "dibekukan" in resp.content.decode()
    assert ItemRencana.objects.filter(siklus=siklus).count() == 1


def test_excel_daftar_berperingkat(klien, pengguna, pd_dishub):
    from openpyxl import load_workbook

    siklus = SiklusFactory(ditetapkan=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek, kegiatan="Kedua"), peringkat=2)
    ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek, kegiatan="Pertama"), peringkat=1)
    resp = klien(pengguna["auditor"]).get(f"/pemetaan/siklus/{siklus.pk}/daftar.xlsx")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content)).active
    baris = [(r[0], r[4]) for r in ws.iter_rows(min_row=5, values_only=True)]
    assert baris == [(1, "Pertama"), (2, "Kedua")]
    assert siklus.nomor_keputusan in ws["A2"].value
    assert klien(pengguna["mitra_pt"]).get(f"/pemetaan/siklus/{siklus.pk}/daftar.xlsx").status_code == 404


def test_tombol_mulai_kerja_sama_dan_asal_pemetaan_di_halaman_kasus(klien, pengguna, pd_dishub, mitra_bogor, pembuat_uji):
    pembuat_uji("KSDPK")
    siklus = SiklusFactory(ditetapkan=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    item = ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek, jenis_usulan="KSDPK", kegiatan="Parkir"))
    # (`klien` logs one test client in: the last call decides who is logged in.)
    assert f'data-mulai="{item.pk}"' not in klien(pengguna["pd_disbudpar"]).get(f"/pemetaan/siklus/{siklus.pk}/").content.decode()
    c = klien(pengguna["pd_dishub"])
    assert f'data-mulai="{item.pk}"' in c.get(f"/pemetaan/siklus/{siklus.pk}/").content.decode()
    resp = c.post(f"/pemetaan/item/{item.pk}/mulai/")
    ks = KerjaSama.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/kerjasama/{ks.pk}/"
    html = c.get(f"/kerjasama/{ks.pk}/").content.decode()
    assert 'data-testid="asal-pemetaan"' in html and f"Kegiatan {siklus.tahun}" in html
    assert c.post(f"/pemetaan/item/{item.pk}/mulai/").status_code == 409


def test_dokumen_rekomendasi_hanya_untuk_pd_pemilik(klien, pengguna, pd_dishub):
    rek = RekomendasiFactory(perangkat_daerah=pd_dishub)
    c = klien(pengguna["pd_dishub"])
    resp = c.post(f"/pemetaan/rekomendasi/{rek.pk}/dokumen/unggah/",
                  {"jenis": "lainnya", "judul": "Data kinerja", "berkas": pdf_kecil("data.pdf")})
    assert resp.status_code == 302
    versi = VersiDokumen.objects.get()
    assert versi.dokumen.pemilik == rek
    assert c.get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 200
    assert klien(pengguna["auditor"]).get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 200
    assert klien(pengguna["pd_disbudpar"]).get(f"/kerjasama/dokumen/versi/{versi.pk}/unduh/").status_code == 404
    assert klien(pengguna["pd_disbudpar"]).post(f"/pemetaan/rekomendasi/{rek.pk}/dokumen/unggah/",
                                                {"jenis": "lainnya", "berkas": pdf_kecil()}).status_code == 404


def test_buka_siklus_lewat_halaman(klien, pengguna):
    c = klien(pengguna["tkksd"])
    batas = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert c.post("/pemetaan/siklus/baru/", {"tahun": "2032", "batas_pengumpulan": "2000-01-01"}).status_code == 400
    resp = c.post("/pemetaan/siklus/baru/", {"tahun": "2032", "batas_pengumpulan": batas})
    siklus = SiklusPemetaan.objects.get()
    assert resp.status_code == 302 and siklus.tahun == 2032
    assert klien(pengguna["pd_dishub"]).get("/pemetaan/siklus/baru/").status_code == 403


def test_transisi_siklus_lewat_halaman(klien, pengguna):
    siklus = SiklusFactory(diajukan_ke_wali_kota=True)
    c = klien(pengguna["walikota"])
    html = c.get(f"/pemetaan/siklus/{siklus.pk}/transisi/tetapkan/").content.decode()
    assert "Pasal 18" in html
    resp = c.post(f"/pemetaan/siklus/{siklus.pk}/transisi/tetapkan/",
                  {"_tahap": "diajukan_ke_wali_kota", "nomor_keputusan": "K/1", "tanggal_keputusan": "2999-01-01"})
    assert resp.status_code == 400
    resp = c.post(f"/pemetaan/siklus/{siklus.pk}/transisi/tetapkan/",
                  {"_tahap": "diajukan_ke_wali_kota", "nomor_keputusan": "K/1",
                   "tanggal_keputusan": timezone.localdate().isoformat()})
    assert resp.status_code == 302, resp.content.decode()[-3000:]
    siklus.refresh_from_db()
    assert siklus.tahap == TahapSiklus.DITETAPKAN
    assert klien(pengguna["ketua"]).get(f"/pemetaan/siklus/{siklus.pk}/transisi/evaluasi/").status_code == 403


def test_realisasi_per_tahun_dan_per_pd(klien, pengguna, pd_dishub, pembuat_uji):
    pembuat_uji("KSDPK")
    siklus = SiklusFactory(ditetapkan=True)
    rek = RekomendasiFactory(siklus=siklus, perangkat_daerah=pd_dishub, dibahas=True)
    item = ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek, jenis_usulan="KSDPK"), peringkat=1)
    ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek), peringkat=2)
    from pemetaan.services import item_mulai_kasus

    item_mulai_kasus(item=item, by=pengguna["tkksd"])
    html = klien(pengguna["ketua"]).get("/pemetaan/realisasi/").content.decode()
    assert f"<td><a href=\"?tahun={siklus.tahun}\">{siklus.tahun}</a></td><td>2</td><td>1</td><td>50%</td>" in html
    assert "<td>Dishub</td><td>2</td><td>1</td><td>50%</td>" in html
    assert 'style="width: 50%"' in html


def test_kehadiran_factory_dipakai_di_berita_acara(klien, pengguna, pd_dishub):
    siklus = SiklusFactory(pleno=True)
    KehadiranFactory(siklus=siklus, nama="Kepala Bappelitbangda")
    assert "Kepala Bappelitbangda" in klien(pengguna["tkksd"]).get(f"/pemetaan/siklus/{siklus.pk}/").content.decode()


def test_tkksd_melihat_status_tim_setiap_pd(klien, pengguna, pd_dishub, pd_lain):
    TimPemetaanFactory(perangkat_daerah=pd_dishub)
    c = klien(pengguna["tkksd"])
    html = c.get("/pemetaan/tim/").content.decode()
    assert 'data-pd="DISHUB"' in html and 'data-pd="DISBUDPAR"' in html and "belum ada" in html
    assert "Dinas Perhubungan" in c.get(f"/pemetaan/tim/?pd={pd_dishub.pk}").content.decode()
    assert c.get("/pemetaan/tim/?pd=x").status_code == 404
