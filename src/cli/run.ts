/** The CLI shell. Returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  if (argv[0] === '--version') {
    process.stdout.write('wheelhouse 0.1.0\n');
    return 0;
  }
  process.stderr.write('wheelhouse: not implemented yet\n');
  return 2;
}
