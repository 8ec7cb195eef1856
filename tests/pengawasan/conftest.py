import datetime
import zoneinfo

import pytest

from tests.factories import PerjanjianLamaFactory

JKT = zoneinfo.ZoneInfo("Asia/Jakarta")


def wib(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=JKT)


@pytest.fixture
def jam(time_machine):
    """`jam(2026, 1, 20)` freezes the clock at that day, 09:00 WIB (or the given hour)."""

    def _ke(*args):
        if len(args) == 3:
            args = (*args, 9)
        time_machine.move_to(wib(*args), tick=False)

    _ke(2026, 1, 20)
    return _ke


@pytest.fixture
def ks(jam, pengguna, pd_dishub, mitra_bogor):
    """A cooperation signed Thu 15-01-2026, entered on Tue 20-01-2026 (legacy entry → pelaksanaan)."""
    return PerjanjianLamaFactory(
        by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor, judul="Terminal perbatasan",
        tanggal_penandatanganan=datetime.date(2026, 1, 15), tanggal_mulai=datetime.date(2026, 2, 1),
        tanggal_berakhir=datetime.date(2030, 1, 31),
    )


@pytest.fixture
def ks_lain(jam, pengguna, pd_lain):
    """Another partner's cooperation (PT Lain, user mitra_pt)."""
    from kerjasama.models import Mitra

    return PerjanjianLamaFactory(
        by=pengguna["tkksd"], perangkat_daerah=pd_lain, mitra=Mitra.objects.get(nama="PT Lain"), judul="Parkir",
        tanggal_penandatanganan=datetime.date(2026, 1, 10), tanggal_mulai=datetime.date(2026, 1, 10),
        tanggal_berakhir=datetime.date(2028, 1, 9),
    )


@pytest.fixture
def anggota(pengguna, ks):
    """The user `pengawas` sits on ks's Tim Pengawasan as its secretary."""
    from pengawasan import services
    from pengawasan.models import AnggotaTimPengawasan

    sekretaris = AnggotaTimPengawasan.objects.get(tim__kerjasama=ks, kedudukan="sekretaris")
    services.anggota_tim_ubah(anggota=sekretaris, by=pengguna["tkksd"], nama="Pengawas", pengguna=pengguna["pengawas"])
    # Perwal 75/2021 Ps 8(1): the Sekretariat prepares the surat tugas, the Ketua TKKSD assigns the team.
    services.tim_pengawasan_ubah(tim=sekretaris.tim, by=pengguna["tkksd"], nomor_surat_tugas="800/1/TKKSD",
                                 tanggal_surat_tugas=ks.tanggal_penandatanganan)
    services.tim_pengawasan_tugaskan(tim=sekretaris.tim, by=pengguna["ketua"])
    return pengguna["pengawas"]


@pytest.fixture
def pdf_cepat(monkeypatch):
    """For tests about something else than the PDF itself: the template is still rendered (so a
    template error fails the test), but WeasyPrint's layout, ~0.4 s a page, is skipped."""
    from django.template.loader import render_to_string

    from tests.pengawasan.factories import PDF

    def render(template, context):
        html = render_to_string(template, context)
        assert "</html>" in html
        return PDF

    monkeypatch.setattr("kerjasama.pdf.render_pdf", render)
