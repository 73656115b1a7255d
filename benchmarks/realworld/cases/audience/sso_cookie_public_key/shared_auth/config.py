"""Names of the settings every frontend of the platform must define."""

import enum

AUTH_HOST_SETTING = "AUTHENTICATOR_HOST"
SESSION_COOKIE_SETTING = "PLATFORM_SESSION_COOKIE_NAME"
PUBLIC_KEY_SETTING = "SESSION_RS256_PUBLIC_KEY"
SIGN_OUT_ROUTE = "/sessions/sign-out"


class FrontendApp(enum.Enum):
    APPLY = "apply-frontend"
    ASSESS = "assessment-frontend"
    REPORTING = "reporting-frontend"
