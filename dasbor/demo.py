"""`seed_demo`: the Sekretariat prepares the signing folder of each PKS awaiting signature (a FINAL naskah
rendered as naskah dinas, number, term, signatory), so that the demo `walikota` reads it on the approval
dashboard and signs it electronically with the demo passphrase (= the demo password; the certificates come from tte.demo, which seed_demo runs first). Idempotent."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kerjasama.constants import JenisDokumen, StatusDokumen
from kerjasama.models import KerjaSama, PersiapanPenandatanganan
from kerjasama.services import dokumen_unggah, transisi_cari
from tte import naskah
from tte.services import pejabat_untuk

from .selectors import isian_awal
from .services import persiapan_penandatanganan_simpan


def naskah_pks_pdf(kasus, walikota) -> bytes:
    pasal = [f"Pasal {n}. Para pihak sepakat melaksanakan {kasus.judul.lower()} sesuai ruang lingkup, hak dan "
             "kewajiban yang diatur dalam perjanjian ini dengan itikad baik." for n in range(1, 9)]
    return naskah.render_naskah("dokumen/surat_dinas.html", pejabat=pejabat_untuk(walikota), konteks={
        "nomor": "(diisi saat penandatanganan)", "hal": f"Perjanjian Kerja Sama: {kasus.judul}",
        "tujuan": str(kasus.mitra or "Mitra"), "paragraf": pasal,
        "paragraf_terakhir": "Demikian perjanjian ini dibuat dalam rangkap dua yang sama kekuatan hukumnya.",
        "tanggal_teks": "", "tembusan": ["Ketua TKKSD Kota Bekasi"]})


def seed(ctx) -> None:
    for ks in KerjaSama.objects.filter(tahap="penandatanganan_pks").order_by("pk"):
        if PersiapanPenandatanganan.objects.filter(kerjasama=ks, langkah="tandatangani_pks").exists():
            continue
        kasus = ks.kasus()
        t = transisi_cari(kasus, "tandatangani_pks")
        if t is None:
            continue
        tkksd = ctx.users["tkksd"]
        versi = dokumen_unggah(by=tkksd, kerjasama=kasus, jenis=JenisDokumen.PKS, judul="Naskah PKS (final)",
                               berkas=SimpleUploadedFile("naskah-pks-final.pdf", naskah_pks_pdf(kasus, ctx.users["walikota"]),
                                                         content_type="application/pdf"),
                               status=StatusDokumen.FINAL, periksa_izin=False)
        data = {**isian_awal(kasus, t), "nomor_pks": f"PKS/{kasus.pk:03d}/Ks/{ctx.hari_ini.year}",
                "versi": str(versi.pk), "cara": "elektronik"}
        data.setdefault("tanggal_berakhir", ctx.hari_ini.replace(year=ctx.hari_ini.year + 2).isoformat())
        persiapan_penandatanganan_simpan(kasus=kasus, langkah="tandatangani_pks", by=tkksd, data=data)
        ctx.log.append(f"dasbor: berkas penandatanganan PKS disiapkan untuk {kasus.nomor}")
