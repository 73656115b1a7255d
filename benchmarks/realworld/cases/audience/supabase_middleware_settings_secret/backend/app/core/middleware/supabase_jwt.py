import secrets

from django.contrib.auth.models import AnonymousUser
from django.utils.deprecation import MiddlewareMixin

from core.utils.jwt import verify_supabase_jwt


class SupabaseJWTMiddleware(MiddlewareMixin):
    def process_request(self, request):
        header = request.META.get("HTTP_AUTHORIZATION")
        if not header:
            request.user = AnonymousUser()
            return
        token = header.split(" ", 1)[1] if " " in header else header
        info = verify_supabase_jwt(token)
        if not info:
            request.user = AnonymousUser()
            return
        from user.models import Profile, User

        user, created = User.objects.get_or_create(
            email=info["email"], defaults={"name": info["name"] or secrets.token_hex(4)}
        )
        if created:
            Profile.objects.create(user=user)
        request.user = user
