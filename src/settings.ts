/**
 * Repository settings: the few choices a team makes for its own Hindsight, in one place. The build,
 * `npm run check` and the tools read them from here (see README).
 */
export const settings = {
  /**
   * Postmortem bodies are untrusted: safe MDX only (no imports, exports, expressions, scripts or
   * event handlers; only the site's components). A repository whose authors are all trusted may set
   * this to `true` to allow any MDX.
   */
  trustedMdx: false,
  /** Origins allowed to frame the runbook embeds (`frame-ancestors`), like `https://wiki.example.com`. */
  embedOrigins: [] as string[],
  /** An incident repeats an earlier one that shares a service and the cause category within this many days. */
  repeatWindowDays: 180,
  /**
   * Impact minutes on the insights pages: an incident's duration (started → resolved) times its
   * severity's weight. A SEV1 minute counts in full, and each lower severity half as much as the
   * one above it.
   */
  severityWeights: { SEV1: 1, SEV2: 0.5, SEV3: 0.25, SEV4: 0.125 },
};
