"""PAdES B-T (issue 13 item 2): with `SIKSD_TTE_TSA_URL` set, the signature carries an RFC 3161 timestamp from
the configured authority — here a local stand-in TSA on the loopback (pyHanko's DummyTimeStamper behind HTTP) —
and the verification page reports it."""

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tte import penanda, pki
from tte.verifikasi import verifikasi_pdf

from .fixtures import SANDI_TTE, pdf_naskah

pytestmark = pytest.mark.django_db


@pytest.fixture
def tsa(settings, tmp_path, sertifikat):
    import datetime

    from asn1crypto import keys, tsp
    from asn1crypto import x509 as ax509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps import DummyTimeStamper
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    ca_kunci, ca_sert = pki.buat_ca("TSA Tiruan CA", org="Otoritas Cap Waktu (tiruan uji)")
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's test TSA signs RSA only
    sekarang = datetime.datetime.now(datetime.UTC)
    sert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA Tiruan")]))
            .issuer_name(ca_sert.subject).public_key(kunci.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(sekarang - datetime.timedelta(hours=1)).not_valid_after(sekarang + datetime.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(ca_kunci, hashes.SHA256()))
    tsa_sert = ax509.Certificate.load(sert.public_bytes(pki.serialization.Encoding.DER))
    ca_asn1 = ax509.Certificate.load(ca_sert.public_bytes(pki.serialization.Encoding.DER))
    tsa_kunci = keys.PrivateKeyInfo.load(kunci.private_bytes(pki.serialization.Encoding.DER,
                                                               pki.serialization.PrivateFormat.PKCS8,
                                                               pki.serialization.NoEncryption()))
    pencap = DummyTimeStamper(tsa_cert=tsa_sert, tsa_key=tsa_kunci,
                              certs_to_embed=SimpleCertificateStore.from_certs([ca_asn1]))

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            req = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = asyncio.run(pencap.async_request_tsa_response(req)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    akar = tmp_path / "akar.pem"
    with open(f"{settings.SIKSD_TTE_P12_DIR}/ca.pem", "rb") as f:
        akar.write_bytes(pki.pem(ca_sert) + f.read())  # the TSA's root and the signatories' root
    settings.SIKSD_TTE_AKAR = [str(akar)]
    settings.SIKSD_TTE_TSA_URL = f"http://127.0.0.1:{server.server_address[1]}/"
    yield
    server.shutdown()
    server.server_close()


def test_tanda_tangan_b_t_dengan_cap_waktu(tsa, pengguna):
    out = penanda.PenandaLokal().tandatangani(pdf_naskah(), pengguna=pengguna["walikota"], passphrase=SANDI_TTE,
                                              tampilan=penanda.Tampilan(nama="TRI ADHIANTO", jabatan="WALI KOTA BEKASI",
                                                                        kode="BT23456789"))
    hasil = verifikasi_pdf(out)
    assert hasil.sah
    ttd = hasil.tanda_tangan[0]
    assert ttd.cap_waktu and "cap waktu (timestamp) yang sah" in ttd.ringkasan


def test_tsa_tidak_terjangkau_dokumen_tidak_ditandatangani(settings, sertifikat, pengguna):
    settings.SIKSD_TTE_TSA_URL = "http://127.0.0.1:9/"  # nothing listens there
    with pytest.raises(penanda.GagalTandaTangan, match="Dokumen tidak berubah"):
        penanda.PenandaLokal().tandatangani(pdf_naskah(), pengguna=pengguna["walikota"], passphrase=SANDI_TTE,
                                            tampilan=penanda.Tampilan(nama="TRI ADHIANTO", jabatan="WALI KOTA BEKASI"))
