"""The KSDPL/KSDLL forms that pick a document of the case (evidence of a requirement, penjajakan, izin,
annual plan, dispute step) offer only the documents the user may see: the one read rule of
kerjasama.permissions (issue 12 item 2: classification and sharing), not every document of the case."""

import pytest

from kerjasama.models import Dokumen
from ksdln.forms import PenjajakanForm

pytestmark = pytest.mark.django_db


def test_pilihan_dokumen_mengikuti_klasifikasi(buat, pengguna):
    kasus = buat()
    biasa = Dokumen.objects.create(kerjasama=kasus, jenis="loi", judul="LoI", klasifikasi="biasa")
    rahasia = Dokumen.objects.create(kerjasama=kasus, jenis="kajian", judul="Kajian", klasifikasi="sangat_rahasia")

    def pilihan(user):
        return set(PenjajakanForm(kasus=kasus, user=user).fields["dokumen"].queryset)

    assert pilihan(pengguna["tkksd"]) == {biasa, rahasia}  # the Sekretariat sees every classification
    assert pilihan(pengguna["pd_dishub"]) == {biasa}  # Sangat Rahasia: only the roles that see every case
    assert pilihan(None) == set()  # nobody signed in: nothing
