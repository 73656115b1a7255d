from .get_access_token import get_access_token
from .session import access_token, research_headers

__all__ = ["get_access_token", "access_token", "research_headers"]
