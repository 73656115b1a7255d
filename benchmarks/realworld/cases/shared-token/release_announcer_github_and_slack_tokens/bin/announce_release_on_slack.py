#!/usr/bin/env python3
import json
import logging
import os
import sys

import requests
from github import Auth, Github

REPO_NAME = "example-org/python-agent"


def ensure_environment_variables_are_present():
    for name in ("GITHUB_RELEASE_TAG", "GITHUB_TOKEN", "SLACK_BOT_TOKEN", "SLACK_CHANNEL_ID_RELEASES"):
        if not os.environ.get(name):
            logging.fatal("A required environment variable is missing: %s", name)
            sys.exit(1)


def get_release_text(release_tag, github_token):
    repo = Github(auth=Auth.Token(github_token)).get_repo(REPO_NAME)
    release = repo.get_release(release_tag)
    return f":package: {REPO_NAME} {release.tag_name} is out\n{release.body}\n"


def open_release_discussion(release_tag, github_token):
    # GraphQL endpoint of the same GitHub API, same token.
    query = "mutation($title: String!) { createDiscussion(input: {title: $title}) { discussion { url } } }"
    resp = requests.post(
        "https://api.github.com/graphql",
        headers={"Authorization": f"bearer {github_token}"},
        json={"query": query, "variables": {"title": f"Release {release_tag}"}},
        timeout=20,
    )
    resp.raise_for_status()


def post_on_slack_channel(slack_token, channel_id, text):
    response = requests.post(
        "https://slack.com/api/chat.postMessage",
        headers={"Authorization": f"Bearer {slack_token}", "Content-Type": "application/json"},
        data=json.dumps({"channel": channel_id, "text": text}),
        timeout=20,
    )
    if not response.json().get("ok"):
        logging.error("Error sending message: %s", response.json().get("error"))


def main():
    logging.basicConfig(level=logging.INFO)
    ensure_environment_variables_are_present()
    tag = os.environ["GITHUB_RELEASE_TAG"]
    text = get_release_text(tag, os.environ["GITHUB_TOKEN"])
    open_release_discussion(tag, os.environ["GITHUB_TOKEN"])
    post_on_slack_channel(os.environ["SLACK_BOT_TOKEN"], os.environ["SLACK_CHANNEL_ID_RELEASES"], text)


if __name__ == "__main__":
    main()
