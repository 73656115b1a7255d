import requests

# GitHub authentication token (set by the CLI)
token = ""


def create_repo(name, description):
    resp = requests.post(
        "https://api.github.com/user/repos",
        json={"name": name, "description": description, "has_wiki": False},
        headers={"Authorization": f"token {token}", "Accept": "application/vnd.github+json"},
        timeout=20,
    )
    resp.raise_for_status()
    return resp.json()
