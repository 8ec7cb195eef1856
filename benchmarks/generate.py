"""A city at scale for the benchmarks (issue 8, item 1): 100 PDs, 2,000 partners, 10,000 cooperations
across kinds and stages, 100,000 document versions (metadata; one shared small file), 50,000
deadlines (1,000 due), 300,000 audit rows, guardian grants so that PD and mitra users see their own.

Through Django with bulk_create (multi-table children by a plain insert of their rows). Idempotent:
an already generated database is kept unless --ulang. Run by benchmarks/run.sh; by hand:

    DJANGO_SETTINGS_MODULE=benchmarks.settings DATABASE_URL=postgres://…/siksd_bench .venv/bin/python -m benchmarks.generate
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time

import django

SKALA = {"pd": 100, "mitra": 2000, "kerjasama": 10000, "versi": 100000, "tenggat": 50000, "tenggat_jatuh": 1000,
         "audit": 300000}
SANDI = "bench-bekasi"
PENANDA = "siksd-bench-v1"  # NomorUrut.awalan marking a generated database
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BATCH = 5000


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    django.setup()


def _log(msg: str, t0: float):
    print(f"  [{time.monotonic() - t0:6.1f} s] {msg}", flush=True)


def _model_kasus():
    """Concrete case models (KerjaSama subclasses) whose rows can be inserted with defaults, with their
    non-final stages. PerjanjianLama always; each kind's app once its model exists."""
    from django.apps import apps
    from django.db import models

    from kerjasama import alur
    from kerjasama.models import KerjaSama, PerjanjianLama

    hasil = []
    for model in apps.get_models():
        if not issubclass(model, KerjaSama) or model is KerjaSama or model._meta.abstract:
            continue
        tahapan = [t.kode for t in alur.tahapan(model._meta.label_lower)]
        if not tahapan:
            continue
        bisa = all(f.null or f.has_default() or not isinstance(f, models.ForeignKey)
                   for f in model._meta.local_fields if not f.primary_key)
        if bisa or model is PerjanjianLama:
            hasil.append((model, tahapan))
    return hasil


def _nilai_bawaan(field, i: int):
    from django.db import models

    # Values a real case would hold, so that its transitions validate (a required affair, the Ps 27 answers):
    # the load scenario's Wali Kota signs these cases from the dashboard.
    if field.has_default():
        nilai = field.get_default()
        if nilai not in ("", None) or field.blank:
            return nilai
    if isinstance(field, models.BooleanField):
        return False
    if field.choices and not field.blank:
        return field.choices[i % len(field.choices)][0]
    if field.null:
        return None
    if isinstance(field, (models.CharField, models.TextField)) and not field.blank:
        return f"Uji beban {i}"
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return 0
    if isinstance(field, models.DateTimeField):
        from django.utils import timezone

        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date(2025, 1, 1)
    return ""


def _sisip_anak(model, pks: list[int]):
    """Insert the child rows of a multi-table-inherited case model for parent ids `pks`."""
    from django.db import connection

    fields = [f for f in model._meta.local_fields if not f.primary_key]
    ptr = model._meta.pk.column
    kolom = [ptr] + [f.column for f in fields]
    sql = (f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "
           f"({', '.join(connection.ops.quote_name(k) for k in kolom)}) VALUES ({', '.join(['%s'] * len(kolom))})")
    rows = []
    for i, pk in enumerate(pks):
        rows.append([pk] + [f.get_db_prep_save(_nilai_bawaan(f, i), connection) for f in fields])
    with connection.cursor() as cursor:
        for s in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[s:s + BATCH])


def _dokumen_penandatanganan() -> dict[tuple[str, str], list[str]]:
    """(case model, signing stage) → the document kinds the signatory's steps from that stage ask for."""
    from dasbor.selectors import _langkah_model, langkah_penandatangan
    from kerjasama import alur
    from kerjasama.constants import PELAKU_PENANDATANGAN

    hasil: dict[tuple[str, str], list[str]] = {}
    for label, tahapan in alur.semua_tahapan().items():
        milik = {t.kode for t in tahapan if PELAKU_PENANDATANGAN in t.pelaku}
        for t in _langkah_model(label):
            if langkah_penandatangan(t) and t.source in milik:
                for isian in t.custom.get("isian", ()):
                    if isian.tipe == "dokumen":
                        daftar = hasil.setdefault((label, t.source), [])
                        daftar += [j for j in isian.jenis_dokumen[:1] if j not in daftar]
    return hasil


