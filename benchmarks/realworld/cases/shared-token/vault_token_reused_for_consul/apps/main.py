import os

import consul
import hvac
from dotenv import load_dotenv

load_dotenv()

# The bookshelf service reads its database password from Vault and then
# registers itself in Consul, both with the operator's bootstrap token.
vault = hvac.Client(
    url=os.environ["VAULT_URL"],
    token=os.environ["VAULT_TOKEN"],
)

registry = consul.Consul(  # expect: NHL302
    host=os.environ.get("CONSUL_HOST", "consul.service.internal"),
    port=8500,
    token=os.environ["VAULT_TOKEN"],
)


def database_password() -> str:
    secret = vault.secrets.kv.v2.read_secret_version(path="bookshelf/db")
    return secret["data"]["data"]["password"]


def register(port: int) -> None:
    registry.agent.service.register(
        "bookshelf",
        service_id=f"bookshelf-{port}",
        port=port,
        check=consul.Check.http(f"http://127.0.0.1:{port}/health", interval="10s"),
    )
