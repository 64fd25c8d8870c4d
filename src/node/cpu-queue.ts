/** Runs CPU-heavy steps in slices; see {@link createCpuQueue}. */
export interface CpuQueue {
  /** Runs `task` on a later turn of the event loop, within the queue's time budget. */
  run<T>(task: () => T): Promise<T>;
}

/**
 * A queue for the CPU-heavy part of requests (inflate, parse, validate, encode), run for
 * at most `budgetMs` per turn of the event loop. Without it, a thousand requests that
 * arrive together are each processed inside the same I/O phase, and for that long the
 * collector cannot notice that a ClickHouse insert finished (or send the next one):
 * every request then waits for the slowest turn, and the CPU idles between floods.
 */
export function createCpuQueue(budgetMs = 50): CpuQueue {
  let tasks: (() => void)[] = [];
  let next = 0;
  let scheduled = false;

  function drain(): void {
    scheduled = false;
    const end = performance.now() + budgetMs;
    while (next < tasks.length && performance.now() < end) tasks[next++]!();
    if (next === tasks.length) {
      tasks = [];
      next = 0;
    } else schedule();
  }
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  }

  return {
    run(task) {
      return new Promise((resolve, reject) => {
        tasks.push(() => {
          try {
            resolve(task());
          } catch (error) {
            reject(error as Error);
          }
        });
        schedule();
      });
    },
  };
}
