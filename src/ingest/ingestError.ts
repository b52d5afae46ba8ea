/**
 * A row the build cannot read. The message names the file, the line and what is wrong, so the integrator can
 * fix the export; `reshelf build` stops on the first one (exit code 1), or counts them with `--skip-invalid`.
 */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line of the row; 0 for a problem with the whole file (a missing column, an unreadable file). */
    readonly line: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`);
    this.name = 'IngestError';
  }
}

/** Collects skipped malformed rows under `--skip-invalid`: a count, and the first few for the report. */
export class InvalidRows {
  count = 0;
  readonly examples: string[] = [];
  /** Count per file, so each file's input total includes its own skipped rows. */
  readonly byFile = new Map<string, number>();

  constructor(private readonly keepExamples = 5) {}

  add(error: IngestError): void {
    this.count++;
    this.byFile.set(error.file, (this.byFile.get(error.file) ?? 0) + 1);
    if (this.examples.length < this.keepExamples) this.examples.push(error.message);
  }
}
