// Dates, times and intervals with PostgreSQL's result types: date + integer is a date,
// date - date an integer, timestamptz ± interval a timestamptz, timestamptz - timestamptz an
// interval.

/// `CURRENT_USER`: the role whose privileges apply now (the caller's, in a SECURITY INVOKER
/// function; the owner's, in a SECURITY DEFINER one).
public let currentUser = SQLExpression<PG.Name, NotNull>(unchecked: .keyword("CURRENT_USER"))

/// `CURRENT_DATE`: today in the session's time zone.
public let currentDate = SQLExpression<PG.Date, NotNull>(unchecked: .keyword("CURRENT_DATE"))

/// A part of a date or time that EXTRACT reads.
public enum DateField: String, Sendable {
  case year = "YEAR"
  case quarter = "QUARTER"
  case month = "MONTH"
  case week = "WEEK"
  case day = "DAY"
  case hour = "HOUR"
  case minute = "MINUTE"
  case second = "SECOND"
  /// ISO day of the week, Monday 1 to Sunday 7.
  case isoDayOfWeek = "ISODOW"
  /// Day of the week, Sunday 0 to Saturday 6.
  case dayOfWeek = "DOW"
  /// Seconds since 1970-01-01 00:00 UTC.
  case epoch = "EPOCH"
}

/// A type EXTRACT reads fields of.
public protocol SQLDateTimeValue: SQLType {}
extension PG.Date: SQLDateTimeValue {}
extension PG.Timestamp: SQLDateTimeValue {}
extension PG.TimestampTZ: SQLDateTimeValue {}
extension PG.Time: SQLDateTimeValue {}
extension PG.Interval: SQLDateTimeValue {}

/// `EXTRACT(field FROM x)`: a numeric (PostgreSQL 14 and later; 13 returned double precision).
public func extract<B: SQLDateTimeValue, N: Nullability>(
  _ field: DateField, from x: SQLExpression<B, N>
)
  -> SQLExpression<PG.Numeric, N>
{
  .init(unchecked: .extract(field: field.rawValue, x.node))
}

/// `'n unit …'::interval`: a constant span, e.g. `interval(days: 30)` or `interval(hours: 1)`.
public func interval(
  months: Int = 0, days: Int = 0, hours: Int = 0, minutes: Int = 0, seconds: Int = 0
) -> SQLExpression<PG.Interval, NotNull> {
  let parts = [
    (months, "months"), (days, "days"), (hours, "hours"), (minutes, "minutes"),
    (seconds, "seconds"),
  ]
  .filter { $0.0 != 0 }.map { "\($0.0) \($0.1)" }
  let text = parts.isEmpty ? "0 seconds" : parts.joined(separator: " ")
  return .init(unchecked: .cast(.literal(.string(text)), typeName: PG.Interval.sqlName))
}

/// `d + n`: the date `n` days later.
public func + <L: Nullability, R: Nullability>(
  l: SQLExpression<PG.Date, L>, r: SQLExpression<PG.Integer, R>
) -> SQLExpression<PG.Date, Nullable> { binary("+", l.node, r.node, .additive) }

/// `d + n` with both never NULL.
public func + (l: SQLExpression<PG.Date, NotNull>, r: SQLExpression<PG.Integer, NotNull>)
  -> SQLExpression<PG.Date, NotNull>
{ binary("+", l.node, r.node, .additive) }

/// `d - n`: the date `n` days earlier.
public func - <L: Nullability, R: Nullability>(
  l: SQLExpression<PG.Date, L>, r: SQLExpression<PG.Integer, R>
) -> SQLExpression<PG.Date, Nullable> { binary("-", l.node, r.node, .additive) }

/// `d - n` with both never NULL.
public func - (l: SQLExpression<PG.Date, NotNull>, r: SQLExpression<PG.Integer, NotNull>)
  -> SQLExpression<PG.Date, NotNull>
{ binary("-", l.node, r.node, .additive) }

/// `a - b`: the days from `b` to `a`.
public func - <L: Nullability, R: Nullability>(
  l: SQLExpression<PG.Date, L>, r: SQLExpression<PG.Date, R>
) -> SQLExpression<PG.Integer, Nullable> { binary("-", l.node, r.node, .additive) }

/// `a - b` with both never NULL.
public func - (l: SQLExpression<PG.Date, NotNull>, r: SQLExpression<PG.Date, NotNull>)
  -> SQLExpression<PG.Integer, NotNull>
{ binary("-", l.node, r.node, .additive) }

/// A timestamp type that adding or subtracting an interval keeps.
public protocol SQLInstant: SQLType {}
extension PG.TimestampTZ: SQLInstant {}
extension PG.Timestamp: SQLInstant {}

/// `t + i`: the instant an interval later (a day is a calendar day in the session's zone).
public func + <B: SQLInstant, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Interval, NotNull>
) -> SQLExpression<B, L> { binary("+", l.node, r.node, .additive) }

/// `t - i`: the instant an interval earlier.
public func - <B: SQLInstant, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<PG.Interval, NotNull>
) -> SQLExpression<B, L> { binary("-", l.node, r.node, .additive) }

/// `a - b`: the interval between two instants.
public func - <B: SQLInstant, L: Nullability>(
  l: SQLExpression<B, L>, r: SQLExpression<B, NotNull>
) -> SQLExpression<PG.Interval, L> { binary("-", l.node, r.node, .additive) }
