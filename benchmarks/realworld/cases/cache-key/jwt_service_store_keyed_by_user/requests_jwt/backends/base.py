from slugify import slugify


class BaseBackend:
    """Stores the JWT obtained for one (API, account) pair."""

    def __init__(self, key: str):
        self.key = slugify(key)

    def get_jwt(self):
        raise NotImplementedError

    def set_jwt(self, token):
        raise NotImplementedError
