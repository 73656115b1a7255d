from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from services.google_auth import verify_google_credential


class GoogleLoginView(APIView):
    permission_classes = [AllowAny]

    def post(self, request):
        profile = verify_google_credential(request.data.get("credential"))
        if not profile:
            return Response({"error": "invalid credential"}, status=401)

        user, _ = get_user_model().objects.get_or_create(
            email=profile["email"], defaults={"username": profile["email"], "first_name": profile["name"]}
        )
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "user": {"email": profile["email"], "picture": profile["picture"]}})
