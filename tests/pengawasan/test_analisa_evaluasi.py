"""Perwal 57/2023 Pasal 85 ayat (4): an evaluation analyses a. the partner's rights and obligations under
the PKS (or tasks under the KB), b. a site visit, *dan* c. interviews and documentation. Each is a required
part of the evaluation with its finding and evidence; the report is not submitted, nor accepted, until all
three are filled; huruf a is never met vacuously (no partner obligation recorded → record them first, or
state with a reason that the agreement stipulates none, audited)."""

import io

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from kerjasama import services as inti
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.models import Kewajiban, RiwayatAudit
from pengawasan import ekspor, selectors, services
from pengawasan.models import BagianEvaluasi, KegiatanPengawasan
from tests.pengawasan.factories import (
    ALASAN_TANPA_KEWAJIBAN,
    KegiatanPengawasanFactory,
    bagian_lengkap,
    baris_matrik,
    berkas_pdf,
    lampiran_lengkap,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/pengawasan/kegiatan/"


def _kewajiban(ks, by, *, mitra=2):
    daftar = [{"pihak": "mitra", "uraian": f"Kewajiban mitra {i}", "dasar": f"PKS Pasal {4 + i}"} for i in range(mitra)]
    daftar.append({"pihak": "daerah", "uraian": "Menyediakan lahan", "dasar": "PKS Pasal 3"})
    inti.kewajiban_atur(kerjasama=ks, by=by, daftar=daftar)
    return list(ks.kewajiban.filter(pihak="mitra"))


def _evaluasi(ks, by, **kw):
    """An evaluation carried out, with every Ps 88 attachment and a matrix row, its analysis still empty."""
    k = KegiatanPengawasanFactory(kerjasama=ks, by=by, jenis="evaluasi", dilaksanakan=True, **kw)
    lampiran_lengkap(k, by=by)
    baris_matrik(k, by=by)
    return k


def _dokumen(k, jenis):
    return selectors.dokumen_kegiatan(k).get(jenis=jenis)


def _ajukan(k, by):
    return services.kegiatan_ajukan_laporan(kegiatan=k, by=by, ringkasan_laporan="Ringkasan.")


# --- huruf a ------------------------------------------------------------------------------------------


def test_ps85_ayat4_huruf_a_diterima_dengan_penilaian_setiap_kewajiban_mitra(ks, pengguna):
    """Ps 85(4) huruf a: every partner obligation assessed; the assessments are the recorded data cited."""
    tkksd = pengguna["tkksd"]
    mitra = _kewajiban(ks, tkksd)
    k = _evaluasi(ks, tkksd)  # the factory assessed every partner obligation at laksanakan
    b = services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="Kedua kewajiban belum dipenuhi.")
    assert b.rujukan.startswith(f"Penilaian pelaksanaan {len(mitra)} kewajiban mitra")
    status = {s.huruf: s for s in selectors.bagian_evaluasi_status(k)}
    assert status["a"].lengkap and not status["b"].lengkap


def test_ps85_ayat4_huruf_a_menilai_ulang_kewajiban_saat_diisi(ks, pengguna):
    """Ps 85(4) huruf a: the part may (re)assess each obligation; the assessments are replaced."""
    tkksd = pengguna["tkksd"]
    mitra = _kewajiban(ks, tkksd)
    k = _evaluasi(ks, tkksd)
    services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="Dipenuhi.", rujukan="Laporan mitra I",
                                    penilaian={kw.pk: ("dipenuhi", "Sesuai") for kw in mitra})
    assert set(k.penilaian.values_list("status", flat=True)) == {"dipenuhi"}


