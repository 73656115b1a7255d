from django.contrib.auth import login as auth_login
from django.http import HttpResponseRedirect

import constant
from services import token_service, user_service
from services.auth_service import AuthService
from services.ms_graph_service import MSGraphService


def o365_auth_callback(request):
    AuthService.validate_state(request)
    code = request.POST.get("code")
    claims = AuthService.id_token_claims(request)

    o365_user_id = claims.get("oid")
    tenant_id = claims.get("tid")

    redirect_uri = AuthService.redirect_uri(request, "Auth/O365/Callback")
    result = token_service.get_token_with_code(code, redirect_uri)
    token_service.remember_tokens(result, o365_user_id)

    o365_user = MSGraphService(result.get("accessToken")).get_o365_user(tenant_id)
    user_service.create_or_update_organization(tenant_id, o365_user.tenant_name)
    local_user = user_service.get_user_by_o365_email(o365_user.email)
    if local_user:
        auth_login(request, local_user)

    response = HttpResponseRedirect("/")
    response.set_cookie(constant.o365_username_cookie, o365_user.display_name)
    return response
