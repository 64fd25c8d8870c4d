// The report's SQL, written for ClickHouse 18.16 (Debian's) and current releases alike: props
// and the other event fields are JSON text, read with visitParamExtract* (JSONExtract* came
// in 19.x), arrays with extractAll, and `all` devices by arrayJoin([device, 'all']) (no ROLLUP).
// visitParam* reads the first `"name":` in the text, so nested objects are cut out with
// visitParamExtractRaw before their fields are read.

const DEVICE = `visitParamExtractString(visitParamExtractRaw(extra, 'device'), 'class')`;
const DEV = `if(has(['mobile', 'tablet', 'desktop'], ${DEVICE}), ${DEVICE}, 'unknown')`;
const REPLAY = `visitParamExtractBool(extra, 'replay')`;
const prop = (name: string) => `visitParamExtractString(props, '${name}')`;
const nested = (object: string, name: string) =>
  `visitParamExtractString(visitParamExtractRaw(props, '${object}'), '${name}')`;
const stringArray = (name: string) =>
  `extractAll(visitParamExtractRaw(props, '${name}'), '"([^"]*)"')`;

/** The parts every query shares: the table, the time range in epoch ms. */
export interface QueryScope {
  database: string;
  table: string;
  start: number;
  end: number;
}

/** Events of `types` in range and not from a replay, with `dev` (class) and `device` (class and 'all'). */
function events(s: QueryScope, types: readonly string[], columns: string): string {
  const range = [
    Number.isFinite(s.start) ? `ts >= ${s.start}` : '',
    Number.isFinite(s.end) ? `ts < ${s.end}` : '',
  ]
    .filter(Boolean)
    .join(' AND ');
  return `(SELECT ${columns}, ${DEV} AS dev, arrayJoin([dev, 'all']) AS device
    FROM ${s.database}.${s.table} FINAL
    WHERE type IN (${types.map((t) => `'${t}'`).join(', ')}) AND NOT ${REPLAY}${range ? ` AND ${range}` : ''})`;
}

/** Totals: counted events, replays, out of range, sessions, devices, first and last time. */
export function totalsSql(s: QueryScope): string {
  const inRange = `ts >= ${Number.isFinite(s.start) ? s.start : 0} AND ts < ${Number.isFinite(s.end) ? s.end : '18446744073709551615'}`;
  return `SELECT countIf(NOT ${REPLAY} AND ${inRange}) AS events, countIf(${REPLAY}) AS replays,
    countIf(NOT ${REPLAY} AND NOT (${inRange})) AS outOfRange,
    uniqExactIf(sid, sid != '' AND NOT ${REPLAY} AND ${inRange}) AS sessions,
    groupUniqArrayIf(${DEV}, NOT ${REPLAY} AND ${inRange}) AS devices,
    minIf(ts, NOT ${REPLAY} AND ${inRange}) AS first, maxIf(ts, NOT ${REPLAY} AND ${inRange}) AS last
    FROM ${s.database}.${s.table} FINAL`;
}

const STEP_COLUMNS = `${prop('funnel')} AS funnel, ${prop('step')} AS step,
  visitParamExtractInt(props, 'index') AS idx, visitParamExtractBool(props, 'repeat') AS rep,
  visitParamExtractRaw(props, 'msSincePrevious') AS gapRaw, visitParamExtractRaw(props, 'fromStep') AS fromRaw, visitParamExtractFloat(props, 'msSincePrevious') AS gap, props, sid`;

/** Funnel steps: sessions (repeats not counted) and median gap per step and device. */
export function funnelsSql(s: QueryScope): string {
  return `SELECT funnel, step, max(idx) AS stepIndex, device, countIf(NOT rep) AS sessions,
    countIf(NOT rep AND (fromRaw = '' OR fromRaw = 'null')) AS entered,
    countIf(NOT rep AND gapRaw != '' AND gapRaw != 'null' AND gap >= 0) AS timed,
    quantileExactIf(0.5)(gap, NOT rep AND gapRaw != '' AND gapRaw != 'null' AND gap >= 0) AS medianMs
    FROM ${events(s, ['funnel_step'], STEP_COLUMNS)} WHERE funnel != '' AND step != ''
    GROUP BY funnel, step, device`;
}

