"""Issue 14, "Labels, never codes": every main page of the demo for every role, each case page, the audit CSV and
PDF and every export (Excel, PDF) speak in labels. Stage, transition, deadline-rule and audit-action machine names
(those with an underscore: "kajian_tkksd", "dokumen_diunggah", "dprd_45_hari") must not appear in what a person reads;
URLs, form field names and other attributes are not read, so they are left out of the scan."""

import csv
import io
import re
from html.parser import HTMLParser

from django.core.management import call_command

import pytest

from kerjasama import alur
from kerjasama.deadlines import _ATURAN
from kerjasama.models import KerjaSama, RiwayatAudit

pytestmark = pytest.mark.django_db

PERAN = ["tkksd", "ketua", "pd_dishub", "dprd", "walikota", "pengawas", "auditor", "mitra_bogor"]
HALAMAN = ["/", "/?tampil=tugas", "/kerjasama/", "/kerjasama/notifikasi/", "/dasbor/", "/dasbor/kalender/",
           "/dasbor/rekap/", "/dasbor/persetujuan/", "/dasbor/persetujuan/riwayat/", "/ksdd/", "/ksdpk/", "/ksdln/",
           "/pemetaan/", "/pengawasan/", "/pengawasan/laporan-saya/", "/publik/"]


class _Teks(HTMLParser):
    """The text a person reads: text nodes outside <script>/<style> (attributes — URLs, names, values — left out)."""

    def __init__(self):
        super().__init__()
        self.bagian, self._lewati = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._lewati += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._lewati -= 1

    def handle_data(self, data):
        if not self._lewati:
            self.bagian.append(data)


def teks_html(html: str) -> str:
    p = _Teks()
    p.feed(html)
    return " ".join(p.bagian)


def kode_mesin() -> set[str]:
    kode = set()
    for label, daftar in alur.semua_tahapan().items():
        kode |= {t.kode for t in daftar}
        from django.apps import apps

        kode |= {t.name for t in alur._transisi_model(apps.get_model(label))}
    kode |= set(_ATURAN)
    kode |= set(RiwayatAudit.objects.values_list("aksi", flat=True).distinct())
    return {k for k in kode if "_" in k}


def temukan(teks: str, kode: set[str]) -> set[str]:
    kata = set(re.findall(r"[a-z0-9]+(?:_[a-z0-9]+)+", teks))
    return kata & kode


@pytest.fixture
def demo(client):
    call_command("seed_demo", "--izinkan-produksi", "--password", "uji-demo")
    return client


def _masuk(client, username):
    client.logout()
    assert client.post("/masuk/", {"username": username, "password": "uji-demo"}).status_code == 302


def test_halaman_utama_setiap_peran_tanpa_kode(demo):
    kode = kode_mesin()
    # The scan knows the names the issue found on screen (it would catch them again).
    assert {"kajian_tkksd", "dokumen_diunggah", "dprd_45_hari", "ajukan_kak"} <= kode
    assert temukan("persiapan → kajian_tkksd", kode) == {"kajian_tkksd"}
    temuan = {}
    for username in PERAN:
        _masuk(demo, username)
        for url in HALAMAN:
            r = demo.get(url)
            if r.status_code == 200 and r["Content-Type"].startswith("text/html"):
                ada = temukan(teks_html(r.content.decode()), kode)
                if ada:
                    temuan[f"{username} {url}"] = sorted(ada)
    assert temuan == {}


def test_halaman_kasus_riwayat_csv_dan_pdf_tanpa_kode(demo):
    from pypdf import PdfReader

    kode = kode_mesin()
    temuan = {}
    _masuk(demo, "tkksd")
    kasus = list(KerjaSama.objects.order_by("pk").values_list("pk", flat=True))
    for pk in kasus:
        for url in (f"/kerjasama/{pk}/", f"/kerjasama/{pk}/riwayat.csv"):
            r = demo.get(url)
            assert r.status_code == 200, url
            isi = r.content.decode()
            ada = temukan(teks_html(isi) if url.endswith("/") else isi, kode)
            if ada:
                temuan[url] = sorted(ada)
    # The audit PDF of the case with the longest trail (WeasyPrint is slow: one is enough to read the template).
    terpanjang = max(kasus, key=lambda pk: RiwayatAudit.objects.filter(kerjasama_id=pk).count())
    r = demo.get(f"/kerjasama/{terpanjang}/riwayat.pdf")
    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    if ada := temukan(teks.replace("\n", " "), kode):
        temuan["riwayat.pdf"] = sorted(ada)
    assert temuan == {}


def test_riwayat_csv_dalam_wib_dan_berlabel(demo):
    _masuk(demo, "tkksd")
    pk = RiwayatAudit.objects.exclude(ke_tahap="").values_list("kerjasama_id", flat=True).first()
    baris = list(csv.reader(io.StringIO(demo.get(f"/kerjasama/{pk}/riwayat.csv").content.decode())))
    assert baris[0][0] == "Waktu (WIB)" and "dari_tahap" not in baris[0]
    assert re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}", baris[1][0])


def test_ekspor_excel_dan_pdf_tanpa_kode(demo):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from dasbor.exports import DAFTAR

    kode = kode_mesin()
    temuan = {}
    _masuk(demo, "tkksd")
    for daftar in DAFTAR:
        xlsx = demo.get(f"/dasbor/ekspor/{daftar}.xlsx")
        assert xlsx.status_code == 200
        wb = load_workbook(io.BytesIO(xlsx.content))
        teks = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
        if ada := temukan(teks, kode):
            temuan[f"{daftar}.xlsx"] = sorted(ada)
    for daftar in ("tenggat", "terlambat"):
        pdf = demo.get(f"/dasbor/ekspor/{daftar}.pdf")
        teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace("\n", " ")
        if ada := temukan(teks, kode):
            temuan[f"{daftar}.pdf"] = sorted(ada)
    assert temuan == {}
