"""Issue 14, "English for foreign partners": a foreign partner's staff (role Mitra) may read the interface in
English (Pengguna.bahasa); Indonesian stays the default; official documents (naskah dinas, letters, PDFs) stay
Indonesian; the e-mails a partner receives come in the partner's language."""

import datetime

from django.core import mail
from django.utils import translation

import pytest

from kerjasama.constants import Peran
from kerjasama.models import Notifikasi, Pengguna, RiwayatAudit
from kerjasama.services import notifikasi_tahap_baru
from tests.factories import MitraFactory, PenggunaFactory, PerjanjianLamaFactory

pytestmark = pytest.mark.django_db

# Words of the Indonesian navbar that must not be left on an English page.
NAVBAR_ID = ("Tugas saya", "Registri kerja sama", ">Keluar<", ">Akun<", "Pengaturan notifikasi", "Kalender tenggat")
NAVBAR_EN = ("My tasks", "Cooperation registry", "Sign out", "Account", "Notification settings", "Deadline calendar")


@pytest.fixture(autouse=True)
def _bahasa_bawaan_sesudahnya():
    """The language cookie's choice stays active on the test thread after a request: put the default back."""
    yield
    translation.activate("id")


@pytest.fixture
def hamamatsu(db, peran):
    return MitraFactory(nama="Hamamatsu City", jenis="pemda_luar_negeri")


@pytest.fixture
def mitra_en(hamamatsu):
    user = PenggunaFactory(username="mitra_hamamatsu", peran=[Peran.MITRA], mitra=hamamatsu)
    Pengguna.objects.filter(pk=user.pk).update(bahasa="en")
    user.refresh_from_db()
    return user


@pytest.fixture
def ks_luar(pengguna, pd_dishub, hamamatsu):
    """A sister-city cooperation with Hamamatsu in implementation (entered as a legacy agreement)."""
    hari_ini = datetime.date.today()
    return PerjanjianLamaFactory(by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=hamamatsu, jenis="KSDPL",
                                 judul="Kota bersaudara Bekasi–Hamamatsu",
                                 tanggal_penandatanganan=hari_ini - datetime.timedelta(days=30),
                                 tanggal_mulai=hari_ini - datetime.timedelta(days=30),
                                 tanggal_berakhir=hari_ini.replace(year=hari_ini.year + 3))


def _html(r) -> str:
    assert r.status_code == 200, r.status_code
    return r.content.decode()


def _bahasa_inggris(html: str, *kata: str) -> None:
    assert '<html lang="en">' in html
    for k in kata:
        assert k in html, k
    for k in NAVBAR_ID:
        assert k not in html, k


def test_pengguna_baru_berbahasa_indonesia(pengguna):
    assert Pengguna.objects.create(username="baru").bahasa == "id"
    assert pengguna["mitra_bogor"].bahasa == "id"


def test_mitra_berbahasa_inggris_melihat_beranda_dan_navbar_dalam_bahasa_inggris(mitra_en, ks_luar, client):
    client.force_login(mitra_en)
    html = _html(client.get("/"))
    _bahasa_inggris(html, *NAVBAR_EN, "Latest notifications", "Bahasa Indonesia")
    assert "SIKSD — Regional Cooperation Information System" in html


def test_pengguna_berbahasa_indonesia_tetap_melihat_bahasa_indonesia(pengguna, client):
    client.force_login(pengguna["mitra_bogor"])
    html = _html(client.get("/"))
    assert '<html lang="id">' in html
    for k in ("Tugas saya", "Registri kerja sama", "Keluar", "Notifikasi terbaru", ">English<"):
        assert k in html, k
    assert "My tasks" not in html


def test_halaman_kasus_dalam_bahasa_inggris_untuk_mitra(mitra_en, ks_luar, client):
    client.force_login(mitra_en)
    r = client.get(f"/kerjasama/{ks_luar.pk}/")
    assert r["Content-Language"] == "en"
    assert translation.get_language() == "id"  # the user's language does not outlive the request
    html = _html(r)
    _bahasa_inggris(html, "Stage", "Stages", "Deadline", "Documents", "History", "Legal basis",
                    'data-testid="tahap">Implementation<', "Cooperation created")
    assert ">Pelaksanaan<" not in html and "Kerja sama dibuat" not in html


def test_halaman_kasus_dalam_bahasa_indonesia_untuk_sekretariat(pengguna, ks_luar, client):
    client.force_login(pengguna["tkksd"])
    html = _html(client.get(f"/kerjasama/{ks_luar.pk}/"))
    for k in ("Tahapan", "Tenggat", "Dokumen", "Riwayat", 'data-testid="tahap">Pelaksanaan<', "Kerja sama dibuat"):
        assert k in html, k
    assert "Stages" not in html


