// What the README's blocks take as given: a Supabase client created with the merged `Database`
// type, and the ids the dashboard has. The client is a stand-in with the shape of postgrest-js's
// `rpc`: generic in the function's name and arguments, resolving to `{ data, error }`.

import type { Database } from './lib/database.types'
import type { WithMetricsDatabase } from './lib/queries/metrics'

type Functions = WithMetricsDatabase<Database>['public']['Functions']

type PostgrestError = { message: string; details: string; hint: string; code: string }

interface StandInClient {
  rpc<FnName extends string & keyof Functions, Args extends Functions[FnName]['Args'] = {}>(
    fn: FnName,
    args?: Args,
    options?: { head?: boolean; get?: boolean; count?: 'exact' | 'planned' | 'estimated' },
  ): PromiseLike<
    | { data: Functions[FnName]['Returns']; error: null }
    | { data: null; error: PostgrestError }
  >
}

declare global {
  const supabase: StandInClient
  const accountId: string
  const locationId: string
}
