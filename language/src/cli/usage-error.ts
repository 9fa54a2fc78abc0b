/** The user's call was wrong (missing file, bad option...): reported in one line, exit code 2. */
export class UsageError extends Error { }