def test_ps85_ayat4_huruf_a_ditolak_bila_kewajiban_mitra_tidak_dinilai(ks, pengguna):
    """Ps 85(4) huruf a: an assessment that leaves out a partner obligation is refused, naming it."""
    tkksd = pengguna["tkksd"]
    k = _evaluasi(ks, tkksd)  # no obligation at laksanakan
    mitra = _kewajiban(ks, tkksd)  # recorded afterwards: not assessed yet
    with pytest.raises(ValidationError) as exc:
        services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="T", rujukan="R",
                                        penilaian={mitra[0].pk: ("dipenuhi", "")})
    assert exc.value.message_dict["penilaian"] == [
        "Nilai pelaksanaan kewajiban mitra: Kewajiban mitra 1 (PKS Pasal 5) (Perwal 57/2023 Pasal 85 ayat (4) huruf a)."]
    assert not BagianEvaluasi.objects.filter(kegiatan=k).exists()


def test_ps85_ayat4_huruf_a_tanpa_kewajiban_tercatat_tidak_terpenuhi_tanpa_pernyataan(ks, pengguna):
    """Ps 85(4) huruf a, the vacuous case: nothing recorded to evaluate is not a pass."""
    tkksd = pengguna["tkksd"]
    k = _evaluasi(ks, tkksd)
    assert not Kewajiban.objects.filter(kerjasama=ks).exists()
    with pytest.raises(ValidationError) as exc:
        services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="Tidak ada yang dinilai.",
                                        rujukan="PKS")
    assert "belum mencatat kewajiban mitra" in exc.value.message_dict["tanpa_kewajiban"][0]
    assert "Pasal 85 ayat (4) huruf a" in exc.value.message_dict["tanpa_kewajiban"][0]
    bagian_lengkap(k, by=tkksd, kecuali=("a",))
    with pytest.raises(ValidationError) as exc:
        _ajukan(k, tkksd)
    assert exc.value.message_dict["bagian_evaluasi"] == [
        "Analisa evaluasi huruf a (Pelaksanaan hak dan kewajiban PKS atau tugas dan kewenangan KB oleh Mitra Kerja "
        "Sama): belum diisi (temuan dan bukti wajib); Kerja sama ini belum mencatat kewajiban mitra: catat dulu "
        "kewajiban mitra dari PKS/KB, atau nyatakan bahwa perjanjian tidak menetapkan kewajiban bagi mitra beserta "
        "alasannya (Perwal 57/2023 Pasal 85 ayat (4) huruf a)."]
    assert KegiatanPengawasan.objects.get(pk=k.pk).tahap == "dilaksanakan"


def test_ps85_ayat4_huruf_a_daerah_saja_tetap_dianggap_tanpa_kewajiban_mitra(ks, pengguna):
    """Ps 85(4) huruf a evaluates what the *partner* carried out: only the city's obligations recorded is
    still the vacuous case."""
    tkksd = pengguna["tkksd"]
    inti.kewajiban_atur(kerjasama=ks, by=tkksd, daftar=[{"pihak": "daerah", "uraian": "Menyediakan lahan"}])
    k = _evaluasi(ks, tkksd)
    with pytest.raises(ValidationError, match="belum mencatat kewajiban mitra"):
        services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="T", rujukan="R")


def test_ps85_ayat4_huruf_a_pernyataan_tanpa_kewajiban_wajib_beralasan_dan_diaudit(ks, pengguna):
    """Ps 85(4) huruf a: the statement that the agreement stipulates no partner obligation needs its reason
    and is audited on its own, with who and why."""
    tkksd = pengguna["tkksd"]
    k = _evaluasi(ks, tkksd)
    with pytest.raises(ValidationError) as exc:
        services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="T", rujukan="PKS Pasal 3",
                                        tanpa_kewajiban=True, alasan_tanpa_kewajiban="  ")
    assert "alasan_tanpa_kewajiban" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # the statement, too, cites its evidence (the PKS itself)
        services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="T", tanpa_kewajiban=True,
                                        alasan_tanpa_kewajiban=ALASAN_TANPA_KEWAJIBAN)
    assert "Pasal 85 ayat (4) huruf a" in exc.value.message_dict["rujukan"][0]
    b = services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="PKS koordinasi saja.",
                                        rujukan="PKS Pasal 3", tanpa_kewajiban=True,
                                        alasan_tanpa_kewajiban=ALASAN_TANPA_KEWAJIBAN)
    assert b.tanpa_kewajiban and selectors.bagian_evaluasi_status(k)[0].lengkap
    audit = RiwayatAudit.objects.get(kerjasama=ks, aksi="kegiatan_tanpa_kewajiban_dinyatakan")
    assert audit.oleh == tkksd and audit.komentar == ALASAN_TANPA_KEWAJIBAN
    assert audit.dasar_hukum == "Perwal 57/2023 Pasal 85 ayat (4) huruf a"
    bagian_lengkap(k, by=tkksd, kecuali=("a",))
    assert _ajukan(k, tkksd).tahap == "laporan_diajukan"


