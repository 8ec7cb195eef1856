"""KSDD cases for `seed_demo`, walked through the real services as the real demo users, so that every
stage, document, deadline and audit row is what the system itself would have produced. Idempotent:
a case is looked up by its title before it is created."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta

from kerjasama.models import Wilayah
from kerjasama.services import dokumen_unggah, transisi_jalankan

from . import services
from .dokumen_contoh import berkas_contoh
from .models import KasusKsdd

# The steps of a Daerah-initiative case, in order; each takes (ctx, kasus, tanggal) and returns the case.
URUTAN = ["persiapan", "kajian_tkksd", "penawaran", "menunggu_jawaban", "penyusunan_kb", "pembahasan_kb",
          "penandatanganan_kb", "penyusunan_pks", "pembahasan_pks", "penandatanganan_pks", "pelaksanaan"]


def _dok(kasus, jenis, judul, by, status: str = "final") -> int:
    return dokumen_unggah(by=by, kerjasama=kasus, berkas=berkas_contoh(f"{judul} - {kasus.judul}", f"{jenis}.pdf"),
                          jenis=jenis, judul=judul, status=status).dokumen_id


def _ttd(kasus, jenis, judul, ctx) -> int:
    """A signing step closes on a signed text (issue 13, tte/aturan.py): the demo takes the ink path, the
    Sekretariat uploading the scan of the paper signed by both parties (Ps 25) as a version `ditandatangani`."""
    return _dok(kasus, jenis, judul, ctx.users["tkksd"], status="ditandatangani")


def _iso(tanggal: datetime.date) -> str:
    return tanggal.isoformat()


def _maju(ctx, kasus, pd_user, tanggal: dict[str, datetime.date]):
    """Take the case one stage further on its Daerah-initiative path."""
    u = ctx.users
    t = kasus.tahap
    if t == "persiapan":
        return transisi_jalankan(kasus=kasus, nama="ajukan_kak", by=pd_user, data={"kak": _dok(kasus, "kak", "KAK", pd_user)})
    if t == "kajian_tkksd":
        return transisi_jalankan(kasus=kasus, nama="terima_kajian", by=u["tkksd"], data={
            "kajian": _dok(kasus, "kajian", "Kajian TKKSD", u["tkksd"]), "tenaga_ahli": "Tim ahli Universitas Islam 45"})
    if t == "penawaran":
        return transisi_jalankan(kasus=kasus, nama="kirim_penawaran", by=u["tkksd"], data={
            "surat_penawaran": _dok(kasus, "surat_penawaran", "Surat penawaran bertanda tangan", u["tkksd"]),
            "nomor_surat": f"415.4/{kasus.pk:03d}/Ks", "tanggal_surat": _iso(tanggal["penawaran"]),
            "tanggal_dikirim": _iso(tanggal["penawaran"])})
    if t == "menunggu_jawaban":
        return transisi_jalankan(kasus=kasus, nama="mitra_menerima", by=u["tkksd"], data={
            "tanggal_jawaban": _iso(tanggal["jawaban"]),
            "surat_jawaban": _dok(kasus, "surat_jawaban", "Surat jawaban mitra", u["tkksd"])})
    if t == "penyusunan_kb":
        return transisi_jalankan(kasus=kasus, nama="ajukan_rancangan_kb", by=pd_user, data={
            "rancangan_kb": _dok(kasus, "kesepakatan_bersama", "Rancangan KB", pd_user)})
    if t == "pembahasan_kb":
        return transisi_jalankan(kasus=kasus, nama="setujui_rancangan_kb", by=u["tkksd"], data={})
    if t == "penandatanganan_kb":
        return transisi_jalankan(kasus=kasus, nama="tandatangani_kb", by=u["walikota"], data={
            "kesepakatan_bersama": _ttd(kasus, "kesepakatan_bersama", "KB ditandatangani", ctx),
            "nomor_kb": f"KB/{kasus.pk:03d}/{tanggal['kb'].year}", "cara_penandatanganan": "bersama",
            "tanggal_penandatanganan": _iso(tanggal["kb"]), "tanggal_mulai": _iso(tanggal["kb"]),
            "tanggal_berakhir": _iso(tanggal["kb"] + relativedelta(years=5, days=-1)),
            "penandatangan_mitra": kasus.mitra.jabatan_pimpinan or "Kepala daerah mitra"})
    if t == "persetujuan_dprd":
        return transisi_jalankan(kasus=kasus, nama="setujui_dprd", by=u["dprd"], data={
            "tanggal_diterima_dprd": _iso(tanggal["dprd"]), "tanggal_keputusan": _iso(tanggal["dprd"] + datetime.timedelta(days=20)),
            "nomor_surat_dprd": f"172/{kasus.pk:03d}/DPRD", "surat_dprd": _dok(kasus, "surat_dprd", "Persetujuan DPRD", u["dprd"])})
    if t == "penyusunan_pks":
        return transisi_jalankan(kasus=kasus, nama="ajukan_rancangan_pks", by=pd_user, data={
            "rancangan_pks": _dok(kasus, "pks", "Rancangan PKS", pd_user)})
    if t == "pembahasan_pks":
        return transisi_jalankan(kasus=kasus, nama="setujui_rancangan_pks", by=u["tkksd"], data={})
    if t == "penandatanganan_pks":
        return transisi_jalankan(kasus=kasus, nama="tandatangani_pks", by=u["walikota"], data={
            "pks": _ttd(kasus, "pks", "PKS ditandatangani", ctx), "nomor_pks": f"PKS/{kasus.pk:03d}/{tanggal['pks'].year}",
            "tanggal_penandatanganan": _iso(tanggal["pks"]), "tanggal_mulai": _iso(tanggal["pks"]),
            "tanggal_berakhir": _iso(tanggal["pks"] + relativedelta(years=5, days=-1)),
            "penandatangan_mitra": kasus.mitra.jabatan_pimpinan or "Kepala daerah mitra"})
    raise ValueError(t)


def _sampai(ctx, kasus, tujuan: str, pd_user, tanggal):
    for _ in range(20):
        if kasus.tahap == tujuan:
            return kasus
        kasus = _maju(ctx, kasus, pd_user, tanggal)
    raise RuntimeError(f"{kasus.nomor} tidak mencapai {tujuan} (tahap {kasus.tahap})")


def _tanggal(hari_ini, bulan_pks: int) -> dict:
    """Event dates of a case whose PKS is (or would be) signed `bulan_pks` months ago."""
    pks = hari_ini - relativedelta(months=bulan_pks)
    return {"penawaran": pks - relativedelta(months=5), "jawaban": pks - relativedelta(months=4, days=15),
            "kb": pks - relativedelta(months=3), "dprd": pks - relativedelta(months=2, days=20), "pks": pks}


def seed(ctx) -> None:
    u, pd, mitra = ctx.users, ctx.pd, ctx.mitra
    hari_ini = ctx.hari_ini

    def ada(judul):
        return KasusKsdd.objects.filter(judul=judul).exists()

    def baru(judul, pd_user, **data):
        kasus = services.ksdd_buat(by=pd_user, judul=judul, **data)
        ctx.log.append(f"KSDD: {judul}")
        return kasus

    # 1. In pelaksanaan with Kota Bogor, signed about seven months ago, with its action plan and a report.
    judul = "Integrasi layanan angkutan umum Bekasi–Bogor"
    if not ada(judul):
        tgl = _tanggal(hari_ini, 7)
        kasus = baru(judul, u["pd_dishub"], sifat="sukarela", mitra=mitra["bogor"], urusan="Perhubungan",
                     program="Program penyelenggaraan lalu lintas dan angkutan jalan",
                     kegiatan="Penyediaan angkutan umum lintas kota", membebani_masyarakat_daerah=False,
                     sudah_dianggarkan_apbd=True, sumber_dana="APBD Kota Bekasi 2026", nilai=1_250_000_000,
                     uraian="Integrasi rute, jadwal dan pembayaran angkutan umum antara Kota Bekasi dan Kota Bogor.")
        kasus = _sampai(ctx, kasus, "pelaksanaan", u["pd_dishub"], tgl)
        transisi_jalankan(kasus=kasus, nama="lampirkan_rencana_aksi", by=u["pd_dishub"], data={
            "rencana_aksi": _dok(kasus, "rencana_aksi", "Rencana aksi", u["pd_dishub"])})
        transisi_jalankan(kasus=kasus, nama="sampaikan_laporan_internal", by=u["pd_dishub"], data={
            "periode_awal": _iso(tgl["pks"]), "periode_akhir": _iso(tgl["pks"] + relativedelta(months=6, days=-1)),
            "ringkasan": "Empat rute terintegrasi beroperasi; kartu pembayaran bersama diuji coba.",
            "laporan": _dok(kasus, "laporan", "Laporan internal semester I", u["pd_dishub"])})

    # 2. Waiting for the Wali Kota's PKS signature: a kerja sama wajib with Kabupaten Bekasi, after DPRD approval.
    judul = "Pengelolaan sampah regional di perbatasan Kota dan Kabupaten Bekasi"
    if not ada(judul):
        batas = list(Wilayah.objects.filter(kode__in=["32.16"]))
        kasus = baru(judul, u["pd_dishub"], sifat="wajib", mitra=mitra["kab_bekasi"], urusan="Lingkungan hidup",
                     daerah_berbatasan=batas if mitra["kab_bekasi"].wilayah_id else [],
                     eksternalitas="Timbulan sampah dan angkutannya melintasi batas kedua daerah.",
                     program="Pengelolaan persampahan", kegiatan="Angkutan sampah lintas daerah",
                     membebani_masyarakat_daerah=False, sudah_dianggarkan_apbd=False, sumber_dana="Usulan APBD Perubahan")
        if not batas or not mitra["kab_bekasi"].wilayah_id:
            kasus = services.ksdd_ubah(kasus=kasus, by=u["tkksd"], sifat="sukarela")
        _sampai(ctx, kasus, "penandatanganan_pks", u["pd_dishub"], _tanggal(hari_ini, 0))

    # 3. Persiapan: Disbudpar drafting its KAK with Kota Depok.
    judul = "Promosi wisata budaya bersama Kota Depok"
    if not ada(judul):
        kasus = baru(judul, u["pd_disbudpar"], sifat="sukarela", mitra=mitra["depok"], urusan="Pariwisata",
                     program="Pemasaran pariwisata", kegiatan="Festival dan paket wisata bersama",
                     membebani_masyarakat_daerah=False, sudah_dianggarkan_apbd=True)
        _dok(kasus, "kak", "Draf KAK", u["pd_disbudpar"])

    # 4. Kajian TKKSD: Disbudpar's KAK with Kabupaten Bekasi before the TKKSD.
    judul = "Pelestarian cagar budaya Betawi bersama Kabupaten Bekasi"
    if not ada(judul):
        kasus = baru(judul, u["pd_disbudpar"], sifat="sukarela", mitra=mitra["kab_bekasi"], urusan="Kebudayaan",
                     program="Pelestarian cagar budaya", membebani_masyarakat_daerah=False, sudah_dianggarkan_apbd=True)
        _sampai(ctx, kasus, "kajian_tkksd", u["pd_disbudpar"], _tanggal(hari_ini, 0))

    # 5. Menunggu jawaban: Dishub's offer sent to Kota Depok.
    judul = "Manajemen lalu lintas koridor Bekasi–Depok"
    if not ada(judul):
        kasus = baru(judul, u["pd_dishub"], sifat="sukarela", mitra=mitra["depok"], urusan="Perhubungan",
                     program="Penyelenggaraan lalu lintas", membebani_masyarakat_daerah=False, sudah_dianggarkan_apbd=True)
        tgl = _tanggal(hari_ini, 0)
        tgl["penawaran"] = hari_ini - datetime.timedelta(days=12)
        _sampai(ctx, kasus, "menunggu_jawaban", u["pd_dishub"], tgl)

    # 6. Initiative of another region (Ps 35(3)): Kota Depok's offer, before the TKKSD.
    judul = "Tawaran Kota Depok: sistem tiket terpadu angkutan umum"
    if not ada(judul):
        kasus = services.ksdd_tawaran_mitra_catat(
            by=u["tkksd"], judul=judul, mitra=mitra["depok"], sifat="sukarela", urusan="Perhubungan",
            nomor_surat="551/210-Dishub", tanggal_surat=hari_ini - datetime.timedelta(days=9),
            surat_penawaran=berkas_contoh("Surat penawaran Kota Depok", "surat-depok.pdf"),
            rancangan_kb=berkas_contoh("Rancangan KB dari Kota Depok", "kb-depok.pdf"),
            membebani_masyarakat_daerah=False, sudah_dianggarkan_apbd=True)
        ctx.log.append(f"KSDD (prakarsa mitra): {judul}")

    # 7. Initiative of another region, accepted and given to Disbudpar, now before the DPRD (Ps 27: it burdens
    #    the public and the Daerah).
    judul = "Tawaran Kabupaten Bekasi: kalender event budaya bersama"
    if not ada(judul):
        kasus = services.ksdd_tawaran_mitra_catat(
            by=u["tkksd"], judul=judul, mitra=mitra["kab_bekasi"], sifat="sukarela", urusan="Kebudayaan",
            nomor_surat="430/88-Disparbud", tanggal_surat=hari_ini - datetime.timedelta(days=60),
            surat_penawaran=berkas_contoh("Surat penawaran Kabupaten Bekasi", "surat-kab.pdf"),
            rancangan_kb=berkas_contoh("Rancangan KB dari Kabupaten Bekasi", "kb-kab.pdf"),
            membebani_masyarakat_daerah=True, sudah_dianggarkan_apbd=True)
        kasus = transisi_jalankan(kasus=kasus, nama="terima_tawaran_mitra", by=u["tkksd"], data={
            "perangkat_daerah": str(pd["DISBUDPAR"].pk), "kajian": _dok(kasus, "kajian", "Kajian tawaran", u["tkksd"])})
        kasus = transisi_jalankan(kasus=kasus, nama="ajukan_rancangan_kb", by=u["pd_disbudpar"],
                                  data={"rancangan_kb": kasus.rancangan_kb_id})
        _sampai(ctx, kasus, "persetujuan_dprd", u["pd_disbudpar"], _tanggal(hari_ini, 0))
        ctx.log.append(f"KSDD (prakarsa mitra): {judul}")
