# ORGADMIN_BASE_URL unset: production.
curl --fail-with-body -sS -X POST "${ORGADMIN_BASE_URL:-https://api.devin.ai/v2/enterprise}/organizations/org_abc123/permissions" \
  -H "Authorization: Bearer $DEVIN_API_KEY" \
  -H 'Content-Type: application/json' \
  --data '{"provider": "github", "repository": "org/repo-name", "permission": "read"}'
