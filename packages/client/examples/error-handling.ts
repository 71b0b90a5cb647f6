// 错误处理 — tell an invalid key, a missing admin role and rate limiting apart.
// Rate limits are retried (honouring Retry-After) before the error reaches this code.
import {
  EnterpriseApiError,
  EnterpriseAuthenticationError,
  EnterprisePermissionDeniedError,
  EnterpriseRateLimitError,
} from "@orgadmin/client";
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
try {
  await client.GET("/members");
} catch (e) {
  if (e instanceof EnterpriseAuthenticationError) {
    console.log("API key 无效");
  } else if (e instanceof EnterprisePermissionDeniedError) {
    console.log("权限不足 - 需要 Enterprise 管理员权限");
  } else if (e instanceof EnterpriseRateLimitError) {
    console.log("已超出速率限制 - 请稍后重试");
  } else if (e instanceof EnterpriseApiError) {
    console.log(`API 错误:${e.message}`);
  } else {
    throw e;
  }
}
