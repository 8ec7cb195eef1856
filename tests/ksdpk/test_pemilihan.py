"""The selection among several qualifying candidates (Perwal 57/2023 Ps 39(2)–(3)): the team the Ketua
TKKSD sets, each member's scores with notes, the secrecy of the others' scores before one hands in,
the totals and ranking, the TKKSD's decision with reasons and the berita acara as PDF."""

import io

import pypdf
import pytest

from kerjasama.models import RiwayatAudit, VersiDokumen
from ksdpk import selectors
from ksdpk.models import KasusKsdpk

from .conftest import D, iso
from .factories import KasusKsdpkFactory

pytestmark = pytest.mark.django_db

# (bonafiditas, pengalaman, komitmen) per member and candidate. Member A alone puts PT Solusi Tiket first;
# over the three sheets PT Lain leads: 725 > 710 > 640.
SKOR = {
    "pd_dishub": {"pt": (80, 70, 90), "pt_tiket": (90, 85, 80), "koperasi": (60, 70, 75)},
    "pd_disbudpar": {"pt": (85, 75, 85), "pt_tiket": (70, 80, 75), "koperasi": (80, 80, 80)},
    "pengawas": {"pt": (90, 80, 70), "pt_tiket": (75, 70, 85), "koperasi": (65, 60, 70)},
}


@pytest.fixture
def seleksi(beku, pengguna, pd_dishub, pt, pt_tiket, koperasi):
    """Three candidates, the offer answered: the case rests in pemilihan_mitra."""
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], pemilihan_mitra=True, judul="Tiket elektronik angkutan kota",
                              calon_mitra=[pt, pt_tiket, koperasi])
    calon = {nama: kasus.calon.get(mitra=m) for nama, m in (("pt", pt), ("pt_tiket", pt_tiket), ("koperasi", koperasi))}
    return kasus, calon


def _tetapkan_tim(halaman, pengguna, kasus):
    r = halaman(pengguna["ketua"]).post(f"/ksdpk/{kasus.pk}/tim/", {
        "nomor_keputusan": "800/12/TKKSD", "tanggal_keputusan": iso(D(2026, 2, 20)), "ketua": pengguna["pd_dishub"].pk,
        "sekretaris": pengguna["pd_disbudpar"].pk, "anggota": [pengguna["pengawas"].pk]})
    assert r.status_code == 302, r.content.decode()[-1500:]


def _kualifikasi_semua(klien_api, pengguna, kasus, calon):
    tkksd = klien_api(pengguna["tkksd"])
    for c in calon.values():
        r = tkksd.c.post(f"/api/v1/ksdpk/{kasus.pk}/calon/", {"calon": c.pk, "memenuhi_syarat": True,
                                                              "tanggal_jawaban": iso(D(2026, 2, 10))}, format="json")
        assert r.status_code == 200, r.content


def _nilai(calon, username, catatan=""):
    return [{"calon": c.pk, "bonafiditas": SKOR[username][n][0], "pengalaman": SKOR[username][n][1],
             "komitmen": SKOR[username][n][2], "catatan_bonafiditas": f"{catatan} {c.mitra.nama}".strip()}
            for n, c in calon.items()]