def test_ps85_ayat4_huruf_a_pernyataan_tidak_berlaku_bila_kewajiban_mitra_tercatat(ks, pengguna):
    """Ps 85(4) huruf a: recorded partner obligations are assessed; the "none" statement is refused, and a
    statement made before obligations were recorded no longer lets the report through."""
    tkksd = pengguna["tkksd"]
    k = _evaluasi(ks, tkksd)
    bagian_lengkap(k, by=tkksd)  # a: the statement (nothing recorded yet)
    _kewajiban(ks, tkksd, mitra=1)
    with pytest.raises(ValidationError) as exc:
        _ajukan(k, tkksd)
    assert "pernyataan \u201ctidak ada kewajiban\u201d tidak dapat dipakai" in exc.value.message_dict["bagian_evaluasi"][0]
    with pytest.raises(ValidationError) as exc:
        services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="a", temuan="T", rujukan="R",
                                        tanpa_kewajiban=True, alasan_tanpa_kewajiban="Tidak ada.")
    assert "tanpa_kewajiban" in exc.value.message_dict


def test_ps85_ayat4_huruf_a_kewajiban_dicatat_dulu_dari_evaluasi_lalu_dinilai(ks, pengguna, anggota):
    """Ps 85(4) huruf a: the team records the PKS obligations from the evaluation (audited), then assesses them;
    an existing list is never overwritten from here."""
    k = _evaluasi(ks, anggota)
    with pytest.raises(ValidationError, match="paling sedikit satu kewajiban mitra"):
        services.kegiatan_kewajiban_catat(kegiatan=k, by=anggota, daftar=[{"pihak": "daerah", "uraian": "Lahan"}])
    services.kegiatan_kewajiban_catat(kegiatan=k, by=anggota, daftar=[
        {"pihak": "mitra", "uraian": "Membangun 4 halte", "dasar": "PKS Pasal 4"},
        {"pihak": "daerah", "uraian": "Menyediakan lahan", "dasar": "PKS Pasal 5"}])
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="kegiatan_kewajiban_dicatat",
                                       dasar_hukum="Perwal 57/2023 Pasal 85 ayat (4) huruf a").count() == 1
    with pytest.raises(ValidationError, match="sudah mencatat kewajiban"):
        services.kegiatan_kewajiban_catat(kegiatan=k, by=anggota, daftar=[{"pihak": "mitra", "uraian": "Lain"}])
    halte = ks.kewajiban.get(pihak="mitra")
    services.bagian_evaluasi_simpan(kegiatan=k, by=anggota, huruf="a", temuan="Baru 2 halte.",
                                    penilaian={halte.pk: ("sebagian", "2 dari 4")})
    assert selectors.bagian_evaluasi_status(k)[0].lengkap


# --- huruf b and c ------------------------------------------------------------------------------------


