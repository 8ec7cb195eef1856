"""Permission-matrix providers for the supervision URLs (BAB VI, Ps 84–88, and Perwal 75/2021;
tests/quality/matriks.py). Who sees and who acts is written by hand from the spec (README "Actors
and roles", pengawasan.md), never asked of the code under test.

Both cooperations of the shared world are in pelaksanaan, so both are supervised. The user `pengawas`
(role tim_pengawasan) is named to Dishub's Tim Pengawasan only: it sees and supervises that
cooperation ("the cooperations they supervise") and gets 404 on Disbudpar's.

- The supervision file of a cooperation (its activities, matrix, follow-ups, team) is read by whoever
  sees the cooperation, except its partner: the team's working papers are the city's (the partner
  reports through "Laporan saya", Ps 87). A partner sees its own cooperation, so on the web it gets
  403 there; the API lists activities only to those who read the file, so it answers 404.
- Monitoring and evaluation are carried out by the Sekretariat (Bagian Kerja Sama, whose head chairs
  every team) and by the members of the cooperation's team (P75 Ps 8(3)); the Ketua TKKSD receives or
  returns their reports (Ps 88(1)–(2)); only the Sekretariat forms and changes the team (assigned by
  the Ketua TKKSD, P75 Ps 8(1)) and sets a follow-up's owner and due date.
- A partner report (Ps 87(1)) is sent by the cooperation's own partner, or recorded by the
  Sekretariat for a report received on paper; it is read by whoever sees the cooperation.
- The Tim Pembinaan dan Pengawasan (Ps 84(2)–(3)) is the city's: recorded by the Sekretariat, read by
  the city's users; a partner gets 403.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from tests.quality.matriks import SEMUA, Dunia, Permintaan, langkah_formulir, penyedia

MITRA = frozenset({"mitra_bogor", "mitra_pt"})


def _hari(n: int = 0) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def _pdf(nama="berkas.pdf"):
    from tests.pengawasan.factories import berkas_pdf

    return berkas_pdf(nama)


def _kasus(dunia: Dunia):
    """[(cooperation, who sees it, who reads its supervision file, who supervises it, its partner's user)]."""
    from pengawasan import services
    from pengawasan.models import AnggotaTimPengawasan

    sekretaris = AnggotaTimPengawasan.objects.get(tim__kerjasama_id=dunia.kasus_dishub.pk, kedudukan="sekretaris")
    services.anggota_tim_ubah(anggota=sekretaris, by=dunia.pengguna["tkksd"], nama="Pengawas Matriks",
                              pengguna=dunia.pengguna["pengawas"])
    # Perwal 75/2021 Ps 8(1): the Sekretariat prepares the surat tugas, the Ketua TKKSD assigns the team.
    services.tim_pengawasan_ubah(tim=sekretaris.tim, by=dunia.pengguna["tkksd"], nomor_surat_tugas="800/9/TKKSD",
                                 tanggal_surat_tugas=dunia.kasus_dishub.tanggal_penandatanganan)
    services.tim_pengawasan_tugaskan(tim=sekretaris.tim, by=dunia.pengguna["ketua"])
    dishub = dunia.melihat_kasus_dishub | {"pengawas"}
    disbudpar = dunia.melihat_kasus_disbudpar
    return [(dunia.kasus_dishub, dishub, dishub - MITRA, {"tkksd", "pengawas"}, "mitra_bogor"),
            (dunia.kasus_disbudpar, disbudpar, disbudpar - MITRA, {"tkksd"}, "mitra_pt")]


def _kegiatan(dunia: Dunia, ks, **trait):
    from tests.pengawasan.factories import KegiatanPengawasanFactory

    return KegiatanPengawasanFactory(kerjasama=ks, by=dunia.pengguna["tkksd"], ketua=dunia.pengguna["ketua"], **trait)


def _langkah_kegiatan(dunia: Dunia):
    """Each step of an activity where it is offered, on both cooperations:
    [(activity, step, data, who sees it, who may)] (`melihat` of the web: the partner sees the cooperation)."""
    from tests.pengawasan.factories import lampiran_lengkap

    hasil = []
    for ks, melihat, _berkas, awasi, _mitra in _kasus(dunia):
        # Ps 85(2): the team carries out the monitoring (the partner's reports and a site visit)
        k = _kegiatan(dunia, ks)
        hasil.append((k, "laksanakan", {"tanggal_pelaksanaan": _hari(), "hasil": "Berjalan sesuai PKS.",
                                        "analisa_laporan_mitra": "on", "tinjau_lokasi": "on"}, melihat, awasi))
        # Ps 88(1): and reports to the Ketua TKKSD, with the attachments
        k = _kegiatan(dunia, ks, dilaksanakan=True)
        lampiran_lengkap(k, by=dunia.pengguna["tkksd"])
        hasil.append((k, "ajukan_laporan", {"ringkasan_laporan": "Ringkasan pemantauan."}, melihat, awasi))
        # Ps 88(1)–(2): the Ketua TKKSD receives the report, or returns it
        k = _kegiatan(dunia, ks, laporan_diajukan=True)
        hasil.append((k, "terima_laporan", {"catatan": "Diterima."}, melihat, {"ketua"}))
        k = _kegiatan(dunia, ks, laporan_diajukan=True)
        hasil.append((k, "kembalikan_laporan", {"alasan": "Lengkapi foto tinjau lokasi."}, melihat, {"ketua"}))
        # an activity planned "whenever needed" may be called off by those who supervise
        k = _kegiatan(dunia, ks)
        hasil.append((k, "batalkan", {"alasan": "Tidak diperlukan lagi."}, melihat, awasi))
    return hasil


def _baris(dunia: Dunia, kegiatan):
    from tests.pengawasan.factories import baris_matrik

    return baris_matrik(kegiatan, by=dunia.pengguna["tkksd"], rekomendasi="proses_hukum")


def _isi_matrik(ks) -> dict:
    # Ps 85(6) huruf a–h
    return {"dasar_perjanjian": "PKS Pasal 5", "materi_evaluasi": "Pelaporan berkala",
            "permasalahan": "Laporan semester terlambat", "solusi": "Mitra menyampaikan laporan",
            "tindak_lanjut": "Tagih laporan", "perangkat_daerah": ks.perangkat_daerah_id, "keterangan": "",
            "rekomendasi": "menagih_kewajiban"}


def _ada_dokumen_kegiatan(kegiatan, jenis: str, berwenang):
    from pengawasan.selectors import dokumen_kegiatan

    def periksa(username, response):
        ada = dokumen_kegiatan(kegiatan).filter(jenis=jenis).exists()
        if username in berwenang and not ada:
            return f"lampiran {jenis} tidak tersimpan"
        if username not in berwenang and ada:
            return f"lampiran {jenis} tersimpan oleh yang tidak berwenang"
        return None

    return periksa


# --- a cooperation's supervision file (web) ------------------------------------------------------


@penyedia("pengawasan:kerjasama")
def kerjasama(dunia):
    return [Permintaan({"pk": ks.pk}, melihat=m, berwenang=berkas) for ks, m, berkas, _a, _mitra in _kasus(dunia)]


@penyedia("pengawasan:mulai")
def mulai(dunia):
    return [Permintaan({"pk": ks.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,))
            for ks, m, _berkas, _a, _mitra in _kasus(dunia)]


@penyedia("pengawasan:tim")
def tim(dunia):
    hasil = []
    for ks, m, berkas, _a, _mitra in _kasus(dunia):
        hasil.append(Permintaan({"pk": ks.pk}, melihat=m, berwenang=berkas, keterangan="susunan"))
        # P75 Ps 8(1): the assignment letter of the Ketua TKKSD, recorded by the Sekretariat
        hasil.append(Permintaan({"pk": ks.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                                data={"aksi": "surat_tugas", "nomor_surat_tugas": "800/12/TKKSD",
                                      "tanggal_surat_tugas": _hari()}, keterangan="surat tugas"))
    return hasil


def _anggota_tetap(ks):
    from pengawasan.models import AnggotaTimPengawasan

    return AnggotaTimPengawasan.objects.filter(tim__kerjasama_id=ks.pk, kedudukan="anggota_tetap").first()


@penyedia("pengawasan:anggota_ubah")
def anggota_ubah(dunia):
    hasil = []
    for ks, m, _berkas, _a, _mitra in _kasus(dunia):
        a = _anggota_tetap(ks)
        hasil.append(Permintaan({"pk": a.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                                data={f"a{a.pk}-nama": "Kasubag Pengembangan"}, keterangan="ubah"))
        # an account that does not exist: the form's error for the Sekretariat, still 403 for the others
        hasil.append(Permintaan({"pk": a.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                                data={f"a{a.pk}-pengguna": "999999"}, keterangan="isian salah"))
    return hasil


@penyedia("pengawasan:anggota_hapus")
def anggota_hapus(dunia):
    return [Permintaan({"pk": _anggota_tetap(ks).pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,))
            for ks, m, _berkas, _a, _mitra in _kasus(dunia)]


@penyedia("pengawasan:kegiatan_baru")
def kegiatan_baru(dunia):
    hasil = []
    for ks, m, _berkas, awasi, _mitra in _kasus(dunia):
        hasil.append(Permintaan({"pk": ks.pk}, melihat=m, berwenang=awasi, keterangan="formulir"))
        # Ps 85(3): a monitoring "whenever needed"
        hasil.append(Permintaan({"pk": ks.pk}, melihat=m, berwenang=awasi, metode="post", berhasil=(302,),
                                data={"jenis": "pemantauan", "sifat": "saat_diperlukan",
                                      "keterangan": "Keluhan warga tentang layanan."}, keterangan="rencanakan"))
    return hasil


@penyedia("pengawasan:laporan_unggah")
def laporan_unggah(dunia):
    # Ps 87(1): the cooperation's own partner reports; the Sekretariat records a paper report.
    hasil = []
    for ks, m, _berkas, _a, mitra in _kasus(dunia):
        hasil.append(Permintaan({"pk": ks.pk}, melihat=m, berwenang={"tkksd", mitra}, keterangan="formulir"))
        hasil.append(Permintaan({"pk": ks.pk}, melihat=m, berwenang={"tkksd", mitra}, metode="post", berhasil=(302,),
                                data=lambda: {"kemajuan": "Layanan berjalan.", "berkas": _pdf("laporan.pdf")},
                                keterangan="kirim"))
    return hasil


# --- activities (web) --------------------------------------------------------------------------


@penyedia("pengawasan:kegiatan")
def kegiatan(dunia):
    return [Permintaan({"pk": _kegiatan(dunia, ks).pk}, melihat=m, berwenang=berkas)
            for ks, m, berkas, _a, _mitra in _kasus(dunia)]


@penyedia("pengawasan:kegiatan_transisi")
def kegiatan_transisi(dunia):
    hasil = []
    for k, nama, data, melihat, berwenang in _langkah_kegiatan(dunia):
        hasil += langkah_formulir({"pk": k.pk}, nama=nama, data=data, melihat=melihat, berwenang=berwenang)
    return hasil


@penyedia("pengawasan:lampiran")
def lampiran(dunia):
    # Ps 88(1): the berita acara tinjau lokasi of a monitoring carried out
    hasil = []
    for ks, m, _berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, dilaksanakan=True)
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=awasi, metode="post", berhasil=(302,),
                                data=lambda: {"jenis": "berita_acara", "berkas": _pdf("ba.pdf")},
                                periksa=_ada_dokumen_kegiatan(k, "berita_acara", awasi), keterangan="unggah"))
        # without a file: the form's error for those who supervise, still 403 for the others
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=awasi, metode="post", berhasil=(302,),
                                data={"jenis": "berita_acara"}, keterangan="tanpa berkas"))
    return hasil


