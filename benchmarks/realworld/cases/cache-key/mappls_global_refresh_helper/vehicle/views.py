from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .utils import get_device_list, get_device_positions


@require_GET
def devices(request):
    resp = get_device_list()
    return JsonResponse(resp.json(), status=resp.status_code, safe=False)


@require_GET
def positions(request):
    ids = request.GET.getlist("id")
    resp = get_device_positions(ids)
    return JsonResponse(resp.json(), status=resp.status_code, safe=False)
