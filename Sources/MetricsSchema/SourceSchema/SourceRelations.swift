import SQLBuilder

// The relations earlier stories created, with the columns the metrics read
// (metrics contract, section 1). The generated SQL only reads them.

/// `public.accounts`: one row per tenant.
public struct Accounts: Relation {
  public static let qualifiedName = QualifiedName("public", "accounts")
  public static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.accountID]] }
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  /// IANA zone name; may be NULL or garbage.
  public let defaultTimeZone = Column<PG.Text, Nullable>("default_time_zone")
  public init() {}
}

/// `public.locations`: a tenant's restaurants.
public struct Locations: Relation {
  public static let qualifiedName = QualifiedName("public", "locations")
  public static var uniqueKeys: [[PartialKeyPath<Self>]] { [[\.locationID]] }
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  /// IANA zone name; may be NULL or garbage.
  public let timeZone = Column<PG.Text, Nullable>("time_zone")
  public init() {}
}

/// `public.calls_v`: calls answered by the agent.
public struct CallsV: Relation {
  public static let qualifiedName = QualifiedName("public", "calls_v")
  public let id = Column<PG.Text, NotNull>("id")
  /// NULL when the call has no location; such calls belong to no tenant.
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let status = Column<PG.Text, NotNull>("status")
  public let callType = Column<PG.Text, NotNull>("call_type")
  public let startedAt = Column<PG.TimestampTZ, Nullable>("started_at")
  public init() {}
}

/// `public.orders_v`: orders taken, with their amounts.
public struct OrdersV: Relation {
  public static let qualifiedName = QualifiedName("public", "orders_v")
  public let id = Column<PG.UUID, NotNull>("id")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  /// NULL when the location was deleted.
  public let locationID = Column<PG.UUID, Nullable>("location_id")
  public let totalAmount = Column<PG.DoublePrecision, NotNull>("total_amount")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}
}

/// `public.reservations_v`: reservations made.
public struct ReservationsV: Relation {
  public static let qualifiedName = QualifiedName("public", "reservations_v")
  public let id = Column<PG.UUID, NotNull>("id")
  public let accountID = Column<PG.UUID, Nullable>("account_id")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let guestCount = Column<PG.Integer, Nullable>("guest_count")
  public let avgSpendPerHeadOverride = Column<PG.Numeric, Nullable>("avg_spend_per_head_override")
  public let createdAt = Column<PG.TimestampTZ, NotNull>("created_at")
  public init() {}
}

/// `public.account_settings`: at most one row per account.
public struct AccountSettings: Relation {
  public static let qualifiedName = QualifiedName("public", "account_settings")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public let minutesSavedBaselineSeconds = Column<PG.Integer, NotNull>(
    "minutes_saved_baseline_seconds")
  /// `'orders_only'` or `'orders_plus_res_estimate'`.
  public let revenueMode = Column<PG.Text, NotNull>("revenue_mode")
  public let avgSpendPerHead = Column<PG.Numeric, Nullable>("avg_spend_per_head")
  public init() {}
}

/// `public.location_settings`: at most one row per location.
public struct LocationSettings: Relation {
  public static let qualifiedName = QualifiedName("public", "location_settings")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let minutesSavedBaselineSeconds = Column<PG.Integer, Nullable>(
    "minutes_saved_baseline_seconds")
  public let avgSpendPerHead = Column<PG.Numeric, Nullable>("avg_spend_per_head")
  public init() {}
}

/// `public.user_location_access`: which locations of which account a signed-in user may see.
public struct UserLocationAccess: Relation {
  public static let qualifiedName = QualifiedName("public", "user_location_access")
  public let userID = Column<PG.UUID, NotNull>("user_id")
  public let locationID = Column<PG.UUID, NotNull>("location_id")
  public let accountID = Column<PG.UUID, NotNull>("account_id")
  public init() {}
}