@penyedia("pengawasan:laporan_dianalisa")
def laporan_dianalisa(dunia):
    # Ps 85(2) huruf a: the partner's reports the monitoring analyses
    from pengawasan import services

    hasil = []
    for ks, m, _berkas, awasi, _mitra in _kasus(dunia):
        laporan = services.laporan_mitra_unggah(kerjasama=ks, by=dunia.pengguna["tkksd"], berkas=_pdf(),
                                                kemajuan="Laporan kertas.")
        k = _kegiatan(dunia, ks)

        def periksa(username, response, k=k, awasi=awasi):
            n = k.laporan_mitra.count()
            if (username in awasi) != (n == 1):
                return f"{n} laporan mitra tercatat"
            return None

        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=awasi, metode="post", berhasil=(302,),
                                data={"laporan": [laporan.pk]}, periksa=periksa))
    return hasil


@penyedia("pengawasan:matrik_baru")
def matrik_baru(dunia):
    hasil = []
    for ks, m, _berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=awasi, keterangan="formulir"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=awasi, metode="post", berhasil=(302,),
                                data=_isi_matrik(ks), keterangan="simpan"))
    return hasil


@penyedia("pengawasan:matrik_ubah")
def matrik_ubah(dunia):
    hasil = []
    for ks, m, _berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        b = _baris(dunia, k)
        kw = {"pk": k.pk, "baris_pk": b.pk}
        hasil.append(Permintaan(kw, melihat=m, berwenang=awasi, keterangan="formulir"))
        hasil.append(Permintaan(kw, melihat=m, berwenang=awasi, metode="post", berhasil=(302,), data=_isi_matrik(ks),
                                keterangan="simpan"))
    return hasil


