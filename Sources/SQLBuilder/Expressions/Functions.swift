// Scalar functions and operators on dates, times and the catalog.

/// A timestamp type that `AT TIME ZONE` converts, with the type it converts to.
public protocol SQLTimestamp: SQLType {
  /// `timestamptz AT TIME ZONE zone` is a timestamp, and the other way round.
  associatedtype AtTimeZone: SQLTimestamp
}

extension PG.TimestampTZ: SQLTimestamp { public typealias AtTimeZone = PG.Timestamp }
extension PG.Timestamp: SQLTimestamp { public typealias AtTimeZone = PG.TimestampTZ }

extension SQLExpression where Base: SQLTimestamp {
  /// `x AT TIME ZONE zone`: the wall-clock time in `zone` (or the instant, for a timestamp).
  public func atTimeZone(_ zone: SQLExpression<PG.Text, NotNull>) -> SQLExpression<
    Base.AtTimeZone, Null
  > {
    binary("AT TIME ZONE", node, zone.node, .atTimeZone)
  }

  /// `x AT TIME ZONE offset`: the wall-clock time at a fixed UTC offset, east positive
  /// (`interval '-05:00'` is five hours behind UTC); no zone is looked up. NULL when either is.
  public func atTimeZone(_ offset: SQLExpression<PG.Interval, some Nullability>) -> SQLExpression<
    Base.AtTimeZone, Nullable
  > {
    binary("AT TIME ZONE", node, offset.node, .atTimeZone)
  }
}

/// `DATE(x)`: the calendar date of a timestamp, in the session's time zone for a timestamptz.
public func date<B: SQLTimestamp, N: Nullability>(_ x: SQLExpression<B, N>) -> SQLExpression<
  PG.Date, N
> {
  .init(unchecked: .function(name: "DATE", arguments: [x.node], isAggregate: false, filter: nil))
}

/// `pg_advisory_xact_lock(key)`: takes a transaction-scoped advisory lock, waiting while another
/// transaction holds it; a transaction that holds it already takes it again at once.
public func advisoryXactLock(_ key: SQLExpression<PG.BigInt, NotNull>) -> SQLExpression<
  PG.Void, NotNull
> {
  .init(
    unchecked: .function(
      name: "pg_advisory_xact_lock", arguments: [key.node], isAggregate: false, filter: nil))
}

/// `pg_try_advisory_xact_lock(key)`: takes a transaction-scoped advisory lock if it is free.
public func tryAdvisoryXactLock(_ key: SQLExpression<PG.BigInt, NotNull>) -> SQLExpression<
  PG.Boolean, NotNull
> {
  .init(
    unchecked: .function(
      name: "pg_try_advisory_xact_lock", arguments: [key.node], isAggregate: false, filter: nil))
}

/// `'schema.name'::regclass`: the object id of a relation, resolved when the expression runs.
public func regclass<R: Relation>(_: R.Type) -> SQLExpression<PG.RegClass, NotNull> {
  .init(unchecked: .regclass(R.qualifiedName))
}

/// `to_regclass('schema.name') IS NOT NULL`: whether the relation exists, e.g. for a guard
/// that names the file to apply first.
public func relationExists<R: Relation>(_: R.Type) -> SQLExpression<PG.Boolean, NotNull> {
  .init(
    unchecked: .postfix(
      operand: .toRegclass(R.qualifiedName), op: "IS NOT NULL", precedence: .isTest))
}

/// `to_regclass('schema.name') IS NULL`: whether the relation is missing.
public func relationIsMissing<R: Relation>(_: R.Type) -> SQLExpression<PG.Boolean, NotNull> {
  .init(
    unchecked: .postfix(operand: .toRegclass(R.qualifiedName), op: "IS NULL", precedence: .isTest))
}

extension SQLExpression where Base == PG.RegClass {
  /// The relation's object id, to compare with catalog `oid` columns.
  public var oid: SQLExpression<PG.OID, Null> { cast(to: PG.OID.self) }
}

/// `pg_backend_pid()`: the server process of the current session.
public func backendPID() -> SQLExpression<PG.Integer, NotNull> {
  .init(
    unchecked: .function(name: "pg_backend_pid", arguments: [], isAggregate: false, filter: nil))
}