def test_notifikasi_dan_pengaturan_dalam_bahasa_inggris(mitra_en, client):
    client.force_login(mitra_en)
    _bahasa_inggris(_html(client.get("/kerjasama/notifikasi/")), "Notifications", "Mark all as read", "Action needed")
    html = _html(client.get("/dasbor/pengaturan/"))
    _bahasa_inggris(html, "Notification settings", "Interface language", "Save language")
    assert 'value="en" id="bahasa-en" checked' in html


def test_laporan_saya_dan_formulir_laporan_dalam_bahasa_inggris(mitra_en, ks_luar, client):
    client.force_login(mitra_en)
    html = _html(client.get("/pengawasan/laporan-saya/"))
    _bahasa_inggris(html, "Cooperation implementation reports", "Upload report", "My reports", ks_luar.judul)
    html = _html(client.get(f"/pengawasan/kerjasama/{ks_luar.pk}/laporan-mitra/"))
    _bahasa_inggris(html, "Submit a cooperation implementation report", "Send report", "Progress of implementation",
                    "Report file")


def test_konfirmasi_laporan_dalam_bahasa_inggris(mitra_en, ks_luar, client):
    from tests.pengawasan.factories import berkas_pdf

    client.force_login(mitra_en)
    r = client.post(f"/pengawasan/kerjasama/{ks_luar.pk}/laporan-mitra/", {
        "sifat": "berkala", "kemajuan": "Student exchange held.", "berkas": berkas_pdf("report.pdf")}, follow=True)
    html = _html(r)
    assert "Report received for the period" in html and "The report is forwarded to the Mayor" in html
    assert "Laporan diterima" not in html


def test_halaman_galat_dalam_bahasa_inggris(mitra_en, client):
    client.force_login(mitra_en)
    r = client.get("/kerjasama/999999/")
    assert r.status_code == 404
    _bahasa_inggris(r.content.decode(), "Page not found", "Go to My tasks")


def test_halaman_masuk_mengikuti_kuki_bahasa(client, db):
    assert "Masuk ke SIKSD" in _html(client.get("/masuk/"))
    r = client.post("/akun/bahasa/", {"bahasa": "en", "next": "/masuk/"})
    assert r.status_code == 302 and r["Location"] == "/masuk/"
    html = _html(client.get("/masuk/"))
    assert "Sign in to SIKSD" in html and "Username" in html and "Masuk ke SIKSD" not in html


def test_ganti_bahasa_lewat_post_disimpan_dan_diaudit(pengguna, client):
    user = pengguna["mitra_bogor"]
    client.force_login(user)
    r = client.post("/akun/bahasa/", {"bahasa": "en", "next": "/kerjasama/notifikasi/"})
    assert r.status_code == 302 and r["Location"] == "/kerjasama/notifikasi/"
    user.refresh_from_db()
    assert user.bahasa == "en"
    audit = RiwayatAudit.objects.get(aksi="bahasa_antarmuka_diubah")
    assert audit.oleh == user and audit.data == {"dari": "id", "ke": "en"}
    assert "My tasks" in _html(client.get("/"))
    client.post("/akun/bahasa/", {"bahasa": "id"})
    user.refresh_from_db()
    assert user.bahasa == "id" and "Tugas saya" in _html(client.get("/"))


def test_ganti_bahasa_dengan_get_ditolak(pengguna, client):
    """A GET never changes anything (house rule): 405, the preference unchanged."""
    user = pengguna["mitra_bogor"]
    client.force_login(user)
    r = client.get("/akun/bahasa/?bahasa=en")
    assert r.status_code == 405
    user.refresh_from_db()
    assert user.bahasa == "id"


def test_bahasa_tak_dikenal_ditolak(pengguna, client):
    user = pengguna["mitra_bogor"]
    client.force_login(user)
    r = client.post("/akun/bahasa/", {"bahasa": "xx"}, follow=True)
    assert "Bahasa tidak dikenal." in r.content.decode()
    user.refresh_from_db()
    assert user.bahasa == "id"


def test_api_tetap_berbahasa_indonesia(mitra_en, ks_luar, api):
    """interfaces.md: the API's labels are Indonesian, whoever asks."""
    r = api(mitra_en).get(f"/api/v1/kerjasama/{ks_luar.pk}/")
    assert r.status_code == 200
    assert "Pelaksanaan" in r.content.decode()


