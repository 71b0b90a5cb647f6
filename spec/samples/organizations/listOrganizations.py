import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "http://127.0.0.1:4020")

response = requests.get(
    f"{BASE_URL}/v1/organizations",
    headers={"Authorization": f"Bearer {API_KEY}"},
    params={"page": 1, "page_size": 10},
)
response.raise_for_status()
data = response.json()["data"]
for org in data["organizations"]:
    print(f"{org['id']} - {org['name']}")
print(f"{data['total']} in all")