def test_tiga_calon_tiga_penilai_peringkat_keputusan_dan_berita_acara(seleksi, pengguna, halaman, klien_api, pt,
                                                                      django_capture_on_commit_callbacks):
    kasus, calon = seleksi
    # Ps 39(3): only the Ketua TKKSD sets the team; its members then see the case.
    assert halaman(pengguna["tkksd"]).post(f"/ksdpk/{kasus.pk}/tim/", {"nomor_keputusan": "x"}).status_code == 403
    assert halaman(pengguna["pengawas"]).get(f"/kerjasama/{kasus.pk}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        _tetapkan_tim(halaman, pengguna, kasus)
    assert halaman(pengguna["pengawas"]).get(f"/kerjasama/{kasus.pk}/").status_code == 200
    assert pengguna["pengawas"].notifikasi.filter(judul__contains="Anda anggota Tim Pemilihan Calon Mitra").exists()
    _kualifikasi_semua(klien_api, pengguna, kasus, calon)

    # Member A scores on the web page and hands in.
    a = halaman(pengguna["pd_dishub"])
    form = a.get(f"/ksdpk/{kasus.pk}/penilaian/").content.decode()
    assert "Bonafiditas (Pasal 39 ayat (2) huruf a)" in form and "PT Solusi Tiket Nusantara" in form
    data = {"serahkan": "1"}
    for n, c in calon.items():
        for kode, nilai in zip(("bonafiditas", "pengalaman", "komitmen"), SKOR["pd_dishub"][n], strict=True):
            data[f"{c.pk}_{kode}"] = nilai
        data[f"{c.pk}_catatan_bonafiditas"] = f"Catatan rahasia A {c.mitra.nama}"
    assert a.post(f"/ksdpk/{kasus.pk}/penilaian/", data).status_code == 302

    # Member B keeps a draft: it sees its own sheet only, not A's scores or notes, nor the ranking.
    b = klien_api(pengguna["pd_disbudpar"])
    r = b.c.post(f"/api/v1/ksdpk/{kasus.pk}/penilaian/", {"nilai": _nilai(calon, "pd_disbudpar")[:1]}, format="json")
    assert r.status_code == 200 and r.json()["diserahkan_pada"] is None and len(r.json()["nilai"]) == 1
    assert b.c.get(f"/api/v1/ksdpk/{kasus.pk}/peringkat/").status_code == 403
    for url in (f"/ksdpk/{kasus.pk}/peringkat/", f"/ksdpk/{kasus.pk}/penilaian/", f"/kerjasama/{kasus.pk}/"):
        isi = halaman(pengguna["pd_disbudpar"]).get(url).content.decode()
        assert "Catatan rahasia A" not in isi, url
    assert "setelah Anda menyerahkan lembar penilaian sendiri" in halaman(pengguna["pd_disbudpar"]).get(
        f"/ksdpk/{kasus.pk}/peringkat/").content.decode()
    # Handing in needs every qualifying candidate scored.
    r = b.c.post(f"/api/v1/ksdpk/{kasus.pk}/penilaian/", {"nilai": [], "serahkan": True}, format="json")
    assert r.status_code == 400 and "Lengkapi nilai untuk" in str(r.json())
    r = b.c.post(f"/api/v1/ksdpk/{kasus.pk}/penilaian/", {"nilai": _nilai(calon, "pd_disbudpar"), "serahkan": True}, format="json")
    assert r.status_code == 200 and r.json()["diserahkan_pada"]
    # Once handed in, B sees A's sheet; its own can no longer change (409).
    assert "Catatan rahasia A" in halaman(pengguna["pd_disbudpar"]).get(f"/ksdpk/{kasus.pk}/peringkat/").content.decode()
    assert b.c.post(f"/api/v1/ksdpk/{kasus.pk}/penilaian/", {"nilai": _nilai(calon, "pd_disbudpar")},
                    format="json").status_code == 409
    # Qualification is fixed once a sheet is in; a non-member (the Sekretariat, a team exists) does not score.
    tkksd = klien_api(pengguna["tkksd"])
    assert tkksd.c.post(f"/api/v1/ksdpk/{kasus.pk}/calon/", {"calon": calon["koperasi"].pk, "memenuhi_syarat": False,
                                                             "catatan": "x"}, format="json").status_code == 409
    assert tkksd.c.get(f"/api/v1/ksdpk/{kasus.pk}/penilaian/").status_code == 403

    # The TKKSD may not decide while a member has not handed in (Ps 39(3)).
    keputusan = {"mitra_terpilih": str(pt.pk), "tanggal_keputusan": iso(D(2026, 3, 2)),
                 "alasan": "Peringkat pertama; komitmen investasi paling kuat."}
    r = tkksd.langkah(kasus.pk, "tetapkan_mitra", status=400, **keputusan)
    assert "Penilaian belum lengkap: pengawas belum menyerahkan lembar penilaian" in str(r)
    c = klien_api(pengguna["pengawas"])
    assert c.c.post(f"/api/v1/ksdpk/{kasus.pk}/penilaian/", {"nilai": _nilai(calon, "pengawas"), "serahkan": True},
                    format="json").status_code == 200

    # Ps 39(2): totals and ranking over the three sheets.
    hasil = tkksd.c.get(f"/api/v1/ksdpk/{kasus.pk}/peringkat/").json()
    assert [(p["nama"], p["peringkat"], p["total"], p["rata_total"]) for p in hasil["peringkat"]] == [
        ("PT Lain", 1, 725, "241.67"), ("PT Solusi Tiket Nusantara", 2, 710, "236.67"),
        ("Koperasi Angkutan Bekasi Raya", 3, 640, "213.33")]
    assert hasil["peringkat"][0]["rata"] == {"bonafiditas": "85.00", "pengalaman": "75.00", "komitmen": "81.67"}
    assert len(hasil["lembar"]) == 3 and hasil["belum_lengkap"] == []

    # A candidate that did not qualify cannot be chosen; the reasons are required.
    assert "alasan" in tkksd.langkah(kasus.pk, "tetapkan_mitra", status=400, **{**keputusan, "alasan": ""})
    obj = tkksd.langkah(kasus.pk, "tetapkan_mitra", **keputusan)
    assert (obj["tahap"], obj["mitra"], obj["alasan_pemilihan"]) == ("penyusunan_kb", pt.pk, keputusan["alasan"])
    audit = RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="tetapkan_mitra")
    assert (audit.oleh, audit.dasar_hukum) == (pengguna["tkksd"], "Pasal 39 ayat (2)–(3)")

    # The berita acara pemilihan (PDF): candidates, team, every sheet with notes, totals, ranking, decision.
    kasus = KasusKsdpk.objects.get(pk=kasus.pk)
    versi = VersiDokumen.objects.get(dokumen=kasus.berita_acara_pemilihan)
    assert versi.dihasilkan_sistem and versi.tipe_konten == "application/pdf"
    with versi.berkas.open("rb") as f:
        teks = " ".join(" ".join(h.extract_text().split()) for h in pypdf.PdfReader(io.BytesIO(f.read())).pages)
    for potongan in ("BERITA ACARA PEMILIHAN CALON MITRA KERJA SAMA", kasus.nomor, "800/12/TKKSD",
                     "PT Lain", "PT Solusi Tiket Nusantara", "Koperasi Angkutan Bekasi Raya",
                     "Catatan rahasia A PT Solusi Tiket Nusantara", "725", "710", "640", "241,67", "213,33",
                     "Peringkat pertama; komitmen investasi paling kuat.", "Nomor 57 Tahun 2023 Pasal 39 ayat (2)"):
        assert potongan in teks, potongan
    assert teks.index("241,67") < teks.index("236,67") < teks.index("213,33")  # ranked order

    # The chosen partner now sees its cooperation, but not the Daerah's selection file.
    mitra = halaman(pengguna["mitra_pt"])
    assert mitra.get(f"/kerjasama/{kasus.pk}/").status_code == 200
    assert mitra.get(f"/ksdpk/{kasus.pk}/peringkat/").status_code == 403
    assert klien_api(pengguna["mitra_pt"]).baca(kasus.pk)["calon"] == []


