import os

from .base import BaseProxyView


class CatalogoProxyView(BaseProxyView):
    upstream = os.getenv("CATALOGO_SERVICE_URL", "http://catalogo:8000/")
