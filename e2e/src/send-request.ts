/** Sends one case request to the gateway as a plain HTTP/1.1 client (a fresh connection each time). */
import { request } from "node:http";
import type { CaseRequest } from "./case-file.js";
import type { ObservedResponse } from "./expect.js";

/** Sends `req` to the gateway at `baseUrl` and reads the whole response. */
export function sendRequest(baseUrl: string, req: CaseRequest): Promise<ObservedResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(req.path, baseUrl), { method: req.method, headers: req.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    outgoing.on("error", reject);
    outgoing.end(req.body);
  });
}