@penyedia("pengawasan:matrik_hapus")
def matrik_hapus(dunia):
    hasil = []
    for ks, m, _berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        hasil.append(Permintaan({"pk": k.pk, "baris_pk": _baris(dunia, k).pk}, melihat=m, berwenang=awasi,
                                metode="post", berhasil=(302,)))
    return hasil


@penyedia("pengawasan:bagian_evaluasi")
def bagian_evaluasi(dunia):
    # Ps 85(4) huruf a–c: the team records each part of the evaluation's analysis, with its evidence
    hasil = []
    for ks, m, _berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        hasil.append(Permintaan({"pk": k.pk, "huruf": "b"}, melihat=m, berwenang=awasi, keterangan="formulir"))
        hasil.append(Permintaan({"pk": k.pk, "huruf": "b"}, melihat=m, berwenang=awasi, metode="post", berhasil=(302,),
                                data={"temuan": "Halte belum dibangun.", "rujukan": "Foto tinjau lokasi"},
                                keterangan="simpan"))
    return hasil


@penyedia("pengawasan:kewajiban_evaluasi")
def kewajiban_evaluasi(dunia):
    # Ps 85(4) huruf a: the PKS/KB obligations, recorded from the evaluation when the cooperation has none
    hasil = []
    for ks, m, _berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=awasi, keterangan="formulir"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=awasi, metode="post", berhasil=(302,),
                                data={"kewajiban_mitra": "Membangun 4 halte | PKS Pasal 4"}, keterangan="catat"))
    return hasil


