"""The deadline calendar: the month view and the personal iCalendar feed hold exactly the deadlines the
user may see (kerjasama.selectors.tenggat_list); the feed's secret URL is revocable (revoked: 404)."""

import datetime

from django.test import Client

import pytest
from icalendar import Calendar

from kerjasama import services
from kerjasama.models import RiwayatAudit, TokenKalender
from kerjasama.selectors import tenggat_list
from tests.dasbor.conftest import WIB

pytestmark = pytest.mark.django_db


@pytest.fixture
def dua_kasus(beku, ksdd, pd_lain):
    """A DISHUB and a DISBUDPAR cooperation, each with a deadline on Friday 20 March 2026."""
    milik_dishub = ksdd("pelaksanaan", judul="Angkutan umum Bekasi–Bogor")
    milik_lain = ksdd("pelaksanaan", judul="Festival budaya", perangkat_daerah=pd_lain)
    for kasus in (milik_dishub, milik_lain):
        services.tenggat_mulai(aturan="masa_berlaku_perjanjian", kerjasama=kasus, mulai=datetime.date(2026, 1, 1),
                               jatuh_tempo=datetime.datetime(2026, 3, 20, 23, 59, 59, tzinfo=WIB))
    return milik_dishub, milik_lain


def _hari(r, tanggal: str) -> list:
    for minggu in r.context["minggu"]:
        for d in minggu:
            if d["tanggal"].isoformat() == tanggal:
                return d["tenggat"]
    raise AssertionError(tanggal)


def test_tampilan_bulan_hanya_tenggat_yang_terlihat(dua_kasus, pengguna, klien):
    dishub, lain = dua_kasus
    r = klien(pengguna["pd_dishub"]).get("/dasbor/kalender/?bulan=2026-03")
    assert r.status_code == 200
    assert r.context["judul_bulan"] == "Maret 2026"
    assert [t.kerjasama_id for t in _hari(r, "2026-03-20")] == [dishub.pk]
    assert lain.nomor not in r.content.decode()
    assert r.context["minggu"][0][0]["tanggal"] == datetime.date(2026, 2, 23)  # weeks start on Monday

    r = klien(pengguna["tkksd"]).get("/dasbor/kalender/?bulan=2026-03")
    assert {t.kerjasama_id for t in _hari(r, "2026-03-20")} == {dishub.pk, lain.pk}
    assert r.context["sebelum"] == "2026-02" and r.context["sesudah"] == "2026-04"


def test_bulan_tidak_sah_400(beku, pengguna, klien):
    r = klien(pengguna["tkksd"]).get("/dasbor/kalender/?bulan=2026-13")
    assert r.status_code == 400
    assert "Format bulan tidak dikenal" in r.content.decode()


def _buat_token(klien, user) -> str:
    r = klien(user).post("/dasbor/pengaturan/", {"aksi": "token_buat"})
    assert r.status_code == 302
    return TokenKalender.objects.get(pengguna=user, dicabut_pada__isnull=True).token


def _feed(token) -> Calendar:
    r = Client().get(f"/dasbor/kalender/{token}.ics")  # no login: calendar apps cannot log in
    assert r.status_code == 200, r.status_code
    assert r["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(r.content)


def test_feed_ical_terbaca_dan_hanya_berisi_tenggat_yang_terlihat(dua_kasus, pengguna, klien):
    dishub, lain = dua_kasus
    user = pengguna["pd_dishub"]
    cal = _feed(_buat_token(klien, user))

    events = list(cal.walk("VEVENT"))
    terlihat = list(tenggat_list(user=user))
    assert {str(e["UID"]) for e in events} == {f"tenggat-{t.pk}@siksd.bekasikota.go.id" for t in terlihat}
    assert all(t.kerjasama_id == dishub.pk for t in terlihat) and terlihat
    assert lain.nomor not in cal.to_ical().decode()

    ev = next(e for e in events if e.decoded("DTSTART") == datetime.date(2026, 3, 20))
    assert ev.decoded("DTEND") == datetime.date(2026, 3, 21)  # an all-day event on the due day
    assert dishub.nomor in str(ev["SUMMARY"]) and "masa_berlaku_perjanjian" in str(ev["SUMMARY"])
    assert "Perwal 57/2023 Pasal 26 ayat (1)" in str(ev["DESCRIPTION"])
    assert "20-03-2026 23:59 WIB" in str(ev["DESCRIPTION"])
    assert str(ev["URL"]).endswith(f"/kerjasama/{dishub.pk}/")

    # the Sekretariat sees both
    semua = _feed(_buat_token(klien, pengguna["tkksd"]))
    nomor = " ".join(str(e["SUMMARY"]) for e in semua.walk("VEVENT"))
    assert dishub.nomor in nomor and lain.nomor in nomor


def test_alamat_dicabut_atau_diganti_menjawab_404(dua_kasus, pengguna, klien):
    user = pengguna["pd_dishub"]
    lama = _buat_token(klien, user)
    baru = _buat_token(klien, user)  # a new address revokes the old one
    assert Client().get(f"/dasbor/kalender/{lama}.ics").status_code == 404
    _feed(baru)

    r = klien(user).get("/dasbor/pengaturan/")
    assert baru in r.content.decode() and lama not in r.content.decode()

    assert klien(user).post("/dasbor/pengaturan/", {"aksi": "token_cabut"}).status_code == 302
    assert Client().get(f"/dasbor/kalender/{baru}.ics").status_code == 404
    assert Client().get("/dasbor/kalender/tidak-ada.ics").status_code == 404
    assert list(RiwayatAudit.objects.filter(oleh=user).values_list("aksi", flat=True)) == [
        "token_kalender_dibuat", "token_kalender_dibuat", "token_kalender_dicabut"]


def test_pengguna_nonaktif_feed_404(dua_kasus, pengguna, klien):
    user = pengguna["pd_dishub"]
    token = _buat_token(klien, user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert Client().get(f"/dasbor/kalender/{token}.ics").status_code == 404
