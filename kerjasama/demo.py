"""The core part of `seed_demo`: reference data, organisations, one user per role, a legacy
agreement. Each case app adds its cases in its own `demo.py` (`seed(ctx)`), called after this."""

from __future__ import annotations

import dataclasses
import datetime

from django.core.management import call_command
from django.utils import timezone

from . import services
from .constants import Jenis, JenisMitra, Peran
from .models import KerjaSama, Mitra, Pengguna, PerangkatDaerah, Wilayah


@dataclasses.dataclass
class DemoContext:
    password: str
    users: dict[str, Pengguna] = dataclasses.field(default_factory=dict)
    pd: dict[str, PerangkatDaerah] = dataclasses.field(default_factory=dict)
    mitra: dict[str, Mitra] = dataclasses.field(default_factory=dict)
    hari_ini: datetime.date = dataclasses.field(default_factory=timezone.localdate)
    log: list[str] = dataclasses.field(default_factory=list)


def _wilayah(kode: str) -> Wilayah | None:
    return Wilayah.objects.filter(kode=kode).first()


def seed(ctx: DemoContext) -> None:
    if not Wilayah.objects.exists():
        call_command("loaddata", "fixtures/wilayah.json", verbosity=0)
    if not PerangkatDaerah.objects.exists():
        call_command("loaddata", "fixtures/perangkat_daerah.json", verbosity=0)
    for pd in PerangkatDaerah.objects.all():
        ctx.pd[pd.kode] = services.perangkat_daerah_simpan(kode=pd.kode, nama=pd.nama)
    services.peran_siapkan()

    bogor = _wilayah("32.71")
    ctx.mitra["bogor"] = services.mitra_simpan(
        nama="Pemerintah Kota Bogor", jenis=JenisMitra.DAERAH_LAIN, wilayah=bogor,
        lintang=getattr(bogor, "lintang", None), bujur=getattr(bogor, "bujur", None),
        nama_pimpinan="Wali Kota Bogor", jabatan_pimpinan="Wali Kota Bogor", alamat="Jl. Ir. H. Juanda No. 10, Kota Bogor",
    )
    depok = _wilayah("32.76")
    ctx.mitra["depok"] = services.mitra_simpan(
        nama="Pemerintah Kota Depok", jenis=JenisMitra.DAERAH_LAIN, wilayah=depok,
        lintang=getattr(depok, "lintang", None), bujur=getattr(depok, "bujur", None),
        nama_pimpinan="Wali Kota Depok", jabatan_pimpinan="Wali Kota Depok",
    )
    kab_bekasi = _wilayah("32.16")
    ctx.mitra["kab_bekasi"] = services.mitra_simpan(
        nama="Pemerintah Kabupaten Bekasi", jenis=JenisMitra.DAERAH_LAIN, wilayah=kab_bekasi,
        lintang=getattr(kab_bekasi, "lintang", None), bujur=getattr(kab_bekasi, "bujur", None),
        nama_pimpinan="Bupati Bekasi", jabatan_pimpinan="Bupati Bekasi",
    )
    ctx.mitra["pt"] = services.mitra_simpan(
        nama="PT Transportasi Patriot Bekasi", jenis=JenisMitra.PIHAK_KETIGA, bentuk_hukum="Perseroan Terbatas",
        nib="9120001234567", npwp="01.234.567.8-432.000", alamat="Jl. Ahmad Yani No. 20, Bekasi",
        nama_pimpinan="Direktur Utama", jabatan_pimpinan="Direktur Utama", nama_perwakilan="Rina Kusuma",
    )
    ctx.mitra["hamamatsu"] = services.mitra_simpan(
        nama="Hamamatsu City", jenis=JenisMitra.PEMDA_LUAR_NEGERI, negara="JP",
        nama_pimpinan="Mayor of Hamamatsu", jabatan_pimpinan="Mayor", lintang="34.710800", bujur="137.726100",
    )
    ctx.mitra["jica"] = services.mitra_simpan(
        nama="Japan International Cooperation Agency (JICA)", jenis=JenisMitra.LEMBAGA_LUAR_NEGERI, negara="JP",
        nama_pimpinan="Chief Representative", jabatan_pimpinan="Chief Representative, JICA Indonesia Office",
    )

    pw = ctx.password
    u = ctx.users
    u["tkksd"] = services.pengguna_simpan(username="tkksd", password=pw, peran=[Peran.SEKRETARIAT_TKKSD],
                                          first_name="Sekretariat", last_name="TKKSD", email="tkksd@bekasikota.go.id",
                                          jabatan="Kepala Bagian Kerja Sama")
    u["ketua"] = services.pengguna_simpan(username="ketua", password=pw, peran=[Peran.KETUA_TKKSD],
                                          first_name="Sekretaris", last_name="Daerah", email="sekda@bekasikota.go.id",
                                          jabatan="Sekretaris Daerah (Ketua TKKSD)")
    u["pd_dishub"] = services.pengguna_simpan(username="pd_dishub", password=pw, peran=[Peran.PD],
                                              perangkat_daerah=ctx.pd["DISHUB"], first_name="Operator",
                                              last_name="Dishub", email="dishub@bekasikota.go.id")
    u["pd_disbudpar"] = services.pengguna_simpan(username="pd_disbudpar", password=pw, peran=[Peran.PD],
                                                 perangkat_daerah=ctx.pd["DISBUDPAR"], first_name="Operator",
                                                 last_name="Disbudpar", email="disbudpar@bekasikota.go.id")
    u["dprd"] = services.pengguna_simpan(username="dprd", password=pw, peran=[Peran.DPRD], first_name="Sekretariat",
                                         last_name="DPRD", email="dprd@bekasikota.go.id")
    u["walikota"] = services.pengguna_simpan(username="walikota", password=pw, peran=[Peran.WALI_KOTA],
                                             first_name="Wali Kota", last_name="Bekasi", email="walikota@bekasikota.go.id",
                                             jabatan="Wali Kota Bekasi")
    u["pengawas"] = services.pengguna_simpan(username="pengawas", password=pw, peran=[Peran.TIM_PENGAWASAN],
                                             first_name="Tim", last_name="Pengawasan", email="pengawas@bekasikota.go.id",
                                             jabatan="Kepala Sub Bagian Pengendalian Kerja Sama")
    u["auditor"] = services.pengguna_simpan(username="auditor", password=pw, peran=[Peran.AUDITOR],
                                            first_name="Inspektorat", last_name="", email="inspektorat@bekasikota.go.id")
    u["mitra_bogor"] = services.pengguna_simpan(username="mitra_bogor", password=pw, peran=[Peran.MITRA],
                                                mitra=ctx.mitra["bogor"], first_name="Bagian Kerja Sama",
                                                last_name="Kota Bogor", email="kerjasama@kotabogor.go.id")
    u["mitra_pt"] = services.pengguna_simpan(username="mitra_pt", password=pw, peran=[Peran.MITRA],
                                             mitra=ctx.mitra["pt"], first_name="Rina", last_name="Kusuma",
                                             email="rina@patriot-transport.co.id")
    # A foreign partner's staff member who reads the interface in English (issue 14); documents stay Indonesian.
    u["mitra_hamamatsu"] = services.pengguna_simpan(username="mitra_hamamatsu", password=pw, peran=[Peran.MITRA],
                                                    mitra=ctx.mitra["hamamatsu"], first_name="International Affairs",
                                                    last_name="Division, Hamamatsu City", bahasa="en",
                                                    email="international@city.hamamatsu.example")
    if not Pengguna.objects.filter(username="admin").exists():
        Pengguna.objects.create_superuser("admin", "admin@bekasikota.go.id", pw)

    # A legacy agreement (signed before SIKSD), so that supervision has something to cover.
    judul = "Pengelolaan Terminal Terpadu Perbatasan Bekasi–Bogor (perjanjian 2023)"
    if not KerjaSama.objects.filter(judul=judul).exists():
        mulai = datetime.date(ctx.hari_ini.year - 2, 3, 1)
        services.perjanjian_lama_buat(
            by=u["tkksd"], judul=judul, jenis=Jenis.KSDD, perangkat_daerah=ctx.pd["DISHUB"], mitra=ctx.mitra["bogor"],
            tanggal_penandatanganan=mulai - datetime.timedelta(days=14), tanggal_mulai=mulai,
            tanggal_berakhir=datetime.date(mulai.year + 5, 2, 28), nomor_perjanjian="119/PKS.1-Ks/II/2023",
            uraian="Pengaturan trayek dan pengelolaan terminal di wilayah perbatasan.",
        )
        ctx.log.append(f"perjanjian lama: {judul}")
    # The PKS's obligations of each side: what supervision evaluates (Perwal 57/2023 Ps 85(4) huruf a).
    lama = KerjaSama.objects.get(judul=judul)
    if not lama.kewajiban.exists():
        services.kewajiban_atur(kerjasama=lama, by=u["tkksd"], daftar=[
            {"pihak": "mitra", "uraian": "Mengoperasikan loket dan jalur keberangkatan trayek Bogor di terminal perbatasan "
                                         "setiap hari pukul 05.00–22.00", "dasar": "PKS Pasal 5 ayat (1)"},
            {"pihak": "mitra", "uraian": "Menyetorkan bagi hasil retribusi terminal setiap triwulan",
             "dasar": "PKS Pasal 7 ayat (2)"},
            {"pihak": "mitra", "uraian": "Menyampaikan laporan pelaksanaan setiap 6 bulan", "dasar": "PKS Pasal 11"},
            {"pihak": "daerah", "uraian": "Menyediakan lahan dan bangunan terminal beserta pemeliharaannya",
             "dasar": "PKS Pasal 4"},
            {"pihak": "daerah", "uraian": "Menetapkan rute dan jadwal trayek bersama Dishub Kota Bogor",
             "dasar": "PKS Pasal 6"},
        ])
