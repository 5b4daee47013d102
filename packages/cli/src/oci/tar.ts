import { pack } from "tar-stream";

/** One regular file of a tar archive. */
export interface TarFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * A tar archive of regular files in the given order, with the same metadata for every file: mode 0644, the given
 * modification time, uid and gid 0 and no user or group names. Equal files make equal archives, on any machine.
 */
export async function tarFiles(files: readonly TarFile[], mtime: Date): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const read = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer);
  })();
  for (const file of files) {
    const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
    archive.entry({ name: file.name, type: "file", mode: 0o644, mtime, uid: 0, gid: 0, uname: "", gname: "", size: bytes.length }, bytes);
  }
  archive.finalize();
  await read;
  return Buffer.concat(chunks);
}
