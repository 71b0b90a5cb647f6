import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "https://api.devin.ai/v2/enterprise")

response = requests.post(
    f"{BASE_URL}/members/invite",
    headers={
        "Authorization": f"Bearer {API_KEY}",
        "Content-Type": "application/json",
    },
    json={
        "emails": [
            "user1@example.com",
            "user2@example.com"
        ],
        "role": "member"
    },
)
response.raise_for_status()
result = response.json()
print(f"Invited {len(result['invited'])} members")
