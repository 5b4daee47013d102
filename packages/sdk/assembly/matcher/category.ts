/** Which condition a rule matches on, decided from the keys present (route > domain > service > route prefix). */
export enum Category {
  Route = 0,
  Host = 1,
  Service = 2,
  RoutePrefix = 3,
  /** Both `_match_route_` and `_match_service_`: the route must match and so must the service. */
  RouteAndService = 4,
}

/** How a `_match_domain_` entry compares to the request host. */
export enum MatchType {
  /** `www.*`: the host starts with `www.`. */
  Prefix = 0,
  /** `www.example.com`: the host is exactly that. */
  Exact = 1,
  /** `*.example.com`: the host ends with `.example.com` (so `example.com` itself does not match). */
  Suffix = 2,
}
