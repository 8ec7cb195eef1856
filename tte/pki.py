"""A small certificate authority for the demo and the tests (never for production: there the Pemda's
own CA or BSrE issues the certificates). EC P-256 keys: fast to make, accepted by PAdES validators."""

from __future__ import annotations

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization  # noqa: F401 (re-exported for tests)
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _nama(cn: str, *, org: str = "Pemerintah Kota Bekasi", unit: str = "") -> x509.Name:
    atribut = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    if unit:
        atribut.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    atribut.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(atribut)


def buat_ca(nama: str = "SIKSD Demo CA (bukan untuk produksi)", *, org: str = "Pemerintah Kota Bekasi"):
    kunci = ec.generate_private_key(ec.SECP256R1())
    sekarang = datetime.datetime.now(datetime.UTC)
    subjek = _nama(nama, org=org)
    sert = (
        x509.CertificateBuilder().subject_name(subjek).issuer_name(subjek).public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - datetime.timedelta(days=1))
        .not_valid_after(sekarang + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), critical=False)
        .sign(kunci, hashes.SHA256())
    )
    return kunci, sert


def buat_sertifikat(ca_kunci, ca_sert, *, nama: str, jabatan: str = "", surel: str = "",
                    mulai: datetime.datetime | None = None, hari: int = 730):
    """A signing certificate for one official (non-repudiation + digital signature)."""
    kunci = ec.generate_private_key(ec.SECP256R1())
    mulai = mulai or (datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1))
    pembuat = (
        x509.CertificateBuilder().subject_name(_nama(nama, unit=jabatan[:64]))
        .issuer_name(ca_sert.subject).public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(mulai).not_valid_after(mulai + datetime.timedelta(days=hari))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_kunci.public_key()), critical=False)
    )
    if surel:
        pembuat = pembuat.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(surel)]), critical=False)
    return kunci, pembuat.sign(ca_kunci, hashes.SHA256())


def p12_bytes(kunci, sert, ca_sert, passphrase: str, nama: str = "ttd") -> bytes:
    return pkcs12.serialize_key_and_certificates(
        nama.encode(), kunci, sert, [ca_sert], serialization.BestAvailableEncryption(passphrase.encode()))


def pem(sert) -> bytes:
    return sert.public_bytes(serialization.Encoding.PEM)


def kunci_pem(kunci) -> bytes:
    return kunci.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())


def muat_ca(folder: Path):
    """The demo CA kept in `folder` (ca.pem + ca-kunci.pem), or a new one written there."""
    folder.mkdir(parents=True, exist_ok=True)
    sert_path, kunci_path = folder / "ca.pem", folder / "ca-kunci.pem"
    if sert_path.exists() and kunci_path.exists():
        sert = x509.load_pem_x509_certificate(sert_path.read_bytes())
        kunci = serialization.load_pem_private_key(kunci_path.read_bytes(), password=None)
        return kunci, sert
    kunci, sert = buat_ca()
    kunci_path.write_bytes(kunci_pem(kunci))
    kunci_path.chmod(0o600)
    sert_path.write_bytes(pem(sert))
    return kunci, sert
