"""Errors a service raises, each mapped to one HTTP answer (interfaces.md):
ValidationError → 400, PermissionDenied → 403, Http404 → 404, these two → 409."""


class TransisiTidakTersedia(Exception):
    """The transition is not available from the current stage (409)."""

    status_code = 409


class KonflikTransisi(Exception):
    """The case changed meanwhile (409): someone else took a transition first."""

    status_code = 409
