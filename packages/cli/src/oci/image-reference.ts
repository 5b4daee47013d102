import { UserError } from "../user-error.js";

/** Where an image goes: `registry/repository:tag`. */
export interface ImageReference {
  /** The registry host (and port) as the user wrote it; `docker.io` when the reference names none. */
  readonly registry: string;
  /** The repository path, `library/` added for Docker Hub's official images as Docker does. */
  readonly repository: string;
  readonly tag: string;
}

const DOCKER_HUB = "docker.io";
/** Docker Hub's registry API host. */
const DOCKER_HUB_API = "registry-1.docker.io";
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Parses an image reference as Docker does: the first path component is the registry when it has a dot or a port
 * or is `localhost`; the tag defaults to `latest`.
 */
export function parseImageReference(text: string): ImageReference {
  const ref = text.replace(/^oci:\/\//, "");
  const slash = ref.indexOf("/");
  const first = slash < 0 ? "" : ref.slice(0, slash);
  const hasRegistry = first.includes(".") || first.includes(":") || first === "localhost";
  const registry = hasRegistry ? first : DOCKER_HUB;
  const rest = hasRegistry ? ref.slice(slash + 1) : ref;
  const colon = rest.lastIndexOf(":");
  const path = colon < 0 ? rest : rest.slice(0, colon);
  const tag = colon < 0 ? "latest" : rest.slice(colon + 1);
  const repository = registry === DOCKER_HUB && !path.includes("/") ? `library/${path}` : path;
  if (!REPOSITORY.test(repository) || !TAG.test(tag)) {
    throw new UserError(`"${text}" is not an image reference`,
      "Write it as <registry>/<repository>:<tag>, e.g. localhost:5000/plugins/hello-world:0.1.0 (lower-case repository).");
  }
  return { registry, repository, tag };
}

/** The host that serves a registry's API (Docker Hub's differs from its name). */
export function registryHost(ref: ImageReference): string {
  return ref.registry === DOCKER_HUB ? DOCKER_HUB_API : ref.registry;
}

/** The reference as text: `registry/repository:tag`. */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}:${ref.tag}`;
}
