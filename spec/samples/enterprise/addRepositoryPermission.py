import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "https://api.devin.ai/v2/enterprise")
org_id = "org_abc123"

response = requests.post(
    f"{BASE_URL}/organizations/{org_id}/permissions",
    headers={
        "Authorization": f"Bearer {API_KEY}",
        "Content-Type": "application/json",
    },
    json={
        "provider": "github",
        "repository": "org/repo-name",
        "permission": "read"
    },
)
response.raise_for_status()
print(f"权限已添加: {response.json()}")
