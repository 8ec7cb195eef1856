"""KasusKsddFactory with a trait per stage: `KasusKsddFactory(pelaksanaan=True, by=…, perangkat_daerah=…, mitra=…)`
creates the case directly in that stage (through the core's kerjasama_buat), with what the earlier stages
would have left: documents, dates, and for pelaksanaan the term's deadline."""

import datetime

from django.utils import timezone

import factory

from kerjasama import services
from kerjasama.constants import JenisDokumen, Peran, StatusDokumen
from kerjasama.permissions import PERM_ANGGOTA, beri_akses
from ksdd.dokumen_contoh import berkas_contoh
from ksdd.models import KasusKsdd

URUTAN = ["persiapan", "kajian_tkksd", "penawaran", "menunggu_jawaban", "penyusunan_kb", "pembahasan_kb",
          "penandatanganan_kb", "persetujuan_dprd", "penyusunan_pks", "pembahasan_pks", "penandatanganan_pks",
          "pelaksanaan"]


def dokumen(kasus, jenis, judul, by):
    return services.dokumen_unggah(by=by, kerjasama=kasus, berkas=berkas_contoh(judul), jenis=jenis, judul=judul,
                                   status=StatusDokumen.FINAL, periksa_izin=False).dokumen


def _sudah(tahap, batas):
    return URUTAN.index(tahap) >= URUTAN.index(batas)


class KasusKsddFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KasusKsdd

    judul = factory.Sequence(lambda n: f"Kerja sama uji {n}")
    sifat = "sukarela"
    urusan = "Perhubungan"
    program = "Program penyelenggaraan lalu lintas"
    kegiatan = "Pengelolaan angkutan umum"
    inisiatif = "daerah"
    tahap = "persiapan"
    membebani_masyarakat_daerah = False
    sudah_dianggarkan_apbd = True

    class Params:
        kajian_tkksd = factory.Trait(tahap="kajian_tkksd")
        penawaran = factory.Trait(tahap="penawaran")
        menunggu_jawaban = factory.Trait(tahap="menunggu_jawaban")
        penyusunan_kb = factory.Trait(tahap="penyusunan_kb")
        pembahasan_kb = factory.Trait(tahap="pembahasan_kb")
        penandatanganan_kb = factory.Trait(tahap="penandatanganan_kb")
        persetujuan_dprd = factory.Trait(tahap="persetujuan_dprd", membebani_masyarakat_daerah=True)
        penyusunan_pks = factory.Trait(tahap="penyusunan_pks")
        pembahasan_pks = factory.Trait(tahap="pembahasan_pks")
        penandatanganan_pks = factory.Trait(tahap="penandatanganan_pks")
        pelaksanaan = factory.Trait(tahap="pelaksanaan")
        # Ps 35(3): another region's offer, waiting for the TKKSD's study (no PD yet).
        tawaran_mitra = factory.Trait(tahap="kajian_tkksd", inisiatif="mitra", perangkat_daerah=None)

    @classmethod
    def _create(cls, model_class, *, by, **kwargs):
        from kerjasama.models import Pengguna

        tahap = kwargs.pop("tahap")
        kasus = services.kerjasama_buat(model=model_class, by=by, tahap=tahap, jenis="KSDD", **kwargs)
        if tahap not in URUTAN or kasus.inisiatif == "mitra":
            if kasus.inisiatif == "mitra":
                kasus.rancangan_kb = dokumen(kasus, JenisDokumen.KESEPAKATAN_BERSAMA, "Rancangan KB dari mitra", by)
                kasus.nomor_surat_penawaran = "100/Ks/2026"
                kasus.tanggal_surat_penawaran = timezone.localdate() - datetime.timedelta(days=10)
                kasus.save()
            return kasus
        hari_ini = timezone.localdate()
        if _sudah(tahap, "kajian_tkksd"):
            kasus.kak = dokumen(kasus, JenisDokumen.KAK, "KAK", by)
        if _sudah(tahap, "penawaran"):
            kasus.kajian = dokumen(kasus, JenisDokumen.KAJIAN, "Kajian TKKSD", by)
            if kasus.perangkat_daerah_id:
                beri_akses(kasus, grup=kasus.perangkat_daerah.grup, codename=PERM_ANGGOTA)
        if _sudah(tahap, "menunggu_jawaban"):
            kasus.surat_penawaran = dokumen(kasus, JenisDokumen.SURAT_PENAWARAN, "Surat penawaran", by)
            kasus.nomor_surat_penawaran = "415.4/100/Ks"
            kasus.tanggal_surat_penawaran = kasus.tanggal_penawaran_dikirim = hari_ini - datetime.timedelta(days=60)
        if _sudah(tahap, "penyusunan_kb"):
            kasus.tanggal_jawaban_mitra = hari_ini - datetime.timedelta(days=50)
        if _sudah(tahap, "pembahasan_kb"):
            kasus.rancangan_kb = dokumen(kasus, JenisDokumen.KESEPAKATAN_BERSAMA, "Rancangan KB", by)
        if _sudah(tahap, "persetujuan_dprd"):
            kasus.kesepakatan_bersama = dokumen(kasus, JenisDokumen.KESEPAKATAN_BERSAMA, "KB ditandatangani", by)
            kasus.nomor_kb = "KB/1/2026"
            kasus.cara_penandatanganan_kb = "bersama"
            kasus.kb_tanggal_penandatanganan = kasus.kb_tanggal_mulai = hari_ini - datetime.timedelta(days=30)
            kasus.kb_tanggal_berakhir = kasus.kb_tanggal_mulai + datetime.timedelta(days=365 * 3)
            kasus.alasan_dprd = kasus.uraian_persetujuan_dprd()
            if tahap == "persetujuan_dprd":
                from django.contrib.auth.models import Group

                beri_akses(kasus, grup=Group.objects.get(name=Peran.DPRD))
        if _sudah(tahap, "pembahasan_pks"):
            kasus.rancangan_pks = dokumen(kasus, JenisDokumen.PKS, "Rancangan PKS", by)
        if tahap == "pelaksanaan":
            kasus.pks = dokumen(kasus, JenisDokumen.PKS, "PKS ditandatangani", by)
            kasus.nomor_pks = "PKS/1/2026"
            kasus.tanggal_penandatanganan = kasus.tanggal_mulai = hari_ini - datetime.timedelta(days=10)
            kasus.tanggal_berakhir = kasus.tanggal_mulai + datetime.timedelta(days=365 * 2)
            kasus.penandatangan_mitra = "Wali Kota Bogor"
            kasus.penandatangan_pks = Pengguna.objects.filter(groups__name=Peran.WALI_KOTA).first()
        kasus.save()
        if tahap == "pelaksanaan":
            services.kerjasama_mulai_masa_berlaku(kerjasama=kasus)
        return kasus
