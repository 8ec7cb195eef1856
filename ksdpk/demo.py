"""KSDPK cases for `seed_demo`, walked through the real services as the real demo users, so that every
stage, document, deadline and audit row is what the system itself would have produced. Idempotent: a
case is looked up by its title before it is created.

`Jalan` takes a case forward stage by stage; the tests' factories use it too (tests/ksdpk/factories.py)."""

from __future__ import annotations

import dataclasses
import datetime

from dateutil.relativedelta import relativedelta

from kerjasama.constants import JenisMitra
from kerjasama.services import dokumen_unggah, mitra_simpan, transisi_jalankan
from ksdd.dokumen_contoh import berkas_contoh

from . import selectors, services
from .constants import KedudukanTim
from .models import KasusKsdpk


def dokumen(kasus, jenis: str, judul: str, by, status: str = "final") -> int:
    """A sample PDF uploaded to the case as `by` (the id a document field takes). A signing step closes on a
    signed text (issue 13, tte/aturan.py): the demo's signed agreements are the scans of the paper signed in ink,
    uploaded by the Sekretariat as a version `ditandatangani`."""
    return dokumen_unggah(by=by, kerjasama=kasus, berkas=berkas_contoh(f"{judul} - {kasus.judul}", f"{jenis}.pdf"),
                          jenis=jenis, judul=judul, status=status).dokumen_id


@dataclasses.dataclass
class Jalan:
    """Who acts and when: one method per stage takes the case one step further on the path the law draws
    (Ps 38–45; for a third party's application, Ps 50 then Ps 40–45). `pks` is the PKS signing date; the
    earlier events are dated back from it."""

    pd: object
    tkksd: object
    walikota: object
    dprd: object
    pks: datetime.date
    pd_pemrakarsa: object = None  # Ps 50: the PD the TKKSD assigns to a third party's application

    def tanggal(self, bulan: float) -> str:
        return (self.pks - relativedelta(days=int(bulan * 30))).isoformat()

    def _ambil(self, kasus, nama, by, data=None):
        return transisi_jalankan(kasus=kasus, nama=nama, by=by, data=data or {})

    def persiapan(self, kasus):
        return self._ambil(kasus, "ajukan_kak", self.pd, {
            "kak": dokumen(kasus, "kak", "KAK", self.pd),
            "studi_kelayakan": dokumen(kasus, "studi_kelayakan", "Studi kelayakan", self.pd)})

    def kajian_tkksd(self, kasus):
        kajian = {"kajian": dokumen(kasus, "kajian", "Kajian TKKSD", self.tkksd),
                  "tenaga_ahli": "Tim ahli Universitas Islam 45 Bekasi"}
        if kasus.inisiatif == "mitra":
            return self._ambil(kasus, "terima_tawaran_mitra", self.tkksd,
                               {**kajian, "perangkat_daerah": str(self.pd_pemrakarsa.pk)})
        return self._ambil(kasus, "terima_kajian", self.tkksd, kajian)

    def penawaran(self, kasus):
        return self._ambil(kasus, "kirim_penawaran", self.pd, {
            "surat_penawaran": dokumen(kasus, "surat_penawaran", "Surat penawaran bertanda tangan", self.pd),
            "nomor_surat": f"415.4/{kasus.pk:03d}/Ks", "tanggal_surat": self.tanggal(6), "tanggal_dikirim": self.tanggal(6)})

    def menunggu_jawaban(self, kasus):
        return self._ambil(kasus, "mitra_menerima", self.tkksd, {"tanggal_jawaban": self.tanggal(5)})

    def pemilihan_mitra(self, kasus):
        """Ps 39(2): every candidate qualifies; with several, the TKKSD scores before it decides for the first."""
        for calon in kasus.calon.filter(memenuhi_syarat__isnull=True):
            services.calon_kualifikasi(kasus=kasus, by=self.tkksd, calon=calon, memenuhi_syarat=True,
                                       tanggal_jawaban=self.pks - relativedelta(months=5))
        if selectors.penilaian_belum_lengkap(kasus):
            services.penilaian_simpan(kasus=kasus, by=self.tkksd, serahkan=True, nilai=[
                {"calon": c.pk, "bonafiditas": 80 - 5 * i, "pengalaman": 75, "komitmen": 85}
                for i, c in enumerate(kasus.calon_memenuhi_syarat())])
        terpilih = selectors.peringkat_calon(kasus)[0].calon
        return self._ambil(kasus, "tetapkan_mitra", self.tkksd, {
            "mitra_terpilih": str(terpilih.mitra_id), "tanggal_keputusan": self.tanggal(4.5),
            "alasan": "Nilai tertinggi pada bonafiditas, pengalaman dan komitmen."})

    def penyusunan_kb(self, kasus):
        return self._ambil(kasus, "ajukan_rancangan_kb", self.tkksd, {
            "rancangan_kb": dokumen(kasus, "kesepakatan_bersama", "Rancangan KB", self.tkksd)})

    def pembahasan_kb(self, kasus):
        return self._ambil(kasus, "setujui_rancangan_kb", self.tkksd)

    def penandatanganan_kb(self, kasus):
        mulai = self.pks - relativedelta(months=3)
        return self._ambil(kasus, "tandatangani_kb", self.walikota, {
            "kesepakatan_bersama": dokumen(kasus, "kesepakatan_bersama", "KB ditandatangani", self.tkksd,
                                           status="ditandatangani"),
            "nomor_kb": f"KB/{kasus.pk:03d}/{mulai.year}", "cara_penandatanganan": "bersama",
            "tanggal_penandatanganan": mulai.isoformat(), "tanggal_mulai": mulai.isoformat(),
            "tanggal_berakhir": (mulai + relativedelta(years=5, days=-1)).isoformat(),
            "penandatangan_mitra": kasus.mitra.jabatan_pimpinan or "Direktur Utama"})

    def persetujuan_dprd(self, kasus):
        return self._ambil(kasus, "setujui_dprd", self.dprd, {
            "tanggal_diterima_dprd": self.tanggal(2.5), "tanggal_keputusan": self.tanggal(2),
            "nomor_surat_dprd": f"172/{kasus.pk:03d}/DPRD", "surat_dprd": dokumen(kasus, "surat_dprd", "Persetujuan DPRD", self.dprd)})

    def penyusunan_pks(self, kasus):
        return self._ambil(kasus, "ajukan_rancangan_pks", self.pd, {
            "rancangan_pks": dokumen(kasus, "pks", "Rancangan PKS", self.pd)})

    def pembahasan_pks(self, kasus):
        return self._ambil(kasus, "setujui_rancangan_pks", self.tkksd)

    def penandatanganan_pks(self, kasus):
        return self._ambil(kasus, "tandatangani_pks", self.walikota, {
            "pks": dokumen(kasus, "pks", "PKS ditandatangani", self.tkksd, status="ditandatangani"), "nomor_pks": f"PKS/{kasus.pk:03d}/{self.pks.year}",
            "tanggal_penandatanganan": self.pks.isoformat(), "tanggal_mulai": self.pks.isoformat(),
            "tanggal_berakhir": (self.pks + relativedelta(years=3, days=-1)).isoformat(),
            "penandatangan_mitra": kasus.mitra.jabatan_pimpinan or "Direktur Utama"})

    def sampai(self, kasus, tujuan: str):
        for _ in range(20):
            if kasus.tahap == tujuan:
                return kasus
            kasus = getattr(self, kasus.tahap)(kasus)
        raise RuntimeError(f"{kasus.nomor} tidak mencapai {tujuan} (tahap {kasus.tahap})")


