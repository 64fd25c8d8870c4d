// Types of the Bench Shop server (server.mjs).
export const ROOT: string;
export function startShop(): Promise<{ origin: string; close(): Promise<void> }>;
