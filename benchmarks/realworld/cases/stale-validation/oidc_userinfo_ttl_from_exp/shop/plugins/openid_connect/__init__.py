PLUGIN_ID = "shop.authentication.openidconnect"
