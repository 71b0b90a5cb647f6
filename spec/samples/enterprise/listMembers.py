import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "https://api.devin.ai/v2/enterprise")

response = requests.get(
    f"{BASE_URL}/members",
    headers={"Authorization": f"Bearer {API_KEY}"},
)
response.raise_for_status()
members = response.json()
for member in members["members"]:
    print(f"{member['email']} - {member['role']}")