/** How often each step was listed in `skipped`. */
export function skippedSql(s: QueryScope): string {
  return `SELECT funnel, arrayJoin(${stringArray('skipped')}) AS skippedStep, device, count() AS skipped
    FROM ${events(s, ['funnel_step'], STEP_COLUMNS)} WHERE funnel != '' AND NOT rep
    GROUP BY funnel, skippedStep, device`;
}

/** Clicks, misclicks (confidence ≥ 0.65) and frustration by page, element, kind and device. */
export function navigationSql(s: QueryScope): string {
  const columns = `type, path, ${nested('target', 'selector')} AS selector, ${nested('target', 'text')} AS text,
    ${prop('kind')} AS kind, visitParamExtractFloat(props, 'confidence') AS confidence,
    ${nested('related', 'selector')} AS meantSelector, ${nested('related', 'text')} AS meantText,
    ${prop('funnelStep')} AS funnelStep`;
  return `SELECT type, path, selector, any(text) AS firstText, device, kind, funnelStep, meantSelector,
    any(meantText) AS firstMeantText, count() AS n
    FROM ${events(s, ['click', 'misclick', 'frustration'], columns)}
    WHERE type != 'misclick' OR confidence >= 0.65
    GROUP BY type, path, selector, device, kind, funnelStep, meantSelector`;
}

/** Vitals, the last value per metric id (argMax by time): lPath, lDev, lMetric, lValue, lRating, lTarget. */
function lastVitals(s: QueryScope): string {
  const columns = `id AS eventId, ts, path, ${prop('name')} AS metric, visitParamExtractFloat(props, 'value') AS value,
    ${prop('rating')} AS rating, ${nested('attribution', 'target')} AS target, ${prop('id')} AS metricId`;
  return `(SELECT if(metricId = '', eventId, metricId) AS key, argMax(path, ts) AS lPath, argMax(dev, ts) AS lDev,
      argMax(metric, ts) AS lMetric, argMax(value, ts) AS lValue, argMax(rating, ts) AS lRating,
      argMax(target, ts) AS lTarget
    FROM ${events(s, ['vital'], columns)} WHERE device = 'all' AND metric != '' GROUP BY key)`;
}

/** p75 and ratings per page, metric and device. */
export function vitalsSql(s: QueryScope): string {
  return `SELECT lPath AS path, arrayJoin([lDev, 'all']) AS device, lMetric AS metric, count() AS n,
    quantileExact(0.75)(lValue) AS p75, countIf(lRating = 'good') AS good, countIf(lRating = 'poor') AS poor
    FROM ${lastVitals(s)} GROUP BY path, device, metric`;
}

/** Attribution targets per page, metric and device, split into good and not good. */
export function vitalTargetsSql(s: QueryScope): string {
  return `SELECT lPath AS path, arrayJoin([lDev, 'all']) AS device, lMetric AS metric, lTarget AS target,
    lRating = 'good' AS isGood, count() AS n
    FROM ${lastVitals(s)} WHERE lTarget != '' GROUP BY path, device, metric, target, isGood`;
}

/** SPA route timings per route and device. */
export function routesSql(s: QueryScope): string {
  const columns = `path, visitParamExtractBool(props, 'spa') AS spa, visitParamExtractFloat(props, 'duration') AS duration,
    visitParamExtractRaw(props, 'duration') AS durationRaw`;
  return `SELECT path, device, count() AS n, quantileExact(0.5)(duration) AS median, quantileExact(0.75)(duration) AS p75
    FROM ${events(s, ['timing'], columns)} WHERE spa AND durationRaw != '' GROUP BY path, device`;
}

/** Reassurance kinds per page type: pages reporting the kind, present, visible, above the fold. */
export function presenceSql(s: QueryScope): string {
  const kinds = `visitParamExtractRaw(props, 'kinds')`;
  const flagged = (flag: string) => `extractAll(${kinds}, '"([^"]+)":\\\\{[^}]*"${flag}":true')`;
  const columns = `${prop('pageType')} AS pageType, extractAll(${kinds}, '"([^"]+)":\\\\{') AS all,
    ${flagged('present')} AS present, ${flagged('visible')} AS visible, ${flagged('aboveFold')} AS aboveFold`;
  return `SELECT if(pageType = '', '(unknown)', pageType) AS pageType, kind, device, count() AS pages,
    countIf(has(present, kind)) AS presentN, countIf(has(visible, kind)) AS visibleN, countIf(has(aboveFold, kind)) AS aboveFoldN
    FROM ${events(s, ['reassurance'], columns)} ARRAY JOIN all AS kind GROUP BY pageType, kind, device`;
}

