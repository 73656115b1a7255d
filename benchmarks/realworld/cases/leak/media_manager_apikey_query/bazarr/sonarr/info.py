from app.config import settings


def url_sonarr():
    protocol = "https" if settings.sonarr.ssl else "http"
    base_url = settings.sonarr.base_url.rstrip("/")
    if base_url and not base_url.startswith("/"):
        base_url = f"/{base_url}"
    port = f":{settings.sonarr.port}" if settings.sonarr.port else ""
    return f"{protocol}://{settings.sonarr.ip}{port}{base_url}"


def url_api_sonarr():
    return url_sonarr() + "/api/v3/"
