"""Writes of the signing flow (issue 13; issue 12 item 3): the Sekretariat prepares the folder with a FINAL
version whose SHA-256 is recorded; the signatory signs it electronically (PAdES, stored as a new version with
status `ditandatangani`), or on paper (the step closes only on the scan the Sekretariat uploads), or sends it
back with a reason. Every write is atomic and audited; a failed signature changes nothing."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from kerjasama import alur
from kerjasama.constants import PELAKU_PENANDATANGAN, Peran, StatusDokumen
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import Dokumen, PersiapanPenandatanganan, VersiDokumen
from kerjasama.permissions import adalah_penandatangan
from kerjasama.services import (
    _hapus_berkas_bila_gagal,
    _kunci,
    _simpan_versi,
    audit_catat,
    dokumen_unggah,
    notifikasi_kirim,
    pengguna_peran,
    transisi_cari,
    transisi_jalankan,
)

from .models import BerkasTandaTangan, DokumenResmi, Pejabat
from .penanda import GagalTandaTangan, Tampilan, penanda


class DokumenBerubah(KonflikTransisi):
    """The prepared version changed (or a newer version was added) after the folder was prepared."""


# ---------------------------------------------------------------------------------------------
# Which steps need a folder; officials
# ---------------------------------------------------------------------------------------------


def isian_naskah(t) -> alur.Isian | None:
    """The document a signatory's step signs (e.g. "Naskah PKS" of `tandatangani_pks`): the step's required
    document field. A step with one is offered on the dashboard only from a prepared folder."""
    if PELAKU_PENANDATANGAN not in t.custom.get("pelaku", ()) or t.custom.get("sistem"):
        return None
    return next((i for i in t.custom.get("isian", ()) if i.tipe == "dokumen" and i.wajib), None)


def pejabat_untuk(pengguna, tanggal=None) -> Pejabat | None:
    """The register's entry of `pengguna` in office on `tanggal` (Plt/Plh and surat kuasa included)."""
    if pengguna is None:
        return None
    tanggal = tanggal or timezone.localdate()
    return (Pejabat.objects.filter(pengguna=pengguna, mulai__lte=tanggal)
            .exclude(selesai__lt=tanggal).order_by("-mulai").first())


def identitas_penandatangan(pengguna, tanggal=None) -> dict:
    p = pejabat_untuk(pengguna, tanggal)
    if p is not None:
        return {"nama": p.nama, "jabatan": f"{p.awalan_jabatan}{p.jabatan}", "nip": p.nip, "nik": p.nik,
                "pangkat": p.pangkat_golongan, "kop": p.kop}
    return {"nama": pengguna.get_full_name() or pengguna.username, "jabatan": pengguna.jabatan, "nip": pengguna.nip,
            "nik": "", "pangkat": "", "kop": Pejabat.Kop.WALI_KOTA if pengguna.punya_peran(Peran.WALI_KOTA)
            else Pejabat.Kop.SETDA}


def kode_baru() -> str:
    """A short code for the QR code and the paper (10 characters without look-alikes)."""
    abjad = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        kode = "".join(secrets.choice(abjad) for _ in range(10))
        if not DokumenResmi.objects.filter(kode=kode).exists():
            return kode


def url_verifikasi(kode: str, *, dasar: str = "") -> str:
    dasar = (settings.SIKSD_URL_PUBLIK or dasar or "").rstrip("/")
    return f"{dasar}/verifikasi/{kode}/"


def _sha256_berkas(versi: VersiDokumen) -> str:
    h = hashlib.sha256()
    with versi.berkas.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# Preparation (Sekretariat)
# ---------------------------------------------------------------------------------------------


def versi_final_pilihan(kasus, isian: alur.Isian):
    """The FINAL PDF versions the folder may name: of this case, of the step's document types."""
    qs = VersiDokumen.objects.filter(dokumen__kerjasama_id=kasus.pk, status=StatusDokumen.FINAL,
                                     tipe_konten="application/pdf").select_related("dokumen")
    if isian.jenis_dokumen:
        qs = qs.filter(dokumen__jenis__in=isian.jenis_dokumen)
    return qs.order_by("-diunggah_pada", "-id")


def penandatangan_pilihan(kasus, t):
    """Who may sign this step of this case: the Wali Kota, and the holders of its surat kuasa unless the
    step is the Wali Kota's alone (e.g. the KB, Ps 25)."""
    from kerjasama.models import Pengguna

    kandidat = Pengguna.objects.filter(is_active=True).filter(groups__name__in=[Peran.WALI_KOTA, Peran.PD]).distinct()
    return [u for u in kandidat if adalah_penandatangan(u, kasus) and t.has_perm(kasus, u)]


