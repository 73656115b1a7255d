from fastapi import APIRouter, Depends, WebSocket
from sqlalchemy.ext.asyncio import AsyncSession

from src.db import get_db
from src.handlers.jwt_token import decode_token
from src.services.chat import reply_stream, save_message

router = APIRouter(prefix="/chat")


@router.websocket("/topics/{topic_id}/ws")
async def chat_socket(websocket: WebSocket, topic_id: int, token: str, db: AsyncSession = Depends(get_db)):
    payload = decode_token(token)
    if payload is None or not payload.user_id:
        await websocket.close(code=4401)
        return

    await websocket.accept()
    while True:
        data = await websocket.receive_json()
        content = data.get("content")
        if not content:
            continue
        await save_message(db, topic_id, payload.user_id, content, "user")
        async for chunk in reply_stream(db, topic_id, content):
            await websocket.send_json({"delta": chunk})
