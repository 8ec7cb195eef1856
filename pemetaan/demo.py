"""`seed_demo` part of the mapping: last year's cycle set by the Wali Kota (with a ranked list of
items of every kind, one already started as a case when its kind's app can start it), and this
year's cycle collecting data, with the Tim Pemetaan of DISHUB and DISBUDPAR and DISHUB's submitted
recommendation. Idempotent: what exists is left as it is."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from kerjasama import alur as alur_inti
from kerjasama.services import audit_catat, tenggat_mulai

from . import services
from .constants import ATURAN_EVALUASI, PeranTim, TahapRekomendasi, TahapSiklus
from .models import ItemRencana, ItemUsulan, KehadiranPleno, Rekomendasi, SiklusPemetaan, TimPemetaan

# A minimal one-page PDF standing in for a scanned Keputusan Kepala PD.
PDF_CONTOH = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

TIM = {
    "DISHUB": [
        (PeranTim.KETUA, "Drs. Agus Salim, M.Si.", "Sekretaris Dinas Perhubungan"),
        (PeranTim.WAKIL_KETUA, "Rina Marlina, S.T., M.T.", "Kepala Subbagian Perencanaan dan Keuangan"),
        (PeranTim.ANGGOTA, "Dedi Kurniawan, S.E.", "Perencana Ahli Muda"),
        (PeranTim.ANGGOTA, "Siti Nurhaliza, S.Kom.", "Pelaksana Perencanaan"),
    ],
    "DISBUDPAR": [
        (PeranTim.KETUA, "Hj. Yuyun Wahyuni, S.Sos.", "Sekretaris Dinas Kebudayaan dan Pariwisata"),
        (PeranTim.WAKIL_KETUA, "Bambang Prasetyo, S.E., M.M.", "Kepala Subbagian Perencanaan"),
        (PeranTim.ANGGOTA, "Lestari Ayu, S.Par.", "Perencana Ahli Pertama"),
        (PeranTim.ANGGOTA, "Fajar Nugroho, A.Md.", "Pelaksana Perencanaan"),
    ],
}

BAGIAN = {
    "DISHUB": {
        "identifikasi_masalah": "Kemacetan di koridor perbatasan Bekasi–Bogor–Kabupaten Bekasi menghambat target "
                                "waktu tempuh angkutan umum (IKU: rata-rata waktu tempuh koridor utama).",
        "target_indikator": "Waktu tempuh rata-rata koridor perbatasan turun 15%; 3 trayek lintas batas terintegrasi.",
        "kebijakan_tindakan": "Integrasi trayek dan manajemen lalu lintas bersama; kemitraan pengelolaan parkir.",
        "jangka_waktu": "3–5 tahun",
        "ruang_lingkup": "Angkutan umum lintas batas, terminal perbatasan, kantong parkir stasiun.",
        "usulan_kebijakan": "Penyusunan KAK bersama; forum teknis perhubungan antardaerah; kajian KSDPK parkir.",
    },
    "DISBUDPAR": {
        "identifikasi_masalah": "Kunjungan wisatawan mancanegara di bawah target RPJMD; promosi budaya terbatas.",
        "target_indikator": "Kunjungan wisatawan mancanegara naik 20%; 2 festival budaya internasional per tahun.",
        "kebijakan_tindakan": "Kemitraan kota kembar dan kerja sama lembaga luar negeri untuk promosi dan pelatihan.",
        "jangka_waktu": "2–3 tahun",
        "ruang_lingkup": "Pertukaran budaya, promosi pariwisata, pelatihan SDM pariwisata.",
        "usulan_kebijakan": "Penjajakan LoI dengan Hamamatsu City; usulan program pelatihan kepada JICA.",
    },
}

USULAN_LALU = [
    # (PD, jenis, urusan, program, kegiatan, calon mitra key, bulan, ruang lingkup)
    ("DISHUB", "KSDD", "Perhubungan", "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan",
     "Integrasi trayek angkutan umum Bekasi–Bogor", "bogor", 36, "Penataan trayek dan halte lintas batas."),
    ("DISHUB", "KSDPK", "Perhubungan", "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan",
     "Pengelolaan kantong parkir park and ride Stasiun Bekasi", "pt", 60, "Pembangunan dan pengelolaan parkir."),
    ("DISBUDPAR", "KSDPL", "Kebudayaan", "Program Pengembangan Kebudayaan",
     "Festival budaya kota kembar Bekasi–Hamamatsu", "hamamatsu", 24, "Pertukaran seni dan promosi budaya."),
    ("DISBUDPAR", "KSDLL", "Pariwisata", "Program Pengembangan Sumber Daya Pariwisata",
     "Pelatihan pemandu wisata berstandar internasional", "jica", 24, "Pelatihan dan sertifikasi pemandu."),
    ("DISHUB", "KSDD", "Perhubungan", "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan",
     "Manajemen lalu lintas simpang perbatasan Kabupaten Bekasi", "kab_bekasi", 24, "ATCS terpadu simpang perbatasan."),
    # The KSDPK items are the basis of ksdpk.demo's Daerah initiatives (Ps 38(1)): it starts them by their kegiatan.
    ("DISBUDPAR", "KSDPK", "Kebudayaan", "Program Pengembangan Kebudayaan",
     "Optimalisasi Gedung Kesenian Kota Bekasi", None, 60, "Pemanfaatan Gedung Kesenian untuk pertunjukan komersial."),
]

USULAN_INI = [
    {"urusan": "Perhubungan", "program": "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan",
     "kegiatan": "Bus sekolah lintas batas Bekasi–Depok", "jenis_usulan": "KSDD", "mitra_key": "depok",
     "jangka_waktu_bulan": 36, "ruang_lingkup": "Layanan bus sekolah pada rute perbatasan."},
    {"urusan": "Perhubungan", "program": "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan",
     "kegiatan": "Sistem tiket elektronik angkutan kota", "jenis_usulan": "KSDPK", "mitra_key": "pt",
     "jangka_waktu_bulan": 48, "ruang_lingkup": "Penyediaan dan pengoperasian tiket elektronik."},
]


def _pdf(nama: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, PDF_CONTOH, content_type="application/pdf")


def _tim(ctx, kode: str) -> None:
    pd = ctx.pd.get(kode)
    if pd is None or TimPemetaan.objects.filter(perangkat_daerah=pd, aktif=True).exists():
        return
    user = ctx.users[f"pd_{kode.lower()}"]
    services.tim_pemetaan_tetapkan(
        by=user, perangkat_daerah=pd, nomor_keputusan=f"800.1.3/Kep.{len(kode)}-{kode}/{ctx.hari_ini.year}",
        tanggal_keputusan=ctx.hari_ini - datetime.timedelta(days=90),
        anggota=[{"peran": p, "nama": n, "jabatan": j} for p, n, j in TIM[kode]], berkas=_pdf(f"kep-tim-{kode}.pdf"),
    )
    ctx.log.append(f"pemetaan: Tim Pemetaan {kode}")


def _siklus_lalu(ctx) -> None:
    tahun = ctx.hari_ini.year - 1
    if SiklusPemetaan.objects.filter(tahun=tahun).exists():
        siklus = SiklusPemetaan.objects.get(tahun=tahun)
    else:
        siklus = _buat_siklus_lalu(ctx, tahun)
    _mulai_satu_kasus(ctx, siklus)


def _buat_siklus_lalu(ctx, tahun: int) -> SiklusPemetaan:
    tkksd = ctx.users["tkksd"]
    keputusan = min(datetime.date(tahun, 12, 20),
                    max(datetime.date(tahun, 3, 20), ctx.hari_ini - datetime.timedelta(days=330)))
    siklus = SiklusPemetaan.objects.create(
        tahun=tahun, tahap=TahapSiklus.DITETAPKAN, tanggal_dibuka=keputusan - datetime.timedelta(days=60),
        batas_pengumpulan=keputusan - datetime.timedelta(days=20), nomor_surat_permintaan=f"000.3/{tahun}-Setda.Ks",
        tanggal_pleno=keputusan - datetime.timedelta(days=10), tempat_pleno="Ruang Rapat Wali Kota, Gedung Plaza Pemkot",
        nomor_berita_acara=f"000.3/BA.04-TKKSD/{tahun}", tanggal_berita_acara=keputusan - datetime.timedelta(days=10),
        tanggal_diajukan=keputusan - datetime.timedelta(days=7),
        nomor_keputusan=f"100.3.3.2/Kep.215-Setda.Ks/{tahun}", tanggal_keputusan=keputusan, dibuat_oleh=tkksd,
    )
    rek = {}
    for kode in ("DISHUB", "DISBUDPAR"):
        rek[kode] = Rekomendasi.objects.create(
            siklus=siklus, perangkat_daerah=ctx.pd[kode], tahap=TahapRekomendasi.DIBAHAS,
            tim=TimPemetaan.objects.filter(perangkat_daerah=ctx.pd[kode], aktif=True).first(),
            dibuat_oleh=ctx.users[f"pd_{kode.lower()}"], **BAGIAN[kode],
        )
    for peringkat, (kode, jenis, urusan, program, kegiatan, mitra_key, bulan, lingkup) in enumerate(USULAN_LALU, 1):
        mitra = ctx.mitra.get(mitra_key)
        u = ItemUsulan.objects.create(
            rekomendasi=rek[kode], urutan=peringkat, urusan=urusan, program=program, kegiatan=kegiatan,
            jenis_usulan=jenis, calon_mitra=mitra.nama if mitra else "", mitra=mitra, jangka_waktu_bulan=bulan,
            ruang_lingkup=lingkup,
        )
        ItemRencana.objects.create(
            siklus=siklus, item_usulan=u, perangkat_daerah=ctx.pd[kode], peringkat=peringkat,
            **{f: getattr(u, f) for f in services.FIELD_ITEM},
        )
    for i, (nama, jabatan, unsur) in enumerate([
        ("Sekretaris Daerah", "Ketua TKKSD", "TKKSD"),
        ("Asisten Pemerintahan dan Kesra", "Sekretaris TKKSD", "TKKSD"),
        ("Kepala Bagian Kerja Sama", "Anggota TKKSD", "Sekretariat Daerah"),
        ("Kepala Dinas Perhubungan", "Kepala Perangkat Daerah", "Dinas Perhubungan"),
        ("Kepala Dinas Kebudayaan dan Pariwisata", "Kepala Perangkat Daerah", "Dinas Kebudayaan dan Pariwisata"),
    ], 1):
        KehadiranPleno.objects.create(siklus=siklus, nama=nama, jabatan=jabatan, unsur=unsur, urutan=i)
    audit_catat(objek=siklus, aksi="dicatat", oleh=tkksd, ke_tahap=siklus.tahap, dasar_hukum="Perwal 57/2023 Pasal 18",
                komentar=f"Pemetaan {tahun} dicatat dengan Keputusan Wali Kota Nomor {siklus.nomor_keputusan}.")
    services._hasilkan_dokumen(siklus, tkksd, "berita_acara")
    services._hasilkan_dokumen(siklus, tkksd, "rancangan_keputusan")
    # Ps 20(2): the evaluation is due at most one year after the Keputusan.
    tenggat_mulai(aturan=ATURAN_EVALUASI, mulai=keputusan, objek=siklus, judul=f"Evaluasi pemetaan {tahun}")
    ctx.log.append(f"pemetaan: siklus {tahun} ditetapkan ({len(USULAN_LALU)} item berperingkat)")
    return siklus


def _mulai_satu_kasus(ctx, siklus) -> None:
    """One item of the set list becomes a case, when its kind's app is there to start it."""
    if siklus.daftar_rencana.filter(kerjasama__isnull=False).exists():
        return
    for item in siklus.daftar_rencana.order_by("peringkat"):
        if item.jenis_usulan in alur_inti._PEMBUAT_KASUS:
            kasus = services.item_mulai_kasus(item=item, by=ctx.users["pd_dishub"] if item.perangkat_daerah.kode == "DISHUB"
                                              else ctx.users["tkksd"])
            ctx.log.append(f"pemetaan: item {item.peringkat} ({item.jenis_usulan}) dimulai sebagai {kasus.nomor}")
            return


