"""Permission-matrix providers for the KSDPL/KSDLL URLs (BAB V): who sees each case and who may act,
written by hand from the spec (README "Actors and roles"), never asked of the code under test.

A foreign case is seen by the roles that see every case and by its PD Pemrakarsa; its partner is a
foreign government or institution without a user here; the DPRD sees it only once submitted to it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.quality.matriks import MELIHAT_SEMUA, Dunia, Permintaan, penyedia


def _mitra(jenis="pemda_luar_negeri", nama="Hamamatsu City (matriks)"):
    from tests.factories import MitraFactory

    return MitraFactory(nama=nama, jenis=jenis, negara="JP")


def _dua(dunia: Dunia, *, dprd: bool = False, **trait):
    """The same kind of case for Dishub and for Disbudpar: [(case, who sees it, its PD user)].
    `dprd`: the case went through the DPRD (Ps 64), which then sees it."""
    from tests.ksdln.factories import KasusKsdlnFactory

    mitra = trait.pop("mitra", None) or _mitra()
    hasil = []
    for pd, pd_user in ((dunia.pd_dishub, "pd_dishub"), (dunia.pd_disbudpar, "pd_disbudpar")):
        kasus = KasusKsdlnFactory(by=dunia.pengguna["tkksd"], perangkat_daerah=pd, mitra=mitra, **trait)
        hasil.append((kasus, MELIHAT_SEMUA | {pd_user} | ({"dprd"} if dprd else set()), pd_user))
    return hasil


def _hari(n=0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


@penyedia("ksdln:ubah")
def ubah(dunia):
    hasil = []
    for k, m, _pd in _dua(dunia):
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd"}, keterangan="formulir"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                                data={"judul": "Judul diubah", "bentuk": "kota_kembar", "mitra": k.mitra_id,
                                      "objek": ["budaya"]}, keterangan="simpan"))
    return hasil


@penyedia("ksdln:persyaratan")
def persyaratan(dunia):
    hasil = []
    for k, m, _pd in _dua(dunia):
        p = k.persyaratan.first()
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=m, keterangan="daftar"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                                data={"persyaratan": p.pk, "terpenuhi": "ya", "catatan": "Terpenuhi."},
                                keterangan="konfirmasi Pasal 51"))
    return hasil


@penyedia("ksdln:penjajakan")
def penjajakan(dunia):
    hasil = []
    for k, m, pd in _dua(dunia, penjajakan=True):
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=m, keterangan="daftar"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd", pd}, metode="post", berhasil=(302,),
                                data={"cara": "komunikasi", "tanggal": _hari(-1), "catatan": "Rapat daring."},
                                keterangan="catat kegiatan Pasal 59"))
    return hasil


@penyedia("ksdln:izin")
def izin(dunia):
    hasil = []
    for k, m, _pd in _dua(dunia, jenis="KSDLL", bentuk="penerusan", jenis_lembaga="nonprofit",
                          sumber_prakarsa="melalui_menteri", mitra=_mitra("lembaga_luar_negeri", "Yayasan LN (matriks)")):
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=m, keterangan="daftar"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                                data={"jenis": "izin_prinsip", "nomor": "IP-1", "tanggal": _hari(-30),
                                      "penerbit": "Kemlu"}, keterangan="catat izin Pasal 76"))
    return hasil


@penyedia("ksdln:rencana_tahunan")
def rencana_tahunan(dunia):
    hasil = []
    for k, m, pd in _dua(dunia, pelaksanaan=True, dprd=True):
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=m, keterangan="daftar"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd", pd}, metode="post", berhasil=(302,),
                                data={"_form": "rencana", "tahun": k.tanggal_mulai.year, "peran_para_pihak": "A",
                                      "hasil_diharapkan": "B", "rencana_pembiayaan": "C"}, keterangan="Pasal 72"))
    return hasil


@penyedia("ksdln:perselisihan")
def perselisihan(dunia):
    hasil = []
    for k, m, _pd in _dua(dunia, pelaksanaan=True, dprd=True):
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=m, keterangan="daftar"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                                data={"_form": "baru", "uraian": "Beda tafsir.", "tanggal_mulai": _hari(0)},
                                keterangan="Pasal 82"))
    return hasil


@penyedia("ksdln:laporan_daftar")
def laporan_daftar(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang=m) for k, m, _pd in _dua(dunia, pelaksanaan=True, dprd=True)]


@penyedia("ksdln:laporan")
def laporan(dunia):
    hasil = []
    for k, m, pd in _dua(dunia, pelaksanaan=True, dprd=True):
        tahun = k.laporan_tahunan.get().tahun
        hasil.append(Permintaan({"pk": k.pk, "tahun": tahun}, melihat=m, berwenang=m, keterangan="baca"))
        hasil.append(Permintaan({"pk": k.pk, "tahun": tahun}, melihat=m, berwenang={"tkksd", pd}, metode="post",
                                berhasil=(302,), data={"_form": "isi"}, keterangan="isi dari data kasus"))
    return hasil


@penyedia("ksdln:surat_menteri")
def surat_menteri(dunia):
    # Ps 66(3): five days passed without the Gubernur's forwarding; the Sekretariat or the Wali Kota
    lewat = timezone.now() - datetime.timedelta(days=1)
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd", "walikota"}, metode="post", berhasil=(302,))
            for k, m, _pd in _dua(dunia, verifikasi=True, dprd=True, tahap="menunggu_gubernur_verifikasi",
                                  tanggal_dikirim_gubernur=timezone.localdate() - datetime.timedelta(days=7),
                                  batas_gubernur=lewat)]


@penyedia("ksdln:surat_perpanjangan")
def surat_perpanjangan(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,))
            for k, m, _pd in _dua(dunia, pelaksanaan=True, dprd=True)]


@penyedia("ksdln-detail")
def api_detail(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang=m) for k, m, _pd in _dua(dunia)]


@penyedia("ksdln-transisi")
def api_transisi(dunia):
    # Ps 58(4)–59: the Sekretariat starts the exploration
    return [Permintaan({"pk": k.pk, "nama": "mulai_penjajakan"}, melihat=m, berwenang={"tkksd"}, metode="post", data={})
            for k, m, _pd in _dua(dunia)]


@penyedia("ksdln-persyaratan")
def api_persyaratan(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd"}, metode="post",
                       data={"kode": "hubungan_diplomatik", "terpenuhi": True, "catatan": "Ada."})
            for k, m, _pd in _dua(dunia)]


@penyedia("ksdln-penjajakan")
def api_penjajakan(dunia):
    return [Permintaan({"pk": k.pk}, melihat=m, berwenang={"tkksd", pd}, metode="post", berhasil=(201,),
                       data={"cara": "informasi", "tanggal": _hari(-1), "catatan": "Informasi Kemlu."})
            for k, m, pd in _dua(dunia, penjajakan=True)]
