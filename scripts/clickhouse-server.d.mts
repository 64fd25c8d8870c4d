/** The ClickHouse server command of this machine, or undefined when none is installed. */
export function findClickHouse(): { command: string; args: string[] } | undefined;

/** `count` distinct free TCP ports on 127.0.0.1. */
export function freePorts(count: number): Promise<number[]>;

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number>;

/** The packaged config.xml, rewritten to live in `dir` and listen on the given ports only. */
export function rewriteConfig(xml: string, dir: string, httpPort: number, tcpPort: number): string;

/** A throwaway ClickHouse server process; see {@link startClickHouse}. */
export interface ClickHouseServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly dir: string;
  readonly httpPort: number;
  readonly pid: number | undefined;
  /** Starts the process (again, same folder and ports) and resolves once it answers /ping. */
  start(): Promise<void>;
  /** Ends the process with `signal` (default SIGKILL) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Runs one query over HTTP and returns the answer text. */
  query(sql: string): Promise<string>;
  /** Ends the process and removes its folder. */
  stop(): Promise<void>;
}

/** Starts ClickHouse in a new temporary folder, on free ports of 127.0.0.1. */
export function startClickHouse(options?: { timeoutMs?: number }): Promise<ClickHouseServer>;
