import requests
from django.conf import settings
from rest_framework.response import Response
from rest_framework.views import APIView

from .permissions import IsAuthenticatedByUserService
from .utils import get_user_from_token


class CartView(APIView):
    permission_classes = [IsAuthenticatedByUserService]

    def get(self, request):
        user = get_user_from_token(request)
        if "error" in user:
            return Response(user, status=401)
        # The product service is called without the customer's token.
        products = requests.get(
            f"{settings.PRODUCT_SERVICE_ADDRESS}/api/products/",
            headers={"product-owner": str(user["pk"])},
            timeout=5,
        )
        return Response(products.json())
