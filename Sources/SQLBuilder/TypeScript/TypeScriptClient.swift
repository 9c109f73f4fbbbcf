/// What every ``TypeScriptFile`` declares once for its functions: the client they take, as a
/// structural type (supabase-js's client has it, with no import of supabase-js), and the
/// error they throw.
///
/// ```ts
/// try {
///   await getMetricsForRange(supabase, { p_account_id, p_from_date: '2024-05-31', p_to_date: '2024-05-01' })
/// } catch (e) {
///   if (e instanceof RpcError && e.code === '22023') … // p_from_date must not be after p_to_date
/// }
/// ```
enum TypeScriptClient {
  static let declarations = """
    /**
     * What the functions below need of a client: the `rpc` of supabase-js's client, or of
     * anything whose call resolves to `{ data, error }` as it does.
     */
    export interface RpcClient {
      rpc(fn: string, args?: object): PromiseLike<{ data: unknown; error: unknown }>
    }

    /**
     * A call PostgREST refused or PostgreSQL failed: `error` as the client gave it, `code` its
     * SQLSTATE when it has one (`'22023'`: an argument the function rejects).
     */
    export class RpcError extends Error {
      readonly fn: string
      readonly error: unknown
      readonly code: string | undefined

      constructor(fn: string, error: unknown) {
        super(`${fn}: ${textOf(error, 'message') ?? String(error)}`)
        Object.setPrototypeOf(this, new.target.prototype)
        this.name = 'RpcError'
        this.fn = fn
        this.error = error
        this.code = textOf(error, 'code')
      }
    }

    /** `value[key]` when `value` is an object and that is a string. */
    function textOf(value: unknown, key: string): string | undefined {
      if (typeof value !== 'object' || value === null) return undefined
      const field = (value as Record<string, unknown>)[key]
      return typeof field === 'string' ? field : undefined
    }
    """
}
