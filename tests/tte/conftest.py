from tests.dasbor.conftest import beku, kadishub, ksdd  # noqa: F401
from tests.tte.fixtures import sertifikat  # noqa: F401
