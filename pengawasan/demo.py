"""Supervision's part of `seed_demo` (idempotent):

- every cooperation in pelaksanaan is supervised (cases other apps seeded straight into
  pelaksanaan get their cycle here);
- `mitra_bogor` owes its report on the core's legacy agreement with Kota Bogor (signed two years
  ago: the last semester that ended is owed, and overdue);
- a cooperation with Kabupaten Bekasi overdue for monitoring;
- a cooperation with Kota Depok whose evaluation matrix was accepted by the Ketua TKKSD, with its
  recommendations open (a warning letter generated, obligations to claim, a PD task);
- a Keputusan forming the Tim Pembinaan dan Pengawasan and two pembinaan activities;
- the obligations of each side recorded for every cooperation in pelaksanaan (`KEWAJIBAN_DEMO`), so that
  an evaluation assesses real obligations (Ps 85(4) huruf a) and never passes it vacuously;
- an evaluation of the Bogor legacy agreement in progress, huruf a and b of its analysis filled and
  huruf c not yet, so the refusal to submit it (Ps 85(4)) shows in the demo.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from dateutil.relativedelta import relativedelta

from kerjasama import services as inti
from kerjasama.constants import Jenis
from kerjasama.models import KerjaSama

from . import selectors, services
from .models import KegiatanPembinaan, TimPembinaanPengawasan

JUDUL_BOGOR = "Pengelolaan Terminal Terpadu Perbatasan Bekasi–Bogor (perjanjian 2023)"  # kerjasama/demo.py
JUDUL_TERLAMBAT = "Pengelolaan Sampah Regional Bekasi Raya (perjanjian lama)"
JUDUL_EVALUASI = "Integrasi Layanan Angkutan Pengumpan Bekasi–Depok (perjanjian lama)"

# The PKS/KB obligations of the demo cooperations the case apps seed into pelaksanaan (Ps 85(4) huruf a),
# recorded when the cooperation has none. Keyed by title; tests/pengawasan/test_demo.py checks that every
# demo cooperation in pelaksanaan has its partner's obligations recorded.
KEWAJIBAN_DEMO: dict[str, list[dict]] = {
    JUDUL_TERLAMBAT: [
        {"pihak": "mitra", "uraian": "Mengangkut sampah dari 12 TPS wilayah perbatasan ke TPST regional setiap hari",
         "dasar": "PKS Pasal 5 ayat (1)"},
        {"pihak": "mitra", "uraian": "Mengolah paling sedikit 150 ton sampah per hari di TPST regional",
         "dasar": "PKS Pasal 5 ayat (3)"},
        {"pihak": "mitra", "uraian": "Menyampaikan laporan tonase dan pelaksanaan setiap 6 bulan", "dasar": "PKS Pasal 10"},
        {"pihak": "daerah", "uraian": "Membayar biaya pengolahan (tipping fee) per ton setiap bulan",
         "dasar": "PKS Pasal 7 ayat (1)"},
        {"pihak": "daerah", "uraian": "Menyediakan armada pengangkut dari TPS ke titik transfer", "dasar": "PKS Pasal 6"},
    ],
    "Integrasi layanan angkutan umum Bekasi–Bogor": [  # ksdd/demo.py
        {"pihak": "mitra", "uraian": "Mengintegrasikan 4 rute angkutan umum Kota Bogor dengan rute Kota Bekasi",
         "dasar": "PKS Pasal 4 ayat (1)"},
        {"pihak": "mitra", "uraian": "Menerima kartu pembayaran bersama pada seluruh armada trayek terintegrasi",
         "dasar": "PKS Pasal 4 ayat (3)"},
        {"pihak": "mitra", "uraian": "Menyampaikan data penumpang bulanan dan laporan pelaksanaan setiap 6 bulan",
         "dasar": "PKS Pasal 9"},
        {"pihak": "daerah", "uraian": "Menyediakan 6 halte transit dan sistem kartu pembayaran bersama",
         "dasar": "PKS Pasal 5"},
    ],
    "Kerja Sama Pengelolaan Sampah Berbasis Teknologi dengan Kota Gwangmyeong": [  # ksdln/demo.py
        {"pihak": "mitra", "uraian": "Menyelenggarakan pelatihan teknologi pemilahan dan daur ulang bagi 20 aparatur "
                                     "DLH setiap tahun", "dasar": "Naskah Pasal 4 ayat (1)"},
        {"pihak": "mitra", "uraian": "Menyediakan tenaga ahli pendamping untuk uji coba fasilitas daur ulang",
         "dasar": "Naskah Pasal 4 ayat (2)"},
        {"pihak": "daerah", "uraian": "Menyediakan lokasi uji coba fasilitas daur ulang di TPST Bantargebang",
         "dasar": "Naskah Pasal 5"},
        {"pihak": "daerah", "uraian": "Menyampaikan laporan tahunan pelaksanaan kepada Menteri melalui Gubernur",
         "dasar": "Naskah Pasal 8"},
    ],
}


def _pdf(nama: str) -> SimpleUploadedFile:
    from kerjasama.pdf import render_pdf

    isi = render_pdf("dokumen/surat_pengantar.html", {
        "perihal": nama, "kepada": ["Bagian Kerja Sama Setda Kota Bekasi"],
        "isi": [f"Dokumen contoh untuk data demo: {nama}."], "tanggal": datetime.date.today(),
    })
    return SimpleUploadedFile(f"{nama.lower().replace(' ', '-')}.pdf", isi, content_type="application/pdf")


def seed(ctx) -> None:
    tkksd, ketua = ctx.users["tkksd"], ctx.users["ketua"]
    hari_ini = ctx.hari_ini

    # Every cooperation in pelaksanaan is supervised (idempotent: an owed cycle is kept).
    for ks in KerjaSama.objects.filter(tahap="pelaksanaan"):
        services.pengawasan_mulai(kerjasama=ks, by=tkksd)

    bogor = KerjaSama.objects.filter(judul=JUDUL_BOGOR).first()
    if bogor is not None and selectors.laporan_mitra_terutang(bogor):
        ctx.log.append(f"pengawasan: mitra_bogor berutang laporan pada {bogor.nomor}")

    if not KerjaSama.objects.filter(judul=JUDUL_TERLAMBAT).exists():
        ditandatangani = hari_ini - relativedelta(months=8)
        ks = inti.perjanjian_lama_buat(
            by=tkksd, judul=JUDUL_TERLAMBAT, jenis=Jenis.KSDD, perangkat_daerah=ctx.pd["DLH"],
            mitra=ctx.mitra["kab_bekasi"], tanggal_penandatanganan=ditandatangani, tanggal_mulai=ditandatangani,
            tanggal_berakhir=ditandatangani + relativedelta(years=3) - datetime.timedelta(days=1),
            nomor_perjanjian="658/PKS.12-Ks/2025", uraian="Pengangkutan dan pengolahan sampah di TPST regional.",
        )
        ctx.log.append(f"pengawasan: {ks.nomor} terlambat dipantau (jatuh tempo "
                       f"{ditandatangani + relativedelta(months=6):%d-%m-%Y})")

    # Ps 85(4) huruf a: the obligations an evaluation assesses (only where none are recorded yet).
    for judul, daftar in KEWAJIBAN_DEMO.items():
        ks = KerjaSama.objects.filter(judul=judul, tahap="pelaksanaan").first()
        if ks is not None and not ks.kewajiban.exists():
            inti.kewajiban_atur(kerjasama=ks, by=tkksd, daftar=daftar)
            ctx.log.append(f"pengawasan: {len(daftar)} kewajiban para pihak dicatat untuk {ks.nomor}")

    if not KerjaSama.objects.filter(judul=JUDUL_EVALUASI).exists():
        _evaluasi_dengan_rekomendasi(ctx, tkksd=tkksd, ketua=ketua)

    if bogor is not None and bogor.tahap == "pelaksanaan" and not bogor.kegiatan_pengawasan.filter(
            jenis="evaluasi").exists():
        _evaluasi_berjalan(ctx, bogor, tkksd=tkksd)

    _pembinaan(ctx, tkksd=tkksd)


def _evaluasi_dengan_rekomendasi(ctx, *, tkksd, ketua) -> None:
    hari_ini = ctx.hari_ini
    ditandatangani = hari_ini - relativedelta(months=14)
    ks = inti.perjanjian_lama_buat(
        by=tkksd, judul=JUDUL_EVALUASI, jenis=Jenis.KSDD, perangkat_daerah=ctx.pd["DISHUB"], mitra=ctx.mitra["depok"],
        tanggal_penandatanganan=ditandatangani, tanggal_mulai=ditandatangani,
        tanggal_berakhir=ditandatangani + relativedelta(years=4) - datetime.timedelta(days=1),
        nomor_perjanjian="551/PKS.07-Ks/2024", uraian="Integrasi trayek angkutan pengumpan lintas batas.",
    )
    inti.kewajiban_atur(kerjasama=ks, by=tkksd, daftar=[
        {"pihak": "mitra", "uraian": "Mengoperasikan 20 armada pengumpan di koridor perbatasan", "dasar": "PKS Pasal 6 ayat (1)"},
        {"pihak": "mitra", "uraian": "Menyampaikan laporan pelaksanaan setiap 6 bulan", "dasar": "PKS Pasal 9"},
        {"pihak": "daerah", "uraian": "Menyediakan halte integrasi di 4 titik", "dasar": "PKS Pasal 5"},
    ])
    kewajiban = {k.uraian[:12]: k for k in ks.kewajiban.all()}

    # Pemantauan, scheduled, carried out a few days after its due date (Ps 85(3)).
    tanggal_pemantauan = ditandatangani + relativedelta(months=6, days=3)
    pemantauan = services.kegiatan_rencanakan(kerjasama=ks, by=tkksd, jenis="pemantauan", sifat="terjadwal")
    pemantauan = services.kegiatan_laksanakan(
        kegiatan=pemantauan, by=tkksd, tanggal_pelaksanaan=tanggal_pemantauan, lokasi="Koridor Jatiasih–Cibubur",
        analisa_laporan_mitra=True, tinjau_lokasi=True, peserta="Tim Pengawasan, Dishub",
        hasil="12 dari 20 armada beroperasi; halte integrasi baru 2 titik.",
        permasalahan="Armada belum lengkap; laporan semester pertama terlambat.",
        solusi="Mitra menambah armada; Dishub mempercepat halte.", saran="Evaluasi menyeluruh pada semester berikutnya.",
    )
    services.lampiran_unggah(kegiatan=pemantauan, by=tkksd, jenis="laporan", berkas=_pdf("Laporan mitra semester 1"))
    services.lampiran_unggah(kegiatan=pemantauan, by=tkksd, jenis="berita_acara", berkas=_pdf("Berita acara tinjau lokasi"))
    pemantauan = services.kegiatan_ajukan_laporan(kegiatan=pemantauan, by=tkksd,
                                                  ringkasan_laporan="Pelaksanaan berjalan sebagian; perlu evaluasi.")
    services.kegiatan_terima_laporan(kegiatan=pemantauan, by=ketua, catatan="Lanjutkan dengan evaluasi.")

    # Evaluasi, scheduled 6 months after the monitoring (Ps 85(5)), with its matrix (Ps 85(6)–(7)).
    tanggal_evaluasi = tanggal_pemantauan + relativedelta(months=6)
    evaluasi = services.kegiatan_rencanakan(kerjasama=ks, by=tkksd, jenis="evaluasi", sifat="terjadwal")
    evaluasi = services.kegiatan_laksanakan(
        kegiatan=evaluasi, by=tkksd, tanggal_pelaksanaan=tanggal_evaluasi, lokasi="Ruang rapat Bagian Kerja Sama",
        fgd=True, tinjau_lokasi=True, wawancara_dokumentasi=True,
        peserta="Pemerintah Kota Depok (Dishub), Dishub Kota Bekasi, Bagian Kerja Sama, Bagian Hukum",
        hasil="Kewajiban armada belum dipenuhi; laporan mitra tidak tertib; halte belum lengkap.",
        permasalahan="Armada 14 dari 20; laporan 6 bulanan terlambat.", solusi="Penagihan dan teguran; percepatan halte.",
        penilaian={kewajiban["Mengoperasik"].pk: ("sebagian", "14 dari 20 armada."),
                   kewajiban["Menyampaikan"].pk: ("tidak_dipenuhi", "Laporan semester 1 terlambat."),
                   kewajiban["Menyediakan "].pk: ("sebagian", "2 dari 4 halte.")},
    )
    dok = {}
    for jenis in ("daftar_hadir", "notulensi", "berita_acara"):
        dok[jenis] = services.lampiran_unggah(kegiatan=evaluasi, by=tkksd, jenis=jenis,
                                              berkas=_pdf(jenis.replace("_", " ").title())).dokumen
    dok["laporan"] = services.lampiran_unggah(kegiatan=evaluasi, by=tkksd, jenis="laporan",
                                              berkas=_pdf("Laporan mitra semester 2")).dokumen
    # Ps 85(4) huruf a–c: each part of the analysis with its finding and evidence.
    services.bagian_evaluasi_simpan(
        kegiatan=evaluasi, by=tkksd, huruf="a", dokumen=dok["laporan"],
        temuan="Dua kewajiban mitra dipenuhi sebagian (armada 14 dari 20) dan satu tidak dipenuhi (laporan semester "
               "pertama terlambat 41 hari); kewajiban Pemda menyediakan halte baru 2 dari 4 titik.",
        rujukan="Penilaian 3 kewajiban (PKS Pasal 5, PKS Pasal 6 ayat (1), PKS Pasal 9) pada evaluasi ini; laporan mitra "
                "semester 2.")
    services.bagian_evaluasi_simpan(
        kegiatan=evaluasi, by=tkksd, huruf="b", dokumen=dok["berita_acara"],
        temuan="Tinjau lokasi koridor Jatiasih–Cibubur: 14 armada beroperasi, halte integrasi Jatiasih dan Pondok Gede "
               "berfungsi; halte Cibubur dan Bantargebang belum dibangun.")
    services.bagian_evaluasi_simpan(
        kegiatan=evaluasi, by=tkksd, huruf="c", dokumen=dok["notulensi"],
        temuan="Wawancara dengan operator dan Dishub Kota Depok: penambahan armada menunggu pengadaan; pengemudi "
               "belum menerima pelatihan integrasi tiket. Dokumentasi foto terlampir pada notulensi.",
        rujukan="Notulensi FGD dan daftar hadir (lampiran evaluasi ini).")
    baris = [
        ("PKS Pasal 6 ayat (1)", "Operasional armada pengumpan", "Baru 14 dari 20 armada beroperasi",
         "Mitra menambah 6 armada", "Tagih pemenuhan armada dalam 60 hari", ctx.pd["DISHUB"], "menagih_kewajiban"),
        ("PKS Pasal 9", "Pelaporan berkala", "Laporan 6 bulanan terlambat", "Mitra melapor tepat waktu",
         "Terbitkan surat teguran", ctx.pd["SETDA"] if "SETDA" in ctx.pd else ctx.pd["DISHUB"], "surat_teguran"),
        ("PKS Pasal 5", "Penyediaan halte integrasi", "Baru 2 dari 4 halte", "Percepat pembangunan halte",
         "Dishub menyelesaikan 2 halte", ctx.pd["DISHUB"], "kewajiban_pemda"),
    ]
    for dasar, materi, masalah, solusi, tindak, pd, rekomendasi in baris:
        services.baris_matrik_simpan(kegiatan=evaluasi, by=tkksd, dasar_perjanjian=dasar, materi_evaluasi=materi,
                                     permasalahan=masalah, solusi=solusi, tindak_lanjut=tindak, perangkat_daerah=pd,
                                     rekomendasi=rekomendasi)
    evaluasi = services.kegiatan_ajukan_laporan(kegiatan=evaluasi, by=tkksd,
                                                ringkasan_laporan="Tiga rekomendasi: menagih kewajiban, teguran, kewajiban Pemda.")
    services.kegiatan_terima_laporan(kegiatan=evaluasi, by=ketua, catatan="Tindak lanjuti dalam 30 hari.")
    ctx.log.append(f"pengawasan: {ks.nomor} dengan matrik hasil evaluasi dan 3 rekomendasi terbuka")


def _evaluasi_berjalan(ctx, ks, *, tkksd) -> None:
    """An evaluation "pada saat diperlukan" carried out five days ago: huruf a (each partner obligation
    assessed) and b are filled, huruf c is not, so the report cannot be submitted yet (Ps 85(4))."""
    kewajiban = {kw.dasar: kw for kw in ks.kewajiban.filter(pihak="mitra")}
    evaluasi = services.kegiatan_rencanakan(
        kerjasama=ks, by=tkksd, jenis="evaluasi", sifat="saat_diperlukan",
        keterangan="Keluhan warga atas antrean dan jam operasional loket trayek Bogor di terminal perbatasan.")
    penilaian = {kw.pk: ("dipenuhi", "") for kw in kewajiban.values()}
    if "PKS Pasal 5 ayat (1)" in kewajiban:
        penilaian[kewajiban["PKS Pasal 5 ayat (1)"].pk] = ("sebagian", "Loket tutup pukul 20.00 pada akhir pekan.")
    if "PKS Pasal 11" in kewajiban:
        penilaian[kewajiban["PKS Pasal 11"].pk] = ("tidak_dipenuhi", "Laporan semester terakhir belum diterima.")
    evaluasi = services.kegiatan_laksanakan(
        kegiatan=evaluasi, by=tkksd, tanggal_pelaksanaan=ctx.hari_ini - datetime.timedelta(days=5),
        lokasi="Terminal perbatasan Bekasi–Bogor", fgd=True, tinjau_lokasi=True,
        peserta="Dishub Kota Bogor, Dishub Kota Bekasi, Bagian Kerja Sama, pengelola terminal",
        hasil="Operasional loket belum sesuai jam PKS; bagi hasil retribusi tertib; laporan mitra terlambat.",
        penilaian=penilaian,
    )
    dok = {jenis: services.lampiran_unggah(kegiatan=evaluasi, by=tkksd, jenis=jenis,
                                           berkas=_pdf(f"{jenis.replace('_', ' ').title()} Terminal Bogor")).dokumen
           for jenis in ("berita_acara", "daftar_hadir")}
    services.bagian_evaluasi_simpan(
        kegiatan=evaluasi, by=tkksd, huruf="a",
        temuan="Bagi hasil retribusi disetor tepat waktu; loket trayek Bogor tutup 2 jam lebih awal pada akhir pekan; "
               "laporan 6 bulanan semester terakhir belum disampaikan.")
    services.bagian_evaluasi_simpan(
        kegiatan=evaluasi, by=tkksd, huruf="b", dokumen=dok["berita_acara"],
        temuan="Tinjau lokasi Sabtu malam: loket trayek Bogor tutup pukul 20.00, antrean penumpang di jalur 3.")
    ctx.log.append(f"pengawasan: {ks.nomor} evaluasi berjalan — analisa huruf c (Pasal 85 ayat (4)) belum diisi")


def _pembinaan(ctx, *, tkksd) -> None:
    if not TimPembinaanPengawasan.objects.filter(nomor_keputusan="100.3.3.2/Kep.412-Setda.Ks/X/2025").exists():
        tim = services.tim_pembinaan_buat(
            by=tkksd, nomor_keputusan="100.3.3.2/Kep.412-Setda.Ks/X/2025", tanggal_keputusan=datetime.date(2025, 10, 6),
            berlaku_mulai=datetime.date(2025, 10, 6), berlaku_sampai=datetime.date(2026, 12, 31),
        )
        for kedudukan, jabatan, pengguna in (
            ("pengarah", "Wali Kota Bekasi", ctx.users.get("walikota")),
            ("ketua", "Sekretaris Daerah", ctx.users.get("ketua")),
            ("sekretaris", "Kepala Bagian Kerja Sama", tkksd),
            ("anggota", "Kepala Sub Bagian Pengendalian Kerja Sama", ctx.users.get("pengawas")),
        ):
            services.anggota_tim_pembinaan_tambah(tim=tim, by=tkksd, kedudukan=kedudukan, jabatan=jabatan,
                                                  nama=pengguna.get_full_name() if pengguna else "", pengguna=pengguna)
        ctx.log.append("pengawasan: Keputusan Tim Pembinaan dan Pengawasan")
    kegiatan = (
        ("sosialisasi", "Sosialisasi Perwal 57/2023 tentang Pedoman Kerja Sama Daerah", 45,
         ("DISHUB", "DISBUDPAR", "DLH")),
        ("asistensi", "Asistensi penyusunan KAK dan kajian kerja sama", 60, ("DISBUDPAR",)),
    )
    for bentuk, judul, mundur, kode_pd in kegiatan:
        if KegiatanPembinaan.objects.filter(judul=judul).exists():
            continue
        services.kegiatan_pembinaan_catat(
            by=tkksd, bentuk=bentuk, judul=judul, tanggal=ctx.hari_ini - datetime.timedelta(days=mundur),
            perangkat_daerah=[ctx.pd[k] for k in kode_pd if k in ctx.pd], jumlah_peserta=12 * len(kode_pd),
            tempat="Ruang rapat Setda", materi="Tahapan kerja sama daerah, dokumen dan tenggatnya (SIKSD).",
        )
        ctx.log.append(f"pengawasan: pembinaan — {judul}")
