from .transport import RequestsTransport

__all__ = ["RequestsTransport"]
