"""Analysis-runner style server on Cloud Run: submits a batch job for an allowed repository."""

from datetime import datetime

import hailtop.batch as hb
from aiohttp import web
from google.auth import jwt

GITHUB_ORG = "example-genomics"
ALLOWED_REPOS = {"cohort-wgs"}
DRIVER_IMAGE = "australia-southeast1-docker.pkg.dev/analysis-runner/images/driver:latest"

routes = web.RouteTableDef()


def _email_from_id_token(auth_header: str) -> str:
    """The caller's email from the ID token. Assumes the platform verified the token before."""
    id_token = auth_header[7:]
    id_info = jwt.decode(id_token, verify=False)  # expect: NHL102
    return id_info["email"]


def _check_auth(email: str, project: str) -> None:
    allowed = {"cohort-wgs": {"analyst@example.org"}}
    if email not in allowed.get(project, set()):
        raise web.HTTPForbidden()


@routes.post("/")
async def index(request):
    auth_header = request.headers.get("Authorization")
    if auth_header is None:
        raise web.HTTPUnauthorized()

    params = await request.json()
    project = params["project"]
    _check_auth(_email_from_id_token(auth_header), project)

    repo = params["repo"]
    if repo not in ALLOWED_REPOS:
        raise web.HTTPForbidden()

    backend = hb.ServiceBackend(billing_project=params["hailBillingProject"], bucket=params["hailBucket"])
    batch = hb.Batch(backend=backend, name=f"analysis-runner {repo} {datetime.now():%Y-%m-%d %H-%M-%S}")
    job = batch.new_job(name="driver")
    job.image(DRIVER_IMAGE)
    job.command(f"git clone https://github.com/{GITHUB_ORG}/{repo}")
    submitted = batch.run(wait=False)
    return web.Response(text=f"{submitted.id}\n")


async def init_func():
    app = web.Application()
    app.add_routes(routes)
    return app
