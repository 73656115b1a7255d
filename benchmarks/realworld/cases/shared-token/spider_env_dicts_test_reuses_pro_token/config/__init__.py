from .dev import dev
from .pro import pro
from .test import test

environments = {
    "dev": dev,
    "pro": pro,
    "test": test,
}
