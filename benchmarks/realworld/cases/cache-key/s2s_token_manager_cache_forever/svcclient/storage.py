import json


class DjangoCacheStorage:
    def __init__(self, cache, timeout=None):
        self.cache = cache
        self.timeout = timeout

    def set(self, key, value):
        self.cache.set(key, value, timeout=self.timeout)

    def get(self, key):
        return self.cache.get(key)


class FileStorage:
    def __init__(self, filename):
        self.filename = filename
        open(self.filename, "a").close()

    def _load(self):
        with open(self.filename) as fh:
            try:
                return json.load(fh)
            except ValueError:
                return {}

    def set(self, key, value):
        tokens = self._load()
        tokens[key] = value
        with open(self.filename, "w") as fh:
            json.dump(tokens, fh)

    def get(self, key):
        return self._load().get(key)
