"""The Wali Kota's approval dashboard (issue 7; spec README "What users see"): exactly what awaits the
logged-in signatory, nothing he may not see; signing from it takes the case's own transition and is
audited; a holder of a surat kuasa sees only the PKS of his surat kuasa (Perwal 57/2023 Ps 29(2))."""

import datetime

import pytest

from kerjasama import services
from kerjasama.permissions import PERM_TANDATANGANI, beri_akses
from ksdd.models import KasusKsdd, PerubahanPksKsdd
from tests.dasbor.conftest import WIB
from tests.pemetaan.factories import SiklusFactory

pytestmark = pytest.mark.django_db


def _kunci(r) -> list[str]:
    return [i.kunci for i in r.context["items"]]


def _form(r, nama="tandatangani_pks"):
    return next(f["form"] for f in r.context["forms"] if f["t"].name == nama)


def _tenggat(kasus, hari: datetime.date):
    return services.tenggat_mulai(aturan="masa_berlaku_perjanjian", kerjasama=kasus, mulai=hari - datetime.timedelta(days=30),
                                  jatuh_tempo=datetime.datetime.combine(hari, datetime.time(23, 59, 59), WIB))


def test_wali_kota_melihat_tepat_yang_menunggu_tanda_tangannya_tenggat_terdekat_dahulu(beku, pengguna, ksdd, klien):
    pks = ksdd("penandatanganan_pks")
    kb = ksdd("penandatanganan_kb")
    pks_tanpa_tenggat = ksdd("penandatanganan_pks")
    for trait in ("persiapan", "pembahasan_pks", "pelaksanaan", "persetujuan_dprd", "penyusunan_kb"):
        ksdd(trait)  # stages where someone else acts
    _tenggat(pks, datetime.date(2026, 3, 20))
    _tenggat(kb, datetime.date(2026, 3, 10))

    r = klien(pengguna["walikota"]).get("/dasbor/persetujuan/")

    assert r.status_code == 200
    assert _kunci(r) == [f"ks-{kb.pk}", f"ks-{pks.pk}", f"ks-{pks_tanpa_tenggat.pk}"]
    item = r.context["items"][1]
    assert item.dasar_hukum == "Perwal 57/2023 Pasal 29"  # the stage's Pasal; each step shows its own
    assert {a["nama"] for a in item.aksi} == {"tandatangani_pks", "beri_surat_kuasa"}
    assert r.context["terpilih"].kunci == f"ks-{kb.pk}"  # the oldest deadline opens first
    html = r.content.decode()
    # The KB step waits for its folder (issue 13): its Pasal is shown, the sign action is not.
    assert "Perwal 57/2023 Pasal 25, Pasal 26 ayat (1)" in html and "Menunggu Sekretariat TKKSD menyiapkan berkas" in html


@pytest.mark.parametrize("username", ["tkksd", "ketua", "auditor", "pd_dishub", "dprd", "mitra_bogor"])
def test_yang_bukan_penandatangan_tidak_melihat_apa_pun(beku, pengguna, ksdd, klien, username):
    ksdd("penandatanganan_pks")
    ksdd("penandatanganan_kb")
    r = klien(pengguna[username]).get("/dasbor/persetujuan/")
    assert r.status_code == 200
    assert _kunci(r) == []
    assert "Tidak ada yang menunggu tanda tangan" in r.content.decode()


def test_pemegang_surat_kuasa_hanya_melihat_pks_kuasanya(beku, pengguna, ksdd, klien, kadishub):
    pks = ksdd("penandatanganan_pks")
    ksdd("penandatanganan_pks")  # another PKS of his own PD, without a surat kuasa
    kb = ksdd("penandatanganan_kb")
    beri_akses(pks, user=kadishub, codename=PERM_TANDATANGANI)
    beri_akses(kb, user=kadishub, codename=PERM_TANDATANGANI)  # the KB is the Wali Kota's alone (Ps 25)

    r = klien(kadishub).get("/dasbor/persetujuan/")

    assert _kunci(r) == [f"ks-{pks.pk}"]
    # Ps 29(2): he signs the PKS; giving a surat kuasa stays with the Wali Kota.
    assert [a["nama"] for a in r.context["items"][0].aksi] == ["tandatangani_pks"]


def test_penandatanganan_dalam_pelaksanaan_ikut_tampil(beku, pengguna, ksdd, klien):
    """Ps 34: a signed amendment is the Wali Kota's, although the case stays in pelaksanaan."""
    kasus = ksdd("pelaksanaan")
    polos = ksdd("pelaksanaan")
    PerubahanPksKsdd.objects.create(kerjasama=kasus, ke=1, uraian="Penambahan rute", alasan="Permintaan warga",
                                    menambah_beban=False, status=PerubahanPksKsdd.Status.PENANDATANGANAN)
    r = klien(pengguna["walikota"]).get("/dasbor/persetujuan/")
    assert _kunci(r) == [f"ks-{kasus.pk}"]
    assert [a["nama"] for a in r.context["items"][0].aksi] == ["tandatangani_perubahan"]
    assert r.context["items"][0].dasar_hukum == "Perwal 57/2023 Pasal 34 ayat (1)"
    assert f"ks-{polos.pk}" not in _kunci(r)