def berkas_siapkan(*, persiapan: PersiapanPenandatanganan, kasus, t, by, versi: VersiDokumen | None,
                   berkas_final=None, cara: str, penandatangan) -> BerkasTandaTangan:
    """Record the document part of a folder, inside `persiapan_penandatanganan_simpan`'s transaction: a FINAL
    version (an uploaded final text becomes a new FINAL version of the step's document) and its SHA-256."""
    isian = isian_naskah(t)
    if berkas_final is not None:
        dok = versi.dokumen if versi is not None else (
            Dokumen.objects.filter(kerjasama_id=kasus.pk, jenis__in=isian.jenis_dokumen).order_by("-id").first())
        versi = dokumen_unggah(by=by, berkas=berkas_final, jenis=isian.jenis_dokumen[0], judul=isian.label,
                               kerjasama=kasus, dokumen=dok, status=StatusDokumen.FINAL,
                               keterangan="Naskah final untuk ditandatangani")
    if versi is None:
        raise ValidationError({"versi": "Pilih naskah final yang akan ditandatangani, atau unggah naskah finalnya (PDF)."})
    if versi.dokumen.kerjasama_id != kasus.pk or (isian.jenis_dokumen and versi.dokumen.jenis not in isian.jenis_dokumen):
        raise ValidationError({"versi": f"Naskah harus dokumen kerja sama ini berjenis {', '.join(isian.jenis_dokumen)}."})
    if versi.status != StatusDokumen.FINAL:
        raise ValidationError({"versi": "Hanya versi FINAL yang dapat disiapkan untuk ditandatangani; "
                                        f"versi {versi.nomor_versi} berstatus {versi.get_status_display()}."})
    if cara == BerkasTandaTangan.Cara.ELEKTRONIK and versi.tipe_konten != "application/pdf":
        raise ValidationError({"versi": "Tanda tangan elektronik memerlukan naskah PDF."})
    terbaru = versi.dokumen.versi.order_by("-nomor_versi").first()
    if terbaru.pk != versi.pk:
        raise ValidationError({"versi": f"Versi {versi.nomor_versi} bukan versi terakhir dokumen ini "
                                        f"(versi terakhir: {terbaru.nomor_versi})."})
    if penandatangan is None or not (adalah_penandatangan(penandatangan, kasus) and t.has_perm(kasus, penandatangan)):
        raise ValidationError({"penandatangan": "Penandatangan harus Wali Kota atau pemegang surat kuasa untuk langkah ini."})
    sha = _sha256_berkas(versi)
    if sha != versi.sha256:
        raise ValidationError({"versi": "Isi berkas tersimpan tidak cocok dengan SHA-256 yang tercatat; hubungi administrator."})
    berkas, _ = BerkasTandaTangan.objects.select_for_update().update_or_create(
        persiapan=persiapan,
        defaults={"versi": versi, "sha256": sha, "penandatangan": penandatangan, "cara": cara,
                  "status": BerkasTandaTangan.Status.SIAP, "versi_ditandatangani": None, "alasan_dikembalikan": ""})
    persiapan.data = {**persiapan.data, isian.nama: str(versi.dokumen_id)}
    persiapan.save(update_fields=["data", "disiapkan_pada"])
    audit_catat(kerjasama=kasus, aksi="berkas_tte_disiapkan", oleh=by, dasar_hukum=t.custom.get("pasal", ""),
                komentar=f"Naskah {versi.dokumen.judul} versi {versi.nomor_versi} (final) disiapkan untuk "
                         f"{penandatangan.get_full_name() or penandatangan.username}; "
                         f"{berkas.get_cara_display().lower()}. SHA-256 {sha}.",
                data={"langkah": t.name, "versi": versi.pk, "sha256": sha, "cara": cara,
                      "penandatangan": penandatangan.pk})
    return berkas


def kelengkapan(t, data: dict) -> list[str]:
    """What the folder still lacks for the step to be taken (the signing date is the day of signing)."""
    kurang = []
    for i in t.custom.get("isian", ()):
        if not i.wajib or i.tipe in ("dokumen", "daftar", "boolean") or (i.tipe == "tanggal" and i.peristiwa):
            continue
        if data.get(i.nama) in (None, "", []):
            kurang.append(str(i.label))
    return kurang


# ---------------------------------------------------------------------------------------------
# Reads of a folder
# ---------------------------------------------------------------------------------------------


def berkas_untuk(kasus, langkah: str) -> BerkasTandaTangan | None:
    return (BerkasTandaTangan.objects.select_related("versi__dokumen", "penandatangan", "persiapan")
            .filter(persiapan__kerjasama_id=kasus.pk, persiapan__langkah=langkah).first())


