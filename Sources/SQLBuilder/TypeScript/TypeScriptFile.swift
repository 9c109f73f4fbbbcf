/// A TypeScript file of typed calls to set-returning functions over PostgREST, written from
/// the declarations the SQL is generated from: a row type per relation, an argument type and
/// an `async` function per function, and the functions in the shape of the `Database` type
/// `supabase gen types typescript` writes. It imports nothing; a client is anything with
/// supabase-js's `rpc`.
///
/// ```swift
/// let file = TypeScriptFile(header: ["Generated …"], database: "MetricsDatabase", functions: [
///   TypeScriptFunction(ReadAPI.function, returnsSetOf: MetricsDaily.self, summary: "…"),
/// ])
/// try file.render()
/// // export type MetricsDailyRow = {
/// //   /** uuid */
/// //   account_id: string
/// //   …
/// // export type MetricsDatabase = {
/// //   public: { Functions: { get_metrics_for_range: { Args: GetMetricsForRangeArgs; … } } }
/// // export type WithMetricsDatabase<D> = …
/// // export async function getMetricsForRange(client: RpcClient, args: GetMetricsForRangeArgs) …
/// ```
public struct TypeScriptFile: Sendable {
  /// The comment lines at the top.
  public let header: [String]
  /// The name of the `Database`-shaped type; `With` before it names the type that merges it.
  public let databaseTypeName: String
  /// The functions, in the order written.
  public let functions: [TypeScriptFunction]

  /// A file of `functions`, their `Database` shape named `database`.
  public init(header: [String], database: String, functions: [TypeScriptFunction]) {
    self.header = header
    databaseTypeName = database
    self.functions = functions
  }

  /// Checks the rules (``TypeScriptRules``), then writes the text; throws, naming each
  /// problem, when one is broken.
  public func render() throws(SQLGenerationError) -> String {
    let problems = TypeScriptRules.check(self)
    guard problems.isEmpty else { throw SQLGenerationError(diagnostics: problems) }
    var blocks = [header.map { $0.isEmpty ? "//" : "// \($0)" }.joined(separator: "\n")]
    var rowTypes: Set<String> = []
    for function in functions where rowTypes.insert(function.rowTypeName).inserted {
      blocks.append(rowType(function))
    }
    blocks += functions.map(argumentsType)
    blocks += [database, merge, TypeScriptClient.declarations]
    blocks += functions.map(wrapper)
    return blocks.joined(separator: "\n\n") + "\n"
  }

  /// `export type MetricsDailyRow = { … }`.
  func rowType(_ function: TypeScriptFunction) -> String {
    """
    /** A row of \(function.relation) as PostgREST sends it in JSON. */
    export type \(function.rowTypeName) = {
    \(members(function.columns))
    }
    """
  }

  /// `export type GetMetricsForRangeArgs = { … }`.
  func argumentsType(_ function: TypeScriptFunction) -> String {
    """
    /** The arguments of \(function.name), by name as supabase-js passes them. */
    export type \(function.argumentsTypeName) = {
    \(members(function.parameters))
    }
    """
  }

  /// One field a line, each after a doc comment with its PostgreSQL type.
  func members(_ members: [TypeScriptMember]) -> String {
    members.map { member in
      let optional = member.isOptional ? "?" : ""
      let note = member.isOptional ? ", DEFAULT \(member.isNullable ? "NULL" : "set")" : ""
      return """
          /** \(member.sqlType)\(note) */
          \(Self.propertyKey(member.name))\(optional): \(member.typeScriptType ?? "never")
        """
    }.joined(separator: "\n")
  }

  /// `export type MetricsDatabase = { public: { Functions: { … } } }`.
  var database: String {
    let schemas = functions.reduce(into: [String]()) { schemas, function in
      let schema = function.name.schema ?? ""
      if !schemas.contains(schema) { schemas.append(schema) }
    }
    let body = schemas.map { schema in
      let entries = functions.filter { $0.name.schema == schema }.map { function in
        """
              \(Self.propertyKey(function.name.name)): {
                Args: \(function.argumentsTypeName)
                Returns: \(function.rowTypeName)[]
              }
        """
      }
      return """
          \(Self.propertyKey(schema)): {
            Functions: {
        \(entries.joined(separator: "\n"))
            }
          }
        """
    }
    return """
      /**
       * These functions in the shape of the `Database` type `supabase gen types typescript` writes:
       * `With\(databaseTypeName)<Database>` puts them in it.
       */
      export type \(databaseTypeName) = {
      \(body.joined(separator: "\n"))
      }
      """
  }

  /// `export type WithMetricsDatabase<D> = …`: `D` with these functions in place of its own.
  var merge: String {
    """
    /**
     * `D`, the `Database` type `supabase gen types typescript` writes, with the functions of
     * `\(databaseTypeName)` in place of its own and everything else as it is:
     * `createClient<With\(databaseTypeName)<Database>>(url, key)`.
     */
    export type With\(databaseTypeName)<D> = {
      [S in keyof D]: S extends keyof \(databaseTypeName)
        ? {
            [K in keyof D[S]]: K extends 'Functions'
              ? Omit<D[S][K], keyof \(databaseTypeName)[S]['Functions']> & \(databaseTypeName)[S]['Functions']
              : D[S][K]
          }
        : D[S]
    }
    """
  }

  /// `export async function getMetricsForRange(client, args): Promise<MetricsDailyRow[]>`.
  func wrapper(_ function: TypeScriptFunction) -> String {
    let name = Self.stringLiteral(function.name.name)
    let summary = Self.wrapped(function.summary, width: 96).map { " * \($0)" }
    return """
      /**
       * Calls \(function.name) and returns its rows; throws `RpcError` when the call fails.
       *
      \(summary.joined(separator: "\n"))
       */
      export async function \(function.wrapperName)(
        client: RpcClient,
        args: \(function.argumentsTypeName),
      ): Promise<\(function.rowTypeName)[]> {
        const { data, error } = await client.rpc(\(name), args)
        if (error) throw new RpcError(\(name), error)
        if (!Array.isArray(data)) throw new RpcError(\(name), { message: 'the response holds no rows' })
        return data as \(function.rowTypeName)[]
      }
      """
  }

  /// `text` in lines of at most `width` characters, broken between words.
  static func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    for word in text.split(separator: " ") {
      if let last = lines.last, last.count + 1 + word.count <= width {
        lines[lines.count - 1] += " \(word)"
      } else {
        lines.append(String(word))
      }
    }
    return lines
  }

  /// `name` as a property key: as it is when a word, else quoted.
  static func propertyKey(_ name: String) -> String {
    TypeScriptRules.isWord(name) ? name : stringLiteral(name)
  }

  /// `'text'`, with `\` and `'` escaped and control characters written as escapes.
  static func stringLiteral(_ text: String) -> String {
    var literal = "'"
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": literal += "\\\\"
      case "'": literal += "\\'"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        literal += "\\u{\(String(scalar.value, radix: 16))}"
      default: literal.unicodeScalars.append(scalar)
      }
    }
    return literal + "'"
  }
}
