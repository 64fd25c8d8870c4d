export const ROOT: string;
export const HOST: string;
export const SHOP_DIR: string;
export const SPA_DIST: string;
/** The payment page answers this late, so its TTFB and LCP are poor in the report. */
export const PAYMENT_DELAY_MS: number;

/** The running demo: its URLs, and `close()`. */
export interface Demo {
  endpoint: string;
  shop: string;
  /** Undefined when the SPA example is not built. */
  spa: string | undefined;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts the collector, the script-tag shop and (when built) the SPA shop; port 0 picks one. */
export function startDemo(options: {
  dataDir: string;
  collectorPort?: number;
  shopPort?: number;
  spaPort?: number;
  spaDist?: string;
  log?: (line: string) => void;
}): Promise<Demo>;
