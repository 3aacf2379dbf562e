/**
 * Runs independent per-file tasks on every core: the calling thread takes tasks from the same
 * queue as a pool of worker threads, and results come back in input order whatever finished
 * first. Below a size threshold the tasks run in this thread only, since starting a worker
 * (loading the bundle, warming the parser) costs more than a few small files.
 *
 * A worker is this same program started again in a thread (`entry`), which answers tasks by name
 * through {@link serveTasks}. Nothing here knows what a task does; `lint` and `coverage` register
 * theirs (`tasks.ts`), and the editor's workspace scan can use the same pool.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';

/** How many threads to use: `auto` (by machine and input size), `off` (this thread only), or a number of threads in all. */
export type Concurrency = 'auto' | 'off' | number;

/** Below this much text to check, `auto` stays in this thread: a worker costs about what ~150 KB of notes do to check. */
export const PARALLEL_MIN_BYTES = 256 * 1024;
/** …and below this many files. */
export const PARALLEL_MIN_FILES = 4;

/**
 * `auto` stays in one thread on a machine already this busy (load average per core): the
 * scheduler then gives the process no second core, and a worker only adds its start-up work
 * (measured: about 20% more CPU time for the same wall time on a shared 2-core machine).
 */
export const BUSY_LOAD_PER_CORE = 1.5;

/**
 * `auto` uses workers only with at least this many cores. One linting thread already keeps about
 * 1.6 cores busy (V8 collects garbage and compiles on helper threads: 2.0 s of CPU in 1.2 s on
 * the real-notes folder), so on two cores a second thread only adds its start-up and its own
 * helpers: measured slower than one thread there at every load seen (1.32 s against 1.26 s at
 * load 0.5, 1.5 s against 1.4 s at load ~1, 2.5 s against 2.1 s at load ~6), with about 15%
 * more CPU.
 */
export const PARALLEL_MIN_CORES = 3;

/**
 * The number of threads (this one included) to run `count` tasks of `bytes` text with. `load`
 * is the 1-minute load average (0 where the system has none, as on Windows).
 */
export function threadsFor(concurrency: Concurrency, count: number, bytes: number, cores = availableParallelism(), load = loadavg()[0]): number {
  if (concurrency === 'off' || count < 2) return 1;
  if (concurrency === 'auto') {
    if (cores < PARALLEL_MIN_CORES || bytes < PARALLEL_MIN_BYTES || count < PARALLEL_MIN_FILES || load >= cores * BUSY_LOAD_PER_CORE) return 1;
    return Math.max(1, Math.min(cores, count));
  }
  return Math.max(1, Math.min(Math.floor(concurrency), count));
}

/** Parses a `--concurrency` value; undefined when it is not one. */
export function parseConcurrency(value: string): Concurrency | undefined {
  if (value === 'auto' || value === 'off') return value;
  return /^[1-9]\d{0,2}$/.test(value) ? Number(value) : undefined;
}

/** The messages between the pool and a worker. */
interface TaskMessage {
  id: number;
  task: string;
  payload: unknown;
}
type ReplyMessage = { id: number; result: unknown } | { id: number; error: string } | { ready: true };

/** Options of {@link runParallel}. */
export interface ParallelOptions {
  /** Threads in all, this one included (1: no worker). */
  threads: number;
  /** The script a worker runs (this program's bundle); without it everything runs in this thread. */
  entry?: string;
  /**
   * Data every task may use (configs, say), sent to each worker once at its start rather than
   * with every task; tasks refer to it by index. Structured-cloneable.
   */
  shared?: unknown;
  /** Order in which to hand out tasks (largest first balances the load); default input order. */
  order?: number[];
}

/** Marks a thread started by the pool, in `workerData`. */
export const WORKER_MARK = 'prepLoopWorker';

/**
 * Runs `task` over `payloads`, `local` in this thread and the same task by name in workers, and
 * returns the results in input order. `local` must not throw (return an error value instead); a
 * worker that fails or exits hands its task back to this thread, so every task gets a result.
 */
export async function runParallel<P, R, S = undefined>(task: string, payloads: readonly P[], local: (p: P, shared: S) => R, options: ParallelOptions & { shared?: S }): Promise<R[]> {
  const shared = options.shared as S;
  const results = new Array<R>(payloads.length);
  const order = options.order ?? payloads.map((_, i) => i);
  let next = 0;
  const take = () => (next < order.length ? order[next++] : undefined);
  const workers = options.entry && options.threads > 1 ? startWorkers(options.threads - 1, options.entry, shared) : [];
  const retry: number[] = [];

  // A lane is done when the queue is empty and its worker holds no task (one still loading holds none).
  const idle: (() => void)[] = [];
  const lanes = workers.map(
    (w) =>
      new Promise<void>((resolve) => {
        let current: number | undefined;
        let done = false;
        const finish = () => {
          done = true;
          resolve();
        };
        idle.push(() => {
          if (current === undefined) finish();
        });
        const feed = () => {
          if (done) return;
          current = take();
          if (current === undefined) finish();
          else w.postMessage({ id: current, task, payload: payloads[current] } satisfies TaskMessage);
        };
        const fail = () => {
          // The worker is gone: its task goes back to this thread.
          if (current !== undefined && !done) retry.push(current);
          current = undefined;
          finish();
        };
        w.on('message', (m: ReplyMessage) => {
          // A worker gets its first task once it has loaded, so a slow start never holds a task up.
          if ('ready' in m) return feed();
          if ('error' in m) retry.push(m.id);
          else results[m.id] = m.result as R;
          current = undefined;
          feed();
        });
        w.once('error', fail);
        w.once('exit', fail);
      }),
  );
  const here = (async () => {
    for (let i = take(); i !== undefined; i = take()) {
      results[i] = local(payloads[i], shared);
      // Let the workers' replies in between files, so they are fed without waiting for this thread.
      if (workers.length) await new Promise<void>((r) => setImmediate(r));
    }
    for (const stop of idle) stop();
  })();
  await Promise.all([here, ...lanes]);
  await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
  for (const i of retry) results[i] = local(payloads[i], shared);
  return results;
}

function startWorkers(n: number, entry: string, shared: unknown): Worker[] {
  const out: Worker[] = [];
  for (let i = 0; i < n; i++) {
    try {
      out.push(new Worker(entry, { workerData: { shared, [WORKER_MARK]: true }, stdout: true }));
    } catch {
      // No worker (a restricted environment): this thread does the work.
    }
  }
  return out;
}

/**
 * The worker side: answers {@link runParallel}'s messages with `handlers[task](payload, shared)`,
 * `shared` being what the pool sent at start (`workerData.shared`). A handler that throws answers
 * with an error, and the pool runs that task again in its own thread.
 */
export function serveTasks(
  port: { on(event: 'message', f: (m: TaskMessage) => void): void; postMessage(m: ReplyMessage): void },
  handlers: Record<string, (payload: never, shared: never) => unknown | Promise<unknown>>,
  shared: unknown,
): void {
  const fail = (id: number, e: unknown) => port.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  port.on('message', (m) => {
    const handler = handlers[m.task];
    try {
      if (!handler) throw new Error(`no task "${m.task}"`);
      const result = handler(m.payload as never, shared as never);
      // A handler may load its module on first use (and so answer with a promise).
      if (result instanceof Promise) result.then((r) => port.postMessage({ id: m.id, result: r }), (e: unknown) => fail(m.id, e));
      else port.postMessage({ id: m.id, result });
    } catch (e) {
      fail(m.id, e);
    }
  });
  port.postMessage({ ready: true });
}