/** Conversion (reached the funnel's last step) of sessions that had / had not seen each kind at a step. */
export function conversionSql(s: QueryScope): string {
  const steps = events(s, ['funnel_step'], STEP_COLUMNS);
  const exposures = `(SELECT sid, funnel, step, device, tupleElement(x, 1) AS kind, tupleElement(x, 2) AS seen
    FROM ${steps} ARRAY JOIN arrayConcat(arrayMap(k -> tuple(k, 1), ${stringArray('reassuranceSeen')}),
      arrayMap(k -> tuple(k, 0), ${stringArray('reassuranceUnseen')})) AS x
    WHERE funnel != '' AND NOT rep)`;
  const reached = `(SELECT sid, funnel, max(idx) AS reached FROM ${steps} WHERE device = 'all' GROUP BY sid, funnel)`;
  const last = `(SELECT funnel, max(idx) AS last FROM ${steps} WHERE device = 'all' GROUP BY funnel)`;
  const converted = `(SELECT sid, funnel, reached = last AS converted FROM ${reached} ANY LEFT JOIN ${last} USING funnel)`;
  return `SELECT funnel, step, kind, device, countIf(seen = 1) AS seenN, countIf(seen = 1 AND converted) AS seenConverted,
    countIf(seen = 0) AS unseenN, countIf(seen = 0 AND converted) AS unseenConverted
    FROM ${exposures} ANY LEFT JOIN ${converted} USING (sid, funnel) GROUP BY funnel, step, kind, device`;
}

const CAMPAIGN = `if(${nested('campaign', 'campaign')} != '', ${nested('campaign', 'campaign')},
  if(${nested('campaign', 'source')} != '' OR ${nested('campaign', 'medium')} != '',
    concat(if(${nested('campaign', 'source')} = '', '?', ${nested('campaign', 'source')}), ' / ',
      if(${nested('campaign', 'medium')} = '', '?', ${nested('campaign', 'medium')})), '(none)'))`;
const LANDING_COLUMNS = `sid, ts, ${CAMPAIGN} AS campaign, visitParamExtractFloat(props, 'score') AS score,
  ${stringArray('mismatches')} AS mismatches`;

/** Landings per campaign and device: count, mean score. */
export function campaignsSql(s: QueryScope): string {
  return `SELECT campaign, device, count() AS landings, avg(score) AS meanScore
    FROM ${events(s, ['landing_check'], LANDING_COLUMNS)} GROUP BY campaign, device`;
}

/** Mismatch ids per campaign and device. */
export function mismatchesSql(s: QueryScope): string {
  return `SELECT campaign, device, mismatchId, count() AS n
    FROM ${events(s, ['landing_check'], LANDING_COLUMNS)} ARRAY JOIN mismatches AS mismatchId GROUP BY campaign, device, mismatchId`;
}

/** Each session's first landing joined to its quick exit: exits of mismatched vs matched landings. */
export function exitsSql(s: QueryScope): string {
  const first = `(SELECT sid, argMin(campaign, ts) AS fCampaign, argMin(dev, ts) AS fDev,
      argMin(notEmpty(mismatches), ts) AS mismatched
    FROM ${events(s, ['landing_check'], LANDING_COLUMNS)} WHERE device = 'all' GROUP BY sid)`;
  const exits = `(SELECT DISTINCT sid, 1 AS exited FROM ${events(s, ['landing_exit'], `sid, ${prop('kind')} AS kind`)}
    WHERE kind = 'quick_exit')`;
  return `SELECT fCampaign AS campaign, arrayJoin([fDev, 'all']) AS device, countIf(mismatched) AS mismatchedLandings,
    countIf(mismatched AND exited = 1) AS mismatchedQuickExits, countIf(NOT mismatched) AS matched,
    countIf(NOT mismatched AND exited = 1) AS matchedQuickExits
    FROM ${first} ANY LEFT JOIN ${exits} USING sid GROUP BY campaign, device`;
}
