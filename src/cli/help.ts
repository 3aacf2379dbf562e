/**
 * The version and help text: all `prep-loop --version` and `--help` need, so the launcher
 * (`bin.ts`) answers them without loading the linter.
 */
declare const PREP_LOOP_VERSION: string;
/** This build's version (set by the bundler). */
export const VERSION = typeof PREP_LOOP_VERSION === 'string' ? PREP_LOOP_VERSION : '0.0.0-dev';

/** `prep-loop --help`. */
export const HELP = `prep-loop ${VERSION} — lint PM / PO interview prep notes

Usage:
  prep-loop lint [paths|globs…] [--format stylish|json|sarif] [--config FILE] [--fix]
                 [--cache] [--cache-location PATH] [--concurrency auto|off|N]
                 [--min-severity error|warning|info|hint]
  prep-loop classify [FILE|-] [--json]
  prep-loop jd [FILE|-] [--json]
  prep-loop coverage [paths…] [--json]
  prep-loop questions [--loop pm|po] [--json]
  prep-loop --help | --version

lint       Checks prep docs (markdown with "loop: pm|po|hybrid" front matter, or a loopByGlob match).
           Exit code 0: no errors; 1: at least one error-severity finding; 2: usage or file problem.
           --cache keeps results of unchanged files (default node_modules/.cache/prep-loop/);
           --concurrency sets the threads (auto: every core for big folders on 3+ cores, one for a few files).
           --min-severity warning reports (and --fix applies) only warnings and errors, say for CI.
classify   Says whether a text reads as PM or PO work, with the evidence terms.
jd         Classifies a job description by its responsibilities, not its title.
coverage   Counts stories per loop, axis and interview drill.
questions  Prints the interview question bank, with worked outlines for metric and case questions.
`;

