import click
import requests

GITLAB_API = "https://gitlab.com/api/v4"
GITHUB_API = "https://api.github.com"


def get_gitlab_repos(token):
    resp = requests.get(
        f"{GITLAB_API}/projects",
        params={"visibility": "public", "owned": "true", "archived": "false"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
    )
    resp.raise_for_status()
    return resp.json()


def create_github_repo(token, name, description):
    resp = requests.post(  # expect: NHL302
        f"{GITHUB_API}/user/repos",
        json={"name": name, "description": description, "homepage": "", "has_wiki": False},
        headers={"Authorization": f"token {token}", "Accept": "application/vnd.github+json"},
        timeout=20,
    )
    resp.raise_for_status()
    return resp.json()


@click.command()
@click.option("--token", envvar="MIRROR_TOKEN", required=True, help="Access token (used for both forges)")
@click.option("--dry-run", is_flag=True)
def mirrormaker(token, dry_run):
    for repo in get_gitlab_repos(token):
        click.echo(f"mirroring {repo['path_with_namespace']}")
        if not dry_run:
            create_github_repo(token, repo["path"], repo.get("description") or "")


if __name__ == "__main__":
    mirrormaker()
