import time

_revoked_before = 0


def revoke_all_now() -> int:
    global _revoked_before
    _revoked_before = int(time.time())
    return _revoked_before


def revoked_before() -> int:
    return _revoked_before
