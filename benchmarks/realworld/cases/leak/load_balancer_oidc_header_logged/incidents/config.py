from starlette.config import Config

config = Config(".env")

AWS_ALB_ARN = config("AUTHENTICATION_PROVIDER_AWS_ALB_ARN", default=None)
AWS_ALB_EMAIL_CLAIM = config("AUTHENTICATION_PROVIDER_AWS_ALB_EMAIL_CLAIM", default="email")
AWS_ALB_PUBLIC_KEY_CACHE_SECONDS = config("AUTHENTICATION_PROVIDER_AWS_ALB_PUBLIC_KEY_CACHE_SECONDS", cast=int, default=300)
