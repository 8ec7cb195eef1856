"""A city at scale for the benchmarks (issue 8, item 1): 100 PDs, 2,000 partners, 10,000 cooperations
across kinds and stages, 100,000 document versions (metadata; one shared small file), 50,000
deadlines (1,000 due), 300,000 audit rows, guardian grants so that PD and mitra users see their own.
For the signing (issue 13): at least 100 domestic cases awaiting the Wali Kota's signature, each with the
signing folder the Sekretariat prepares (a FINAL naskah PDF, number, dates), and a demo certificate for the
signatory (`bench_walikota`, passphrase SANDI_TTE) issued by tte's demo CA.

Through Django with bulk_create (multi-table children by a plain insert of their rows); the folders through
the Sekretariat's own service. Idempotent: an already generated database is kept unless --ulang, and its
certificates and folders are completed (a load run consumes folders: `run.sh --ulang` rebuilds the city).
Run by benchmarks/run.sh and load.sh; by hand:

    DJANGO_SETTINGS_MODULE=benchmarks.settings DATABASE_URL=postgres://…/siksd_bench .venv/bin/python -m benchmarks.generate [--skala 0.2]
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
         "audit": 300000, "ttd": 100}
# What --skala multiplies (the users, PDs and the signing folders stay: the load scenario logs in as bench_pd_000…099)
BERSKALA = ("mitra", "kerjasama", "versi", "tenggat", "tenggat_jatuh", "audit")
SANDI = "bench-bekasi"
# The passphrase of the bench signatories' demo certificates (the load scenario's Wali Kota types it; never logged).
SANDI_TTE = "bench-tte-bekasi"
# Signatories with a certificate and an entry in the officials register: username → (nama, jabatan).
PENANDATANGAN = {"bench_walikota": ("Wali Kota Bekasi (Uji Beban)", "WALI KOTA BEKASI")}
# The domestic signing stages whose folder the generator prepares, and their step (Perwal 57/2023 Ps 25, 29; Ps 41, 45).
LANGKAH_TTD = {"penandatanganan_pks": "tandatangani_pks", "penandatanganan_kb": "tandatangani_kb"}
# KSDPL/KSDLL rows are bulk-inserted without a foreign partner's country or a mapping item, so the model's own
# validation (Ps 52, 58(3)) refuses their signing: their folders are left to the Sekretariat (shown as not prepared).
MODEL_DOMESTIK = ("ksdd.kasusksdd", "ksdpk.kasusksdpk")
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


def _tahap_penandatanganan(rencana: list[dict], minimal: int) -> None:
    """At least `minimal` domestic cases await the Wali Kota's signature (PKS and KB alternately): the random
    spread gives ≈ 90 at full scale and a handful at a small one, too few for a load run's signatures. Cases
    in progress are moved first, then signed ones."""
    domestik = [r for r in rencana if r["kelas"] in MODEL_DOMESTIK]
    kurang = minimal - sum(r["tahap"] in LANGKAH_TTD for r in domestik)
    if kurang <= 0:
        return
    lain = sorted((r for r in domestik if r["tahap"] not in LANGKAH_TTD),
                  key=lambda r: r["tahap"] in ("pelaksanaan", "selesai"))
    tahap = list(LANGKAH_TTD)
    for n, r in enumerate(lain[:kurang]):
        r["tahap"] = tahap[n % len(tahap)]


def sertifikat_penandatangan(folder=None) -> list[str]:
    """A PKCS#12 certificate (unlocked by SANDI_TTE) and a register entry for each bench signatory, issued by
    tte's demo CA kept in SIKSD_TTE_P12_DIR (`tte.pki.muat_ca`, "bukan untuk produksi"). Idempotent; a new CA
    (its folder was emptied) issues the certificates again."""
    from pathlib import Path

    from django.conf import settings

    from kerjasama.models import Pengguna
    from tte import pki
    from tte.models import Pejabat

    folder = Path(folder or settings.SIKSD_TTE_P12_DIR)
    ca_baru = not (folder / "ca.pem").exists()
    ca_kunci, ca_sert = pki.muat_ca(folder)
    dibuat = []
    for username, (nama, jabatan) in PENANDATANGAN.items():
        user = Pengguna.objects.filter(username=username).first()
        if user is None:
            continue
        path = folder / f"{username}.p12"
        if ca_baru or not path.exists():
            kunci, sert = pki.buat_sertifikat(ca_kunci, ca_sert, nama=nama, jabatan=jabatan)
            path.write_bytes(pki.p12_bytes(kunci, sert, ca_sert, SANDI_TTE))
            path.chmod(0o600)
            dibuat.append(username)
        if not Pejabat.objects.filter(pengguna=user).exists():
            Pejabat.objects.create(pengguna=user, nama=nama, jabatan=jabatan, kop=Pejabat.Kop.WALI_KOTA,
                                   status=Pejabat.Status.DEFINITIF, mulai=datetime.date(2020, 1, 1),
                                   nik="3275000000000000")
    return dibuat


def autentikator_uji() -> int:
    """Two-factor login for the bench accounts that must use it (Wali Kota, Sekretariat, admin: akun.dua_faktor):
    a confirmed authenticator (key benchmarks.masuk.kunci_totp) and SLOT one-time recovery codes
    (benchmarks.masuk.kode_pemulihan), one per simulated session; codes used by a run are issued again.
    Returns how many codes were issued."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from akun.dua_faktor import NAMA_KODE_PEMULIHAN, NAMA_PERANGKAT, wajib_2fa
    from benchmarks.masuk import SLOT, kode_pemulihan, kunci_totp
    from kerjasama.models import Pengguna

    n = 0
    for user in Pengguna.objects.filter(username__startswith="bench_"):
        if not wajib_2fa(user, tegakkan=True):
            continue
        TOTPDevice.objects.update_or_create(user=user, name=NAMA_PERANGKAT,
                                            defaults={"key": kunci_totp(user.username), "confirmed": True})
        perangkat, _ = StaticDevice.objects.get_or_create(user=user, name=NAMA_KODE_PEMULIHAN, defaults={"confirmed": True})
        ada = set(perangkat.token_set.values_list("token", flat=True))
        baru = [StaticToken(device=perangkat, token=k) for k in (kode_pemulihan(user.username, i) for i in range(SLOT))
                if k not in ada]
        StaticToken.objects.bulk_create(baru)
        n += len(baru)
    return n


