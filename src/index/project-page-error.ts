/** A project page (PEP 503 HTML / PEP 691 JSON) that cannot be used. Names the redacted URL. */
export class ProjectPageError extends Error {
  constructor(
    /** Redacted page URL. */
    readonly url: string,
    readonly reason: string,
  ) {
    super(`unusable project page ${url}: ${reason}`);
    this.name = 'ProjectPageError';
  }
}
