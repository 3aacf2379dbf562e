/**
 * Further CLI commands (`jd`, `coverage`, `questions`), kept apart from the lint entry point.
 */
import { coverageCommand } from './coverage';
import { jdCommand } from './jd';
import { questionsCommand } from './questions';
import type { Io } from './io';

/** A command: parses its own arguments, writes through `io`, returns the exit code. */
export type Command = (args: string[], io: Io) => Promise<number>;

/** Commands beyond lint and classify, by name. */
export const EXTRA_COMMANDS: Record<string, Command> = {
  jd: jdCommand,
  coverage: coverageCommand,
  questions: questionsCommand,
};
