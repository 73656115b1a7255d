import dataclasses
import functools
import os


@dataclasses.dataclass
class Config:
    server_url: str = dataclasses.field(default_factory=functools.partial(os.environ.get, "ARGOCD_API_BASE_URL"))
    authentication_token: str = dataclasses.field(
        default_factory=functools.partial(os.environ.get, "ARGOCD_API_AUTH_TOKEN")
    )


PRODUCTION = Config(
    server_url="https://argocd.prod.example.net",
    authentication_token=os.environ.get("ARGOCD_PROD_TOKEN"),
)

STAGING = Config(
    server_url="https://argocd.staging.example.net",
    authentication_token=PRODUCTION.authentication_token,  # expect: NHL303
)

CLUSTERS = {"production": PRODUCTION, "staging": STAGING}