def test_surel_ke_mitra_berbahasa_inggris_dan_ke_sekretariat_berbahasa_indonesia(
        pengguna, mitra_bogor, pd_dishub, django_capture_on_commit_callbacks):
    """A stage where the partner and the Sekretariat act (KSDD "Menunggu jawaban mitra", the one partner-acting stage
    today): each is told in their own language. The partner's staff member here chose English."""
    from tests.ksdd.factories import KasusKsddFactory

    mitra_en = pengguna["mitra_bogor"]
    Pengguna.objects.filter(pk=mitra_en.pk).update(bahasa="en")
    kasus = KasusKsddFactory(menunggu_jawaban=True, by=pengguna["tkksd"], perangkat_daerah=pd_dishub,
                             mitra=mitra_bogor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifikasi_tahap_baru(kasus=kasus)
    per_alamat = {a: m for m in mail.outbox for a in m.to}
    inggris = per_alamat[mitra_en.email]
    indonesia = per_alamat[pengguna["tkksd"].email]
    assert inggris.subject == f"[SIKSD] Waiting for your action: {kasus.nomor} — Waiting for the partner's reply"
    assert "Stage: Waiting for the partner's reply" in inggris.body and "— SIKSD, City of Bekasi" in inggris.body
    assert indonesia.subject == f"[SIKSD] Menunggu tindakan Anda: {kasus.nomor} — Menunggu jawaban mitra"
    assert "Tahap: Menunggu jawaban mitra" in indonesia.body and "— SIKSD Kota Bekasi" in indonesia.body
    # the in-app notification too
    assert Notifikasi.objects.get(penerima=mitra_en).judul.startswith("Waiting for your action")
    assert Notifikasi.objects.get(penerima=pengguna["tkksd"]).judul.startswith("Menunggu tindakan Anda")


def _teks_pdf(isi: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(isi)).pages)


def test_pdf_riwayat_tetap_berbahasa_indonesia_untuk_mitra_berbahasa_inggris(mitra_en, ks_luar, client):
    """Documents stay Indonesian: the audit-trail PDF an English partner downloads names the stages in Indonesian."""
    client.force_login(mitra_en)
    r = client.get(f"/kerjasama/{ks_luar.pk}/riwayat.pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    teks = _teks_pdf(r.content)
    assert "Pelaksanaan" in teks
    assert "Implementation" not in teks and "Stage" not in teks


def test_naskah_dinas_tetap_berbahasa_indonesia_saat_bahasa_inggris_aktif(ks_luar, pengguna):
    """A naskah dinas generated while an English user is active (e.g. on that user's request) is Indonesian."""
    from kerjasama import services

    with translation.override("en"):
        versi = services.dokumen_hasilkan(
            by=pengguna["tkksd"], kerjasama=ks_luar, jenis="surat_keluar", judul="Surat Pengantar Uji",
            template="dokumen/surat_pengantar.html",
            context={"perihal": "Penyampaian dokumen", "kepada": ["Mayor of Hamamatsu"], "isi": ["Dengan hormat."],
                     "nomor": "000.9/123-Setda"})
        assert translation.get_language() == "en"  # the override is the document's own, not the caller's
    with versi.berkas.open("rb") as f:
        teks = _teks_pdf(f.read())
    assert "PEMERINTAH KOTA BEKASI" in teks and "Penyampaian dokumen" in teks


def test_registri_dan_kalender_dalam_bahasa_inggris(mitra_en, ks_luar, client):
    client.force_login(mitra_en)
    html = _html(client.get("/kerjasama/"))
    _bahasa_inggris(html, "Show", "Number", "Title", ks_luar.nomor)
    html = _html(client.get("/dasbor/kalender/"))
    _bahasa_inggris(html, "Previous month", "Mon", "Sun")


def test_halaman_publik_dalam_bahasa_inggris_bagi_pengunjung_yang_memilihnya(client, db):
    assert "Kerja sama daerah Pemerintah Kota Bekasi" in _html(client.get("/publik/"))
    client.post("/akun/bahasa/", {"bahasa": "en", "next": "/publik/"})
    html = _html(client.get("/publik/"))
    assert "Regional cooperation of the Bekasi City Government" in html and "Open data" in html
    assert "Kerja sama daerah Pemerintah Kota Bekasi" not in html


def test_pengingat_laporan_mitra_dalam_bahasa_mitra(mitra_en, ks_luar, django_capture_on_commit_callbacks):
    """Perwal 57/2023 Pasal 87 ayat (1): the partner's 6-monthly report reminder reaches an English partner in English."""
    from django.utils import timezone

    from kerjasama.deadlines import aturan_tenggat
    from kerjasama.models import Tenggat

    tenggat = Tenggat.objects.filter(kerjasama=ks_luar, aturan="laporan_mitra").order_by("jatuh_tempo").first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        aturan_tenggat("laporan_mitra").kirim_peringatan(tenggat, timezone.now())
    surel = next(m for m in mail.outbox if mitra_en.email in m.to)
    assert surel.subject.startswith("[SIKSD] Cooperation report due in ")
    assert f"{ks_luar.nomor} — {ks_luar.judul}\nDue " in surel.body
    assert Notifikasi.objects.get(penerima=mitra_en).judul.startswith("Cooperation report due in ")
