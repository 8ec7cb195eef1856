"""factory-boy factories. Each kind's app adds its own with a trait per stage."""

from django.utils import timezone

import factory

from kerjasama import services
from kerjasama.models import KerjaSama, Mitra, Pengguna, PerangkatDaerah, PerjanjianLama


class PerangkatDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah
        django_get_or_create = ("kode",)
        skip_postgeneration_save = True

    kode = factory.Sequence(lambda n: f"PD{n:03d}")
    nama = factory.LazyAttribute(lambda o: f"Dinas {o.kode}")

    @factory.post_generation
    def grup(obj, create, extracted, **kwargs):
        if create:
            services.perangkat_daerah_simpan(kode=obj.kode, nama=obj.nama)
            obj.refresh_from_db()


class MitraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mitra
        skip_postgeneration_save = True

    nama = factory.Sequence(lambda n: f"Mitra {n}")
    jenis = "daerah_lain"
    nama_pimpinan = "Wali Kota"

    @factory.post_generation
    def grup(obj, create, extracted, **kwargs):
        if create:
            services.mitra_simpan(nama=obj.nama, jenis=obj.jenis)
            obj.refresh_from_db()


class PenggunaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengguna
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")

    @factory.post_generation
    def peran(obj, create, extracted, **kwargs):
        if create:
            services.pengguna_simpan(
                username=obj.username, peran=extracted or [], password="rahasia-uji",
                perangkat_daerah=obj.perangkat_daerah, mitra=obj.mitra,
            )
            obj.refresh_from_db()
            obj.__dict__.pop("_peran_cache", None)


class PerjanjianLamaFactory(factory.django.DjangoModelFactory):
    """A legacy agreement in pelaksanaan, created through the service (with its deadline)."""

    class Meta:
        model = PerjanjianLama

    @classmethod
    def _create(cls, model_class, *, by, perangkat_daerah, mitra, **kwargs):
        hari_ini = timezone.localdate()
        defaults = {
            "judul": "Perjanjian lama uji", "jenis": "KSDD",
            "tanggal_penandatanganan": hari_ini.replace(day=1),
            "tanggal_mulai": hari_ini.replace(day=1),
            "tanggal_berakhir": hari_ini.replace(year=hari_ini.year + 2, day=1),
        }
        defaults.update(kwargs)
        return services.perjanjian_lama_buat(by=by, perangkat_daerah=perangkat_daerah, mitra=mitra, **defaults)


def buat_kerjasama(model=KerjaSama, **kwargs):
    return model.objects.create(**kwargs)


_NASKAH_KE = iter(range(1, 10**9))


def naskah_bertanda_tangan(kasus, jenis: str, *, by=None, judul: str = "") -> "Dokumen":  # noqa: F821
    """THE way a test closes a signing step (issue 13, tte/aturan.py): the ink path. A scan of the paper signed
    by both parties (Perwal 57/2023 Ps 25 "bersama atau sirkuler") is uploaded as a new document of the case with
    status `ditandatangani`; its bytes are its own (never those of the draft). Pass its `.pk` as the step's
    document field, through the case page, the API or a service. For the electronic path (folder + PAdES with
    the demo certificate) see tests/tte/fixtures.py (`sertifikat`, `siapkan_pks`)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kerjasama.constants import Peran, StatusDokumen

    if by is None:
        by = Pengguna.objects.filter(groups__name=Peran.SEKRETARIAT_TKKSD, is_active=True).order_by("id").first()
    ke = next(_NASKAH_KE)
    judul = judul or f"Pindaian {jenis.replace('_', ' ')} bertanda tangan"
    isi = (f"%PDF-1.4\n% {judul} #{ke} kerja sama {kasus.pk}: ditandatangani basah para pihak\n"
           "1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").encode()
    versi = services.dokumen_unggah(by=by, kerjasama=kasus, berkas=SimpleUploadedFile(f"{jenis}-ttd-{ke}.pdf", isi),
                                    jenis=jenis, judul=judul, status=StatusDokumen.DITANDATANGANI, periksa_izin=False)
    return versi.dokumen


def ttd(kasus, jenis: str, **kwargs) -> int:
    """`naskah_bertanda_tangan(...).pk` for a case or its id: the value of a signing step's document field."""
    if not hasattr(kasus, "pk"):
        kasus = KerjaSama.objects.get(pk=kasus)
    return naskah_bertanda_tangan(kasus, jenis, **kwargs).pk
