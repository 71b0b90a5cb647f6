// ACU consumption of the current billing cycle (the list is newest first).
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
const { cycles } = await client.GET("/consumption/cycles");
const current = cycles[0];
if (current) {
  console.log(`Current cycle: ${current.start_date} to ${current.end_date}`);
  console.log(`ACUs used: ${current.acus_used}`);
}
