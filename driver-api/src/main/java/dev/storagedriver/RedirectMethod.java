package dev.storagedriver;

/** The HTTP method a redirect URL is made for: object stores sign the method into the URL. */
public enum RedirectMethod {
  /** Fetch the content. */
  GET,
  /** Fetch only the headers (the length). */
  HEAD
}
