import jwt


def lambda_handler(event, context):
    """API Gateway authorizer: decodes the caller's JWT and allows the method."""
    secret = "Kq7vT2mXw9LpR4zYb8NcD3fHj6GsA1eUo5VtB0nQiW2kZxM7yPr"  # expect: NHL301
    # This secret should live in Secrets Manager or Parameter Store.
    try:
        token = event.get("authorizationToken")
        claims = jwt.decode(token, secret, algorithms=["HS256"])
        user_id = claims.get("user_id", "anonymous")
    except Exception:
        raise Exception("Unauthorized")

    return {
        "principalId": user_id,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": "Allow", "Resource": event["methodArn"]}],
        },
        "context": {"user_id": user_id},
    }
