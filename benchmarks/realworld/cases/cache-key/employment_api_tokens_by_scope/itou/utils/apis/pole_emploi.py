import httpx
from django.conf import settings

from .esd import get_access_token

SCOPE_JOB_SEEKER = "api_rechercheindividucertifiev1 rechercherIndividuCertifie"
SCOPE_OFFERS = "api_offresdemploiv2 o2dsoffre"


def search_job_seeker(nir: str, birth_date: str) -> dict:
    resp = httpx.post(
        f"{settings.API_ESD['BASE_URL']}/rechercheindividucertifie/v1/rechercheIndividuCertifie",
        headers={"Authorization": get_access_token(SCOPE_JOB_SEEKER)},
        json={"nirCertifie": nir, "dateNaissance": birth_date},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()


def list_offers(department: str) -> list:
    resp = httpx.get(
        f"{settings.API_ESD['BASE_URL']}/offresdemploi/v2/offres/search",
        headers={"Authorization": get_access_token(SCOPE_OFFERS)},
        params={"departement": department},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json().get("resultats", [])
