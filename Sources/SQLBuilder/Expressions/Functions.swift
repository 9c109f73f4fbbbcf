// Scalar functions and operators on dates, times and the catalog.

/// A timestamp type that `AT TIME ZONE` converts, with the type it converts to.
public protocol SQLTimestamp: SQLType {
  /// `timestamptz AT TIME ZONE zone` is a timestamp, and the other way round.
  associatedtype AtTimeZone: SQLTimestamp
}

extension PG.TimestampTZ: SQLTimestamp { public typealias AtTimeZone = PG.Timestamp }
extension PG.Timestamp: SQLTimestamp { public typealias AtTimeZone = PG.TimestampTZ }

extension Expression where Base: SQLTimestamp {
  /// `x AT TIME ZONE zone`: the wall-clock time in `zone` (or the instant, for a timestamp).
  public func atTimeZone(_ zone: Expression<PG.Text, NotNull>) -> Expression<Base.AtTimeZone, Null>
  {
    binary("AT TIME ZONE", node, zone.node, .atTimeZone)
  }
}

/// `DATE(x)`: the calendar date of a timestamp, in the session's time zone for a timestamptz.
public func date<B: SQLTimestamp, N: Nullability>(_ x: Expression<B, N>) -> Expression<PG.Date, N> {
  .init(unchecked: .function(name: "DATE", arguments: [x.node], isAggregate: false, filter: nil))
}

/// `pg_try_advisory_xact_lock(key)`: takes a transaction-scoped advisory lock if it is free.
public func tryAdvisoryXactLock(_ key: Expression<PG.BigInt, NotNull>) -> Expression<
  PG.Boolean, NotNull
> {
  .init(
    unchecked: .function(
      name: "pg_try_advisory_xact_lock", arguments: [key.node], isAggregate: false, filter: nil))
}

/// `'schema.name'::regclass`: the object id of a relation, resolved when the expression runs.
public func regclass<R: Relation>(_: R.Type) -> Expression<PG.RegClass, NotNull> {
  .init(unchecked: .cast(.literal(.string(R.qualifiedName.plain)), typeName: PG.RegClass.sqlName))
}

extension Expression where Base == PG.RegClass {
  /// The relation's object id, to compare with catalog `oid` columns.
  public var oid: Expression<PG.OID, Null> { cast(to: PG.OID.self) }
}

/// `EXISTS (SELECT 1 FROM source WHERE condition)`.
public func exists(
  _ source: some FromSource, where condition: Expression<PG.Boolean, some Nullability>
) -> Expression<PG.Boolean, NotNull> {
  .init(unchecked: .exists(from: source.fromItem, condition: condition.node))
}

/// `pg_backend_pid()`: the server process of the current session.
public func backendPID() -> Expression<PG.Integer, NotNull> {
  .init(
    unchecked: .function(name: "pg_backend_pid", arguments: [], isAggregate: false, filter: nil))
}