def periksa_utuh(berkas: BerkasTandaTangan) -> None:
    """Refuse when the prepared version changed since preparation (issue 12 item 3): its bytes, its status,
    or a newer version of the document."""
    versi = VersiDokumen.objects.select_related("dokumen").get(pk=berkas.versi_id)
    terbaru = versi.dokumen.versi.order_by("-nomor_versi").first()
    if terbaru.pk != versi.pk:
        raise DokumenBerubah(f"Dokumen berubah sejak disiapkan: versi {terbaru.nomor_versi} ditambahkan setelah versi "
                             f"{versi.nomor_versi} disiapkan. Penandatanganan ditolak; Sekretariat TKKSD perlu "
                             "menyiapkan ulang berkasnya.")
    if versi.status != StatusDokumen.FINAL:
        raise DokumenBerubah("Status naskah yang disiapkan bukan lagi final. Penandatanganan ditolak.")
    if versi.sha256 != berkas.sha256 or _sha256_berkas(versi) != berkas.sha256:
        raise DokumenBerubah("Isi naskah berubah sejak disiapkan (SHA-256 berbeda). Penandatanganan ditolak; "
                             "Sekretariat TKKSD perlu menyiapkan ulang berkasnya.")


def _siap_untuk(*, kasus, langkah: str, by):
    """Lock the case and its folder; check the step, the signatory and the folder. Returns (case, step, folder)."""
    terkunci = _kunci(kasus)
    t = transisi_cari(terkunci, langkah)
    if t is None or isian_naskah(t) is None:
        raise TransisiTidakTersedia(f"Langkah \u201c{langkah}\u201d tidak tersedia pada tahap ini.")
    if not t.has_perm(terkunci, by):
        raise PermissionDenied("Anda tidak berwenang menandatangani langkah ini.")
    berkas = (BerkasTandaTangan.objects.select_for_update(of=("self",)).select_related("persiapan", "versi__dokumen")
              .filter(persiapan__kerjasama_id=terkunci.pk, persiapan__langkah=langkah).first())
    if berkas is None or berkas.status in (BerkasTandaTangan.Status.DIKEMBALIKAN, BerkasTandaTangan.Status.DITANDATANGANI):
        raise TransisiTidakTersedia("Berkas penandatanganan belum disiapkan Sekretariat TKKSD.")
    if berkas.penandatangan_id != by.pk:
        raise PermissionDenied("Berkas ini disiapkan untuk penandatangan lain.")
    return terkunci, t, berkas


def _data_langkah(t, persiapan: PersiapanPenandatanganan, dokumen_id: int, hari_ini) -> dict:
    data = dict(persiapan.data)
    data[isian_naskah(t).nama] = str(dokumen_id)
    for i in t.custom.get("isian", ()):
        if i.tipe == "tanggal" and i.peristiwa and not data.get(i.nama):
            data[i.nama] = hari_ini.isoformat()  # the signing happens today
    return data


# ---------------------------------------------------------------------------------------------
# Signing
# ---------------------------------------------------------------------------------------------


