"""The load test's signing scenario (benchmarks/persetujuan.py, run by benchmarks/locustfile.py) against the
real approval dashboard, in a tiny bench city made by benchmarks/generate.py: the generator prepares a signing
folder (FINAL naskah PDF, SHA-256 recorded) for each domestic case awaiting signature and a demo certificate for
the Wali Kota; the scenario opens the dashboard, reads the naskah's page images and signs electronically through
`/dasbor/persetujuan/<id>/<langkah>/tte/`. A 409 from that endpoint is a failure of the load test, never a
success (issue 13: a signature is taken only from a prepared folder, Perwal 57/2023 Ps 29)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.test import Client

import pytest

from benchmarks import generate
from benchmarks.masuk import kode_totp, kunci_totp, masuk
from benchmarks.persetujuan import (
    NAMA_HALAMAN,
    NAMA_TTD,
    buka_item,
    hasil_tanda_tangan,
    kirim_tanda_tangan,
    tanda_tangan,
)
from kerjasama.constants import StatusDokumen
from kerjasama.models import KerjaSama, Pengguna, VersiDokumen
from tte import services as tte
from tte.models import BerkasTandaTangan, Pejabat

LOCUSTFILE = Path(__file__).resolve().parents[2] / "benchmarks" / "locustfile.py"
KOTA_MINI = {"mitra": 200, "kerjasama": 200, "versi": 400, "tenggat": 50, "tenggat_jatuh": 5, "audit": 50, "ttd": 2}


class _Jawaban:
    """A Django test response as locust's response (its `catch_response` context manager included)."""

    def __init__(self, r, catatan: list, nama: str, tangkap: bool):
        self.status_code, self.text = r.status_code, r.content.decode("utf-8", "replace")
        self._catatan, self._nama, self._hasil = catatan, nama, None
        if not tangkap:  # locust: a request without catch_response fails on an HTTP error status
            catatan.append((nama, "ok" if r.status_code < 400 else "gagal", str(r.status_code)))

    def success(self):
        self._hasil = ("ok", "")

    def failure(self, pesan):
        self._hasil = ("gagal", str(pesan))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._catatan.append((self._nama, *(self._hasil or ("ok" if self.status_code < 400 else "gagal", ""))))


class SesiLocust:
    """locust's HttpSession over Django's test client (CSRF enforced, as a browser's session is)."""

    def __init__(self, user=None):
        self.client = Client(enforce_csrf_checks=True)
        if user is not None:
            self.client.force_login(user)
        self.catatan: list[tuple[str, str, str]] = []

    def get(self, url, params=None, name=None, catch_response=False, allow_redirects=True, **_):
        r = self.client.get(url, params or {}, follow=allow_redirects)
        return _Jawaban(r, self.catatan, name or url, catch_response)

    def post(self, url, data=None, name=None, catch_response=False, allow_redirects=True, headers=None, **_):
        r = self.client.post(url, data or {}, follow=allow_redirects)
        return _Jawaban(r, self.catatan, name or url, catch_response)


@pytest.fixture
def kota(db, settings, tmp_path):
    settings.SIKSD_TTE_BACKEND = "lokal"
    settings.SIKSD_TTE_P12_DIR = str(tmp_path / "tte")
    settings.SIKSD_TTE_AKAR = []
    generate.bangun(KOTA_MINI)
    assert generate.autentikator_uji() > 0
    assert generate.sertifikat_penandatangan() == ["bench_walikota"]
    assert generate.siapkan_penandatanganan() == KOTA_MINI["ttd"]
    return Pengguna.objects.get(username="bench_walikota")


def test_generator_prepares_a_folder_per_case_awaiting_signature_and_the_certificate(kota, settings):
    """Ps 29: the Sekretariat prepares the folder (FINAL version, SHA-256) and names the Wali Kota."""
    berkas = list(BerkasTandaTangan.objects.select_related("versi", "persiapan__kerjasama"))
    assert len(berkas) == KOTA_MINI["ttd"]
    for b in berkas:
        assert b.status == BerkasTandaTangan.Status.SIAP and b.cara == BerkasTandaTangan.Cara.ELEKTRONIK
        assert b.penandatangan_id == kota.pk
        assert b.versi.status == StatusDokumen.FINAL and b.versi.tipe_konten == "application/pdf"
        assert b.sha256 == b.versi.sha256
        assert b.persiapan.kerjasama.kelas in generate.MODEL_DOMESTIK
        assert b.persiapan.langkah == generate.LANGKAH_TTD[b.persiapan.kerjasama.tahap]
        tte.periksa_utuh(b)  # the stored bytes are the prepared ones
    assert (Path(settings.SIKSD_TTE_P12_DIR) / "bench_walikota.p12").exists()
    assert Pejabat.objects.filter(pengguna=kota).exists()
    # idempotent: a second run prepares nothing and issues no certificate
    assert generate.sertifikat_penandatangan() == []
    assert generate.siapkan_penandatanganan() == 0


