/** A CLI command: parsing and printing only; the work lives in the libraries it calls. */
export interface Command {
  help: string;
  /** Resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}
