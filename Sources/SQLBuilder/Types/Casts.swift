// The casts PostgreSQL has (`pg_cast`, plus the I/O conversions to and from text), one marker
// protocol per target type: `x.cast(to: PG.Integer.self)` compiles only when `x`'s type may be
// cast to integer, so `uuid::integer` is a compile error, as it is an error in PostgreSQL.
// Casts from text parse at run time and fail on malformed input, as in PostgreSQL.
/// A type PostgreSQL casts to `smallint`.
public protocol SQLCastableToSmallInt: SQLType {}
/// A type PostgreSQL casts to `integer`.
public protocol SQLCastableToInteger: SQLType {}
/// A type PostgreSQL casts to `bigint`.
public protocol SQLCastableToBigInt: SQLType {}
/// A type PostgreSQL casts to `numeric`.
public protocol SQLCastableToNumeric: SQLType {}
/// A type PostgreSQL casts to `real`.
public protocol SQLCastableToReal: SQLType {}
/// A type PostgreSQL casts to `double precision`.
public protocol SQLCastableToDoublePrecision: SQLType {}
/// A type PostgreSQL casts to `text`.
public protocol SQLCastableToText: SQLType {}
/// A type PostgreSQL casts to `name`.
public protocol SQLCastableToName: SQLType {}
/// A type PostgreSQL casts to `uuid`.
public protocol SQLCastableToUUID: SQLType {}
/// A type PostgreSQL casts to `boolean`.
public protocol SQLCastableToBoolean: SQLType {}
/// A type PostgreSQL casts to `date`.
public protocol SQLCastableToDate: SQLType {}
/// A type PostgreSQL casts to `time`.
public protocol SQLCastableToTime: SQLType {}
/// A type PostgreSQL casts to `timestamp`.
public protocol SQLCastableToTimestamp: SQLType {}
/// A type PostgreSQL casts to `timestamptz`.
public protocol SQLCastableToTimestampTZ: SQLType {}
/// A type PostgreSQL casts to `interval`.
public protocol SQLCastableToInterval: SQLType {}
/// A type PostgreSQL casts to `jsonb`.
public protocol SQLCastableToJSONB: SQLType {}
/// A type PostgreSQL casts to `oid`.
public protocol SQLCastableToOID: SQLType {}
/// A type PostgreSQL casts to `regclass`.
public protocol SQLCastableToRegClass: SQLType {}
extension PG.SmallInt: SQLCastableToSmallInt, SQLCastableToInteger, SQLCastableToBigInt,
  SQLCastableToNumeric, SQLCastableToReal, SQLCastableToDoublePrecision, SQLCastableToText
{}
extension PG.Integer: SQLCastableToSmallInt, SQLCastableToInteger, SQLCastableToBigInt,
  SQLCastableToNumeric, SQLCastableToReal, SQLCastableToDoublePrecision, SQLCastableToText,
  SQLCastableToBoolean, SQLCastableToOID
{}
extension PG.BigInt: SQLCastableToSmallInt, SQLCastableToInteger, SQLCastableToBigInt,
  SQLCastableToNumeric, SQLCastableToReal, SQLCastableToDoublePrecision, SQLCastableToText,
  SQLCastableToOID
{}
extension PG.Numeric: SQLCastableToSmallInt, SQLCastableToInteger, SQLCastableToBigInt,
  SQLCastableToNumeric, SQLCastableToReal, SQLCastableToDoublePrecision, SQLCastableToText
{}
extension PG.Real: SQLCastableToSmallInt, SQLCastableToInteger, SQLCastableToBigInt,
  SQLCastableToNumeric, SQLCastableToReal, SQLCastableToDoublePrecision, SQLCastableToText
{}
extension PG.DoublePrecision: SQLCastableToSmallInt, SQLCastableToInteger, SQLCastableToBigInt,
  SQLCastableToNumeric, SQLCastableToReal, SQLCastableToDoublePrecision, SQLCastableToText
{}
extension PG.Text: SQLCastableToSmallInt, SQLCastableToInteger, SQLCastableToBigInt,
  SQLCastableToNumeric, SQLCastableToReal, SQLCastableToDoublePrecision, SQLCastableToText,
  SQLCastableToName, SQLCastableToUUID, SQLCastableToBoolean, SQLCastableToDate, SQLCastableToTime,
  SQLCastableToTimestamp, SQLCastableToTimestampTZ, SQLCastableToInterval, SQLCastableToJSONB,
  SQLCastableToOID, SQLCastableToRegClass
{}
extension PG.Name: SQLCastableToText, SQLCastableToName {}
extension PG.UUID: SQLCastableToText, SQLCastableToUUID {}
extension PG.Boolean: SQLCastableToInteger, SQLCastableToText, SQLCastableToBoolean {}
extension PG.Date: SQLCastableToText, SQLCastableToDate, SQLCastableToTimestamp,
  SQLCastableToTimestampTZ
{}
extension PG.Time: SQLCastableToText, SQLCastableToTime, SQLCastableToInterval {}
extension PG.Timestamp: SQLCastableToText, SQLCastableToDate, SQLCastableToTime,
  SQLCastableToTimestamp, SQLCastableToTimestampTZ
{}
extension PG.TimestampTZ: SQLCastableToText, SQLCastableToDate, SQLCastableToTime,
  SQLCastableToTimestamp, SQLCastableToTimestampTZ
{}
extension PG.Interval: SQLCastableToText, SQLCastableToTime, SQLCastableToInterval {}
extension PG.JSONB: SQLCastableToSmallInt, SQLCastableToInteger, SQLCastableToBigInt,
  SQLCastableToNumeric, SQLCastableToReal, SQLCastableToDoublePrecision, SQLCastableToText,
  SQLCastableToBoolean, SQLCastableToJSONB
{}
extension PG.OID: SQLCastableToInteger, SQLCastableToBigInt, SQLCastableToText, SQLCastableToOID,
  SQLCastableToRegClass
{}
extension PG.RegClass: SQLCastableToText, SQLCastableToOID, SQLCastableToRegClass {}

