"""Pelaksanaan: the action plan (Ps 31), reports (Ps 33), amendments (Ps 34) and extensions (Ps 26(2), 30)."""

import datetime
import io

import pypdf
import pytest

from kerjasama.models import KerjaSamaGroupObjectPermission, RiwayatAudit, Tenggat
from ksdd.models import KasusKsdd, LaporanPelaksanaanKsdd, PerpanjanganKsdd, PerubahanPksKsdd
from tests.factories import ttd

from .conftest import iso
from .factories import KasusKsddFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def kasus(beku, pengguna, pd_dishub, mitra_bogor):
    """Signed on 20 February 2026, running two years (factory: pelaksanaan)."""
    mitra_bogor.jabatan_pimpinan = "Wali Kota Bogor"
    mitra_bogor.save()
    return KasusKsddFactory(by=pengguna["pd_dishub"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, pelaksanaan=True)


def transisi(obj):
    return {t["nama"] for t in obj["transisi_tersedia"]}


def ajukan_perubahan(rest, pengguna, kasus, *, beban: bool):
    pd = rest(pengguna["pd_dishub"])
    return pd.langkah(kasus.pk, "ajukan_perubahan", uraian="Menambah dua rute.", alasan="Permintaan warga perbatasan.",
                      menambah_beban=beban, rancangan=pd.unggah(kasus.pk, "adendum", "Rancangan adendum"))


def tandatangani_perubahan(rest, pengguna, kasus, status=200):
    wali = rest(pengguna["walikota"])
    return wali.langkah(kasus.pk, "tandatangani_perubahan", status=status, naskah=ttd(kasus.pk, "adendum"),
                        nomor="ADD/1/2026", tanggal_penandatanganan=iso(D(2026, 3, 2)))


def test_amendment_without_dprd(kasus, pengguna, rest):
    """Ps 34(1)–(2): prepared by the PD, coordinated by the TKKSD, signed by the Wali Kota; no DPRD when it adds
    no burden on the public (Ps 34(3))."""
    obj = ajukan_perubahan(rest, pengguna, kasus, beban=False)
    assert obj["tahap"] == "pelaksanaan"
    assert "ajukan_perubahan" not in transisi(obj)  # one open amendment at a time
    assert transisi(rest(pengguna["tkksd"]).c.get(f"/api/v1/ksdd/{kasus.pk}/").json()) >= {
        "setujui_perubahan", "kembalikan_perubahan"}
    rest(pengguna["tkksd"]).langkah(kasus.pk, "setujui_perubahan")
    assert PerubahanPksKsdd.objects.get(kerjasama_id=kasus.pk).status == "penandatanganan"
    assert not KerjaSamaGroupObjectPermission.objects.filter(group__name="dprd", content_object_id=kasus.pk).exists()
    obj = tandatangani_perubahan(rest, pengguna, kasus)
    [p] = obj["perubahan"]
    assert (p["ke"], p["status"], p["nomor"], p["menambah_beban"]) == (1, "ditandatangani", "ADD/1/2026", False)
    assert "ajukan_perubahan" in transisi(rest(pengguna["pd_dishub"]).c.get(f"/api/v1/ksdd/{kasus.pk}/").json())
    assert RiwayatAudit.objects.get(kerjasama=kasus, aksi="tandatangani_perubahan").dasar_hukum == "Pasal 34 ayat (1)"


def test_amendment_adding_a_burden_needs_the_dprd(kasus, pengguna, rest, web):
    """Ps 34(3): a change that adds a burden on the public needs the DPRD's approval before signing."""
    ajukan_perubahan(rest, pengguna, kasus, beban=True)
    rest(pengguna["tkksd"]).langkah(kasus.pk, "setujui_perubahan")
    assert PerubahanPksKsdd.objects.get(kerjasama_id=kasus.pk).status == "persetujuan_dprd"
    # The Wali Kota cannot sign before the DPRD has decided.
    assert tandatangani_perubahan(rest, pengguna, kasus, status=409)
    dprd = rest(pengguna["dprd"])
    obj = dprd.c.get(f"/api/v1/ksdd/{kasus.pk}/").json()
    assert transisi(obj) == {"setujui_perubahan_dprd", "tolak_perubahan_dprd"}
    dprd.langkah(kasus.pk, "setujui_perubahan_dprd", tanggal_diterima_dprd=iso(D(2026, 2, 23)),
                 tanggal_keputusan=iso(D(2026, 2, 27)), surat_dprd=dprd.unggah(kasus.pk, "surat_dprd", "Persetujuan"))
    obj = tandatangani_perubahan(rest, pengguna, kasus)
    [p] = obj["perubahan"]
    assert (p["status"], p["tanggal_diterima_dprd"]) == ("ditandatangani", "2026-02-23")
    # The case page keeps the amendment history.
    assert "Menambah dua rute" in web(pengguna["pd_dishub"]).get(f"/kerjasama/{kasus.pk}/").content.decode()


def test_amendment_refused_by_the_dprd_and_a_second_one_returned_by_the_tkksd(kasus, pengguna, rest):
    ajukan_perubahan(rest, pengguna, kasus, beban=True)
    rest(pengguna["tkksd"]).langkah(kasus.pk, "setujui_perubahan")
    dprd = rest(pengguna["dprd"])
    dprd.langkah(kasus.pk, "tolak_perubahan_dprd", tanggal_diterima_dprd=iso(D(2026, 2, 23)),
                 tanggal_keputusan=iso(D(2026, 2, 27)), surat_dprd=dprd.unggah(kasus.pk, "surat_dprd", "Penolakan"),
                 komentar="Membebani tarif.")
    ajukan_perubahan(rest, pengguna, kasus, beban=False)
    tkksd = rest(pengguna["tkksd"])
    assert tkksd.langkah(kasus.pk, "kembalikan_perubahan", status=400)["komentar"]
    obj = tkksd.langkah(kasus.pk, "kembalikan_perubahan", komentar="Alasan belum kuat (Pasal 34 ayat (1)).")
    assert [(p["ke"], p["status"], p["catatan"]) for p in obj["perubahan"]] == [
        (1, "ditolak_dprd", "Membebani tarif."), (2, "dikembalikan", "Alasan belum kuat (Pasal 34 ayat (1)).")]
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "pelaksanaan"


def test_extension_with_its_action_plan_and_stages_restarts_the_term(kasus, pengguna, rest):
    """Ps 26(2), Ps 30: the applicant submits an action plan and stages. The new term of the PKS is not capped
    (Ps 26(1) caps the KB only; this test used to refuse a 5-year-and-1-day extension): only its order is checked."""
    lama = Tenggat.objects.get(kerjasama=kasus, aturan="masa_berlaku_perjanjian", status="terbuka")
    akhir_lama = kasus.tanggal_berakhir
    mulai_baru = akhir_lama + datetime.timedelta(days=1)
    mitra = rest(pengguna["mitra_bogor"])
    rencana = mitra.unggah(kasus.pk, "rencana_aksi", "Rencana tindak perpanjangan")
    galat = mitra.langkah(kasus.pk, "ajukan_perpanjangan", status=400, pemohon="mitra", rencana_tindak=rencana,
                          tahapan=[{"uraian": "Evaluasi rute", "waktu": "Triwulan I"}], tanggal_mulai=iso(mulai_baru),
                          tanggal_berakhir=iso(mulai_baru - datetime.timedelta(days=1)))
    assert "tidak boleh sebelum" in galat["tanggal_berakhir"][0]
    berakhir_baru = mulai_baru.replace(year=mulai_baru.year + 5) - datetime.timedelta(days=1)
    mitra.langkah(kasus.pk, "ajukan_perpanjangan", pemohon="mitra", rencana_tindak=rencana,
                  tahapan=[{"uraian": "Evaluasi rute", "waktu": "Triwulan I"}, {"uraian": "Perluasan layanan"}],
                  tanggal_mulai=iso(mulai_baru), tanggal_berakhir=iso(berakhir_baru))
    tkksd = rest(pengguna["tkksd"])
    tkksd.langkah(kasus.pk, "setujui_perpanjangan", tanggal_kesepakatan=iso(D(2026, 3, 1)))
    wali = rest(pengguna["walikota"])
    obj = wali.langkah(kasus.pk, "tandatangani_perpanjangan", naskah=ttd(kasus.pk, "adendum"),
                       tanggal_penandatanganan=iso(D(2026, 3, 2)))
    assert (obj["tanggal_mulai"], obj["tanggal_berakhir"]) == (iso(mulai_baru), iso(berakhir_baru))
    [p] = obj["perpanjangan"]
    assert (p["status"], p["pemohon"], p["tanggal_berakhir_lama"], len(p["tahapan"])) == (
        "ditandatangani", "mitra", iso(akhir_lama), 2)
    lama.refresh_from_db()
    assert lama.status == "diselesaikan_sistem"
    baru = Tenggat.objects.get(kerjasama=kasus, aturan="masa_berlaku_perjanjian", status="terbuka")
    assert baru.jatuh_tempo.date() >= berakhir_baru


def test_extension_refused(kasus, pengguna, rest):
    pd = rest(pengguna["pd_dishub"])
    mulai = kasus.tanggal_berakhir + datetime.timedelta(days=1)
    pd.langkah(kasus.pk, "ajukan_perpanjangan", pemohon="daerah", rencana_tindak=pd.unggah(kasus.pk, "rencana_aksi", "RT"),
               tahapan=[{"uraian": "Tahap 1"}], tanggal_mulai=iso(mulai), tanggal_berakhir=iso(mulai.replace(year=mulai.year + 1)))
    obj = rest(pengguna["tkksd"]).langkah(kasus.pk, "tolak_perpanjangan", komentar="Mitra tidak bersedia.")
    assert [p["status"] for p in obj["perpanjangan"]] == ["ditolak"]
    assert obj["tanggal_berakhir"] == iso(kasus.tanggal_berakhir)


def test_an_extension_must_continue_the_running_term(kasus, pengguna, rest):
    pd = rest(pengguna["pd_dishub"])
    mulai = kasus.tanggal_berakhir + datetime.timedelta(days=30)
    galat = pd.langkah(kasus.pk, "ajukan_perpanjangan", status=400, pemohon="daerah",
                       rencana_tindak=pd.unggah(kasus.pk, "rencana_aksi", "RT"), tahapan=[{"uraian": "Tahap 1"}],
                       tanggal_mulai=iso(mulai), tanggal_berakhir=iso(mulai.replace(year=mulai.year + 1)))
    assert "menyambung" in galat["tanggal_mulai"][0]
    assert not PerpanjanganKsdd.objects.exists()


def test_internal_report_of_the_pd_to_the_wali_kota(kasus, pengguna, rest, django_capture_on_commit_callbacks):
    """Ps 33(1)."""
    pd = rest(pengguna["pd_dishub"])
    with django_capture_on_commit_callbacks(execute=True):
        obj = pd.langkah(kasus.pk, "sampaikan_laporan_internal", periode_awal=iso(D(2026, 1, 1)),
                         periode_akhir=iso(D(2026, 2, 28)), ringkasan="Rute berjalan.",
                         laporan=pd.unggah(kasus.pk, "laporan", "Laporan Januari–Februari"))
    [lap] = obj["laporan"]
    assert (lap["jenis"], lap["status"]) == ("internal", "disampaikan")
    assert pengguna["walikota"].notifikasi.filter(judul__contains="Laporan internal").exists()


def test_external_report_generated_signed_and_sent(kasus, pengguna, rest):
    """Ps 33(2): prepared by the TKKSD as a PDF, signed by the Wali Kota, sent to the Gubernur and the partner's head."""
    tkksd = rest(pengguna["tkksd"])
    tkksd.langkah(kasus.pk, "susun_laporan_eksternal", periode_awal=iso(D(2026, 1, 1)), periode_akhir=iso(D(2026, 2, 28)),
                  ringkasan="Empat rute terintegrasi beroperasi.")
    laporan = LaporanPelaksanaanKsdd.objects.get(kerjasama_id=kasus.pk)
    assert laporan.status == "menunggu_tanda_tangan"
    versi = laporan.dokumen.versi_terakhir
    konten = versi.berkas.open("rb").read()
    assert konten.startswith(b"%PDF")
    teks = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(konten)).pages).split())
    assert "Gubernur Jawa Barat" in teks and "Wali Kota Bogor" in teks and "Empat rute" in teks
    # Only the Wali Kota signs it, and nobody sends it before.
    assert tkksd.langkah(kasus.pk, "kirim_laporan_eksternal", status=409, tanggal_dikirim=iso(D(2026, 3, 2)))
    rest(pengguna["walikota"]).langkah(kasus.pk, "tandatangani_laporan_eksternal", tanggal_penandatanganan=iso(D(2026, 3, 1)))
    obj = tkksd.langkah(kasus.pk, "kirim_laporan_eksternal", tanggal_dikirim=iso(D(2026, 3, 2)))
    [lap] = obj["laporan"]
    assert (lap["status"], lap["tanggal_dikirim"]) == ("dikirim", "2026-03-02")


