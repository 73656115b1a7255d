# Headers copied from the caller's request onto calls this API makes for it: tracing only.
PASS_THROUGH_HEADERS = [
    "X-Request-Id",
    "traceparent",
]


def get_headers(headers):
    forwarded = {}
    for name in PASS_THROUGH_HEADERS:
        value = headers.get(name)
        if value is not None:
            forwarded[name] = value
    return forwarded
