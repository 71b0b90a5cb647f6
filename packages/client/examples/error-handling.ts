// Tell an invalid key, a missing admin role and rate limiting apart.
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
  console.log("No error: the key is valid and may list the members");
} catch (e) {
  if (e instanceof EnterpriseAuthenticationError) {
    console.log("Invalid API key");
  } else if (e instanceof EnterprisePermissionDeniedError) {
    console.log("Permission denied - an Enterprise admin role is needed");
  } else if (e instanceof EnterpriseRateLimitError) {
    console.log("Rate limit exceeded - try again later");
  } else if (e instanceof EnterpriseApiError) {
    console.log(`API error: ${e.message}`);
  } else {
    throw e;
  }
}
