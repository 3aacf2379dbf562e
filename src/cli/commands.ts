/**
 * Further CLI commands (`jd`, `coverage`, `questions`), kept apart from the lint entry point and
 * loaded when run: a `lint` never evaluates them (or the question bank they bring), which keeps
 * its start-up short.
 */
import type { Io } from './io';

/** A command: parses its own arguments, writes through `io`, returns the exit code. */
export type Command = (args: string[], io: Io) => Promise<number>;

/** Commands beyond lint and classify, by name. */
export const EXTRA_COMMANDS: Record<string, Command> = {
  jd: async (args, io) => (await import('./jd')).jdCommand(args, io),
  coverage: async (args, io) => (await import('./coverage')).coverageCommand(args, io),
  questions: async (args, io) => (await import('./questions')).questionsCommand(args, io),
};
