import requests
from flask import current_app


class KubernetesDestinationPlugin:
    title = "Kubernetes"
    slug = "kubernetes-destination"

    def __init__(self, options):
        self.options = options

    def get_option(self, name, options):
        return next((item.get("value") for item in options if item.get("name") == name), None)

    def k8s_bearer(self, options):
        bearer = self.get_option("kubernetesAuthToken", options)
        if not bearer:
            bearer_file = self.get_option("kubernetesAuthTokenFile", options)
            with open(bearer_file) as handle:
                bearer = handle.readline().strip()
            if not bearer:
                raise Exception("Unable to locate token in options or from %s" % bearer_file)
            current_app.logger.debug("Using token read from %s", bearer_file)
        else:
            current_app.logger.debug("Using token from options")
        return bearer

    def k8s_cert(self, options):
        return self.get_option("kubernetesServerCertificateFile", options)

    def upload_secret(self, name, data, options):
        base_uri = self.get_option("kubernetesURL", options)
        namespace = self.get_option("kubernetesNamespace", options) or "default"
        response = requests.put(
            f"{base_uri}/api/v1/namespaces/{namespace}/secrets/{name}",
            json={"apiVersion": "v1", "kind": "Secret", "metadata": {"name": name}, "data": data},
            headers={"Authorization": "Bearer " + self.k8s_bearer(options)},
            verify=self.k8s_cert(options),
            timeout=30,
        )
        if not response.ok:
            current_app.logger.error("Error deploying resource: %s", response.status_code)
            raise Exception("Error uploading secret")
