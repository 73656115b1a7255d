from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from .services import CartService


class CartAddView(GenericAPIView):
    permission_classes = (AllowAny,)

    def post(self, request, *args, **kwargs):
        upstream = CartService(request=request, url="/api/v1/cart/add/").service_response("post", data=request.data)
        return Response(upstream.json(), status=upstream.status_code)


class ItemDeleteView(GenericAPIView):
    permission_classes = (AllowAny,)

    def post(self, request, *args, **kwargs):
        upstream = CartService(request=request, url="/api/v1/item/delete/").service_response("post", data=request.data)
        return Response(upstream.json(), status=upstream.status_code)
