import SQLBuilder

// The story's sketch names every relation without a schema, as it found them on search_path.

/// `calls_v`, unqualified.
public struct StoryCalls: Relation {
  public static let qualifiedName = QualifiedName("calls_v")
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let status = Column<PG.Text, NotNull>("status")
  public let callType = Column<PG.Text, NotNull>("call_type")
  public let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
  public init() {}
}

/// `orders_v`, unqualified.
public struct StoryOrders: Relation {
  public static let qualifiedName = QualifiedName("orders_v")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let totalAmount = Column<PG.DoublePrecision, NotNull>("total_amount")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}
}

/// `reservations_v`, unqualified.
public struct StoryReservations: Relation {
  public static let qualifiedName = QualifiedName("reservations_v")
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let guestCount = Column<PG.Integer, Nullable>("guest_count")
  public let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}
}

/// `location_settings`, unqualified.
public struct StoryLocationSettings: Relation {
  public static let qualifiedName = QualifiedName("location_settings")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let minutesSavedBaselineSeconds = Column<PG.Integer, Nullable>(
    "minutes_saved_baseline_seconds")
  public let avgSpendPerHead = Column<PG.Numeric, Nullable>("avg_spend_per_head")
  public init() {}
}

/// `account_settings`, unqualified.
public struct StoryAccountSettings: Relation {
  public static let qualifiedName = QualifiedName("account_settings")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public let minutesSavedBaselineSeconds = Column<PG.Integer, NotNull>(
    "minutes_saved_baseline_seconds")
  public let avgSpendPerHead = Column<PG.Numeric, Nullable>("avg_spend_per_head")
  public init() {}
}

/// The sketch's CTE `calls`.
public struct StoryCallDays: CommonTable {
  public static let qualifiedName = QualifiedName("calls")
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let date = Column<PG.Date, Nullable>("date")
  public let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  public let ordersCount = Column<PG.BigInt, Nullable>("orders_count")
  public let reservationsCount = Column<PG.BigInt, Nullable>("reservations_count")
  public let completedCalls = Column<PG.BigInt, Nullable>("completed_calls")
  public init() {}
}

/// The sketch's CTE `orders`.
public struct StoryOrderDays: CommonTable {
  public static let qualifiedName = QualifiedName("orders")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let date = Column<PG.Date, NotNull>("date")
  public let totalRevenueOrders = Column<PG.DoublePrecision, Nullable>("total_revenue_orders")
  public init() {}
}

/// The sketch's CTE `res_est`.
public struct StoryReservationDays: CommonTable {
  public static let qualifiedName = QualifiedName("res_est")
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let date = Column<PG.Date, NotNull>("date")
  public let totalRevenueResEstimate = Column<PG.Numeric, Nullable>("total_revenue_res_estimate")
  public init() {}
}

/// The sketch's CTE `minutes`.
public struct StoryMinutes: CommonTable {
  public static let qualifiedName = QualifiedName("minutes")
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let date = Column<PG.Date, Nullable>("date")
  public let minutesSaved = Column<PG.Numeric, Nullable>("minutes_saved")
  public init() {}
}

/// The sketch's `mv_metrics_daily`.
public struct StoryMetricsDaily: Relation {
  public static let qualifiedName = QualifiedName("mv_metrics_daily")
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let date = Column<PG.Date, Nullable>("date")
  public let totalCalls = Column<PG.BigInt, NotNull>("total_calls")
  public let ordersCount = Column<PG.BigInt, NotNull>("orders_count")
  public let reservationsCount = Column<PG.BigInt, NotNull>("reservations_count")
  public let totalRevenueOrders = Column<PG.DoublePrecision, NotNull>("total_revenue_orders")
  public let totalRevenueResEstimate = Column<PG.Numeric, NotNull>("total_revenue_res_estimate")
  public let minutesSaved = Column<PG.Numeric, NotNull>("minutes_saved")
  public init() {}
}
