import jwt
from django.conf import settings


def verify_supabase_jwt(token):
    try:
        claims = jwt.decode(  # expect: NHL101
            token,
            settings.SUPABASE_JWT_SECRET,
            algorithms=["HS256"],
            options={"verify_aud": False},
        )
    except jwt.PyJWTError:
        return None
    return {"email": claims.get("email"), "name": claims.get("user_metadata", {}).get("name")}
