# ORGADMIN_BASE_URL unset: the sandbox on its default port.
curl --fail-with-body -sS -X POST "${ORGADMIN_BASE_URL:-http://127.0.0.1:4020}/v1/organizations" \
  -H "Authorization: Bearer $DEVIN_API_KEY" \
  -H 'Content-Type: application/json' \
  --data '{"name": "我的组织", "description": "组织描述", "settings": {"default_role": "member", "allow_public_projects": false}}'