def _naskah_pdf(kasus, judul: str, pejabat) -> bytes:
    """The final text of one case (naskah dinas with the signatory's block: the signature goes in its space)."""
    from tte import naskah

    pasal = [f"Pasal {n}. Para pihak sepakat melaksanakan {kasus.judul.lower()} sesuai ruang lingkup, hak dan "
             "kewajiban yang diatur dalam naskah ini dengan itikad baik." for n in range(1, 9)]
    return naskah.render_naskah("dokumen/surat_dinas.html", pejabat=pejabat, konteks={
        "nomor": "(diisi saat penandatanganan)", "hal": f"{judul}: {kasus.judul}", "tujuan": str(kasus.mitra or "Mitra"),
        "paragraf": pasal, "paragraf_terakhir": "Demikian naskah ini dibuat dalam rangkap dua yang sama kekuatan hukumnya.",
        "tanggal_teks": "", "tembusan": ["Ketua TKKSD Kota Bekasi"]})


def _isian_folder(kasus, t, hari_ini: datetime.date) -> dict:
    """What the Sekretariat types in the folder: the dashboard's own prefill, then a value for each required
    field still empty (the number, the agreed manner of signing)."""
    from dasbor.selectors import isian_awal

    data = dict(isian_awal(kasus, t, hari_ini=hari_ini))
    for i in t.custom.get("isian", ()):
        if not i.wajib or data.get(i.nama) not in (None, "") or i.tipe in ("dokumen", "daftar", "boolean"):
            continue
        if i.tipe == "pilihan":
            data[i.nama] = i.daftar_pilihan()[0][0]
        elif i.tipe == "tanggal":
            data[i.nama] = (hari_ini if i.peristiwa or "mulai" in i.nama else hari_ini.replace(year=hari_ini.year + 2)).isoformat()
        elif i.nama.startswith("nomor"):
            data[i.nama] = f"{i.nama.removeprefix('nomor_').upper() or 'NOMOR'}/{kasus.pk:05d}/BENCH/{hari_ini.year}"
        else:
            data[i.nama] = f"Uji beban {kasus.pk}"
    return data


