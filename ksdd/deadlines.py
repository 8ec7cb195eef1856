"""Deadlines of a KSDD. The agreement's term (Ps 26(1)) is the core rule `masa_berlaku_perjanjian`
(kerjasama.deadlines: reminders 180, 90 and 30 days ahead and on the day, then the case ends unless
extended). It starts when the PKS is signed and restarts when an extension is signed
(kerjasama.domestik_services). KSDD has no other legal deadline in BAB III."""

from kerjasama.deadlines import aturan_tenggat

MASA_BERLAKU = aturan_tenggat("masa_berlaku_perjanjian")
