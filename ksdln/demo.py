"""KSDPL/KSDLL cases of the demo city (seed_demo), walked through the real stage machine so that
their history, documents and legal clocks are what a user would have produced. Idempotent: a case
whose title exists is left alone.

- a KSDPL sister city with Hamamatsu waiting on the DPRD, receipt recorded 40 days ago
  (the 45-day clock falls due in 5 days: `process_deadlines --now` a week later deems it approved);
- a KSDLL with JICA waiting on the Gubernur, dossier sent 2 days ago;
- a KSDPL in pelaksanaan, with its annual plan and the annual report opened;
- a KSDLL by forwarding of central-government cooperation that skipped the DPRD.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from dateutil.relativedelta import relativedelta

from kerjasama import services as inti
from kerjasama.constants import JenisMitra

from . import services
from .constants import BAGIAN_KAJIAN, BAGIAN_LOI, BAGIAN_NASKAH, BAGIAN_RENCANA
from .models import KasusKsdln, loi_batas_berlaku

_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

JUDUL_HAMAMATSU = "Kerja Sama Kota Bersaudara Bekasi–Hamamatsu"
JUDUL_JICA = "Peningkatan Kapasitas Manajemen Transportasi Perkotaan bersama JICA"
JUDUL_GWANGMYEONG = "Kerja Sama Pengelolaan Sampah Berbasis Teknologi dengan Kota Gwangmyeong"
JUDUL_PENERUSAN = "Penyediaan Air Bersih dan Sanitasi Kawasan Padat (penerusan kerja sama Pemerintah Pusat)"


def _tgl(ctx, hari: int) -> str:
    return (ctx.hari_ini + datetime.timedelta(days=hari)).isoformat()


def _dok(kasus, user, jenis, judul, status: str = "draft"):
    berkas = ContentFile(_PDF, name=f"{jenis}.pdf")
    if status == "ditandatangani":
        # A signing step closes on a signed text (issue 13, tte/aturan.py): the scan of the paper signed in ink
        # (Ps 71 "bersama"), uploaded by the Sekretariat; its bytes are its own, never the draft's.
        berkas = ContentFile(_PDF + f"% {judul} ditandatangani - {kasus.nomor}\n".encode(), name=f"{jenis}-ttd.pdf")
    return inti.dokumen_unggah(by=user, kerjasama=kasus, jenis=jenis, judul=judul, berkas=berkas,
                               status=status).dokumen.pk


def _isi(parts, konteks: str) -> dict:
    return {kode: f"{label} — {konteks}." for kode, label in parts}


def _jalan(kasus, nama, user, **data):
    return inti.transisi_jalankan(kasus=KasusKsdln.objects.get(pk=kasus.pk), nama=nama, by=user, data=data)


def _sampai_rencana(ctx, kasus, pd_user, hari: dict, konteks: str):
    """prakarsa → penyusunan_rencana, with the given day offsets (negative: days ago)."""
    u = ctx.users
    for p in kasus.persyaratan.all():
        services.persyaratan_konfirmasi(persyaratan=p, by=u["tkksd"], terpenuhi=True,
                                        catatan=f"Diperiksa Sekretariat TKKSD: {p.pasal} terpenuhi.")
    _jalan(kasus, "mulai_penjajakan", u["tkksd"])
    services.penjajakan_catat(kasus=kasus, by=u["tkksd"], cara="komunikasi",
                              tanggal=ctx.hari_ini + datetime.timedelta(days=hari["penjajakan"]),
                              catatan="Komunikasi awal melalui surat elektronik dan rapat daring.")
    services.penjajakan_catat(kasus=kasus, by=u["tkksd"], cara="kunjungan_masuk",
                              tanggal=ctx.hari_ini + datetime.timedelta(days=hari["penjajakan"] + 10),
                              catatan="Delegasi mitra berkunjung ke Kota Bekasi; disepakati menyusun kajian.")
    _jalan(kasus, "lampirkan_kajian", pd_user, dokumen_kajian=_dok(kasus, pd_user, "kajian", "Kajian kerja sama"),
           **_isi(BAGIAN_KAJIAN, konteks))
    _jalan(kasus, "minta_tanggapan_menteri", u["tkksd"], tanggal_surat=_tgl(ctx, hari["tanggapan"] - 20),
           nomor_surat="000.5/KS-LN")
    _jalan(kasus, "catat_tanggapan_menteri", u["tkksd"], tanggal_tanggapan=_tgl(ctx, hari["tanggapan"]),
           tanggapan="Menteri melalui Sekretaris Jenderal mendukung dan meminta koordinasi dengan Kementerian Luar Negeri.",
           dokumen_surat_menteri=_dok(kasus, u["tkksd"], "surat_menteri", "Tanggapan Menteri"))
    # Ps 61(1): the consultation with the minister for foreign affairs before the LoI
    _jalan(kasus, "catat_konsultasi_menlu", u["tkksd"], tanggal_permohonan=_tgl(ctx, hari["tanggapan"] - 20),
           tanggal_tanggapan=_tgl(ctx, hari["tanggapan"]), tanggapan="Kementerian Luar Negeri tidak berkeberatan.")
    loi = ctx.hari_ini + datetime.timedelta(days=hari["loi"])
    _jalan(kasus, "tandatangani_loi", u["walikota"], tempat_penandatanganan="Bekasi", tanggal_penandatanganan=loi.isoformat(),
           berlaku_sampai=loi_batas_berlaku(loi).isoformat(),
           dokumen_loi=_dok(kasus, u["tkksd"], "loi", "Pernyataan Kehendak Kerja Sama", "ditandatangani"), **_isi(BAGIAN_LOI, konteks))
    _jalan(kasus, "susun_rencana", pd_user, **_isi(BAGIAN_RENCANA, konteks),
           dokumen_rencana=_dok(kasus, pd_user, "rencana_kerja_sama", "Rencana Kerja Sama"))


def _hamamatsu(ctx):
    u = ctx.users
    kasus = services.kasus_ksdln_buat(
        by=u["tkksd"], jenis="KSDPL", bentuk="kota_kembar", judul=JUDUL_HAMAMATSU, perangkat_daerah=ctx.pd["DISBUDPAR"],
        sumber_prakarsa="mitra", mitra=ctx.mitra["hamamatsu"], objek=["budaya", "promosi", "iptek"],
        uraian="Pertukaran budaya dan pemuda, promosi pariwisata, alih teknologi industri kreatif.")
    _sampai_rencana(ctx, kasus, u["pd_disbudpar"], {"penjajakan": -200, "tanggapan": -110, "loi": -100},
                    "kota bersaudara Bekasi–Hamamatsu")
    _jalan(kasus, "ajukan_persetujuan_dprd", u["tkksd"], tanggal_surat=_tgl(ctx, -45), nomor_surat="000.5/210/KS")
    # Ps 65(2): received by the Sekretariat DPRD 40 days ago; the 45 days end in 5 days.
    _jalan(kasus, "catat_penerimaan_dprd", u["dprd"], tanggal_diterima_dprd=_tgl(ctx, -40))
    return kasus


def _jica(ctx):
    u = ctx.users
    kasus = services.kasus_ksdln_buat(
        by=u["tkksd"], jenis="KSDLL", bentuk="lainnya", judul=JUDUL_JICA, perangkat_daerah=ctx.pd["DISHUB"],
        sumber_prakarsa="melalui_menteri", mitra=ctx.mitra["jica"], objek=["kemampuan_teknis"],
        uraian="Pelatihan manajemen lalu lintas dan perencanaan angkutan umum.")
    _sampai_rencana(ctx, kasus, u["pd_dishub"], {"penjajakan": -160, "tanggapan": -95, "loi": -90},
                    "peningkatan kapasitas manajemen transportasi")
    _jalan(kasus, "ajukan_persetujuan_dprd", u["tkksd"], tanggal_surat=_tgl(ctx, -60))
    _jalan(kasus, "catat_penerimaan_dprd", u["dprd"], tanggal_diterima_dprd=_tgl(ctx, -58))
    _jalan(kasus, "setujui_dprd", u["dprd"], tanggal_keputusan=_tgl(ctx, -20),
           dokumen_surat_dprd=_dok(kasus, u["dprd"], "surat_dprd", "Persetujuan DPRD"))
    # Ps 66(2)–(3): sent to the Gubernur 2 days ago; the direct route opens after 5 days.
    _jalan(kasus, "kirim_verifikasi_gubernur", u["tkksd"], tanggal_dikirim_gubernur=_tgl(ctx, -2),
           nomor_surat="000.5/377/KS")
    return kasus


def _gwangmyeong(ctx):
    u = ctx.users
    mitra = inti.mitra_simpan(nama="Gwangmyeong City", jenis=JenisMitra.PEMDA_LUAR_NEGERI, negara="KR",
                              nama_pimpinan="Mayor of Gwangmyeong", jabatan_pimpinan="Mayor")
    kasus = services.kasus_ksdln_buat(
        by=u["tkksd"], jenis="KSDPL", bentuk="lainnya", judul=JUDUL_GWANGMYEONG, perangkat_daerah=ctx.pd["DISHUB"],
        sumber_prakarsa="mitra", mitra=mitra, objek=["iptek", "kemampuan_teknis"],
        uraian="Alih teknologi pengolahan sampah dan pelatihan aparatur.")
    _sampai_rencana(ctx, kasus, u["pd_dishub"], {"penjajakan": -420, "tanggapan": -335, "loi": -330},
                    "pengelolaan sampah berbasis teknologi")
    _jalan(kasus, "ajukan_persetujuan_dprd", u["tkksd"], tanggal_surat=_tgl(ctx, -300))
    _jalan(kasus, "catat_penerimaan_dprd", u["dprd"], tanggal_diterima_dprd=_tgl(ctx, -298))
    _jalan(kasus, "setujui_dprd", u["dprd"], tanggal_keputusan=_tgl(ctx, -270),
           dokumen_surat_dprd=_dok(kasus, u["dprd"], "surat_dprd", "Persetujuan DPRD"))
    _jalan(kasus, "kirim_verifikasi_gubernur", u["tkksd"], tanggal_dikirim_gubernur=_tgl(ctx, -268))
    _jalan(kasus, "catat_penerusan_gubernur_verifikasi", u["tkksd"], tanggal_diteruskan_gubernur=_tgl(ctx, -265))
    _jalan(kasus, "pertimbangan_lanjut_naskah", u["tkksd"], tanggal_pertimbangan=_tgl(ctx, -240),
           pertimbangan="Rencana dapat ditindaklanjuti dengan rancangan Naskah.",
           dokumen_surat_menteri=_dok(kasus, u["tkksd"], "surat_menteri", "Pertimbangan Menteri"))
    _jalan(kasus, "kirim_naskah_gubernur", u["tkksd"], tanggal_dikirim_gubernur=_tgl(ctx, -238),
           dokumen_naskah=_dok(kasus, u["tkksd"], "naskah", "Rancangan Naskah"), **_isi(BAGIAN_NASKAH, "MoU"))
    _jalan(kasus, "catat_penerusan_gubernur_naskah", u["tkksd"], tanggal_diteruskan_gubernur=_tgl(ctx, -235))
    _jalan(kasus, "catat_pembahasan", u["tkksd"], pembahasan=[
        {"jenis": "antar_kementerian", "tanggal": _tgl(ctx, -225), "tempat": "Kemendagri", "hasil": "Disepakati."},
        {"jenis": "dengan_mitra", "tanggal": _tgl(ctx, -218), "tempat": "Daring", "hasil": "Disepakati mitra."}])
    _jalan(kasus, "catat_persetujuan_menteri", u["tkksd"], tanggal_persetujuan=_tgl(ctx, -210),
           dokumen_surat_menteri=_dok(kasus, u["tkksd"], "surat_menteri", "Persetujuan Menteri"),
           dokumen_naskah=_dok(kasus, u["tkksd"], "naskah", "Naskah disetujui Menteri"),
           rencana_tempat_penandatanganan="Bekasi", rencana_tanggal_penandatanganan=_tgl(ctx, -200),
           tanggal_pemberitahuan_menteri=_tgl(ctx, -208))
    ttd = ctx.hari_ini - datetime.timedelta(days=200)
    mulai = ttd + datetime.timedelta(days=1)
    _jalan(kasus, "tandatangani_naskah", u["walikota"], tanggal_penandatanganan=ttd.isoformat(),
           tempat_penandatanganan="Bekasi", tanggal_mulai=mulai.isoformat(),
           tanggal_berakhir=(mulai + relativedelta(years=3) - datetime.timedelta(days=1)).isoformat(),
           dokumen_naskah_ditandatangani=_dok(kasus, u["tkksd"], "naskah", "Naskah ditandatangani", "ditandatangani"),
           tanggal_naskah_asli_dikirim=_tgl(ctx, -190))
    rkt = services.rencana_tahunan_simpan(
        kasus=KasusKsdln.objects.get(pk=kasus.pk), by=u["pd_dishub"], tahun=ttd.year,
        peran_para_pihak="Kota Bekasi menyediakan lokasi dan peserta; Gwangmyeong menyediakan tenaga ahli.",
        hasil_diharapkan="Aparatur DLH dan Dishub terlatih; rancangan fasilitas pengolahan sampah.",
        rencana_pembiayaan="APBD Kota Bekasi dan pendanaan mitra (masing-masing menanggung biayanya).")
    services.kegiatan_tahunan_simpan(rencana=rkt, by=u["pd_dishub"], uraian="Pelatihan pengelolaan sampah di Gwangmyeong",
                                     waktu="Triwulan III", pelaksana="Dishub dan DLH", anggaran=150_000_000,
                                     status="terlaksana", hasil="12 aparatur mengikuti pelatihan dua minggu.")
    services.kegiatan_tahunan_simpan(rencana=rkt, by=u["pd_dishub"], uraian="Studi bersama lokasi fasilitas pengolahan",
                                     waktu="Triwulan IV", pelaksana="Dishub", anggaran=75_000_000)
    return kasus


def _penerusan(ctx):
    u = ctx.users
    mitra = inti.mitra_simpan(nama="Clean Water Foundation International", jenis=JenisMitra.LEMBAGA_LUAR_NEGERI,
                              negara="NL", bentuk_hukum="Stichting (yayasan nonprofit)")
    kasus = services.kasus_ksdln_buat(
        by=u["tkksd"], jenis="KSDLL", bentuk="penerusan", jenis_lembaga="nonprofit", judul=JUDUL_PENERUSAN,
        perangkat_daerah=ctx.pd["DISHUB"], sumber_prakarsa="melalui_menteri", mitra=mitra,
        objek=["lainnya"], objek_lainnya="Air bersih dan sanitasi", uraian="Daerah sebagai penerima manfaat (Pasal 73).")
    _sampai_rencana(ctx, kasus, u["pd_dishub"], {"penjajakan": -150, "tanggapan": -70, "loi": -60},
                    "penyediaan air bersih dan sanitasi")
    for jenis, nomor in (("izin_prinsip", "IP-117/2025"), ("izin_operasional", "IO-0422/2025")):
        services.izin_lembaga_catat(kasus=kasus, by=u["tkksd"], jenis=jenis, nomor=nomor,
                                    tanggal=ctx.hari_ini - datetime.timedelta(days=300),
                                    penerbit="Kementerian Luar Negeri / Kementerian Dalam Negeri")
    # Ps 64(1): a forwarding KSDLL needs no DPRD approval; straight to verifikasi.
    _jalan(kasus, "ajukan_verifikasi", u["tkksd"])
    return kasus


def seed(ctx) -> None:
    for judul, fn in ((JUDUL_HAMAMATSU, _hamamatsu), (JUDUL_JICA, _jica), (JUDUL_GWANGMYEONG, _gwangmyeong),
                      (JUDUL_PENERUSAN, _penerusan)):
        if KasusKsdln.objects.filter(judul=judul).exists():
            continue
        kasus = fn(ctx)
        kasus = KasusKsdln.objects.get(pk=kasus.pk)
        ctx.log.append(f"{kasus.jenis}: {kasus.nomor} {judul} — tahap {kasus.tahap}")