def test_tanpa_tim_tkksd_boleh_memutuskan_tanpa_lembar_penilaian(seleksi, pengguna, klien_api, pt_tiket):
    """Ps 39(2)–(3): the TKKSD "dapat" select and the Ketua "dapat" form a team: with several qualifying
    candidates and no team, the TKKSD decides on its stated reasons; score sheets are not required (they
    used to be: the previous version of the next test asserted a 400 here)."""
    kasus, calon = seleksi
    _kualifikasi_semua(klien_api, pengguna, kasus, calon)
    tkksd = klien_api(pengguna["tkksd"])
    obj = tkksd.langkah(kasus.pk, "tetapkan_mitra", mitra_terpilih=str(pt_tiket.pk), tanggal_keputusan=iso(D(2026, 3, 2)),
                        alasan="Bonafiditas, pengalaman dan komitmen paling meyakinkan menurut rapat TKKSD.")
    assert obj["tahap"] == "penyusunan_kb" and obj["mitra"] == pt_tiket.pk
    assert KasusKsdpk.objects.get(pk=kasus.pk).berita_acara_pemilihan_id is not None


def test_dengan_tim_nilai_wajib_sebelum_keputusan(seleksi, pengguna, klien_api, halaman, pt_tiket):
    """Ps 39(3): when the Ketua did form a team, every member's sheet is needed before the TKKSD decides."""
    kasus, calon = seleksi
    _kualifikasi_semua(klien_api, pengguna, kasus, calon)
    _tetapkan_tim(halaman, pengguna, kasus)
    r = klien_api(pengguna["tkksd"]).langkah(kasus.pk, "tetapkan_mitra", status=400, mitra_terpilih=str(pt_tiket.pk),
                                             tanggal_keputusan=iso(D(2026, 3, 2)), alasan="x")
    assert "Penilaian belum lengkap" in str(r) and "Pasal 39" in str(r)


