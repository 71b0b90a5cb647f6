// 获取用量指标 — ACU consumption of the current billing cycle (the list is newest first).
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
const { cycles } = await client.GET("/consumption/cycles");
const current = cycles[0];
if (current) {
  console.log(`当前周期:${current.start_date} 至 ${current.end_date}`);
  console.log(`已使用 ACU:${current.acus_used}`);
}