@pytest.mark.parametrize("huruf", ["b", "c"])
def test_ps85_ayat4_huruf_b_dan_c_diterima_dengan_dokumen_atau_rujukan(ks, pengguna, huruf):
    """Ps 85(4) huruf b (tinjau lokasi) and c (wawancara dan dokumentasi): finding + evidence."""
    tkksd = pengguna["tkksd"]
    k = _evaluasi(ks, tkksd)
    services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf=huruf, temuan="Temuan.",
                                    dokumen=_dokumen(k, "berita_acara"))
    b = services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf=huruf, temuan="Temuan diperbarui.",
                                        rujukan="Laporan mitra semester I, foto halaman 4")
    assert BagianEvaluasi.objects.filter(kegiatan=k, huruf=huruf).count() == 1 and b.dokumen is None
    k.refresh_from_db()
    assert (k.tinjau_lokasi if huruf == "b" else k.wawancara_dokumentasi)
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="kegiatan_bagian_evaluasi_disimpan",
                                       dasar_hukum=f"Perwal 57/2023 Pasal 85 ayat (4) huruf {huruf}").count() == 2


@pytest.mark.parametrize(("huruf", "kurang"), [("a", "temuan"), ("b", "temuan"), ("c", "temuan"), ("b", "bukti"),
                                               ("c", "bukti")])
def test_ps85_ayat4_bagian_tanpa_temuan_atau_bukti_ditolak(ks, pengguna, huruf, kurang):
    """Ps 85(4) huruf a–c: a part without its finding or its evidence is refused, citing its huruf. (Huruf a with
    its obligations assessed cites the recorded assessments as evidence: see the tests above.)"""
    tkksd = pengguna["tkksd"]
    _kewajiban(ks, tkksd)
    k = _evaluasi(ks, tkksd)
    data = {"temuan": "" if kurang == "temuan" else "Temuan.",
            "dokumen": None if kurang == "bukti" else _dokumen(k, "notulensi")}
    with pytest.raises(ValidationError) as exc:
        services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf=huruf, **data)
    kunci = "temuan" if kurang == "temuan" else "rujukan"
    assert f"Pasal 85 ayat (4) huruf {huruf}" in exc.value.message_dict[kunci][0]
    assert not BagianEvaluasi.objects.filter(kegiatan=k).exists()


def test_ps85_ayat4_dokumen_bukti_harus_dari_kegiatan_atau_kerja_sama_ini(ks, ks_lain, pengguna):
    tkksd = pengguna["tkksd"]
    k = _evaluasi(ks, tkksd)
    lain = inti.dokumen_unggah(by=tkksd, kerjasama=ks_lain, jenis="laporan", judul="Laporan lain",
                               berkas=berkas_pdf()).dokumen
    with pytest.raises(ValidationError) as exc:
        services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="b", temuan="T", dokumen=lain)
    assert "dokumen" in exc.value.message_dict
    milik_ks = inti.dokumen_unggah(by=tkksd, kerjasama=ks, jenis="laporan", judul="Laporan", berkas=berkas_pdf()).dokumen
    assert services.bagian_evaluasi_simpan(kegiatan=k, by=tkksd, huruf="b", temuan="T", dokumen=milik_ks).pk


# --- the gate: ajukan_laporan and terima_laporan -------------------------------------------------------


@pytest.mark.parametrize("huruf", ["a", "b", "c"])
def test_ps85_ayat4_laporan_evaluasi_ditolak_per_huruf_yang_kurang(ks, pengguna, huruf):
    """Ps 85(4) huruf a–c: the report is refused while one part is missing, naming exactly that huruf."""
    tkksd = pengguna["tkksd"]
    _kewajiban(ks, tkksd)
    k = _evaluasi(ks, tkksd)
    bagian_lengkap(k, by=tkksd, kecuali=(huruf,))
    with pytest.raises(ValidationError) as exc:
        _ajukan(k, tkksd)
    pesan = exc.value.message_dict["bagian_evaluasi"]
    assert len(pesan) == 1 and pesan[0].startswith(f"Analisa evaluasi huruf {huruf} (")
    assert pesan[0].endswith(f"(Perwal 57/2023 Pasal 85 ayat (4) huruf {huruf}).")
    assert KegiatanPengawasan.objects.get(pk=k.pk).tahap == "dilaksanakan"
    assert not RiwayatAudit.objects.filter(kerjasama=ks, aksi="kegiatan_ajukan_laporan").exists()
    bagian_lengkap(k, by=tkksd, kecuali=tuple({"a", "b", "c"} - {huruf}))
    assert _ajukan(k, tkksd).tahap == "laporan_diajukan"


