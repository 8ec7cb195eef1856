"""The generic transition service: atomic, permission-checked, audited; 400/403/404/409."""

import datetime
import threading

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

import pytest

from kerjasama import services
from kerjasama.exceptions import KonflikTransisi, TransisiTidakTersedia
from kerjasama.models import KerjaSama, RiwayatAudit
from kerjasama.permissions import dapat_melihat
from tests.factories import PerjanjianLamaFactory

D = datetime.date


@pytest.fixture
def lama(pengguna, pd_dishub, mitra_bogor):
    return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)


def akhiri(kasus, user, **data):
    data.setdefault("tanggal_selesai", timezone.localdate().isoformat())
    return services.transisi_jalankan(kasus=kasus, nama="akhiri", by=user, data=data)


@pytest.mark.django_db
def test_pengakhiran_tercatat_dengan_siapa_kapan_dari_ke_alasan_dan_pasal(lama, pengguna):
    kasus = akhiri(lama, pengguna["tkksd"], komentar="Kedua pihak sepakat mengakhiri (Ps 78 ayat 2).")
    assert kasus.tahap == "selesai"
    assert kasus.tanggal_selesai == timezone.localdate()
    audit = RiwayatAudit.objects.get(kerjasama=lama, aksi="akhiri")
    assert audit.oleh == pengguna["tkksd"]
    assert (audit.dari_tahap, audit.ke_tahap) == ("pelaksanaan", "selesai")
    assert audit.komentar.startswith("Kedua pihak sepakat")
    assert audit.dasar_hukum == "Pasal 78 ayat (2), Pasal 79"
    assert audit.data["isian"]["tanggal_selesai"] == timezone.localdate().isoformat()


@pytest.mark.django_db
def test_tidak_dapat_mengakhiri_tanpa_alasan(lama, pengguna):
    with pytest.raises(ValidationError) as exc:
        akhiri(lama, pengguna["tkksd"])
    assert "komentar" in exc.value.message_dict
    assert KerjaSama.objects.get(pk=lama.pk).tahap == "pelaksanaan"
    assert not RiwayatAudit.objects.filter(aksi="akhiri").exists()


@pytest.mark.django_db
def test_tanggal_peristiwa_di_masa_depan_ditolak(lama, pengguna):
    besok = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as exc:
        akhiri(lama, pengguna["tkksd"], tanggal_selesai=besok, komentar="x")
    assert exc.value.message_dict["tanggal_selesai"] == ["Tanggal peristiwa tidak boleh di masa depan."]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["pd_dishub", "auditor", "ketua", "walikota", "mitra_bogor"])
def test_yang_melihat_tetapi_tidak_berwenang_ditolak_403(lama, pengguna, username):
    user = pengguna[username]
    assert dapat_melihat(user, lama)
    with pytest.raises(PermissionDenied):
        akhiri(lama, user, komentar="coba")
    assert services.transisi_tersedia(lama, user) == []


@pytest.mark.django_db
def test_transisi_dari_tahap_yang_salah_409(lama, pengguna):
    akhiri(lama, pengguna["tkksd"], komentar="selesai")
    kasus = KerjaSama.objects.get(pk=lama.pk).kasus()
    with pytest.raises(TransisiTidakTersedia):
        akhiri(kasus, pengguna["tkksd"], komentar="lagi")


@pytest.mark.django_db
def test_tahap_berubah_sementara_itu_409(lama, pengguna):
    basi = KerjaSama.objects.get(pk=lama.pk).kasus()  # loaded before someone else acted
    akhiri(lama, pengguna["tkksd"], komentar="pertama")
    with pytest.raises(KonflikTransisi):
        akhiri(basi, pengguna["tkksd"], komentar="kedua")
    assert RiwayatAudit.objects.filter(kerjasama_id=lama.pk, aksi="akhiri").count() == 1


@pytest.mark.django_db
def test_langkah_sistem_tidak_dapat_diambil_pengguna(lama, pengguna):
    with pytest.raises(TransisiTidakTersedia):
        services.transisi_jalankan(kasus=lama, nama="berakhir_masa_berlaku", by=pengguna["tkksd"], data={})


@pytest.mark.django_db
def test_tahap_terlindungi_tidak_dapat_diubah_langsung(lama):
    with pytest.raises(AttributeError):
        lama.tahap = "selesai"


@pytest.mark.django_db
def test_riwayat_audit_hanya_tambah(lama):
    audit = RiwayatAudit.objects.filter(kerjasama=lama).first()
    audit.komentar = "diubah"
    with pytest.raises(ValidationError):
        audit.save()
    with pytest.raises(ValidationError):
        audit.delete()


@pytest.mark.django_db
def test_notifikasi_dikirim_setelah_commit_bukan_sebelumnya(lama, pengguna, django_capture_on_commit_callbacks):
    from kerjasama.models import Notifikasi

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notifikasi_kirim(penerima=[pengguna["tkksd"]], judul="Uji", kerjasama=lama)
    assert Notifikasi.objects.count() == 0  # nothing inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert Notifikasi.objects.get().penerima == pengguna["tkksd"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_banyak_thread_transisi_sama_satu_berhasil_sisanya_409(pengguna, pd_dishub, mitra_bogor):
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor)
    n = 6
    mulai = threading.Barrier(n)
    hasil = []

    def ambil():
        try:
            kasus = KerjaSama.objects.get(pk=lama.pk).kasus()
            user = type(pengguna["tkksd"]).objects.get(pk=pengguna["tkksd"].pk)
            mulai.wait()
            akhiri(kasus, user, komentar="serentak")
            hasil.append("ok")
        except (KonflikTransisi, TransisiTidakTersedia):
            hasil.append("409")
        except Exception as exc:  # pragma: no cover
            hasil.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=ambil) for _ in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(hasil) == ["409"] * (n - 1) + ["ok"]
    assert RiwayatAudit.objects.filter(kerjasama_id=lama.pk, aksi="akhiri").count() == 1
