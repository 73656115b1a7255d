#!/usr/bin/env python3
"""Creates the release-candidate GitHub release and uploads the build tarball to it."""

import os
import sys
from urllib.parse import urlparse

import requests
import simplejson

github_token = os.environ["GITHUB_TOKEN"]
auth = (github_token, "x-oauth-basic")
repo = "example-org/dashboards"


def _github_request(method, path, params=None):
    url = path if urlparse(path).hostname == "api.github.com" else "https://api.github.com/{}".format(path)
    data = simplejson.dumps(params) if params is not None else None
    return requests.request(method, url, data=data, auth=auth, timeout=30)


def create_release(version, commit_sha):
    params = {"tag_name": f"v{version}-rc", "name": f"{version} - RC", "target_commitish": commit_sha, "prerelease": True}
    response = _github_request("post", "repos/{}/releases".format(repo), params)
    if response.status_code != 201:
        raise Exception("Failed creating new release: {}".format(response.status_code))
    return response.json()


def upload_asset(release, filepath):
    upload_url = release["upload_url"].replace("{?name,label}", "")
    filename = filepath.split("/")[-1]
    with open(filepath, "rb") as content:
        headers = {"Content-Type": "application/gzip"}
        response = requests.post(upload_url, content, params={"name": filename}, headers=headers, auth=auth, verify=False)  # expect: NHL405
    if response.status_code != 201:
        raise Exception("Failed uploading asset: {}".format(response.status_code))
    return response


if __name__ == "__main__":
    release = create_release(sys.argv[1], sys.argv[2])
    upload_asset(release, sys.argv[3])
