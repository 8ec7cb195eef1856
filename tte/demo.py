"""Demo set-up of the signing: a demo CA (clearly marked "bukan untuk produksi"), a PKCS#12 certificate for
each demo signatory unlocked by the demo password, the officials register, the numbering formats, and the
final PKS text of each case awaiting signature. Idempotent."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings

from kerjasama.constants import Peran

from . import pki
from .models import FormatNomorSurat, Pejabat

# username → (nama, jabatan, NIP, pangkat/golongan, kop, status)
PEJABAT_DEMO = {
    "walikota": ("Wali Kota Bekasi (Demo)", "WALI KOTA BEKASI", "", "", Pejabat.Kop.WALI_KOTA, Pejabat.Status.DEFINITIF),
    "pd_dishub": ("Kepala Dinas Perhubungan (Demo)", "KEPALA DINAS PERHUBUNGAN", "197001011995031001",
                  "Pembina Utama Muda (IV/c)", Pejabat.Kop.SETDA, Pejabat.Status.KUASA),
    "ketua": ("Sekretaris Daerah (Demo)", "SEKRETARIS DAERAH", "196805121990031008", "Pembina Utama (IV/e)",
              Pejabat.Kop.SETDA, Pejabat.Status.DEFINITIF),
}

FORMAT_DEMO = [
    ("surat-keluar", "Surat keluar Bagian Kerja Sama", "000.3", "Kerja Sama", "{klasifikasi}/{urut}/{unit}/{tahun}"),
    ("pks", "Perjanjian Kerja Sama", "000.3", "PKS.1-Ks", "{klasifikasi}/{urut}/{unit}/{bulan_romawi}/{tahun}"),
]


def sertifikat_demo(users: dict, *, passphrase: str, folder: Path | None = None) -> list[str]:
    """Write ca.pem and <username>.p12 for the demo signatories that have none yet."""
    folder = Path(folder or settings.SIKSD_TTE_P12_DIR)
    ca_kunci, ca_sert = pki.muat_ca(folder)
    dibuat = []
    for username, (nama, jabatan, *_rest) in PEJABAT_DEMO.items():
        user = users.get(username)
        path = folder / f"{username}.p12"
        if user is None or path.exists():
            continue
        kunci, sert = pki.buat_sertifikat(ca_kunci, ca_sert, nama=nama, jabatan=jabatan, surel=user.email)
        path.write_bytes(pki.p12_bytes(kunci, sert, ca_sert, passphrase))
        path.chmod(0o600)
        dibuat.append(username)
    return dibuat


def register_demo(users: dict, *, mulai: datetime.date) -> None:
    for username, (nama, jabatan, nip, pangkat, kop, status) in PEJABAT_DEMO.items():
        user = users.get(username)
        if user is not None and not Pejabat.objects.filter(pengguna=user).exists():
            Pejabat.objects.create(pengguna=user, nama=nama, jabatan=jabatan, nip=nip, pangkat_golongan=pangkat, kop=kop,
                                   status=status, mulai=mulai, nik="3275" + "0" * 11 + str(len(username) % 10))
    for kode, nama, klas, unit, pola in FORMAT_DEMO:
        FormatNomorSurat.objects.get_or_create(kode=kode, defaults={"nama": nama, "kode_klasifikasi": klas, "unit": unit,
                                                                    "pola": pola})


def seed(ctx) -> None:
    register_demo(ctx.users, mulai=datetime.date(ctx.hari_ini.year - 1, 1, 1))
    dibuat = sertifikat_demo(ctx.users, passphrase=ctx.password)
    if dibuat:
        ctx.log.append(f"tte: sertifikat demo dibuat untuk {', '.join(dibuat)} (passphrase = kata sandi demo)")


def penandatangan_demo(users) -> list:
    return [u for k, u in users.items() if k in PEJABAT_DEMO and u.punya_peran(Peran.WALI_KOTA, Peran.PD)]
