# ORGADMIN_BASE_URL unset: the sandbox on its default port.
curl --fail-with-body -sS -X PUT "${ORGADMIN_BASE_URL:-http://127.0.0.1:4020}/v1/organizations/org_abc123/members/user_123" \
  -H "Authorization: Bearer $DEVIN_API_KEY" \
  -H 'Content-Type: application/json' \
  --data '{"role": "admin"}'
