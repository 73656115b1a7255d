import httpx


class FieldServiceClient:
    """Calls the field-service on behalf of the intelligent-service."""

    def __init__(self, client: httpx.AsyncClient):
        self.client = client

    async def get_latest_readings(self, field: str, sensor_types: list[str], window_size: int, token: str) -> list[dict]:
        headers = {"Authorization": f"Bearer {token}"}
        response = await self.client.get(
            f"/fields/{field}/specific-types-readings",
            headers=headers,
            params={"sensor_types": sensor_types, "limit": window_size},
        )
        response.raise_for_status()
        return response.json()
