import { UserError } from "../user-error.js";
import type { OciBlob } from "./blob.js";
import { basicAuthorization, fetchBearerToken, parseChallenge, type Credentials } from "./registry-auth.js";
import { errorMessageOf } from "./error-body.js";
import { registryHost, type ImageReference } from "./image-reference.js";

const LOGIN = "Pass --username and --password (or set HIGRESS_TS_USERNAME and HIGRESS_TS_PASSWORD).";
const CHECK_LOGIN = "Check the user name and password (--username and --password, or HIGRESS_TS_USERNAME and HIGRESS_TS_PASSWORD).";
const TOKEN_SERVICE_DOWN = "The registry sends clients to that token service for a login: check that it is up and reachable from here.";

/** How to reach a registry. */
export interface RegistryOptions {
  /** Plain http instead of https. */
  readonly insecure: boolean;
  readonly credentials: Credentials | null;
}

/**
 * A client of one repository over the OCI distribution API: blob existence, blob upload (POST then PUT with the
 * digest) and manifest upload. It answers the registry's `WWW-Authenticate` challenge once, with basic auth or a
 * bearer token from the named realm, and reuses the answer for later requests.
 */
export class RegistryClient {
  private readonly base: URL;
  private authorization: string | null = null;

  constructor(private readonly ref: ImageReference, private readonly options: RegistryOptions) {
    this.base = new URL(`${options.insecure ? "http" : "https"}://${registryHost(ref)}/v2/${ref.repository}/`);
  }

  /** Whether the registry already has the blob. */
  async hasBlob(digest: string): Promise<boolean> {
    const response = await this.send("HEAD", `blobs/${digest}`);
    if (response.status === 404) return false;
    await this.expect(response, [200], `checking blob ${digest}`);
    return true;
  }

  /** Uploads a blob: POST opens an upload session, PUT sends the bytes and closes it with the digest. */
  async uploadBlob(blob: OciBlob): Promise<void> {
    const started = await this.send("POST", "blobs/uploads/");
    await this.expect(started, [202], `starting the upload of ${blob.digest}`);
    const location = started.headers.get("location");
    if (!location) throw new UserError(`${this.base.host} started an upload without a Location header`, "Check that it is an OCI registry.");
    const upload = new URL(location, this.base);
    upload.searchParams.set("digest", blob.digest);
    const finished = await this.send("PUT", upload, blob.bytes, "application/octet-stream");
    await this.expect(finished, [201], `uploading ${blob.digest}`);
  }

  /** Uploads the manifest under the tag; resolves to the digest the registry stored it under. */
  async putManifest(manifest: OciBlob): Promise<string> {
    const response = await this.send("PUT", `manifests/${this.ref.tag}`, manifest.bytes, manifest.mediaType);
    await this.expect(response, [201], `uploading the manifest for tag ${this.ref.tag}`);
    return response.headers.get("docker-content-digest") ?? manifest.digest;
  }

  private async send(method: string, path: string | URL, body?: Uint8Array, contentType?: string): Promise<Response> {
    const url = new URL(path, this.base);
    const request = (): Promise<Response> => fetch(url, {
      method,
      headers: {
        ...(this.authorization ? { authorization: this.authorization } : {}),
        ...(contentType ? { "content-type": contentType } : {}),
      },
      ...(body ? { body } : {}),
    }).catch((error: Error) => {
      const cause = ((error.cause as Error | undefined)?.message ?? error.message).trim();
      throw new UserError(`cannot reach ${url.origin}: ${cause}`, this.options.insecure
        ? "Check the registry address and that it is running."
        : "Check the registry address; for a registry that serves plain http, pass --insecure.");
    });
    const response = await request();
    if (response.status !== 401 || this.authorization) return response;
    await response.arrayBuffer();
    this.authorization = await this.answer(response.headers.get("www-authenticate"));
    return request();
  }

  /** The Authorization value that answers a challenge. */
  private async answer(header: string | null): Promise<string> {
    const challenge = header ? parseChallenge(header) : null;
    const { credentials } = this.options;
    if (challenge?.scheme === "basic") {
      if (!credentials) throw new UserError(`${this.base.host} requires a login`, LOGIN);
      return basicAuthorization(credentials);
    }
    if (challenge?.scheme === "bearer") {
      const scope = `repository:${this.ref.repository}:pull,push`;
      const answer = await fetchBearerToken(challenge, scope, credentials);
      if ("error" in answer) {
        const fix = !answer.loginRefused ? TOKEN_SERVICE_DOWN : credentials ? CHECK_LOGIN : LOGIN;
        throw new UserError(`cannot log in to ${this.base.host}: ${answer.error}`, fix);
      }
      return `Bearer ${answer.token}`;
    }
    throw new UserError(`${this.base.host} refused the request (401) with ${header ? `an unsupported challenge: ${header}` : "no challenge"}`,
      "Only basic and bearer (token) authentication are supported.");
  }

  /**
   * Throws unless the response has one of the statuses, with the registry's reason: its error body's message, or for a
   * bodiless answer (HEAD) the `error` of its challenge (a token's `insufficient_scope`).
   */
  private async expect(response: Response, statuses: number[], what: string): Promise<void> {
    if (statuses.includes(response.status)) return;
    const challenge = parseChallenge(response.headers.get("www-authenticate") ?? "");
    const reason = errorMessageOf(await response.text()) ?? challenge?.params["error"];
    const denied = response.status === 401 || response.status === 403;
    const fix = !denied ? "Check the registry's log for the reason." : this.options.credentials ? "Check that the login may push to this repository." : LOGIN;
    throw new UserError(`${this.base.host} answered ${response.status} ${response.statusText}${reason ? ` (${reason})` : ""} when ${what}`, fix);
  }
}
