import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "https://api.devin.ai/v2/enterprise")

response = requests.get(
    f"{BASE_URL}/consumption/cycles",
    headers={"Authorization": f"Bearer {API_KEY}"},
)
response.raise_for_status()
cycles = response.json()
current_cycle = cycles["cycles"][0]
print(f"当前周期:{current_cycle['start_date']} 至 {current_cycle['end_date']}")
print(f"已使用 ACU:{current_cycle['acus_used']}")
