"""Partner reports (Perwal 57/2023 Ps 87(1)): every 6 months from signing, uploaded by the mitra
for its own cooperation (another's is invisible: 404), reaching the Wali Kota, the Bagian Kerja
Sama and the PD; overdue reports are flagged by the sweep exactly once."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama import services as inti
from kerjasama.models import Dokumen, Notifikasi, RiwayatAudit, Tenggat
from pengawasan import selectors, services
from pengawasan.models import LaporanMitra
from tests.factories import PerjanjianLamaFactory
from tests.pengawasan.conftest import wib
from tests.pengawasan.factories import PDF, berkas_pdf

D = datetime.date


def _laporan(ks):
    return Tenggat.objects.filter(kerjasama=ks, aturan="laporan_mitra").order_by("jatuh_tempo")


@pytest.mark.django_db
def test_mitra_mengunggah_laporan_kerja_samanya_sendiri(ks, pengguna, klien, jam, django_capture_on_commit_callbacks):
    jam(2026, 7, 10)
    c = klien(pengguna["mitra_bogor"])
    halaman = c.get("/pengawasan/laporan-saya/")
    assert halaman.status_code == 200 and ks.judul in halaman.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(f"/pengawasan/kerjasama/{ks.pk}/laporan-mitra/", {
            "sifat": "berkala", "kemajuan": "Armada pengumpan beroperasi 80%.", "permasalahan": "Lahan parkir.",
            "berkas": berkas_pdf("laporan-semester-1.pdf"),
        })
    assert r.status_code == 302 and r["Location"] == "/pengawasan/laporan-saya/"
    lap = LaporanMitra.objects.get(kerjasama=ks)
    assert (lap.periode_mulai, lap.periode_selesai) == (D(2026, 1, 15), D(2026, 7, 15))
    assert not lap.terlambat and not lap.atas_nama_mitra and lap.tanggal_diterima == D(2026, 7, 10)
    assert lap.dokumen.kerjasama_id == ks.pk and lap.dokumen.jenis == "laporan"  # a case document
    assert lap.dokumen.versi_terakhir.berkas.read() == PDF
    semester = _laporan(ks)
    assert [t.status for t in semester] == ["terpenuhi", "terbuka"]
    assert semester[1].jatuh_tempo == wib(2027, 1, 15, 23, 59, 59)  # semester 2: signing + 12 months
    # Ps 87(1): to the Wali Kota, copied to the Bagian Kerja Sama and the PD in charge.
    for penerima in ("walikota", "tkksd", "pd_dishub"):
        assert Notifikasi.objects.filter(penerima=pengguna[penerima], judul__startswith="Laporan mitra diterima").count() == 1
    assert not Notifikasi.objects.filter(penerima=pengguna["pd_disbudpar"]).exists()
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="laporan_mitra_diterima", oleh=pengguna["mitra_bogor"]).count() == 1


@pytest.mark.django_db
def test_mitra_lain_mendapat_404(ks, ks_lain, pengguna, klien, api):
    c = klien(pengguna["mitra_pt"])
    assert c.get(f"/pengawasan/kerjasama/{ks.pk}/laporan-mitra/").status_code == 404
    r = c.post(f"/pengawasan/kerjasama/{ks.pk}/laporan-mitra/", {"kemajuan": "x", "berkas": berkas_pdf()})
    assert r.status_code == 404
    r = api(pengguna["mitra_pt"]).post("/api/v1/pengawasan/laporan-mitra/",
                                       {"kerjasama": ks.pk, "kemajuan": "x", "berkas": berkas_pdf()}, format="multipart")
    assert r.status_code == 404
    assert not LaporanMitra.objects.exists()
    assert not Dokumen.objects.filter(jenis="laporan").exists()
    # …and it can report on its own.
    r = api(pengguna["mitra_pt"]).post("/api/v1/pengawasan/laporan-mitra/",
                                       {"kerjasama": ks_lain.pk, "kemajuan": "Berjalan.", "berkas": berkas_pdf()},
                                       format="multipart")
    assert r.status_code == 201, r.content
    assert r.json()["kerjasama"] == ks_lain.pk and r.json()["unduh"].startswith("/kerjasama/dokumen/versi/")


@pytest.mark.django_db
def test_daftar_laporan_api_mitra_hanya_miliknya(ks, ks_lain, pengguna, api):
    services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["mitra_bogor"], kemajuan="A", berkas=berkas_pdf())
    services.laporan_mitra_unggah(kerjasama=ks_lain, by=pengguna["mitra_pt"], kemajuan="B", berkas=berkas_pdf())
    ids = [x["kerjasama"] for x in api(pengguna["mitra_bogor"]).get("/api/v1/pengawasan/laporan-mitra/").json()["results"]]
    assert ids == [ks.pk]
    lain = LaporanMitra.objects.get(kerjasama=ks_lain)
    assert api(pengguna["mitra_bogor"]).get(f"/api/v1/pengawasan/laporan-mitra/{lain.pk}/").status_code == 404
    assert len(api(pengguna["tkksd"]).get("/api/v1/pengawasan/laporan-mitra/").json()["results"]) == 2


@pytest.mark.django_db
def test_pengguna_lain_yang_melihat_tetapi_tidak_berhak_403(ks, pengguna, api):
    r = api(pengguna["pd_dishub"]).post("/api/v1/pengawasan/laporan-mitra/",
                                        {"kerjasama": ks.pk, "kemajuan": "x", "berkas": berkas_pdf()}, format="multipart")
    assert r.status_code == 403
    with pytest.raises(PermissionDenied):
        services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["auditor"], kemajuan="x", berkas=berkas_pdf())


@pytest.mark.django_db
def test_isian_salah_400_tanpa_menyimpan_apa_pun(ks, pengguna, api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    palsu = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 bukan pdf", content_type="application/pdf")
    r = api(pengguna["mitra_bogor"]).post("/api/v1/pengawasan/laporan-mitra/",
                                          {"kerjasama": ks.pk, "kemajuan": "x", "berkas": palsu}, format="multipart")
    assert r.status_code == 400 and "berkas" in r.json()
    r = api(pengguna["mitra_bogor"]).post("/api/v1/pengawasan/laporan-mitra/",
                                          {"kerjasama": ks.pk, "berkas": berkas_pdf()}, format="multipart")
    assert r.status_code == 400 and "kemajuan" in r.json()
    assert not LaporanMitra.objects.exists()
    assert _laporan(ks).get().status == "terbuka"


@pytest.mark.django_db
def test_staf_mencatat_laporan_kertas_atas_nama_mitra(ks, pengguna, klien, jam):
    jam(2026, 7, 20)
    r = klien(pengguna["tkksd"]).post(f"/pengawasan/kerjasama/{ks.pk}/laporan-mitra/", {
        "sifat": "berkala", "kemajuan": "Laporan kertas.", "tanggal_diterima": "2026-07-14", "berkas": berkas_pdf(),
    })
    assert r.status_code == 302
    lap = LaporanMitra.objects.get(kerjasama=ks)
    assert lap.atas_nama_mitra and lap.diunggah_oleh == pengguna["tkksd"]
    assert lap.tanggal_diterima == D(2026, 7, 14) and not lap.terlambat  # received on time, on paper
    with pytest.raises(ValidationError, match="masa depan"):
        services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["tkksd"], kemajuan="x", berkas=berkas_pdf(),
                                      tanggal_diterima=D(2026, 7, 21))


@pytest.mark.django_db
def test_laporan_terlambat_ditandai_sapuan_tepat_sekali(ks, pengguna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pertama = inti.tenggat_sweep(now=wib(2026, 7, 16, 0, 0, 1))  # Thu, the day after the due day
        kedua = inti.tenggat_sweep(now=wib(2026, 7, 16, 6))
        ketiga = inti.tenggat_sweep(now=wib(2026, 7, 17, 6))
    assert len([b for b in pertama if "laporan_mitra" in b]) == 1
    assert [b for b in kedua + ketiga if "laporan_mitra" in b] == []
    semester = list(_laporan(ks))
    assert [t.status for t in semester] == ["lewat", "terbuka"]
    assert semester[0].catatan.startswith("Laporan mitra semester ke-1 tidak diterima")
    assert semester[1].jatuh_tempo == wib(2027, 1, 15, 23, 59, 59)  # the partner still owes semester 2
    assert Notifikasi.objects.filter(penerima=pengguna["mitra_bogor"], judul__startswith="Laporan kerja sama terlambat").count() == 1
    assert Notifikasi.objects.filter(penerima=pengguna["tkksd"], judul__startswith="Laporan mitra terlambat").count() == 1
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="tenggat_lewat", data__aturan="laporan_mitra").count() == 1
    assert [t.pk for t in selectors.laporan_mitra_terlambat(ks)] == [semester[0].pk]


@pytest.mark.django_db
def test_laporan_terlambat_yang_akhirnya_masuk_ditandai_terlambat(ks, pengguna, jam):
    inti.tenggat_sweep(now=wib(2026, 7, 16, 1))
    lewat, terbuka = list(_laporan(ks))
    jam(2026, 8, 3)
    lap = services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["mitra_bogor"], kemajuan="Terlambat.",
                                        berkas=berkas_pdf(), tenggat=lewat)
    assert lap.terlambat and lap.tenggat == lewat
    assert Tenggat.objects.get(pk=terbuka.pk).status == "terbuka"  # semester 2 still owed
    assert selectors.laporan_mitra_terlambat(ks) == []
    with pytest.raises(ValidationError, match="tidak terutang"):
        services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["mitra_bogor"], kemajuan="Lagi.",
                                      berkas=berkas_pdf(), tenggat=lewat)


@pytest.mark.django_db
def test_laporan_saat_diperlukan_tidak_menjawab_periode(ks, pengguna):
    with pytest.raises(ValidationError) as exc:
        services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["mitra_bogor"], kemajuan="x", berkas=berkas_pdf(),
                                      sifat="saat_diperlukan")
    assert set(exc.value.message_dict) == {"periode_mulai", "periode_selesai"}
    lap = services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["mitra_bogor"], kemajuan="Diminta Wali Kota.",
                                        berkas=berkas_pdf(), sifat="saat_diperlukan",
                                        periode_mulai=D(2026, 1, 15), periode_selesai=D(2026, 1, 19))
    assert lap.tenggat is None
    assert _laporan(ks).get().status == "terbuka"


@pytest.mark.django_db
def test_pengingat_kepada_mitra_sebelum_jatuh_tempo(ks, pengguna, django_capture_on_commit_callbacks):
    # Reminders 14 and 3 days before and on the due day (00:00 WIB): 01-07-2026 is 14 days before.
    with django_capture_on_commit_callbacks(execute=True):
        inti.tenggat_sweep(now=wib(2026, 7, 1, 0, 5))
    n = Notifikasi.objects.get(penerima=pengguna["mitra_bogor"])
    assert n.judul.startswith("Laporan kerja sama jatuh tempo 14 hari lagi") and n.tautan == "/pengawasan/laporan-saya/"


@pytest.mark.django_db
def test_perjanjian_lama_menagih_semester_terakhir_yang_telah_berakhir(jam, pengguna, pd_dishub, mitra_bogor):
    """A legacy agreement signed 15-01-2024, entered 01-03-2026: semesters 1–3 predate SIKSD; the
    partner owes semester 4 (ended 15-01-2026), already overdue, then semester 5."""
    jam(2026, 3, 1)
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                 tanggal_penandatanganan=D(2024, 1, 15), tanggal_mulai=D(2024, 1, 15),
                                 tanggal_berakhir=D(2028, 1, 14))
    t = _laporan(lama).get()
    assert "semester ke-4" in t.judul and t.jatuh_tempo == wib(2026, 1, 15, 23, 59, 59)
    inti.tenggat_sweep(now=wib(2026, 3, 1, 10))
    assert [x.status for x in _laporan(lama)] == ["lewat", "terbuka"]
    assert _laporan(lama).last().jatuh_tempo == wib(2026, 7, 15, 23, 59, 59)


@pytest.mark.django_db
def test_laporan_hanya_selama_pelaksanaan(ks, pengguna):
    from kerjasama.exceptions import TransisiTidakTersedia
    from kerjasama.models import KerjaSama

    KerjaSama.objects.filter(pk=ks.pk).update(tahap="selesai")
    with pytest.raises(TransisiTidakTersedia):
        services.laporan_mitra_unggah(kerjasama=ks, by=pengguna["mitra_bogor"], kemajuan="x", berkas=berkas_pdf())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dua_sapuan_bersamaan_menandai_laporan_terlambat_sekali(pengguna, pd_dishub, mitra_bogor):
    import threading

    from django.db import connection

    import time_machine

    with time_machine.travel(wib(2026, 1, 20, 9), tick=False):
        kasus = [PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                       judul=f"Lama {i}", tanggal_penandatanganan=D(2026, 1, 15),
                                       tanggal_mulai=D(2026, 1, 15), tanggal_berakhir=D(2028, 1, 14))
                 for i in range(10)]
    mulai = threading.Barrier(2)
    galat = []

    def sapu():
        try:
            mulai.wait()
            inti.tenggat_sweep(now=wib(2026, 7, 16, 1))
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
    for ks in kasus:
        assert [t.status for t in _laporan(ks)] == ["lewat", "terbuka"]
        assert RiwayatAudit.objects.filter(kerjasama_id=ks.pk, aksi="tenggat_lewat", data__aturan="laporan_mitra").count() == 1
