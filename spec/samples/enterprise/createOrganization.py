import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "https://api.devin.ai/v2/enterprise")

response = requests.post(
    f"{BASE_URL}/organizations",
    headers={
        "Authorization": f"Bearer {API_KEY}",
        "Content-Type": "application/json",
    },
    json={
        "name": "工程团队",
        "acu_limit": 1000
    },
)
response.raise_for_status()
org = response.json()
print(f"已创建组织: {org['id']}")
