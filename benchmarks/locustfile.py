"""Load scenario (issue 8, item 2): 50 simulated users of the bench city against gunicorn on
127.0.0.1 — Sekretariat TKKSD staff browsing and filtering the registry, PD operators uploading
documents to their own cases, the Wali Kota reading cases and documents and signing the prepared
folders on the approval dashboard, mitra uploading their reports. Run by benchmarks/load.sh (headless, bounded users and time, loopback only)."""

import random
import re

from locust import HttpUser, between, task

from benchmarks.generate import SANDI, SANDI_TTE
from benchmarks.masuk import masuk
from benchmarks.persetujuan import tanda_tangan

# The dashboard items the Wali Kota's sessions have taken (one locust process): two sessions never sign the same one.
DIKLAIM: set[str] = set()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JENIS = ["KSDD", "KSDPK", "KSDPL", "KSDLL"]
TAHAP = ["pelaksanaan", "selesai", "persiapan", "kajian_tkksd", "penandatanganan_pks"]


class Pengguna(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        # the login form, then the authenticator's code for the accounts that must use it (benchmarks/masuk.py)
        masuk(self.client, username=self.nama(), sandi=SANDI)
        # the cases this user sees (its own, for a PD or a mitra): the registry page's links
        r = self.client.get("/kerjasama/", params={"tahap": "pelaksanaan"}, name="/kerjasama/?[filter]")
        self.kasus = sorted({int(pk) for pk in re.findall(r'href="/kerjasama/(\d+)/"', r.text)})

    def nama(self) -> str:
        return self.username

    def buka_kasus(self):
        if self.kasus:
            pk = random.choice(self.kasus)
            self.client.get(f"/kerjasama/{pk}/", name="/kerjasama/[id]/")
            return pk
        return None

    def unggah(self, jenis: str):
        pk = random.choice(self.kasus) if self.kasus else None
        if pk is None:
            return
        csrf = self.client.cookies.get("csrftoken")
        with self.client.post(f"/kerjasama/{pk}/dokumen/unggah/", data={
            "jenis": jenis, "judul": "Unggahan uji beban", "status": "draft", "csrfmiddlewaretoken": csrf,
        }, files={"berkas": ("laporan.pdf", PDF, "application/pdf")}, headers={"Referer": self.host},
                name="/kerjasama/[id]/dokumen/unggah/", allow_redirects=False, catch_response=True) as r:
            if r.status_code == 302:
                r.success()
            else:
                r.failure(f"unggah {r.status_code}")


class StafTkksd(Pengguna):
    weight = 20

    def nama(self):
        return f"bench_tkksd_{random.randrange(10)}"

    @task(4)
    def saring_registri(self):
        params = {"jenis": random.choice(JENIS)}
        if random.random() < 0.6:
            params["tahap"] = random.choice(TAHAP)
        if random.random() < 0.3:
            params["q"] = random.choice(["air", "jalan", "sampah", "wisata", "pendidikan"])
        self.client.get("/kerjasama/", params=params, name="/kerjasama/?[filter]")

    @task(1)
    def halaman_berikut(self):
        self.client.get("/kerjasama/", params={"halaman": random.randint(2, 20)}, name="/kerjasama/?halaman")

    @task(3)
    def kasus(self):
        self.buka_kasus()

    @task(2)
    def tugas_saya(self):
        self.client.get("/", name="/ (Tugas saya)")

    @task(1)
    def api(self):
        self.client.get("/api/v1/kerjasama/", params={"jenis": random.choice(JENIS)}, name="/api/v1/kerjasama/?jenis")


class OperatorPd(Pengguna):
    weight = 15

    def nama(self):
        return f"bench_pd_{random.randrange(100):03d}"

    @task(2)
    def tugas_saya(self):
        self.client.get("/", name="/ (Tugas saya)")

    @task(2)
    def registri(self):
        self.client.get("/kerjasama/", name="/kerjasama/")

    @task(3)
    def kasus(self):
        self.buka_kasus()

    @task(1)
    def unggah_dokumen(self):
        self.unggah("laporan")


class WaliKota(Pengguna):
    weight = 10

    def nama(self):
        return "bench_walikota"

    @task(2)
    def tugas_saya(self):
        self.client.get("/", name="/ (Tugas saya)")

    @task(3)
    def kasus_dan_dokumen(self):
        pk = self.buka_kasus()
        if pk is None:
            return
        r = self.client.get(f"/api/v1/kerjasama/{pk}/dokumen/", name="/api/v1/kerjasama/[id]/dokumen/")
        versi = [v["unduh"] for d in r.json() for v in d["versi"]]
        if versi:
            self.client.get(random.choice(versi), name="/kerjasama/dokumen/versi/[id]/unduh/")

    @task(1)
    def registri_pelaksanaan(self):
        self.client.get("/kerjasama/", params={"tahap": "pelaksanaan"}, name="/kerjasama/?[filter]")

    @task(2)
    def tanda_tangan(self):
        """What a Wali Kota does on the approval dashboard (issue 13): open it, open an item whose signing folder
        the Sekretariat prepared, read its naskah (the page images), type his passphrase and sign electronically
        through the real endpoint. Only a 302 counts as success; a 409 or 400 is a failure
        (benchmarks/persetujuan.py)."""
        tanda_tangan(self.client, passphrase=SANDI_TTE, diklaim=DIKLAIM, referer=self.host)


class Mitra(Pengguna):
    weight = 5

    def nama(self):
        return f"bench_mitra_{random.randrange(50):02d}"

    @task(2)
    def kasus(self):
        self.buka_kasus()

    @task(1)
    def unggah_laporan(self):
        # Perwal 57/2023 Ps 87(1): the mitra's 6-monthly report
        self.unggah("laporan")
