// What the generated types allow and refuse: each `@ts-expect-error` line must fail to
// type-check, or tsc reports the directive as unused.

import type { Database as Generated } from './lib/database.types'
import {
  getMetricsForRange,
  RpcError,
  type GetMetricsForRangeArgs,
  type MetricsDailyRow,
  type WithMetricsDatabase,
} from './lib/queries/metrics'

const range = { p_account_id: accountId, p_from_date: '2024-05-01', p_to_date: '2024-05-31' }

// p_location_id: left out, null, or a location's id.
await getMetricsForRange(supabase, range)
await getMetricsForRange(supabase, { ...range, p_location_id: null })
await getMetricsForRange(supabase, { ...range, p_location_id: locationId })
// @ts-expect-error a location is a uuid, as a string
await getMetricsForRange(supabase, { ...range, p_location_id: 5 })
// @ts-expect-error p_account_id is required
await getMetricsForRange(supabase, { p_from_date: '2024-05-01', p_to_date: '2024-05-31' })
// @ts-expect-error and never null
await getMetricsForRange(supabase, { ...range, p_account_id: null })
// @ts-expect-error a client needs `rpc`
await getMetricsForRange({}, range)

// A NOT NULL column needs no null check; a nullable one does.
const [row] = await getMetricsForRange(supabase, range)
const calls: number = row.total_calls
const revenue: number = row.total_revenue
// @ts-expect-error location_id is NULL for the account-wide row
const location: string = row.location_id
// @ts-expect-error a bigint arrives as a number
const text: string = row.total_calls

// Any object whose `rpc` resolves to { data, error } is a client.
const fake = { rpc: async (_fn: string, _args: object) => ({ data: [] as unknown, error: null }) }
const none: MetricsDailyRow[] = await getMetricsForRange(fake, range)

// The error carries the SQLSTATE.
const error = new RpcError('get_metrics_for_range', { message: 'm', code: '22023' })
const code: string | undefined = error.code

// The generated types alone refuse p_location_id: null and type every field `| null` ...
type GeneratedFunction = Generated['public']['Functions']['get_metrics_for_range']
// @ts-expect-error the generated Args take no null
const generatedArgs: GeneratedFunction['Args'] = { ...range, p_location_id: null }
// @ts-expect-error the generated Returns are nullable
const generatedCalls: number = ([] as GeneratedFunction['Returns'])[0].total_calls

// ... merged, the function is this file's, and the rest stays as generated.
type Merged = WithMetricsDatabase<Generated>
type MergedFunction = Merged['public']['Functions']['get_metrics_for_range']
const mergedArgs: MergedFunction['Args'] = { ...range, p_location_id: null }
const sameArgs: GetMetricsForRangeArgs = mergedArgs
const mergedRows: MetricsDailyRow[] = [] as MergedFunction['Returns']
const refresh: Merged['public']['Functions']['refresh_metrics_daily'] =
  {} as Generated['public']['Functions']['refresh_metrics_daily']
const views: Generated['public']['Views'] = {} as Merged['public']['Views']
const enums: Merged['public']['Enums'] = {} as Generated['public']['Enums']

export const used = [calls, revenue, location, text, none, code, generatedArgs, generatedCalls]
export const alsoUsed = [sameArgs, mergedRows, refresh, views, enums]
