"""Side effects of the shared domestic steps (kerjasama.domestik), for KSDD and KSDPK alike.

Each runs inside the step's transaction, after the case is saved (`alur.setelah`): access grants
(Ps 22(4), Ps 29(2)), generated letters and reports (Ps 23, Ps 33(2)), the Ps 27 branch, the
term's deadline (Ps 26(1)), and the records of amendments (Ps 34), extensions (Ps 26(2), 30) and
reports (Ps 33). Notifications are queued with `notifikasi_kirim`, which sends after the commit.
`daftar_efek(label)` is called for every concrete domestic kind when its class is prepared.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.utils import timezone

from . import alur
from .constants import JenisDokumen, Peran
from .models import Pengguna, RiwayatAudit
from .permissions import PERM_ANGGOTA, PERM_LIHAT, PERM_TANDATANGANI, beri_akses
from .services import (
    dokumen_hasilkan,
    kerjasama_mulai_masa_berlaku,
    notifikasi_kirim,
    pengguna_peran,
    pengguna_untuk_pelaku,
    transisi_otomatis,
)


def _tautan(kasus) -> str:
    return f"/kerjasama/{kasus.pk}/"


def _kabari(kasus, penerima, judul: str, pesan: str = "", oleh=None) -> None:
    notifikasi_kirim(penerima=[u for u in penerima if u != oleh], judul=f"{kasus.nomor}: {judul}",
                     pesan=f"{kasus.judul}\n{pesan}".strip(), tautan=_tautan(kasus), kerjasama=kasus)


def _komentar(kasus, aksi: str) -> str:
    """The reason just written on the step's audit row (returns and rejections require one)."""
    audit = RiwayatAudit.objects.filter(kerjasama=kasus, aksi=aksi).order_by("-pada", "-id").first()
    return audit.komentar if audit else ""


def _nama_wali_kota() -> str:
    """The Wali Kota's name for the signature block; blank (a dotted line) when only the office is known."""
    wali = pengguna_peran(Peran.WALI_KOTA).order_by("pk").first()
    nama = (wali.get_full_name() or "").strip() if wali else ""
    return "" if nama.upper() in ("", "WALI KOTA BEKASI", "WALI KOTA") else nama.upper()


# ---------------------------------------------------------------------------------------------
# Generated documents
# ---------------------------------------------------------------------------------------------


def surat_penawaran_hasilkan(*, kasus, by, nomor: str = "", tanggal=None):
    """Ps 23 (KSDPK Ps 39(1)): the offer letter, from the case, addressed to the partner's head with the
    KAK as its annex, for the Wali Kota's signature. Each call adds a version of the same document."""
    konteks = kasus.konteks_surat_penawaran(
        nomor=nomor, tanggal=tanggal, penandatangan={"jabatan": "WALI KOTA BEKASI", "nama": _nama_wali_kota()})
    return dokumen_hasilkan(
        by=by, template=kasus.TEMPLATE_SURAT_PENAWARAN, context=konteks, jenis=JenisDokumen.SURAT_PENAWARAN,
        judul=f"Draf surat penawaran {kasus.nomor}", kerjasama=kasus,
        nama_berkas=f"surat-penawaran-{kasus.nomor.replace('/', '-').lower()}.pdf",
    )


def laporan_eksternal_hasilkan(*, kasus, laporan, by):
    """Ps 33(2) (KSDPK Ps 48): the external report, prepared by the TKKSD for the Wali Kota's signature,
    addressed to the Gubernur and the partner's head."""
    mitra = kasus.mitra
    konteks = {
        "kasus": kasus, "laporan": laporan, "tanggal": timezone.localdate(),
        "perihal": f"Laporan Pelaksanaan Kerja Sama: {kasus.judul}",
        "kepada": ["Gubernur Jawa Barat", mitra.jabatan_pimpinan or f"Pimpinan {mitra.nama}" if mitra else "Mitra"],
        "pasal": kasus.PASAL_LANGKAH.get("susun_laporan_eksternal", ""),
        "penandatangan": {"jabatan": "WALI KOTA BEKASI", "nama": _nama_wali_kota()},
        "tembusan": ["Sekretaris Daerah Kota Bekasi selaku Ketua TKKSD"],
    }
    return dokumen_hasilkan(
        by=by, template=kasus.TEMPLATE_LAPORAN_EKSTERNAL, context=konteks, jenis=JenisDokumen.LAPORAN,
        judul=f"Laporan eksternal {laporan.periode_awal:%d-%m-%Y} s.d. {laporan.periode_akhir:%d-%m-%Y}", kerjasama=kasus,
    )


