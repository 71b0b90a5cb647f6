import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "https://api.devin.ai/v2/enterprise")

response = requests.get(
    f"{BASE_URL}/sessions/insights",
    headers={"Authorization": f"Bearer {API_KEY}"},
    params={"limit": 50, "offset": 0},
)
response.raise_for_status()
sessions = response.json()
for session in sessions["sessions"]:
    print(f"Session {session['id']}: {session['insight']}")