@penyedia("pengawasan:matrik_pdf", "pengawasan:matrik_xlsx")
def matrik_ekspor(dunia):
    # Ps 85(6): the evaluation matrix, exported as PDF and Excel for whoever reads the file
    hasil = []
    for ks, m, berkas, _a, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        _baris(dunia, k)
        hasil.append(Permintaan({"pk": k.pk}, melihat=m, berwenang=berkas))
    return hasil


@penyedia("pengawasan:tindak_lanjut")
def tindak_lanjut(dunia):
    # Ps 85(7): a received evaluation opens the follow-up of each matrix row
    from pengawasan.models import TindakLanjut

    hasil = []
    for ks, m, berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", diterima=True, rekomendasi=("proses_hukum",))
        tl = TindakLanjut.objects.get(baris__kegiatan=k)
        hasil.append(Permintaan({"pk": tl.pk}, melihat=m, berwenang=berkas, keterangan="baca"))
        hasil.append(Permintaan({"pk": tl.pk}, melihat=m, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                                data={"aksi": "ubah", "batas_waktu": _hari(30)}, keterangan="batas waktu"))
        hasil.append(Permintaan({"pk": tl.pk}, melihat=m, berwenang=awasi, metode="post", berhasil=(302,),
                                data={"aksi": "tutup", "status": "selesai", "hasil": "Diserahkan ke Bagian Hukum."},
                                keterangan="tutup"))
    return hasil


