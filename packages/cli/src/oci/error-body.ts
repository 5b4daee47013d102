/**
 * The message in an error body from a registry or its token service, if it carries one: the first of distribution's
 * `{"errors":[{"code":..,"message":..}]}`, Docker Hub's token service `{"details":..}`, or OAuth2's
 * `{"error_description":..}` / `{"error":..}`.
 */
export function errorMessageOf(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { errors, details, error_description: description, error } = parsed as {
    errors?: { message?: unknown }[]; details?: unknown; error_description?: unknown; error?: unknown;
  };
  const message = Array.isArray(errors) ? errors[0]?.message : details ?? description ?? error;
  return typeof message === "string" && message !== "" ? message : undefined;
}