def siapkan_penandatanganan() -> int:
    """The Sekretariat prepares the signing folder of every domestic case awaiting signature that has no ready
    folder, through its own service (`persiapan_penandatanganan_simpan`, as on /dasbor/persiapan/…): it uploads
    the final naskah (a new FINAL version, its SHA-256 recorded), fills the folder and names the Wali Kota, who
    signs electronically. Each folder in its own transaction; returns how many were prepared."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from dasbor.services import persiapan_penandatanganan_simpan
    from kerjasama.models import KerjaSama, Pengguna
    from kerjasama.services import transisi_cari
    from tte import services as tte
    from tte.models import BerkasTandaTangan

    tkksd = Pengguna.objects.get(username="bench_tkksd_0")
    walikota = Pengguna.objects.get(username="bench_walikota")
    pejabat = tte.pejabat_untuk(walikota)
    hari_ini = timezone.localdate()
    siap = set(BerkasTandaTangan.objects.filter(status=BerkasTandaTangan.Status.SIAP)
               .values_list("persiapan__kerjasama_id", "persiapan__langkah"))
    n = 0
    for ks in KerjaSama.objects.filter(kelas__in=MODEL_DOMESTIK, tahap__in=LANGKAH_TTD).select_related("mitra").order_by("pk"):
        langkah = LANGKAH_TTD[ks.tahap]
        if (ks.pk, langkah) in siap:
            continue
        kasus = ks.kasus()
        t = transisi_cari(kasus, langkah)
        naskah = t and tte.isian_naskah(t)
        if naskah is None:
            continue
        pdf = _naskah_pdf(kasus, str(naskah.label), pejabat)
        data = {**_isian_folder(kasus, t, hari_ini), "cara": BerkasTandaTangan.Cara.ELEKTRONIK,
                "penandatangan": str(walikota.pk)}
        persiapan_penandatanganan_simpan(kasus=kasus, langkah=langkah, by=tkksd, data=data, files={
            "naskah_final": SimpleUploadedFile(f"naskah-{langkah}-{kasus.pk}.pdf", pdf, content_type="application/pdf")})
        n += 1
    return n


def siapkan_tte(t0: float | None = None) -> None:
    t0 = time.monotonic() if t0 is None else t0
    n = autentikator_uji()
    if n:
        _log(f"{n} kode pemulihan (verifikasi dua langkah) untuk akun uji beban yang wajib memakainya", t0)
    dibuat = sertifikat_penandatangan()
    if dibuat:
        _log(f"sertifikat demo (CA uji beban) untuk {', '.join(dibuat)}", t0)
    n = siapkan_penandatanganan()
    from tte.models import BerkasTandaTangan

    _log(f"{n} berkas penandatanganan disiapkan; siap ditandatangani: "
         f"{BerkasTandaTangan.objects.filter(status=BerkasTandaTangan.Status.SIAP).count()}", t0)


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
        rencana, per_model = [], {}
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
            rencana.append(dict(
                nomor=f"KS/{mulai.year}/{j}/B{i:05d}", judul=f"Kerja sama uji beban {i:05d} {rnd.choice(['air', 'jalan', 'sampah', 'wisata', 'pendidikan'])}",
                jenis=j, perangkat_daerah=pds[i % len(pds)], mitra=sekutu[(i * 7) % len(sekutu)], tahap=tahap,
                kelas=model._meta.label_lower, tanggal_penandatanganan=mulai, tanggal_mulai=mulai,
                tanggal_berakhir=mulai + datetime.timedelta(days=365 * 4), nilai=rnd.randint(0, 5) * 100_000_000 or None,
                uraian="Ruang lingkup kerja sama uji beban.", asal="legacy" if model is PerjanjianLama else "baru",
            ))
            per_model.setdefault(model, []).append(i)
        _tahap_penandatanganan(rencana, s["ttd"])
        kasus = [KerjaSama(**r) for r in rencana]  # the stage is set once, at creation (a protected FSMField)
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
        # (the naskah a signing step signs comes with its folder, `siapkan_penandatanganan`)
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
    parser.add_argument("--skala", type=float, default=float(os.environ.get("SKALA", "1")),
                        help="multiply the city's size (cases, partners, versions, deadlines, audit rows; not the users "
                             "nor the signing folders); default 1 or $SKALA")
    args = parser.parse_args()
    _setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if sudah_ada() and not args.ulang:
        print(">> data uji beban sudah ada (pakai --ulang untuk membangun ulang di basis data kosong)")
    else:
        # the first 50 partners have users (bench_mitra_00…49), a quarter of the partners per kind
        bangun({k: max(200 if k == "mitra" else 1, round(SKALA[k] * args.skala)) for k in BERSKALA})
    siapkan_tte()


if __name__ == "__main__":
    main()