@sensitive_variables("passphrase")
def tandatangani_elektronik(*, kasus, langkah: str, by, passphrase: str, dasar_url: str = "") -> VersiDokumen:
    """Sign the prepared FINAL version (PAdES), store it as a new version `ditandatangani` with its
    verification code, and take the case's step with the folder's values. Any failure (wrong passphrase,
    BSrE error, changed document, invalid folder) leaves everything as it was."""
    if not passphrase:
        raise ValidationError({"passphrase": "Ketik passphrase sertifikat elektronik Anda."})
    with transaction.atomic():
        terkunci, t, berkas = _siap_untuk(kasus=kasus, langkah=langkah, by=by)
        if berkas.cara != BerkasTandaTangan.Cara.ELEKTRONIK:
            raise TransisiTidakTersedia("Berkas ini disiapkan untuk tanda tangan basah, bukan elektronik.")
        periksa_utuh(berkas)
        hari_ini = timezone.localdate()
        data = _data_langkah(t, berkas.persiapan, berkas.versi.dokumen_id, hari_ini)
        form = alur.buat_form(alur.isian_transisi(t), kasus=terkunci, data=data)
        if not form.is_valid():
            raise ValidationError({k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()})
        ident = identitas_penandatangan(by, hari_ini)
        kode = kode_baru()
        url = url_verifikasi(kode, dasar=dasar_url)
        tampilan = Tampilan(nama=ident["nama"], jabatan=ident["jabatan"], nip=ident["nip"], url=url, kode=kode,
                            alasan=f"{t.custom.get('label', langkah)} ({terkunci.nomor})", waktu=timezone.localtime())
        with berkas.versi.berkas.open("rb") as f:
            asli = f.read()
        bertanda = penanda().tandatangani(asli, pengguna=by, passphrase=passphrase, tampilan=tampilan, nik=ident["nik"])
        dok = berkas.versi.dokumen
        nama = berkas.versi.nama_berkas.rsplit(".", 1)[0][:120] + "-ditandatangani.pdf"
        versi = _simpan_versi(dokumen=dok, konten=bertanda, berkas=None, nama=nama, tipe="application/pdf", by=by,
                              status=StatusDokumen.DITANDATANGANI, dihasilkan_sistem=True,
                              keterangan=f"Ditandatangani secara elektronik (PAdES) · kode {kode}")
        with _hapus_berkas_bila_gagal(versi):
            DokumenResmi.objects.create(
                kode=kode, versi=versi, judul=dok.judul, nomor=_nomor_dari(data), tanggal=hari_ini,
                penandatangan_nama=ident["nama"], penandatangan_jabatan=ident["jabatan"], sha256=versi.sha256,
                tanda_tangan=DokumenResmi.TandaTangan.ELEKTRONIK)
            audit_catat(kerjasama=terkunci, aksi="dokumen_ditandatangani_elektronik", oleh=by,
                        dasar_hukum=t.custom.get("pasal", ""),
                        komentar=f"{dok.judul}: versi {berkas.versi.nomor_versi} (final, SHA-256 {berkas.sha256}) "
                                 f"ditandatangani secara elektronik menjadi versi {versi.nomor_versi} "
                                 f"(SHA-256 {versi.sha256}); kode verifikasi {kode}; layanan {penanda().nama}.",
                        data={"langkah": langkah, "versi_final": berkas.versi_id, "versi": versi.pk, "kode": kode,
                              "sha256": versi.sha256})
            transisi_jalankan(kasus=terkunci, nama=langkah, by=by, data=data, tahap_diharapkan=terkunci.tahap)
            berkas.status, berkas.versi_ditandatangani = BerkasTandaTangan.Status.DITANDATANGANI, versi
            berkas.save(update_fields=["status", "versi_ditandatangani", "diubah_pada"])
    return versi


def _nomor_dari(data: dict) -> str:
    return next((str(v) for k, v in data.items() if k.startswith("nomor") and v), "")