extension SQLExpression {
  func casting<T: SQLType>(_: T.Type) -> SQLExpression<T, Null> {
    .init(unchecked: .cast(node, typeName: T.sqlName))
  }
}

extension SQLExpression where Base: SQLCastableToSmallInt {
  /// `x::smallint`, keeping the nullability.
  public func cast(to _: PG.SmallInt.Type) -> SQLExpression<PG.SmallInt, Null> {
    casting(PG.SmallInt.self)
  }
}

extension SQLExpression where Base: SQLCastableToInteger {
  /// `x::integer`, keeping the nullability.
  public func cast(to _: PG.Integer.Type) -> SQLExpression<PG.Integer, Null> {
    casting(PG.Integer.self)
  }
}

extension SQLExpression where Base: SQLCastableToBigInt {
  /// `x::bigint`, keeping the nullability.
  public func cast(to _: PG.BigInt.Type) -> SQLExpression<PG.BigInt, Null> {
    casting(PG.BigInt.self)
  }
}

extension SQLExpression where Base: SQLCastableToNumeric {
  /// `x::numeric`, keeping the nullability.
  public func cast(to _: PG.Numeric.Type) -> SQLExpression<PG.Numeric, Null> {
    casting(PG.Numeric.self)
  }
}

extension SQLExpression where Base: SQLCastableToReal {
  /// `x::real`, keeping the nullability.
  public func cast(to _: PG.Real.Type) -> SQLExpression<PG.Real, Null> { casting(PG.Real.self) }
}

extension SQLExpression where Base: SQLCastableToDoublePrecision {
  /// `x::double precision`, keeping the nullability.
  public func cast(to _: PG.DoublePrecision.Type) -> SQLExpression<PG.DoublePrecision, Null> {
    casting(PG.DoublePrecision.self)
  }
}

extension SQLExpression where Base: SQLCastableToText {
  /// `x::text`, keeping the nullability.
  public func cast(to _: PG.Text.Type) -> SQLExpression<PG.Text, Null> { casting(PG.Text.self) }
}

extension SQLExpression where Base: SQLCastableToName {
  /// `x::name`, keeping the nullability.
  public func cast(to _: PG.Name.Type) -> SQLExpression<PG.Name, Null> { casting(PG.Name.self) }
}

extension SQLExpression where Base: SQLCastableToUUID {
  /// `x::uuid`, keeping the nullability.
  public func cast(to _: PG.UUID.Type) -> SQLExpression<PG.UUID, Null> { casting(PG.UUID.self) }
}

extension SQLExpression where Base: SQLCastableToBoolean {
  /// `x::boolean`, keeping the nullability.
  public func cast(to _: PG.Boolean.Type) -> SQLExpression<PG.Boolean, Null> {
    casting(PG.Boolean.self)
  }
}

extension SQLExpression where Base: SQLCastableToDate {
  /// `x::date`, keeping the nullability.
  public func cast(to _: PG.Date.Type) -> SQLExpression<PG.Date, Null> { casting(PG.Date.self) }
}

extension SQLExpression where Base: SQLCastableToTime {
  /// `x::time`, keeping the nullability.
  public func cast(to _: PG.Time.Type) -> SQLExpression<PG.Time, Null> { casting(PG.Time.self) }
}

extension SQLExpression where Base: SQLCastableToTimestamp {
  /// `x::timestamp`, keeping the nullability.
  public func cast(to _: PG.Timestamp.Type) -> SQLExpression<PG.Timestamp, Null> {
    casting(PG.Timestamp.self)
  }
}

extension SQLExpression where Base: SQLCastableToTimestampTZ {
  /// `x::timestamptz`, keeping the nullability.
  public func cast(to _: PG.TimestampTZ.Type) -> SQLExpression<PG.TimestampTZ, Null> {
    casting(PG.TimestampTZ.self)
  }
}

extension SQLExpression where Base: SQLCastableToInterval {
  /// `x::interval`, keeping the nullability.
  public func cast(to _: PG.Interval.Type) -> SQLExpression<PG.Interval, Null> {
    casting(PG.Interval.self)
  }
}

extension SQLExpression where Base: SQLCastableToJSONB {
  /// `x::jsonb`, keeping the nullability.
  public func cast(to _: PG.JSONB.Type) -> SQLExpression<PG.JSONB, Null> { casting(PG.JSONB.self) }
}

extension SQLExpression where Base: SQLCastableToOID {
  /// `x::oid`, keeping the nullability.
  public func cast(to _: PG.OID.Type) -> SQLExpression<PG.OID, Null> { casting(PG.OID.self) }
}

extension SQLExpression where Base: SQLCastableToRegClass {
  /// `x::regclass`, keeping the nullability.
  public func cast(to _: PG.RegClass.Type) -> SQLExpression<PG.RegClass, Null> {
    casting(PG.RegClass.self)
  }
}
