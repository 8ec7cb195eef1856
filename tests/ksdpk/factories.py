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


def item_ksdpk(perangkat_daerah, **usulan):
    """Ps 38(1): an item proposing a KSDPK on a mapping list set by the Wali Kota (pemetaan's real models),
    proposed by `perangkat_daerah`; `usulan` sets the proposed item's fields (kegiatan, ruang_lingkup, mitra…)."""
    from tests.pemetaan.factories import (
        ItemRencanaFactory,
        ItemUsulanFactory,
        RekomendasiFactory,
        SiklusFactory,
    )

    rek = RekomendasiFactory(siklus=SiklusFactory(ditetapkan=True), perangkat_daerah=perangkat_daerah, dibahas=True)
    usulan = {"jenis_usulan": "KSDPK", "urusan": "Perhubungan", "calon_mitra": "", "kegiatan": "Layanan angkutan pengumpan",
              "ruang_lingkup": "Penyediaan layanan angkutan pengumpan stasiun.", "jangka_waktu_bulan": 36, **usulan}
    return ItemRencanaFactory(item_usulan=ItemUsulanFactory(rekomendasi=rek, **usulan), peringkat=1)


def jalan(pd_user, *, pd_pemrakarsa=None, pks=None) -> Jalan:
    return Jalan(pd=pd_user, tkksd=_peran(Peran.SEKRETARIAT_TKKSD), walikota=_peran(Peran.WALI_KOTA),
                 dprd=_peran(Peran.DPRD), pks=pks or timezone.localdate() - datetime.timedelta(days=10),
                 pd_pemrakarsa=pd_pemrakarsa)


class KasusKsdpkFactory(factory.Factory):
    """`by` is the PD user who starts it (prakarsa Daerah, from a mapping item of its PD: Ps 38(1)), the
    Sekretariat with `alasan_tanpa_pemetaan` and `perangkat_daerah` (the urgent exception), or the mitra user who
    applies (`permohonan=True`)."""

    judul = factory.Sequence(lambda n: f"KSDPK uji {n}")
    jenis_ksdpk, objek, tahap = "pelayanan_publik", "Layanan angkutan pengumpan", "persiapan"
    dasar_hukum = "UU 25/2009 tentang Pelayanan Publik"
    # Ps 43: no burden, funded — no DPRD unless a test says otherwise.
    membebani_masyarakat_daerah, sudah_dianggarkan_apbd = False, True

    class Meta:
        model = KasusKsdpk

    # A trait per stage (`pelaksanaan=True`…); `persetujuan_dprd` burdens the public and the Daerah (Ps 43);
    # `permohonan`: a third party's application waiting for the TKKSD's study (Ps 50).
    Params = type("Params", (), {
        **{t: factory.Trait(tahap=t) for t in TAHAP[1:]},
        "persetujuan_dprd": factory.Trait(tahap="persetujuan_dprd", membebani_masyarakat_daerah=True),
        "permohonan": factory.Trait(tahap="kajian_tkksd", inisiatif="mitra"),
    })

    @classmethod
    def _create(cls, model_class, *, by, tahap, inisiatif="daerah", calon_mitra=(), pd_pemrakarsa=None, **data):
        if inisiatif == "mitra":
            kasus = services.ksdpk_permohonan_ajukan(by=by, studi_kelayakan=berkas_contoh("Studi kelayakan", "studi.pdf"),
                                                     **data)
            pd_user = Pengguna.objects.filter(perangkat_daerah=pd_pemrakarsa, groups__name=Peran.PD).first()
            return jalan(pd_user, pd_pemrakarsa=pd_pemrakarsa).sampai(kasus, tahap)
        if data.get("alasan_tanpa_pemetaan"):
            # The Sekretariat's urgent exception (Ps 38(1)): `by` is the Sekretariat, `perangkat_daerah` the PD.
            kasus = services.ksdpk_buat(by=by, calon_mitra=calon_mitra, **data)
            pd_user = Pengguna.objects.filter(perangkat_daerah=kasus.perangkat_daerah, groups__name=Peran.PD).first()
            return jalan(pd_user).sampai(kasus, tahap)
        # Ps 38(1): a Daerah initiative starts from an item of a set mapping list, proposed by the PD.
        pd = data.pop("perangkat_daerah", None) or by.perangkat_daerah
        kasus = services.ksdpk_buat_dari_item(item=item_ksdpk(pd), by=by, calon_mitra=calon_mitra, **data)
        return jalan(by).sampai(kasus, tahap)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("KasusKsdpkFactory membuat kasus melalui layanan; gunakan create().")
