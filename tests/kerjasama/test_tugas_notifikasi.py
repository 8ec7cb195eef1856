"""Issue 14: "Tugas saya" lists actions (overdue first, then by due moment, those without deadline last, on every
database) and notifications resolve when their step is done by anyone; the bell counts unread and unresolved only."""

import datetime
import zoneinfo

import pytest

from kerjasama import selectors, services
from kerjasama.constants import StatusTenggat
from kerjasama.deadlines import AturanTenggat, daftar_aturan
from kerjasama.models import Notifikasi, Tenggat
from ksdd.dokumen_contoh import berkas_contoh
from tests.factories import PenggunaFactory, PerjanjianLamaFactory
from tests.ksdd.factories import KasusKsddFactory

pytestmark = pytest.mark.django_db
JKT = zoneinfo.ZoneInfo("Asia/Jakarta")

# A rule the PD answers to, for the ordering test only.
daftar_aturan(AturanTenggat(kode="uji_tugas_pd", judul="Tenggat uji PD", dasar_hukum="Pasal uji", hari=10,
                            pelaku=("pd",)))


def _tenggat(kasus, aturan, jatuh_tempo, status=StatusTenggat.TERBUKA, judul="Tenggat uji"):
    return Tenggat.objects.create(aturan=aturan, dasar_hukum="Pasal uji", judul=judul, kerjasama=kasus,
                                  mulai=jatuh_tempo.date(), jatuh_tempo=jatuh_tempo, cara_hitung="kalender",
                                  status=status)


def test_tugas_terlambat_dulu_lalu_menurut_tenggat_tanpa_tenggat_terakhir(pengguna, pd_dishub, mitra_bogor):
    now = datetime.datetime(2026, 12, 5, 10, tzinfo=JKT)
    by = pengguna["tkksd"]
    KasusKsddFactory(by=by, perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="Tanpa tenggat")
    nanti = KasusKsddFactory(by=by, perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="Tenggat nanti")
    lewat = KasusKsddFactory(by=by, perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="Tenggat lewat")
    _tenggat(nanti, "uji_tugas_pd", datetime.datetime(2026, 12, 10, 0, tzinfo=JKT))
    # A missed deadline (status "lewat") still counts: it is the most urgent, not left out.
    _tenggat(lewat, "uji_tugas_pd", datetime.datetime(2026, 11, 5, 0, tzinfo=JKT), status=StatusTenggat.LEWAT)
    _tenggat(lewat, "uji_tugas_pd", datetime.datetime(2027, 5, 5, 0, tzinfo=JKT))

    tugas = selectors.tugas_aksi(user=pengguna["pd_dishub"], now=now)
    assert [t.kerjasama.judul for t in tugas] == ["Tenggat lewat", "Tenggat nanti", "Tanpa tenggat"]
    assert tugas[0].terlambat and tugas[0].keterangan_tenggat == "terlambat 30 hari"
    assert tugas[1].keterangan_tenggat == "5 hari lagi"
    assert tugas[2].jatuh_tempo is None and tugas[0].aksi == "Ajukan KAK ke TKKSD"  # the verb, not the stage
    assert pengguna["pd_disbudpar"] and selectors.tugas_aksi(user=pengguna["pd_disbudpar"], now=now) == []


def test_mitra_melihat_laporan_terlambat_sebagai_tugas_pertama(klien, pengguna, pd_dishub, mitra_bogor):
    """Ps 87(1): the partner's 6-monthly report is its task; the overdue one comes first, and not the Pemda's own
    supervision visits."""
    now = datetime.datetime(2026, 12, 5, 10, tzinfo=JKT)
    lama = PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
                                 judul="Pengelolaan air baku")
    _tenggat(lama, "laporan_mitra", datetime.datetime(2027, 5, 1, tzinfo=JKT), judul="Laporan mitra semester 2")
    _tenggat(lama, "laporan_mitra", datetime.datetime(2026, 11, 5, tzinfo=JKT), status=StatusTenggat.LEWAT,
             judul="Laporan mitra semester 1")
    _tenggat(lama, "pemantauan", datetime.datetime(2026, 10, 1, tzinfo=JKT), status=StatusTenggat.LEWAT,
             judul="Pemantauan pelaksanaan kerja sama")

    tugas = selectors.tugas_aksi(user=pengguna["mitra_bogor"], now=now)
    assert [t.aksi for t in tugas][:2] == ["Unggah laporan mitra semester 1", "Unggah laporan mitra semester 2"]
    assert all(t.aksi.startswith("Unggah laporan mitra") for t in tugas)
    assert tugas[0].keterangan_tenggat == "terlambat 30 hari" and tugas[0].tautan == f"/pengawasan/kerjasama/{lama.pk}/laporan-mitra/"
    html = klien(pengguna["mitra_bogor"]).get("/").content.decode()
    assert "Unggah laporan mitra semester 1" in html and "Tidak ada yang menunggu" not in html
    assert "Pemantauan pelaksanaan" not in html


def test_walikota_berandanya_dasbor_persetujuan(klien, pengguna):
    jawab = klien(pengguna["walikota"]).get("/")
    assert jawab.status_code == 302 and jawab.url == "/dasbor/persetujuan/"
    assert klien(pengguna["walikota"]).get("/?tampil=tugas").status_code == 200