def test_tanpa_tim_tkksd_menilai_sendiri_dan_satu_lembar_cukup(seleksi, pengguna, klien_api, halaman, pt_tiket):
    """Ps 39(2) without a team: the TKKSD may score; a member of it sees the ranking only after handing in."""
    kasus, calon = seleksi
    _kualifikasi_semua(klien_api, pengguna, kasus, calon)
    tkksd = klien_api(pengguna["tkksd"])
    assert tkksd.c.get(f"/api/v1/ksdpk/{kasus.pk}/peringkat/").status_code == 403
    assert halaman(pengguna["pd_dishub"]).get(f"/ksdpk/{kasus.pk}/penilaian/").status_code == 403  # not the TKKSD
    tkksd.c.post(f"/api/v1/ksdpk/{kasus.pk}/penilaian/", {"nilai": _nilai(calon, "pd_dishub"), "serahkan": True},
                 format="json")
    urutan = [p["nama"] for p in tkksd.c.get(f"/api/v1/ksdpk/{kasus.pk}/peringkat/").json()["peringkat"]]
    assert urutan == ["PT Solusi Tiket Nusantara", "PT Lain", "Koperasi Angkutan Bekasi Raya"]
    obj = tkksd.langkah(kasus.pk, "tetapkan_mitra", mitra_terpilih=str(pt_tiket.pk), tanggal_keputusan=iso(D(2026, 3, 2)),
                        alasan="Nilai tertinggi.")
    assert obj["tahap"] == "penyusunan_kb" and obj["mitra"] == pt_tiket.pk


def test_calon_yang_tidak_memenuhi_syarat_tidak_dapat_dipilih_dan_tanpa_calon_kasus_ditutup(seleksi, pengguna, klien_api, pt):
    kasus, calon = seleksi
    tkksd = klien_api(pengguna["tkksd"])
    r = tkksd.c.post(f"/api/v1/ksdpk/{kasus.pk}/calon/", {"calon": calon["pt"].pk, "memenuhi_syarat": False}, format="json")
    assert r.status_code == 400 and "mengapa calon tidak memenuhi syarat" in str(r.json())
    for c in calon.values():
        tkksd.c.post(f"/api/v1/ksdpk/{kasus.pk}/calon/", {"calon": c.pk, "memenuhi_syarat": False,
                                                          "catatan": "Tidak menyerahkan laporan keuangan."}, format="json")
    r = tkksd.langkah(kasus.pk, "tetapkan_mitra", status=400, mitra_terpilih=str(pt.pk), tanggal_keputusan=iso(D(2026, 3, 2)),
                      alasan="x")
    assert "calon mitra yang memenuhi syarat" in str(r)
    obj = tkksd.langkah(kasus.pk, "tutup_tanpa_mitra", komentar="Tidak ada calon yang memenuhi syarat.")
    assert obj["tahap"] == "ditolak_mitra"


def test_peringkat_sama_berbagi_urutan(seleksi, pengguna, klien_api):
    """Equal totals share a rank (1, 1, 3); the TKKSD then decides between them with its reasons."""
    kasus, calon = seleksi
    _kualifikasi_semua(klien_api, pengguna, kasus, calon)
    from ksdpk import services

    services.penilaian_simpan(kasus=kasus, by=pengguna["tkksd"], serahkan=True, nilai=[
        {"calon": calon["pt"].pk, "bonafiditas": 80, "pengalaman": 70, "komitmen": 90},
        {"calon": calon["pt_tiket"].pk, "bonafiditas": 90, "pengalaman": 80, "komitmen": 70},
        {"calon": calon["koperasi"].pk, "bonafiditas": 90, "pengalaman": 80, "komitmen": 69}])
    assert [(b.calon.mitra.nama, b.peringkat, b.total) for b in selectors.peringkat_calon(kasus)] == [
        ("PT Lain", 1, 240), ("PT Solusi Tiket Nusantara", 1, 240), ("Koperasi Angkutan Bekasi Raya", 3, 239)]


