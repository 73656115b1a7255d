import requests
from flask import current_app

from certmgr.users import service as user_service


def retrieve_user(user_api_url, access_token):
    """Fetch the user's profile from the identity provider's user API."""
    user_params = dict(access_token=access_token, schema="profile")

    headers = {}
    if current_app.config.get("PING_INCLUDE_BEARER_TOKEN"):
        headers = {"Authorization": f"Bearer {access_token}"}

    response = requests.get(user_api_url, params=user_params, headers=headers, timeout=10)  # expect: NHL403
    # Some providers (Keycloak) want a POST instead.
    if response.status_code == 400:
        if current_app.config.get("PING_EXCLUDE_USER_PARAMS", False):
            response = requests.post(user_api_url, headers=headers, timeout=10)
        else:
            response = requests.post(user_api_url, data=user_params, headers=headers, timeout=10)

    profile = response.json()
    return user_service.get_by_email(profile["email"]), profile


def retrieve_user_memberships(user_api_url, membership_plugin, access_token):
    user, profile = retrieve_user(user_api_url, access_token)
    if membership_plugin is None:
        return user, profile
    memberships = membership_plugin.retrieve_user_memberships(profile["userId"])
    return user, {"email": profile["email"], "googleGroups": memberships}
