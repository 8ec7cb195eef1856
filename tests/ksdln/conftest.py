import datetime
import zoneinfo

import pytest

from tests.factories import MitraFactory
from tests.ksdln.factories import KasusKsdlnFactory, hamamatsu, jica

JKT = zoneinfo.ZoneInfo("Asia/Jakarta")


def wib(*args):
    return datetime.datetime(*args, tzinfo=JKT)


@pytest.fixture
def ham(db):
    return hamamatsu()


@pytest.fixture
def jc(db):
    return jica()


@pytest.fixture
def nonprofit(db):
    return MitraFactory(nama="Global Water Foundation", jenis="lembaga_luar_negeri", negara="NL")


@pytest.fixture
def buat(pengguna, pd_dishub, ham):
    """`buat(**traits)`: a KSDPL sister city of DISHUB with Hamamatsu, in the stage the traits say."""

    def _buat(**kwargs):
        kwargs.setdefault("by", pengguna["tkksd"])
        kwargs.setdefault("perangkat_daerah", pd_dishub)
        kwargs.setdefault("mitra", ham)
        return KasusKsdlnFactory(**kwargs)

    return _buat
