from rest_framework import permissions, viewsets

from .authentications import CachedTokenAuthentication
from .models import Account
from .serializers import AccountSerializer


class AccountViewSet(viewsets.ModelViewSet):
    authentication_classes = [CachedTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = AccountSerializer

    def get_queryset(self):
        return Account.objects.filter(owner=self.request.user)
