import os

client_id = os.environ.get("ClientId", "")
login_base_uri = "https://login.microsoftonline.com/common/oauth2/authorize?"
o365_user_session_key = "O365User"
o365_username_cookie = "O365CookieUsername"