def _pihak_ketiga(ctx) -> dict:
    """The two more third parties of the selection (Ps 1 angka 28), next to the core's PT Transportasi Patriot."""
    return {
        "tiket": mitra_simpan(nama="PT Solusi Tiket Nusantara", jenis=JenisMitra.PIHAK_KETIGA, bentuk_hukum="Perseroan Terbatas",
                              nib="9120009876543", npwp="02.345.678.9-407.000", alamat="Jl. Sudirman No. 5, Jakarta",
                              nama_pimpinan="Direktur Utama", jabatan_pimpinan="Direktur Utama", nama_perwakilan="Bayu Pratama"),
        "koperasi": mitra_simpan(nama="Koperasi Angkutan Bekasi Raya", jenis=JenisMitra.PIHAK_KETIGA, bentuk_hukum="Koperasi",
                                 nib="9120005551234", alamat="Jl. Juanda No. 88, Bekasi", nama_pimpinan="Ketua Pengurus",
                                 jabatan_pimpinan="Ketua Pengurus", nama_perwakilan="Siti Aminah"),
    }


def seed(ctx) -> None:
    u, pd, mitra = ctx.users, ctx.pd, ctx.mitra
    lain = _pihak_ketiga(ctx)
    pt = mitra["pt"]

    def jalan(pd_user, bulan_pks: int, **kw) -> Jalan:
        return Jalan(pd=pd_user, tkksd=u["tkksd"], walikota=u["walikota"], dprd=u["dprd"],
                     pks=ctx.hari_ini - relativedelta(months=bulan_pks), **kw)

    def baru(judul, pd_user, **data):
        """Ps 38(1): from the item of the set mapping list (pemetaan.demo) proposing this kegiatan for the PD."""
        if KasusKsdpk.objects.filter(judul=judul).exists():
            return None
        item = next((i for i in selectors.item_pemetaan_pilihan(user=pd_user) if i.kegiatan == judul), None)
        if item is None:
            ctx.log.append(f"KSDPK dilewati (belum ada item pemetaan yang ditetapkan, Pasal 38 ayat (1)): {judul}")
            return None
        ctx.log.append(f"KSDPK (dari item pemetaan {item.siklus.tahun} peringkat {item.peringkat}): {judul}")
        return services.ksdpk_buat_dari_item(item=item, by=pd_user, judul=judul, **data)

    def mendesak(judul, pd_user, alasan, **data):
        """Ps 38(1), the audited exception: the Sekretariat TKKSD starts it without an item and records why."""
        if KasusKsdpk.objects.filter(judul=judul).exists():
            return None
        ctx.log.append(f"KSDPK (tanpa item pemetaan, keadaan mendesak): {judul}")
        return services.ksdpk_buat(by=u["tkksd"], judul=judul, perangkat_daerah=pd_user.perangkat_daerah,
                                   alasan_tanpa_pemetaan=alasan, **data)

    umum = {"membebani_masyarakat_daerah": False, "sudah_dianggarkan_apbd": True}

    # 1. Pelaksanaan: PT Transportasi Patriot runs the park-and-ride (mitra_pt's own cooperation), with its
    #    obligations for supervision and an action plan.
    kasus = baru("Pengelolaan kantong parkir park and ride Stasiun Bekasi", u["pd_dishub"], jenis_ksdpk="pengelolaan_aset",
                 objek="Lahan parkir milik Pemerintah Kota di sisi utara Stasiun Bekasi (1,2 ha)", calon_mitra=[pt],
                 dasar_hukum="PP 27/2014 jo. PP 28/2020 tentang Pengelolaan Barang Milik Negara/Daerah; Permendagri 19/2016",
                 nilai=4_800_000_000, pendapatan_daerah=600_000_000, sumber_dana="Investasi mitra", lokasi="Stasiun Bekasi",
                 lintang="-6.236100", bujur="106.999600", jangka_waktu_bulan=36, **umum)
    if kasus is not None:
        kasus = jalan(u["pd_dishub"], 7).sampai(kasus, "pelaksanaan")
        services.ksdpk_kewajiban_atur(kasus=kasus, by=u["pd_dishub"], daftar=[
            {"pihak": "daerah", "uraian": "Menyerahkan lahan parkir dalam keadaan kosong", "dasar": "Pasal 5 PKS"},
            {"pihak": "daerah", "uraian": "Menetapkan tarif parkir dengan Keputusan Wali Kota", "dasar": "Pasal 6 PKS"},
            {"pihak": "mitra", "uraian": "Membangun gedung parkir 600 SRP dalam 12 bulan", "dasar": "Pasal 7 PKS"},
            {"pihak": "mitra", "uraian": "Menyetor kontribusi tetap Rp 50 juta per bulan ke kas daerah", "dasar": "Pasal 8 PKS"},
        ])
        transisi_jalankan(kasus=kasus, nama="lampirkan_rencana_aksi", by=u["pd_dishub"], data={
            "rencana_aksi": dokumen(kasus, "rencana_aksi", "Rencana aksi", u["pd_dishub"])})

    # 2. The selection (Ps 39(2)–(3)): three candidates, a team set by the Ketua TKKSD, three handed-in sheets;
    #    the TKKSD's decision is next.
    #    DISHUB proposed it in this year's mapping, not yet set; the Sekretariat started it as an urgent case.
    kasus = mendesak("Sistem tiket elektronik angkutan kota", u["pd_dishub"],
                     "Arahan Wali Kota: tiket elektronik angkutan kota harus berjalan sebelum integrasi trayek "
                     "lintas batas dimulai; usulan DISHUB sudah masuk pemetaan tahun berjalan yang belum ditetapkan.",
                     jenis_ksdpk="pelayanan_publik", objek="Penyediaan dan pengoperasian tiket elektronik pada angkutan kota",
                     calon_mitra=[pt, lain["tiket"], lain["koperasi"]], nilai=2_100_000_000,
                     dasar_hukum="UU 25/2009 tentang Pelayanan Publik; PP 74/2014 tentang Angkutan Jalan",
                     sumber_dana="Investasi mitra", lokasi="Seluruh trayek angkutan kota", jangka_waktu_bulan=48, **umum)
    if kasus is not None:
        j = jalan(u["pd_dishub"], 0)
        kasus = j.sampai(kasus, "pemilihan_mitra")
        penilai = [(u["tkksd"], KedudukanTim.KETUA), (u["pd_dishub"], KedudukanTim.SEKRETARIS),
                   (u["pd_disbudpar"], KedudukanTim.ANGGOTA)]
        services.tim_pemilihan_tetapkan(kasus=kasus, by=u["ketua"], nomor_keputusan=f"800/{kasus.pk:03d}/TKKSD",
                                        tanggal_keputusan=ctx.hari_ini - datetime.timedelta(days=20), anggota=penilai)
        for calon in kasus.calon.all():
            services.calon_kualifikasi(kasus=kasus, by=u["tkksd"], calon=calon, memenuhi_syarat=True,
                                       tanggal_jawaban=ctx.hari_ini - datetime.timedelta(days=25))
        skor = {pt.pk: (85, 80, 90), lain["tiket"].pk: (88, 70, 75), lain["koperasi"].pk: (70, 85, 80)}
        for i, (user, _k) in enumerate(penilai):
            services.penilaian_simpan(kasus=kasus, by=user, serahkan=True, nilai=[
                {"calon": c.pk, "bonafiditas": skor[c.mitra_id][0] - i, "pengalaman": skor[c.mitra_id][1] + i,
                 "komitmen": skor[c.mitra_id][2], "catatan_bonafiditas": "Laporan keuangan diaudit."}
                for c in kasus.calon.all()])

    # 3. Persiapan: Disbudpar drafting its KAK and feasibility study for the arts building.
    kasus = baru("Optimalisasi Gedung Kesenian Kota Bekasi", u["pd_disbudpar"], jenis_ksdpk="pengelolaan_aset",
                 objek="Pemanfaatan Gedung Kesenian untuk pertunjukan komersial", calon_mitra=[lain["koperasi"]],
                 dasar_hukum="PP 28/2020 tentang Pengelolaan Barang Milik Negara/Daerah", **umum)
    if kasus is not None:
        dokumen(kasus, "kak", "Draf KAK", u["pd_disbudpar"])

    # 4. A third party's application (Ps 50) by mitra_pt, waiting for the TKKSD's study.
    judul = "Permohonan PT Transportasi Patriot: reklame digital di halte bus"
    if not KasusKsdpk.objects.filter(judul=judul).exists():
        services.ksdpk_permohonan_ajukan(
            by=u["mitra_pt"], judul=judul, jenis_ksdpk="investasi", objek="Papan reklame digital pada 40 halte bus",
            uraian="Pembangunan dan pengelolaan reklame digital dengan bagi hasil bagi Daerah.", nilai=3_500_000_000,
            pendapatan_daerah=400_000_000, sumber_dana="Investasi mitra", lokasi="Koridor Jl. Ahmad Yani",
            jangka_waktu_bulan=60, studi_kelayakan=berkas_contoh("Studi kelayakan reklame digital", "studi.pdf"),
            data_pihak_ketiga={"nama_perwakilan": "Rina Kusuma"})
        ctx.log.append(f"KSDPK (permohonan pihak ketiga): {judul}")

    # 5. A paper application (Ps 50) accepted by the TKKSD and given to Dishub; the KB awaits the Wali Kota.
    judul = "Permohonan Koperasi Angkutan Bekasi Raya: bengkel uji kendaraan"
    if not KasusKsdpk.objects.filter(judul=judul).exists():
        kasus = services.ksdpk_permohonan_ajukan(
            by=u["tkksd"], judul=judul, jenis_ksdpk="pelayanan_publik", objek="Bengkel uji berkala kendaraan bermotor",
            mitra=lain["koperasi"], nomor_surat="017/KABR/2026", tanggal_surat=ctx.hari_ini - datetime.timedelta(days=40),
            studi_kelayakan=berkas_contoh("Studi kelayakan bengkel uji", "studi.pdf"),
            surat_permohonan=berkas_contoh("Surat permohonan koperasi", "surat.pdf"), **umum)
        jalan(u["pd_dishub"], 0, pd_pemrakarsa=pd["DISHUB"]).sampai(kasus, "penandatanganan_kb")
        ctx.log.append(f"KSDPK (permohonan pihak ketiga): {judul}")
