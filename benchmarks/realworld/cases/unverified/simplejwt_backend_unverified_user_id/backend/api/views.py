from rest_framework import generics, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from core.helpers import get_user_id
from measurements.models import BloodPressure
from measurements.serializers import BloodPressureSerializer


class MeasurementPermission(BasePermission):
    message = "Only the author of a measurement can see it."

    def has_permission(self, request, view):
        return bool(get_user_id(request))

    def has_object_permission(self, request, view, obj):
        return obj.user.pk == get_user_id(request)


class BloodPressureList(generics.ListCreateAPIView):
    permission_classes = [MeasurementPermission]
    serializer_class = BloodPressureSerializer

    def get_queryset(self):
        return BloodPressure.objects.filter(user_id=get_user_id(self.request))

    def post(self, request, *args, **kwargs):
        data = {"user": get_user_id(request), **request.data}
        serializer = self.get_serializer(data=data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        serializer.save()
        return Response("Measurement added")