# ---------------------------------------------------------------------------------------------
# Effects of the main stages
# ---------------------------------------------------------------------------------------------


def _terima_kajian(*, kasus, by, data, dari):
    # Ps 22(4) (KSDPK Ps 38(4)): the PD Pemrakarsa becomes Anggota Tidak Tetap of the TKKSD for this case.
    if kasus.perangkat_daerah_id and kasus.perangkat_daerah.grup_id:
        beri_akses(kasus, grup=kasus.perangkat_daerah.grup, codename=PERM_ANGGOTA)
    surat_penawaran_hasilkan(kasus=kasus, by=by)


def _terima_tawaran_mitra(*, kasus, by, data, dari):
    # Ps 35(3) with Ps 22(4): the PD assigned by the TKKSD sees the case and joins it as Anggota Tidak Tetap.
    grup = kasus.perangkat_daerah.grup
    if grup is not None:
        beri_akses(kasus, grup=grup, codename=PERM_LIHAT)
        beri_akses(kasus, grup=grup, codename=PERM_ANGGOTA)


def _perbarui_surat_penawaran(*, kasus, by, data, dari):
    surat_penawaran_hasilkan(kasus=kasus, by=by, nomor=data.get("nomor_surat") or "", tanggal=data.get("tanggal_surat"))


def _tandatangani_kb(*, kasus, by, data, dari):
    # Ps 27 (KSDPK Ps 43): the case never rests in kb_ditandatangani; the system takes the branch the
    # two recorded answers decide, and the audit row says why.
    transisi_otomatis(kasus=kasus, alasan=kasus.uraian_persetujuan_dprd())


def _perlu_persetujuan_dprd(*, kasus, by, data, dari):
    beri_akses(kasus, grup=Group.objects.get(name=Peran.DPRD))


def _beri_surat_kuasa(*, kasus, by, data, dari):
    # Ps 29(2) (KSDPK Ps 45(2)): the named head of a PD may sign the PKS; copy to the Ketua TKKSD and the
    # Bagian Kerja Sama (Sekretariat TKKSD).
    penerima = Pengguna.objects.get(pk=int(data["penerima_kuasa"]))
    beri_akses(kasus, user=penerima, codename=PERM_LIHAT)
    beri_akses(kasus, user=penerima, codename=PERM_TANDATANGANI)
    nomor = data.get("nomor_surat_kuasa", "")
    _kabari(kasus, pengguna_peran(Peran.KETUA_TKKSD, Peran.SEKRETARIAT_TKKSD),
            f"Tembusan surat kuasa penandatanganan PKS ({nomor})",
            f"Wali Kota memberi kuasa kepada {penerima.get_full_name() or penerima.username} untuk menandatangani PKS "
            f"({kasus.PASAL_LANGKAH.get('beri_surat_kuasa', '')}).", oleh=by)


def _tandatangani_pks(*, kasus, by, data, dari):
    # Ps 26(1): the term's end is a deadline; the sweep ends the cooperation when it passes unextended.
    kerjasama_mulai_masa_berlaku(kerjasama=kasus)


# ---------------------------------------------------------------------------------------------
# Reports (Ps 33)
# ---------------------------------------------------------------------------------------------


def _laporan_internal(*, kasus, by, data, dari):
    laporan = kasus.model_laporan()(
        kerjasama_id=kasus.pk, jenis="internal", status="disampaikan", periode_awal=data["periode_awal"],
        periode_akhir=data["periode_akhir"], ringkasan=data["ringkasan"], dokumen=data["laporan"], dibuat_oleh=by,
    )
    laporan.full_clean()
    laporan.save()
    _kabari(kasus, pengguna_peran(Peran.WALI_KOTA), "Laporan internal pelaksanaan kerja sama",
            f"{laporan} dari {kasus.perangkat_daerah}.", oleh=by)


def _susun_laporan_eksternal(*, kasus, by, data, dari):
    laporan = kasus.model_laporan()(
        kerjasama_id=kasus.pk, jenis="eksternal", status="menunggu_tanda_tangan", periode_awal=data["periode_awal"],
        periode_akhir=data["periode_akhir"], ringkasan=data["ringkasan"], dibuat_oleh=by,
    )
    laporan.full_clean()
    laporan.save()
    laporan.dokumen = laporan_eksternal_hasilkan(kasus=kasus, laporan=laporan, by=by).dokumen
    laporan.save(update_fields=["dokumen"])
    _kabari(kasus, pengguna_peran(Peran.WALI_KOTA), "Laporan eksternal menunggu tanda tangan Wali Kota", str(laporan),
            oleh=by)


