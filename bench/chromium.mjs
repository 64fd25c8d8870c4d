// Debian's Chromium through playwright-core, with the flags this machine needs (no sandbox as
// root; no background networking, which the closed network refuses). Shared by every bench.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the system Chromium (`PARCOURS_CHROMIUM` overrides the path). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.PARCOURS_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
