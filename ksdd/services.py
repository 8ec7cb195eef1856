"""Every write of the KSDD app. The stages themselves are the shared domestic machine
(kerjasama.domestik, effects in kerjasama.domestik_services); here: starting a case, on the Daerah's
initiative (Ps 22) or the partner's (Ps 35(3)), and changing its data before the KB is signed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kerjasama import alur
from kerjasama.constants import Asal, Inisiatif, Jenis, JenisDokumen, JenisMitra, Peran, StatusDokumen
from kerjasama.domestik import TAHAP_DAPAT_DIUBAH
from kerjasama.exceptions import TransisiTidakTersedia
from kerjasama.permissions import adalah_pd_pemrakarsa, cabut_akses, dapat_melihat
from kerjasama.services import (
    audit_catat,
    dokumen_unggah,
    kerjasama_buat,
    kerjasama_sinkron_akses,
    notifikasi_tahap_baru,
)
from kerjasama.validators import validasi_tidak_di_masa_depan

from .constants import Sifat
from .models import KasusKsdd, validasi_sifat

# Data of the case a creation or an edit may set (besides the M2M daerah_berbatasan).
FIELD_DATA = ("judul", "sifat", "urusan", "program", "kegiatan", "uraian", "mitra", "eksternalitas",
              "membebani_masyarakat_daerah", "sudah_dianggarkan_apbd", "nilai", "sumber_dana")


def _periksa_mitra(mitra) -> None:
    if mitra is not None and mitra.jenis != JenisMitra.DAERAH_LAIN:
        raise ValidationError({"mitra": "Mitra KSDD harus daerah lain (provinsi/kabupaten/kota), Pasal 1 angka 9."})


@transaction.atomic
def ksdd_buat(*, by, judul: str, sifat: str, urusan: str, perangkat_daerah=None, mitra=None, program: str = "",
              kegiatan: str = "", uraian: str = "", membebani_masyarakat_daerah: bool | None = None,
              sudah_dianggarkan_apbd: bool | None = None, nilai: int | None = None, sumber_dana: str = "",
              daerah_berbatasan=(), eksternalitas: str = "", item_pemetaan=None) -> KasusKsdd:
    """Ps 22(1): the PD Pemrakarsa starts a KSDD in persiapan (a PD user for its own PD; the Sekretariat
    TKKSD for a PD it names). From a mapping item when `item_pemetaan` is given (Ps 17–18)."""
    if by.punya_peran(Peran.SEKRETARIAT_TKKSD):
        if perangkat_daerah is None:
            raise ValidationError({"perangkat_daerah": "Pilih Perangkat Daerah Pemrakarsa."})
    elif by.punya_peran(Peran.PD) and by.perangkat_daerah_id:
        if perangkat_daerah is not None and perangkat_daerah.pk != by.perangkat_daerah_id:
            raise PermissionDenied("Perangkat Daerah hanya dapat memulai kerja sama untuk dirinya sendiri.")
        perangkat_daerah = by.perangkat_daerah
    else:
        raise PermissionDenied("Hanya Perangkat Daerah atau Sekretariat TKKSD yang dapat memulai KSDD (Pasal 22 ayat (1)).")
    _periksa_mitra(mitra)
    daerah_berbatasan = list(daerah_berbatasan)
    validasi_sifat(sifat=sifat, mitra=mitra, daerah_berbatasan=daerah_berbatasan, eksternalitas=eksternalitas)
    kasus = kerjasama_buat(
        model=KasusKsdd, by=by, tahap="persiapan", judul=judul, jenis=Jenis.KSDD, inisiatif=Inisiatif.DAERAH,
        asal=Asal.PEMETAAN if item_pemetaan is not None else Asal.BARU, perangkat_daerah=perangkat_daerah,
        mitra=mitra, sifat=sifat, urusan=urusan, program=program, kegiatan=kegiatan, uraian=uraian,
        membebani_masyarakat_daerah=membebani_masyarakat_daerah, sudah_dianggarkan_apbd=sudah_dianggarkan_apbd,
        nilai=nilai, sumber_dana=sumber_dana, eksternalitas=eksternalitas,
    )
    kasus.daerah_berbatasan.set(daerah_berbatasan)
    notifikasi_tahap_baru(kasus=kasus, oleh=by)
    return kasus


def ksdd_buat_dari_pemetaan(*, by, judul, perangkat_daerah, mitra=None, uraian="", item_pemetaan=None, **data):
    """The case-creator the mapping app calls for a planned KSDD item (kerjasama.alur.pembuat_kasus)."""
    return ksdd_buat(
        by=by, judul=judul, perangkat_daerah=perangkat_daerah, mitra=mitra, uraian=uraian, item_pemetaan=item_pemetaan,
        sifat=data.get("sifat") or Sifat.SUKARELA, urusan=data.get("urusan") or judul,
        program=data.get("program", ""), kegiatan=data.get("kegiatan", ""),
    )


alur.daftar_pembuat_kasus(Jenis.KSDD, ksdd_buat_dari_pemetaan)


@transaction.atomic
def ksdd_tawaran_mitra_catat(*, by, judul: str, mitra, sifat: str, urusan: str, nomor_surat: str, tanggal_surat,
                             surat_penawaran, rancangan_kb, membebani_masyarakat_daerah: bool | None = None,
                             sudah_dianggarkan_apbd: bool | None = None, uraian: str = "", program: str = "",
                             kegiatan: str = "", daerah_berbatasan=(), eksternalitas: str = "", nilai: int | None = None,
                             sumber_dana: str = "") -> KasusKsdd:
    """Ps 35(3): another region offers a KSDD with a letter signed by its head and a draft KB. The
    Sekretariat records both; the case starts in kajian_tkksd, where the TKKSD studies the offer and
    names the PD Pemrakarsa. Nothing is kept if a file is refused."""
    if not by.punya_peran(Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang mencatat surat penawaran dari daerah lain.")
    if mitra is None:
        raise ValidationError({"mitra": "Pilih daerah yang menawarkan kerja sama."})
    _periksa_mitra(mitra)
    try:
        validasi_tidak_di_masa_depan(tanggal_surat)
    except ValidationError as exc:
        raise ValidationError({"tanggal_surat": exc.messages}) from exc
    daerah_berbatasan = list(daerah_berbatasan)
    validasi_sifat(sifat=sifat, mitra=mitra, daerah_berbatasan=daerah_berbatasan, eksternalitas=eksternalitas)
    kasus = kerjasama_buat(
        model=KasusKsdd, by=by, tahap="kajian_tkksd", judul=judul, jenis=Jenis.KSDD, inisiatif=Inisiatif.MITRA,
        mitra=mitra, sifat=sifat, urusan=urusan, program=program, kegiatan=kegiatan, uraian=uraian,
        membebani_masyarakat_daerah=membebani_masyarakat_daerah, sudah_dianggarkan_apbd=sudah_dianggarkan_apbd,
        nilai=nilai, sumber_dana=sumber_dana, eksternalitas=eksternalitas, nomor_surat_penawaran=nomor_surat,
        tanggal_surat_penawaran=tanggal_surat,
    )
    kasus.daerah_berbatasan.set(daerah_berbatasan)
    errors = {}
    versi = {}
    for nama, berkas, jenis, judul_dok in (
        ("surat_penawaran", surat_penawaran, JenisDokumen.SURAT_PENAWARAN, f"Surat penawaran {mitra.nama} {nomor_surat}"),
        ("rancangan_kb", rancangan_kb, JenisDokumen.KESEPAKATAN_BERSAMA, f"Rancangan KB dari {mitra.nama}"),
    ):
        if not berkas:
            errors[nama] = ["Berkas wajib dilampirkan (Pasal 35 ayat (3))."]
            continue
        try:
            versi[nama] = dokumen_unggah(by=by, kerjasama=kasus, berkas=berkas, jenis=jenis, judul=judul_dok,
                                         status=StatusDokumen.DITANDATANGANI if nama == "surat_penawaran" else StatusDokumen.DRAFT)
        except ValidationError as exc:
            errors[nama] = exc.message_dict.get("berkas", exc.messages)
    if errors:
        raise ValidationError(errors)  # the atomic block drops the case and the versions
    kasus.surat_penawaran = versi["surat_penawaran"].dokumen
    kasus.rancangan_kb = versi["rancangan_kb"].dokumen
    kasus.save(update_fields=["surat_penawaran", "rancangan_kb"])
    audit_catat(kerjasama=kasus, aksi="tawaran_mitra_dicatat", oleh=by, ke_tahap=kasus.tahap,
                komentar=f"Surat penawaran {mitra.nama} nomor {nomor_surat} tanggal {tanggal_surat:%d-%m-%Y} "
                         "dengan rancangan Kesepakatan Bersama dicatat.",
                dasar_hukum="Pasal 35 ayat (3)")
    notifikasi_tahap_baru(kasus=kasus, oleh=by)
    return kasus


@transaction.atomic
def ksdd_ubah(*, kasus: KasusKsdd, by, daerah_berbatasan=None, **fields) -> KasusKsdd:
    """Change a case's data (partner, affair, Ps 27 answers…) before the KB is signed: afterwards the
    Ps 27 branch has read them and they are part of the record."""
    if not dapat_melihat(by, kasus):
        raise PermissionDenied("Anda tidak berwenang mengubah kerja sama ini.")
    if not (by.punya_peran(Peran.SEKRETARIAT_TKKSD) or adalah_pd_pemrakarsa(by, kasus)):
        raise PermissionDenied("Data kerja sama diubah oleh PD Pemrakarsa atau Sekretariat TKKSD.")
    kasus = KasusKsdd.objects.select_for_update().get(pk=kasus.pk)
    if kasus.tahap not in TAHAP_DAPAT_DIUBAH:
        raise TransisiTidakTersedia("Data kerja sama tidak dapat diubah lagi setelah Kesepakatan Bersama ditandatangani.")
    tidak_dikenal = set(fields) - set(FIELD_DATA)
    if tidak_dikenal:
        raise ValidationError({"__all__": f"Isian tidak dikenal: {', '.join(sorted(tidak_dikenal))}."})
    mitra_lama = kasus.mitra
    _periksa_mitra(fields.get("mitra", kasus.mitra))
    berubah = {}
    for nama, nilai in fields.items():
        if getattr(kasus, nama) != nilai:
            berubah[nama] = alur.nilai_json(nilai)
            setattr(kasus, nama, nilai)
    batas = list(daerah_berbatasan) if daerah_berbatasan is not None else list(kasus.daerah_berbatasan.all())
    validasi_sifat(sifat=kasus.sifat, mitra=kasus.mitra, daerah_berbatasan=batas, eksternalitas=kasus.eksternalitas)
    kasus.full_clean(exclude=["tahap"])
    kasus.save()
    if daerah_berbatasan is not None:
        lama = set(kasus.daerah_berbatasan.values_list("pk", flat=True))
        if lama != {w.pk for w in batas}:
            berubah["daerah_berbatasan"] = sorted(w.pk for w in batas)
            kasus.daerah_berbatasan.set(batas)
    if mitra_lama is not None and mitra_lama != kasus.mitra and mitra_lama.grup_id:
        cabut_akses(kasus, grup=mitra_lama.grup)
    kerjasama_sinkron_akses(kerjasama=kasus)
    if berubah:
        audit_catat(kerjasama=kasus, aksi="data_diubah", oleh=by, komentar="Data kerja sama diubah: " + ", ".join(berubah),
                    data={"berubah": berubah})
    return kasus
