"""The personal iCalendar feed: every deadline the user may see (`kerjasama.selectors.tenggat_list`),
one all-day event on its due day, with the rule, the case number, the legal basis and a link."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from icalendar import Calendar, Event

from kerjasama import kalender
from kerjasama.selectors import tenggat_list


def _tautan(tenggat) -> str:
    if tenggat.kerjasama_id:
        return f"{settings.SIKSD_BASE_URL}/kerjasama/{tenggat.kerjasama_id}/"
    return ""


def kalender_ics(*, user) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Pemerintah Kota Bekasi//SIKSD Tenggat//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Tenggat SIKSD — {user.get_full_name() or user.username}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    sekarang = timezone.now()
    for t in tenggat_list(user=user).select_related("kerjasama"):
        hari = kalender.tanggal_lokal(t.jatuh_tempo)
        nomor = t.kerjasama.nomor if t.kerjasama_id else ""
        ev = Event()
        ev.add("uid", f"tenggat-{t.pk}@siksd.bekasikota.go.id")
        ev.add("dtstamp", sekarang)
        ev.add("dtstart", hari)
        ev.add("dtend", hari + datetime.timedelta(days=1))
        ev.add("summary", f"{t.judul} [{t.aturan}]" + (f" — {nomor}" if nomor else ""))
        keterangan = [
            f"Dasar hukum: {t.dasar_hukum}",
            f"Jatuh tempo: {timezone.localtime(t.jatuh_tempo):%d-%m-%Y %H:%M} WIB ({t.get_cara_hitung_display()})",
            f"Status: {t.get_status_display()}",
        ]
        if t.kerjasama_id:
            keterangan.insert(0, f"{nomor} — {t.kerjasama.judul}")
        ev.add("description", "\n".join(keterangan))
        ev.add("categories", [t.get_status_display()])
        tautan = _tautan(t)
        if tautan:
            ev.add("url", tautan)
        cal.add_component(ev)
    return cal.to_ical()
