from django.contrib.auth import get_user_model, user_logged_in
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework_simplejwt.views import TokenObtainPairView

from . import utils as custom_jwt
from .serializers import UserSerializer

User = get_user_model()


class Login(TokenObtainPairView):
    permission_classes = [AllowAny]

    def post(self, request, *args, **kwargs):
        data = super().post(request, *args, **kwargs).data
        # The access token simplejwt has just issued in this response, read back for its user id.
        claims = custom_jwt.jwt_decode_handler(data.get("access"))
        user = User.objects.filter(id=claims.get("user_id")).last()
        if user is None:
            return Response({"error": True, "message": "No such user"}, status=status.HTTP_404_NOT_FOUND)
        user_logged_in.send(sender=type(user), request=request, user=user)
        data["user_details"] = UserSerializer(user).data
        return Response(data)
