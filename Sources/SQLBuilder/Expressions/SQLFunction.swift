/// Any PostgreSQL function, declared in one line with its argument and result types, the way
/// Diesel's `sql_function!` declares them:
///
/// ```swift
/// let dateTrunc = SQLFunction<PG.Text, PG.TimestampTZ, PG.TimestampTZ>("date_trunc")
/// dateTrunc("week", o.placedAt)   // date_trunc('week', o.placed_at)
/// ```
/// The last type is the result, the others the arguments. Called with NOT NULL arguments the
/// result is NOT NULL, otherwise nullable, as for most functions, which return NULL for a NULL
/// argument. Declare a function that may return NULL whatever its arguments as a
/// ``NullableSQLFunction``.
public struct SQLFunction<each Argument: SQLType, Result: SQLType>: Sendable {
  let name: QualifiedName

  /// The function `schema.name`; `schema` nil for a built-in found on every `search_path`.
  public init(_ name: String, schema: String? = nil) { self.name = QualifiedName(schema, name) }

  /// What the declaration says PostgreSQL has, to check against its catalog.
  public var declaration: FunctionDeclaration {
    var types: [String] = []
    for type in repeat (each Argument).self { types.append(type.sqlName) }
    return FunctionDeclaration(name: name, argumentTypes: types, result: Result.sqlName)
  }

  private func call(_ arguments: [SQLNode]) -> SQLNode { .call(name, arguments) }

  /// `name(arguments…)` with arguments that are never NULL.
  public func callAsFunction(_ arguments: repeat SQLExpression<each Argument, NotNull>)
    -> SQLExpression<Result, NotNull>
  {
    var nodes: [SQLNode] = []
    for argument in repeat each arguments { nodes.append(argument.node) }
    return .init(unchecked: call(nodes))
  }

  /// `name(arguments…)`, NULL when an argument is.
  public func callAsFunction<each N: Nullability>(
    _ arguments: repeat SQLExpression<each Argument, each N>
  ) -> SQLExpression<Result, Nullable> {
    var nodes: [SQLNode] = []
    for argument in repeat each arguments { nodes.append(argument.node) }
    return .init(unchecked: call(nodes))
  }
}

/// A function that may return NULL whatever its arguments, e.g. `auth.uid()` without a signed-in
/// user: every call is typed nullable.
public struct NullableSQLFunction<each Argument: SQLType, Result: SQLType>: Sendable {
  let name: QualifiedName

  /// The function `schema.name`.
  public init(_ name: String, schema: String? = nil) { self.name = QualifiedName(schema, name) }

  /// What the declaration says PostgreSQL has, to check against its catalog.
  public var declaration: FunctionDeclaration {
    var types: [String] = []
    for type in repeat (each Argument).self { types.append(type.sqlName) }
    return FunctionDeclaration(name: name, argumentTypes: types, result: Result.sqlName)
  }

  /// `name(arguments…)`.
  public func callAsFunction<each N: Nullability>(
    _ arguments: repeat SQLExpression<each Argument, each N>
  ) -> SQLExpression<Result, Nullable> {
    var nodes: [SQLNode] = []
    for argument in repeat each arguments { nodes.append(argument.node) }
    return .init(unchecked: .call(name, nodes))
  }
}

/// A declared function as PostgreSQL's catalog lists it: `to_regprocedure` finds
/// ``regprocedure`` when the function exists with those argument types, and its result type
/// is ``result``.
public struct FunctionDeclaration: Hashable, Sendable, CustomStringConvertible {
  /// The name, schema-qualified or found on `search_path`.
  public let name: QualifiedName
  /// The argument types, as `format_type` names them.
  public let argumentTypes: [String]
  /// The result type, as `format_type` names it.
  public let result: String

  /// `schema.name(type, …)`, as `to_regprocedure` reads it.
  public var regprocedure: String {
    "\(name.rendered)(\(argumentTypes.joined(separator: ", ")))"
  }

  public var description: String { "\(regprocedure) returns \(result)" }
}

extension SQLNode {
  /// A call of a possibly schema-qualified function.
  static func call(_ name: QualifiedName, _ arguments: [SQLNode]) -> SQLNode {
    .routine(name, arguments)
  }
}

