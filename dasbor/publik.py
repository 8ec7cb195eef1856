"""What the public transparency page (no login) may show: the one whitelist.

Agreements of a public body with third parties are public information (UU 14/2008 tentang
Keterbukaan Informasi Publik, Pasal 11 ayat (1) huruf e); Perwal 57/2023 Pasal 86 asks for an
information system on cooperation. What is shown is only what is named here: nothing else of a
case (documents, deadlines, internal notes, users, values unless the Sekretariat published them)
ever reaches the page or the JSON.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from kerjasama.constants import Jenis, JenisMitra
from kerjasama.models import KerjaSama, PublikasiKerjaSama, Wilayah

# field name → its label on the page (and key in the JSON). The ONLY fields that leave the building.
FIELD_PUBLIK: dict[str, str] = {
    "nomor": "Nomor registrasi",
    "judul": "Judul",
    "jenis": "Jenis",
    "jenis_label": "Jenis kerja sama",
    "mitra": "Mitra",
    "negara_mitra": "Negara mitra",
    "perangkat_daerah": "Perangkat Daerah",
    "tanggal_mulai": "Berlaku mulai",
    "tanggal_berakhir": "Berlaku sampai",
}
# Published only when the Sekretariat marked it (PublikasiKerjaSama.nilai_publik).
FIELD_PUBLIK_BILA_DITANDAI: dict[str, str] = {"nilai": "Nilai (Rp)"}
# A partner's place on the map: a region's point, never a person's address.
FIELD_LOKASI: dict[str, str] = {"lintang": "Lintang", "bujur": "Bujur"}

TAHAP_AKTIF = "pelaksanaan"
HARI_SEGERA_BERAKHIR = 180


def nama_negara(kode: str) -> str:
    """A country by its Indonesian name ("Korea Selatan", not "South Korea"): CLDR through Babel, since
    django-countries ships no Indonesian catalogue."""
    from babel import Locale

    if not kode:
        return ""
    return Locale("id").territories.get(str(kode).upper(), str(kode))


def kerjasama_publik() -> QuerySet[KerjaSama]:
    """Active cooperations (in pelaksanaan) that the Sekretariat did not hide."""
    return (KerjaSama.objects.filter(tahap=TAHAP_AKTIF).exclude(publikasi__tampil=False)
            .select_related("perangkat_daerah", "mitra__wilayah", "publikasi").order_by("judul", "pk"))


def _lokasi(ks) -> tuple[float, float] | None:
    mitra = ks.mitra
    if mitra is None:
        return None
    # A third party may be a person (Ps 1 angka 28): only its region's point, never its own coordinates.
    if mitra.jenis != JenisMitra.PIHAK_KETIGA and mitra.lintang is not None and mitra.bujur is not None:
        return float(mitra.lintang), float(mitra.bujur)
    wilayah: Wilayah | None = mitra.wilayah
    if wilayah is not None and wilayah.lintang is not None and wilayah.bujur is not None:
        return float(wilayah.lintang), float(wilayah.bujur)
    return None


def baris_publik(ks) -> dict:
    """One cooperation as the public sees it: exactly the whitelisted keys."""
    label_jenis = dict(Jenis.choices)
    data = {
        "nomor": ks.nomor,
        "judul": ks.judul,
        "jenis": ks.jenis,
        "jenis_label": str(label_jenis.get(ks.jenis, ks.jenis)),
        "mitra": ks.mitra.nama if ks.mitra_id else "",
        "negara_mitra": nama_negara(ks.mitra.negara.code) if ks.mitra_id else "",
        "perangkat_daerah": ks.perangkat_daerah.nama if ks.perangkat_daerah_id else "",
        "tanggal_mulai": ks.tanggal_mulai.isoformat() if ks.tanggal_mulai else None,
        "tanggal_berakhir": ks.tanggal_berakhir.isoformat() if ks.tanggal_berakhir else None,
    }
    try:
        nilai_publik = ks.publikasi.nilai_publik
    except PublikasiKerjaSama.DoesNotExist:
        nilai_publik = False
    if nilai_publik and ks.nilai is not None:
        data["nilai"] = ks.nilai
    lokasi = _lokasi(ks)
    if lokasi:
        data["lintang"], data["bujur"] = lokasi
    # The whitelist is the last word: a key added above by mistake never leaves.
    boleh = FIELD_PUBLIK.keys() | FIELD_PUBLIK_BILA_DITANDAI.keys() | FIELD_LOKASI.keys()
    return {k: v for k, v in data.items() if k in boleh}


def data_publik(*, hari_ini: datetime.date | None = None) -> dict:
    hari_ini = hari_ini or timezone.localdate()
    aktif = [baris_publik(ks) for ks in kerjasama_publik()]
    batas = (hari_ini + datetime.timedelta(days=HARI_SEGERA_BERAKHIR)).isoformat()
    segera = sorted(
        (b for b in aktif if b["tanggal_berakhir"] and hari_ini.isoformat() <= b["tanggal_berakhir"] <= batas),
        key=lambda b: (b["tanggal_berakhir"], b["nomor"]),
    )
    return {"diperbarui": hari_ini.isoformat(), "kerjasama_aktif": aktif, "segera_berakhir": segera,
            "segera_berakhir_hari": HARI_SEGERA_BERAKHIR}


def titik_wilayah() -> list[list[float]]:
    """Every region's point (from fixtures/wilayah.json): the map's faint backdrop, as no tile server is used."""
    return [[float(a), float(b)] for a, b in Wilayah.objects.filter(lintang__isnull=False, bujur__isnull=False)
            .values_list("lintang", "bujur")]
