import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "http://127.0.0.1:4020")
organization_id = "org_abc123"

response = requests.get(
    f"{BASE_URL}/v1/organizations/{organization_id}",
    headers={"Authorization": f"Bearer {API_KEY}"},
)
response.raise_for_status()
org = response.json()["data"]
print(f"{org['name']}: {org['members_count']} members")