def sudah_ada() -> bool:
    from kerjasama.models import NomorUrut

    return NomorUrut.objects.filter(awalan=PENANDA).exists()


def bangun(skala: dict | None = None, *, seed: int = 8) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, Permission
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import transaction
    from django.utils import timezone

    from kerjasama import kalender, services
    from kerjasama.constants import Jenis, JenisDokumen, JenisMitra, Peran, StatusDokumen
    from kerjasama.deadlines import semua_aturan
    from kerjasama.models import (
        Dokumen,
        KerjaSama,
        KerjaSamaGroupObjectPermission,
        Mitra,
        NomorUrut,
        Notifikasi,
        Pengguna,
        PerangkatDaerah,
        PerjanjianLama,
        RiwayatAudit,
        Tenggat,
        VersiDokumen,
    )

    s = {**SKALA, **(skala or {})}
    rnd = random.Random(seed)
    t0 = time.monotonic()
    sekarang = timezone.now()
    hari_ini = timezone.localdate()
    print(f">> membangun kota berskala: {s}", flush=True)

    with transaction.atomic():
        services.peran_siapkan()
        grup_peran = {g.name: g for g in Group.objects.filter(name__in=Peran.values)}

        # Perangkat Daerah, each with its group
        grup_pd = Group.objects.bulk_create([Group(name=f"PD:BENCH{i:03d}") for i in range(s["pd"])])
        pds = PerangkatDaerah.objects.bulk_create([
            PerangkatDaerah(kode=f"BENCH{i:03d}", nama=f"Dinas Uji Beban {i:03d}", singkatan=f"DUB{i:03d}", grup=g)
            for i, g in enumerate(grup_pd)
        ])
        _log(f"{len(pds)} Perangkat Daerah", t0)

        jenis_mitra = [JenisMitra.DAERAH_LAIN, JenisMitra.PIHAK_KETIGA, JenisMitra.PEMDA_LUAR_NEGERI,
                       JenisMitra.LEMBAGA_LUAR_NEGERI]
        mitras = Mitra.objects.bulk_create([
            Mitra(nama=f"Mitra Uji Beban {i:04d}", jenis=jenis_mitra[i % 4], nama_pimpinan="Pimpinan",
                  # a third party is a company (Ps 36(1) d: infrastructure only with a legal business entity)
                  bentuk_hukum="Perseroan Terbatas" if jenis_mitra[i % 4] == JenisMitra.PIHAK_KETIGA else "")
            for i in range(s["mitra"])
        ], batch_size=BATCH)
        grup_mitra = Group.objects.bulk_create([Group(name=f"MITRA:{m.pk}") for m in mitras], batch_size=BATCH)
        for m, g in zip(mitras, grup_mitra, strict=True):
            m.grup = g
        Mitra.objects.bulk_update(mitras, ["grup"], batch_size=BATCH)
        _log(f"{len(mitras)} mitra", t0)

        # users: one per PD, one per mitra for the first 50, and the Setda's roles
        sandi = make_password(SANDI)
        users, keanggotaan = [], []
        for i, pd in enumerate(pds):
            users.append((Pengguna(username=f"bench_pd_{i:03d}", password=sandi, perangkat_daerah=pd), [Peran.PD, pd.grup]))
        for i, m in enumerate(mitras[:50]):
            users.append((Pengguna(username=f"bench_mitra_{i:02d}", password=sandi, mitra=m), [Peran.MITRA, m.grup]))
        for i in range(10):
            users.append((Pengguna(username=f"bench_tkksd_{i}", password=sandi), [Peran.SEKRETARIAT_TKKSD]))
        users.append((Pengguna(username="bench_walikota", password=sandi), [Peran.WALI_KOTA]))
        users.append((Pengguna(username="bench_auditor", password=sandi), [Peran.AUDITOR]))
        users.append((Pengguna(username="bench_admin", password=sandi, is_staff=True, is_superuser=True), []))
        dibuat = Pengguna.objects.bulk_create([u for u, _ in users])
        for u, (_, grup) in zip(dibuat, users, strict=True):
            for g in grup:
                keanggotaan.append(Pengguna.groups.through(pengguna_id=u.pk, group_id=(grup_peran[g] if isinstance(g, str) else g).pk))
        Pengguna.groups.through.objects.bulk_create(keanggotaan)
        _log(f"{len(dibuat)} pengguna", t0)

        # cooperations across kinds and stages
        model_kasus = _model_kasus()
        jenis = list(Jenis.values)  # same order as jenis_mitra: a kind's partners are mitras[k::4]
        # each kind's model takes only its own kinds (a KSDD row is a KasusKsdd), as the flows create them
        jenis_model = {"ksdd.kasusksdd": ["KSDD"], "ksdpk.kasusksdpk": ["KSDPK"], "ksdln.kasusksdln": ["KSDPL", "KSDLL"]}
        kasus, per_model = [], {}
        for i in range(s["kerjasama"]):
            # one in 10 is a legacy agreement of its own; the rest spread over every kind's model
            model, tahapan = model_kasus[i % len(model_kasus)] if i % 10 else (PerjanjianLama, ["pelaksanaan", "selesai"])
            # as in a city's registry: most cooperations signed (pelaksanaan) or ended, some hundreds in progress
            r = rnd.random()
            if r < 0.70 and "pelaksanaan" in tahapan:
                tahap = "pelaksanaan"
            elif r < 0.85 and "selesai" in tahapan:
                tahap = "selesai"
            else:
                tahap = rnd.choice([t for t in tahapan if t not in ("pelaksanaan", "selesai")] or tahapan)
            mulai = hari_ini - datetime.timedelta(days=rnd.randint(30, 1500))
            pilihan = jenis_model.get(model._meta.label_lower, jenis)
            j = pilihan[(i // 10) % len(pilihan)]
            sekutu = mitras[jenis.index(j)::4]
            ks = KerjaSama(
                nomor=f"KS/{mulai.year}/{j}/B{i:05d}", judul=f"Kerja sama uji beban {i:05d} {rnd.choice(['air', 'jalan', 'sampah', 'wisata', 'pendidikan'])}",
                jenis=j, perangkat_daerah=pds[i % len(pds)], mitra=sekutu[(i * 7) % len(sekutu)], tahap=tahap,
                kelas=model._meta.label_lower, tanggal_penandatanganan=mulai, tanggal_mulai=mulai,
                tanggal_berakhir=mulai + datetime.timedelta(days=365 * 4), nilai=rnd.randint(0, 5) * 100_000_000 or None,
                uraian="Ruang lingkup kerja sama uji beban.", asal="legacy" if model is PerjanjianLama else "baru",
            )
            kasus.append(ks)
            per_model.setdefault(model, []).append(i)
        KerjaSama.objects.bulk_create(kasus, batch_size=BATCH)
        for model, idx in per_model.items():
            _sisip_anak(model, [kasus[i].pk for i in idx])
        _log(f"{len(kasus)} kerja sama: " + ", ".join(f"{m._meta.label_lower} {len(v)}" for m, v in per_model.items()), t0)

        lihat = Permission.objects.get(content_type__app_label="kerjasama", codename="view_kerjasama")
        izin = []
        for ks in kasus:
            izin.append(KerjaSamaGroupObjectPermission(group_id=ks.perangkat_daerah.grup_id, permission=lihat, content_object_id=ks.pk))
            izin.append(KerjaSamaGroupObjectPermission(group_id=ks.mitra.grup_id, permission=lihat, content_object_id=ks.pk))
        KerjaSamaGroupObjectPermission.objects.bulk_create(izin, batch_size=BATCH)
        _log(f"{len(izin)} izin objek (guardian)", t0)

        # documents: one shared small file, 100,000 version rows
        nama_berkas = "dokumen/bench/contoh.pdf"
        if not default_storage.exists(nama_berkas):
            default_storage.save(nama_berkas, ContentFile(PDF))
        jenis_dok = [JenisDokumen.KAK, JenisDokumen.KAJIAN, JenisDokumen.PKS, JenisDokumen.LAPORAN, JenisDokumen.BERITA_ACARA]
        n_dok = s["versi"] * 3 // 10
        # each case gets documents of different kinds (the index wraps over the cases once per round)
        dok_baru = [Dokumen(kerjasama=kasus[i % len(kasus)], jenis=jenis_dok[(i + i // len(kasus)) % len(jenis_dok)],
                            judul=f"Dokumen {i}") for i in range(n_dok)]
        # the signing folder the Sekretariat prepares (Ps 29): a case at a signing stage holds the documents its
        # signing step asks for, so that the load scenario's Wali Kota can sign from the dashboard
        perlu = _dokumen_penandatanganan()
        dok_baru += [Dokumen(kerjasama=ks, jenis=j, judul=f"Naskah siap ditandatangani ({j})")
                     for ks in kasus for j in perlu.get((ks.kelas, ks.tahap), ())]
        doks = Dokumen.objects.bulk_create(dok_baru, batch_size=BATCH)
        versi, nomor = [], {}
        for i in range(s["versi"]):
            d = doks[i % len(doks)]
            nomor[d.pk] = nomor.get(d.pk, 0) + 1
            versi.append(VersiDokumen(dokumen=d, nomor_versi=nomor[d.pk], berkas=nama_berkas, nama_berkas=f"dok-{i}.pdf",
                                      tipe_konten="application/pdf", ukuran=len(PDF), sha256="0" * 64,
                                      status=StatusDokumen.FINAL, diunggah_oleh=dibuat[i % 100], diunggah_pada=sekarang))
        VersiDokumen.objects.bulk_create(versi, batch_size=BATCH)
        _log(f"{len(doks)} dokumen, {len(versi)} versi", t0)

        # deadlines: 1,000 due (terms that ended, of legacy agreements in pelaksanaan), the rest ahead
        aturan = semua_aturan()
        kode_lain = [k for k in aturan if k != "masa_berlaku_perjanjian"] or ["masa_berlaku_perjanjian"]
        lama_aktif = [kasus[i] for i in per_model[PerjanjianLama] if kasus[i].tahap == "pelaksanaan"]
        jatuh = lama_aktif[: s["tenggat_jatuh"]]
        tenggat = []
        for j, ks in enumerate(jatuh):
            akhir = hari_ini - datetime.timedelta(days=1 + j % 60)
            ks.tanggal_mulai = akhir - datetime.timedelta(days=730)
            KerjaSama.objects.filter(pk=ks.pk).update(tanggal_berakhir=akhir, tanggal_mulai=ks.tanggal_mulai,
                                                      tanggal_penandatanganan=ks.tanggal_mulai)
            tenggat.append(Tenggat(aturan="masa_berlaku_perjanjian", dasar_hukum=aturan["masa_berlaku_perjanjian"].dasar_hukum,
                                   judul="Berakhirnya masa berlaku perjanjian", kerjasama=ks, mulai=ks.tanggal_mulai,
                                   jatuh_tempo=kalender.akhir_hari(akhir), cara_hitung="kalender", peringatan_berikut=None))
        for j in range(s["tenggat"] - len(tenggat)):
            ks = kasus[j % len(kasus)]
            kode = kode_lain[j % len(kode_lain)]
            jatuh_tempo = kalender.akhir_hari(hari_ini + datetime.timedelta(days=40 + j % 1500))
            tenggat.append(Tenggat(aturan=kode, dasar_hukum=aturan[kode].dasar_hukum, judul=aturan[kode].judul, kerjasama=ks,
                                   mulai=hari_ini, jatuh_tempo=jatuh_tempo, cara_hitung="kalender",
                                   peringatan_berikut=jatuh_tempo - datetime.timedelta(days=30)))
        Tenggat.objects.bulk_create(tenggat, batch_size=BATCH)
        _log(f"{len(tenggat)} tenggat terbuka ({len(jatuh)} jatuh tempo)", t0)

        aksi = ["dibuat", "dokumen_diunggah", "ajukan", "terima", "kembalikan", "tenggat_terpenuhi"]
        audit = []
        for i in range(s["audit"]):
            ks = kasus[i % len(kasus)]
            audit.append(RiwayatAudit(kerjasama=ks, aksi=aksi[i % len(aksi)], oleh=dibuat[i % 100],
                                      pada=sekarang - datetime.timedelta(minutes=i), dari_tahap="", ke_tahap=ks.tahap if i % 7 == 0 else "",
                                      komentar="Catatan uji beban.", dasar_hukum="Perwal 57/2023", data={}))
            if len(audit) == BATCH:
                RiwayatAudit.objects.bulk_create(audit)
                audit = []
        RiwayatAudit.objects.bulk_create(audit)
        _log(f"{s['audit']} riwayat audit", t0)

        tkksd = Pengguna.objects.get(username="bench_tkksd_0")
        Notifikasi.objects.bulk_create([Notifikasi(penerima=tkksd, judul=f"Notifikasi {i}", tautan=f"/kerjasama/{kasus[i].pk}/")
                                        for i in range(200)])
        NomorUrut.objects.create(awalan=PENANDA, terakhir=len(kasus))
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    _log("selesai (ANALYZE)", t0)
    return s


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", action="store_true", help="build again even when the database was generated")
    args = parser.parse_args()
    _setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if sudah_ada() and not args.ulang:
        print(">> data uji beban sudah ada (pakai --ulang untuk membangun ulang di basis data kosong)")
        return
    bangun()


if __name__ == "__main__":
    main()
