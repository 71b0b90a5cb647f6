// Create an organization with an ACU limit.
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
const org = await client.POST("/organizations", { body: { name: "工程团队", acu_limit: 1000 } });
console.log(`Created organization ${org.id}`);
