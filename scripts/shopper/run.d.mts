import type { Browser } from 'playwright-core';
import type { ShopperPlan } from './plan.mjs';

export function launchChromium(): Promise<Browser>;
export function runShoppers(options: {
  browser: Browser;
  shop: string;
  endpoint?: string;
  count: number;
  seed?: number;
  concurrency?: number;
  log?: (line: string) => void;
}): Promise<ShopperPlan[]>;
