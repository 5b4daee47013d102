/**
 * The gateway bench's upstream, run as its own process so it does not share the gateway's event loop: a
 * node:http server on a free loopback port answering every request 200 with a short JSON body. Prints its port.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const BODY = '{"ok":true}';

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": String(BODY.length) });
    res.end(BODY);
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