def test_the_pd_attaches_the_action_plan(kasus, pengguna, rest):
    pd = rest(pengguna["pd_dishub"])
    obj = pd.langkah(kasus.pk, "lampirkan_rencana_aksi", rencana_aksi=pd.unggah(kasus.pk, "rencana_aksi", "Rencana aksi"))
    assert RiwayatAudit.objects.get(kerjasama=kasus, aksi="lampirkan_rencana_aksi").dasar_hukum == "Pasal 31"
    assert obj["tahap"] == "pelaksanaan"


def test_the_term_deadline_warns_before_the_end(kasus, pengguna, django_capture_on_commit_callbacks):
    """Ps 26(1): the PD and the Sekretariat are reminded 30 days before the agreement ends."""
    from kerjasama import services

    tenggat = Tenggat.objects.get(kerjasama=kasus, aturan="masa_berlaku_perjanjian", status="terbuka")
    with django_capture_on_commit_callbacks(execute=True):
        laporan = services.tenggat_sweep(now=tenggat.jatuh_tempo - datetime.timedelta(days=29, hours=12))
    assert any(baris.startswith("peringatan: masa_berlaku_perjanjian") for baris in laporan)
    for orang in ("pd_dishub", "tkksd"):
        assert pengguna[orang].notifikasi.filter(judul__contains="hari lagi: Berakhirnya masa berlaku").exists(), orang
    assert not pengguna["pd_disbudpar"].notifikasi.exists()
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "pelaksanaan"
