import json

import boto3


def get_secret(secret_name: str, region_name: str) -> dict:
    client = boto3.session.Session().client("secretsmanager", region_name=region_name)
    return json.loads(client.get_secret_value(SecretId=secret_name)["SecretString"])
