import jwt


def authorize(event, context):
    authorization = event["headers"]["Authorization"]
    token = authorization.split(" ")[1]
    print(token)  # expect: NHL404

    try:
        claims = jwt.decode(token, options={"verify_signature": False})  # expect: NHL102
        if claims.get("custom:is_viewer", "") == "true":
            return generate_policy(claims.get("sub", "user"), "Allow", event["methodArn"])
        return generate_policy("user", "Deny", event["methodArn"])
    except jwt.ExpiredSignatureError:
        return generate_policy("user", "Deny", event["methodArn"])
    except jwt.InvalidTokenError:
        return generate_policy("user", "Deny", event["methodArn"])


def generate_policy(principal_id, effect, resource):
    return {
        "principalId": principal_id,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": resource}],
        },
    }
