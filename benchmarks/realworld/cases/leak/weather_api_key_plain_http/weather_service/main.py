import json
import os

import httpx
import redis.asyncio as aioredis
from fastapi import FastAPI, HTTPException

app = FastAPI(title="Weather Service")

REDIS_URL = os.getenv("REDIS_URL", "redis://redis-weather:6379")
OPENWEATHER_API_KEY = os.getenv("WEATHER_API_KEY", "API_KEY")
BASE_OPENWEATHER_URL = "http://api.openweathermap.org/data/2.5"
CACHE_TTL_CURRENT_WEATHER = 5 * 60

redis: aioredis.Redis | None = None


@app.on_event("startup")
async def startup_event():
    global redis
    redis = aioredis.from_url(REDIS_URL, decode_responses=True)


@app.get("/weather/current")
async def current_weather(city: str):
    cache_key = f"weather:current:{city.lower()}"
    cached = await redis.get(cache_key)
    if cached:
        return json.loads(cached)

    params = {"q": city, "appid": OPENWEATHER_API_KEY, "units": "metric", "lang": "it"}
    async with httpx.AsyncClient(timeout=5.0) as client:
        response = await client.get(f"{BASE_OPENWEATHER_URL}/weather", params=params)  # expect: NHL403, NHL405
    if response.status_code != 200:
        raise HTTPException(status_code=response.status_code, detail="Weather provider error")

    data = response.json()
    result = {
        "city": data["name"],
        "temperature": data["main"]["temp"],
        "description": data["weather"][0]["description"],
    }
    await redis.set(cache_key, json.dumps(result), ex=CACHE_TTL_CURRENT_WEATHER)
    return result
