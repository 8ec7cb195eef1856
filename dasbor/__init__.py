"""Dashboards, reports, calendar and the public transparency page (issue 7).

Reads everything through the core's permission selector (`kerjasama.permissions.kerjasama_terlihat`)
and writes only through `kerjasama.services` (transitions, audit) and `dasbor.services`.
"""
