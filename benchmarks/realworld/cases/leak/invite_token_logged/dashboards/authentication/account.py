from itsdangerous import URLSafeTimedSerializer

from dashboards import settings

serializer = URLSafeTimedSerializer(settings.SECRET_KEY)


def invite_token(user):
    return serializer.dumps(str(user.id))


def validate_token(token):
    max_token_age = settings.INVITATION_TOKEN_MAX_AGE
    return serializer.loads(token, max_age=max_token_age)
