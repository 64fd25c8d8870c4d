/** mulberry32. */
export function rng(seed: number): () => number;
export const STEPS: readonly string[];

/** What one seeded shopper does. */
export interface ShopperPlan {
  n: number;
  seed: number;
  mobile: boolean;
  entry: 'home' | 'campaign';
  sku: string;
  nearMiss: boolean;
  wrongButton: boolean;
  deadApply: boolean;
  leaveAt: 'product' | 'cart' | 'payment' | 'purchase';
}

export function planShoppers(count: number, seed?: number): ShopperPlan[];

/** The figures a report of these shoppers must show. */
export interface ExpectedFigures {
  sessions: number;
  steps: Record<string, number>;
  nearMisses: number;
  wrongButtons: number;
  deadApply: number;
  campaignLandings: number;
  slowPayments: number;
}
export function expectedFigures(plans: ShopperPlan[]): ExpectedFigures;
