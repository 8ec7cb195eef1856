"""Fixtures of the dashboard tests: a frozen clock and KSDD cases created with tests/ksdd's factory."""

import datetime

import pytest

from kerjasama.constants import Peran
from tests.e2e.conftest import peramban  # noqa: F401 (Debian's chromium, shared with tests/e2e)
from tests.factories import PenggunaFactory
from tests.ksdd.factories import KasusKsddFactory
from tests.tte.fixtures import sertifikat  # noqa: F401

WIB = datetime.timezone(datetime.timedelta(hours=7))
HARI_INI = datetime.date(2026, 3, 2)  # Monday


@pytest.fixture
def beku(time_machine):
    """The tests run on Monday 2 March 2026, 10:00 WIB."""
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=WIB), tick=False)
    return HARI_INI


@pytest.fixture
def ksdd(pengguna, pd_dishub, mitra_bogor):
    """`ksdd(trait, **kwargs)`: a KSDD case of DISHUB with Kota Bogor in the stage `trait`."""

    def _buat(trait: str, **kwargs):
        kwargs.setdefault("perangkat_daerah", pd_dishub)
        kwargs.setdefault("mitra", mitra_bogor)
        traits = {} if trait == "persiapan" else {trait: True}
        return KasusKsddFactory(by=pengguna["tkksd"], **traits, **kwargs)

    return _buat


@pytest.fixture
def kadishub(pengguna, pd_dishub):
    """The head of DISHUB, who may hold a surat kuasa to sign a PKS (Ps 29(2))."""
    return PenggunaFactory(username="kadishub", first_name="Kepala", last_name="Dishub", peran=[Peran.PD],
                           perangkat_daerah=pd_dishub, jabatan="Kepala Dinas Perhubungan")
