AZURE_CLI_APP_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"  # the public Azure CLI client id
GRAPH_API_SCOPE = "https://graph.microsoft.com/.default"
POWER_APPS_SCOPE = "https://service.powerapps.com/.default"
API_HUB_SCOPE = "https://apihub.azure.com/.default"
