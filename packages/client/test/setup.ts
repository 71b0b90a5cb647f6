import { afterAll, expect } from "vitest";
import { API_KEY, everythingIn, producedErrors } from "./support/leaks.js";

// Runs after each test file: no error the client produced in it may carry the key.
afterAll(() => {
  for (const error of producedErrors()) {
    expect(everythingIn(error)).not.toContain(API_KEY);
  }
});