def _siklus_ini(ctx) -> None:
    tahun = ctx.hari_ini.year
    siklus = SiklusPemetaan.objects.filter(tahun=tahun).first()
    if siklus is None:
        siklus = services.siklus_buka(
            by=ctx.users["tkksd"], tahun=tahun, batas_pengumpulan=ctx.hari_ini + datetime.timedelta(days=30),
            nomor_surat_permintaan=f"000.3/{tahun}-Setda.Ks",
            keterangan="Rekomendasi disampaikan melalui SIKSD beserta data kinerja tahun sebelumnya.",
        )
        ctx.log.append(f"pemetaan: siklus {tahun} dibuka (pengumpulan data)")
    if siklus.tahap != TahapSiklus.PENGUMPULAN_DATA or Rekomendasi.objects.filter(
            siklus=siklus, perangkat_daerah=ctx.pd["DISHUB"]).exists():
        return
    user = ctx.users["pd_dishub"]
    item = [{**{k: v for k, v in row.items() if k != "mitra_key"},
             "calon_mitra": ctx.mitra[row["mitra_key"]].nama, "mitra": ctx.mitra[row["mitra_key"]].pk}
            for row in USULAN_INI]
    rek = services.rekomendasi_simpan(by=user, siklus=siklus, item=item, **BAGIAN["DISHUB"])
    services.rekomendasi_submit(rekomendasi=rek, by=user)
    ctx.log.append(f"pemetaan: rekomendasi DISHUB {tahun} diajukan")


def seed(ctx) -> None:
    for kode in ("DISHUB", "DISBUDPAR"):
        _tim(ctx, kode)
    _siklus_lalu(ctx)
    _siklus_ini(ctx)
