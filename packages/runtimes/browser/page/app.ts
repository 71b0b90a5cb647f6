// The page's script: @orgadmin/client as a dashboard would bundle it, handed to the test as
// `window.orgadmin` so each test drives it from inside the page.
import * as orgadmin from "@orgadmin/client";

declare global {
  interface Window {
    orgadmin: typeof orgadmin;
  }
}

window.orgadmin = orgadmin;
document.body.dataset.ready = "true";
