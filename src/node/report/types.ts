// The report's data: plain rows, produced the same way from NDJSON (aggregate.ts) and from
// ClickHouse (clickhouse-report.ts), so the HTML page and the terminal summary read one shape.

/** `mobile`, `tablet`, `desktop`, `unknown` (no device plugin), or `all` (every class summed). */
export type DeviceKey = string;

/** One funnel step for one device class. */
export interface FunnelStepRow {
  funnel: string;
  step: string;
  /** 0-based place in the funnel (`props.index`). */
  index: number;
  device: DeviceKey;
  /** Sessions that reached the step (first time in the session: `repeat` events are not counted). */
  sessions: number;
  /** Sessions whose first step of the funnel was this one (`fromStep` null): entries into the funnel. */
  entered: number;
  /** Times the step was listed in `skipped` (a later step reached without it). */
  skipped: number;
  /** Median ms from the previous step (`msSincePrevious`), null when none was timed. */
  medianMs: number | null;
}

/** Signal counts of one page, or one element of a page. */
export interface NavRow {
  path: string;
  /** The element's selector; empty on page rows. */
  selector: string;
  /** The element's text (first seen). */
  text: string;
  device: DeviceKey;
  clicks: number;
  /** Misclicks with confidence ≥ 0.65. */
  misclicks: number;
  /** Misclicks by kind (`near_miss`, `wrong_control`, `accidental_activation`). */
  misclickKinds: Record<string, number>;
  /** Frustration events by kind (`rage_click`, `dead_click`, `u_turn`, …). */
  frustration: Record<string, number>;
  /** The control most often meant instead (`related`), with how often. */
  meant: { selector: string; text: string; count: number } | null;
}

/** Signals counted by the funnel step they happened at (`props.funnelStep`). */
export interface StepSignalRow {
  funnelStep: string;
  device: DeviceKey;
  misclicks: number;
  frustration: Record<string, number>;
}

/** One Web Vital of one page and device class, after keeping the last value per metric id. */
export interface VitalRow {
  path: string;
  device: DeviceKey;
  metric: string;
  n: number;
  p75: number;
  /** Counts by rating. */
  good: number;
  poor: number;
  /** The attribution target seen most on values not rated good (else on all), with its count. */
  target: { target: string; count: number } | null;
}

/** SPA route timings (`timing` with `spa: true`) of one route and device class. */
export interface RouteRow {
  path: string;
  device: DeviceKey;
  n: number;
  median: number;
  p75: number;
}

/** Reassurance kinds found on pages of one type (`reassurance` events). */
export interface ReassurancePresenceRow {
  pageType: string;
  kind: string;
  device: DeviceKey;
  pages: number;
  present: number;
  visible: number;
  aboveFold: number;
}

/** Conversion of sessions that had / had not seen a reassurance kind when reaching a step. */
export interface ReassuranceConversionRow {
  funnel: string;
  step: string;
  kind: string;
  device: DeviceKey;
  seen: number;
  seenConverted: number;
  unseen: number;
  unseenConverted: number;
}

/** Landing consistency of one campaign and device class. */
export interface CampaignRow {
  campaign: string;
  device: DeviceKey;
  landings: number;
  meanScore: number;
  /** Landings with at least one mismatch, and how many of them ended in a quick exit. */
  mismatched: number;
  mismatchedQuickExits: number;
  matched: number;
  matchedQuickExits: number;
  /** Mismatch ids by count, most frequent first. */
  mismatches: { id: string; count: number }[];
}

/** Everything a report shows. */
export interface ReportData {
  source: string;
  /** The `--from` / `--to` days, and the first and last event time seen (epoch ms). */
  range: { from?: string; to?: string; first: number | null; last: number | null };
  totals: {
    /** Events counted (in range, not replays). */
    events: number;
    replays: number;
    outOfRange: number;
    /** Lines that were not JSON objects with a type. */
    unreadable: number;
    sessions: number;
    /** Device classes present, `all` excluded. */
    devices: string[];
  };
  funnels: FunnelStepRow[];
  pages: NavRow[];
  elements: NavRow[];
  steps: StepSignalRow[];
  vitals: VitalRow[];
  routes: RouteRow[];
  presence: ReassurancePresenceRow[];
  conversion: ReassuranceConversionRow[];
  campaigns: CampaignRow[];
}
