import SQLBuilder

// The CTEs of mv_metrics_daily. Each source is read once and aggregated to one row per
// (account, location, local date); the three are stacked with UNION ALL and summed per key,
// which keeps NULL locations together (GROUP BY treats NULLs as equal, USING does not).

/// `location_zones`: each location's time zone, when it is a valid name.
struct LocationZones: Relation {
  static let qualifiedName = QualifiedName("location_zones")
  let locationID = Column<PG.UUID, NotNull>("location_id")
  let timeZone = Column<PG.Text, NotNull>("time_zone")
}

/// `account_zones`: each account's default time zone, when it is a valid name.
struct AccountZones: Relation {
  static let qualifiedName = QualifiedName("account_zones")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let timeZone = Column<PG.Text, NotNull>("time_zone")
}

/// The key every daily CTE starts with.
protocol DailyKey: Relation {
  var accountID: Column<PG.UUID, NotNull> { get }
  var locationID: Column<PG.UUID, Nullable> { get }
  var date: Column<PG.Date, NotNull> { get }
}

/// `call_days`: call counts per key.
struct CallDays: DailyKey {
  static let qualifiedName = QualifiedName("call_days")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  let ordersCount = Column<PG.BigInt, NotNull>("orders_count")
  let reservationsCount = Column<PG.BigInt, NotNull>("reservations_count")
  let completedCalls = Column<PG.BigInt, NotNull>("completed_calls")
}

/// `order_days`: order revenue per key.
struct OrderDays: DailyKey {
  static let qualifiedName = QualifiedName("order_days")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let totalRevenueOrders = Column<PG.DoublePrecision, NotNull>("total_revenue_orders")
}

/// `reservation_days`: the reservation revenue estimate per key, counted only in
/// `orders_plus_res_estimate` mode (NULL when nothing is counted).
struct ReservationDays: DailyKey {
  static let qualifiedName = QualifiedName("reservation_days")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let totalRevenueResEstimate = Column<PG.Numeric, Nullable>("total_revenue_res_estimate")
}

/// `daily_facts`: the three CTEs stacked, zeros where a source says nothing.
struct DailyFacts: DailyKey {
  static let qualifiedName = QualifiedName("daily_facts")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  let ordersCount = Column<PG.BigInt, NotNull>("orders_count")
  let reservationsCount = Column<PG.BigInt, NotNull>("reservations_count")
  let completedCalls = Column<PG.BigInt, NotNull>("completed_calls")
  let totalRevenueOrders = Column<PG.DoublePrecision, NotNull>("total_revenue_orders")
  let totalRevenueResEstimate = Column<PG.DoublePrecision, NotNull>("total_revenue_res_estimate")
}

/// `daily_totals`: one row per key.
struct DailyTotals: Relation {
  static let qualifiedName = QualifiedName("daily_totals")
  let accountID = Column<PG.UUID, NotNull>("account_id")
  let locationID = Column<PG.UUID, Nullable>("location_id")
  let date = Column<PG.Date, NotNull>("date")
  let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  let ordersCount = Column<PG.BigInt, NotNull>("orders_count")
  let reservationsCount = Column<PG.BigInt, NotNull>("reservations_count")
  let completedCalls = Column<PG.BigInt, NotNull>("completed_calls")
  let totalRevenueOrders = Column<PG.DoublePrecision, NotNull>("total_revenue_orders")
  let totalRevenueResEstimate = Column<PG.DoublePrecision, NotNull>("total_revenue_res_estimate")
}
