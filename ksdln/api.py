"""API of ksdln: `daftar(router)` registers its resources under /api/v1/."""


def daftar(router):
    pass
