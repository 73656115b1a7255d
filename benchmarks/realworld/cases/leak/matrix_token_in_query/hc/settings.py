import os


def envsecret(name):
    """A secret from the environment, or from the file named by NAME_FILE."""
    path = os.getenv(f"{name}_FILE")
    if path:
        with open(path) as handle:
            return handle.read().strip()
    return os.getenv(name)


MATRIX_HOMESERVER = os.getenv("MATRIX_HOMESERVER")
MATRIX_USER_ID = os.getenv("MATRIX_USER_ID")
MATRIX_ACCESS_TOKEN = envsecret("MATRIX_ACCESS_TOKEN")
