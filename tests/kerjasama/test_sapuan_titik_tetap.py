"""The catch-up sweep reaches a fixed point in one run (CONVENTIONS "Deadlines": a sweep missed during
downtime must catch up). Chained deadlines (Perwal 57/2023 Ps 85(3), 85(5): monitoring and evaluation
every 6 months; Ps 87(1): the partner's 6-monthly report) used to need one run per generation: seven
runs on a copy of the demo for `--now 2030-01-01`."""

import datetime
import zoneinfo

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import pytest

from kerjasama.models import Notifikasi, RiwayatAudit, Tenggat
from tests.factories import PerjanjianLamaFactory

JKT = zoneinfo.ZoneInfo("Asia/Jakarta")
D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def lama(pengguna, pd_dishub, mitra_bogor):
    # Signed 20-02-2026, term 01-03-2026 – 28-02-2031 (legacy: supervision and partner reports start).
    return PerjanjianLamaFactory(
        by=pengguna["tkksd"], perangkat_daerah=pd_dishub, mitra=mitra_bogor,
        tanggal_penandatanganan=D(2026, 2, 20), tanggal_mulai=D(2026, 3, 1), tanggal_berakhir=D(2031, 2, 28),
    )


def _tindakan(out: str) -> int:
    return int(out.split(": ", 1)[1].split(" tindakan")[0])


def test_satu_kali_sapuan_mengerjakan_semua_yang_jatuh_tempo_kedua_tidak_berbuat_apa_pun(lama, capsys):
    """Ps 85(3), 85(5), 87(1): one run as of 2030-01-01 takes every generation of the chains; a second none."""
    now = datetime.datetime(2030, 1, 1, tzinfo=JKT)
    call_command("process_deadlines", "--now", now.isoformat(), "--paksa")
    pertama = _tindakan(capsys.readouterr().out)
    assert pertama > 3
    assert not Tenggat.objects.filter(status="terbuka", jatuh_tempo__lt=now).exists()
    call_command("process_deadlines", "--now", now.isoformat(), "--paksa")
    assert _tindakan(capsys.readouterr().out) == 0


def test_now_lebih_dari_setahun_ke_depan_ditolak_tanpa_paksa(lama):
    jauh = timezone.now() + datetime.timedelta(days=400)
    with pytest.raises(CommandError, match="--paksa"):
        call_command("process_deadlines", "--now", jauh.isoformat())
    assert not RiwayatAudit.objects.filter(aksi__startswith="tenggat_").exists()


def test_coba_menampilkan_tanpa_menyimpan_atau_memberi_tahu(lama, capsys, django_capture_on_commit_callbacks):
    now = datetime.datetime(2030, 1, 1, tzinfo=JKT)
    terbuka = set(Tenggat.objects.filter(status="terbuka").values_list("pk", "jatuh_tempo"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("process_deadlines", "--now", now.isoformat(), "--paksa", "--coba")
    out = capsys.readouterr().out
    assert "Uji coba" in out and _tindakan(out) > 3
    assert set(Tenggat.objects.filter(status="terbuka").values_list("pk", "jatuh_tempo")) == terbuka
    assert not RiwayatAudit.objects.filter(aksi__startswith="tenggat_").exists()
    assert not Notifikasi.objects.exists() and callbacks == []