// Built-in functions, declared the same way.

/// `gen_random_uuid()`: a random (version 4) uuid, e.g. a primary key's default.
public let genRandomUUID = SQLFunction<PG.UUID>("gen_random_uuid")

/// `now()`: the start of the current transaction.
public let now = SQLFunction<PG.TimestampTZ>("now")

/// `statement_timestamp()`: the start of the client's current statement, e.g. a cron job's
/// `SELECT f()`.
public let statementTimestamp = SQLFunction<PG.TimestampTZ>("statement_timestamp")

/// `clock_timestamp()`: the time now, moving on within a statement.
public let clockTimestamp = SQLFunction<PG.TimestampTZ>("clock_timestamp")

/// `pg_is_in_recovery()`: true on a standby (a read replica), false on the primary.
public let pgIsInRecovery = SQLFunction<PG.Boolean>("pg_is_in_recovery")

/// `pg_postmaster_start_time()`: when the server last started, e.g. to notice a restart.
public let postmasterStartTime = SQLFunction<PG.TimestampTZ>("pg_postmaster_start_time")

/// `date_trunc(field, timestamptz)`: the instant truncated to the start of its `field`
/// (`'day'`, `'week'`, `'month'`, …) in the session's time zone.
public let dateTrunc = SQLFunction<PG.Text, PG.TimestampTZ, PG.TimestampTZ>("date_trunc")

/// `date_trunc(field, timestamp)`: the wall-clock time truncated to the start of its `field`.
public let dateTruncLocal = SQLFunction<PG.Text, PG.Timestamp, PG.Timestamp>("date_trunc")

/// `date_bin(stride, timestamp, origin)`: the start of the `stride`-long bin, counted from
/// `origin`, that holds the wall-clock time: arithmetic, where `date_trunc` splits it into fields.
public let dateBin = SQLFunction<PG.Interval, PG.Timestamp, PG.Timestamp, PG.Timestamp>("date_bin")

/// `lower(text)`: the text in lower case, e.g. to match names without regard to case.
public let lower = SQLFunction<PG.Text, PG.Text>("lower")

/// `upper(text)`: the text in upper case.
public let upper = SQLFunction<PG.Text, PG.Text>("upper")

/// `btrim(text)`: the text without leading and trailing spaces (`trim(x)`).
public let trim = SQLFunction<PG.Text, PG.Text>("btrim")

/// `btrim(text, characters)`: the text without leading and trailing `characters`.
public let trimCharacters = SQLFunction<PG.Text, PG.Text, PG.Text>("btrim")

/// `ltrim(text)`: the text without leading spaces.
public let trimLeading = SQLFunction<PG.Text, PG.Text>("ltrim")

/// `rtrim(text)`: the text without trailing spaces.
public let trimTrailing = SQLFunction<PG.Text, PG.Text>("rtrim")

/// `replace(text, from, to)`: every occurrence of `from` replaced by `to`.
public let replace = SQLFunction<PG.Text, PG.Text, PG.Text, PG.Text>("replace")

/// `split_part(text, delimiter, n)`: the `n`th field (from 1; negative from the end in
/// PostgreSQL 14+), `''` past the last.
public let splitPart = SQLFunction<PG.Text, PG.Text, PG.Integer, PG.Text>("split_part")

/// `substr(text, from, count)`: `count` characters from position `from` (from 1).
public let substring = SQLFunction<PG.Text, PG.Integer, PG.Integer, PG.Text>("substr")

/// `strpos(text, part)`: the position of `part` in the text (from 1), 0 when absent
/// (`position(part IN text)`).
public let position = SQLFunction<PG.Text, PG.Text, PG.Integer>("strpos")

/// `length(text)`: the number of characters.
public let characterCount = SQLFunction<PG.Text, PG.Integer>("length")

/// `auth.uid()`: Supabase's id of the signed-in user, NULL without one.
public let authUID = NullableSQLFunction<PG.UUID>("uid", schema: "auth")

/// `auth.role()`: Supabase's role of the request (`anon`, `authenticated`, `service_role`).
public let authRole = NullableSQLFunction<PG.Text>("role", schema: "auth")
