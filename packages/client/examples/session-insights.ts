// One page of session insights (listAllSessionInsights walks every page).
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
const { sessions } = await client.GET("/sessions/insights", { params: { query: { limit: 50, offset: 0 } } });
for (const session of sessions) {
  console.log(`Session ${session.id}: ${session.insight}`);
}