@penyedia("pengawasan:tim_pembinaan_detail")
def tim_pembinaan_detail(dunia):
    from pengawasan import services

    tim_obj = services.tim_pembinaan_buat(by=dunia.pengguna["tkksd"], nomor_keputusan="100.3.3.2/Kep.77-Ks",
                                          tanggal_keputusan=timezone.localdate())
    return [Permintaan({"pk": tim_obj.pk}, melihat=SEMUA, berwenang=SEMUA - MITRA, keterangan="susunan"),
            Permintaan({"pk": tim_obj.pk}, melihat=SEMUA, berwenang={"tkksd"}, metode="post", berhasil=(302,),
                       data={"kedudukan": "anggota", "jabatan": "Inspektur Pembantu"}, keterangan="tambah anggota")]


# --- API ------------------------------------------------------------------------------------------


@penyedia("pengawasan-kegiatan-detail")
def api_kegiatan_detail(dunia):
    return [Permintaan({"pk": _kegiatan(dunia, ks).pk}, melihat=berkas, berwenang=berkas)
            for ks, _m, berkas, _a, _mitra in _kasus(dunia)]


@penyedia("pengawasan-kegiatan-transisi")
def api_kegiatan_transisi(dunia):
    return [Permintaan({"pk": k.pk, "nama": nama}, melihat=melihat - MITRA, berwenang=berwenang, metode="post",
                       data={key: (True if v == "on" else v) for key, v in data.items()}, keterangan=nama)
            for k, nama, data, melihat, berwenang in _langkah_kegiatan(dunia)]


@penyedia("pengawasan-kegiatan-matrik")
def api_kegiatan_matrik(dunia):
    hasil = []
    for ks, _m, berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        _baris(dunia, k)
        hasil.append(Permintaan({"pk": k.pk}, melihat=berkas, berwenang=berkas, keterangan="baca"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=berkas, berwenang=awasi, metode="post", berhasil=(201,),
                                data=_isi_matrik(ks), keterangan="tambah baris"))
    return hasil


@penyedia("pengawasan-kegiatan-analisa")
def api_kegiatan_analisa(dunia):
    # Ps 85(4) huruf a–c over the API: read by whoever reads the file, filled by those who supervise
    hasil = []
    for ks, _m, berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        hasil.append(Permintaan({"pk": k.pk}, melihat=berkas, berwenang=berkas, keterangan="baca"))
        hasil.append(Permintaan({"pk": k.pk}, melihat=berkas, berwenang=awasi, metode="post", berhasil=(201,),
                                data={"huruf": "c", "temuan": "Wawancara pengelola.", "rujukan": "Notulensi FGD"},
                                keterangan="isi huruf c"))
    return hasil


@penyedia("pengawasan-kegiatan-kewajiban")
def api_kegiatan_kewajiban(dunia):
    # Ps 85(4) huruf a: the obligations recorded from the evaluation when the cooperation has none
    hasil = []
    for ks, _m, berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, jenis="evaluasi", dilaksanakan=True)
        hasil.append(Permintaan({"pk": k.pk}, melihat=berkas, berwenang=awasi, metode="post", berhasil=(201,),
                                data={"kewajiban": [{"pihak": "mitra", "uraian": "Membangun 4 halte"}]},
                                keterangan="catat"))
    return hasil


@penyedia("pengawasan-kegiatan-lampiran")
def api_kegiatan_lampiran(dunia):
    hasil = []
    for ks, _m, berkas, awasi, _mitra in _kasus(dunia):
        k = _kegiatan(dunia, ks, dilaksanakan=True)
        hasil.append(Permintaan({"pk": k.pk}, melihat=berkas, berwenang=awasi, metode="post", berhasil=(201,),
                                data=lambda: {"jenis": "berita_acara", "berkas": _pdf("ba.pdf")},
                                periksa=_ada_dokumen_kegiatan(k, "berita_acara", awasi)))
    return hasil


@penyedia("pengawasan-laporan-mitra-detail")
def api_laporan_mitra_detail(dunia):
    # Ps 87(1): a partner report is read by whoever sees its cooperation, its own partner included
    from pengawasan import services

    hasil = []
    for ks, m, _berkas, _a, _mitra in _kasus(dunia):
        laporan = services.laporan_mitra_unggah(kerjasama=ks, by=dunia.pengguna["tkksd"], berkas=_pdf(),
                                                kemajuan="Laporan kertas.")
        hasil.append(Permintaan({"pk": laporan.pk}, melihat=m, berwenang=m))
    return hasil