def test_wizard_mulai_membuka_formulir_yang_tepat(klien, pengguna):
    pd = klien(pengguna["pd_dishub"])
    assert "Dengan siapa?" in pd.get("/").content.decode()
    assert pd.get("/kerjasama/mulai/?dengan=daerah&dari=usulan").url == "/ksdd/baru/"
    assert pd.get("/kerjasama/mulai/?dengan=pihak_ketiga&dari=usulan").url == "/ksdpk/baru/"
    ditolak = pd.get("/kerjasama/mulai/?dengan=luar_negeri&dari=usulan")
    assert ditolak.status_code == 400 and "Sekretariat TKKSD" in ditolak.content.decode()
    assert klien(pengguna["tkksd"]).get("/kerjasama/mulai/?dengan=luar_negeri&dari=tawaran").url == "/ksdln/baru/"
    assert klien(pengguna["mitra_bogor"]).get("/kerjasama/mulai/").status_code == 403


def _tindakan_terbuka(user):
    return list(Notifikasi.objects.filter(penerima=user, jenis="tindakan", selesai_pada__isnull=True)
                .values_list("kunci", flat=True))


def test_notifikasi_tindakan_selesai_saat_langkahnya_dilakukan(pengguna, pd_dishub, mitra_bogor,
                                                              django_capture_on_commit_callbacks):
    """A case walks persiapan → kajian → persiapan → kajian: each step resolves the action notifications of the
    stage it left, for every recipient (also the colleague who did not act), and the bell falls accordingly."""
    from kerjasama.constants import Peran

    tkksd, pd = pengguna["tkksd"], pengguna["pd_dishub"]
    rekan = PenggunaFactory(username="tkksd2", peran=[Peran.SEKRETARIAT_TKKSD])
    kasus = KasusKsddFactory(by=tkksd, perangkat_daerah=pd_dishub, mitra=mitra_bogor)

    def langkah(nama, by, **data):
        with django_capture_on_commit_callbacks(execute=True):
            kasus.refresh_from_db()
            services.transisi_jalankan(kasus=kasus, nama=nama, by=by, data=data)

    with django_capture_on_commit_callbacks(execute=True):
        kak = services.dokumen_unggah(by=pd, kerjasama=kasus, berkas=berkas_contoh("KAK"), jenis="kak", judul="KAK")
    langkah("ajukan_kak", pd, kak=str(kak.dokumen_id))
    assert _tindakan_terbuka(tkksd) == ["tahap:kajian_tkksd"] and _tindakan_terbuka(rekan) == ["tahap:kajian_tkksd"]
    assert selectors.notifikasi_belum_dibaca(user=rekan) == 1

    langkah("kembalikan_kak", tkksd, komentar="Lengkapi anggaran.")
    # Done by tkksd: resolved for tkksd and for the colleague too; now the PD is asked.
    assert _tindakan_terbuka(tkksd) == [] and _tindakan_terbuka(rekan) == []
    assert selectors.notifikasi_belum_dibaca(user=rekan) == 0
    assert _tindakan_terbuka(pd) == ["tahap:persiapan"] and selectors.notifikasi_belum_dibaca(user=pd) == 1

    langkah("ajukan_kak", pd, kak=str(kak.dokumen_id))
    assert _tindakan_terbuka(pd) == [] and selectors.notifikasi_belum_dibaca(user=pd) == 0
    # Asked again about the same stage: one new open action each, not a duplicate of an open one.
    assert _tindakan_terbuka(rekan) == ["tahap:kajian_tkksd"]
    assert Notifikasi.objects.filter(penerima=rekan, kunci="tahap:kajian_tkksd").count() == 2
    assert selectors.notifikasi_belum_dibaca(user=rekan) == 1


def test_notifikasi_tahap_tidak_berganda_dan_tugas_lama_tidak_dibuat(pengguna, pd_dishub, mitra_bogor):
    from kerjasama.tasks import kirim_notifikasi

    kasus = KasusKsddFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, kajian_tkksd=True)
    for _ in range(2):  # a retried task
        kirim_notifikasi(penerima_ids=[pengguna["tkksd"].pk], judul="x", kerjasama_id=kasus.pk, jenis="tindakan",
                         kunci="tahap:kajian_tkksd")
    assert Notifikasi.objects.filter(penerima=pengguna["tkksd"]).count() == 1
    # Queued while the case was elsewhere: the case has moved on, nothing to ask.
    assert kirim_notifikasi(penerima_ids=[pengguna["tkksd"].pk], judul="y", kerjasama_id=kasus.pk,
                            jenis="tindakan", kunci="tahap:persiapan") == 0


def test_halaman_notifikasi_memisahkan_tindakan_dan_informasi(klien, pengguna, pd_dishub, mitra_bogor):
    kasus = KasusKsddFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, kajian_tkksd=True)
    Notifikasi.objects.create(penerima=pengguna["tkksd"], judul="Menunggu tindakan Anda: X", kerjasama=kasus,
                              jenis="tindakan", kunci="tahap:kajian_tkksd")
    Notifikasi.objects.create(penerima=pengguna["tkksd"], judul="Laporan diterima: Y", kerjasama=kasus)
    html = klien(pengguna["tkksd"]).get("/kerjasama/notifikasi/").content.decode()
    tindakan, informasi = html.split("Informasi dan yang sudah selesai")
    assert "Menunggu tindakan Anda: X" in tindakan and "Laporan diterima: Y" in informasi
    assert tindakan.count('data-testid="grup-tindakan"') == 1
