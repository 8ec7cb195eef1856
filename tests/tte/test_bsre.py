"""The BSrE back-end (issue 13 item 2) against the local stand-in: success, wrong passphrase, user not
registered, certificate expired, timeout, rejected client credentials. A failure changes nothing."""

import datetime
from pathlib import Path

import pytest

from kerjasama.models import RiwayatAudit, VersiDokumen
from ksdd.models import KasusKsdd
from tests.tte.bsre_tiruan import CLIENT_ID, CLIENT_SECRET, BsreTiruan
from tests.tte.fixtures import siapkan_pks
from tte import pki
from tte.models import DokumenResmi, Pejabat
from tte.penanda import GagalTandaTangan, PenandaBsre
from tte.verifikasi import verifikasi_pdf

pytestmark = pytest.mark.django_db
NIK = "3275000000000001"


@pytest.fixture
def bsre(settings, tmp_path, sertifikat):
    from pyhanko.sign import signers

    ca_kunci, ca_sert = pki.buat_ca("BSrE Tiruan CA", org="Balai Sertifikasi Elektronik (tiruan uji)")
    kunci, sert = pki.buat_sertifikat(ca_kunci, ca_sert, nama="TRI ADHIANTO", jabatan="WALI KOTA BEKASI")
    signer = signers.SimpleSigner.load_pkcs12_data(pki.p12_bytes(kunci, sert, ca_sert, "x"), other_certs=[],
                                                  passphrase=b"x")
    akar = tmp_path / "bsre-ca.pem"
    akar.write_bytes(pki.pem(ca_sert))
    settings.SIKSD_TTE_AKAR = [str(akar)]
    settings.SIKSD_TTE_BACKEND = "bsre"
    settings.SIKSD_BSRE_CLIENT_ID, settings.SIKSD_BSRE_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.SIKSD_BSRE_TIMEOUT = 1.0
    with BsreTiruan(signer) as tiruan:
        settings.SIKSD_BSRE_URL = tiruan.url
        tiruan.pengguna[NIK] = {"passphrase": "sandi-bsre", "status": "ISSUE", "nama": "TRI ADHIANTO"}
        yield tiruan


def _tte(klien, pengguna, kasus, sandi):
    return klien(pengguna["walikota"]).post(f"/dasbor/persetujuan/{kasus.pk}/tandatangani_pks/tte/", {"passphrase": sandi})


def test_berhasil_dokumen_ditandatangani_bsre_dan_langkah_diambil(beku, pengguna, ksdd, klien, bsre):
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"])
    r = _tte(klien, pengguna, kasus, "sandi-bsre")
    assert r.status_code == 302
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "pelaksanaan"
    kirim = bsre.permintaan[-1]
    assert kirim["path"] == "/api/v2/sign/pdf" and kirim["isi"]["nik"] == NIK
    prop = kirim["isi"]["signatureProperties"][0]
    assert prop["tampilan"] == "VISIBLE" and prop["imageBase64"] and prop["page"] >= 1
    resmi = DokumenResmi.objects.get()
    hasil = verifikasi_pdf(resmi.versi.berkas.open("rb").read())
    assert hasil.sah and hasil.tanda_tangan[0].penandatangan == "TRI ADHIANTO"


@pytest.mark.parametrize("sandi, siapkan, pesan", [
    ("keliru", None, "Passphrase salah"),
    ("sandi-bsre", "tidak_terdaftar", "belum terdaftar sebagai pengguna TTE BSrE"),
    ("sandi-bsre", "kedaluwarsa", "sudah kedaluwarsa atau dicabut"),
    ("sandi-bsre", "lambat", "tidak menjawab tepat waktu"),
    ("sandi-bsre", "klien_salah", "client id/secret ditolak"),
])
def test_jawaban_galat_bsre_tidak_mengubah_apa_pun(beku, pengguna, ksdd, klien, bsre, settings, sandi, siapkan, pesan):
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"])
    if siapkan == "tidak_terdaftar":
        del bsre.pengguna[NIK]
    elif siapkan == "kedaluwarsa":
        bsre.pengguna[NIK]["status"] = "EXPIRED"
    elif siapkan == "lambat":
        bsre.lambat.add(NIK)
    elif siapkan == "klien_salah":
        settings.SIKSD_BSRE_CLIENT_SECRET = "bukan-rahasianya"
    jumlah = (VersiDokumen.objects.count(), RiwayatAudit.objects.count())

    r = _tte(klien, pengguna, kasus, sandi)

    assert r.status_code == 400
    assert pesan in r.content.decode()
    assert KasusKsdd.objects.get(pk=kasus.pk).tahap == "penandatanganan_pks"
    assert (VersiDokumen.objects.count(), RiwayatAudit.objects.count()) == jumlah
    assert not DokumenResmi.objects.exists()


def test_status_pengguna_dan_verifikasi(bsre):
    klien_bsre = PenandaBsre()
    assert klien_bsre.status_pengguna(NIK)["status"] == "ISSUE"
    with pytest.raises(GagalTandaTangan, match="belum terdaftar"):
        klien_bsre.status_pengguna("9999")
    assert klien_bsre.verifikasi(b"%PDF-1.7")["conclusion"] == "VALID"


def test_tanpa_nik_di_daftar_pejabat_pesan_jelas(beku, pengguna, ksdd, klien, bsre):
    Pejabat.objects.update(nik="")
    kasus = ksdd("penandatanganan_pks")
    siapkan_pks(kasus, pengguna["tkksd"])
    r = _tte(klien, pengguna, kasus, "sandi-bsre")
    assert r.status_code == 400 and "NIK penandatangan belum tercatat" in r.content.decode()
    _ = (datetime, Path)
