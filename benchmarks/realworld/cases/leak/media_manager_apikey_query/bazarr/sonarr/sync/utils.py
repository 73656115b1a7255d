import logging

import requests

from app.config import settings
from constants import HEADERS
from sonarr.info import url_api_sonarr


def get_tags():
    apikey_sonarr = settings.sonarr.apikey
    url_sonarr_api_tags = f"{url_api_sonarr()}tag?apikey={apikey_sonarr}"  # expect: NHL403
    try:
        response = requests.get(url_sonarr_api_tags, timeout=int(settings.sonarr.http_timeout), verify=False, headers=HEADERS)  # expect: NHL405
    except requests.exceptions.RequestException:
        logging.exception("BAZARR Error trying to get tags from Sonarr.")
        return []
    return response.json()


def get_series_from_sonarr_api(apikey_sonarr, sonarr_series_id=None):
    series_path = f"series/{sonarr_series_id}" if sonarr_series_id else "series"
    url = f"{url_api_sonarr()}{series_path}?apikey={apikey_sonarr}"  # expect: NHL403
    response = requests.get(url, timeout=int(settings.sonarr.http_timeout), verify=False, headers=HEADERS)  # expect: NHL405
    response.raise_for_status()
    return response.json()
