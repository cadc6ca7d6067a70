interface ImportMetaEnv {
  /** JSON of ListingOptions, defined by the content-check integration. */
  readonly HINDSIGHT_LISTING: string;
}