def kembalikan(*, kasus, langkah: str, by, alasan: str) -> BerkasTandaTangan:
    """"Kembalikan ke Sekretariat": the signatory sends the folder back with a reason; the step is no longer
    offered until the Sekretariat prepares it again. Audited; the Sekretariat is told."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan pengembalian agar Sekretariat TKKSD dapat memperbaikinya."})
    with transaction.atomic():
        terkunci, t, berkas = _siap_untuk(kasus=kasus, langkah=langkah, by=by)
        berkas.status, berkas.alasan_dikembalikan = BerkasTandaTangan.Status.DIKEMBALIKAN, alasan
        berkas.save(update_fields=["status", "alasan_dikembalikan", "diubah_pada"])
        audit_catat(kerjasama=terkunci, aksi="berkas_tte_dikembalikan", oleh=by, dasar_hukum=t.custom.get("pasal", ""),
                    dari_tahap=terkunci.tahap, ke_tahap=terkunci.tahap, komentar=alasan,
                    data={"langkah": langkah, "versi": berkas.versi_id})
        notifikasi_kirim(penerima=pengguna_peran(Peran.SEKRETARIAT_TKKSD),
                         judul=f"Berkas penandatanganan dikembalikan: {terkunci.nomor}",
                         pesan=f"{t.custom.get('label', langkah)}: {alasan}",
                         tautan=f"/dasbor/persiapan/{terkunci.pk}/{langkah}/", kerjasama=terkunci)
    return berkas


def pindaian_unggah(*, kasus, langkah: str, by, berkas_pindaian) -> VersiDokumen:
    """Ink signature (e.g. signed "bersama-sama" with a foreign delegation, Ps 25): the Sekretariat uploads
    the scan of the signed paper as the version `ditandatangani`; only then may the step be closed."""
    if not by.punya_peran(Peran.SEKRETARIAT_TKKSD):
        raise PermissionDenied("Hanya Sekretariat TKKSD yang mengunggah pindaian naskah bertanda tangan.")
    with transaction.atomic():
        terkunci = _kunci(kasus)
        berkas = (BerkasTandaTangan.objects.select_for_update(of=("self",)).select_related("versi__dokumen")
                  .filter(persiapan__kerjasama_id=terkunci.pk, persiapan__langkah=langkah).first())
        if berkas is None or berkas.cara != BerkasTandaTangan.Cara.BASAH or berkas.status != BerkasTandaTangan.Status.SIAP:
            raise TransisiTidakTersedia("Tidak ada berkas tanda tangan basah yang menunggu pindaian.")
        periksa_utuh(berkas)
        versi = dokumen_unggah(by=by, berkas=berkas_pindaian, jenis=berkas.versi.dokumen.jenis, kerjasama=terkunci,
                               dokumen=berkas.versi.dokumen, status=StatusDokumen.DITANDATANGANI,
                               keterangan="Pindaian naskah bertanda tangan basah")
        sama = (VersiDokumen.objects.filter(dokumen__kerjasama_id=terkunci.pk, sha256=versi.sha256)
                .exclude(pk=versi.pk).select_related("dokumen").first())
        if sama is not None:
            # The rule of tte/aturan.py, said at the upload already: the final text is not a scan of the signed paper.
            raise ValidationError({"pindaian": f"Berkas ini sama persis dengan “{sama.dokumen.judul}” versi "
                                               f"{sama.nomor_versi} ({sama.get_status_display()}): itu bukan pindaian "
                                               "naskah bertanda tangan. Unggah pindaian kertas yang telah ditandatangani."})
        kode = kode_baru()
        ident = identitas_penandatangan(berkas.penandatangan)
        DokumenResmi.objects.create(
            kode=kode, versi=versi, judul=versi.dokumen.judul, nomor=_nomor_dari(berkas.persiapan.data),
            tanggal=timezone.localdate(), penandatangan_nama=ident["nama"], penandatangan_jabatan=ident["jabatan"],
            sha256=versi.sha256, tanda_tangan=DokumenResmi.TandaTangan.BASAH)
        berkas.status, berkas.versi_ditandatangani = BerkasTandaTangan.Status.PINDAIAN, versi
        berkas.save(update_fields=["status", "versi_ditandatangani", "diubah_pada"])
        audit_catat(kerjasama=terkunci, aksi="pindaian_ttd_diunggah", oleh=by,
                    komentar=f"Pindaian naskah bertanda tangan basah: {versi.dokumen.judul} versi {versi.nomor_versi}.",
                    data={"langkah": langkah, "versi": versi.pk, "sha256": versi.sha256, "kode": kode})
        notifikasi_kirim(penerima=[berkas.penandatangan], judul=f"Pindaian naskah bertanda tangan diunggah: {terkunci.nomor}",
                         tautan="/dasbor/persetujuan/", kerjasama=terkunci)
    return versi


def tutup_tanda_tangan_basah(*, kasus, langkah: str, by):
    """The signatory confirms the paper signing once the scan is there; never on the draft or final text."""
    with transaction.atomic():
        terkunci = _kunci(kasus)
        t = transisi_cari(terkunci, langkah)
        if t is not None and not t.has_perm(terkunci, by):
            raise PermissionDenied("Anda tidak berwenang menandatangani langkah ini.")
        berkas = (BerkasTandaTangan.objects.select_for_update(of=("self",)).select_related("persiapan", "versi_ditandatangani")
                  .filter(persiapan__kerjasama_id=terkunci.pk, persiapan__langkah=langkah).first())
        if t is None or berkas is None or berkas.cara != BerkasTandaTangan.Cara.BASAH:
            raise TransisiTidakTersedia("Tidak ada berkas tanda tangan basah untuk langkah ini.")
        if berkas.status != BerkasTandaTangan.Status.PINDAIAN or berkas.versi_ditandatangani is None:
            raise TransisiTidakTersedia("Langkah ini ditutup setelah Sekretariat TKKSD mengunggah pindaian naskah "
                                        "bertanda tangan; pindaian belum ada.")
        if berkas.penandatangan_id != by.pk:
            raise PermissionDenied("Berkas ini disiapkan untuk penandatangan lain.")
        data = _data_langkah(t, berkas.persiapan, berkas.versi_ditandatangani.dokumen_id, timezone.localdate())
        hasil = transisi_jalankan(kasus=terkunci, nama=langkah, by=by, data=data, tahap_diharapkan=terkunci.tahap)
        berkas.status = BerkasTandaTangan.Status.DITANDATANGANI
        berkas.save(update_fields=["status", "diubah_pada"])
    return hasil


__all__ = ["GagalTandaTangan", "DokumenBerubah", "tandatangani_elektronik", "kembalikan", "pindaian_unggah",
           "tutup_tanda_tangan_basah", "berkas_siapkan"]
