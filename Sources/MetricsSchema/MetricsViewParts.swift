import SQLBuilder

// The CTEs of mv_metrics_daily. Every call, order and reservation becomes one dated fact; the
// facts of all three sources are stacked with UNION ALL and aggregated once per key, which keeps
// NULL locations together (GROUP BY treats NULLs as equal, USING does not) and lets PostgreSQL
// split the scans and the aggregation across parallel workers.

/// `location_zones`: each location's time zone, when it names a zone in any case, as listed,
/// with its lowest and highest offsets (``ZoneOffsets``).
struct LocationZones: CommonTable {
  static let qualifiedName = QualifiedName("location_zones")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let timeZone = Column<PG.Text, NotNull>("time_zone")
  let lowestOffset = Column<PG.Interval, NotNull>("lowest_offset")
  let highestOffset = Column<PG.Interval, NotNull>("highest_offset")
}

/// `account_zones`: each account's default time zone, when it names a zone in any case, as
/// listed, with its lowest and highest offsets (``ZoneOffsets``).
struct AccountZones: CommonTable {
  static let qualifiedName = QualifiedName("account_zones")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let timeZone = Column<PG.Text, NotNull>("time_zone")
  let lowestOffset = Column<PG.Interval, NotNull>("lowest_offset")
  let highestOffset = Column<PG.Interval, NotNull>("highest_offset")
}

/// `daily_facts`: one row per call, order and reservation, with the local midnight starting its
/// day in its effective time zone.
/// Columns a source says nothing about are NULL: only calls have a call type and a status,
/// only orders an amount, only reservations an estimate.
struct DailyFacts: CommonTable {
  static let qualifiedName = QualifiedName("daily_facts")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  /// The day as its local midnight, found by arithmetic for most facts (``ZoneOffsets``); the
  /// totals take its date once per key.
  let day = Column<PG.Timestamp, NotNull>("day")
  let isCall = Column<PG.Boolean, NotNull>("is_call")
  let callType = Column<PG.Text, Nullable>("call_type")
  let status = Column<PG.Text, Nullable>("status")
  /// The amount in whole cents: integers add up exactly in double precision (up to 2^53), so
  /// a day's sum does not depend on the order parallel workers add it in. NULL for an amount
  /// that is not a plausible sale (see `MetricsView.largestAmount`).
  let orderCents = Column<PG.DoublePrecision, Nullable>("order_cents")
  /// A reservation's estimate at its own spend per head (the override), in whole cents; NULL
  /// without an override or a guest count that is not negative.
  let overrideCents = Column<PG.DoublePrecision, Nullable>("override_cents")
  /// The guests of a reservation without an override, to be priced at its location's or
  /// account's spend per head; NULL without a guest count that is not negative.
  let estimateGuests = Column<PG.Integer, Nullable>("estimate_guests")
  /// `'0'::xid` in every fact: the key that makes the totals' grouping hashed
  /// (`groupByHashing(on:)`), read as it is rather than added to every fact in a step of its
  /// own above the stacked facts.
  let hashKey = Column<PG.Xid, NotNull>("hash_key")
}

/// `daily_totals`: one row per key, independent of the settings, which apply per key at the end;
/// the incremental strategy keeps the same rows in `private.metrics_daily_totals`. Every column
/// but the key adds up: a catch-up adds a change's totals to the stored ones.
struct DailyTotals: CommonTable, ShapedRelation {
  typealias Shape = MetricsDailyCounts
  static let qualifiedName = QualifiedName("daily_totals")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  /// Counted calls, orders and reservations: the row goes when it reaches 0.
  let facts = Column<PG.BigInt, NotNull>("facts")
  /// The count metrics, `total_calls`, … (``MetricsDailyCounts``).
  let counts = ShapeColumns()
  /// In cents, exact below 2^53.
  let orderCents = Column<PG.DoublePrecision, NotNull>("order_cents")
  /// In cents, exact below 2^53.
  let overrideCents = Column<PG.DoublePrecision, NotNull>("override_cents")
  let estimateGuests = Column<PG.BigInt, NotNull>("estimate_guests")

  /// The key, which does not add up.
  static let key = ["account_id", "location_id", "date"]
}