def test_keputusan_pemetaan_menunggu_wali_kota(beku, pengguna, klien):
    """Ps 17–18: a mapping cycle sent to the Wali Kota waits for his Keputusan."""
    siklus = SiklusFactory(diajukan_ke_wali_kota=True)
    SiklusFactory(berita_acara=True)  # still with the Ketua TKKSD

    r = klien(pengguna["walikota"]).get("/dasbor/persetujuan/")
    assert _kunci(r) == [f"pemetaan-{siklus.pk}"]
    item = r.context["items"][0]
    assert item.dasar_hukum == "Perwal 57/2023 Pasal 17–18"
    assert item.aksi[0]["url"] == f"/pemetaan/siklus/{siklus.pk}/transisi/tetapkan/"
    assert f'href="/pemetaan/siklus/{siklus.pk}/transisi/tetapkan/"' in r.content.decode()

    assert _kunci(klien(pengguna["ketua"]).get("/dasbor/persetujuan/")) == []


def test_tahap_sudah_berubah_409(beku, pengguna, ksdd, klien):
    kasus = ksdd("penandatanganan_pks")
    selesai = ksdd("pelaksanaan")
    c = klien(pengguna["walikota"])
    data = {"nomor_pks": "X", "pks": kasus.rancangan_pks_id, "tanggal_penandatanganan": "2026-03-02",
            "tanggal_mulai": "2026-03-02", "tanggal_berakhir": "2027-03-01", "penandatangan_mitra": "Wali Kota Bogor"}
    # the page was loaded at an earlier stage
    r = c.post(f"/dasbor/persetujuan/{kasus.pk}/tandatangani_pks/", {**data, "_tahap": "pembahasan_pks"})
    assert r.status_code == 409
    # the case was already signed
    r = c.post(f"/dasbor/persetujuan/{selesai.pk}/tandatangani_pks/", data)
    assert r.status_code == 409
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"


def test_langkah_lain_tidak_diambil_dari_dasbor(beku, pengguna, ksdd, klien):
    kasus = ksdd("pembahasan_pks")
    r = klien(pengguna["tkksd"]).post(f"/dasbor/persetujuan/{kasus.pk}/setujui_rancangan_pks/", {})
    assert r.status_code == 404
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "pembahasan_pks"


# --- the Sekretariat prepares the signing folder ---------------------------------------------------


def test_kasus_pelaksanaan_tanpa_tanda_tangan_tidak_diperiksa_satu_per_satu(beku, pengguna, ksdd):
    """At city scale pelaksanaan holds thousands of cases: the dashboard selects in SQL only those with
    something awaiting signature (kerjasama.alur.kandidat_sql), so its query count does not grow with them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dasbor.selectors import persetujuan_list

    kasus = ksdd("pelaksanaan")
    PerubahanPksKsdd.objects.create(kerjasama=kasus, ke=1, uraian="Penambahan rute", alasan="Permintaan warga",
                                    menambah_beban=False, status=PerubahanPksKsdd.Status.PENANDATANGANAN)

    def hitung() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as q:
            kunci = [i.kunci for i in persetujuan_list(user=pengguna["walikota"])]
        return len(q), kunci

    ksdd("pelaksanaan")
    hitung()  # warm the per-request caches (content types, permission grants)
    sedikit, kunci_sedikit = hitung()
    for _ in range(5):
        ksdd("pelaksanaan")
    banyak, kunci_banyak = hitung()
    assert kunci_sedikit == kunci_banyak == [f"ks-{kasus.pk}"]
    assert banyak == sedikit


def test_dokumen_yang_dibaca_dipilih_dalam_satu_query_untuk_seluruh_dasbor(beku, pengguna, ksdd):
    """Each item shows the document the signatory reads (the agreed draft PKS before any other PDF); the
    dashboard picks them for every item at once, so its query count does not grow with the items."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dasbor.selectors import persetujuan_list
    from ksdd.dokumen_contoh import berkas_contoh

    def kasus_dengan_pks(judul):
        k = ksdd("penandatanganan_pks", judul=judul)
        services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=k, jenis="pks", judul=f"Rancangan PKS {judul}",
                                berkas=berkas_contoh(judul), periksa_izin=False)
        services.dokumen_unggah(by=pengguna["tkksd"], kerjasama=k, jenis="laporan", judul=f"Laporan {judul}",
                                berkas=berkas_contoh(judul + "-lap"), periksa_izin=False)
        return k

    def hitung():
        with CaptureQueriesContext(connection) as q:
            items = persetujuan_list(user=pengguna["walikota"])
        return len(q), {i.kunci: i.dokumen_versi.dokumen.judul for i in items}

    pertama = kasus_dengan_pks("A")
    hitung()  # warm the per-request caches
    sedikit, dok = hitung()
    assert dok == {f"ks-{pertama.pk}": "Rancangan PKS A"}  # the PKS draft, not the later report PDF
    lain = [kasus_dengan_pks(j) for j in "BCD"]
    banyak, dok = hitung()
    assert dok == {f"ks-{k.pk}": f"Rancangan PKS {j}" for k, j in zip([pertama, *lain], "ABCD", strict=True)}
    assert banyak == sedikit
