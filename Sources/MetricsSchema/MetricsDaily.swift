import SQLBuilder

/// `public.mv_metrics_daily`: one row per (account, location, local date); contract section 2.
public struct MetricsDaily: ShapedRelation {
  public typealias Shape = MetricsDailyCounts
  public static let qualifiedName = QualifiedName("public", "mv_metrics_daily")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  /// NULL for facts of a known account without a location.
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  /// The local calendar date in the location's (else the account's, else UTC) time zone.
  public let date = Column<PG.Date, NotNull>("date")
  /// `total_calls`, … (``MetricsDailyCounts``).
  public let counts = ShapeColumns()
  public let totalRevenueOrders = Column<PG.DoublePrecision, NotNull>("total_revenue_orders")
  /// Estimated reservation revenue; 0 unless the account's mode is `orders_plus_res_estimate`.
  public let totalRevenueResEstimate = Column<PG.DoublePrecision, NotNull>(
    "total_revenue_res_estimate")
  public let totalRevenue = Column<PG.DoublePrecision, NotNull>("total_revenue")
  public let minutesSaved = Column<PG.DoublePrecision, NotNull>("minutes_saved")
  public init() {}
}

/// The count metrics of `mv_metrics_daily`, `bigint NOT NULL` each, in its column order. A new
/// one is two edits: its column here, and its count in `MetricsView.totals`
/// (`out.missedCalls(tally(f.status == "missed"))`). The totals of both strategies, the
/// catch-up and the tests' column lists read this declaration.
public struct MetricsDailyCounts: Relation {
  /// Never created: the columns are `mv_metrics_daily`'s and the totals'.
  public static let qualifiedName = QualifiedName("metrics_daily_counts")
  public let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  public let ordersCount = Column<PG.BigInt, NotNull>("orders_count")
  public let reservationsCount = Column<PG.BigInt, NotNull>("reservations_count")
  public let completedCalls = Column<PG.BigInt, NotNull>("completed_calls")
  public init() {}
}

/// `public.metrics_time_zone_names`: the zone names of `pg_timezone_names`, listed once per
/// deployment because listing them costs about half a second in every fresh session.
public struct MetricsTimeZoneNames: Relation {
  public static let qualifiedName = QualifiedName("public", "metrics_time_zone_names")
  /// The name in lower case: PostgreSQL finds zones without regard to case.
  public let lookupKey = Column<PG.Text, NotNull>("lookup_key")
  /// The name as PostgreSQL lists it.
  public let name = Column<PG.Text, NotNull>("name")
  public init() {}
}

/// `public.metrics_time_zone_offsets`: for each listed zone a location or account names, the
/// lowest and highest UTC offsets it has at any UTC midnight of ``ZoneOffsets``' window, so most
/// facts are dated at a fixed offset instead of by looking their zone up (``ZoneOffsets``).
public struct MetricsTimeZoneOffsets: Relation {
  public static let qualifiedName = QualifiedName("public", "metrics_time_zone_offsets")
  /// The zone's name as `metrics_time_zone_names` lists it.
  public let name = Column<PG.Text, NotNull>("name")
  /// East positive: `-05:00:00` is five hours behind UTC.
  public let lowestOffset = Column<PG.Interval, NotNull>("lowest_offset")
  public let highestOffset = Column<PG.Interval, NotNull>("highest_offset")
  public init() {}
}