def test_nilai_di_luar_0_sampai_100_ditolak(seleksi, pengguna, klien_api):
    kasus, calon = seleksi
    _kualifikasi_semua(klien_api, pengguna, kasus, calon)
    r = klien_api(pengguna["tkksd"]).c.post(f"/api/v1/ksdpk/{kasus.pk}/penilaian/", {"nilai": [
        {"calon": calon["pt"].pk, "bonafiditas": 101, "pengalaman": 70, "komitmen": 90}]}, format="json")
    assert r.status_code == 400
    assert not kasus.lembar_penilaian.exists()


def test_calon_ditambah_sebelum_penawaran_dan_dikunci_sesudahnya(beku, pengguna, halaman, pt, koperasi):
    """Ps 39(1): the offer goes to the candidates, so they are set before it is sent."""
    kasus = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt])
    pd = halaman(pengguna["pd_dishub"])
    r = pd.post(f"/ksdpk/{kasus.pk}/calon/", {"aksi": "tambah", "mitra": koperasi.pk})
    assert r.status_code == 302
    r = pd.post(f"/ksdpk/{kasus.pk}/calon/", {"aksi": "tambah", "nama": "CV Maju Jaya", "bentuk_hukum": "Persekutuan Komanditer (CV)",
                                              "nib": "123"})
    assert r.status_code == 302
    assert sorted(c.mitra.nama for c in kasus.calon.all()) == ["CV Maju Jaya", "Koperasi Angkutan Bekasi Raya", "PT Lain"]
    assert pd.post(f"/ksdpk/{kasus.pk}/calon/", {"aksi": "tambah", "mitra": koperasi.pk}).status_code == 400  # already one
    assert halaman(pengguna["pd_disbudpar"]).get(f"/ksdpk/{kasus.pk}/calon/").status_code == 404
    lanjut = KasusKsdpkFactory(by=pengguna["pd_dishub"], calon_mitra=[pt], menunggu_jawaban=True)
    assert pd.post(f"/ksdpk/{lanjut.pk}/calon/", {"aksi": "tambah", "mitra": koperasi.pk}).status_code == 409
    # The offer letter drafted at the TKKSD's acceptance is addressed to every candidate (Ps 39(1)).
    surat = VersiDokumen.objects.filter(dokumen__kerjasama=lanjut, dokumen__jenis="surat_penawaran",
                                        dihasilkan_sistem=True).first()
    with surat.berkas.open("rb") as f:
        teks = " ".join(h.extract_text() for h in pypdf.PdfReader(io.BytesIO(f.read())).pages)
    assert "PT Lain" in teks and "Studi Kelayakan" in " ".join(teks.split())


def test_tim_lewat_api_hanya_oleh_ketua_tkksd(seleksi, pengguna, klien_api):
    """Ps 39(3) through the API: the Ketua TKKSD sets the team; one ketua, members are officials."""
    kasus, _calon = seleksi
    url = f"/api/v1/ksdpk/{kasus.pk}/tim/"
    assert klien_api(pengguna["tkksd"]).c.get(url).json() == {"nomor_keputusan": None, "tanggal_keputusan": None,
                                                               "anggota": []}
    badan = {"nomor_keputusan": "800/13/TKKSD", "tanggal_keputusan": iso(D(2026, 2, 25)), "anggota": [
        {"pengguna": pengguna["pd_dishub"].pk, "kedudukan": "ketua"}, {"pengguna": pengguna["tkksd"].pk, "kedudukan": "anggota"}]}
    assert klien_api(pengguna["tkksd"]).c.post(url, badan, format="json").status_code == 403
    ketua = klien_api(pengguna["ketua"])
    r = ketua.c.post(url, {**badan, "anggota": [{"pengguna": pengguna["pd_dishub"].pk, "kedudukan": "anggota"}]}, format="json")
    assert r.status_code == 400 and "tepat satu ketua" in str(r.json())
    r = ketua.c.post(url, {**badan, "anggota": [*badan["anggota"], {"pengguna": pengguna["mitra_pt"].pk,
                                                                       "kedudukan": "anggota"}]}, format="json")
    assert r.status_code == 400  # a partner's representative never sits on the team
    r = ketua.c.post(url, badan, format="json")
    assert r.status_code == 200 and r.json()["nomor_keputusan"] == "800/13/TKKSD"
    assert {a["pengguna"] for a in r.json()["anggota"]} == {pengguna["pd_dishub"].pk, pengguna["tkksd"].pk}
    assert RiwayatAudit.objects.get(kerjasama_id=kasus.pk, aksi="tim_pemilihan_ditetapkan").dasar_hukum == "Pasal 39 ayat (3)"
