import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "http://127.0.0.1:4020")
organization_id = "org_abc123"
member_id = "user_123"

response = requests.put(
    f"{BASE_URL}/v1/organizations/{organization_id}/members/{member_id}",
    headers={
        "Authorization": f"Bearer {API_KEY}",
        "Content-Type": "application/json",
    },
    json={
        "role": "admin"
    },
)
response.raise_for_status()
member = response.json()["data"]
print(f"{member['email']} is now {member['role']}")
