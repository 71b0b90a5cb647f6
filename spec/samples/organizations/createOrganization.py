import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "http://127.0.0.1:4020")

response = requests.post(
    f"{BASE_URL}/v1/organizations",
    headers={
        "Authorization": f"Bearer {API_KEY}",
        "Content-Type": "application/json",
    },
    json={
        "name": "我的组织",
        "description": "组织描述",
        "settings": {
            "default_role": "member",
            "allow_public_projects": False
        }
    },
)
response.raise_for_status()
org = response.json()["data"]
print(f"已创建组织: {org['id']}")
