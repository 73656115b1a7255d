import requests

# GitLab user authentication token (set by the CLI)
token = ""


def get_repos():
    resp = requests.get(
        "https://gitlab.com/api/v4/projects",
        params={"visibility": "public", "owned": "true", "archived": "false"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
    )
    resp.raise_for_status()
    return resp.json()


def add_mirror(gitlab_repo, github_url):
    resp = requests.post(
        f"https://gitlab.com/api/v4/projects/{gitlab_repo['id']}/remote_mirrors",
        json={"url": github_url, "enabled": True},
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
    )
    resp.raise_for_status()
    return resp.json()
