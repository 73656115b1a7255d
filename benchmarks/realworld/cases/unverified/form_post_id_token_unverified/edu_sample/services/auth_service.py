import urllib.parse
import uuid

import jwt

import constant


class AuthService:
    @staticmethod
    def redirect_uri(request, relative):
        return f"{request.scheme}://{request.get_host()}/{relative}"

    @staticmethod
    def authorization_url(request, response_type, relative_redirect_uri, state, extra=None):
        params = {
            "client_id": constant.client_id,
            "response_type": response_type,
            "response_mode": "form_post",
            "redirect_uri": AuthService.redirect_uri(request, relative_redirect_uri),
            "state": state,
        }
        params.update(extra or {})
        request.session["auth_state"] = state
        return constant.login_base_uri + urllib.parse.urlencode(params)

    @staticmethod
    def random_string():
        return uuid.uuid4().hex

    @staticmethod
    def validate_state(request):
        if request.POST.get("state") != request.session.get("auth_state"):
            raise Exception("state does not match")

    @staticmethod
    def id_token_claims(request):
        # The ID token arrives in the browser's form post (front channel).
        id_token = request.POST.get("id_token")
        return jwt.decode(id_token, verify=False)  # expect: NHL102
