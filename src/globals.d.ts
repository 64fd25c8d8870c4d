/** The package version, replaced at build time (rollup `define`; vitest `define`). */
declare const __PARCOURS_VERSION__: string;

interface Window {
  /** Global Privacy Control (https://globalprivacycontrol.github.io/gpc-spec/). */
  doNotTrack?: string;
  /** Set by `parcours replay` before a replayed page's scripts run (not a web standard). */
  __parcoursReplay?: boolean;
}
