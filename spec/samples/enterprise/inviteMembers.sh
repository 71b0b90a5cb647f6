# ORGADMIN_BASE_URL unset: production.
curl --fail-with-body -sS -X POST "${ORGADMIN_BASE_URL:-https://api.devin.ai/v2/enterprise}/members/invite" \
  -H "Authorization: Bearer $DEVIN_API_KEY" \
  -H 'Content-Type: application/json' \
  --data '{"emails": ["user1@example.com", "user2@example.com"], "role": "member"}'
