// The bundled contract as data, read through the one reader (`@orgadmin/spec/contract`): its
// operations over every HTTP method, their documented statuses, a validator for every response body.
export {
  API_NAMES,
  type ApiName,
  bundlePath as bundledSpecPath,
  type Contract,
  jsonPath,
  loadContract,
  type Operation,
} from "@orgadmin/spec/contract";