def _tandatangani_laporan_eksternal(*, kasus, by, data, dari):
    laporan = kasus.laporan_eksternal(status="menunggu_tanda_tangan")
    laporan.status = "ditandatangani"
    laporan.tanggal_penandatanganan = data["tanggal_penandatanganan"]
    if data.get("laporan_ditandatangani"):
        laporan.dokumen = data["laporan_ditandatangani"]
    laporan.save(update_fields=["status", "tanggal_penandatanganan", "dokumen"])
    _kabari(kasus, pengguna_peran(Peran.SEKRETARIAT_TKKSD), "Laporan eksternal ditandatangani: siap dikirim",
            str(laporan), oleh=by)


def _kirim_laporan_eksternal(*, kasus, by, data, dari):
    laporan = kasus.laporan_eksternal(status="ditandatangani")
    laporan.status = "dikirim"
    laporan.tanggal_dikirim = data["tanggal_dikirim"]
    laporan.save(update_fields=["status", "tanggal_dikirim"])


# ---------------------------------------------------------------------------------------------
# Amendments (Ps 34)
# ---------------------------------------------------------------------------------------------


def _ajukan_perubahan(*, kasus, by, data, dari):
    model = kasus.model_perubahan()
    ke = (model.objects.filter(kerjasama_id=kasus.pk).count()) + 1
    perubahan = model(kerjasama_id=kasus.pk, ke=ke, uraian=data["uraian"], alasan=data["alasan"],
                      rancangan=data["rancangan"], diajukan_oleh=by, **kasus.data_perubahan(data))
    perubahan.full_clean()
    perubahan.save()
    _kabari(kasus, pengguna_peran(Peran.SEKRETARIAT_TKKSD), f"Usulan perubahan PKS ke-{ke} menunggu koordinasi TKKSD",
            oleh=by)


def _kembalikan_perubahan(*, kasus, by, data, dari):
    perubahan = kasus.perubahan_terbuka()
    perubahan.status = "dikembalikan"
    perubahan.catatan = _komentar(kasus, "kembalikan_perubahan")
    perubahan.save(update_fields=["status", "catatan"])
    _kabari(kasus, pengguna_untuk_pelaku(kasus, ("pd",)), f"Usulan perubahan PKS ke-{perubahan.ke} dikembalikan",
            perubahan.catatan, oleh=by)


def _setujui_perubahan(*, kasus, by, data, dari):
    perubahan = kasus.perubahan_terbuka()
    if perubahan.menambah_beban:
        # Ps 34(3) (KSDPK Ps 46(5)): a change that adds a burden needs the DPRD's approval first.
        perubahan.status = "persetujuan_dprd"
        beri_akses(kasus, grup=Group.objects.get(name=Peran.DPRD))
        penerima, judul = pengguna_untuk_pelaku(kasus, (Peran.DPRD,)), "Perubahan PKS menunggu persetujuan DPRD"
    else:
        perubahan.status = "penandatanganan"
        penerima, judul = pengguna_peran(Peran.WALI_KOTA), "Perubahan PKS menunggu tanda tangan Wali Kota"
    perubahan.save(update_fields=["status"])
    _kabari(kasus, penerima, f"{judul} (perubahan ke-{perubahan.ke})",
            kasus.PASAL_LANGKAH.get("setujui_perubahan_dprd", ""), oleh=by)


def _putusan_dprd_perubahan(*, kasus, by, data, dari, status):
    perubahan = kasus.perubahan_terbuka()
    perubahan.status = status
    perubahan.tanggal_diterima_dprd = data["tanggal_diterima_dprd"]
    perubahan.tanggal_keputusan_dprd = data["tanggal_keputusan"]
    perubahan.surat_dprd = data["surat_dprd"]
    if status == "ditolak_dprd":
        perubahan.catatan = _komentar(kasus, "tolak_perubahan_dprd")
    perubahan.save()
    if status == "penandatanganan":
        _kabari(kasus, pengguna_peran(Peran.WALI_KOTA), f"Perubahan PKS ke-{perubahan.ke} disetujui DPRD: menunggu tanda tangan",
                oleh=by)


def _setujui_perubahan_dprd(*, kasus, by, data, dari):
    _putusan_dprd_perubahan(kasus=kasus, by=by, data=data, dari=dari, status="penandatanganan")


def _tolak_perubahan_dprd(*, kasus, by, data, dari):
    _putusan_dprd_perubahan(kasus=kasus, by=by, data=data, dari=dari, status="ditolak_dprd")


