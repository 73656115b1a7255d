from urllib.parse import parse_qsl, quote_plus

import requests
from oauthlib.oauth1 import SIGNATURE_RSA
from requests_oauthlib import OAuth1

from taiga.front.urls import resolve_front_url


class JiraImporterCommon:
    @classmethod
    def get_auth_url(cls, server, consumer_key, key_cert_data, verify=None):
        if verify is None:
            verify = server.startswith("https")
        callback_uri = resolve_front_url("project-import-jira", quote_plus(server))
        oauth = OAuth1(consumer_key, signature_method=SIGNATURE_RSA, rsa_key=key_cert_data, callback_uri=callback_uri)
        response = requests.post(server + "/plugins/servlet/oauth/request-token", verify=verify, auth=oauth)
        request = dict(parse_qsl(response.text))
        request_token = request["oauth_token"]
        # OAuth 1: the request token goes to the authorization page in the query string (RFC 5849 2.2).
        authorize_url = "{}/plugins/servlet/oauth/authorize?oauth_token={}".format(server, request_token)
        return request_token, request["oauth_token_secret"], authorize_url

    @classmethod
    def get_access_token(cls, server, consumer_key, key_cert_data, request_token, request_token_secret, request_verifier, verify=False):
        callback_uri = resolve_front_url("project-import-jira", quote_plus(server))
        oauth = OAuth1(
            consumer_key,
            signature_method=SIGNATURE_RSA,
            callback_uri=callback_uri,
            rsa_key=key_cert_data,
            resource_owner_key=request_token,
            resource_owner_secret=request_token_secret,
            verifier=request_verifier,
        )
        response = requests.post(server + "/plugins/servlet/oauth/access-token", verify=verify, auth=oauth)  # expect: NHL405
        access = dict(parse_qsl(response.text))
        return {
            "access_token": access["oauth_token"],
            "access_token_secret": access["oauth_token_secret"],
            "consumer_key": consumer_key,
            "key_cert": key_cert_data,
        }