def test_ps85_ayat4_ketua_tidak_menerima_evaluasi_tanpa_analisa_lengkap(ks, pengguna, pdf_cepat):
    """Ps 85(4): a report submitted before the parts were required (no parts recorded) is not finished by
    the Ketua TKKSD; returned, the team completes it and it is accepted."""
    tkksd, ketua = pengguna["tkksd"], pengguna["ketua"]
    k = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, ketua=ketua, jenis="evaluasi", laporan_diajukan=True)
    BagianEvaluasi.objects.filter(kegiatan=k, huruf="c").delete()  # as an older submission would lack it
    with pytest.raises(ValidationError) as exc:
        services.kegiatan_terima_laporan(kegiatan=k, by=ketua)
    assert exc.value.message_dict["bagian_evaluasi"][0].endswith("(Perwal 57/2023 Pasal 85 ayat (4) huruf c).")
    assert KegiatanPengawasan.objects.get(pk=k.pk).tahap == "laporan_diajukan"
    k = services.kegiatan_kembalikan_laporan(kegiatan=k, by=ketua, alasan="Lengkapi analisa huruf c.")
    bagian_lengkap(k, by=tkksd, kecuali=("a", "b"))
    k = _ajukan(k, tkksd)
    assert services.kegiatan_terima_laporan(kegiatan=k, by=ketua).tahap == "diterima"


def test_ps85_ayat4_analisa_hanya_untuk_evaluasi_setelah_dilaksanakan(ks, pengguna, anggota):
    tkksd = pengguna["tkksd"]
    pemantauan = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, dilaksanakan=True)
    with pytest.raises(ValidationError, match="hanya untuk kegiatan evaluasi"):
        services.bagian_evaluasi_simpan(kegiatan=pemantauan, by=tkksd, huruf="b", temuan="T", rujukan="R")
    assert selectors.bagian_evaluasi_status(pemantauan) == []
    rencana = KegiatanPengawasanFactory(kerjasama=ks, by=tkksd, jenis="evaluasi")
    with pytest.raises(TransisiTidakTersedia, match="setelah pelaksanaan dicatat"):
        services.bagian_evaluasi_simpan(kegiatan=rencana, by=tkksd, huruf="b", temuan="T", rujukan="R")


@pytest.mark.parametrize("siapa", ["auditor", "pd_dishub", "ketua", "mitra_bogor"])
def test_ps85_ayat4_hanya_tim_atau_sekretariat_mengisi_analisa(ks, pengguna, siapa):
    k = _evaluasi(ks, pengguna["tkksd"])
    with pytest.raises(PermissionDenied):
        services.bagian_evaluasi_simpan(kegiatan=k, by=pengguna[siapa], huruf="b", temuan="T", rujukan="R")
    with pytest.raises(PermissionDenied):
        services.kegiatan_kewajiban_catat(kegiatan=k, by=pengguna[siapa], daftar=[{"pihak": "mitra", "uraian": "X"}])


# --- API ------------------------------------------------------------------------------------------------