def test_walikota_scenario_reads_the_naskah_and_signs_through_the_real_endpoint(kota):
    sesi = SesiLocust(kota)
    diklaim: set[str] = set()
    assert tanda_tangan(sesi, passphrase=generate.SANDI_TTE, diklaim=diklaim) is True
    assert all(hasil == "ok" for _, hasil, _ in sesi.catatan), sesi.catatan
    nama = [n for n, _, _ in sesi.catatan]
    assert NAMA_HALAMAN in nama and nama[-1] == NAMA_TTD
    (kunci,) = diklaim
    ks = KerjaSama.objects.get(pk=int(kunci.removeprefix("ks-")))
    assert ks.tahap not in generate.LANGKAH_TTD  # the step was taken
    berkas = BerkasTandaTangan.objects.get(persiapan__kerjasama=ks)
    assert berkas.status == BerkasTandaTangan.Status.DITANDATANGANI
    assert VersiDokumen.objects.filter(pk=berkas.versi_ditandatangani_id, status=StatusDokumen.DITANDATANGANI).exists()
    # the next session never takes the claimed item: it signs the other folder
    sesi2 = SesiLocust(kota)
    assert tanda_tangan(sesi2, passphrase=generate.SANDI_TTE, diklaim=diklaim) is True
    assert len(diklaim) == 2
    assert tanda_tangan(SesiLocust(kota), passphrase=generate.SANDI_TTE, diklaim=diklaim) is None  # nothing left


def test_walikota_scenario_counts_a_409_as_a_failure_not_a_success(kota):
    """The page offered the folder; another session signed it before this one pressed the button: the
    endpoint answers 409 and the load test must record a failure (it once recorded it as a success)."""
    sesi = SesiLocust(kota)
    diklaim: set[str] = set()
    form = buka_item(sesi, diklaim=diklaim)
    assert form is not None
    ks = KerjaSama.objects.get(pk=int(next(iter(diklaim)).removeprefix("ks-")))
    tte.tandatangani_elektronik(kasus=ks.kasus(), langkah=generate.LANGKAH_TTD[ks.tahap], by=kota,
                                passphrase=generate.SANDI_TTE)
    assert kirim_tanda_tangan(sesi, form, passphrase=generate.SANDI_TTE) is False
    nama, hasil, pesan = sesi.catatan[-1]
    assert (nama, hasil) == (NAMA_TTD, "gagal") and pesan.startswith("409"), sesi.catatan[-1]
    assert all(generate.SANDI_TTE not in p for _, _, p in sesi.catatan)  # the passphrase is never in a message


def test_wrong_passphrase_is_a_failure(kota):
    sesi = SesiLocust(kota)
    assert tanda_tangan(sesi, passphrase="bukan-passphrase-ini", diklaim=set()) is False
    nama, hasil, pesan = sesi.catatan[-1]
    assert (nama, hasil) == (NAMA_TTD, "gagal") and pesan.startswith("tanda tangan 400")
    assert "bukan-passphrase-ini" not in pesan


def test_walikota_signs_in_with_the_second_factor_then_signs(kota, settings):
    """docs/keamanan.md: the Wali Kota and the Sekretariat must pass two-factor login; each simulated session
    gives its own recovery code (benchmarks/masuk.py), so parallel sessions of one account all get in."""
    settings.SIKSD_2FA_WAJIB = True
    sesi = [SesiLocust() for _ in range(3)]
    for s in sesi:
        masuk(s, username="bench_walikota", sandi=generate.SANDI)
        assert s.client.get("/dasbor/persetujuan/").status_code == 200
    staf = SesiLocust()
    masuk(staf, username="bench_tkksd_3", sandi=generate.SANDI)
    assert staf.client.get("/api/v1/kerjasama/", {"jenis": "KSDD"}).status_code == 200
    pd = SesiLocust()
    masuk(pd, username="bench_pd_007", sandi=generate.SANDI)  # no second factor asked of a PD operator
    assert "/akun/2fa/verifikasi/ (kode)" not in [n for n, _, _ in pd.catatan]
    assert tanda_tangan(sesi[0], passphrase=generate.SANDI_TTE, diklaim=set()) is True
    assert generate.autentikator_uji() == 4  # the four codes used are issued again for the next run


def test_totp_code_is_the_one_django_otp_accepts(kota):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    perangkat = TOTPDevice.objects.get(user__username="bench_walikota")
    assert perangkat.verify_token(kode_totp(kunci_totp("bench_walikota")))


def test_only_a_302_is_a_signature():
    assert hasil_tanda_tangan(302) is None
    for status in (200, 400, 403, 404, 409, 500):
        assert hasil_tanda_tangan(status) is not None, status
    assert hasil_tanda_tangan(409, '<div data-testid="galat-tte">Berkas belum disiapkan.</div>').endswith(
        "Berkas belum disiapkan.")


def test_locustfile_signs_through_the_scenario_and_marks_no_success_itself():
    """The locust class (not imported here: locust patches threads with gevent) delegates the signature to
    benchmarks/persetujuan.py and never calls .success() on a response of its own."""
    pohon = ast.parse(LOCUSTFILE.read_text())
    walikota = next(n for n in pohon.body if isinstance(n, ast.ClassDef) and n.name == "WaliKota")
    metode = next(n for n in walikota.body if isinstance(n, ast.FunctionDef) and n.name == "tanda_tangan")
    panggilan = {n.func.id for n in ast.walk(metode) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "tanda_tangan" in panggilan
    assert not [n for n in ast.walk(walikota) if isinstance(n, ast.Attribute) and n.attr == "success"]
    assert not [n for n in ast.walk(walikota) if isinstance(n, ast.Constant) and n.value == 409]
