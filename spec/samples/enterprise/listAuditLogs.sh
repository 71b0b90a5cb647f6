# Entries of the last seven days (GNU date).
start_date=$(date -u -d "7 days ago" +%Y-%m-%dT%H:%M:%SZ)
curl --fail-with-body -sS "${ORGADMIN_BASE_URL:-https://api.devin.ai/v2/enterprise}/audit-logs?start_date=$start_date&limit=100" \
  -H "Authorization: Bearer $DEVIN_API_KEY"
