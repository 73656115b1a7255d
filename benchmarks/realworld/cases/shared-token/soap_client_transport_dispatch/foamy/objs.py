class Request:
    def __init__(self, operation, url, headers, data=None):
        self.operation = operation
        self.url = url
        self.headers = headers
        self.data = data


class Response:
    def __init__(self, request, status_code, headers, content):
        self.request = request
        self.status_code = status_code
        self.headers = headers
        self.content = content
