# ORGADMIN_BASE_URL unset: production.
curl --fail-with-body -sS -X POST "${ORGADMIN_BASE_URL:-https://api.devin.ai/v2/enterprise}/organizations" \
  -H "Authorization: Bearer $DEVIN_API_KEY" \
  -H 'Content-Type: application/json' \
  --data '{"name": "工程团队", "acu_limit": 1000}'