def test_ps85_ayat4_api_analisa_dan_kewajiban(ks, pengguna, api, anggota):
    """Ps 85(4) over the API: GET lists the three parts; POST fills one (400 per huruf, 403 for a reader);
    the obligations are recorded first for huruf a."""
    k = _evaluasi(ks, anggota)
    c = api(anggota)
    r = c.get(f"{URL}{k.pk}/analisa/")
    assert r.status_code == 200 and [b["huruf"] for b in r.json()] == ["a", "b", "c"]
    assert not any(b["lengkap"] for b in r.json())
    r = c.post(f"{URL}{k.pk}/analisa/", {"huruf": "a", "temuan": "T", "rujukan": "R"}, format="json")
    assert r.status_code == 400 and "Pasal 85 ayat (4) huruf a" in r.json()["tanpa_kewajiban"][0]
    r = c.post(f"{URL}{k.pk}/analisa/", {"huruf": "b", "temuan": "T"}, format="json")
    assert r.status_code == 400 and "Pasal 85 ayat (4) huruf b" in r.json()["rujukan"][0]
    r = c.post(f"{URL}{k.pk}/analisa/", {"huruf": "d", "temuan": "T"}, format="json")
    assert r.status_code == 400 and "huruf" in r.json()
    r = api(pengguna["auditor"]).post(f"{URL}{k.pk}/analisa/", {"huruf": "b", "temuan": "T", "rujukan": "R"},
                                      format="json")
    assert r.status_code == 403

    r = c.post(f"{URL}{k.pk}/kewajiban/", {"kewajiban": [{"pihak": "mitra"}]}, format="json")
    assert r.status_code == 400
    r = c.post(f"{URL}{k.pk}/kewajiban/", {"kewajiban": [
        {"pihak": "mitra", "uraian": "Membangun halte", "dasar": "PKS Pasal 4"}]}, format="json")
    assert r.status_code == 201 and r.json()[0]["uraian"] == "Membangun halte"
    kw = r.json()[0]["id"]
    r = c.post(f"{URL}{k.pk}/analisa/", {"huruf": "a", "temuan": "Belum dibangun.", "penilaian": [
        {"kewajiban": kw, "status": "tidak_dipenuhi", "catatan": "0 dari 4"}]}, format="json")
    assert r.status_code == 201, r.content
    assert r.json()[0]["lengkap"] and r.json()[0]["rujukan"].startswith("Penilaian pelaksanaan 1 kewajiban mitra")
    detail = c.get(f"{URL}{k.pk}/").json()
    assert detail["bagian_evaluasi"][0]["lengkap"] and detail["penilaian"][0]["status"] == "tidak_dipenuhi"


def test_ps85_ayat4_api_pernyataan_tanpa_kewajiban(ks, api, anggota):
    k = _evaluasi(ks, anggota)
    r = api(anggota).post(f"{URL}{k.pk}/analisa/", {
        "huruf": "a", "temuan": "PKS koordinasi.", "rujukan": "PKS Pasal 3", "tanpa_kewajiban": True,
        "alasan_tanpa_kewajiban": ALASAN_TANPA_KEWAJIBAN}, format="json")
    assert r.status_code == 201 and r.json()[0]["tanpa_kewajiban"] and r.json()[0]["lengkap"]
    assert RiwayatAudit.objects.filter(kerjasama=ks, aksi="kegiatan_tanpa_kewajiban_dinyatakan").exists()


# --- web ------------------------------------------------------------------------------------------------


