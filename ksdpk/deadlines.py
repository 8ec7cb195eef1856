"""Deadlines of a KSDPK. The agreement's term (Ps 42(1): at most five years) is the core rule
`masa_berlaku_perjanjian` (kerjasama.deadlines), started when the PKS is signed and restarted when an
extension is signed (kerjasama.domestik_services). BAB IV sets no other clock."""

from kerjasama.deadlines import aturan_tenggat

MASA_BERLAKU = aturan_tenggat("masa_berlaku_perjanjian")
