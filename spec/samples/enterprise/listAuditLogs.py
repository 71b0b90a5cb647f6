import os
from datetime import datetime, timedelta, timezone

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "https://api.devin.ai/v2/enterprise")
start_date = (datetime.now(timezone.utc) - timedelta(days=7)).isoformat()

response = requests.get(
    f"{BASE_URL}/audit-logs",
    headers={"Authorization": f"Bearer {API_KEY}"},
    params={"start_date": start_date, "limit": 100},
)
response.raise_for_status()
logs = response.json()
for log in logs["logs"]:
    print(f"{log['timestamp']} - {log['action']} by {log['actor']}")
