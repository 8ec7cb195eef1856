"""Factories of the mapping, with a trait per stage (CONVENTIONS "Tests"): a test starts exactly
where it needs, e.g. `SiklusFactory(pleno=True)`, `RekomendasiFactory(lengkap=True, siklus=s)`."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import factory

from kerjasama.constants import JenisDokumen
from kerjasama.models import Dokumen
from pemetaan.constants import PeranTim, TahapRekomendasi, TahapSiklus
from pemetaan.models import (
    AnggotaTimPemetaan,
    ItemRencana,
    ItemUsulan,
    KehadiranPleno,
    Rekomendasi,
    SiklusPemetaan,
    TimPemetaan,
)
from tests.factories import PerangkatDaerahFactory


def pdf_kecil(nama="keputusan.pdf") -> SimpleUploadedFile:
    """A tiny but real PDF (the upload check reads the bytes)."""
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    w.write(buf)
    return SimpleUploadedFile(nama, buf.getvalue(), content_type="application/pdf")


def anggota_sah() -> list[dict]:
    """Perwal 57/2023 Ps 10(2): 1 ketua, 1 wakil ketua, 2 anggota."""
    return [
        {"peran": PeranTim.KETUA, "nama": "Drs. Ketua Sekretaris", "jabatan": "Sekretaris Dinas"},
        {"peran": PeranTim.WAKIL_KETUA, "nama": "Wakil Perencana", "jabatan": "Kepala Subbagian Perencanaan"},
        {"peran": PeranTim.ANGGOTA, "nama": "Anggota Satu", "jabatan": "Perencana Ahli Muda"},
        {"peran": PeranTim.ANGGOTA, "nama": "Anggota Dua", "jabatan": "Pelaksana Perencanaan"},
    ]


class SiklusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiklusPemetaan

    # Years stay within the model's 2000–2100 however many tests ran before (unique per test database).
    tahun = factory.Sequence(lambda n: 2030 + n % 60)
    tahap = TahapSiklus.PENGUMPULAN_DATA
    tanggal_dibuka = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    batas_pengumpulan = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    class Params:
        pleno = factory.Trait(tahap=TahapSiklus.PLENO,
                              tanggal_pleno=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5)),
                              tempat_pleno="Ruang Rapat Sekda")
        berita_acara = factory.Trait(
            tahap=TahapSiklus.BERITA_ACARA,
            tanggal_pleno=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5)),
            nomor_berita_acara="BA/001/TKKSD",
            tanggal_berita_acara=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=4)),
        )
        diajukan_ke_wali_kota = factory.Trait(
            tahap=TahapSiklus.DIAJUKAN_KE_WALI_KOTA,
            tanggal_pleno=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5)),
            nomor_berita_acara="BA/001/TKKSD",
            tanggal_berita_acara=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=4)),
            tanggal_diajukan=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3)),
        )
        ditetapkan = factory.Trait(
            tahap=TahapSiklus.DITETAPKAN,
            tanggal_pleno=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5)),
            nomor_berita_acara="BA/001/TKKSD",
            tanggal_berita_acara=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=4)),
            nomor_keputusan="100.3.3.2/Kep.1-Ks/2030",
            tanggal_keputusan=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2)),
        )


class TimPemetaanFactory(factory.django.DjangoModelFactory):
    """A valid team (Ps 10): a Keputusan with its document and 1 ketua, 1 wakil ketua, 2 anggota."""

    class Meta:
        model = TimPemetaan
        skip_postgeneration_save = True

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    nomor_keputusan = factory.Sequence(lambda n: f"800/{n}/Kep.PD/2026")
    tanggal_keputusan = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))

    @factory.post_generation
    def anggota(obj, create, extracted, **kwargs):
        if not create:
            return
        for i, row in enumerate(extracted if extracted is not None else anggota_sah(), start=1):
            AnggotaTimPemetaan.objects.create(tim=obj, urutan=i, **row)

    @factory.post_generation
    def dokumen(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            d = Dokumen(jenis=JenisDokumen.KEPUTUSAN, judul=f"Keputusan {obj.nomor_keputusan}")
            d.pemilik = obj
            d.save()
            obj.dokumen_keputusan = d
            obj.save(update_fields=["dokumen_keputusan"])


ISI_REKOMENDASI = {
    "identifikasi_masalah": "Kemacetan di koridor perbatasan menghambat target waktu tempuh.",
    "target_indikator": "Waktu tempuh rata-rata koridor turun 15 persen.",
    "kebijakan_tindakan": "Integrasi trayek dan manajemen lalu lintas bersama.",
    "jangka_waktu": "3 tahun (2027–2029)",
    "ruang_lingkup": "Trayek angkutan umum lintas batas dan terminal perbatasan.",
    "usulan_kebijakan": "Penyusunan KAK bersama dan pembentukan forum teknis.",
}


class RekomendasiFactory(factory.django.DjangoModelFactory):
    """A filled recommendation (every Ps 12–13 part); items are added with ItemUsulanFactory."""

    class Meta:
        model = Rekomendasi

    siklus = factory.SubFactory(SiklusFactory)
    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    tahap = TahapRekomendasi.DRAFT
    identifikasi_masalah = ISI_REKOMENDASI["identifikasi_masalah"]
    target_indikator = ISI_REKOMENDASI["target_indikator"]
    kebijakan_tindakan = ISI_REKOMENDASI["kebijakan_tindakan"]
    jangka_waktu = ISI_REKOMENDASI["jangka_waktu"]
    ruang_lingkup = ISI_REKOMENDASI["ruang_lingkup"]
    usulan_kebijakan = ISI_REKOMENDASI["usulan_kebijakan"]

    class Params:
        diajukan = factory.Trait(tahap=TahapRekomendasi.DIAJUKAN, diajukan_pada=factory.LazyFunction(timezone.now))
        dikembalikan = factory.Trait(tahap=TahapRekomendasi.DIKEMBALIKAN, catatan_pengembalian="Data pendukung kurang.")
        lengkap = factory.Trait(tahap=TahapRekomendasi.LENGKAP, diajukan_pada=factory.LazyFunction(timezone.now))
        dibahas = factory.Trait(tahap=TahapRekomendasi.DIBAHAS, diajukan_pada=factory.LazyFunction(timezone.now))


class ItemUsulanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemUsulan

    rekomendasi = factory.SubFactory(RekomendasiFactory)
    urutan = factory.Sequence(lambda n: n + 1)
    urusan = "Perhubungan"
    program = "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan"
    kegiatan = factory.Sequence(lambda n: f"Kegiatan usulan {n}")
    jenis_usulan = "KSDD"
    calon_mitra = "Pemerintah Kota Bogor"
    jangka_waktu_bulan = 36
    ruang_lingkup = "Integrasi trayek lintas batas."


class ItemRencanaFactory(factory.django.DjangoModelFactory):
    """An item of a list, copied from a proposed item of a discussed recommendation."""

    class Meta:
        model = ItemRencana

    item_usulan = factory.SubFactory(ItemUsulanFactory, rekomendasi__tahap=TahapRekomendasi.DIBAHAS)
    siklus = factory.LazyAttribute(lambda o: o.item_usulan.rekomendasi.siklus)
    perangkat_daerah = factory.LazyAttribute(lambda o: o.item_usulan.rekomendasi.perangkat_daerah)
    peringkat = factory.Sequence(lambda n: n + 1)
    urusan = factory.LazyAttribute(lambda o: o.item_usulan.urusan)
    program = factory.LazyAttribute(lambda o: o.item_usulan.program)
    kegiatan = factory.LazyAttribute(lambda o: o.item_usulan.kegiatan)
    jenis_usulan = factory.LazyAttribute(lambda o: o.item_usulan.jenis_usulan)
    calon_mitra = factory.LazyAttribute(lambda o: o.item_usulan.calon_mitra)
    mitra = factory.LazyAttribute(lambda o: o.item_usulan.mitra)
    jangka_waktu_bulan = factory.LazyAttribute(lambda o: o.item_usulan.jangka_waktu_bulan)
    ruang_lingkup = factory.LazyAttribute(lambda o: o.item_usulan.ruang_lingkup)


class KehadiranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KehadiranPleno

    siklus = factory.SubFactory(SiklusFactory)
    nama = factory.Sequence(lambda n: f"Peserta {n}")
    jabatan = "Anggota TKKSD"
    unsur = "TKKSD"
    urutan = factory.Sequence(lambda n: n)
