/** A failure the user can fix: what went wrong (naming the file or value) and what to do about it. */
export class UserError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = "UserError";
  }
}
