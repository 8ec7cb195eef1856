"""The benchmark runner (issue 8, item 1). In process, on the generated city (benchmarks/generate.py):
each page through Django's test client (server time = request handling in process: middleware,
session, view, template), as a median over repeated runs, with its SQL query count, against the
raw SQL it needs (the floor, hand-written: the same rows and columns the page shows) and, for the
registry page, against Django admin's changelist over the same rows, all in the same run.

Writes benchmarks/results/latest.json and the table in benchmarks/README.md. Run by
`bash benchmarks/run.sh` (PostgreSQL).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
HASIL = ROOT / "benchmarks" / "results" / "latest.json"
README = ROOT / "benchmarks" / "README.md"
ULANG = int(os.environ.get("BENCH_ULANG", "15"))  # measured runs per figure (after 2 warm-ups)

TARGET_HALAMAN_MS = 150
TARGET_RASIO = 3.0
TARGET_SAPU_KOSONG_MS = 50
TARGET_SAPU_1000_S = 5
TARGET_SURAT_S = 1


def _median_ms(fn, ulang: int = ULANG, pemanasan: int = 2) -> tuple[float, list[float]]:
    for _ in range(pemanasan):
        fn()
    waktu = []
    for _ in range(ulang):
        t = time.perf_counter()
        fn()
        waktu.append((time.perf_counter() - t) * 1000)
    return statistics.median(waktu), waktu


def _jumlah_query(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _sql(queries):
    """A floor: run the hand-written queries and fetch every row, as the page needs them."""
    from django.db import connection

    def jalan():
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    return jalan


def mesin() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1048576:.1f} GiB"
    except (OSError, AttributeError):
        pass
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        db = f"{connection.vendor} {cursor.fetchone()[0]}"
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": ram, "python": platform.python_version(),
            "load_average_awal": [round(x, 2) for x in os.getloadavg()],
            "django": django.get_version(), "database": db}


def ukur() -> dict:
    from django.contrib import admin
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rest_framework.authtoken.models import Token

    from kerjasama import alur, services
    from kerjasama.constants import PELAKU_PD, PELAKU_SISTEM
    from kerjasama.models import KerjaSama, Pengguna, PerjanjianLama, RiwayatAudit, Tenggat, VersiDokumen

    from .generate import sudah_ada

    if not sudah_ada():
        sys.exit("!! basis data belum berisi kota uji beban: jalankan benchmarks/generate.py (run.sh melakukannya)")

    tkksd = Pengguna.objects.get(username="bench_tkksd_0")
    pd_user = Pengguna.objects.get(username="bench_pd_000")
    admin_user = Pengguna.objects.get(username="bench_admin")
    hasil: dict = {"halaman": {}, "lain": {}}

    def klien(user):
        c = Client()
        c.force_login(user)
        # The Sekretariat's and the Wali Kota's sessions have passed two-factor login (akun.middleware would
        # otherwise send every page to /akun/2fa/verifikasi/): the session names their authenticator, as
        # django_otp.login does (benchmarks/generate.py gives the bench accounts one).
        perangkat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if perangkat is not None:
            sesi = c.session
            sesi[DEVICE_ID_SESSION_KEY] = perangkat.persistent_id
            sesi.save()
        return c

    def halaman(nama, user, url, floor, *, params=None, token=False, sekali=False):
        if token:
            from rest_framework.test import APIClient

            c = APIClient()
            c.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
        else:
            c = klien(user)

        def get():
            r = c.get(url, params or {})
            assert r.status_code == 200, (nama, r.status_code)
            return r

        if sekali:  # a page too slow to repeat at this scale: one run, timed and counted together
            from django.db import connection as koneksi
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(koneksi) as ctx:
                t = time.perf_counter()
                get()
                med = (time.perf_counter() - t) * 1000
            semua, q = [med], len(ctx.captured_queries)
        else:
            med, semua = _median_ms(get)
            q = _jumlah_query(get)
        f_med, _ = _median_ms(_sql(floor)) if floor else (None, None)
        baris = {"url": url + ("?" + "&".join(f"{k}={v}" for k, v in (params or {}).items()) if params else ""),
                 "sebagai": user.username, "median_ms": round(med, 1), "min_ms": round(min(semua), 1),
                 "maks_ms": round(max(semua), 1), "query": q}
        if f_med is not None:
            baris.update(floor_ms=round(f_med, 2), rasio_floor=round(med / f_med, 1), query_floor=len(floor))
        hasil["halaman"][nama] = baris
        print(f"  {nama:<28} {med:7.1f} ms  {q:3d} query" + (f"  floor {f_med:6.2f} ms  ×{med / f_med:5.1f}" if f_med else ""),
              flush=True)
        return baris

    filter_web = {"jenis": "KSDD", "tahap": "pelaksanaan"}
    where = "k.jenis = %s AND k.tahap = %s"
    wp = ["KSDD", "pelaksanaan"]
    kolom = ("k.id, k.nomor, k.judul, k.jenis, k.tahap, k.tanggal_berakhir, pd.nama, pd.singkatan, m.nama")
    dari = ("FROM kerjasama_kerjasama k LEFT JOIN kerjasama_perangkatdaerah pd ON pd.id = k.perangkat_daerah_id "
            "LEFT JOIN kerjasama_mitra m ON m.id = k.mitra_id")
    pilihan = [("SELECT id, nama, singkatan FROM kerjasama_perangkatdaerah ORDER BY nama", []),
               ("SELECT id, nama FROM kerjasama_mitra ORDER BY nama", [])]
    sesi = [("SELECT session_data FROM django_session WHERE session_key = %s", ["x"]),
            ("SELECT id, username FROM kerjasama_pengguna WHERE id = %s", [tkksd.pk])]
    print(">> halaman", flush=True)
    halaman("registri (Sekretariat)", tkksd, "/kerjasama/", params=filter_web, floor=[
        *sesi, (f"SELECT count(*) FROM kerjasama_kerjasama k WHERE {where}", wp),
        (f"SELECT {kolom} {dari} WHERE {where} ORDER BY k.dibuat_pada DESC, k.id DESC LIMIT 50", wp), *pilihan])
    izin = ("k.id IN (SELECT content_object_id FROM kerjasama_kerjasamagroupobjectpermission gp "
            "JOIN kerjasama_pengguna_groups ug ON ug.group_id = gp.group_id WHERE ug.pengguna_id = %s)")
    halaman("registri (PD)", pd_user, "/kerjasama/", params=filter_web, floor=[
        *sesi, (f"SELECT count(*) FROM kerjasama_kerjasama k WHERE {where} AND {izin}", [*wp, pd_user.pk]),
        (f"SELECT {kolom} {dari} WHERE {where} AND {izin} ORDER BY k.dibuat_pada DESC, k.id DESC LIMIT 50", [*wp, pd_user.pk]),
        *pilihan])
    model_admin = admin.site._registry[KerjaSama]
    model_admin.list_per_page = 50  # the same 50 rows as the registry page (benchmark only)
    halaman("admin changelist (sama)", admin_user, "/admin/kerjasama/kerjasama/",
            params={"jenis__exact": "KSDD", "tahap__exact": "pelaksanaan"}, floor=None)
    hasil["halaman"]["registri (Sekretariat)"]["rasio_admin"] = round(
        hasil["halaman"]["registri (Sekretariat)"]["median_ms"] / hasil["halaman"]["admin changelist (sama)"]["median_ms"], 2)

    # the case page: the legacy agreement with the most documents and audit rows
    kasus = (PerjanjianLama.objects.filter(tahap="pelaksanaan").order_by("pk")[5:6].get())
    n_versi = VersiDokumen.objects.filter(dokumen__kerjasama=kasus).count()
    n_audit = RiwayatAudit.objects.filter(kerjasama=kasus).count()
    halaman("halaman kasus", tkksd, f"/kerjasama/{kasus.pk}/", floor=[
        *sesi, (f"SELECT k.*, pd.nama, m.nama {dari} WHERE k.id = %s", [kasus.pk]),
        ("SELECT * FROM kerjasama_perjanjianlama WHERE kerjasama_ptr_id = %s", [kasus.pk]),
        ("SELECT d.id, d.jenis, d.judul, v.id, v.nomor_versi, v.nama_berkas, v.status, v.diunggah_pada, v.sha256, u.username "
         "FROM kerjasama_dokumen d JOIN kerjasama_versidokumen v ON v.dokumen_id = d.id "
         "LEFT JOIN kerjasama_pengguna u ON u.id = v.diunggah_oleh_id WHERE d.kerjasama_id = %s "
         "ORDER BY d.jenis, d.id, v.nomor_versi DESC", [kasus.pk]),
        ("SELECT judul, dasar_hukum, mulai, jatuh_tempo, cara_hitung, status, catatan FROM kerjasama_tenggat "
         "WHERE kerjasama_id = %s ORDER BY jatuh_tempo", [kasus.pk]),
        ("SELECT r.pada, r.aksi, r.dari_tahap, r.ke_tahap, r.komentar, r.dasar_hukum, r.data, u.username, u.first_name, "
         "u.last_name FROM kerjasama_riwayataudit r LEFT JOIN kerjasama_pengguna u ON u.id = r.oleh_id "
         "WHERE r.kerjasama_id = %s ORDER BY r.pada, r.id", [kasus.pk]),
    ])
    hasil["halaman"]["halaman kasus"].update(versi=n_versi, riwayat=n_audit)

    # "Tugas saya": the stages where the user acts, as (kelas, tahap) pairs; raw floor of the same filter
    def pasangan(kode_pelaku):
        return [(label, t.kode) for label, daftar in alur.semua_tahapan().items() for t in daftar
                if not t.akhir and t.pelaku and t.pelaku != (PELAKU_SISTEM,) and kode_pelaku in t.pelaku]

    def floor_tugas(pairs, extra_sql="", extra=()):
        if not pairs:
            return [*sesi, ("SELECT id, judul, tautan, dibuat_pada, dibaca_pada FROM kerjasama_notifikasi "
                            "WHERE penerima_id = %s ORDER BY dibuat_pada DESC LIMIT 10", [tkksd.pk])]
        cond = " OR ".join(["(k.kelas = %s AND k.tahap = %s)"] * len(pairs))
        params = [x for p in pairs for x in p]
        return [*sesi,
                (f"SELECT {kolom}, (SELECT min(t.jatuh_tempo) FROM kerjasama_tenggat t WHERE t.kerjasama_id = k.id "
                 f"AND t.status = 'terbuka') AS tt {dari} WHERE ({cond}) {extra_sql} ORDER BY tt NULLS LAST, k.tahap_sejak LIMIT 50",
                 params + list(extra)),
                ("SELECT id, judul, tautan, dibuat_pada, dibaca_pada FROM kerjasama_notifikasi WHERE penerima_id = %s "
                 "ORDER BY dibuat_pada DESC LIMIT 10", [tkksd.pk])]

    halaman("Tugas saya (Sekretariat)", tkksd, "/", floor=floor_tugas(pasangan("sekretariat_tkksd")))
    halaman("Tugas saya (PD)", pd_user, "/", floor=floor_tugas(pasangan(PELAKU_PD), "AND k.perangkat_daerah_id = %s",
                                                              [pd_user.perangkat_daerah_id]))
    # The approval dashboard and the cockpit (issue 7). No hand-written floor yet: their reads span every
    # kind's signing stages; the figure and the query count are measured.
    walikota = Pengguna.objects.get(username="bench_walikota")
    # The approval dashboard selects in SQL only the cases with a signature pending (kerjasama.alur.kandidat_sql);
    # before that it evaluated every pelaksanaan case's transitions (158 s, 8,993 queries at this scale).
    halaman("dasbor persetujuan (Wali Kota)", walikota, "/dasbor/persetujuan/", floor=None)
    halaman("dasbor kokpit (Sekretariat)", tkksd, "/dasbor/", floor=None)

    halaman("API registri (list)", tkksd, "/api/v1/kerjasama/", params={"jenis": "KSDD"}, token=True, floor=[
        ("SELECT u.id FROM authtoken_token t JOIN kerjasama_pengguna u ON u.id = t.user_id WHERE t.key = %s", ["x"]),
        ("SELECT count(*) FROM kerjasama_kerjasama k WHERE k.jenis = %s", ["KSDD"]),
        (f"SELECT k.*, pd.nama, m.nama {dari} WHERE k.jenis = %s ORDER BY k.dibuat_pada DESC, k.id DESC LIMIT 50", ["KSDD"]),
        ("SELECT t.* FROM kerjasama_tenggat t WHERE t.status = 'terbuka' AND t.kerjasama_id IN (SELECT k.id FROM "
         "kerjasama_kerjasama k WHERE k.jenis = %s ORDER BY k.dibuat_pada DESC, k.id DESC LIMIT 50) ORDER BY t.jatuh_tempo", ["KSDD"]),
    ])

    # --- the deadline sweep ------------------------------------------------------------------------
    print(">> sapuan tenggat", flush=True)
    terbuka = Tenggat.objects.filter(status="terbuka")
    now = timezone.now()
    jatuh = terbuka.filter(jatuh_tempo__lt=now).count()
    awal_jatuh = terbuka.order_by("jatuh_tempo").values_list("jatuh_tempo", flat=True).first()
    now_kosong = awal_jatuh - datetime.timedelta(seconds=1)

    def sapu(saat):
        def jalan():
            with transaction.atomic():
                laporan = services.tenggat_sweep(now=saat)
                # what the commit would start: notifications (Celery, eager here) run inside the measurement
                for _sids, fn, _robust in list(connection.run_on_commit):
                    fn()
                connection.run_on_commit.clear()
                transaction.set_rollback(True)  # the next run starts from the same 1,000 due deadlines
            return laporan

        return jalan

    med_kosong, _ = _median_ms(sapu(now_kosong))
    q_kosong = _jumlah_query(sapu(now_kosong))
    laporan = sapu(now)()
    med_jatuh, semua_jatuh = _median_ms(sapu(now), ulang=3, pemanasan=1)
    hasil["lain"]["sapuan tanpa jatuh tempo"] = {"terbuka": terbuka.count(), "jatuh_tempo": 0, "median_ms": round(med_kosong, 1),
                                                 "query": q_kosong}
    hasil["lain"]["sapuan 1.000 jatuh tempo"] = {"terbuka": terbuka.count(), "jatuh_tempo": jatuh, "ditindak": len(laporan),
                                                 "median_ms": round(med_jatuh, 1), "runs_ms": [round(x) for x in semua_jatuh]}
    print(f"  sapuan tanpa jatuh tempo {med_kosong:7.1f} ms ({q_kosong} query); dengan {jatuh} jatuh tempo {med_jatuh / 1000:5.2f} s",
          flush=True)

    # --- PDFs --------------------------------------------------------------------------------------
    print(">> PDF", flush=True)
    konteks = {"nomor": "000.2.3/123/Setda", "perihal": "Penyampaian Rancangan Kesepakatan Bersama", "tanggal": timezone.localdate(),
               "kepada": ["Wali Kota Bogor"], "isi": ["Dengan hormat, bersama ini kami sampaikan rancangan Kesepakatan Bersama. " * 3] * 4,
               "penandatangan": {"jabatan": "WALI KOTA BEKASI", "nama": "Nama Wali Kota"}, "tembusan": ["Ketua TKKSD"]}

    def surat():
        with transaction.atomic():
            services.dokumen_hasilkan(by=tkksd, template="dokumen/surat_pengantar.html", context=konteks, jenis="surat_keluar",
                                      judul="Surat pengantar uji beban", kerjasama=kasus)
            transaction.set_rollback(True)

    med_surat, _ = _median_ms(surat, ulang=5, pemanasan=1)
    baris = [{"nomor": k.nomor, "judul": k.judul, "mitra": k.mitra.nama, "pd": k.perangkat_daerah.nama,
              "kewajiban": "Menyediakan sarana dan prasarana sesuai Pasal 5 PKS.", "realisasi": "Sebagian terlaksana (70%).",
              "kendala": "Keterbatasan anggaran tahun berjalan.", "rekomendasi": "Menagih kewajiban mitra; rapat koordinasi."}
             for k in KerjaSama.objects.select_related("mitra", "perangkat_daerah").order_by("pk")[:100]]

    def tabel():
        from kerjasama.pdf import render_pdf

        return render_pdf("bench/tabel_100.html", {"baris": baris, "periode": "Semester I"})

    med_tabel, _ = _median_ms(tabel, ulang=3, pemanasan=1)
    import io

    from pypdf import PdfReader

    halaman_tabel = len(PdfReader(io.BytesIO(tabel())).pages)
    hasil["lain"]["surat PDF (surat_pengantar)"] = {"median_ms": round(med_surat, 1)}
    hasil["lain"]["tabel PDF 100 baris (lanskap)"] = {"median_ms": round(med_tabel, 1), "halaman": halaman_tabel,
                                                      "catatan": "pengganti matrik evaluasi sampai pengawasan menyediakannya"}
    print(f"  surat {med_surat:7.1f} ms; tabel 100 baris {med_tabel:7.1f} ms ({halaman_tabel} halaman)", flush=True)
    return hasil


def nilai_target(hasil: dict) -> list[dict]:
    t = []
    for nama, h in hasil["halaman"].items():
        if "median_ms" not in h:
            continue
        t.append({"ukuran": f"{nama}: median < {TARGET_HALAMAN_MS} ms", "nilai": h["median_ms"],
                  "lulus": h["median_ms"] < TARGET_HALAMAN_MS})
        if "rasio_floor" in h:
            t.append({"ukuran": f"{nama}: ≤ {TARGET_RASIO}× SQL floor", "nilai": h["rasio_floor"],
                      "lulus": h["rasio_floor"] <= TARGET_RASIO})
    lain = hasil["lain"]
    t.append({"ukuran": f"sapuan tanpa jatuh tempo < {TARGET_SAPU_KOSONG_MS} ms", "nilai": lain["sapuan tanpa jatuh tempo"]["median_ms"],
              "lulus": lain["sapuan tanpa jatuh tempo"]["median_ms"] < TARGET_SAPU_KOSONG_MS})
    t.append({"ukuran": f"sapuan 1.000 jatuh tempo < {TARGET_SAPU_1000_S} s", "nilai": lain["sapuan 1.000 jatuh tempo"]["median_ms"],
              "lulus": lain["sapuan 1.000 jatuh tempo"]["median_ms"] < TARGET_SAPU_1000_S * 1000})
    t.append({"ukuran": f"surat PDF < {TARGET_SURAT_S} s", "nilai": lain["surat PDF (surat_pengantar)"]["median_ms"],
              "lulus": lain["surat PDF (surat_pengantar)"]["median_ms"] < TARGET_SURAT_S * 1000})
    return t


def tulis_readme(data: dict) -> None:
    m = data["mesin"]
    baris = ["| ukuran | median | query | SQL floor | × floor | catatan |", "|---|---:|---:|---:|---:|---|"]
    for nama, h in data["hasil"]["halaman"].items():
        if "median_ms" not in h:
            baris.append(f"| {nama} | — | — | — | — | {h.get('catatan', '')} |")
            continue
        cat = []
        if "rasio_admin" in h:
            cat.append(f"× admin changelist {h['rasio_admin']}")
        if h.get("catatan"):
            cat.append(h["catatan"])
        if "versi" in h:
            cat.append(f"{h['versi']} versi dokumen, {h['riwayat']} riwayat")
        baris.append(f"| {nama} | {h['median_ms']} ms | {h['query']} | {h.get('floor_ms', '—')} ms | "
                     f"{h.get('rasio_floor', '—')} | {'; '.join(cat)} |")
    for nama, h in data["hasil"]["lain"].items():
        cat = ", ".join(f"{k} {v}" for k, v in h.items() if k in ("terbuka", "jatuh_tempo", "ditindak", "halaman", "catatan"))
        baris.append(f"| {nama} | {h['median_ms']} ms | {h.get('query', '—')} | — | — | {cat} |")
    target = ["| target | nilai | lulus |", "|---|---:|:---:|"] + [
        f"| {t['ukuran']} | {t['nilai']} | {'ya' if t['lulus'] else '**tidak**'} |" for t in data["target"]]
    blok = "\n".join([
        f"Terakhir dijalankan: **{data['tanggal']}** pada {m['nproc']} inti ({m['cpu']}), RAM {m['ram']}, {m['database']}, "
        f"Python {m['python']}, Django {m['django']}. Data: {data['skala']}. Median dari {data['ulang']} kali. "
        f"Load average mesin (1/5/15 menit) di awal {m['load_average_awal']}, di akhir {m['load_average_akhir']} "
        f"(di atas {m['nproc']} berarti proses lain ikut memakai CPU: angka absolut membengkak, rasio diukur dalam run yang sama).",
        "", *baris, "", *target])
    teks = README.read_text()
    awal, akhir = "<!-- hasil:mulai -->", "<!-- hasil:selesai -->"
    teks = teks[: teks.index(awal) + len(awal)] + "\n" + blok + "\n" + teks[teks.index(akhir):]
    README.write_text(teks)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.conf import settings

    from .generate import SKALA

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" and not os.environ.get("BENCH_SQLITE_OK"):
        sys.exit("!! benchmark berjalan di PostgreSQL: atur DATABASE_URL=postgres://…")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    data = {"tanggal": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "commit": commit,
            "mesin": mesin(), "skala": SKALA, "ulang": ULANG}
    data["hasil"] = ukur()
    # Other work on the machine inflates every absolute figure; the ratios are measured in the same run.
    data["mesin"]["load_average_akhir"] = [round(x, 2) for x in os.getloadavg()]
    data["target"] = nilai_target(data["hasil"])
    HASIL.parent.mkdir(parents=True, exist_ok=True)
    HASIL.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    tulis_readme(data)
    gagal = [t["ukuran"] for t in data["target"] if not t["lulus"]]
    print(f">> {HASIL.relative_to(ROOT)} dan benchmarks/README.md ditulis; target tidak tercapai: {len(gagal)}")
    for g in gagal:
        print(f"   - {g}")


if __name__ == "__main__":
    main()
