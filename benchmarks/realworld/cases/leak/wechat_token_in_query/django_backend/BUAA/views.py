import json
import random
import string

import requests
from rest_framework.decorators import api_view, authentication_classes
from rest_framework.response import Response

from BUAA import utils
from BUAA.authentication import AdminAuthentication, UserAuthentication

base_dir = "/srv/campus/media/"
web_dir = "https://campus.example.edu/media/"


def random_name(length=16):
    return "".join(random.choices(string.ascii_letters + string.digits, k=length))


@api_view(["POST"])
@authentication_classes([UserAuthentication, AdminAuthentication])
def get_page_qrcode(request):
    body = {"path": request.data["path"], "width": request.data["width"]}
    response = requests.post(
        url="https://api.weixin.qq.com/cgi-bin/wxaapp/createwxaqrcode?access_token=" + utils.get_access_token(),  # expect: NHL403
        data=json.dumps(body),
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    path = "qrcode/" + random_name() + ".png"
    with open(base_dir + path, "wb") as image:
        image.write(response.content)
    return Response(data={"img": web_dir + path}, status=200)