def _tandatangani_perubahan(*, kasus, by, data, dari):
    perubahan = kasus.perubahan_terbuka()
    perubahan.status = "ditandatangani"
    perubahan.naskah = data["naskah"]
    perubahan.nomor = data["nomor"]
    perubahan.tanggal_penandatanganan = data["tanggal_penandatanganan"]
    perubahan.save()


# ---------------------------------------------------------------------------------------------
# Extensions (Ps 26(2), Ps 30)
# ---------------------------------------------------------------------------------------------


def _ajukan_perpanjangan(*, kasus, by, data, dari):
    perpanjangan = kasus.model_perpanjangan()(
        kerjasama_id=kasus.pk, pemohon=data["pemohon"], rencana_tindak=data["rencana_tindak"],
        tahapan=alur.nilai_json(data["tahapan"]), tanggal_mulai_lama=kasus.tanggal_mulai,
        tanggal_berakhir_lama=kasus.tanggal_berakhir, tanggal_mulai=data["tanggal_mulai"],
        tanggal_berakhir=data["tanggal_berakhir"], diajukan_oleh=by,
    )
    perpanjangan.full_clean()
    perpanjangan.save()
    _kabari(kasus, pengguna_peran(Peran.SEKRETARIAT_TKKSD), "Permohonan perpanjangan jangka waktu kerja sama",
            str(perpanjangan), oleh=by)


def _setujui_perpanjangan(*, kasus, by, data, dari):
    perpanjangan = kasus.perpanjangan_terbuka()
    perpanjangan.status = "disetujui"
    perpanjangan.tanggal_kesepakatan = data["tanggal_kesepakatan"]
    perpanjangan.save(update_fields=["status", "tanggal_kesepakatan"])
    _kabari(kasus, pengguna_peran(Peran.WALI_KOTA), "Perpanjangan kerja sama menunggu tanda tangan Wali Kota",
            str(perpanjangan), oleh=by)


def _tolak_perpanjangan(*, kasus, by, data, dari):
    perpanjangan = kasus.perpanjangan_terbuka()
    perpanjangan.status = "ditolak"
    perpanjangan.catatan = _komentar(kasus, "tolak_perpanjangan")
    perpanjangan.save(update_fields=["status", "catatan"])


def _tandatangani_perpanjangan(*, kasus, by, data, dari):
    perpanjangan = kasus.perpanjangan_terbuka()
    perpanjangan.status = "ditandatangani"
    perpanjangan.naskah = data["naskah"]
    perpanjangan.tanggal_penandatanganan = data["tanggal_penandatanganan"]
    perpanjangan.save(update_fields=["status", "naskah", "tanggal_penandatanganan"])
    # Ps 26(1): the new term restarts the term deadline (the open one is replaced).
    kerjasama_mulai_masa_berlaku(kerjasama=kasus)


EFEK = {
    "terima_kajian": _terima_kajian,
    "terima_tawaran_mitra": _terima_tawaran_mitra,
    "perbarui_surat_penawaran": _perbarui_surat_penawaran,
    "tandatangani_kb": _tandatangani_kb,
    "perlu_persetujuan_dprd": _perlu_persetujuan_dprd,
    "beri_surat_kuasa": _beri_surat_kuasa,
    "tandatangani_pks": _tandatangani_pks,
    "sampaikan_laporan_internal": _laporan_internal,
    "susun_laporan_eksternal": _susun_laporan_eksternal,
    "tandatangani_laporan_eksternal": _tandatangani_laporan_eksternal,
    "kirim_laporan_eksternal": _kirim_laporan_eksternal,
    "ajukan_perubahan": _ajukan_perubahan,
    "kembalikan_perubahan": _kembalikan_perubahan,
    "setujui_perubahan": _setujui_perubahan,
    "setujui_perubahan_dprd": _setujui_perubahan_dprd,
    "tolak_perubahan_dprd": _tolak_perubahan_dprd,
    "tandatangani_perubahan": _tandatangani_perubahan,
    "ajukan_perpanjangan": _ajukan_perpanjangan,
    "setujui_perpanjangan": _setujui_perpanjangan,
    "tolak_perpanjangan": _tolak_perpanjangan,
    "tandatangani_perpanjangan": _tandatangani_perpanjangan,
}

_TERDAFTAR: set[str] = set()


def daftar_efek(model_label: str) -> None:
    """Register the shared effects for one concrete domestic kind (once)."""
    if model_label in _TERDAFTAR:
        return
    _TERDAFTAR.add(model_label)
    for nama, fn in EFEK.items():
        alur.setelah(model_label, nama)(fn)
