import requests
from fastapi import APIRouter, HTTPException, Request

from config import get_settings
from utils import get_headers as get_forwarding_headers

router = APIRouter()
settings = get_settings()
jena_url = f"{settings.JENA_PROTOCOL}://{settings.JENA_URL}:{settings.JENA_PORT}"
PREFIXES = "PREFIX ies: <http://ies.data.gov.uk/ontology/ies4#>\n"


def run_sparql_query(query: str, headers: dict, dataset: str = settings.DATASET) -> dict:
    try:
        response = requests.get(f"{jena_url}/{dataset}/query", params={"query": PREFIXES + query},
                                headers=headers, timeout=30)
        response.raise_for_status()
    except requests.HTTPError as exc:
        raise HTTPException(exc.response.status_code) from exc
    return response.json()


@router.get("/assessment-classes")
def assessment_classes(req: Request):
    query = "SELECT ?sub WHERE { ?sub rdfs:subClassOf* ies:Assessment }"
    results = run_sparql_query(query, get_forwarding_headers(req.headers), dataset=settings.ONTO_DATASET)
    return [row["sub"]["value"] for row in results["results"]["bindings"]]


@router.get("/epc-statistics/wards")
def ward_statistics(req: Request):
    query = "SELECT ?ward (COUNT(?b) AS ?n) WHERE { ?b ies:inLocation ?ward } GROUP BY ?ward"
    results = run_sparql_query(query, get_forwarding_headers(req.headers))
    return results["results"]["bindings"]
