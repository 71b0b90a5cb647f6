# ORGADMIN_BASE_URL unset: production.
curl --fail-with-body -sS "${ORGADMIN_BASE_URL:-https://api.devin.ai/v2/enterprise}/sessions/insights?limit=50&offset=0" \
  -H "Authorization: Bearer $DEVIN_API_KEY"
