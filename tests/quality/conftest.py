import pytest

from .matriks import dunia_bangun


@pytest.fixture
def dunia(pengguna):
    """Two cooperations of different owners (see tests/quality/matriks.py, `Dunia`)."""
    return dunia_bangun(pengguna)