def test_ps85_ayat4_halaman_analisa_evaluasi(ks, pengguna, klien, anggota):
    """Ps 85(4) on the web: the activity page lists the parts; each form refuses (400) a missing finding or
    evidence and saves a complete one; the obligations form records them first; submitting names the huruf."""
    k = _evaluasi(ks, anggota)
    c = klien(anggota)
    halaman = c.get(f"/pengawasan/kegiatan/{k.pk}/").content.decode()
    assert 'data-testid="analisa"' in halaman and 'data-testid="kewajiban-kosong"' in halaman
    assert f"/pengawasan/kegiatan/{k.pk}/analisa/b/" in halaman

    r = c.post(f"/pengawasan/kegiatan/{k.pk}/analisa/b/", {"temuan": "Lahan kosong."})
    assert r.status_code == 400 and "Pasal 85 ayat (4) huruf b" in r.content.decode()
    r = c.post(f"/pengawasan/kegiatan/{k.pk}/analisa/b/", {"temuan": "Lahan kosong.",
                                                          "dokumen": _dokumen(k, "berita_acara").pk})
    assert r.status_code == 302 and r["Location"].endswith("#analisa")
    assert c.get(f"/pengawasan/kegiatan/{k.pk}/analisa/d/").status_code == 404

    r = c.get(f"/pengawasan/kegiatan/{k.pk}/analisa/a/")
    assert r.status_code == 200 and 'data-testid="kewajiban-kosong"' in r.content.decode()
    r = c.post(f"/pengawasan/kegiatan/{k.pk}/kewajiban/", {"kewajiban_mitra": "Membangun 4 halte | PKS Pasal 4",
                                                          "kewajiban_daerah": "Menyediakan lahan | PKS Pasal 5"})
    assert r.status_code == 302
    halte = ks.kewajiban.get(pihak="mitra")
    assert halte.dasar == "PKS Pasal 4"
    r = c.post(f"/pengawasan/kegiatan/{k.pk}/analisa/a/", {"temuan": "Baru 2 halte.", f"penilaian_{halte.pk}": "sebagian",
                                                          f"catatan_{halte.pk}": "2 dari 4"})
    assert r.status_code == 302

    r = c.post(f"/pengawasan/kegiatan/{k.pk}/transisi/ajukan_laporan/", {"_tahap": "dilaksanakan",
                                                                        "ringkasan_laporan": "Ringkas."})
    html = r.content.decode()
    assert r.status_code == 400 and "(Perwal 57/2023 Pasal 85 ayat (4) huruf c)." in html
    assert "huruf a (" not in html and "huruf b (" not in html
    r = c.post(f"/pengawasan/kegiatan/{k.pk}/analisa/c/", {"temuan": "Wawancara pengelola.",
                                                          "rujukan": "Notulensi FGD"})
    assert r.status_code == 302
    r = c.post(f"/pengawasan/kegiatan/{k.pk}/transisi/ajukan_laporan/", {"_tahap": "dilaksanakan",
                                                                        "ringkasan_laporan": "Ringkas."})
    assert r.status_code == 302


def test_ps85_ayat4_ketua_menerima_lewat_halaman_ditolak_menyebut_huruf(ks, pengguna, klien, pdf_cepat):
    """Ps 85(4) huruf b: the Ketua TKKSD's acceptance page lists the parts and refuses (400) with the huruf."""
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], ketua=pengguna["ketua"], jenis="evaluasi",
                                  laporan_diajukan=True)
    BagianEvaluasi.objects.filter(kegiatan=k, huruf="b").delete()
    c = klien(pengguna["ketua"])
    url = f"/pengawasan/kegiatan/{k.pk}/transisi/terima_laporan/"
    assert 'data-testid="analisa"' in c.get(url).content.decode()
    r = c.post(url, {"_tahap": "laporan_diajukan"})
    assert r.status_code == 400 and "(Perwal 57/2023 Pasal 85 ayat (4) huruf b)." in r.content.decode()
    assert KegiatanPengawasan.objects.get(pk=k.pk).tahap == "laporan_diajukan"


def test_ps85_ayat4_formulir_laksanakan_evaluasi_mengingatkan_kewajiban_kosong(ks, pengguna, klien):
    """Ps 85(4) huruf a: carrying out an evaluation of a cooperation without obligations warns up front."""
    k = KegiatanPengawasanFactory(kerjasama=ks, by=pengguna["tkksd"], jenis="evaluasi")
    html = klien(pengguna["tkksd"]).get(f"/pengawasan/kegiatan/{k.pk}/transisi/laksanakan/").content.decode()
    assert 'data-testid="kewajiban-kosong"' in html and "Pasal 85 ayat (4) huruf a" in html


