"""KasusKsdpkFactory with a trait per stage: `KasusKsdpkFactory(pemilihan_mitra=True, calon_mitra=[…])` starts
the case through the real service and walks it through the real steps (ksdpk.demo.Jalan) to that stage,
so that documents, access, deadlines and audit rows are what the system itself leaves."""

import datetime

from django.utils import timezone

import factory

from kerjasama.constants import Peran
from kerjasama.models import Pengguna
from ksdd.dokumen_contoh import berkas_contoh
from ksdpk import services
from ksdpk.demo import Jalan
from ksdpk.models import KasusKsdpk

TAHAP = ("persiapan", "kajian_tkksd", "penawaran", "menunggu_jawaban", "pemilihan_mitra", "penyusunan_kb", "pembahasan_kb",
         "penandatanganan_kb", "persetujuan_dprd", "penyusunan_pks", "pembahasan_pks", "penandatanganan_pks", "pelaksanaan")


def _peran(peran):
    return Pengguna.objects.filter(groups__name=peran, is_active=True).order_by("pk").first()


def jalan(pd_user, *, pd_pemrakarsa=None, pks=None) -> Jalan:
    return Jalan(pd=pd_user, tkksd=_peran(Peran.SEKRETARIAT_TKKSD), walikota=_peran(Peran.WALI_KOTA),
                 dprd=_peran(Peran.DPRD), pks=pks or timezone.localdate() - datetime.timedelta(days=10),
                 pd_pemrakarsa=pd_pemrakarsa)


class KasusKsdpkFactory(factory.Factory):
    """`by` is the PD user who starts it (prakarsa Daerah) or the mitra user who applies (`permohonan=True`)."""

    class Meta:
        model = KasusKsdpk

    judul = factory.Sequence(lambda n: f"KSDPK uji {n}")
    jenis_ksdpk = "pelayanan_publik"
    objek = "Layanan angkutan pengumpan"
    dasar_hukum = "UU 25/2009 tentang Pelayanan Publik"
    membebani_masyarakat_daerah = False
    sudah_dianggarkan_apbd = True
    tahap = "persiapan"

    class Params:
        kajian_tkksd = factory.Trait(tahap="kajian_tkksd")
        penawaran = factory.Trait(tahap="penawaran")
        menunggu_jawaban = factory.Trait(tahap="menunggu_jawaban")
        pemilihan_mitra = factory.Trait(tahap="pemilihan_mitra")
        penyusunan_kb = factory.Trait(tahap="penyusunan_kb")
        pembahasan_kb = factory.Trait(tahap="pembahasan_kb")
        penandatanganan_kb = factory.Trait(tahap="penandatanganan_kb")
        persetujuan_dprd = factory.Trait(tahap="persetujuan_dprd", membebani_masyarakat_daerah=True)
        penyusunan_pks = factory.Trait(tahap="penyusunan_pks")
        pembahasan_pks = factory.Trait(tahap="pembahasan_pks")
        penandatanganan_pks = factory.Trait(tahap="penandatanganan_pks")
        pelaksanaan = factory.Trait(tahap="pelaksanaan")
        # Ps 50: a third party's application, waiting for the TKKSD's study.
        permohonan = factory.Trait(tahap="kajian_tkksd", inisiatif="mitra")

    @classmethod
    def _create(cls, model_class, *, by, tahap, inisiatif="daerah", calon_mitra=(), pd_pemrakarsa=None, **data):
        if inisiatif == "mitra":
            kasus = services.ksdpk_permohonan_ajukan(by=by, studi_kelayakan=berkas_contoh("Studi kelayakan", "studi.pdf"),
                                                     **data)
            pd_user = Pengguna.objects.filter(perangkat_daerah=pd_pemrakarsa, groups__name=Peran.PD).first()
            return jalan(pd_user, pd_pemrakarsa=pd_pemrakarsa).sampai(kasus, tahap)
        kasus = services.ksdpk_buat(by=by, calon_mitra=calon_mitra, **data)
        return jalan(by).sampai(kasus, tahap)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("KasusKsdpkFactory membuat kasus melalui layanan; gunakan create().")
