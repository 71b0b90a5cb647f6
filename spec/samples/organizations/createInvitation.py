import os

import requests

API_KEY = os.getenv("DEVIN_API_KEY")
BASE_URL = os.getenv("ORGADMIN_BASE_URL", "http://127.0.0.1:4020")
organization_id = "org_abc123"

response = requests.post(
    f"{BASE_URL}/v1/organizations/{organization_id}/invitations",
    headers={
        "Authorization": f"Bearer {API_KEY}",
        "Content-Type": "application/json",
    },
    json={
        "email": "newmember@example.com",
        "role": "member",
        "message": "欢迎加入我们的组织"
    },
)
response.raise_for_status()
invitation = response.json()["data"]
print(f"已邀请 {invitation['email']}, 有效期至 {invitation['expires_at']}")