def test_ps85_ayat4_formulir_analisa_403_bagi_pembaca(ks, pengguna, klien):
    k = _evaluasi(ks, pengguna["tkksd"])
    c = klien(pengguna["auditor"])
    assert c.get(f"/pengawasan/kegiatan/{k.pk}/analisa/b/").status_code == 403
    assert c.post(f"/pengawasan/kegiatan/{k.pk}/kewajiban/", {"kewajiban_mitra": "X"}).status_code == 403


# --- the matrix exports ---------------------------------------------------------------------------------


def test_ps85_ayat4_matrik_pdf_dan_excel_memuat_analisa(ks, pengguna):
    """The evaluation matrix (Ps 85(6)) shows the analysis of Ps 85(4) huruf a–c, evidence included."""
    from django.template.loader import render_to_string

    from openpyxl import load_workbook

    tkksd = pengguna["tkksd"]
    _kewajiban(ks, tkksd, mitra=1)
    k = _evaluasi(ks, tkksd)
    bagian_lengkap(k, by=tkksd)
    html = render_to_string("pengawasan/dokumen/matrik.html", services._konteks_laporan(k))
    assert "Pasal 85 ayat (4) huruf a–c" in html
    for huruf in "abc":
        assert f"Temuan analisa huruf {huruf}." in html
    assert "Kewajiban mitra 0 (PKS Pasal 4): Tidak dipenuhi" in html
    assert "Berita acara" in html and "Notulensi FGD dan wawancara" in html

    wb = load_workbook(io.BytesIO(ekspor.matrik_xlsx(k)))
    ws = wb["Analisa Ps 85(4)"]
    baris = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_row=6)]
    assert [b[0][:2] for b in baris] == ["a.", "b.", "c."]
    assert [b[1] for b in baris] == ["Temuan analisa huruf a.", "Temuan analisa huruf b.", "Temuan analisa huruf c."]
    assert baris[0][3].startswith("Kewajiban mitra 0 (PKS Pasal 4): Tidak dipenuhi")
    assert baris[1][2].startswith("Dokumen: Berita acara") and all(b[4] == "lengkap" for b in baris)


def test_ps85_ayat4_kerja_sama_lain_tanpa_kewajiban_tidak_terpengaruh(ks, ks_lain, pengguna):
    """Obligations recorded from one evaluation stay with its own cooperation."""
    k = _evaluasi(ks, pengguna["tkksd"])
    services.kegiatan_kewajiban_catat(kegiatan=k, by=pengguna["tkksd"], daftar=[{"pihak": "mitra", "uraian": "X"}])
    assert not ks_lain.kewajiban.exists() and ks.kewajiban.count() == 1


# --- the legal-fidelity registry ------------------------------------------------------------------------


def test_ps85_ayat4_huruf_a_sampai_c_terdaftar_di_registri_fidelitas():
    """Pasal 85 ayat (4) huruf a, b and c are registered provisions (kerjasama/fidelitas.py RINCIAN): each is
    enforced in pengawasan/services.py and cited by this module's tests; a range "huruf a–c" counts for each."""
    from pathlib import Path

    from django.conf import settings

    from kerjasama.fidelitas import RINCIAN, _rincian, kumpulkan

    kode, uji = kumpulkan(Path(settings.BASE_DIR))
    for huruf in "abc":
        kunci = f"Ps 85(4) huruf {huruf}"
        assert kunci in RINCIAN
        assert "pengawasan/services.py" in kode[kunci] and "pengawasan/selectors.py" in kode[kunci]
        assert any(t.startswith("tests/pengawasan/test_analisa_evaluasi.py::test_ps85_ayat4_laporan_evaluasi_ditolak")
                   for t in uji[kunci])
    assert _rincian("Perwal 57/2023 Pasal 85 ayat (4) huruf a–c") == {f"Ps 85(4) huruf {h}" for h in "abc"}
    assert _rincian("", "test_ps85_ayat4_huruf_b_dan_c_x") == {"Ps 85(4) huruf b", "Ps 85(4) huruf c"}
    assert _rincian("Pasal 85 ayat (6) huruf a") == set()  # not registered
