import httpx

from .identity import token

SEARCH_SCOPE = "https://search.azure.com/.default"
STORAGE_SCOPE = "https://storage.azure.com/.default"


async def upload_document(endpoint: str, index: str, doc: dict) -> None:
    async with httpx.AsyncClient(timeout=30) as client:
        resp = await client.post(
            f"{endpoint}/indexes/{index}/docs/index?api-version=2023-11-01",
            headers={"Authorization": f"Bearer {token(SEARCH_SCOPE)}"},
            json={"value": [{"@search.action": "mergeOrUpload", **doc}]},
        )
        resp.raise_for_status()


async def download_blob(account_url: str, container: str, name: str) -> bytes:
    async with httpx.AsyncClient(timeout=60) as client:
        resp = await client.get(
            f"{account_url}/{container}/{name}",
            headers={"Authorization": f"Bearer {token(STORAGE_SCOPE)}", "x-ms-version": "2023-11-03"},
        )
        resp.raise_for_status()
        return resp.content
