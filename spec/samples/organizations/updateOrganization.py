import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "http://127.0.0.1:4020")
organization_id = "org_abc123"

response = requests.put(
    f"{BASE_URL}/v1/organizations/{organization_id}",
    headers={
        "Authorization": f"Bearer {API_KEY}",
        "Content-Type": "application/json",
    },
    json={
        "name": "新组织名称",
        "description": "新组织描述",
        "settings": {
            "default_role": "member",
            "allow_public_projects": True
        }
    },
)
response.raise_for_status()
org = response.json()["data"]
print(f"已更新组织: {org['name']}")
