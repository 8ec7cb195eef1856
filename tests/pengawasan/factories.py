"""Factories of supervision, each going through the services (so that audit, deadlines and
documents are what production makes). `KegiatanPengawasanFactory` has a trait per stage:
`dilaksanakan=True`, `laporan_diajukan=True`, `diterima=True`."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import factory

from kerjasama.models import Kewajiban
from pengawasan import selectors, services
from pengawasan.models import KegiatanPengawasan

PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"


def berkas_pdf(nama: str = "berkas.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, PDF, content_type="application/pdf")


def lampiran_lengkap(kegiatan, *, by, kecuali: tuple[str, ...] = ()):
    """Upload every attachment Ps 88 asks for (except those named) and link a partner report."""
    jenis = ["berita_acara"] if kegiatan.jenis == "pemantauan" else ["daftar_hadir", "notulensi", "berita_acara"]
    for j in jenis:
        if j not in kecuali:
            services.lampiran_unggah(kegiatan=kegiatan, by=by, jenis=j, berkas=berkas_pdf(f"{j}.pdf"))
    if "laporan_mitra" not in kecuali:
        services.lampiran_unggah(kegiatan=kegiatan, by=by, jenis="laporan", berkas=berkas_pdf("laporan-mitra.pdf"))


ALASAN_TANPA_KEWAJIBAN = "PKS hanya mengatur koordinasi; Pasal 3 PKS tidak membebankan kewajiban kepada mitra."


def bagian_lengkap(kegiatan, *, by, kecuali: tuple[str, ...] = ()):
    """Fill each part of the evaluation's analysis (Perwal 57/2023 Ps 85(4) huruf a, b, c) except those
    named: b cites the berita acara when one is attached, c a reference to the notulensi; a refers to the
    assessments, or (no partner obligation recorded) states that the agreement stipulates none."""
    dokumen = {d.jenis: d for d in selectors.dokumen_kegiatan(kegiatan)}
    for huruf in ("a", "b", "c"):
        if huruf in kecuali:
            continue
        data: dict = {"temuan": f"Temuan analisa huruf {huruf}."}
        if huruf == "a" and not selectors.kewajiban_mitra(kegiatan.kerjasama).exists():
            data.update(tanpa_kewajiban=True, alasan_tanpa_kewajiban=ALASAN_TANPA_KEWAJIBAN, rujukan="PKS Pasal 3")
        elif huruf == "b":
            if "berita_acara" in dokumen:
                data["dokumen"] = dokumen["berita_acara"]
            else:
                data["rujukan"] = "Foto tinjau lokasi pada laporan mitra semester I."
        elif huruf == "c":
            data["rujukan"] = "Notulensi FGD dan wawancara dengan pengelola."
        services.bagian_evaluasi_simpan(kegiatan=kegiatan, by=by, huruf=huruf, **data)


def baris_matrik(kegiatan, *, by, rekomendasi="surat_teguran", perangkat_daerah=None, **kwargs):
    data = {
        "dasar_perjanjian": "PKS Pasal 5", "materi_evaluasi": "Pelaporan berkala",
        "permasalahan": "Laporan semester tidak disampaikan", "solusi": "Mitra menyampaikan laporan",
        "tindak_lanjut": "Tagih laporan dan kewajiban mitra", "keterangan": "",
        "perangkat_daerah": perangkat_daerah or kegiatan.kerjasama.perangkat_daerah, "rekomendasi": rekomendasi,
    }
    data.update(kwargs)
    return services.baris_matrik_simpan(kegiatan=kegiatan, by=by, **data)


class KegiatanPengawasanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KegiatanPengawasan

    kerjasama = None
    by = None
    ketua = None
    jenis = "pemantauan"
    sifat = "saat_diperlukan"
    tanggal_pelaksanaan = None
    rekomendasi = ("surat_teguran",)
    tahap_tujuan = "direncanakan"

    class Params:
        dilaksanakan = factory.Trait(tahap_tujuan="dilaksanakan")
        laporan_diajukan = factory.Trait(tahap_tujuan="laporan_diajukan")
        diterima = factory.Trait(tahap_tujuan="diterima")

    @classmethod
    def _create(cls, model_class, *, kerjasama, by, ketua, jenis, sifat, tanggal_pelaksanaan, rekomendasi,
                tahap_tujuan, **kwargs):
        urutan = ["direncanakan", "dilaksanakan", "laporan_diajukan", "diterima"]
        tujuan = urutan.index(tahap_tujuan)
        k = services.kegiatan_rencanakan(kerjasama=kerjasama, by=by, jenis=jenis, sifat=sifat,
                                         keterangan=kwargs.get("keterangan", "Diperlukan untuk pengujian."))
        if tujuan >= 1:
            penilaian = {kw.pk: ("tidak_dipenuhi", "Belum") for kw in
                         Kewajiban.objects.filter(kerjasama_id=kerjasama.pk, pihak="mitra")}
            k = services.kegiatan_laksanakan(
                kegiatan=k, by=by, tanggal_pelaksanaan=tanggal_pelaksanaan or timezone.localdate(),
                hasil="Pelaksanaan berjalan dengan catatan.", analisa_laporan_mitra=True, tinjau_lokasi=True,
                fgd=True, peserta="Mitra, Dishub, Bagian Kerja Sama", penilaian=penilaian,
            )
        if tujuan >= 2:
            lampiran_lengkap(k, by=by)
            if jenis == "evaluasi":
                bagian_lengkap(k, by=by)
                for r in rekomendasi:
                    baris_matrik(k, by=by, rekomendasi=r)
            k = services.kegiatan_ajukan_laporan(kegiatan=k, by=by, ringkasan_laporan="Ringkasan untuk Ketua TKKSD.")
        if tujuan >= 3:
            k = services.kegiatan_terima_laporan(kegiatan=k, by=ketua, catatan="Diterima.")
        return k


def hari(y, m, d) -> datetime.date:
    return datetime.date(y, m, d)
