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
