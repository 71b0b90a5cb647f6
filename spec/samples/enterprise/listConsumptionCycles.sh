# ORGADMIN_BASE_URL unset: production.
curl --fail-with-body -sS "${ORGADMIN_BASE_URL:-https://api.devin.ai/v2/enterprise}/consumption/cycles" \
  -H "Authorization: Bearer $DEVIN_API_KEY"
