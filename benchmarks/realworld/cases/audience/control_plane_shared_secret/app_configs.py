import os

# Shared with the control plane: it signs tenant requests with it, and so do we.
DATA_PLANE_SECRET = os.environ.get("DATA_PLANE_SECRET", "")
EXPECTED_API_KEY = os.environ.get("EXPECTED_API_KEY", "")
JWT_ALGORITHM = os.environ.get("JWT_ALGORITHM", "HS256")
CONTROL_PLANE_URL = os.environ.get("CONTROL_PLANE_API_BASE_URL", "https://control.example.internal")
