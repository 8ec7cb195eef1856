"""Factories for KSDPL/KSDLL cases, with a trait per stage (CONVENTIONS "Tests"), and small helpers
to drive the machine the way the UI and the API do."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import factory

from kerjasama import services as inti
from kerjasama.models import Dokumen
from kerjasama.permissions import beri_akses
from ksdln import services
from ksdln.constants import BAGIAN_KAJIAN, BAGIAN_LOI, BAGIAN_NASKAH, BAGIAN_RENCANA
from ksdln.models import KasusKsdln
from tests.factories import MitraFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
D = datetime.date


def hari_ini():
    return timezone.localdate()


def bagian(parts, awalan="") -> dict:
    return {kode: f"{awalan}{label} (isi uji)" for kode, label in parts}


def unggah(kasus, user, jenis, judul=None) -> Dokumen:
    versi = inti.dokumen_unggah(by=user, kerjasama=kasus, jenis=jenis, judul=judul or f"Dokumen {jenis}",
                                berkas=SimpleUploadedFile(f"{jenis}.pdf", PDF))
    return versi.dokumen


def jalan(kasus, nama, user, **data):
    """Take a transition as the UI/API does, on a freshly loaded case."""
    kasus = KasusKsdln.objects.get(pk=kasus.pk)
    return inti.transisi_jalankan(kasus=kasus, nama=nama, by=user, data=data)


def muat(kasus) -> KasusKsdln:
    return KasusKsdln.objects.get(pk=kasus.pk)


def hamamatsu():
    return MitraFactory(nama="Hamamatsu City", jenis="pemda_luar_negeri", negara="JP")


def jica():
    return MitraFactory(nama="Japan International Cooperation Agency (JICA)", jenis="lembaga_luar_negeri", negara="JP")


_TAHAP_SETELAH_AJUKAN_DPRD = ("persetujuan_dprd", "verifikasi", "menunggu_gubernur_verifikasi",
                              "menunggu_pertimbangan_menteri", "penyusunan_naskah", "menunggu_gubernur_naskah",
                              "pembahasan_naskah", "menunggu_persetujuan_menteri", "penandatanganan", "pelaksanaan")


class KasusKsdlnFactory(factory.django.DjangoModelFactory):
    """`KasusKsdlnFactory(by=…, perangkat_daerah=…, mitra=…, persetujuan_dprd=True)` starts a KSDPL sister
    city exactly in that stage, with what the earlier stages would have recorded."""

    class Meta:
        model = KasusKsdln

    judul = factory.Sequence(lambda n: f"Kerja sama kota bersaudara uji {n}")
    jenis = "KSDPL"
    bentuk = "kota_kembar"
    sumber_prakarsa = "mitra"
    objek = factory.LazyFunction(lambda: ["budaya", "promosi"])
    tahap = "prakarsa"
    # not a model field: _create confirms the Ps 51 checklist with it
    persyaratan_terpenuhi = False

    class Params:
        penjajakan = factory.Trait(tahap="penjajakan")
        tanggapan_diterima = factory.Trait(
            tahap="tanggapan_diterima", persyaratan_terpenuhi=True,
            kajian=factory.LazyFunction(lambda: bagian(BAGIAN_KAJIAN)),
            tanggal_permohonan_tanggapan=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=60)),
            tanggal_tanggapan_menteri=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=40)),
            tanggapan_menteri="Menteri mendukung rencana kerja sama.",
            # Ps 61(1): the foreign-affairs minister consulted too
            tanggal_permohonan_menlu=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=60)),
            tanggal_tanggapan_menlu=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=40)),
            tanggapan_menlu="Kementerian Luar Negeri tidak berkeberatan.",
        )
        loi_ditandatangani = factory.Trait(
            tanggapan_diterima=True, tahap="loi_ditandatangani",
            loi=factory.LazyFunction(lambda: bagian(BAGIAN_LOI)), loi_tempat_penandatanganan="Bekasi",
            loi_tanggal_penandatanganan=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=30)),
            berlaku_sampai=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=30) + datetime.timedelta(days=365)),
        )
        penyusunan_rencana = factory.Trait(
            loi_ditandatangani=True, tahap="penyusunan_rencana",
            rencana=factory.LazyFunction(lambda: bagian(BAGIAN_RENCANA)),
        )
        persetujuan_dprd = factory.Trait(
            penyusunan_rencana=True, tahap="persetujuan_dprd",
            tanggal_permohonan_dprd=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=5)),
        )
        verifikasi = factory.Trait(
            persetujuan_dprd=True, tahap="verifikasi", keputusan_dprd="disetujui",
            tanggal_diterima_dprd=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=4)),
            tanggal_keputusan_dprd=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=1)),
        )
        penyusunan_naskah = factory.Trait(
            verifikasi=True, tahap="penyusunan_naskah",
            tanggal_dikirim_gubernur=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=1)),
            tanggal_diteruskan_gubernur=factory.LazyFunction(lambda: hari_ini() - datetime.timedelta(days=1)),
            tanggal_pertimbangan_menteri=factory.LazyFunction(lambda: hari_ini()),
            pertimbangan_menteri="Lanjutkan dengan rancangan Naskah.",
        )
        pelaksanaan = factory.Trait(
            penyusunan_naskah=True, tahap="pelaksanaan",
            naskah=factory.LazyFunction(lambda: bagian(BAGIAN_NASKAH)),
            tanggal_persetujuan_menteri=factory.LazyFunction(lambda: hari_ini()),
            tanggal_penandatanganan=factory.LazyFunction(lambda: hari_ini()),
            tanggal_mulai=factory.LazyFunction(lambda: hari_ini()),
            tanggal_berakhir=factory.LazyFunction(lambda: hari_ini().replace(year=hari_ini().year + 3) - datetime.timedelta(days=1)),
            tempat_penandatanganan="Bekasi",
        )

    @classmethod
    def _create(cls, model_class, *, by, persyaratan_terpenuhi=False, **kwargs):
        tahap = kwargs.pop("tahap")
        kasus = inti.kerjasama_buat(model=model_class, by=by, tahap=tahap, **kwargs)
        services.persyaratan_sinkron(kasus=kasus)
        if persyaratan_terpenuhi:
            kasus.persyaratan.update(terpenuhi=True, catatan="Terpenuhi (uji).", dikonfirmasi_oleh=by,
                                     dikonfirmasi_pada=timezone.now())
        if kasus.rencana:
            dok = Dokumen.objects.create(kerjasama=kasus, jenis="rencana_kerja_sama", judul="Rencana Kerja Sama")
            KasusKsdln.objects.filter(pk=kasus.pk).update(dokumen_rencana=dok)
        if tahap in _TAHAP_SETELAH_AJUKAN_DPRD and kasus.dprd_diperlukan:
            beri_akses(kasus, grup=Group.objects.get_or_create(name="dprd")[0])
        if tahap == "pelaksanaan":
            services.pelaksanaan_mulai_tenggat(kasus=kasus)
        return KasusKsdln.objects.get(pk=kasus.pk)
