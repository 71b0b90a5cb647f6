// The last seven days of audit logs, one page of up to 100.
import type { AuditLogEntry } from "@orgadmin/client/enterprise";
import { enterpriseClient } from "./env.js";

const line = (log: AuditLogEntry) => `${log.timestamp} - ${log.action} by ${log.actor}`;

const client = enterpriseClient();
const startDate = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000).toISOString();
const { logs } = await client.GET("/audit-logs", {
  params: { query: { start_date: startDate, limit: 100 } },
});
for (const log of logs) {
  console.log(line(log));
}
